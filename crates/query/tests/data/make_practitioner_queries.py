"""Writes practitioner_queries.jsonl: realistic practitioner queries, each with the expected value of
every parsed field, put together from phrases whose meaning is known (docs/parsed-query.md).

Run from this folder: python3 make_practitioner_queries.py
Every third query (by position) is held out: tests/practitioner_queries.rs reports it apart, and the
parser is not tuned on it. A fair share of the phrases carry typing slips practitioners make.
"""
import json
import random

# (phrase, categories)
CATEGORIES = [
    ("mentoring", ["mentoring"]), ("mentor", ["mentoring"]), ("befriending", ["mentoring"]),
    ("peer support", ["mentoring"]), ("housing advice", ["accommodation"]),
    ("help with housing", ["accommodation"]), ("homeless support", ["accommodation"]),
    ("food bank", ["food"]), ("foodbank", ["food"]), ("counselling", ["mental-health"]),
    ("counsellor", ["mental-health"]), ("mental health support", ["mental-health"]),
    ("ESOL classes", ["esol"]), ("English classes", ["esol"]), ("immigration advice", ["immigration-advice"]),
    ("asylum advice", ["immigration-advice"]), ("refugee support", ["immigration-advice"]),
    ("NRPF advice", ["immigration-advice"]), ("DV support", ["domestic-abuse"]),
    ("domestic abuse support", ["domestic-abuse"]), ("refuge", ["domestic-abuse"]),
    ("debt advice", ["finance"]), ("benefits advice", ["finance"]), ("help with jobs", ["employment"]),
    ("CV help", ["employment"]), ("employment support", ["employment"]),
    ("drugs and alcohol support", ["substance-misuse"]), ("legal advice", ["legal-advice"]),
    ("youth club", ["youth"]), ("parenting support", ["family"]),
    ("anger management", ["behaviour-programme"]), ("hate crime support", ["racial-equality"]),
    ("women's centre", ["womens-services"]), ("gambling support", ["substance-misuse"]),
    ("community centre", ["community-group"]), ("learning disability support", ["disability-support"]),
]
CATEGORY_TYPOS = [
    ("mentorng", ["mentoring"]), ("mentering", ["mentoring"]), ("housng advice", ["accommodation"]),
    ("counseling", ["mental-health"]), ("imigration advice", ["immigration-advice"]),
    ("employmnt support", ["employment"]), ("acommodation", ["accommodation"]),
    ("domestik abuse", ["domestic-abuse"]), ("counceling", ["mental-health"]),
    ("befreinding", ["mentoring"]), ("parentng support", ["family"]),
]
# (phrase, languages)
LANGUAGES = [
    ("Bengali-speaking", ["ben"]), ("Bengali speaking", ["ben"]), ("Bangla", ["ben"]),
    ("Sylheti", ["syl"]), ("Punjabi-speaking", ["pan"]), ("Urdu speaking", ["urd"]),
    ("Polish speaking", ["pol"]), ("Somali", ["som"]), ("Arabic-speaking", ["ara"]),
    ("Farsi", ["fas"]), ("Tigrinya", ["tir"]), ("Romanian", ["ron"]), ("Gujarati", ["guj"]),
    ("Tamil", ["tam"]), ("Pashto", ["pus"]), ("Dari", ["prs"]), ("Mirpuri", ["phr"]),
    ("Kurdish", ["kur"]), ("Amharic", ["amh"]), ("Lithuanian", ["lit"]), ("Ukrainian", ["ukr"]),
    ("Cantonese", ["yue"]), ("Mandarin", ["cmn"]), ("Welsh-speaking", ["cym"]), ("Nepali", ["nep"]),
    ("Hindi", ["hin"]), ("Portuguese speaking", ["por"]), ("Turkish", ["tur"]),
    ("speaks Urdu", ["urd"]), ("বাংলা", ["ben"]), ("polski", ["pol"]), ("Soomaali", ["som"]),
    ("ਪੰਜਾਬੀ", ["pan"]), ("اردو", ["urd"]), ("română", ["ron"]),
]
LANGUAGE_TYPOS = [
    ("Bengli", ["ben"]), ("Punjabbi", ["pan"]), ("Somalli", ["som"]), ("Sylhetti", ["syl"]),
    ("Gujerati", ["guj"]), ("Tigrinia", ["tir"]), ("Romainian", ["ron"]),
]
INTERPRETING = ["interpreter", "translator", "interpreters"]
FAITHS = [
    ("mosque", ["muslim"]), ("Muslim", ["muslim"]), ("gurdwara", ["sikh"]), ("church-based", ["christian"]),
    ("Sikh", ["sikh"]), ("Hindu temple", ["hindu"]), ("synagogue", ["jewish"]), ("Christian", ["christian"]),
    ("mandir", ["hindu"]), ("church", ["christian"]), ("Buddhist", ["buddhist"]), ("Jewish", ["jewish"]),
]
FAITH_TYPOS = [("gurdwarra", ["sikh"]), ("synagoge", ["jewish"]), ("mosqe", ["muslim"])]
# (phrase, gender)
GENDERS = [
    ("female", "female"), ("women's", "female"), ("for women", "female"), ("women only", "female"),
    ("ladies", "female"), ("male", "male"), ("for men", "male"), ("men's", "male"),
]
# (phrase, age, age_range)
AGES = [
    ("for a 17 year old", 17, None), ("aged 24", 24, None), ("he is 24", 24, None), ("she's 17", 17, None),
    ("he's 19", 19, None), ("for a 32-year-old", 32, None), ("19yo", 19, None),
    ("over 50s", None, {"min": 50, "max": None}), ("for over-60s", None, {"min": 60, "max": None}),
    ("under 25s", None, {"min": None, "max": 24}), ("for under-18s", None, {"min": None, "max": 17}),
    ("aged 16-25", None, {"min": 16, "max": 25}), ("16 to 25 year olds", None, {"min": 16, "max": 25}),
    ("aged 18 to 30", None, {"min": 18, "max": 30}), ("18-25s", None, {"min": 18, "max": 25}),
    ("aged 50+", None, {"min": 50, "max": None}),
]
TOWNS = [
    "Walsall", "Luton", "Coventry", "Birmingham", "Leicester", "Bradford", "Manchester", "Tower Hamlets",
    "Cardiff", "Swansea", "Wolverhampton", "Sheffield", "Leeds", "Bristol", "Nottingham", "Derby",
    "Oldham", "Rochdale", "Blackburn", "Preston", "Slough", "Peterborough", "Stoke-on-Trent", "Sandwell",
    "Newham", "Ealing", "Hounslow", "Wrexham", "Middlesbrough", "Sunderland", "Southampton", "Plymouth",
    "Norwich", "Ipswich", "Kirklees", "Huddersfield", "Dewsbury", "Burnley", "Bolton", "Liverpool",
    "Sutton Coldfield", "Smethwick", "Handsworth", "Moss Side", "Whitechapel", "Southall", "Wembley",
    "Croydon", "Lambeth", "Hackney", "Redbridge", "Harrow", "Bedford", "Northampton", "Gloucester",
    "Exeter", "Merthyr Tydfil", "Wigan", "Halifax", "Keighley", "Dudley", "West Bromwich", "Wakefield",
    "Doncaster", "Rotherham", "York", "Lincoln", "Cambridge", "Oxford", "Milton Keynes", "Watford",
    "Crawley", "Portsmouth", "Brighton", "Canterbury", "Gravesend", "Medway",
]
# (typed, meant)
TOWN_TYPOS = [
    ("Wallsall", "Walsall"), ("Walsal", "Walsall"), ("Birmingam", "Birmingham"), ("Leicster", "Leicester"),
    ("Bradferd", "Bradford"), ("Manchster", "Manchester"), ("Wolverhamton", "Wolverhampton"),
    ("Coventy", "Coventry"), ("Nottingam", "Nottingham"), ("Sheffeild", "Sheffield"),
    ("Swansae", "Swansea"), ("Peterbrough", "Peterborough"), ("Huddersfeild", "Huddersfield"),
    ("Middlesborough", "Middlesbrough"), ("Oldam", "Oldham"), ("Rochdail", "Rochdale"),
    ("Southamton", "Southampton"), ("Liverpol", "Liverpool"), ("Doncastor", "Doncaster"),
    ("birmingham", "Birmingham"), ("leicester", "Leicester"), ("bradford", "Bradford"),
    ("Blackbrun", "Blackburn"), ("Wakefeild", "Wakefield"),
]
POSTCODES = [("WS1 1AA", "WS1 1AA"), ("B6 5RQ", "B6 5RQ"), ("B11", "B11"), ("B6", "B6"), ("LU1", "LU1"),
             ("ws11aa", "WS1 1AA"), ("CV1", "CV1"), ("M14", "M14"), ("LS8", "LS8"), ("E1", "E1")]
