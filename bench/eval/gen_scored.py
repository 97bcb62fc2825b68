#!/usr/bin/python3
"""Seeded generator of a scored binary-classification data set for bench/run_eval.sh.

Writes ROWS rows (default 1,000,000) of a credit-risk-like book with a model
score, three segment columns (region, channel, product), two sensitive
attributes (sex, age_band), four numeric features (age, income,
utilization, tenure_months), the 0/1 `target` and `score` = the model's
P(target = 1). Every draw comes from one numpy Generator (PCG64) seeded with
--seed, so the bytes depend only on the seed, the row count and numpy's
PCG64 streams (stable across numpy versions by numpy's policy).

Planted structure, so the evaluation has something to find:
  * weak slice: channel == partner & utilization in its top quartile gets a
    much noisier, shrunk score (error rate roughly 2-3x the average);
  * fairness: the model is over-confident for age_band 18-25 (its logit is
    stretched), which shows up as a calibration and FPR gap;
  * a mild global over-confidence, so the ECE is not zero;
  * about 1% missing region and 0.5% missing sex.
"""
import argparse

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    n = args.rows
    rng = np.random.default_rng(args.seed)

    regions = np.array([f"R{i:02d}" for i in range(8)])
    region_p = 1.0 / np.arange(1, 9) ** 0.8
    region = regions[rng.choice(8, size=n, p=region_p / region_p.sum())].astype(object)
    region[rng.random(n) < 0.01] = ""
    channel = np.array(["web", "mobile", "branch", "partner"])[
        rng.choice(4, size=n, p=[0.40, 0.35, 0.15, 0.10])]
    product = np.array(["card", "loan", "mortgage", "overdraft", "auto"])[
        rng.choice(5, size=n, p=[0.35, 0.25, 0.15, 0.15, 0.10])]
    sex = np.array(["F", "M"])[rng.integers(0, 2, size=n)].astype(object)
    sex[rng.random(n) < 0.005] = ""
    age = np.clip(np.round(rng.normal(43, 14, size=n)), 18, 90).astype(np.int64)
    band_edges = np.array([26, 36, 51, 66])
    band_names = np.array(["18-25", "26-35", "36-50", "51-65", "66+"])
    age_band = band_names[np.searchsorted(band_edges, age, side="right")]
    income = np.round(np.exp(rng.normal(10.6, 0.55, size=n)), 2)
    utilization = np.round(rng.beta(2.0, 3.5, size=n), 4)
    tenure = np.minimum(rng.geometric(1 / 48, size=n) - 1, (age - 18) * 12)

    # True risk: a logistic model of the features.
    logit = (-2.2 + 3.2 * (utilization - 0.36) - 0.9 * (np.log(income) - 10.6)
             - 0.012 * (tenure - 47) - 0.015 * (age - 43)
             + np.select([channel == "partner", channel == "branch"], [0.5, -0.2], 0.0)
             + np.select([product == "card", product == "mortgage"], [0.3, -0.6], 0.0))
    p_true = 1 / (1 + np.exp(-logit))
    target = (rng.random(n) < p_true).astype(np.int8)

    # The model: the true logit plus noise, mildly over-confident, much worse
    # on the planted slice, stretched (over-confident) for the youngest band.
    model_logit = 1.15 * logit + 0.35 + rng.normal(0, 0.6, size=n)
    weak = (channel == "partner") & (utilization >= np.quantile(utilization, 0.75))
    model_logit[weak] = 0.3 * logit[weak] + 0.8 + rng.normal(0, 1.8, size=weak.sum())
    young = age_band == "18-25"
    model_logit[young] = 1.6 * model_logit[young] + 0.4
    score = np.round(1 / (1 + np.exp(-model_logit)), 6)
    score = np.clip(score, 1e-6, 1 - 1e-6)

    with open(args.out, "w") as f:
        f.write("region,channel,product,sex,age_band,age,income,utilization,tenure_months,"
                "target,score\n")
        chunk = 200_000
        for s in range(0, n, chunk):
            e = min(n, s + chunk)
            lines = [
                f"{a},{b},{c},{d},{g},{h},{i:.2f},{j:.4f},{k},{l},{m:.6f}"
                for a, b, c, d, g, h, i, j, k, l, m in zip(
                    region[s:e], channel[s:e], product[s:e], sex[s:e], age_band[s:e],
                    age[s:e].tolist(), income[s:e].tolist(), utilization[s:e].tolist(),
                    tenure[s:e].tolist(), target[s:e].tolist(), score[s:e].tolist())
            ]
            f.write("\n".join(lines))
            f.write("\n")


if __name__ == "__main__":
    main()
