#!/usr/bin/python3
"""Benchmark inputs for `airm chaos`: a labelled data set and a real XGBoost model.

    /usr/bin/python3 bench/chaos/gen_chaos_data.py --rows 10000 --seed 7 --out DIR

Writes DIR/chaos_data.csv (ROWS rows: 16 numeric features x0..x15, 4 text
features c0..c3, target `default` in {0, 1}; x1, x2 and c0 have 5% missing
values), and DIR/chaos_model.json + DIR/chaos_model_meta.json: an XGBoost
binary:logistic model (python3-xgboost, 60 rounds, depth 4) trained on a
separate sample of the same process, with the feature-encoding meta that
airm's xgboost: adapter and tests/servers/mlflow_server.py read (one-hot
"c=level" dummies for the text features, NaN for missing). The decision
threshold in the meta is the training set's positive rate.
"""
import argparse
import csv
import json
import os

import numpy as np
import xgboost as xgb

NUMERIC = [f"x{i}" for i in range(16)]
LEVELS = {"c0": ["north", "south", "east", "west"],
          "c1": ["a", "b", "c"],
          "c2": ["retail", "online", "phone", "branch", "partner"],
          "c3": ["basic", "plus", "premium", "gold", "silver", "bronze"]}


def sample(rows, rng):
    x = np.empty((rows, 16))
    for i in range(16):
        if i % 3 == 0:
            x[:, i] = rng.lognormal(3.0, 0.8, rows)  # positive, skewed (amounts)
        elif i % 3 == 1:
            x[:, i] = rng.normal(0.0, 1.0, rows)
        else:
            x[:, i] = rng.integers(0, 40, rows)  # counts / years
    cats = {name: rng.choice(levels, rows) for name, levels in LEVELS.items()}
    logit = (0.9 * np.tanh(x[:, 1]) - 0.6 * np.log(x[:, 0]) / 3 + 0.03 * x[:, 2]
             + 0.5 * (x[:, 4] > 0.5) - 0.02 * x[:, 5] + 0.3 * np.sin(x[:, 7])
             + 0.4 * (cats["c0"] == "south") - 0.5 * (cats["c2"] == "online")
             + 0.3 * (cats["c3"] == "premium") - 1.0)
    y = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype(int)
    # Missing values, as production data has them.
    for i in (1, 2):
        x[rng.random(rows) < 0.05, i] = np.nan
    c0 = cats["c0"].astype(object)
    c0[rng.random(rows) < 0.05] = None
    cats["c0"] = c0
    return x, cats, y


def encode(x, cats, names):
    columns = [x[:, i] for i in range(16)]
    for name, levels in LEVELS.items():
        values = cats[name]
        missing = np.array([v is None for v in values])
        for level in levels:
            col = (values == level).astype(float)
            col[missing] = np.nan
            columns.append(col)
    return np.column_stack(columns)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    names = NUMERIC + [f"{c}={level}" for c, levels in LEVELS.items() for level in levels]

    rng = np.random.default_rng(args.seed + 1)
    x_train, cats_train, y_train = sample(20000, rng)
    dtrain = xgb.DMatrix(encode(x_train, cats_train, names), label=y_train, missing=np.nan,
                         feature_names=names)
    params = {"objective": "binary:logistic", "max_depth": 4, "eta": 0.1, "nthread": 2,
              "seed": args.seed, "eval_metric": "auc"}
    booster = xgb.train(params, dtrain, num_boost_round=60)
    booster.save_model(os.path.join(args.out, "chaos_model.json"))
    meta = {"target": "default", "positive_label": "1", "negative_label": "0",
            "threshold": float(y_train.mean()),
            "feature_columns": NUMERIC + list(LEVELS),
            "categorical_levels": LEVELS, "model_feature_names": names,
            "encoding": "numeric columns as float (empty = missing/NaN); categorical column c "
                        "one-hot as 'c=level' (missing -> NaN in all of c's dummies; unseen "
                        "level -> all zeros)",
            "xgboost_version": xgb.__version__, "params": params, "num_boost_round": 60,
            "generator": "bench/chaos/gen_chaos_data.py", "seed": args.seed}
    with open(os.path.join(args.out, "chaos_model_meta.json"), "w") as f:
        json.dump(meta, f, indent=1)

    rng = np.random.default_rng(args.seed)
    x, cats, y = sample(args.rows, rng)
    with open(os.path.join(args.out, "chaos_data.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(NUMERIC + list(LEVELS) + ["default"])
        for r in range(args.rows):
            row = ["" if np.isnan(v) else repr(float(v)) for v in x[r]]
            row += ["" if cats[c][r] is None else cats[c][r] for c in LEVELS]
            row.append(int(y[r]))
            writer.writerow(row)
    print(f"wrote {args.rows} rows and the model to {args.out}")


if __name__ == "__main__":
    main()
