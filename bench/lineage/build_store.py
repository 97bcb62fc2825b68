#!/usr/bin/python3
"""Fill an airm store (made by `airm init`) with a large lineage graph by bulk SQL.

The setup writes the tables directly with Python's sqlite3 in one transaction:
recording 10,000 runs through `airm run exec` would time process start-up, not
lineage queries. The shape (seeded, deterministic):

  - SOURCES source datasets; source 0 ("master") feeds the first step of
    MASTER_CHAINS chains, so it sits high in the graph;
  - CHAINS preprocessing chains of CHAIN_LENGTH runs each; every step reads the
    previous step's output, every 5th step also a random source (fan-in);
    every 4th chain's last output is registered again under another name
    (same digest), which the training run reads;
  - MODELS training runs, each on the end of one chain (train) plus a source
    (validation), one model version each;
  - the remaining runs up to RUNS are inference preprocessing runs: a fresh
    input file -> a scoring file;
  - ENVS environments, each with its models deployed one after another;
  - BATCHES prediction batches of PREDICTIONS / BATCHES rows, each against
    the model serving in its environment at its time, its input the output of
    one inference preprocessing run;
  - a quality check on every chain output.

Usage: build_store.py STORE_DB [--runs 10000] [--predictions 1000000] [--seed 7]
"""
import argparse
import hashlib
import json
import random
import sqlite3
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


