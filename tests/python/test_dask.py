"""airm.dask on a real distributed.LocalCluster of two worker processes:
per-partition sketch profiles merged on the cluster equal the single-machine
merge of the same partitions byte for byte, and the file's streamed profile
where sketches merge exactly (counts, min, max, distinct counts) or within
their stated bounds (mean, variance to rounding; quantiles by rank error)."""

import math
import re

import dask.dataframe as dd
import numpy as np
import pytest

import airm
import airm.dask


def _partition_profiles(ddf, sketch_k=200):
    return [airm.profile(part.compute(), stream=True, sketch_k=sketch_k)
            for part in ddf.partitions]


def test_profile_merges_on_the_cluster_like_airm_profile_merge(client, frames):
    reference, _ = frames
    ddf = dd.from_pandas(reference, npartitions=4)
    merged = airm.dask.profile(ddf, split_every=16)
    assert merged.num_rows == len(reference)
    local = airm.merge_profiles(_partition_profiles(ddf))
    assert merged.to_bytes() == local.to_bytes()
    # A tree of merges (split_every=2) is another order: the same counts.
    tree = airm.dask.profile(ddf, split_every=2).to_dict()
    flat = merged.to_dict()
    for a, b in zip(tree["columns"], flat["columns"]):
        for key in ("count", "null_count", "nan_count", "finite_count", "min", "max",
                    "distinct_count"):
            assert a.get(key) == b.get(key), (a["name"], key)


def test_profile_equals_the_streamed_file_within_the_bounds(client, credit, frames):
    reference, _ = frames
    ddf = dd.from_pandas(reference, npartitions=3)
    merged = airm.dask.profile(ddf).to_dict()
    streamed = airm.profile(credit / "reference.csv", stream=True).to_dict()
    assert merged["num_rows"] == streamed["num_rows"] == len(reference)
    for a, b in zip(merged["columns"], streamed["columns"]):
        name = a["name"]
        for key in ("count", "null_count", "distinct_count", "min", "max"):
            assert a.get(key) == b.get(key), (name, key)
        if b.get("mean") is not None:
            assert a["mean"] == pytest.approx(b["mean"], rel=1e-12), name
            assert a["stddev"] == pytest.approx(b["stddev"], rel=1e-9), name
            # KLL: each returned quantile's rank is within the stated error
            # of its level, on the exact data.
            values = np.sort(reference[name].dropna().to_numpy(dtype=float))
            bound = a["quantile_rank_error"]
            for q in a["quantiles"]:
                lo = np.searchsorted(values, q["value"], side="left") / len(values)
                hi = np.searchsorted(values, q["value"], side="right") / len(values)
                assert lo - bound <= q["q"] <= hi + bound, (name, q)


def test_drift_compares_merged_profiles(client, credit, frames):
    reference, current = frames
    report = airm.dask.drift(dd.from_pandas(reference, npartitions=3),
                             dd.from_pandas(current, npartitions=2), target="Status",
                             prediction="prediction", score="score")
    doc = report.to_dict()
    assert doc["comparison"] == "sketches"
    assert doc["inputs"]["reference"]["path"] == "<reference dask DataFrame>"
    assert doc["inputs"]["reference"]["rows"] == len(reference)
    # The same as comparing the single-machine merges of the same partitions.
    local = airm.drift(
        airm.merge_profiles(_partition_profiles(dd.from_pandas(reference, npartitions=3), 2000),
                           name="<reference dask DataFrame>"),
        airm.merge_profiles(_partition_profiles(dd.from_pandas(current, npartitions=2), 2000),
                           name="<current dask DataFrame>"),
        target="Status", prediction="prediction", score="score", sketch=True)
    assert local.to_dict()["columns"] == doc["columns"]


EXACT = ("accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "fpr",
         "fnr", "selection_rate", "error_rate")


def _exact(metrics):
    """The metrics that are functions of the confusion counts: value and,
    where it is Wilson's, the interval (the others' are bootstrap intervals)."""
    out = {}
    for name in EXACT:
        m = metrics[name]
        out[name] = (m["value"], m["ci_low"], m["ci_high"]) if m.get("ci_method") == "wilson" \
            else (m["value"],)
    return out


def _stated_auc_bound(metric):
    found = re.search(r"within ([0-9.e+-]+) of the exact ROC AUC", metric["note"])
    assert found, metric["note"]
    return float(found.group(1))


def _check_score_metrics(merged, whole):
    """Log loss and Brier equal to rounding (sums in another order); ROC AUC
    within the bound the merged report states, and the bound is small."""
    for name in ("log_loss", "brier"):
        assert merged[name]["value"] == pytest.approx(whole[name]["value"], rel=1e-12), name
    bound = _stated_auc_bound(merged["roc_auc"])
    assert 0 <= bound < 1e-3
    assert abs(merged["roc_auc"]["value"] - whole["roc_auc"]["value"]) <= bound


