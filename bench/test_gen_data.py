#!/usr/bin/python3
"""CTest for airm_gen_data: determinism, shape, split and the documented rates.

Usage: test_gen_data.py GEN_BINARY WORK_DIR
"""
import csv
import os
import subprocess
import sys

ROWS = 20000
COLUMNS = 20
MISSING_COLUMNS = range(2, 18)  # segment .. merchant


def gen(binary, out, seed, *extra):
    subprocess.run([binary, "--rows", str(ROWS), "--seed", str(seed), "--out", out, *extra],
                   check=True)
    with open(out, "rb") as f:
        return f.read()


def main():
    binary, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    a = gen(binary, os.path.join(work, "a.csv"), 7, "--split")
    b = gen(binary, os.path.join(work, "b.csv"), 7)
    c = gen(binary, os.path.join(work, "c.csv"), 8)
    failures = []
    if a != b:
        failures.append("same seed gave different bytes")
    if a == c:
        failures.append("different seeds gave the same bytes")

    lines = a.decode().splitlines()
    header, body = lines[0], lines[1:]
    if len(body) != ROWS:
        failures.append(f"{len(body)} data rows, expected {ROWS}")
    with open(os.path.join(work, "a_first.csv")) as f:
        first = f.read().splitlines()
    with open(os.path.join(work, "a_second.csv")) as f:
        second = f.read().splitlines()
    if first[0] != header or second[0] != header:
        failures.append("split files do not repeat the header")
    if first[1:] + second[1:] != body or len(first) - 1 != ROWS // 2:
        failures.append("split halves are not rows [0, N/2) and [N/2, N)")

    rows = list(csv.reader(body))
    if any(len(r) != COLUMNS for r in rows):
        failures.append("a row does not have 20 fields")
    for column in range(COLUMNS):
        missing = sum(r[column] == "" for r in rows) / ROWS
        expected = 0.02 if column in MISSING_COLUMNS else 0.0
        # Binomial(20000, 0.02): sd of the rate is 0.001; 5 sd is 0.005.
        if abs(missing - expected) > 0.005:
            failures.append(f"column {column} missing rate {missing:.4f}, expected {expected}")
    if [int(r[0]) for r in rows] != list(range(ROWS)):
        failures.append("id is not 0..N-1")
    times = [r[1] for r in rows]
    if times != sorted(times) or not times[0].startswith("2023-01-01T"):
        failures.append("event_time is not ISO and non-decreasing from 2023-01-01")

    for f in failures:
        print("FAIL:", f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