def ts(seconds):
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def digest(text):
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--runs", type=int, default=10000)
    ap.add_argument("--predictions", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sources", type=int, default=200)
    ap.add_argument("--chain-length", type=int, default=20)
    ap.add_argument("--chains", type=int, default=400)
    ap.add_argument("--master-chains", type=int, default=100)
    ap.add_argument("--models", type=int, default=300)
    ap.add_argument("--envs", type=int, default=10)
    ap.add_argument("--batches", type=int, default=1000)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    inference_runs = a.runs - a.chains * a.chain_length - a.models
    if inference_runs < a.batches:
        sys.exit("not enough runs left for one inference run per batch")

    db = sqlite3.connect(a.db, isolation_level=None)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("BEGIN")
    started = time.perf_counter()
    ids = {"dataset": 0, "version": 0, "run": 0, "job": 0}

    def new_dataset(name, at):
        ids["dataset"] += 1
        db.execute("INSERT INTO datasets (id, name, created_at) VALUES (?, ?, ?)",
                   (ids["dataset"], name, at))
        return ids["dataset"]

    def new_version(dataset_id, version, dig, rows, at):
        ids["version"] += 1
        db.execute(
            "INSERT INTO dataset_versions (id, dataset_id, version, digest, bytes, row_count,"
            " schema_json, registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bench')",
            (ids["version"], dataset_id, version, dig, rows * 40, rows,
             '[{"name":"x","type":"float64"},{"name":"y","type":"float64"}]', at))
        return ids["version"]

    def dataset(name, dig, rows, at):
        return new_version(new_dataset(name, at), 1, dig, rows, at)

    jobs = {}

    def job(name, kind):
        if name not in jobs:
            ids["job"] += 1
            db.execute("INSERT INTO jobs (id, name, kind) VALUES (?, ?, ?)", (ids["job"], name, kind))
            jobs[name] = ids["job"]
        return jobs[name]

    def run(job_name, kind, at, inputs, outputs):
        ids["run"] += 1
        db.execute(
            "INSERT INTO runs (id, run_uuid, job_id, status, started_at, ended_at, exit_code,"
            " code_version, command_json) VALUES (?, ?, ?, 'completed', ?, ?, 0, 'bench', ?)",
            (ids["run"], str(uuid.UUID(int=rng.getrandbits(128), version=4)), job(job_name, kind),
             ts(at), ts(at + 60), json.dumps([job_name])))
        db.executemany("INSERT INTO run_inputs (run_id, dataset_version_id, role) VALUES (?, ?, ?)",
                       [(ids["run"], v, role) for v, role in inputs])
        db.executemany("INSERT INTO run_outputs (run_id, dataset_version_id) VALUES (?, ?)",
                       [(ids["run"], v) for v in outputs])
        return ids["run"]

    clock = 0
    sources = [dataset(f"source_{i}", digest(f"source {i}"), 10000, ts(0)) for i in range(a.sources)]
    chain_ends = []
    for c in range(a.chains):
        prev = sources[0] if c < a.master_chains else sources[rng.randrange(1, a.sources)]
        for step in range(a.chain_length):
            clock += 30
            out = dataset(f"chain_{c}_step_{step}", digest(f"chain {c} step {step}"), 5000, ts(clock))
            inputs = [(prev, "input")]
            if step % 5 == 4:
                extra = sources[rng.randrange(a.sources)]
                if extra != prev:
                    inputs.append((extra, "reference"))
            run(f"chain_{c}_step_{step}", "preprocessing", clock, inputs, [out])
            db.execute("INSERT INTO quality_check_runs (check_name, dataset_version_id, status,"
                       " metrics_json, executed_at) VALUES ('missing_share_change', ?, ?, '{}', ?)",
                       (out, "pass" if rng.random() < 0.95 else "warn", ts(clock + 10)))
            prev = out
        if c % 4 == 0:  # the same bytes under a second name
            prev = dataset(f"training_set_{c}", digest(f"chain {c} step {a.chain_length - 1}"),
                           5000, ts(clock + 5))
        chain_ends.append(prev)

    models = []
    for m in range(a.models):
        clock += 60
        train_input = chain_ends[m % len(chain_ends)]
        validation = sources[rng.randrange(a.sources)]
        training_run = run(f"train_{m % 20}", "training", clock,
                           [(train_input, "train"), (validation, "validation")], [])
        cur = db.execute("INSERT INTO models (name, created_at) VALUES (?, ?)"
                         " ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id",
                         (f"model_{m % 30}", ts(clock)))
        model_id = cur.fetchone()[0]
        cur = db.execute(
            "INSERT INTO model_versions (model_id, version, artifact_digest, training_run_id,"
            " registered_at, registered_by) VALUES (?, ?, ?, ?, ?, 'bench') RETURNING id",
            (model_id, str(m // 30 + 1), digest(f"model {m}"), training_run, ts(clock + 120)))
        mv = cur.fetchone()[0]
        db.executemany("INSERT INTO model_version_data (model_version_id, dataset_version_id, role)"
                       " VALUES (?, ?, ?)", [(mv, train_input, "train"), (mv, validation, "validation")])
        models.append((mv, clock + 120))

    # Deployments: the models in order, spread over the environments.
    per_env = {e: [] for e in range(a.envs)}
    for i, (mv, at) in enumerate(models):
        env = i % a.envs
        deploy_at = at + 600
        if per_env[env]:
            last_id = per_env[env][-1][0]
            db.execute("UPDATE deployments SET valid_to = ? WHERE id = ?", (ts(deploy_at), last_id))
        cur = db.execute("INSERT INTO deployments (model_version_id, environment, valid_from,"
                         " deployed_by) VALUES (?, ?, ?, 'bench') RETURNING id",
                         (mv, f"env_{env}", ts(deploy_at)))
        per_env[env].append((cur.fetchone()[0], mv, deploy_at))

    # Inference preprocessing runs and prediction batches after every deployment.
    clock = max(d[2] for ds in per_env.values() for d in ds) + 3600
    per_batch = a.predictions // a.batches
    pred_rows = 0
    for r in range(inference_runs):
        clock += 60
        raw = dataset(f"incoming_{r}", digest(f"incoming {r}"), per_batch, ts(clock))
        scoring = dataset(f"scoring_{r}", digest(f"scoring {r}"), per_batch, ts(clock + 30))
        prep = run(f"score_prep_{r % 10}", "preprocessing", clock, [(raw, "input")], [scoring])
        if r >= a.batches:
            continue
        env = r % a.envs
        dep_id, mv, _ = per_env[env][-1]
        cur = db.execute(
            "INSERT INTO prediction_batches (model_version_id, deployment_id, input_dataset_version_id,"
            " preprocessing_run_id, row_count, logged_at, logged_by) VALUES (?, ?, ?, ?, ?, ?, 'bench')"
            " RETURNING id", (mv, dep_id, scoring, prep, per_batch, ts(clock + 90)))
        batch = cur.fetchone()[0]
        row_digest = digest(f"row {r}")
        db.executemany(
            "INSERT INTO predictions (prediction_id, batch_id, predicted_at, input_digest, output)"
            " VALUES (?, ?, ?, ?, ?)",
            ((f"p{r}-{i}", batch, ts(clock + 90), row_digest, "0.5") for i in range(per_batch)))
        pred_rows += per_batch
    db.execute("COMMIT")  # no ANALYZE: a store airm wrote has no planner statistics either
    db.close()
    print(json.dumps({"runs": ids["run"], "dataset_versions": ids["version"], "models": len(models),
                      "predictions": pred_rows, "seconds": round(time.perf_counter() - started, 1)}))


if __name__ == "__main__":
    main()
