"""Builds language_aliases.tsv from ../../../../shared/data/languages and curated_languages.tsv.

Run from this folder: python3 build_language_aliases.py /work/shared/data/languages
Writes alias<TAB>code<TAB>source rows (source: curated, census, iso639-3, cldr) and
language_names.tsv (code<TAB>display name for explanations).
"""
import csv
import re
import sys

# Names that are also everyday English words or would read as something else in a query.
STOP = {"ga", "gã", "ido", "maa", "vai", "sena", "saho", "kaje", "katab", "rikpa", "kuvi", "latin",
        "creek", "cree", "ewe", "luo", "shan", "pali", "tonga", "teso", "embu", "meru", "rwa", "asu",
        "jju", "anii", "kako", "pedi", "lao", "yi", "sango", "manx", "scots", "irish", "ladin",
        "interlingue", "interlingua", "volapük", "lojban", "esperanto", "toki pona", "avestan",
        "church slavic", "sanskrit", "jawa", "makua", "walon", "corsu", "sardu", "haitian", "nauru",
        "kako", "bafia", "tyap", "atsam", "obolo", "aghem", "rombo", "langi", "rundi", "swati",
        "venda", "herero", "ndonga", "kuanyama", "avaric", "chamorro", "hiri motu", "marshallese",
        "bislama", "fijian", "samoan", "tahitian", "english", "gaelic", "afar", "basa", "bena", "bodo",
        "komi", "soga"}


# Scripts no community writes its language in today (Deseret, Shavian and other historic or
# invented alphabets): an endonym in one is never what a practitioner types or should be shown.
HISTORIC_SCRIPTS = {"Dsrt", "Shaw", "Goth", "Ogam", "Runr", "Ital", "Xsux", "Egyp", "Linb", "Copt",
                    "Glag", "Ugar", "Xpeo", "Phnx", "Brah", "Kthi", "Dupl"}


def clean(name):
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def main(src):
    rows = []
    seen = set()

    def add(alias, code, source):
        key = alias.lower()
        if key in seen or (source != "curated" and key in STOP) or len(key) < 3:
            return
        seen.add(key)
        rows.append((alias, code, source))

    display = {}
    with open("curated_languages.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, alias, disp, _why = line.rstrip("\n").split("\t")
            add(alias, code, "curated")
            if disp == "display":
                display[code] = alias
    iso = {r["code"]: r for r in csv.DictReader(open(f"{src}/iso639_3.csv", encoding="utf-8"))}
    census = list(csv.DictReader(open(f"{src}/census_ts024_to_iso.csv", encoding="utf-8")))
    endonyms = list(csv.DictReader(open(f"{src}/endonyms.csv", encoding="utf-8")))
    for r in census:
        if r["match"] in ("exact", "macro"):
            name = r["category_name"].split(": ")[-1]
            if name.startswith(("Any ", "All other ")):
                continue
            for part in re.split(r" or ", clean(name)):
                add(part.strip(), r["iso639_3"], "census")
    wanted = {r["iso639_3"] for r in endonyms}
    for r in census:
        wanted.update(c for c in r["iso639_3"].split(";") if c)
    for code, r in sorted(iso.items()):
        if (code in wanted or r["iso639_1"]) and r["type"] == "L":
            for name in (r["name"], r["common_name"]):
                if name:
                    add(clean(name), code, "iso639-3")
            display.setdefault(code, clean(r["name"]))
    for r in endonyms:
        if r["script"] not in HISTORIC_SCRIPTS:
            add(r["endonym"], r["iso639_3"], "cldr")
    with open("language_aliases.tsv", "w", encoding="utf-8") as out:
        out.write("# alias\tISO 639-3 code\tsource (see SOURCE.md)\n")
        for alias, code, source in rows:
            out.write(f"{alias}\t{code}\t{source}\n")
    with open("language_names.tsv", "w", encoding="utf-8") as out:
        out.write("# ISO 639-3 code\tEnglish display name\n")
        for code in sorted(display):
            out.write(f"{code}\t{display[code]}\n")


main(sys.argv[1])
