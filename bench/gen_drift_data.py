#!/usr/bin/env python3
"""Generate synthetic reference/current CSVs for drift benchmarks (Debian python3 with numpy and pandas).

A copy of the shared benchmark kit's generator, so that `make bench` (bench/drift.sh,
bench/drift_window.py) needs nothing outside the repository.

Columns: num_00..num_19 (float), cat_0..cat_4 (string categories), and model columns
y_true (0/1), y_score (P(y=1)), y_pred (y_score >= 0.5), group (g0/g1/g2).
Current data drifts in num_00..num_04 (mean shift), num_05..num_07 (scale),
cat_0/cat_1 (probabilities) and the score model (calibration shift).

usage: gen_drift_data.py ROWS OUTDIR [--seed S] [--num 20] [--cat 5] [--nan-frac 0]
writes OUTDIR/ref_ROWS.csv and OUTDIR/cur_ROWS.csv
"""
import argparse
import os
import time

import numpy as np
import pandas as pd

CAT_LEVELS = [3, 5, 10, 20, 50, 4, 8, 12, 30, 100]


def make(rows, rng, drift, n_num, n_cat, nan_frac):
    cols = {}
    for j in range(n_num):
        kind = j % 4
        shift = 0.1 * (j + 1) if (drift and j < 5) else 0.0
        scale = 1.5 if (drift and 5 <= j < 8) else 1.0
        if kind == 0:
            x = rng.normal(shift, scale, rows)
        elif kind == 1:
            x = rng.lognormal(shift, 0.5 * scale, rows)
        elif kind == 2:
            x = rng.uniform(-1 + shift, 1 + shift, rows) * scale
        else:
            x = rng.gamma(2.0, scale, rows) + shift
        cols[f"num_{j:02d}"] = x
    for j in range(n_cat):
        k = CAT_LEVELS[j % len(CAT_LEVELS)]
        w = np.linspace(1.0, 2.0, k)
        if drift and j < 2:
            w = w[::-1] ** 1.5
        p = w / w.sum()
        idx = rng.choice(k, size=rows, p=p)
        cols[f"cat_{j}"] = np.array([f"c{j}_{i}" for i in range(k)], dtype=object)[idx]
    df = pd.DataFrame(cols)
    group = rng.choice(np.array(["g0", "g1", "g2"], dtype=object), size=rows, p=[0.5, 0.3, 0.2])
    gshift = np.select([group == "g0", group == "g1"], [0.0, 0.3], -0.4)
    logit = 0.8 * cols["num_00"] - 0.5 * cols["num_02"] + 0.3 * np.log(cols["num_01"]) + gshift
    p_true = 1.0 / (1.0 + np.exp(-logit))
    y_true = (rng.random(rows) < p_true).astype(np.int64)
    score_logit = logit * (0.8 if drift else 1.0) + rng.normal(0, 0.3, rows)
    y_score = 1.0 / (1.0 + np.exp(-score_logit))
    df["y_true"] = y_true
    df["y_score"] = y_score
    df["y_pred"] = (y_score >= 0.5).astype(np.int64)
    df["group"] = group
    if nan_frac > 0:
        for j in range(n_num):
            m = rng.random(rows) < nan_frac
            df.loc[m, f"num_{j:02d}"] = np.nan
    return df


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rows", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--num", type=int, default=20)
    ap.add_argument("--cat", type=int, default=5)
    ap.add_argument("--nan-frac", type=float, default=0.0)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    rng = np.random.default_rng(a.seed)
    for name, drift in (("ref", False), ("cur", True)):
        t = time.time()
        df = make(a.rows, rng, drift, a.num, a.cat, a.nan_frac)
        path = os.path.join(a.outdir, f"{name}_{a.rows}.csv")
        df.to_csv(path, index=False, float_format="%.9g")
        print(f"{path}: {df.shape[0]} rows x {df.shape[1]} cols, {os.path.getsize(path)/1e6:.1f} MB, {time.time()-t:.1f}s")


if __name__ == "__main__":
    main()
