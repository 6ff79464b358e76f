"""Rebuilds festivals.csv from the `holidays` package (PyPI, MIT licence).

    python3 -m venv venv && venv/bin/pip install holidays==0.108
    venv/bin/python build_festivals.py > festivals.csv

Easter Sunday is not taken from here: signpost-match computes it (anonymous Gregorian Computus)
and its tests check the result against `holidays.calendars.gregorian`'s Easter for 2025-2030.
"""

import csv
import sys
from datetime import date

from holidays.calendars.hebrew import _HebrewLunisolar
from holidays.calendars.hindu import _HinduLunisolar
from holidays.calendars.islamic import _IslamicLunar

YEARS = range(2025, 2031)
PKG = "holidays 0.108"
UMM = f"{PKG} calendars/islamic.py _IslamicLunar (Umm al-Qura); UK observance follows moon sighting and may be a day later"
HINDU = f"{PKG} calendars/hindu.py _HinduLunisolar (timeanddate.com India, archived); UK date may differ by a day"
HEBREW = f"{PKG} calendars/hebrew.py _HebrewLunisolar (arithmetic Hebrew calendar); begins at sunset the evening before"

# (faith, code, name, table, attribute, basis, source)
ROWS = [
    ("muslim", "ramadan_start", "Start of Ramadan", _IslamicLunar, "RAMADAN_BEGINNING_DATES", "expected", UMM),
    ("muslim", "eid_al_fitr", "Eid al-Fitr", _IslamicLunar, "EID_AL_FITR_DATES", "expected", UMM),
    ("muslim", "eid_al_adha", "Eid al-Adha", _IslamicLunar, "EID_AL_ADHA_DATES", "expected", UMM),
    ("sikh", "vaisakhi", "Vaisakhi", _HinduLunisolar, "VAISAKHI_DATES", "published", HINDU),
    ("sikh", "guru_nanak_gurpurab", "Guru Nanak Gurpurab", _HinduLunisolar, "GURU_NANAK_JAYANTI_DATES", "expected", HINDU),
    ("sikh", "bandi_chhor_divas", "Bandi Chhor Divas", _HinduLunisolar, "DIWALI_INDIA_DATES", "expected", HINDU + "; kept on the day of Diwali"),
    ("hindu", "diwali", "Diwali", _HinduLunisolar, "DIWALI_INDIA_DATES", "expected", HINDU),
    ("hindu", "holi", "Holi", _HinduLunisolar, "HOLI_DATES", "expected", HINDU),
    ("hindu", "navratri_start", "Navratri (Sharad) begins", _HinduLunisolar, "SHARAD_NAVRATRI_DATES", "expected", HINDU),
    ("jewish", "rosh_hashanah", "Rosh Hashanah", _HebrewLunisolar, "ROSH_HASHANAH_DATES", "computed", HEBREW),
    ("jewish", "yom_kippur", "Yom Kippur", _HebrewLunisolar, "YOM_KIPPUR_DATES", "computed", HEBREW),
    ("jewish", "passover", "Passover (first day)", _HebrewLunisolar, "PASSOVER_DATES", "computed", HEBREW),
]


def dates_in(table, attribute, year):
    value = getattr(table, attribute)[year]
    pairs = value if isinstance(value[0], tuple) else (value,)
    return [date(year, month, day) for month, day in pairs]


def main():
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["date", "faith", "code", "name", "basis", "source"])
    rows = []
    for faith, code, name, table, attribute, basis, source in ROWS:
        for year in YEARS:
            for day in dates_in(table, attribute, year):
                rows.append([day.isoformat(), faith, code, name, basis, source])
    for year in YEARS:
        rows.append([date(year, 12, 25).isoformat(), "christian", "christmas", "Christmas Day", "fixed", "Gregorian calendar, 25 December"])
    rows.sort()
    out.writerows(rows)


if __name__ == "__main__":
    main()
