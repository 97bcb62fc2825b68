#!/usr/bin/python3
"""Turns bench/drift.sh's timings (runs.tsv) into drift_results.json and a markdown table.

Per size (rows a side) and tool: median wall time, median CPU time, median peak RSS,
and wall time relative to DuckDB's SELECT count(*) over both files and to the scipy
loop of the same run, and CPU time relative to DuckDB's (on a loaded machine wall time
mostly measures the other jobs; CPU seconds do not). Issue 13's targets are printed beside
the numbers, each marked met or not met.
"""
import argparse
import json
import os
import sys

from report import fmt, machine, read_runs, summarize

TOOLS = [
    ("duckdb_count", "DuckDB `SELECT count(*)` over both files"),
    ("airm_drift", "`airm drift` (defaults, multivariate included)"),
    ("airm_drift_nomv", "`airm drift --no-multivariate`"),
    ("scipy_drift", "scipy loop (ks_2samp + chi2_contingency)"),
    ("baseline_drift", "baseline binary: `airm drift` (defaults)"),
    ("baseline_drift_nomv", "baseline binary: `airm drift --no-multivariate`"),
]
BASELINE_TOOLS = {"baseline_drift", "baseline_drift_nomv"}
TARGET_WALL_S = 2.5  # at 1M rows a side, multivariate included
TARGET_VS_DUCKDB = 3.0
TARGET_PEAK_MIB = 400


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", help="directory of ref_ROWS.csv and cur_ROWS.csv (default OUT/data)")
    ap.add_argument("--rows", required=True, help="space-separated sizes, rows a side")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--cores", type=int, required=True)
    ap.add_argument("--airm", required=True)
    ap.add_argument("--airm-version", default="")
    ap.add_argument("--load-before", default="")
    ap.add_argument("--load-after", default="")
    args = ap.parse_args()

    runs = read_runs(args.runs)
    results = {"machine": machine(), "cores": args.cores, "seed": args.seed,
               "airm_binary": args.airm, "airm_version": args.airm_version or None,
               "load_average_before": args.load_before, "load_average_after": args.load_after,
               "sizes": []}
    duckdb_json = os.path.join(args.out, "duckdb.json")
    duckdb_version = "n/a"
    if os.path.exists(duckdb_json):
        with open(duckdb_json) as f:
            duckdb_version = json.load(f).get("version", "n/a")
    m = results["machine"]
    print(f"Machine: {m.get('cpu')}, {m.get('cores_online')} cores online, "
          f"{m.get('memory_gib')} GiB, {m.get('distribution', m['os'])}; "
          f"DuckDB {duckdb_version} via Node.js {m.get('node')}; {args.cores} cores per tool; "
          f"load average before/after: {args.load_before} / {args.load_after}")
    for rows in (int(r) for r in args.rows.split()):
        data = args.data or os.path.join(args.out, "data")
        size = sum(os.path.getsize(os.path.join(data, f"{side}_{rows}.csv"))
                   for side in ("ref", "cur"))
        entry = {"rows_per_side": rows, "input_bytes": size, "tools": {}}
        for name, _ in TOOLS:
            entry["tools"][name] = summarize(runs.get(f"{name}_{rows}", []), size, 2 * rows)
        duck, scipy = entry["tools"]["duckdb_count"], entry["tools"]["scipy_drift"]
        for name, _ in TOOLS:
            e = entry["tools"][name]
            if e is None:
                continue
            e["wall_vs_duckdb"] = (e["median_wall_s"] / duck["median_wall_s"]
                                   if duck and duck["median_wall_s"] > 0 else None)
            e["wall_vs_scipy"] = (e["median_wall_s"] / scipy["median_wall_s"]
                                  if scipy and scipy["median_wall_s"] > 0 else None)
            e["cpu_vs_duckdb"] = (e["median_cpu_s"] / duck["median_cpu_s"]
                                  if duck and duck["median_cpu_s"] > 0 else None)
        results["sizes"].append(entry)

        print()
        print(f"### {rows:,} rows a side, {size / 1e6:.0f} MB of CSV (seed {args.seed})")
        print()
        print("| tool | runs | wall s (median) | CPU s | peak RSS MiB | wall / DuckDB "
              "| CPU / DuckDB | wall / scipy |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, label in TOOLS:
            e = entry["tools"][name]
            if e is None:
                if name not in BASELINE_TOOLS:  # run only with BASELINE set
                    print(f"| {label} | 0 | not run | | | | | |")
                continue
            print(f"| {label} | {len(e['runs'])} | {e['median_wall_s']:.2f} | "
                  f"{e['median_cpu_s']:.2f} | {e['median_peak_rss_mib']:.0f} | "
                  f"{fmt(e['wall_vs_duckdb'], '.2f')} | {fmt(e['cpu_vs_duckdb'], '.2f')} | "
                  f"{fmt(e['wall_vs_scipy'], '.3f')} |")
        airm = entry["tools"]["airm_drift"]
        if rows == 1000000 and airm is not None:
            def verdict(value, limit):
                return "n/a" if value is None else ("met" if value <= limit else "NOT met")
            print()
            print(f"Targets at 1M a side (issue 13): wall <= {TARGET_WALL_S} s: "
                  f"{airm['median_wall_s']:.2f} s ({verdict(airm['median_wall_s'], TARGET_WALL_S)}"
                  f"; CPU {airm['median_cpu_s']:.2f} s against {args.cores} x {TARGET_WALL_S} s); "
                  f"<= {TARGET_VS_DUCKDB}x DuckDB: {fmt(airm['wall_vs_duckdb'], '.2f')}x wall "
                  f"({verdict(airm['wall_vs_duckdb'], TARGET_VS_DUCKDB)}), "
                  f"{fmt(airm['cpu_vs_duckdb'], '.2f')}x CPU "
                  f"({verdict(airm['cpu_vs_duckdb'], TARGET_VS_DUCKDB)}); "
                  f"peak <= {TARGET_PEAK_MIB} MiB: {airm['median_peak_rss_mib']:.0f} MiB "
                  f"({verdict(airm['median_peak_rss_mib'], TARGET_PEAK_MIB)}).")

    with open(os.path.join(args.out, "drift_results.json"), "w") as f:
        json.dump(results, f, indent=2)
    print()
    print(f"Full results: {os.path.join(args.out, 'drift_results.json')}")


if __name__ == "__main__":
    sys.exit(main())
