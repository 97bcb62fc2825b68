#!/usr/bin/python3
"""Spot-check agreement between airm evaluate's JSON and the baseline's, and
write the benchmark summary (bench/run_eval.sh calls it).

Deterministic numbers (point metrics, Wilson and DeLong intervals, ECE, the
fairness gaps, CVaR, the top slice) must agree to 1e-9 (relative, and
absolute near 0); bootstrap intervals use different random streams, so they
are only required to overlap. Exit status 1 when a check fails."""
import argparse
import json
import statistics
import sys

TOL = 1e-9


def close(a, b):
    return a is not None and b is not None and abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--airm", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--runs", required=True, help="TSV: name run wall_s max_rss_kb user_s sys_s")
    ap.add_argument("--out", required=True)
    ap.add_argument("--meta", default="{}")
    ap.add_argument("--segment", default="region")
    a = ap.parse_args()
    A = json.load(open(a.airm))
    B = json.load(open(a.baseline))
    for section in ("metrics", "segments", "slices", "worst_case", "fairness", "calibration",
                    "tail"):
        if section not in A:
            sys.exit(f"airm JSON lacks the '{section}' section")

    seg_a = next(s for s in A["segments"] if s["column"] == a.segment)
    seg_b = next(s for s in B["segments"] if s["column"] == a.segment and s["value"] == seg_a["value"])
    sens = next(iter(A["fairness"]))
    checks = [
        ("accuracy", A["metrics"]["accuracy"]["value"], B["metrics"]["accuracy"]["value"]),
        ("accuracy Wilson low", A["metrics"]["accuracy"]["ci_low"], B["metrics"]["accuracy"]["ci_low"]),
        ("roc_auc", A["metrics"]["roc_auc"]["value"], B["metrics"]["roc_auc"]["value"]),
        ("roc_auc DeLong low", A["metrics"]["roc_auc"]["ci_low"], B["metrics"]["roc_auc"]["ci_low"]),
        ("average_precision", A["metrics"]["average_precision"]["value"],
         B["metrics"]["average_precision"]["value"]),
        ("log_loss", A["metrics"]["log_loss"]["value"], B["metrics"]["log_loss"]["value"]),
        ("brier", A["metrics"]["brier"]["value"], B["metrics"]["brier"]["value"]),
        ("calibration.ece", A["calibration"]["ece"], B["calibration"]["ece"]),
        ("calibration.mce", A["calibration"]["mce"], B["calibration"]["mce"]),
        (f"segment {a.segment}={seg_a['value']} accuracy", seg_a["metrics"]["accuracy"]["value"],
         seg_b["metrics"]["accuracy"]["value"]),
        (f"segment {a.segment}={seg_a['value']} roc_auc", seg_a["metrics"]["roc_auc"]["value"],
         seg_b["metrics"]["roc_auc"]["value"]),
        (f"fairness.{sens}.demographic_parity_difference",
         A["fairness"][sens]["demographic_parity_difference"],
         B["fairness"][sens]["demographic_parity_difference"]),
        (f"fairness.{sens} chi-square statistic",
         A["fairness"][sens]["errors_independent"]["chi2"]["statistic"],
         B["fairness"][sens]["errors_independent_chi2"]["statistic"]),
        ("tail.cvar_loss", A["tail"]["cvar_loss"], B["tail"]["cvar_loss"]),
        ("top slice error rate", A["slices"][0]["error_rate"], B["slices"][0]["error_rate"]),
    ]
    ok = True
    lines = ["| quantity | airm | baseline | agree (1e-9) |", "|---|---|---|---|"]
    for name, x, y in checks:
        good = close(x, y)
        ok &= good
        lines.append(f"| {name} | {x!r} | {y!r} | {'yes' if good else 'NO'} |")
    same_top = A["slices"][0]["rows"] == B["slices"][0]["rows"]
    # Slice labels print bin edges with different precision, so the worst
    # slice is matched by its accuracy and ROC AUC (both exact).
    wa, wb = A["worst_case"] or {}, B["worst_case"] or {}
    same_worst = bool(wa.get("metrics")) and bool(wb.get("metrics")) and all(
        close(wa["metrics"][m]["value"], wb["metrics"][m]["value"]) for m in ("accuracy", "roc_auc"))
    lines.append(f"| top slice rows | {A['slices'][0]['rows']} | {B['slices'][0]['rows']} | "
                 f"{'yes' if same_top else 'NO'} |")
    lines.append(f"| worst significant slice | {(A['worst_case'] or {}).get('slice')} | "
                 f"{(B['worst_case'] or {}).get('slice')} | {'yes' if same_worst else 'NO'} |")
    ok &= same_top and same_worst
    # Bootstrap intervals: different random streams, so only overlap is required.
    for m in ("f1", "average_precision", "log_loss"):
        ia, ib = A["metrics"][m], B["metrics"][m]
        overlap = ia["ci_low"] <= ib["ci_high"] and ib["ci_low"] <= ia["ci_high"]
        ok &= overlap
        lines.append(f"| {m} bootstrap 95% CI | [{ia['ci_low']:.5f}, {ia['ci_high']:.5f}] | "
                     f"[{ib['ci_low']:.5f}, {ib['ci_high']:.5f}] | "
                     f"{'overlap' if overlap else 'NO overlap'} |")

    runs = {}
    with open(a.runs) as f:
        next(f)
        for line in f:
            name, _, wall, rss, user, sys_ = line.split("\t")
            runs.setdefault(name, []).append((float(wall), int(rss), float(user), float(sys_)))
    summary = {}
    for name, r in runs.items():
        summary[name] = {"runs": len(r), "median_wall_s": statistics.median(x[0] for x in r),
                         "max_rss_mib": max(x[1] for x in r) / 1024,
                         "median_cpu_s": statistics.median(x[2] + x[3] for x in r),
                         "walls": [x[0] for x in r]}
    table = ["| tool | runs | median wall (s) | CPU (user+sys, s) | peak RSS (MiB) |",
             "|---|---|---|---|---|"]
    for name, s in summary.items():
        table.append(f"| {name} | {s['runs']} | {s['median_wall_s']:.2f} | "
                     f"{s['median_cpu_s']:.2f} | {s['max_rss_mib']:.0f} |")
    ratio = None
    if "airm_evaluate" in summary and "sklearn_baseline" in summary:
        ratio = summary["sklearn_baseline"]["median_wall_s"] / summary["airm_evaluate"]["median_wall_s"]
        table.append(f"\nairm is {ratio:.1f}x faster than the scikit-learn + pandas baseline "
                     f"(median wall clock); target >= 10x: {'met' if ratio >= 10 else 'NOT met'}.")
    print("\n".join(table))
    print()
    print("\n".join(lines))
    print(f"\nagreement: {'all checks pass' if ok else 'SOME CHECKS FAIL'}")
    result = {"meta": json.loads(a.meta), "summary": summary, "speedup": ratio,
              "agreement_ok": ok, "agreement": [{"quantity": n, "airm": x, "baseline": y}
                                                for n, x, y in checks],
              "baseline_phase_timings_s": B.get("timings_s")}
    json.dump(result, open(a.out, "w"), indent=2)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
