#!/usr/bin/env python3
"""Independent reference for `signpost equality` (docs/equality.md).

Standard library only, written straight from the contract's formulas:

    python3 reference.py COUNTS.csv REFERENCE_GROUP OUT.csv

Reads `group,metric,count,base`; writes `group,metric,count,base,rate,rri,ci_low,ci_high,flag`
in input order with every number as repr(float).
"""

import csv
import math
import sys

Z = 1.959964
SMALLEST_SHOWN = 5


def main(counts_path, reference, out_path):
    with open(counts_path, newline="") as f:
        rows = [
            {
                "group": r["group"].strip(),
                "metric": r["metric"].strip(),
                "count": int(r["count"]),
                "base": int(r["base"]),
            }
            for r in csv.DictReader(f)
        ]
    ref = {r["metric"]: r for r in rows if r["group"] == reference}
    with open(out_path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["group", "metric", "count", "base", "rate", "rri", "ci_low", "ci_high", "flag"])
        for r in rows:
            out.writerow([r["group"], r["metric"], r["count"], r["base"]] + judge(r, ref[r["metric"]], reference))


def judge(r, ref, reference):
    a, n, a0, n0 = r["count"], r["base"], ref["count"], ref["base"]
    if min(a, n, a0, n0) < SMALLEST_SHOWN:
        return ["", "", "", "", "suppressed"]
    rate = a / n
    if r["group"] == reference:
        return [repr(rate), repr(1.0), "", "", "reference"]
    rri = rate / (a0 / n0)
    se = math.sqrt(1 / a - 1 / n + 1 / a0 - 1 / n0)
    low = math.exp(math.log(rri) - Z * se)
    high = math.exp(math.log(rri) + Z * se)
    flag = "higher" if low > 1 else "lower" if high < 1 else "similar"
    return [repr(rate), repr(rri), repr(low), repr(high), flag]


if __name__ == "__main__":
    main(*sys.argv[1:4])
