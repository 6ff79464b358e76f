#!/usr/bin/env python3
"""Build Signpost's demonstration directory: fixtures/demo/services.ndjson.

Reads the service definitions in catalogue.py (fictional organisations and services), places every
location at a REAL postcode from the ONS postcode file of the shared open-data pack, takes borough
outlines for service areas from the ONS LAD boundaries, and writes one HSDS 3.0 service object a
line in the shape of docs/formats.md. Python 3 standard library only; the output is
byte-for-byte the same on every run (ids are UUID v5 of stable keys).

    python3 tools/demo/build_demo.py [--data ../shared/data] [--out fixtures/demo/services.ndjson]
"""

import argparse
import csv
import datetime
import gzip
import hashlib
import json
import math
import sys
import uuid
from pathlib import Path

sys.dont_write_bytecode = True  # keep tools/demo free of __pycache__ when run from the repo
import catalogue  # noqa: E402  (after the line above on purpose)

REPO = Path(__file__).resolve().parents[2]
DOMAIN_DATA = REPO / "crates" / "domain" / "data"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://signpost.example.org/demo")
PROVENANCE = {
    "source": "Signpost demonstration data",
    "licence": "CC0-1.0",
    "demonstration": True,
}
DEMO_PREFIX = "Demonstration record - not a real organisation."
SIMPLIFY_TOLERANCE_DEG = 0.001
DAY_NAMES = {
    "MO": "Mondays", "TU": "Tuesdays", "WE": "Wednesdays", "TH": "Thursdays",
    "FR": "Fridays", "SA": "Saturdays", "SU": "Sundays",
}


class CatalogueError(Exception):
    """A definition in catalogue.py that cannot be turned into a valid record."""


def stable_id(kind, key):
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def read_vocabularies():
    with open(DOMAIN_DATA / "taxonomy.csv", newline="", encoding="utf-8") as f:
        categories = {row["code"]: row["name"] for row in csv.DictReader(f)}
    with open(DOMAIN_DATA / "faiths.csv", newline="", encoding="utf-8") as f:
        faiths = {row["code"]: row["census_2021_category"] for row in csv.DictReader(f)}
    with open(DOMAIN_DATA / "iso639_3.tsv", encoding="utf-8") as f:
        languages = {line.split("\t")[0] for line in f if not line.startswith("#")}
    return categories, faiths, languages


