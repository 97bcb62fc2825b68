#!/usr/bin/python3
"""scikit-learn + pandas + numpy baseline for `airm evaluate` (bench/run_eval.sh).

Computes, for a binary scored data set, what `airm evaluate --segment A
--segment B --segment C --sensitive X --sensitive Y --slice-depth 2` computes
by default, written as a competent data scientist would (vectorized numpy,
pandas groupby, sklearn for the point metrics), not as a strawman:

  * headline metrics at threshold 0.5: accuracy, balanced accuracy, precision,
    recall, specificity, F1, FPR, FNR, selection rate, error rate, ROC AUC,
    average precision, log loss, Brier; intervals: Wilson (closed form) for
    proportions, DeLong (vectorized, mid-ranks) for ROC AUC, a seeded
    stratified percentile bootstrap (200 resamples) for balanced accuracy,
    F1, average precision, log loss and Brier. The bootstrap uses the same
    trick airm uses (sort once, resample as multiplicities via bincount, then
    weighted O(n) metrics), so it is not the naive "call sklearn 200 times";
  * per-segment metrics with the same intervals for each segment column and
    every pairwise intersection (missing values as their own segment;
    segments under --min-group-rows get point estimates only);
  * fairness per sensitive attribute and for their intersection: per-group n,
    selection rate, TPR, FPR, FNR, precision, error rate with Wilson
    intervals; demographic parity difference / ratio, equalized odds and
    equal opportunity differences; chi-square and G-test of group x
    correct/incorrect (scipy.stats.chi2_contingency);
  * calibration: sklearn calibration_curve(strategy='uniform', 10 bins), ECE
    (weights n_b/N, empty bins skipped), equal-mass ECE, MCE, the Brier
    decomposition, and ECE per segment value;
  * slice search, depth 2: every 1- and 2-predicate conjunction over all
    feature columns (categorical values, 4 quantile bins of numeric columns,
    integer columns with <= 10 values by value, "is missing") with support >=
    max(30, 1% of rows), SliceLine score (alpha 0.95), one-sided two-proportion
    z-test against the rest, Benjamini-Hochberg over all slices examined, top
    10, point metrics for each and bootstrap intervals for the worst
    significant one;
  * tail: a per-row unusualness (category rarity, clipped robust z-scores, a
    shrunk Mahalanobis distance on 100,000 rows) against the data itself,
    metrics with intervals on the 5% most unusual rows, CVaR of the log loss.

What it omits compared with airm: the Fisher exact fallback for tiny slices
(every slice here has >= 10,000 rows, so the z-test is what airm uses too),
SliceLine's pruning (it enumerates exhaustively, which is the simpler
and, at depth 2, not slower way), the HTML report, findings text, and
per-group calibration for the sensitive attributes.
"""
import argparse
import itertools
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss,
                             log_loss, roc_auc_score)

Z = stats.norm.ppf(0.975)
EPS = 1e-15


