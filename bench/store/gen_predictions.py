#!/usr/bin/python3
"""Writes a seeded CSV of model predictions for the store benchmark.

Columns: id (unique), ts (ISO 8601 UTC, STEP seconds apart from START), 8
features (6 numeric, 2 categorical), prediction (good/bad) and score. Usage:
  gen_predictions.py ROWS SEED OUT.csv [STEP_SECONDS [START]]
STEP_SECONDS defaults to 1 and START to 2026-01-01T00:00:00 (UTC).
"""
import sys

import numpy as np


def main():
    rows, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    step = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    start = np.datetime64(sys.argv[5] if len(sys.argv) > 5 else "2026-01-01T00:00:00")
    rng = np.random.default_rng(seed)
    chunk = 200_000
    with open(out, "w", encoding="ascii") as f:
        f.write("id,ts,age,income,debt,amount,price,seniority,home,job,prediction,score\n")
        for first in range(0, rows, chunk):
            n = min(chunk, rows - first)
            idx = np.arange(first, first + n)
            ts = (start + (idx * step).astype("timedelta64[s]")).astype(str)
            age = rng.integers(18, 80, n)
            income = np.round(rng.lognormal(4.8, 0.5, n), 2)
            debt = np.round(rng.exponential(300, n), 2)
            amount = rng.integers(100, 5000, n)
            price = amount + rng.integers(0, 2000, n)
            seniority = rng.integers(0, 40, n)
            home = rng.choice(["rent", "owner", "parents", "priv", "other"], n)
            job = rng.choice(["fixed", "freelance", "partime", "others"], n)
            score = np.round(rng.random(n), 6)
            prediction = np.where(score > 0.5, "bad", "good")
            for i in range(n):
                f.write(f"p{idx[i]},{ts[i]}Z,{age[i]},{income[i]},{debt[i]},{amount[i]},{price[i]},"
                        f"{seniority[i]},{home[i]},{job[i]},{prediction[i]},{score[i]}\n")


if __name__ == "__main__":
    main()
