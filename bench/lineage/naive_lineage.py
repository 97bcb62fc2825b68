#!/usr/bin/python3
"""The baseline of the lineage benchmark: trace and impact written the naive way
with Python's sqlite3, one query per node of the walk, the same semantics as
airm (digests join names; producers started after the as-of time are left
out). As a command it answers one query and prints the counts as JSON:

  naive_lineage.py STORE_DB trace PREDICTION_ID
  naive_lineage.py STORE_DB impact DATASET_VERSION_ID
"""
import json
import sqlite3
import sys


def naive_upstream(db, digests, root_runs, as_of, seen_digests, seen_runs):
    queue = list(digests)
    for d in digests:
        seen_digests.add(d)
    for run in root_runs:
        if run in seen_runs:
            continue
        seen_runs.add(run)
        for (d,) in db.execute("SELECT dv.digest FROM run_inputs ri JOIN dataset_versions dv"
                               " ON dv.id = ri.dataset_version_id WHERE ri.run_id = ?", (run,)):
            if d not in seen_digests:
                seen_digests.add(d)
                queue.append(d)
    while queue:
        d = queue.pop(0)
        producers = db.execute(
            "SELECT ro.run_id FROM dataset_versions dv JOIN run_outputs ro"
            " ON ro.dataset_version_id = dv.id JOIN runs r ON r.id = ro.run_id"
            " WHERE dv.digest = ? AND r.started_at <= ?", (d, as_of)).fetchall()
        for (run,) in producers:
            if run in seen_runs:
                continue
            seen_runs.add(run)
            for (i,) in db.execute("SELECT dv.digest FROM run_inputs ri JOIN dataset_versions dv"
                                   " ON dv.id = ri.dataset_version_id WHERE ri.run_id = ?", (run,)):
                if i not in seen_digests:
                    seen_digests.add(i)
                    queue.append(i)


def naive_trace(db, prediction_id):
    (at, mv, dep, input_id, prep) = db.execute(
        "SELECT p.predicted_at, b.model_version_id, b.deployment_id, b.input_dataset_version_id,"
        " b.preprocessing_run_id FROM predictions p JOIN prediction_batches b ON b.id = p.batch_id"
        " WHERE p.prediction_id = ?", (prediction_id,)).fetchone()
    env = db.execute("SELECT environment FROM deployments WHERE id = ?", (dep,)).fetchone()[0]
    db.execute("SELECT id FROM deployments WHERE environment = ? AND valid_from <= ? AND"
               " (valid_to IS NULL OR valid_to > ?)", (env, at, at)).fetchall()
    (training_run,) = db.execute("SELECT training_run_id FROM model_versions WHERE id = ?",
                                 (mv,)).fetchone()
    roots = [d for (d,) in db.execute(
        "SELECT dv.digest FROM model_version_data m JOIN dataset_versions dv"
        " ON dv.id = m.dataset_version_id WHERE m.model_version_id = ?", (mv,))]
    digests, runs = set(), set()
    naive_upstream(db, roots, [training_run] if training_run else [], at, digests, runs)
    inf_digests, inf_runs = set(), set()
    inf_roots = [db.execute("SELECT digest FROM dataset_versions WHERE id = ?",
                            (input_id,)).fetchone()[0]] if input_id else []
    naive_upstream(db, inf_roots, [prep] if prep else [], at, inf_digests, inf_runs)
    digests |= inf_digests
    runs |= inf_runs
    for d in digests:
        for (vid,) in db.execute("SELECT id FROM dataset_versions WHERE digest = ?", (d,)).fetchall():
            db.execute("SELECT * FROM quality_check_runs WHERE dataset_version_id = ?"
                       " AND executed_at <= ?", (vid, at)).fetchall()
    return len(digests), len(runs)


def naive_impact(db, dataset_version_id):
    (start,) = db.execute("SELECT digest FROM dataset_versions WHERE id = ?",
                          (dataset_version_id,)).fetchone()
    seen, runs, queue = {start}, set(), [start]
    while queue:
        d = queue.pop(0)
        for (run,) in db.execute("SELECT ri.run_id FROM dataset_versions dv JOIN run_inputs ri"
                                 " ON ri.dataset_version_id = dv.id WHERE dv.digest = ?", (d,)):
            if run in runs:
                continue
            runs.add(run)
            for (o,) in db.execute("SELECT dv.digest FROM run_outputs ro JOIN dataset_versions dv"
                                   " ON dv.id = ro.dataset_version_id WHERE ro.run_id = ?", (run,)):
                if o not in seen:
                    seen.add(o)
                    queue.append(o)
    models = set()
    for d in seen:
        for (mv,) in db.execute("SELECT m.model_version_id FROM model_version_data m JOIN"
                                " dataset_versions dv ON dv.id = m.dataset_version_id"
                                " WHERE dv.digest = ?", (d,)):
            models.add(mv)
    for run in runs:
        for (mv,) in db.execute("SELECT id FROM model_versions WHERE training_run_id = ?", (run,)):
            models.add(mv)
    predictions = 0
    for mv in models:
        db.execute("SELECT * FROM deployments WHERE model_version_id = ?", (mv,)).fetchall()
        (n,) = db.execute("SELECT COALESCE(SUM(row_count), 0) FROM prediction_batches"
                          " WHERE model_version_id = ?", (mv,)).fetchone()
        predictions += n
    return len(runs), len(seen) - 1, len(models), predictions


def main():
    db = sqlite3.connect(sys.argv[1])
    if sys.argv[2] == "trace":
        print(json.dumps(naive_trace(db, sys.argv[3])))
    else:
        print(json.dumps(naive_impact(db, int(sys.argv[3]))))


if __name__ == "__main__":
    main()
