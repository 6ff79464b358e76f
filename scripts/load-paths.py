#!/usr/bin/env python3
"""Writes the search paths `scripts/load` sends, one a line, deterministic from a seed.

    scripts/load-paths.py --ndjson SERVICES.ndjson --gazetteer fixtures/gazetteer \
        --seed 42 --count 1000 > paths.txt

Each path is a `GET /api/v1/search` a practitioner might send, in the mix of the benchmark
sample's queries (docs/benchmarks.md, "HTTP search throughput"): words of every frequency in the
directory being served (the most common, middling, rare, and words it does not hold), real places
from the gazetteer the product ships (unit postcodes, districts, towns, local authorities, bare
coordinates), radii from 1 to 50 km, language and category filters (as parameters, or as words in
`q` the parser understands), whole-country searches and a search with no query at all.
Needs the `zstd` command to read the gazetteer bundle.
"""

import argparse
import collections
import csv
import json
import random
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

# The benchmark sample's query shapes and how many of its 300 queries have each: (text, place,
# radius, language, category) -> count. A place without a radius is searched at the default 5 miles.
SHAPES = {
    (True, True, True, False, False): 101,
    (True, True, True, False, True): 34,
    (True, True, True, True, False): 32,
    (False, True, True, False, False): 30,
    (True, True, True, True, True): 23,
    (True, False, False, False, False): 15,
    (True, False, False, False, True): 11,
    (False, True, True, True, False): 9,
    (True, True, False, False, False): 8,
    (False, False, False, False, True): 6,
    (True, False, False, True, False): 6,
    (False, True, True, False, True): 5,
    (False, False, False, True, False): 5,
    (True, False, False, True, True): 5,
    (True, True, False, True, False): 5,
    (False, True, True, True, True): 3,
    (True, True, False, False, True): 1,
    (False, False, False, False, False): 1,
}

# Words no synthetic record holds: they rank nothing, the filters alone decide.
ABSENT_WORDS = ["origami", "snorkelling", "allotment", "chess", "ukulele", "pottery", "karate"]

# Radii practitioners pick (km), besides any value from 1 to 50 km.
ROUND_RADII_KM = [1.609344, 2, 3.2186880, 5, 8.04672, 10, 16.09344, 20, 25, 40.2336, 50]


class Reader:
    """Reads what the gazetteer's codec wrote (crates/geo/src/codec.rs)."""

    def __init__(self, data: bytes):
        self.data = data
        self.at = 0

    def magic(self, expected: bytes):
        got = self.raw(len(expected))
        if got != expected:
            sys.exit(f"load-paths: not a {expected.decode().strip()} file")

    def raw(self, length: int) -> bytes:
        out = self.data[self.at : self.at + length]
        self.at += length
        return out

    def varint(self) -> int:
        value, shift = 0, 0
        while True:
            byte = self.data[self.at]
            self.at += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7

    def signed(self) -> int:
        zigzag = self.varint()
        return (zigzag >> 1) ^ -(zigzag & 1)

    def text(self) -> str:
        return self.raw(self.varint()).decode()

    def coordinate(self) -> float:
        return self.signed() / 100_000


def in_england_or_wales(authority_code: str) -> bool:
    """The synthetic directory, like probation, covers England and Wales only."""
    return authority_code[:1] in ("E", "W")


def unzstd(path: Path) -> bytes:
    return subprocess.run(["zstd", "-dc", str(path)], check=True, capture_output=True).stdout


def read_places(path: Path):
    """Local authorities, districts and towns with their points (crates/geo/src/tables.rs)."""
    r = Reader(unzstd(path))
    r.magic(b"SIGNPOST-PLACES-1\n")
    authorities, codes = [], []
    for _ in range(r.varint()):
        code = r.text()
        codes.append(code)
        name = r.text()
        r.varint()  # active
        current = r.varint() == 1
        r.varint()  # population
        if r.varint():
            r.coordinate(), r.coordinate()
            if current and in_england_or_wales(code):
                authorities.append(name)

    def served(lad):
        return lad > 0 and in_england_or_wales(codes[lad - 1])

    def centroids():
        out = []
        for _ in range(r.varint()):
            name = r.text()
            lat, lon = r.coordinate(), r.coordinate()
            if served(r.varint()):
                out.append((name, lat, lon))
        return out

    districts = centroids()
    centroids()  # sectors
    towns = []
    for _ in range(r.varint()):
        kind = r.varint()
        name = r.text()
        lat, lon = r.coordinate(), r.coordinate()
        lad = r.varint()
        population = r.varint()
        if kind == 0 and population > 0 and served(lad):
            towns.append((name, lat, lon, population - 1))
    return sorted(set(authorities)), districts, towns


def read_postcodes(path: Path):
    """Every unit postcode the gazetteer holds, in order (its districts' authorities not read)."""
    r = Reader(unzstd(path))
    r.magic(b"SIGNPOST-POSTCODES-1\n")
    for _ in range(r.varint()):
        r.text()  # LSOA code
    for _ in range(r.varint()):
        r.text(), r.text()  # MSOA code and name
    sectors = []
    for _ in range(r.varint()):
        head = r.raw(5)
        sectors.append((head, r.varint()))
    postcodes = []
    for head, count in sectors:
        outward = head[:4].rstrip(b"\0").decode()
        digit = chr(head[4])
        for _ in range(count):
            letters = r.raw(2).decode()
            postcodes.append(f"{outward} {digit}{letters}")
    return postcodes