RADII = [("within 3 miles of", 4828.032), ("within 5km of", 5000.0), ("within 2 miles of", 3218.688),
         ("10 mins walk from", 4000.0), ("within a mile of", 1609.344), ("within 10 miles of", 16093.44)]
OPENS = [
    ("open Friday evening", {"day": "fri", "time": "18:00"}), ("open now", {"now": True}),
    ("open on Saturdays", {"day": "sat", "time": None}), ("open after 6pm", {"day": None, "time": "18:00"}),
    ("at weekends", {"day": "sat", "time": None, "days": ["sat", "sun"]}),
    ("Monday morning", {"day": "mon", "time": "10:00"}), ("open Sunday", {"day": "sun", "time": None}),
    ("Tuesday afternoon", {"day": "tue", "time": "14:00"}), ("open evenings", {"day": None, "time": "18:00"}),
    ("open Saturdy", {"day": "sat", "time": None}), ("thurs evening", {"day": "thu", "time": "18:00"}),
]
FREES = ["free", "no cost", "free of charge"]
RANKING_WORDS = ["young", "drop-in", "outreach", "worker", "tomorrow", "urgent", "Pakistani", "ex-offenders",
                 "prison leavers", "late", "group", "project", "volunteer", "Caribbean", "Eritrean"]


