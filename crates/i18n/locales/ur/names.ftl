# names: names of languages, categories and faiths shown on forms, facets and explanations
#
# Languages: Unicode CLDR 48's Urdu names (cldr-localenames-full 48.2.0, main/ur/languages.json;
# Unicode License v3, text in crates/query/data/LICENSE-CLDR-Unicode-3.0.txt) of the community
# languages the search form offers; Dari is CLDR's "fa-AF". Other names fall back to English.

language-eng = انگریزی
language-ben = بنگلہ
language-urd = اردو
language-pan = پنجابی
language-som = صومالی
language-ara = عربی
language-pol = پولش
language-guj = گجراتی
language-hin = ہندی
language-ron = رومینین
language-tir = ٹگرینیا
language-slk = سلوواک
language-ces = چیک
language-fas = فارسی
language-prs = دری
language-pus = پشتو
language-kur = کردی
language-ckb = سینٹرل کردش
language-lit = لیتھوینین
language-amh = امہاری
language-heb = عبرانی
language-bul = بلغاری
language-yid = یدش
language-vie = ویتنامی
language-tur = ترکی
language-tam = تمل
language-sin = سنہالا
language-zho = چینی
language-yue = کینٹونیز
language-por = پُرتگالی
language-spa = ہسپانوی
language-rus = روسی
language-ukr = یوکرینیائی
language-lav = لیٹوین
language-sqi = البانی
language-nep = نیپالی
language-cym = ویلش
