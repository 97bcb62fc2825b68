#!/usr/bin/python3
"""False-alarm rate and power of `airm drift`'s multivariate step, measured.

For each scenario and window size n, draws PAIRS seeded pairs of n rows a side
(without replacement), writes them as CSV, runs `airm drift --json` on each and
counts how often the domain classifier flags drift (p <= 0.05 and p <= 0.01).
  null scenarios: both sides drawn from one file (disjoint rows), so every
    flag is a false alarm;
  shift scenarios: reference rows from one file, current rows from another
    with a known shift.
Only the columns named in a scenario are kept (features; the target and the
model's outputs are left out), and columns named in `drop` are removed to make
the shift harder to see (e.g. Age in an Age split: the rest must carry it).

usage: /usr/bin/python3 bench/multivariate_power.py AIRM_BINARY [--pairs 100]
           [--scenarios NAME ...] [--sizes N ...] [--out bench/out/multivariate_power]
Data: examples/credit (in this repository; modeldata credit_data split by Age)
and the benchmark generator's drifted batches (bench/gen_drift_data.py).
"""
import argparse
import csv
import json
import os
import random
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
CREDIT = os.path.join(ROOT, "examples", "credit")
CREDIT_FEATURES = ["Seniority", "Home", "Time", "Age", "Marital", "Records", "Job", "Expenses",
                   "Income", "Assets", "Debt", "Amount", "Price"]
GEN_FEATURES = [f"num_{j:02d}" for j in range(20)] + [f"cat_{j}" for j in range(5)]


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return rows


def write(path, rows, columns):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow([r[c] for c in columns])


def scenarios(out):
    gen_ref = os.path.join(out, "ref_10000.csv")
    gen_cur = os.path.join(out, "cur_10000.csv")
    if not (os.path.exists(gen_ref) and os.path.exists(gen_cur)):
        subprocess.run(["/usr/bin/python3", os.path.join(BENCH, "gen_drift_data.py"), "10000", out],
                       check=True, stdout=sys.stderr)
    credit_ref = os.path.join(CREDIT, "reference.csv")
    credit_cur = os.path.join(CREDIT, "current.csv")
    no_age = [c for c in CREDIT_FEATURES if c != "Age"]
    return {
        "credit-null": (credit_ref, None, CREDIT_FEATURES, [100, 300, 1000]),
        "credit-age-shift": (credit_ref, credit_cur, CREDIT_FEATURES, [25, 50, 100]),
        "credit-age-shift-without-Age": (credit_ref, credit_cur, no_age, [50, 100, 200, 400]),
        "generator-null": (gen_ref, None, GEN_FEATURES, [100, 1000, 4000]),
        "generator-drift": (gen_ref, gen_cur, GEN_FEATURES, [25, 50, 100, 200]),
    }


def run_pair(airm, ref_rows, cur_rows, columns, work):
    ref_path = os.path.join(work, "ref.csv")
    cur_path = os.path.join(work, "cur.csv")
    out = os.path.join(work, "out.json")
    write(ref_path, ref_rows, columns)
    write(cur_path, cur_rows, columns)
    r = subprocess.run([airm, "drift", "--reference", ref_path, "--current", cur_path,
                        "--json", out], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"multivariate_power: airm failed ({r.returncode}): {r.stderr[-1000:]}")
    with open(out) as f:
        mv = json.load(f)["multivariate"]
    if not mv["ran"]:
        sys.exit(f"multivariate_power: the domain classifier did not run: {mv['note']}")
    return mv["p_value"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("airm")
    ap.add_argument("--pairs", type=int, default=100)
    ap.add_argument("--scenarios", nargs="*")
    ap.add_argument("--sizes", type=int, nargs="*", help="rows a side, instead of each scenario's")
    ap.add_argument("--out", default=os.path.join(BENCH, "out", "multivariate_power"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    airm = os.path.abspath(a.airm)
    all_scenarios = scenarios(a.out)
    print("| scenario | rows a side | pairs | flagged p <= 0.05 | flagged p <= 0.01 |")
    print("|---|---:|---:|---:|---:|")
    for name, (ref_file, cur_file, columns, sizes) in all_scenarios.items():
        if a.scenarios and name not in a.scenarios:
            continue
        ref_all = read(ref_file)
        cur_all = read(cur_file) if cur_file else None
        for n in a.sizes or sizes:
            rng = random.Random(f"{name}/{n}")
            flagged_05 = flagged_01 = 0
            for _ in range(a.pairs):
                if cur_all is None:
                    rows = rng.sample(ref_all, 2 * n)
                    ref_rows, cur_rows = rows[:n], rows[n:]
                else:
                    ref_rows, cur_rows = rng.sample(ref_all, n), rng.sample(cur_all, n)
                p = run_pair(airm, ref_rows, cur_rows, columns, a.out)
                flagged_05 += p <= 0.05
                flagged_01 += p <= 0.01
            print(f"| {name} | {n:,} | {a.pairs} | {flagged_05} ({flagged_05 / a.pairs:.0%}) | "
                  f"{flagged_01} ({flagged_01 / a.pairs:.0%}) |", flush=True)


if __name__ == "__main__":
    main()
