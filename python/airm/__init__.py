"""airm for Python: profile, drift and evaluate pandas DataFrames, numpy
arrays, data files and saved profiles with airm's engine, and reach a
workspace's store. A thin face over the engine's use cases: every number,
message and document comes from the C++ library the `airm` command uses.

    import airm
    report = airm.drift(reference_df, current_df, target="Status")
    report.passed("drift")        # the --fail-on language
    report.to_pandas()            # one row per column
    report                        # in a notebook: the HTML report

Errors: bad input (wrong dtypes, missing columns, empty or malformed data,
an unreadable gate) raises ValueError with airm's message; OSError for files
that cannot be read or written. docs/python.md documents the API.
"""

from __future__ import annotations

from . import _airm
from ._frames import as_input
from ._results import (ChaosReport, DriftReport, EvaluationReport, GateFailed, Profile,
                       merge_profiles)
from ._workspace import Workspace

__version__ = _airm.__version__

__all__ = [
    "profile", "drift", "evaluate", "chaos", "read_profile", "merge_profiles", "Profile",
    "DriftReport", "EvaluationReport", "ChaosReport", "GateFailed", "Workspace", "__version__",
]


def _names(value, what):
    """None, one column name or a list of them, as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        names = [str(v) for v in value]
    except TypeError:
        raise ValueError(f"{what}: expected a column name or a list of names") from None
    return names


def profile(data, *, stream: bool = False, sketch_k: int = 200, name: str | None = None) -> Profile:
    """Profile every column of `data` (DataFrame, structured array, dict of
    arrays, or a data file path) as `airm profile` does: exact statistics,
    or with stream=True quantiles, distinct counts and top values from
    mergeable sketches (a file is then read in chunks, bounded memory).
    A Profile, or the path of a saved profile, is returned as it is."""
    if isinstance(data, Profile):
        return data
    source = as_input(data, name or "<DataFrame>")
    if isinstance(source, str) and _airm.is_saved_profile(source):
        return Profile(_airm.read_profile(source))
    return Profile(_airm.profile(source, stream=stream, kll_k=sketch_k))


def read_profile(path) -> Profile:
    """A saved profile (`airm profile --save`, Profile.save)."""
    import os

    return Profile(_airm.read_profile(os.fspath(path)))


def drift(reference, current, *, target=None, prediction=None, score=None, segment=None,
          id=None, schema=None, columns=None, exclude=None, method: str = "auto",
          all_tests: bool = False, alpha: float = 0.05, correction: str = "bh",
          drift_share: float = 0.0, bins: int = 10, min_rows: int = 5,
          min_segment_rows: int = 30, multivariate: bool = True, seed: int = 42,
          sketch: bool = False, sketch_k: int = 2000, quality_thresholds=None) -> DriftReport:
    """Compare `current` with `reference` (`airm drift`): per-column drift
    with multiple-testing control, output drift of target / prediction /
    score, data quality, segments and the domain classifier. Either side may
    be a DataFrame, a data file or a Profile (saved or merged, compared from
    its sketches with error bounds, like sketch=True)."""
    kwargs = dict(target=_names(target, "target"), prediction=_names(prediction, "prediction"),
                  score=_names(score, "score"), segment=_names(segment, "segment"),
                  id=_names(id, "id"), columns=_names(columns, "columns"),
                  exclude=_names(exclude, "exclude"), method=method, all_tests=all_tests,
                  alpha=float(alpha), correction=correction, drift_share=float(drift_share),
                  bins=int(bins), min_rows=int(min_rows), min_segment_rows=int(min_segment_rows),
                  multivariate=bool(multivariate), seed=int(seed), sketch=bool(sketch),
                  sketch_k=int(sketch_k),
                  quality_thresholds=_names(quality_thresholds, "quality_thresholds"))
    if schema is not None:
        import os

        kwargs["schema"] = os.fspath(schema)
    return DriftReport(_airm.drift(as_input(reference, "<reference DataFrame>"),
                                   as_input(current, "<current DataFrame>"), **kwargs))


def evaluate(data, *, target: str, score: str | None = None, prediction: str | None = None,
             reference=None, sensitive=None, segment=None, schema=None,
             positive_label: str | None = None, threshold: float | None = None,
             task: str = "auto", proba_prefix: str | None = None, segment_bins: int = 4,
             min_group_rows: int = 30, bootstrap: int = 200, seed: int = 42,
             alpha: float = 0.05, slice_depth: int = 2, slice_top: int = 10,
             slice_min_rows: int = 0, confirm_holdout: bool = False,
             calibration_bins: int = 10, tail_share: float = 0.05) -> EvaluationReport:
    """Evaluate scored data (`airm evaluate`): metrics with intervals,
    segments, worst-case slices, fairness across `sensitive` groups,
    calibration and tail behaviour."""
    kwargs = dict(target=target, score=score, prediction=prediction,
                  proba_prefix=proba_prefix, positive_label=positive_label,
                  threshold=None if threshold is None else float(threshold), task=task,
                  segment=_names(segment, "segment"), sensitive=_names(sensitive, "sensitive"),
                  segment_bins=int(segment_bins), min_group_rows=int(min_group_rows),
                  bootstrap=int(bootstrap), seed=int(seed), alpha=float(alpha),
                  slice_depth=int(slice_depth), slice_top=int(slice_top),
                  slice_min_rows=int(slice_min_rows), confirm_holdout=bool(confirm_holdout),
                  calibration_bins=int(calibration_bins), tail_share=float(tail_share))
    if schema is not None:
        import os

        kwargs["schema"] = os.fspath(schema)
    return EvaluationReport(_airm.evaluate(as_input(data), as_input(reference,
                                                                    "<reference DataFrame>"),
                                           **kwargs))


_SPEC_PREFIXES = ("http://", "https://", "kserve://", "cmd:", "xgboost:")


def _model_spec(model):
    """A model spec the CLI's --model takes; a bare path is an XGBoost model
    file (JSON, with its _meta.json beside it when there is one)."""
    import os

    spec = os.fspath(model)
    if spec.startswith(_SPEC_PREFIXES):
        return spec
    if os.path.isfile(spec):
        return "xgboost:" + spec
    raise ValueError(f"model: '{spec}' is neither a model spec (http://, kserve://, cmd:, "
                     f"xgboost:) nor a model file")


def chaos(model, data, *, target: str, input: str = "pandas", fallback: str | None = None,
          constraints=None, schema=None, positive_label: str | None = None,
          threshold: float | None = None, suite: str | None = None, features=None,
          exclude=None, batch_rows: int = 100, seed: int = 42, bootstrap: int = 200,
          load_levels=None, load_rate: float | None = None, max_categories: int = 1000,
          timeout: float = 10.0, retries: int = 2) -> ChaosReport:
    """Break a model's inputs on purpose (`airm chaos`) and record, per failure
    mode, whether it handled it, degraded or failed, and what it cost.

    `model`: a spec the CLI takes (xgboost:MODEL.json, http://..., kserve://...,
    cmd:...), an XGBoost model file path, or a Python callable. A callable is
    given each request's rows — a pandas DataFrame (input="pandas": numeric
    columns float64 with NaN for missing, text columns object) or a 2-d float64
    numpy array (input="numpy"; a text value is then refused as the xgboost
    adapter refuses it) — and returns one score per row (a 1-d array, an (n, 1)
    column or (n, 2) predict_proba). An exception it raises, a wrong number of
    scores or a non-numeric answer is the model failing that case: recorded in
    the report, never raised. The callable runs with the GIL held, one call at
    a time. `data`: labelled rows (DataFrame, array dict or data file)."""
    import os

    kwargs = dict(input=input, fallback=fallback, positive_label=positive_label,
                  threshold=None if threshold is None else float(threshold), suite=suite,
                  features=_names(features, "features"), exclude=_names(exclude, "exclude"),
                  batch_rows=int(batch_rows), seed=int(seed), bootstrap=int(bootstrap),
                  load_levels=None if load_levels is None else [int(v) for v in load_levels],
                  load_rate=None if load_rate is None else float(load_rate),
                  max_categories=int(max_categories), timeout=float(timeout),
                  retries=int(retries))
    if constraints is not None:
        kwargs["constraints"] = os.fspath(constraints)
    if schema is not None:
        kwargs["schema"] = os.fspath(schema)
    if int(batch_rows) < 1:
        raise ValueError(f"batch_rows: expected at least 1, got {batch_rows}")
    if not callable(model):
        model = _model_spec(model)
    source = as_input(data)
    if not isinstance(source, (str, _airm.Table)):
        raise ValueError("chaos needs rows to send to the model (a DataFrame or a data file), "
                         "not a profile")
    return ChaosReport(_airm.chaos(model, source, target, **kwargs))
