#!/usr/bin/python3
"""Turns bench/run.sh's timings (runs.tsv) into results.json and a markdown table.

Per benchmark: median wall time over its runs, MB/s (input bytes / 1e6 / wall),
rows/s, median peak RSS in MiB, and time relative to DuckDB's SUMMARIZE
(tool wall / DuckDB wall: below 1 means faster than DuckDB). A benchmark with no
recorded run (missing binary, failure, or no valid JSON output) is listed as not
available instead of being given numbers.
"""
import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys

# name -> (label, what it reads: "big" or "halves")
BENCHMARKS = [
    ("airm_profile", "`airm profile`", "big"),
    ("airm_profile_stream", "`airm profile --stream`", "big"),
    ("duckdb_summarize", "DuckDB `SUMMARIZE read_csv_auto(...)`", "big"),
    ("airm_drift", "`airm drift` (first half vs second half)", "halves"),
    ("scipy_drift", "scipy ks_2samp + chi2_contingency (csv module load)", "halves"),
]


def read_runs(path):
    runs = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            runs.setdefault(row["name"], []).append({
                "wall_s": float(row["wall_s"]), "max_rss_kb": int(row["max_rss_kb"]),
                "user_s": float(row["user_s"]), "sys_s": float(row["sys_s"])})
    return runs


def summarize(runs, input_bytes, rows):
    if not runs:
        return None
    wall = statistics.median(r["wall_s"] for r in runs)
    rss_kb = statistics.median(r["max_rss_kb"] for r in runs)
    cpu = statistics.median(r["user_s"] + r["sys_s"] for r in runs)
    return {
        "runs": runs,
        "median_wall_s": wall,
        "median_cpu_s": cpu,
        "median_peak_rss_mib": rss_kb / 1024,
        "input_bytes": input_bytes,
        "rows": rows,
        # GNU time reports wall time in 10 ms steps; a 0.00 s run has no rate.
        "mb_per_s": input_bytes / 1e6 / wall if wall > 0 else None,
        "rows_per_s": rows / wall if wall > 0 else None,
    }


def machine():
    info = {"os": platform.platform(), "cores_online": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        info["cpu"] = "unknown"
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(l.split()[1] for l in f if l.startswith("MemTotal")))
        info["memory_gib"] = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        info["memory_gib"] = None
    try:
        with open("/etc/os-release") as f:
            fields = dict(l.rstrip("\n").split("=", 1) for l in f if "=" in l)
        info["distribution"] = fields.get("PRETTY_NAME", "").strip('"')
    except OSError:
        pass
    try:
        info["node"] = subprocess.run(["node", "--version"], capture_output=True, text=True,
                                      check=False).stdout.strip()
    except OSError:
        info["node"] = None
    return info


