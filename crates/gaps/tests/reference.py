#!/usr/bin/env python3
"""Independent reference for `signpost gaps access` (docs/gaps.md).

Standard library only, written straight from the formulas with a brute-force pair search:

    python3 reference.py DEMAND.csv SUPPLY.csv METHOD CATCHMENT_METRES OUT.csv

Reads demand `id,lat,lon,population` and supply `id,lat,lon,capacity`; writes `id,access`
in demand order with every score as repr(float).
"""

import csv
import math
import sys

EARTH_RADIUS_M = 6371008.8


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = math.radians(lat2 - lat1)
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def e2sfca_weight(d, d0):
    # zone k is ((k-1) d0/3, k d0/3]; d = 0 belongs to zone 1
    if d <= d0 / 3:
        return 1.0
    if d <= 2 * d0 / 3:
        return 0.68
    return 0.22


def gaussian_weight(d, d0):
    edge = math.exp(-0.5)
    return (math.exp(-((d / d0) ** 2) / 2) - edge) / (1 - edge)


def weight(method, d, d0):
    if method == "2sfca":
        return 1.0
    if method == "g2sfca":
        return gaussian_weight(d, d0)
    return e2sfca_weight(d, d0)


def read(path, amount):
    with open(path, newline="") as f:
        return [
            (r["id"], float(r["lat"]), float(r["lon"]), float(r[amount]))
            for r in csv.DictReader(f)
        ]


def scores(demand, supply, method, d0):
    # W[i][j] for every pair within the catchment (inclusive)
    w = []
    for _, lat, lon, _ in demand:
        row = {}
        for j, (_, slat, slon, _) in enumerate(supply):
            d = haversine(lat, lon, slat, slon)
            if d <= d0:
                row[j] = weight(method, d, d0)
        w.append(row)
    # Wan, Zou and Sternberg 2012: G_ij = W_ij / sum_k W_ik, used in both steps
    g = []
    for row in w:
        total = sum(row.values())
        g.append({j: (v / total if total > 0 else 0.0) if method == "3sfca" else 1.0
                  for j, v in row.items()})
    ratio = []
    for j, (_, _, _, capacity) in enumerate(supply):
        den = sum(demand[i][3] * g[i][j] * w[i][j] for i in range(len(demand)) if j in w[i])
        ratio.append(capacity / den if den > 0 else 0.0)
    a = [sum(g[i][j] * ratio[j] * w[i][j] for j in w[i]) for i in range(len(demand))]
    if method == "spar":
        population = sum(p for _, _, _, p in demand)
        mean = sum(demand[i][3] * a[i] for i in range(len(demand))) / population if population > 0 else 0.0
        a = [x / mean for x in a] if mean > 0 else [0.0] * len(a)
    return a


def main():
    demand_path, supply_path, method, d0, out_path = sys.argv[1:6]
    demand = read(demand_path, "population")
    supply = read(supply_path, "capacity")
    a = scores(demand, supply, method, float(d0))
    with open(out_path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["id", "access"])
        for (ident, _, _, _), score in zip(demand, a):
            out.writerow([ident, repr(score)])


if __name__ == "__main__":
    main()
