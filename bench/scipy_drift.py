#!/usr/bin/python3
"""Second baseline for `airm drift`: the textbook two-sample tests with scipy.

Reads the reference and current CSV with the csv module (the Debian interpreter
has numpy and scipy but no pandas), then per column:
  numeric (ints, floats, ISO timestamps as epoch seconds): scipy.stats.ks_2samp
  categorical: scipy.stats.chi2_contingency on the 2 x k table of level counts
Empty fields are missing and left out of both tests.

Usage: /usr/bin/python3 scipy_drift.py REF.csv CUR.csv [--json OUT] [--alpha 0.05]
Prints one line per column to stderr; --json writes the results and the time
spent loading vs testing.
"""
import argparse
import csv
import json
import sys
import time

import numpy as np
from scipy import stats


def load_columns(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        columns = [list(c) for c in zip(*reader)] if header else []
    if not columns:
        columns = [[] for _ in header]
    return header, columns


def as_numeric(values):
    """float array without missing cells, or None if some present cell is not a number."""
    present = [v for v in values if v != ""]
    try:
        return np.array(present, dtype=np.float64)
    except ValueError:
        pass
    try:
        # ISO 8601 timestamps: compare as seconds since the epoch.
        return np.array(present, dtype="datetime64[s]").astype(np.int64).astype(np.float64)
    except ValueError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference")
    ap.add_argument("current")
    ap.add_argument("--json")
    ap.add_argument("--alpha", type=float, default=0.05)
    args = ap.parse_args()

    t0 = time.perf_counter()
    ref_header, ref_cols = load_columns(args.reference)
    cur_header, cur_cols = load_columns(args.current)
    if ref_header != cur_header:
        sys.exit("scipy_drift: the two files have different headers")
    t1 = time.perf_counter()

    results = []
    for name, ref, cur in zip(ref_header, ref_cols, cur_cols):
        ref_num, cur_num = as_numeric(ref), as_numeric(cur)
        if ref_num is not None and cur_num is not None:
            if len(ref_num) == 0 or len(cur_num) == 0:
                results.append({"column": name, "test": "ks", "statistic": None,
                                "p_value": None, "reason": "a side has no values"})
                continue
            r = stats.ks_2samp(ref_num, cur_num)
            results.append({"column": name, "test": "ks", "statistic": float(r.statistic),
                            "p_value": float(r.pvalue)})
        else:
            levels = sorted((set(ref) | set(cur)) - {""})
            index = {level: i for i, level in enumerate(levels)}
            table = np.zeros((2, len(levels)), dtype=np.int64)
            for row, values in enumerate((ref, cur)):
                codes = [index[v] for v in values if v != ""]
                table[row] = np.bincount(codes, minlength=len(levels))
            if len(levels) < 2 or (table.sum(axis=1) == 0).any():
                results.append({"column": name, "test": "chi2", "statistic": None,
                                "p_value": None, "reason": "fewer than two levels or empty side"})
                continue
            chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
            results.append({"column": name, "test": "chi2", "statistic": float(chi2),
                            "p_value": float(p), "dof": int(dof)})
    t2 = time.perf_counter()

    for r in results:
        p = r["p_value"]
        verdict = "n/a" if p is None else ("DRIFT" if p < args.alpha else "stable")
        stat = "n/a" if r["statistic"] is None else f"{r['statistic']:.6g}"
        print(f"{r['column']:>14} {r['test']:>4} stat={stat:>12} p={p!s:>24} {verdict}",
              file=sys.stderr)
    print(f"load {t1 - t0:.2f} s, tests {t2 - t1:.2f} s", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"load_seconds": t1 - t0, "test_seconds": t2 - t1, "alpha": args.alpha,
                       "columns": results}, f, indent=2)


if __name__ == "__main__":
    main()