def read_codes(path: Path, column: str):
    with path.open(newline="") as f:
        return [row[column] for row in csv.DictReader(f)]


def word_frequencies(ndjson: Path):
    """How many services hold each word of their name or description (digits-free words)."""
    counts = collections.Counter()
    with ndjson.open() as f:
        for line in f:
            service = json.loads(line)
            text = f"{service.get('name', '')} {service.get('description') or ''}".lower()
            counts.update(set(w for w in re.split(r"[^a-z0-9]+", text) if w.isalpha()))
    return counts


class Mix:
    def __init__(self, args):
        self.rng = random.Random(args.seed)
        self.authorities, self.districts, self.towns = read_places(args.gazetteer / "places.bin.zst")
        served_districts = {d[0] for d in self.districts}
        self.postcodes = [p for p in read_postcodes(args.gazetteer / "postcodes.bin.zst")
                          if p.split(" ")[0] in served_districts]
        self.categories = read_codes(args.vocabulary / "taxonomy.csv", "code")
        category_words = {}
        with (args.vocabulary / "taxonomy.csv").open(newline="") as f:
            for row in csv.DictReader(f):
                category_words[row["code"]] = row["synonyms"].split(";")
        self.category_words = category_words
        self.languages = read_codes(args.languages, "iso639_3") + ["eng"]
        self.language_names = {"pol": "Polish", "urd": "Urdu", "pan": "Punjabi", "ben": "Bengali",
                               "ara": "Arabic", "spa": "Spanish", "por": "Portuguese",
                               "ron": "Romanian", "guj": "Gujarati", "tam": "Tamil"}
        by_count = [w for w, _ in word_frequencies(args.ndjson).most_common()]
        third = max(1, len(by_count) // 3)
        self.common, self.middling, self.rare = by_count[:20], by_count[20:third], by_count[-third:]
        self.town_weights = [t[3] for t in self.towns]

    def words(self):
        def one():
            roll = self.rng.random()
            pool = (self.common if roll < 0.4 else self.middling if roll < 0.7
                    else self.rare if roll < 0.9 else ABSENT_WORDS)
            return self.rng.choice(pool)
        return [one() for _ in range(self.rng.choice([1, 1, 2]))]

    def place(self):
        roll = self.rng.random()
        if roll < 0.35:
            return self.rng.choice(self.postcodes)
        if roll < 0.50:
            return self.rng.choice(self.districts)[0]
        if roll < 0.75:
            return self.rng.choices(self.towns, weights=self.town_weights)[0][0]
        if roll < 0.85:
            return self.rng.choice(self.authorities)
        _, lat, lon, _ = self.rng.choices(self.towns, weights=self.town_weights)[0]
        return f"{lat + self.rng.uniform(-0.02, 0.02):.5f},{lon + self.rng.uniform(-0.02, 0.02):.5f}"

    def radius(self):
        km = (self.rng.choice(ROUND_RADII_KM) if self.rng.random() < 0.5
              else self.rng.uniform(1, 50))
        unit = self.rng.random()
        if unit < 0.4:
            return f"{km:g}km" if km == round(km) else f"{km:.1f}km"
        if unit < 0.8:
            return f"{km / 1.609344:.0f}mi" if km >= 1.609344 else "1mi"
        return f"{km * 1000:.0f}m"

    def language(self):
        if self.rng.random() < 0.5:
            return self.rng.choice(self.languages[:12] + ["eng"])
        return self.rng.choice(self.languages)

    def path(self):
        text, place, radius, language, category = self.rng.choices(
            list(SHAPES), weights=list(SHAPES.values()))[0]
        params = []
        words = self.words() if text else []
        if language:
            code = self.language()
            if code in self.language_names and self.rng.random() < 0.25:
                words.append(f"{self.language_names[code]} speaking")
            else:
                params.append(("lang", code))
        if category:
            code = self.rng.choice(self.categories)
            if self.rng.random() < 0.25:
                words.append(self.rng.choice(self.category_words[code]))
            else:
                params.append(("category", code))
        if place:
            params.append(("near", self.place()))
            if radius:
                params.append(("radius", self.radius()))
        if words:
            params.insert(0, ("q", " ".join(words)))
        if self.rng.random() < 0.1:
            params.append(("page", "2"))
        query = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
        return "/api/v1/search" + (f"?{query}" if query else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ndjson", type=Path, required=True, help="the services being served")
    parser.add_argument("--gazetteer", type=Path, default=Path("fixtures/gazetteer"))
    parser.add_argument("--vocabulary", type=Path, default=Path("crates/domain/data"))
    parser.add_argument("--languages", type=Path, default=Path("crates/synth/data/languages.csv"))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    mix = Mix(args)
    for _ in range(args.count):
        print(mix.path())


if __name__ == "__main__":
    main()
