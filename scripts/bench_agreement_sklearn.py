#!/usr/bin/env python3
"""Times per-code pairwise Cohen's kappa with scikit-learn, the way an analyst
would compute it in a Python loop, on the exact binary ratings accord's
agreement benchmark used, and checks the kappas against accord's.

Run by `accord-bench agreement` (Benchmarks/), which writes:
  META.json  {"units": N, "codes": [...], "coders": [...], "ratings": "FILE",
              "swift": [{"code": i, "first": a, "second": b, "kappa": k|null}, ...]}
  FILE       uint8 ratings, C-order shape (codes, coders, units), 1 = code present
Prints one JSON object: timings of the loop (repeats), the sklearn version and
the largest |kappa_sklearn - kappa_accord|.

usage: bench_agreement_sklearn.py META.json [--repeats R]
"""
import json
import math
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.metrics import cohen_kappa_score


def main() -> None:
    meta_path = sys.argv[1]
    repeats = int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 3
    with open(meta_path) as f:
        meta = json.load(f)
    n_codes, n_coders, n_units = len(meta["codes"]), len(meta["coders"]), meta["units"]
    path = os.path.join(os.path.dirname(meta_path), meta["ratings"])
    ratings = np.fromfile(path, dtype=np.uint8).reshape(n_codes, n_coders, n_units)
    pairs = [(a, b) for a in range(n_coders) for b in range(a + 1, n_coders)]

    def loop() -> dict:
        kappas = {}
        for c in range(n_codes):
            for a, b in pairs:
                kappas[(c, a, b)] = cohen_kappa_score(ratings[c, a], ratings[c, b])
        return kappas

    times = []
    kappas = {}
    for _ in range(repeats):
        start = time.perf_counter()
        kappas = loop()
        times.append(time.perf_counter() - start)

    max_diff = 0.0
    mismatches = []
    compared = 0
    for entry in meta["swift"]:
        key = (entry["code"], entry["first"], entry["second"])
        ours, theirs = entry["kappa"], float(kappas[key])
        if ours is None or theirs is None or math.isnan(theirs):
            same = (ours is None) and (theirs is None or math.isnan(theirs))
            diff = 0.0 if same else math.inf
        else:
            diff = abs(ours - theirs)
        compared += 1
        max_diff = max(max_diff, diff)
        if diff > 1e-9:
            mismatches.append({"code": meta["codes"][key[0]], "pair": [meta["coders"][key[1]], meta["coders"][key[2]]],
                               "accord": ours, "sklearn": None if math.isnan(theirs) else theirs})
    times.sort()
    print(json.dumps({
        "sklearn": sklearn.__version__, "numpy": np.__version__, "python": sys.version.split()[0],
        "calls": len(kappas), "units": n_units, "repeats": repeats,
        "seconds_median": times[len(times) // 2], "seconds_min": times[0], "seconds_all": times,
        "compared": compared, "max_abs_diff": max_diff if math.isfinite(max_diff) else None, "mismatches": mismatches[:10],
    }))


if __name__ == "__main__":
    main()
