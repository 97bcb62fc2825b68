#!/usr/bin/python3
"""Times `airm lineage trace` and `airm lineage impact` on a large store, against
baselines in the same run, and checks that all of them agree.

Baselines (naive_lineage.py):
  - naive Python as a command: the same walks with Python's sqlite3, one query
    per node, started as a process like airm (interpreter start included);
  - the same functions called in this process (no start-up at all: a lower
    bound no command-line tool can reach);
  - sqlite3 CLI: impact's digest closure alone as one recursive CTE (less work
    than airm does: no runs, models, deployments or counts).
airm's times are whole commands: process start, opening and checking the
store, the query, and rendering the default text tree.

Usage: bench_lineage.py AIRM STORE_DIR [--traces 7] [--repeats 3] [--seed 11]
Prints a markdown table and writes STORE_DIR/../lineage_results.json.
"""
import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time

from naive_lineage import naive_impact, naive_trace


def timed(cmd, **kw):
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, **kw)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}): {out.stderr}")
    return elapsed, out.stdout


CLOSURE_SQL = """WITH RECURSIVE down(digest) AS (
  SELECT digest FROM dataset_versions WHERE id = {id}
  UNION
  SELECT dvo.digest FROM down
    JOIN dataset_versions dvi ON dvi.digest = down.digest
    JOIN run_inputs ri ON ri.dataset_version_id = dvi.id
    JOIN run_outputs ro ON ro.run_id = ri.run_id
    JOIN dataset_versions dvo ON dvo.id = ro.dataset_version_id)
SELECT COUNT(*) - 1 FROM down;"""


def median_time(fn, repeats):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("airm")
    ap.add_argument("store")
    ap.add_argument("--traces", type=int, default=7)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()
    db_path = os.path.join(a.store, ".airm", "airm.db")
    db = sqlite3.connect(db_path)
    counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("runs", "dataset_versions", "model_versions", "deployments", "predictions")}
    n_batches = db.execute("SELECT COUNT(*) FROM prediction_batches").fetchone()[0]
    rng = random.Random(a.seed)
    predictions = []
    for _ in range(a.traces):
        batch = rng.randrange(1, n_batches + 1)
        (pid,) = db.execute("SELECT prediction_id FROM predictions WHERE batch_id = ? LIMIT 1"
                            " OFFSET ?", (batch, rng.randrange(100))).fetchone()
        predictions.append(pid)
    (master,) = db.execute("SELECT dv.id FROM dataset_versions dv JOIN datasets d"
                           " ON d.id = dv.dataset_id WHERE d.name = 'source_0'").fetchone()

    naive_cmd = ["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "naive_lineage.py"), db_path]
    rows = []
    for pid in predictions:
        cmd = [a.airm, "lineage", "trace", "--prediction", pid, "--store", a.store]
        airm_t = statistics.median(timed(cmd)[0] for _ in range(a.repeats))
        _, doc = timed(cmd + ["--json"])
        doc = json.loads(doc)
        py_t, (n_data, n_runs) = median_time(lambda: naive_trace(db, pid), a.repeats)
        cmd_t = statistics.median(timed(naive_cmd + ["trace", pid])[0] for _ in range(a.repeats))
        agree = (n_data, n_runs) == (len(doc["datasets"]), len(doc["runs"]))
        rows.append({"query": f"trace {pid}", "airm_s": airm_t, "python_cmd_s": cmd_t,
                     "python_s": py_t, "datasets": len(doc["datasets"]), "runs": len(doc["runs"]),
                     "agree": agree})

    cmd = [a.airm, "lineage", "impact", "--dataset", "source_0@1", "--store", a.store]
    airm_t = statistics.median(timed(cmd)[0] for _ in range(a.repeats))
    json_t, doc = timed(cmd + ["--json"])
    doc = json.loads(doc)
    py_t, (n_runs, n_data, n_models, n_pred) = median_time(lambda: naive_impact(db, master),
                                                           a.repeats)
    cmd_t = statistics.median(timed(naive_cmd + ["impact", str(master)])[0]
                              for _ in range(a.repeats))
    t = doc["totals"]
    agree = (n_runs, n_data, n_models, n_pred) == (t["runs"], t["datasets"], t["model_versions"],
                                                   t["predictions"])
    cli_times = []
    for _ in range(a.repeats):
        cli_t, out = timed(["sqlite3", db_path, CLOSURE_SQL.format(id=master)])
        cli_times.append(cli_t)
    closure = int(out.strip())
    rows.append({"query": "impact source_0@1", "airm_s": airm_t, "airm_json_s": json_t,
                 "python_cmd_s": cmd_t, "python_s": py_t, "sqlite3_closure_s": statistics.median(cli_times),
                 "runs": t["runs"], "datasets": t["datasets"], "models": t["model_versions"],
                 "predictions": t["predictions"], "agree": agree and closure == t["datasets"]})
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    print(f"store: {counts['runs']:,} runs, {counts['dataset_versions']:,} dataset versions, "
          f"{counts['model_versions']:,} model versions, {counts['deployments']:,} deployments, "
          f"{counts['predictions']:,} predictions")
    print("\n| query | airm command (s) | naive Python command (s) | ratio | naive Python"
          " in-process (s) | graph | agree |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        graph = (f"{r['datasets']} datasets, {r['runs']} runs" if r["query"].startswith("trace")
                 else f"{r['runs']} runs, {r['datasets']} datasets, {r['models']} models, "
                      f"{r['predictions']:,} predictions")
        print(f"| {r['query']} | {r['airm_s']:.3f} | {r['python_cmd_s']:.3f} | "
              f"{r['python_cmd_s'] / r['airm_s']:.1f}x | {r['python_s']:.3f} | {graph} | "
              f"{'yes' if r['agree'] else 'NO'} |")
    impact = rows[-1]
    print(f"\nimpact's digest closure alone as one recursive CTE in the sqlite3 CLI: "
          f"{impact['sqlite3_closure_s']:.3f} s (airm does the whole impact in "
          f"{impact['airm_s']:.3f} s; {impact['airm_json_s']:.3f} s with --json)")
    print(f"peak RSS of any airm / sqlite3 process: {peak_kib / 1024:.1f} MiB")
    result = {"store": counts, "rows": rows, "peak_rss_kib": peak_kib}
    with open(os.path.join(os.path.dirname(os.path.abspath(a.store)), "lineage_results.json"),
              "w") as f:
        json.dump(result, f, indent=1)
    if not all(r["agree"] for r in rows):
        sys.exit("airm and the baseline disagree")


if __name__ == "__main__":
    main()
