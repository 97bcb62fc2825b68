"""airm on Dask: profile each partition with the streaming sketches on the
workers, merge the profiles on the cluster, and compare merged profiles.

    import airm.dask
    reference = airm.dask.profile(ref_ddf)            # an airm.Profile
    report = airm.dask.drift(ref_ddf, cur_ddf, target="Status")

Counts, min, max and HyperLogLog registers merge exactly; mean and variance
merge exactly up to floating rounding; quantiles (KLL) and top values
(Space-Saving) through their sketches, within the error bounds each column
states. The merge order is fixed (partitions in order, `split_every` at a
time, left to right), so a run is reproducible, and with split_every >= the
number of partitions the result is byte for byte `airm profile merge` of the
partitions' saved profiles.
"""

from __future__ import annotations

from . import _airm
from ._frames import to_table
from ._results import Profile, merge_profiles
from . import drift as _drift

__all__ = ["profile", "drift"]


def _profile_partition(frame, index: int, sketch_k: int):
    """One partition's sketch profile, or None for an empty partition."""
    if len(frame) == 0:
        return None
    table = to_table(frame, f"<partition {index}>")
    return Profile(_airm.profile(table, stream=True, kll_k=sketch_k))


def _merge(parts, name: str):
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return merge_profiles(parts, name=name)


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
    depth = 0
    while len(level) > 1:
        level = [dask.delayed(_merge)(level[i:i + split_every], f"<merge {depth}.{i}>")
                 for i in range(0, len(level), split_every)]
        depth += 1
    result = dask.delayed(_merge)([level[0]], name).compute()
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