def wilson(k, n):
    k = np.asarray(k, float)
    n = np.asarray(n, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        den = 1 + Z * Z / n
        centre = (p + Z * Z / (2 * n)) / den
        half = Z * np.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / den
    return p, centre - half, centre + half


def delong(y, s):
    """ROC AUC and its DeLong 95% interval (Sun & Xu 2014, mid-ranks)."""
    pos, neg = s[y == 1], s[y == 0]
    m, n = len(pos), len(neg)
    if m < 2 or n < 2:
        return None, None, None
    tz = stats.rankdata(np.concatenate([pos, neg]))
    tx = stats.rankdata(pos)
    ty = stats.rankdata(neg)
    auc = (tz[:m].sum() - m * (m + 1) / 2) / (m * n)
    v01 = (tz[:m] - tx) / n
    v10 = 1 - (tz[m:] - ty) / m
    var = v01.var(ddof=1) / m + v10.var(ddof=1) / n
    se = np.sqrt(var)
    return auc, max(0.0, auc - Z * se), min(1.0, auc + Z * se)


class View:
    """Rows sorted by descending score once; bootstrap resamples are weights."""

    def __init__(self, y, s):
        order = np.argsort(-s, kind="mergesort")
        self.y = y[order].astype(np.int64)
        self.s = s[order]
        self.pred = (self.s >= 0.5)
        p = np.clip(self.s, EPS, 1 - EPS)
        self.ll = -(self.y * np.log(p) + (1 - self.y) * np.log(1 - p))
        self.br = (self.s - self.y) ** 2
        # Last position of every run of equal scores (AP is over thresholds).
        self.run_end = np.flatnonzero(np.r_[self.s[1:] != self.s[:-1], True])
        self.pos_idx = np.flatnonzero(self.y == 1)
        self.neg_idx = np.flatnonzero(self.y == 0)

    def boot_metrics(self, w):
        yw = w * self.y
        tp = yw[self.pred].sum()
        fp = w[self.pred].sum() - tp
        p = yw.sum()
        q = w.sum() - p
        fn = p - tp
        tn = q - fp
        bal = (tp / p + tn / q) / 2 if p > 0 and q > 0 else np.nan
        f1 = 2 * tp / (2 * tp + fp + fn) if (2 * tp + fp + fn) > 0 else np.nan
        ctp = np.cumsum(yw)[self.run_end]
        call = np.cumsum(w)[self.run_end]
        if p > 0:
            prec = np.divide(ctp, call, out=np.zeros_like(ctp, dtype=float), where=call > 0)
            dr = np.diff(np.r_[0.0, ctp]) / p
            ap = float((dr * prec).sum())
        else:
            ap = np.nan
        tot = w.sum()
        return [bal, f1, ap, (w * self.ll).sum() / tot, (w * self.br).sum() / tot]


BOOT_NAMES = ["balanced_accuracy", "f1", "average_precision", "log_loss", "brier"]


def metrics(y, s, bootstrap, seed):
    """All binary metrics; intervals when bootstrap > 0 (else point estimates)."""
    n = len(y)
    pred = s >= 0.5
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    tn = n - tp - fp - fn
    out = {}
    with_ci = bootstrap > 0
    for name, k, m in [("accuracy", tp + tn, n), ("precision", tp, tp + fp), ("recall", tp, tp + fn),
                       ("specificity", tn, tn + fp), ("fpr", fp, tn + fp), ("fnr", fn, tp + fn),
                       ("selection_rate", tp + fp, n), ("error_rate", fp + fn, n)]:
        if m == 0:
            out[name] = {"value": None}
            continue
        v, lo, hi = wilson(k, m)
        out[name] = {"value": float(v), "ci_low": float(lo) if with_ci else None,
                     "ci_high": float(hi) if with_ci else None}
    both = 0 < tp + fn < n
    pp, qq = tp + fn, tn + fp
    out["balanced_accuracy"] = {"value": (tp / pp + tn / qq) / 2 if both else None}
    out["f1"] = {"value": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else None}
    if both:
        if with_ci:
            auc, lo, hi = delong(y, s)
            out["roc_auc"] = {"value": auc, "ci_low": lo, "ci_high": hi}
        else:
            out["roc_auc"] = {"value": float(roc_auc_score(y, s))}
        out["average_precision"] = {"value": float(average_precision_score(y, s))}
    else:
        out["roc_auc"] = {"value": None}
        out["average_precision"] = {"value": float(average_precision_score(y, s)) if tp + fn else None}
    out["log_loss"] = {"value": float(log_loss(y, np.clip(s, EPS, 1 - EPS), labels=[0, 1]))}
    out["brier"] = {"value": float(brier_score_loss(y, s)) if n else None}
    if with_ci and n:
        view = View(y, s)
        rng = np.random.default_rng(seed)
        reps = np.empty((bootstrap, len(BOOT_NAMES)))
        for b in range(bootstrap):
            w = np.zeros(n)
            for stratum in (view.pos_idx, view.neg_idx):
                if len(stratum):
                    w += np.bincount(stratum[rng.integers(0, len(stratum), len(stratum))],
                                     minlength=n)
            reps[b] = view.boot_metrics(w)
        for j, name in enumerate(BOOT_NAMES):
            r = reps[:, j]
            r = r[~np.isnan(r)]
            if out[name]["value"] is not None and len(r) * 2 >= bootstrap and len(r) >= 2:
                out[name]["ci_low"], out[name]["ci_high"] = (float(x) for x in
                                                             np.quantile(r, [0.025, 0.975]))
    return out


def group_indices(df, cols):
    """{label: row positions}, missing values as their own group."""
    keys = [df[c].astype(object).where(df[c].notna(), "(missing)") for c in cols]
    return df.groupby(keys, sort=True).indices


def calibration(y, s, bins=10):
    frac_pos, mean_pred = calibration_curve(y, s, n_bins=bins, strategy="uniform")
    # The bin ids calibration_curve uses (searchsorted, side='left': 0.3 is in bin 2).
    counts = np.bincount(np.searchsorted(np.linspace(0, 1, bins + 1)[1:-1], s), minlength=bins)
    counts = counts[counts > 0]
    gaps = np.abs(frac_pos - mean_pred)
    ece = float((counts / len(y) * gaps).sum())
    mce = float(gaps.max())
    order = np.argsort(s, kind="mergesort")
    eq = np.array_split(order, bins)
    ece_mass = float(sum(len(b) / len(y) * abs(y[b].mean() - s[b].mean()) for b in eq if len(b)))
    # Brier decomposition (Murphy) over the uniform bins.
    base = y.mean()
    rel = float((counts * (mean_pred - frac_pos) ** 2).sum() / len(y))
    res = float((counts * (frac_pos - base) ** 2).sum() / len(y))
    return {"ece": ece, "ece_equal_mass": ece_mass, "mce": mce,
            "brier_decomposition": {"reliability": rel, "resolution": res,
                                    "uncertainty": float(base * (1 - base))},
            "bins": [{"count": int(c), "mean_predicted": float(m), "fraction_positive": float(f)}
                     for c, m, f in zip(counts, mean_pred, frac_pos)]}


def fairness(df, y, pred, col_sets):
    out = {}
    correct = (pred == y)
    frame = pd.DataFrame({"y": y, "p": pred.astype(np.int64), "ok": correct.astype(np.int64)})
    frame["tp"] = frame.y & frame.p
    for cols in col_sets:
        keys = [df[c].astype(object).where(df[c].notna(), "(missing)") for c in cols]
        g = frame.groupby(keys).agg(n=("y", "size"), pos=("y", "sum"), sel=("p", "sum"),
                                    tp=("tp", "sum"), ok=("ok", "sum"))
        fp = g.sel - g.tp
        fn = g.pos - g.tp
        neg = g.n - g.pos
        rates = {}
        for name, k, m in [("selection_rate", g.sel, g.n), ("tpr", g.tp, g.pos), ("fpr", fp, neg),
                           ("fnr", fn, g.pos), ("precision", g.tp, g.sel),
                           ("error_rate", g.n - g.ok, g.n)]:
            v, lo, hi = wilson(k.to_numpy(), m.to_numpy())
            v = np.where(m.to_numpy() > 0, v, np.nan)  # undefined, never 0
            rates[name] = (v, lo, hi)
        ok = (g.n >= 30).to_numpy()

        def gap(name):
            v = rates[name][0][ok]
            v = v[~np.isnan(v)]
            return (float(v.max() - v.min()), float(v.min() / v.max()) if v.max() > 0 else None) \
                if len(v) >= 2 else (None, None)
        dp_diff, dp_ratio = gap("selection_rate")
        tpr_gap, fpr_gap = gap("tpr")[0], gap("fpr")[0]
        table = np.c_[g.ok.to_numpy(), (g.n - g.ok).to_numpy()]
        chi2, p, _, _ = stats.chi2_contingency(table, correction=False)
        gstat, gp, _, _ = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
        out[" & ".join(cols)] = {
            "groups": {str(k): {"rows": int(nn), **{r: (None if np.isnan(rates[r][0][i])
                                                         else float(rates[r][0][i]))
                                                     for r in rates}}
                       for i, (k, nn) in enumerate(zip(g.index, g.n))},
            "demographic_parity_difference": dp_diff, "demographic_parity_ratio": dp_ratio,
            "equal_opportunity_difference": tpr_gap,
            "equalized_odds_difference": None if tpr_gap is None else max(tpr_gap, fpr_gap or 0),
            "errors_independent_chi2": {"statistic": float(chi2), "p_value": float(p)},
            "errors_independent_g": {"statistic": float(gstat), "p_value": float(gp)}}
    return out


def predicate_codes(df, col, min_support, bins=4, max_values=32):
    """Per-row predicate code (-1: none) and the predicate labels of one column."""
    x = df[col]
    missing = x.isna().to_numpy()
    labels = []
    codes = np.full(len(x), -1, np.int16)
    if pd.api.types.is_numeric_dtype(x) and not pd.api.types.is_bool_dtype(x):
        v = x.to_numpy(float)
        distinct = np.unique(v[~missing])
        if len(distinct) <= 10:
            codes[~missing] = np.searchsorted(distinct, v[~missing])
            labels = [f"{col} == {d:g}" for d in distinct]
        else:
            finite = v[np.isfinite(v)]
            edges = []
            for q in np.quantile(finite, np.arange(1, bins) / bins):
                if q > finite.min() and (not edges or q > edges[-1]):
                    edges.append(q)
            codes[~missing] = np.searchsorted(np.array(edges), v[~missing], side="right")
            b = [finite.min()] + edges + [finite.max()]
            labels = [f"{col} in [{b[i]:.6g}, {b[i + 1]:.6g}{']' if i == len(edges) else ')'}"
                      for i in range(len(edges) + 1)]
    else:
        cat = x.astype("category")
        counts = cat.value_counts()
        keep = counts[counts >= min_support].head(max_values)
        mapping = {v: i for i, v in enumerate(keep.index)}
        labels = [f"{col} == {v}" for v in keep.index]
        c = cat.map(mapping).astype(float).to_numpy()
        codes[~np.isnan(c)] = c[~np.isnan(c)].astype(np.int16)
    if missing.sum() >= min_support:
        codes[missing] = len(labels)
        labels.append(f"{col} is missing")
    return codes, labels


def slice_search(df, features, err, y, s, min_support, top_k, alpha, bootstrap, seed,
                 size_weight=0.95):
    n = len(err)
    total_err = err.sum()
    ebar = total_err / n
    coded = [predicate_codes(df, c, min_support) for c in features]
    names, sizes, errs = [], [], []
    members = []  # (column indices, code tuple) to rebuild rows of reported slices
    for i, (codes, labels) in enumerate(coded):
        ok = codes >= 0
        k = len(labels)
        sz = np.bincount(codes[ok], minlength=k)
        er = np.bincount(codes[ok], weights=err[ok], minlength=k)
        for j in range(k):
            names.append(labels[j]); sizes.append(sz[j]); errs.append(er[j])
            members.append(((i,), (j,)))
    for (i, (ci, li)), (j, (cj, lj)) in itertools.combinations(enumerate(coded), 2):
        ok = (ci >= 0) & (cj >= 0)
        kj = len(lj)
        combo = ci[ok].astype(np.int64) * kj + cj[ok]
        sz = np.bincount(combo, minlength=len(li) * kj)
        er = np.bincount(combo, weights=err[ok], minlength=len(li) * kj)
        for a in range(len(li)):
            for b in range(kj):
                names.append(f"{li[a]} & {lj[b]}"); sizes.append(sz[a * kj + b])
                errs.append(er[a * kj + b]); members.append(((i, j), (a, b)))
    sizes = np.array(sizes, float)
    errs = np.array(errs, float)
    keep = sizes >= min_support
    idx = np.flatnonzero(keep)
    sz, er = sizes[idx], errs[idx]
    rate = er / sz
    score = size_weight * (rate / ebar - 1) - (1 - size_weight) * (n / sz - 1)
    # One-sided two-proportion z-test, slice vs the rest.
    n2 = n - sz
    pooled = ebar
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (rate - (total_err - er) / n2) / np.sqrt(pooled * (1 - pooled) * (1 / sz + 1 / n2))
    pvals = np.where(n2 > 0, stats.norm.sf(z), 1.0)
    # Benjamini-Hochberg.
    m = len(pvals)
    order = np.argsort(pvals)
    ranked = pvals[order] * m / np.arange(1, m + 1)
    q = np.empty(m)
    q[order] = np.minimum(1, np.minimum.accumulate(ranked[::-1])[::-1])
    top = [t for t in np.argsort(-score, kind="mergesort") if score[t] > 0][:top_k]
    out = []
    worst = None
    for t in top:
        cols, vals = members[idx[t]]
        rows = np.ones(n, bool)
        for c, v in zip(cols, vals):
            rows &= coded[c][0] == v
        sig = bool(q[t] < alpha)
        out.append({"name": names[idx[t]], "rows": int(sz[t]), "error_rate": float(rate[t]),
                    "lift": float(rate[t] / ebar), "score": float(score[t]),
                    "p_value": float(pvals[t]), "q_value": float(q[t]), "significant": sig,
                    "metrics": metrics(y[rows], s[rows], 0, seed)})
        if sig and (worst is None or rate[t] > out[worst]["error_rate"]):
            worst = len(out) - 1
    worst_case = None
    if worst is not None:
        w = out[worst]
        rows = np.ones(n, bool)
        cols, vals = members[idx[top[worst]]]
        for c, v in zip(cols, vals):
            rows &= coded[c][0] == v
        worst_case = {"slice": w["name"], "rows": int(rows.sum()), "metrics": metrics(y[rows], s[rows], bootstrap, seed)}
    return {"slices_examined": int(m), "min_support": int(min_support), "slices": out,
            "worst_case": worst_case}


def unusualness(df, features, max_cov_rows=100_000):
    n = len(df)
    parts = []
    numeric = []
    for c in features:
        x = df[c]
        if pd.api.types.is_numeric_dtype(x):
            v = x.to_numpy(float)
            med = np.nanmedian(v)
            mad = 1.4826 * np.nanmedian(np.abs(v - med))
            if mad > 0:
                zc = np.clip((v - med) / mad, -5, 5)
                numeric.append(np.nan_to_num(zc))
                parts.append(np.nan_to_num(np.abs(zc) / 5, nan=1.0))
        else:
            freq = x.map(x.value_counts(dropna=False)).fillna(0).to_numpy(float)
            parts.append(np.clip(-np.log(freq / n) / np.log(n + 1), 0, 1))
    score = np.mean(parts, axis=0)
    if len(numeric) >= 2:
        zmat = np.column_stack(numeric)
        sample = zmat[:max_cov_rows]
        cov = np.cov(sample, rowvar=False)
        cov = 0.9 * cov + 0.1 * np.diag(np.diag(cov))
        inv = np.linalg.inv(cov)
        d2 = np.einsum("ij,jk,ik->i", zmat, inv, zmat)
        score = score + np.sqrt(d2) / np.sqrt(d2).max()
    return score


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--score", required=True)
    ap.add_argument("--segment", action="append", default=[])
    ap.add_argument("--sensitive", action="append", default=[])
    ap.add_argument("--bootstrap", type=int, default=200)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--min-group-rows", type=int, default=30)
    ap.add_argument("--tail-share", type=float, default=0.05)
    ap.add_argument("--json", required=True)
    a = ap.parse_args()
    timings = {}
    t0 = time.perf_counter()

    def lap(name):
        nonlocal t0
        t = time.perf_counter()
        timings[name] = round(t - t0, 3)
        t0 = t

    df = pd.read_csv(a.data)
    y = df[a.target].to_numpy(np.int64)
    s = df[a.score].to_numpy(float)
    pred = s >= 0.5
    features = [c for c in df.columns if c not in (a.target, a.score)]
    lap("read_csv")
    res = {"rows_used": len(df)}
    res["metrics"] = metrics(y, s, a.bootstrap, a.seed)
    lap("headline_metrics")
    segs = []
    sets = [[c] for c in a.segment] + [list(p) for p in itertools.combinations(a.segment, 2)]
    for cols in sets:
        for key, rows in group_indices(df, cols).items():
            key = key if isinstance(key, tuple) else (key,)
            ok = len(rows) >= a.min_group_rows
            segs.append({"column": " & ".join(cols), "value": " & ".join(map(str, key)),
                         "rows": int(len(rows)), "sufficient": ok,
                         "metrics": metrics(y[rows], s[rows], a.bootstrap if ok else 0, a.seed)})
    res["segments"] = segs
    lap("segments")
    fair_sets = [[c] for c in a.sensitive] + [list(p) for p in
                                              itertools.combinations(a.sensitive, 2)]
    res["fairness"] = fairness(df, y, pred, fair_sets)
    lap("fairness")
    cal = calibration(y, s)
    cal["ece_by_segment"] = {}
    for c in a.segment:
        for key, rows in group_indices(df, [c]).items():
            key = key[0] if isinstance(key, tuple) else key
            cal["ece_by_segment"][f"{c}={key}"] = (calibration(y[rows], s[rows])["ece"]
                                                    if len(rows) >= a.min_group_rows else None)
    res["calibration"] = cal
    lap("calibration")
    err = (pred != (y == 1)).astype(float)
    min_support = max(30, int(np.ceil(0.01 * len(df))))
    res.update(slice_search(df, features, err, y, s, min_support, 10, 0.05, a.bootstrap, a.seed))
    lap("slices")
    u = unusualness(df, features)
    k = int(np.ceil(a.tail_share * len(df)))
    tail_rows = np.argsort(-u, kind="mergesort")[:k]
    rest = np.setdiff1d(np.arange(len(df)), tail_rows)
    p = np.clip(s, EPS, 1 - EPS)
    loss = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    res["tail"] = {"tail_rows": k, "tail_metrics": metrics(y[tail_rows], s[tail_rows],
                                                           a.bootstrap, a.seed),
                   "rest_metrics": metrics(y[rest], s[rest], 0, a.seed),
                   "mean_loss": float(loss.mean()),
                   "cvar_loss": float(np.sort(loss)[::-1][:k].mean())}
    lap("tail")
    res["timings_s"] = timings
    with open(a.json, "w") as f:
        json.dump(res, f, default=lambda o: o.item() if hasattr(o, "item") else str(o))
    print(json.dumps(timings), file=sys.stderr)


if __name__ == "__main__":
    main()
