"""airm on Dask: profile each partition with the streaming sketches on the
workers, merge the profiles on the cluster, and compare merged profiles.

    import airm.dask
    reference = airm.dask.profile(ref_ddf)            # an airm.Profile
    report = airm.dask.drift(ref_ddf, cur_ddf, target="Status")
    evaluation = airm.dask.evaluate(ddf, target="Status", score="score")

Counts, min, max and HyperLogLog registers merge exactly; mean and variance
merge exactly up to floating rounding; quantiles (KLL) and top values
(Space-Saving) through their sketches, within the error bounds each column
states. The merge order is fixed (partitions in order, `split_every` at a
time, left to right), so a run is reproducible, and with split_every >= the
number of partitions the result is byte for byte `airm profile merge` of the
partitions' saved profiles.

Evaluation merges binary confusion counts (overall and per segment value),
which add up exactly: the metrics that are functions of them equal
airm.evaluate's on all the rows, Wilson intervals included. With a score it
also merges summed log-loss and Brier terms (equal up to rounding) and a
score histogram whose ROC AUC is within the bound its note states.
"""

from __future__ import annotations

from . import _airm
from ._frames import to_table
from ._results import EvaluationReport, Profile, merge_profiles
from . import drift as _drift
from . import _names

__all__ = ["profile", "drift", "evaluate"]


def _profile_partition(frame, index: int, sketch_k: int):
    """One partition's sketch profile, or None for an empty partition."""
    if len(frame) == 0:
        return None
    table = to_table(frame, f"<partition {index}>")
    return Profile(_airm.profile(table, stream=True, kll_k=sketch_k))


def _tree(level, merge, split_every: int):
    """One delayed result from delayed parts, merged `split_every` at a time,
    left to right (a fixed order, so a run is reproducible)."""
    import dask

    depth = 0
    while len(level) > 1:
        level = [dask.delayed(merge)(level[i:i + split_every], f"<merge {depth}.{i}>")
                 for i in range(0, len(level), split_every)]
        depth += 1
    return level[0]


def _merged(parts, merge):
    """`merge` of the parts that are not None (empty partitions); None when
    none is left, the one part as it is."""
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return merge(parts)


def _merge(parts, name: str):
    return _merged(parts, lambda ps: merge_profiles(ps, name=name))


def profile(ddf, *, sketch_k: int = 200, split_every: int = 8,
            name: str = "<dask DataFrame>") -> Profile:
    """The sketch profile of a Dask DataFrame, built and merged on the cluster
    (the current dask scheduler: a distributed.Client when one is active).
    ValueError when every partition is empty or partitions disagree on a
    column (the checks of `airm profile merge`)."""
    import dask

    if split_every < 2:
        raise ValueError(f"split_every: expected at least 2, got {split_every}")
    level = [dask.delayed(_profile_partition)(part, i, sketch_k)
             for i, part in enumerate(ddf.to_delayed())]
    if not level:
        raise ValueError(f"{name}: has no partitions")
    result = dask.delayed(_merge)([_tree(level, _merge, split_every)], name).compute()
    if result is None:
        raise ValueError(f"{name}: has no rows")
    return Profile(result._native.renamed(name))


def drift(reference, current, *, sketch_k: int = 2000, split_every: int = 8, **options):
    """airm.drift between two Dask DataFrames (or a Dask DataFrame and a
    Profile / saved profile path), compared from their merged profiles with
    error bounds, as `airm drift --sketch`. `options` are airm.drift's."""
    def side(data, name):
        if hasattr(data, "to_delayed"):
            return profile(data, sketch_k=sketch_k, split_every=split_every, name=name)
        return data

    return _drift(side(reference, "<reference dask DataFrame>"),
                  side(current, "<current dask DataFrame>"), sketch=True, sketch_k=sketch_k,
                  **options)


def _part_labels(frame, index: int, target: str):
    """The target's labels with their counts in one partition ([] when empty)."""
    if len(frame) == 0:
        return []
    return _airm.eval_target_labels(to_table(frame, f"<partition {index}>"), target)


def _count_part(frame, index: int, classes, target, score, prediction, threshold, segments):
    """One partition's confusion counts, or None for an empty partition."""
    if len(frame) == 0:
        return None
    return _airm.eval_count_part(to_table(frame, f"<partition {index}>"), classes, target,
                                 score=score, prediction=prediction, threshold=threshold,
                                 segments=segments)


def _merge_counts(parts, name: str):
    return _merged(parts, _airm.merge_eval_counts)


def evaluate(ddf, *, target: str, score: str | None = None, prediction: str | None = None,
             positive_label: str | None = None, threshold: float | None = None, segment=None,
             min_group_rows: int = 30, split_every: int = 8,
             name: str = "<dask DataFrame>") -> EvaluationReport:
    """Evaluate a binary classifier's scored Dask DataFrame on the cluster
    from confusion counts merged exactly: accuracy, balanced accuracy,
    precision, recall, specificity, F1, FPR, FNR, selection and error rate
    (Wilson intervals for the proportions) overall and per value of each
    `segment` (text or bool columns), equal to airm.evaluate on all the
    rows. Two passes: the target's labels (so every partition indexes the
    classes alike and the positive label is chosen as for the whole), then
    the counts. With `score`, also log loss and Brier (summed per-row terms,
    equal up to floating rounding) and ROC AUC from a merged 16,384-bin score
    histogram, within the bound its note states. What needs the rows
    (average precision, bootstrap and DeLong intervals, calibration, slices,
    fairness, the tail) is not computed; the report's notes say so.
    ValueError as airm.evaluate's for bad columns or labels."""
    import dask

    if split_every < 2:
        raise ValueError(f"split_every: expected at least 2, got {split_every}")
    segments = _names(segment, "segment")
    parts = ddf.to_delayed()
    if not parts:
        raise ValueError(f"{name}: has no partitions")
    labels = dask.compute(*[dask.delayed(_part_labels)(part, i, target)
                            for i, part in enumerate(parts)])
    classes, note = _airm.eval_classes([list(l) for l in labels], target, positive_label or "")
    threshold = None if threshold is None else float(threshold)
    level = [dask.delayed(_count_part)(part, i, classes, target, score or "", prediction or "",
                                       threshold, segments)
             for i, part in enumerate(parts)]
    counts = dask.delayed(_merge_counts)([_tree(level, _merge_counts, split_every)],
                                         name).compute()
    if counts is None:
        raise ValueError(f"{name}: has no rows")
    return EvaluationReport(_airm.evaluation_from_counts(counts, name, len(ddf.columns),
                                                          int(min_group_rows), note))