def read_postcodes(data_dir, wanted):
    found = {}
    with gzip.open(data_dir / "postcodes" / "postcodes.csv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["pcds"] in wanted:
                found[row["pcds"]] = row
    missing = sorted(wanted - found.keys())
    if missing:
        raise CatalogueError(f"postcodes not in the ONS file: {', '.join(missing)}")
    return found


def read_lad_names(data_dir):
    with open(data_dir / "postcodes" / "lad_names.csv", newline="", encoding="utf-8") as f:
        return {row["lad_code"]: row for row in csv.DictReader(f)}


def read_lad_boundaries(data_dir, codes):
    with open(data_dir / "geography" / "lad_boundaries_2023_buc.geojson", encoding="utf-8") as f:
        features = json.load(f)["features"]
    found = {ft["properties"]["code"]: ft for ft in features if ft["properties"]["code"] in codes}
    missing = sorted(set(codes) - found.keys())
    if missing:
        raise CatalogueError(f"no LAD boundary for {', '.join(missing)}")
    return found


def perpendicular_distance(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def douglas_peucker(points, tolerance):
    if len(points) < 3:
        return points
    distances = [perpendicular_distance(p, points[0], points[-1]) for p in points[1:-1]]
    farthest = max(range(len(distances)), key=distances.__getitem__) + 1
    if distances[farthest - 1] <= tolerance:
        return [points[0], points[-1]]
    left = douglas_peucker(points[: farthest + 1], tolerance)
    return left[:-1] + douglas_peucker(points[farthest:], tolerance)


def segments_cross(a, b, c, d):
    def orient(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return (orient(a, b, c) * orient(a, b, d) < 0) and (orient(c, d, a) * orient(c, d, b) < 0)


def ring_is_simple(ring):
    """No two non-adjacent edges of the closed ring cross."""
    edges = list(zip(ring, ring[1:]))
    last = len(edges) - 1
    for i in range(len(edges)):
        for j in range(i + 2, len(edges)):
            if not (i == 0 and j == last) and segments_cross(*edges[i], *edges[j]):
                return False
    return True


def simplify_ring(ring):
    """Douglas-Peucker on a closed ring, kept only if it stays a simple ring of 4+ positions."""
    half = len(ring) // 2
    simplified = (
        douglas_peucker(ring[: half + 1], SIMPLIFY_TOLERANCE_DEG)[:-1]
        + douglas_peucker(ring[half:], SIMPLIFY_TOLERANCE_DEG)
    )
    if len(simplified) >= 4 and ring_is_simple(simplified):
        return simplified
    return ring


def simplified_geometry(geometry):
    def polygon(rings):
        return [[list(p) for p in simplify_ring([tuple(p) for p in ring])] for ring in rings]

    if geometry["type"] == "Polygon":
        coordinates = polygon(geometry["coordinates"])
    else:
        coordinates = [polygon(rings) for rings in geometry["coordinates"]]
    return {"type": geometry["type"], "coordinates": coordinates}


def ring_contains(ring, lon, lat):
    """Even-odd ray casting: whether (lon, lat) lies inside the closed ring."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def geometry_contains(geometry, lon, lat):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return any(
        ring_contains(rings[0], lon, lat) and not any(ring_contains(h, lon, lat) for h in rings[1:])
        for rings in polygons
    )


def parse_schedule(spec):
    """'MO,WE 18:00-20:30' -> (byday, opens_at, closes_at)."""
    days, hours = spec.split(" ")
    opens_at, closes_at = hours.split("-")
    for day in days.split(","):
        if day not in DAY_NAMES:
            raise CatalogueError(f"unknown day {day!r} in schedule {spec!r}")
    for t in (opens_at, closes_at):
        hh, mm = t.split(":")
        if len(hh) != 2 or not (0 <= int(hh) <= 23 and 0 <= int(mm) <= 59):
            raise CatalogueError(f"bad time {t!r} in schedule {spec!r}")
    if opens_at >= closes_at:
        raise CatalogueError(f"schedule {spec!r} closes before it opens")
    return days, opens_at, closes_at


def clock(t):
    hh, mm = (int(x) for x in t.split(":"))
    suffix = "am" if hh < 12 else "pm"
    hour = hh % 12 or 12
    return f"{hour}{suffix}" if mm == 0 else f"{hour}:{mm:02d}{suffix}"


def schedule_record(owner_key, index, spec):
    byday, opens_at, closes_at = parse_schedule(spec)
    names = [DAY_NAMES[d] for d in byday.split(",")]
    days_text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return {
        "id": stable_id("schedule", f"{owner_key}:{index}"),
        "freq": "WEEKLY",
        "byday": byday,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "description": f"{days_text}, {clock(opens_at)} to {clock(closes_at)}",
    }


def term(taxonomy, code, name, description):
    return {
        "id": f"{taxonomy}:{code}",
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": taxonomy,
    }


def attributes(key, spec, categories, faiths):
    terms = []
    for code in spec["cats"].split():
        if code not in categories:
            raise CatalogueError(f"{key}: unknown category {code!r}")
        terms.append(term("signpost-category", code, categories[code], categories[code]))
    for code in spec.get("faith", "").split():
        if code not in faiths:
            raise CatalogueError(f"{key}: unknown faith {code!r}")
        terms.append(term("signpost-faith", code, faiths[code], faiths[code]))
    gender = spec.get("gender")
    if gender == "female":
        terms.append(term("signpost-gender", "female", "Women only", "For women only"))
    elif gender == "male":
        terms.append(term("signpost-gender", "male", "Men only", "For men only"))
    elif gender is not None:
        raise CatalogueError(f"{key}: gender must be female or male")
    if spec.get("free"):
        terms.append(term("signpost-cost", "free", "Free of charge", "Free of charge"))
    records = [
        {"id": stable_id("attribute", f"{key}:{t['id']}"), "taxonomy_term": t} for t in terms
    ]
    return records + translations(key, spec)


def translations(key, spec):
    """The name and description in other languages: signpost-translation attributes whose value
    is the text (docs/formats.md)."""
    records = []
    for code, text in spec.get("tr", {}).items():
        field, _, language = code.partition(":")
        if field not in ("name", "description") or language not in catalogue.LANGUAGE_NAMES:
            raise CatalogueError(f"{key}: unknown translation {code!r}")
        label = f"{field.capitalize()} in {catalogue.LANGUAGE_NAMES[language]}"
        t = term("signpost-translation", code, label, label)
        records.append({"id": stable_id("attribute", f"{key}:{t['id']}"), "taxonomy_term": t, "value": text})
    return records


def languages(key, codes, known):
    records = []
    for code in codes.split():
        if code not in known or code not in catalogue.LANGUAGE_NAMES:
            raise CatalogueError(f"{key}: unknown language {code!r}")
        records.append(
            {
                "id": stable_id("language", f"{key}:{code}"),
                "code": code,
                "name": catalogue.LANGUAGE_NAMES[code],
            }
        )
    return records


def location_record(site_key, postcodes, lad_names):
    site = catalogue.SITES[site_key]
    row = postcodes[site["postcode"]]
    lad = lad_names[row["lad"]]
    if lad["lad_name"] != site["lad"]:
        raise CatalogueError(
            f"site {site_key}: {site['postcode']} is in {lad['lad_name']}, not {site['lad']}"
        )
    location = {
        "id": stable_id("location", site_key),
        "location_type": "physical",
        "name": site["name"],
        "latitude": float(row["lat"]),
        "longitude": float(row["long"]),
        "addresses": [
            {
                "id": stable_id("address", site_key),
                "address_1": site["address"],
                "city": site["city"],
                "state_province": lad["region_name"] or lad["country_name"],
                "postal_code": site["postcode"],
                "country": "GB",
                "address_type": "physical",
            }
        ],
    }
    if site.get("access"):
        location["accessibility"] = [
            {"id": stable_id("accessibility", site_key), "description": site["access"]}
        ]
    if site.get("confidential"):
        location["attributes"] = [confidential_location_attribute(site_key)]
    return location


def confidential_location_attribute(site_key):
    """Marks a refuge or safe house, whose address Signpost never shows."""
    safety = term(
        "signpost-safety",
        "confidential-location",
        "Confidential location",
        "The address of this location is never shown; the service is found by the area it serves.",
    )
    return {"id": stable_id("attribute", f"{site_key}:{safety['id']}"), "taxonomy_term": safety}


def service_at_locations(key, spec, postcodes, lad_names):
    records = []
    for entry in spec["sites"]:
        site_key, *site_schedules = entry.split("|")
        if site_key not in catalogue.SITES:
            raise CatalogueError(f"{key}: unknown site {site_key!r}")
        sal_key = f"{key}@{site_key}"
        record = {
            "id": stable_id("service_at_location", sal_key),
            "location": location_record(site_key, postcodes, lad_names),
        }
        if site_schedules:
            record["schedules"] = [
                schedule_record(sal_key, i, s) for i, s in enumerate(site_schedules)
            ]
        records.append(record)
    return records


def service_area(key, lad_code, boundaries, lad_names, locations):
    name = lad_names[lad_code]["lad_name"]
    geometry = simplified_geometry(boundaries[lad_code]["geometry"])
    for location in locations:
        if not geometry_contains(geometry, location["longitude"], location["latitude"]):
            raise CatalogueError(f"{key}: {location['name']} lies outside its service area {name}")
    return {
        "id": stable_id("service_area", key),
        "name": f"All of {name}",
        "description": f"Anywhere in {name} local authority area (ONS LAD May 2023 BUC boundary, simplified).",
        "extent": json.dumps(geometry, separators=(",", ":")),
        "extent_type": "geojson",
    }


class PhoneBook:
    """Hands out Ofcom drama numbers (reserved for fiction), one range per area, in order."""

    def __init__(self):
        self.used = {}

    def next_number(self, range_name):
        prefix, start, end = catalogue.PHONE_RANGES[range_name]
        n = start + self.used.get(range_name, 0)
        if n > end:
            raise CatalogueError(f"phone range {range_name} exhausted")
        self.used[range_name] = self.used.get(range_name, 0) + 1
        width = len(str(end))
        return f"{prefix}{n:0{width}d}"


def first_site_phone_range(spec):
    first_site = spec["sites"][0].split("|")[0]
    return catalogue.SITES[first_site]["phone"]


def assured_date(key):
    """A stable date within 2026, up to 1 November, spread by a hash of the service key."""
    offset = int(hashlib.sha256(key.encode()).hexdigest(), 16) % 300
    return (datetime.date(2026, 1, 5) + datetime.timedelta(days=offset)).isoformat()


def organization(org_key):
    org = catalogue.ORGANISATIONS[org_key]
    return {
        "id": stable_id("organization", org_key),
        "name": org["name"],
        "description": f"{DEMO_PREFIX} {org['about']}",
        "email": f"{org_key}@example.org",
    }


def service_record(spec, context):
    key = spec["key"]
    categories, faiths, known_languages, postcodes, lad_names, boundaries, phones = context
    if spec["org"] not in catalogue.ORGANISATIONS:
        raise CatalogueError(f"{key}: unknown organisation {spec['org']!r}")
    org = organization(spec["org"])
    record = {
        "id": stable_id("service", key),
        "organization_id": org["id"],
        "name": spec["name"],
        "description": spec["desc"],
        "email": f"{key}@example.org",
        "status": "active",
    }
    if spec.get("elig"):
        record["eligibility_description"] = spec["elig"]
    if spec.get("interp"):
        record["interpretation_services"] = spec["interp"]
    if spec.get("free"):
        record["fees_description"] = "Free of charge."
    ages = spec.get("ages")
    if ages:
        low, high = ages
        if low is not None:
            record["minimum_age"] = low
        if high is not None:
            record["maximum_age"] = high
    record["assured_date"] = assured_date(key)
    record["organization"] = org
    record["languages"] = languages(key, spec["langs"], known_languages)
    record["attributes"] = attributes(key, spec, categories, faiths)
    record["service_at_locations"] = service_at_locations(key, spec, postcodes, lad_names)
    if spec.get("area"):
        locations = [sal["location"] for sal in record["service_at_locations"]]
        record["service_areas"] = [
            service_area(key, spec["area"], boundaries, lad_names, locations)
        ]
    if spec.get("when"):
        record["schedules"] = [schedule_record(key, i, s) for i, s in enumerate(spec["when"])]
    record["phones"] = [
        {
            "id": stable_id("phone", key),
            "number": phones.next_number(first_site_phone_range(spec)),
            "type": "voice",
        }
    ]
    record["contacts"] = [
        {
            "id": stable_id("contact", key),
            "name": spec.get("contact", "Service coordinator"),
            "email": f"{key}@example.org",
        }
    ]
    record["provenance"] = PROVENANCE
    return record


def check_catalogue():
    """Service keys are unique, and every site and organisation defined is used."""
    keys = [s["key"] for s in catalogue.SERVICES]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise CatalogueError(f"service keys used twice: {', '.join(repeated)}")
    used_sites = {entry.split("|")[0] for s in catalogue.SERVICES for entry in s["sites"]}
    used_orgs = {s["org"] for s in catalogue.SERVICES}
    unused = sorted((catalogue.SITES.keys() - used_sites) | (catalogue.ORGANISATIONS.keys() - used_orgs))
    if unused:
        raise CatalogueError(f"defined but not used: {', '.join(unused)}")


def build(data_dir):
    check_catalogue()
    categories, faiths, known_languages = read_vocabularies()
    postcodes = read_postcodes(data_dir, {s["postcode"] for s in catalogue.SITES.values()})
    lad_names = read_lad_names(data_dir)
    area_codes = {s["area"] for s in catalogue.SERVICES if s.get("area")}
    boundaries = read_lad_boundaries(data_dir, area_codes)
    context = (categories, faiths, known_languages, postcodes, lad_names, boundaries, PhoneBook())
    return [service_record(spec, context) for spec in catalogue.SERVICES]


def summary(records):
    lads = {}
    for r in records:
        city = r["service_at_locations"][0]["location"]["addresses"][0]["city"]
        lads[city] = lads.get(city, 0) + 1
    return f"{len(records)} services; by first location's city: {dict(sorted(lads.items()))}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "fixtures" / "demo" / "services.ndjson")
    args = parser.parse_args()
    try:
        records = build(args.data)
    except CatalogueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    text = "".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records
    )
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.out)
    print(f"wrote {args.out}: {summary(records)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