def pick(rng, plain, typos, typo_share):
    return rng.choice(typos) if typos and rng.random() < typo_share else rng.choice(plain)


def place(rng, expect):
    """A place phrase with its preposition, filling `near` (and `radius_m` when a distance is said)."""
    roll = rng.random()
    if roll < 0.2:
        typed, label = rng.choice(POSTCODES)
    elif roll < 0.5:
        typed, label = rng.choice(TOWN_TYPOS)
    else:
        typed = label = rng.choice(TOWNS)
    expect["near"] = label
    if rng.random() < 0.25:
        words, metres = rng.choice(RADII)
        expect["radius_m"] = metres
        return f"{words} {typed}"
    return f"{rng.choice(['in', 'near', 'in', ''])} {typed}".strip()


def empty():
    return {"text": "", "categories": [], "languages": [], "faiths": [], "near": None, "radius_m": None,
            "gender": None, "age": None, "age_range": None, "open": None, "free": None}


def query(rng):
    expect = empty()
    words = []
    text = []
    shape = rng.random()
    if shape < 0.15:  # "Somali interpreter in Leicester"
        phrase, langs = pick(rng, LANGUAGES[:29], LANGUAGE_TYPOS, 0.2)
        phrase = phrase.replace("-speaking", "").replace(" speaking", "").replace("speaks ", "")
        expect["languages"] = langs
        expect["categories"] = ["interpreting"]
        words.append(rng.choice([f"{phrase} {rng.choice(INTERPRETING)}", f"interpreting in {phrase}"]))
        if rng.random() < 0.7:
            words.append(place(rng, expect))
        return " ".join(words), expect
    if rng.random() < 0.45:
        phrase, langs = pick(rng, LANGUAGES, LANGUAGE_TYPOS, 0.2)
        expect["languages"] = langs
        words.append(phrase)
    if rng.random() < 0.25:
        phrase, faiths = pick(rng, FAITHS, FAITH_TYPOS, 0.2)
        expect["faiths"] = faiths
        words.append(phrase)
    if rng.random() < 0.3:
        phrase, gender = rng.choice(GENDERS)
        expect["gender"] = gender
        if phrase.startswith("for "):
            later_gender = phrase
        else:
            words.append(phrase)
            later_gender = None
    else:
        later_gender = None
    if rng.random() < 0.85:
        phrase, cats = pick(rng, CATEGORIES, CATEGORY_TYPOS, 0.25)
        expect["categories"] = cats
        words.append(phrase)
    if later_gender:
        words.append(later_gender)
    if rng.random() < 0.3:
        phrase, age, age_range = rng.choice(AGES)
        expect["age"], expect["age_range"] = age, age_range
        words.append(phrase)
    if rng.random() < 0.12:
        word = rng.choice(RANKING_WORDS)
        words.append(word)
        text.append(word)
    if rng.random() < 0.8:
        words.append(place(rng, expect))
    if rng.random() < 0.25:
        phrase, open_ = rng.choice(OPENS)
        expect["open"] = open_
        words.append(phrase)
    if rng.random() < 0.12:
        words.append(rng.choice(FREES))
        expect["free"] = True
    if len(words) < 2:
        return query(rng)
    expect["text"] = " ".join(text)
    return " ".join(words), expect


def main():
    rng = random.Random(28)
    seen = set()
    rows = []
    while len(rows) < 450:
        text, expect = query(rng)
        if text in seen:
            continue
        seen.add(text)
        split = "holdout" if len(rows) % 3 == 0 else "tune"
        rows.append({"split": split, "query": text, "expect": expect})
    with open("../practitioner_queries.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


main()
