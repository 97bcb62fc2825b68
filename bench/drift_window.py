#!/usr/bin/python3
"""Drift at monitoring window sizes: default `airm drift` (multivariate step
included) against a scipy per-column loop, in the same run.

For each window size (rows a side) this generates a reference and a drifted
current batch with bench/gen_drift_data.py (20 numeric + 5 categorical
features and 4 model columns; drift in 8 numeric and 2 categorical columns and
in the score), then runs, interleaved REPEATS times so that machine load hits
all alike:
  airm drift               the default, domain classifier included
  airm drift --no-multivariate
  scipy loop               bench/scipy_drift.py: ks_2samp per numeric column,
                           chi2_contingency per categorical one (Debian python3)
each under GNU time (/usr/bin/time -v): wall seconds, CPU seconds, peak RSS.
Prints a markdown table of medians and the ratio of each airm run to the scipy
loop, the multivariate result (AUC, p-value, rows), and the load average.

usage: /usr/bin/python3 bench/drift_window.py AIRM_BINARY [--rows 10000 100000]
           [--repeats 5] [--out bench/out/drift_window]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"


def timed(cmd):
    """(wall s, cpu s, peak RSS MiB) of one command under GNU time -v."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"drift_window: {' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-2000:]}")
    fields = {}
    for line in r.stderr.splitlines():
        key, _, value = line.strip().rpartition(": ")
        fields[key] = value
    wall = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"]
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    return seconds, cpu, int(fields["Maximum resident set size (kbytes)"]) / 1024


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("airm")
    ap.add_argument("--rows", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", default=os.path.join(BENCH, "out", "drift_window"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    airm = os.path.abspath(a.airm)
    print(f"load average before: {load()}", file=sys.stderr)
    rows_out = []
    for rows in a.rows:
        ref = os.path.join(a.out, f"ref_{rows}.csv")
        cur = os.path.join(a.out, f"cur_{rows}.csv")
        if not (os.path.exists(ref) and os.path.exists(cur)):
            subprocess.run([PYTHON, os.path.join(BENCH, "gen_drift_data.py"), str(rows), a.out,
                            "--seed", str(a.seed)], check=True, stdout=sys.stderr)
        for path in (ref, cur):  # into the page cache, so no run pays for the disk
            with open(path, "rb") as f:
                while f.read(1 << 24):
                    pass
        json_out = os.path.join(a.out, f"airm_{rows}.json")
        commands = {
            "airm drift": [airm, "drift", "--reference", ref, "--current", cur,
                           "--json", json_out],
            "airm drift --no-multivariate": [airm, "drift", "--reference", ref, "--current", cur,
                                             "--no-multivariate", "--json", os.devnull],
            "scipy loop": [PYTHON, os.path.join(BENCH, "scipy_drift.py"), ref, cur],
        }
        runs = {name: [] for name in commands}
        for _ in range(a.repeats):
            for name, cmd in commands.items():
                runs[name].append(timed(cmd))
        with open(json_out) as f:
            mv = json.load(f)["multivariate"]
        med = {name: tuple(statistics.median(r[i] for r in rs) for i in range(3))
               for name, rs in runs.items()}
        rows_out.append((rows, med, mv))
    print(f"load average after: {load()}", file=sys.stderr)

    print("| rows a side | command | wall s (median) | CPU s | peak RSS MiB | wall / scipy loop |")
    print("|---:|---|---:|---:|---:|---:|")
    for rows, med, _ in rows_out:
        scipy_wall = med["scipy loop"][0]
        for name, (wall, cpu, rss) in med.items():
            print(f"| {rows:,} | {name} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | "
                  f"{wall / scipy_wall:.2f} |")
    print()
    print("| rows a side | multivariate AUC | p-value | drifted | trained on | held out | trees |")
    print("|---:|---:|---:|---|---:|---:|---:|")
    for rows, _, mv in rows_out:
        print(f"| {rows:,} | {mv['auc']:.4f} | {mv['p_value']:.3g} | {mv['drifted']} | "
              f"{mv['train_rows']:,} | {mv['test_rows']:,} | {mv['trees']} |")


if __name__ == "__main__":
    main()