def fmt(value, spec, missing="n/a"):
    return missing if value is None else format(value, spec)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--cores", type=int, required=True)
    ap.add_argument("--airm", required=True)
    ap.add_argument("--airm-version", default="")
    ap.add_argument("--scale-rows", default="")
    ap.add_argument("--load-before", default="")
    ap.add_argument("--load-after", default="")
    args = ap.parse_args()

    runs = read_runs(args.runs)
    big = os.path.join(args.out, "big.csv")
    halves = [os.path.join(args.out, f"big_{h}.csv") for h in ("first", "second")]
    sizes = {"big": os.path.getsize(big), "halves": sum(os.path.getsize(p) for p in halves)}

    results = {"machine": machine(), "cores": args.cores, "seed": args.seed,
               "airm_binary": args.airm, "airm_version": args.airm_version or None,
               "data": {"rows": args.rows, "columns": 20, "big_csv_bytes": sizes["big"],
                        "halves_bytes": sizes["halves"]},
               "load_average_before": args.load_before, "load_average_after": args.load_after,
               "benchmarks": {}, "stream_scaling": []}
    duckdb_json = os.path.join(args.out, "duckdb.json")
    if os.path.exists(duckdb_json):
        with open(duckdb_json) as f:
            results["duckdb"] = json.load(f)
    scipy_json = os.path.join(args.out, "scipy_drift.json")
    if "scipy_drift" in runs and os.path.exists(scipy_json):
        with open(scipy_json) as f:
            scipy = json.load(f)
        results["scipy_drift"] = {"load_seconds": scipy["load_seconds"],
                                  "test_seconds": scipy["test_seconds"]}

    for name, _, reads in BENCHMARKS:
        results["benchmarks"][name] = summarize(runs.get(name, []), sizes[reads], args.rows)
    duck = results["benchmarks"]["duckdb_summarize"]
    for name, _, _ in BENCHMARKS:
        entry = results["benchmarks"][name]
        if entry is not None:
            entry["time_vs_duckdb"] = (entry["median_wall_s"] / duck["median_wall_s"]
                                       if duck and duck["median_wall_s"] > 0 else None)

    for rows in (int(r) for r in args.scale_rows.split()):
        path = big if rows == args.rows else os.path.join(args.out, f"rows_{rows}.csv")
        entry = summarize(runs.get(f"airm_profile_stream_rows_{rows}", []),
                          os.path.getsize(path), rows)
        results["stream_scaling"].append({"rows": rows, "result": entry})

    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f, indent=2)

    m = results["machine"]
    print(f"### {args.rows:,} rows x 20 columns, {sizes['big'] / 1e6:.1f} MB "
          f"(seed {args.seed}), {args.cores} cores")
    print()
    print(f"Machine: {m.get('cpu')}, {m.get('cores_online')} cores online, "
          f"{m.get('memory_gib')} GiB, {m.get('distribution', m['os'])}; "
          f"DuckDB {results.get('duckdb', {}).get('version', 'n/a')} via Node.js {m.get('node')}; "
          f"load average before/after: {args.load_before} / {args.load_after}")
    print()
    print("| benchmark | wall s (median) | CPU s | MB/s | rows/s | peak RSS MiB | time / DuckDB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, label, _ in BENCHMARKS:
        e = results["benchmarks"][name]
        if e is None:
            print(f"| {label} | not available | | | | | |")
            continue
        print(f"| {label} | {e['median_wall_s']:.2f} | {e['median_cpu_s']:.2f} | "
              f"{fmt(e['mb_per_s'], '.1f')} | {fmt(e['rows_per_s'], ',.0f')} | "
              f"{e['median_peak_rss_mib']:.0f} | {fmt(e['time_vs_duckdb'], '.2f')} |")
    if results["stream_scaling"]:
        print()
        print("`airm profile --stream` peak RSS by input size (one run each):")
        print()
        print("| rows | MB | wall s | peak RSS MiB |")
        print("|---:|---:|---:|---:|")
        for s in results["stream_scaling"]:
            e = s["result"]
            if e is None:
                print(f"| {s['rows']:,} | | not available | |")
            else:
                print(f"| {s['rows']:,} | {e['input_bytes'] / 1e6:.1f} | {e['median_wall_s']:.2f} | "
                      f"{e['median_peak_rss_mib']:.0f} |")
    if "duckdb" in results:
        d = results["duckdb"]
        print()
        print(f"DuckDB in-process: start {d['startup_seconds']:.2f} s, SUMMARIZE query "
              f"{d['query_seconds']:.2f} s (last run; the rest of its wall time is Node.js).")
    if "scipy_drift" in results:
        s = results["scipy_drift"]
        print(f"scipy baseline: CSV load {s['load_seconds']:.1f} s, tests {s['test_seconds']:.1f} s.")
        drift = results["benchmarks"]["airm_drift"]
        scipy_run = results["benchmarks"]["scipy_drift"]
        if drift and scipy_run and drift["median_wall_s"] > 0:
            print(f"`airm drift` wall time / scipy's: "
                  f"{drift['median_wall_s'] / scipy_run['median_wall_s']:.3f}.")
    print()
    print(f"Full results: {os.path.join(args.out, 'results.json')}")


if __name__ == "__main__":
    sys.exit(main())
