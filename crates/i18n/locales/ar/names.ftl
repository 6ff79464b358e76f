# names: names of languages, categories and faiths shown on forms, facets and explanations
#
# Languages: Unicode CLDR 48's Arabic names (cldr-localenames-full 48.2.0, main/ar/languages.json;
# Unicode License v3, text in crates/query/data/LICENSE-CLDR-Unicode-3.0.txt) of the community
# languages the search form offers; Dari is CLDR's "fa-AF". Other names fall back to English.

language-eng = الإنجليزية
language-ben = البنغالية
language-urd = الأوردية
language-pan = البنجابية
language-som = الصومالية
language-ara = العربية
language-pol = البولندية
language-guj = الغوجاراتية
language-hin = الهندية
language-ron = الرومانية
language-tir = التغرينية
language-slk = السلوفاكية
language-ces = التشيكية
language-fas = الفارسية
language-prs = الدارية
language-pus = البشتو
language-kur = الكردية
language-ckb = السورانية الكردية
language-rom = الغجرية
language-lit = الليتوانية
language-amh = الأمهرية
language-heb = العبرية
language-bul = البلغارية
language-yid = اليديشية
language-vie = الفيتنامية
language-tur = التركية
language-tam = التاميلية
language-sin = السنهالية
language-zho = الصينية
language-yue = الكَنْتُونية
language-por = البرتغالية
language-spa = الإسبانية
language-rus = الروسية
language-ukr = الأوكرانية
language-lav = اللاتفية
language-sqi = الألبانية
language-nep = النيبالية
language-cym = الويلزية