def test_roc_auc_bound_holds_and_is_tight_where_scores_share_bins(client):
    # Scores rounded to 1/1000: many positives and negatives share a bin (and
    # a score), so the bins' AUC equals the exact one (ties count a half in
    # both) while the stated bound is far from zero; then continuous scores,
    # where pairs in one bin are ordered and the bound must cover them.
    import pandas as pd

    rng = np.random.default_rng(11)
    n = 20_000
    y = rng.integers(0, 2, n)
    rounded = np.round(np.clip(0.3 * y + rng.normal(0.35, 0.2, n), 0, 1), 3)
    continuous = np.clip(0.3 * y + rng.normal(0.35, 0.2, n), 0, 1)
    for score, exact in ((rounded, True), (continuous, False)):
        frame = pd.DataFrame({"y": y, "s": score})
        merged = airm.dask.evaluate(dd.from_pandas(frame, npartitions=4), target="y",
                                    score="s").to_dict()["metrics"]
        whole = airm.evaluate(frame, target="y", score="s", bootstrap=0).to_dict()["metrics"]
        bound = _stated_auc_bound(merged["roc_auc"])
        difference = abs(merged["roc_auc"]["value"] - whole["roc_auc"]["value"])
        assert difference <= bound
        if exact:  # one score per bin: the bins order every pair as the scores do
            assert bound > 1e-4 and difference < 1e-12
        for name in ("log_loss", "brier"):
            assert merged[name]["value"] == pytest.approx(whole[name]["value"], rel=1e-12)


def test_evaluate_merges_counts_equal_to_the_whole(client, frames):
    reference, _ = frames
    # Sorted by the target, so some partitions hold one class only; a few
    # rows without a score are excluded on both sides.
    data = reference.sort_values("Status", kind="stable").reset_index(drop=True)
    data.loc[[3, 1500, 3000], "score"] = np.nan
    ddf = dd.from_pandas(data, npartitions=5)
    parts = [part.compute()["Status"].nunique() for part in ddf.partitions]
    assert 1 in parts, parts
    options = dict(target="Status", score="score", segment=["Home", "Records"])
    merged = airm.dask.evaluate(ddf, split_every=2, **options).to_dict()
    whole = airm.evaluate(data, bootstrap=0, **options).to_dict()
    assert merged["inputs"]["data"]["path"] == "<dask DataFrame>"
    for key in ("positive_label", "threshold", "rows_used", "rows_excluded"):
        assert merged[key] == whole[key], key
    assert merged["rows_excluded"] == 3
    assert _exact(merged["metrics"]) == _exact(whole["metrics"])
    _check_score_metrics(merged["metrics"], whole["metrics"])
    assert any("ROC AUC is within the bound" in note for note in merged["notes"])
    seg_whole = {(s["column"], s["value"]): s for s in whole["segments"]}
    seg_merged = {(s["column"], s["value"]): s for s in merged["segments"]}
    assert list(seg_merged) == [k for k in seg_whole if k[0] in ("Home", "Records")]
    for key, s in seg_merged.items():
        assert s["rows"] == seg_whole[key]["rows"], key
        assert _exact(s["metrics"]) == _exact(seg_whole[key]["metrics"]), key


def test_evaluate_with_a_threshold_and_a_named_positive_label(client, frames):
    _, current = frames
    ddf = dd.from_pandas(current, npartitions=3)
    options = dict(target="Status", score="score", positive_label="good", threshold=0.7)
    merged = airm.dask.evaluate(ddf, **options).to_dict()
    whole = airm.evaluate(current, bootstrap=0, **options).to_dict()
    assert merged["positive_label"] == "good" and merged["threshold"] == 0.7
    assert _exact(merged["metrics"]) == _exact(whole["metrics"])
    report = airm.dask.evaluate(ddf, target="Status", prediction="prediction",
                                positive_label="bad")
    assert _exact(report.to_dict()["metrics"]) == _exact(
        airm.evaluate(current, target="Status", prediction="prediction", positive_label="bad",
                      bootstrap=0).to_dict()["metrics"])
    assert report.passed("metrics.accuracy.value < 0.5")


def test_evaluate_refuses_what_counts_cannot_reproduce(client, frames):
    reference, _ = frames
    ddf = dd.from_pandas(reference, npartitions=2)
    with pytest.raises(ValueError, match="^segment Age: a numeric column"):
        airm.dask.evaluate(ddf, target="Status", score="score", segment="Age")
    with pytest.raises(ValueError, match="^positive_label 'nope' never occurs in target 'Status'"):
        airm.dask.evaluate(ddf, target="Status", score="score", positive_label="nope")
    with pytest.raises(ValueError, match="Statuss"):
        airm.dask.evaluate(ddf, target="Statuss", score="score")
