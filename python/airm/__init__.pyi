"""Types of the airm package (docs/python.md). Every function is a thin face
over airm's engine: the numbers, messages and documents are the `airm`
command's. Bad input raises ValueError with airm's message; files that cannot
be read or written raise OSError."""

import os
from typing import Any, Callable, Iterable, Mapping, Sequence, Union

import numpy as np
import pandas as pd

__version__: str

# A DataFrame, a numpy structured array, a dict of equal-length 1-d arrays,
# or the path of a data file (CSV, TSV, JSON Lines; .gz / .zst).
Data = Union[pd.DataFrame, np.ndarray, Mapping[str, Any], str, os.PathLike]
Columns = Union[None, str, Sequence[str]]

class GateFailed(AssertionError):
    """Raised by check(gate) when a condition of the gate holds."""

class _Report:
    def to_json(self) -> str:
        """The JSON document `airm ... --json` writes for the same input; only
        generated_at and command (run metadata) differ."""
    def to_dict(self) -> dict[str, Any]:
        """to_json() parsed."""
    def to_html(self) -> str:
        """The self-contained HTML report `--html` writes."""
    def _repr_html_(self) -> str:
        """A notebook shows the HTML report."""
    def gates(self, gate: str) -> list[tuple[str, bool, str]]:
        """(condition, held, observed value) per condition of a --fail-on gate."""
    def passed(self, gate: str) -> bool:
        """False when any condition holds (the CLI would exit 1). ValueError
        for a gate that cannot be read or names no value."""
    def check(self, gate: str) -> None:
        """Raise GateFailed naming the conditions that hold."""

class Profile(_Report):
    """A column profile: exact, or from mergeable sketches. Picklable."""
    @property
    def num_rows(self) -> int: ...
    @property
    def exact(self) -> bool:
        """True when every statistic is exact (built in memory, never merged)."""
    @property
    def columns(self) -> list[str]: ...
    def to_pandas(self) -> pd.DataFrame:
        """One row per column: counts, moments, quantiles (q0.5, ...)."""
    def to_bytes(self) -> bytes:
        """The saved-profile binary form (docs/formats/profile.md)."""
    def save(self, path: Union[str, os.PathLike]) -> None:
        """Write the saved profile (as `airm profile --save`)."""
    def merge(self, *others: Profile, name: str = ...) -> Profile:
        """Merged with others (as `airm profile merge`)."""

class DriftReport(_Report):
    """`airm drift`'s report. Gate aliases: drift, quality, any."""
    def to_pandas(self, table: str = "columns") -> pd.DataFrame:
        """"columns" (one row per compared column), "segments" or "quality"."""

class EvaluationReport(_Report):
    """`airm evaluate`'s report."""
    def to_pandas(self, table: str = "metrics") -> pd.DataFrame:
        """"metrics" (one row per metric with its interval) or "segments"."""

class ChaosReport(_Report):
    """`airm chaos`'s report. Gate aliases: failed, degraded."""
    def to_junit(self) -> str:
        """The JUnit XML `--junit` writes."""
    def to_pandas(self, table: str = "cases") -> pd.DataFrame:
        """"cases" (one row per failure mode: status, reason, answer_*) or
        "metrics" (one row per case and metric change)."""

# A callable model: rows in (a DataFrame, or a 2-d float64 array with
# input="numpy"), one score per row out (1-d, (n, 1) or (n, 2) predict_proba).
ModelCallable = Callable[[Any], Any]

def profile(data: Union[Data, Profile], *, stream: bool = False, sketch_k: int = 200,
            name: str | None = None) -> Profile:
    """Profile every column (`airm profile`): exact, or with stream=True from
    mergeable sketches (a file is then read in bounded memory). A Profile or
    a saved profile's path is returned as it is."""

def read_profile(path: Union[str, os.PathLike]) -> Profile:
    """A saved profile (`airm profile --save`, Profile.save)."""

def merge_profiles(profiles: Iterable[Profile], name: str = ...) -> Profile:
    """Merge profiles of the same columns (`airm profile merge`'s checks)."""

def drift(reference: Union[Data, Profile], current: Union[Data, Profile], *,
          target: Columns = None, prediction: Columns = None, score: Columns = None,
          segment: Columns = None, id: Columns = None,
          schema: Union[str, os.PathLike, None] = None, columns: Columns = None,
          exclude: Columns = None, method: str = "auto", all_tests: bool = False,
          alpha: float = 0.05, correction: str = "bh", drift_share: float = 0.0,
          bins: int = 10, min_rows: int = 5, min_segment_rows: int = 30,
          multivariate: bool = True, seed: int = 42, sketch: bool = False,
          sketch_k: int = 2000, quality_thresholds: Columns = None) -> DriftReport:
    """Compare current with reference (`airm drift`): per-column drift,
    output drift, data quality, segments, the domain classifier. A Profile
    side (or sketch=True) compares sketches with error bounds."""

def evaluate(data: Data, *, target: str, score: str | None = None,
             prediction: str | None = None, reference: Data | None = None,
             sensitive: Columns = None, segment: Columns = None,
             schema: Union[str, os.PathLike, None] = None,
             positive_label: str | None = None, threshold: float | None = None,
             task: str = "auto", proba_prefix: str | None = None, segment_bins: int = 4,
             min_group_rows: int = 30, bootstrap: int = 200, seed: int = 42,
             alpha: float = 0.05, slice_depth: int = 2, slice_top: int = 10,
             slice_min_rows: int = 0, confirm_holdout: bool = False,
             calibration_bins: int = 10, tail_share: float = 0.05) -> EvaluationReport:
    """Evaluate scored data (`airm evaluate`): metrics with intervals,
    segments, worst-case slices, fairness, calibration, tail behaviour."""

def chaos(model: Union[str, os.PathLike, ModelCallable], data: Data, *, target: str,
          input: str = "pandas", fallback: str | None = None,
          constraints: Union[str, os.PathLike, None] = None,
          schema: Union[str, os.PathLike, None] = None, positive_label: str | None = None,
          threshold: float | None = None, suite: str | None = None, features: Columns = None,
          exclude: Columns = None, batch_rows: int = 100, seed: int = 42, bootstrap: int = 200,
          load_levels: Sequence[int] | None = None, load_rate: float | None = None,
          max_categories: int = 1000, timeout: float = 10.0, retries: int = 2) -> ChaosReport:
    """Break the model's inputs on purpose (`airm chaos`). `model`: a spec
    (xgboost:, http://, kserve://, cmd:), an XGBoost model file, or a Python
    callable; what the callable raises or answers wrongly is a failed case in
    the report, never an exception here. The GIL is held only around its calls."""

class Workspace:
    """An airm workspace (directory with airm.yaml); ValueError when none."""
    path: str
    def __init__(self, path: Union[str, os.PathLike]) -> None: ...
    @classmethod
    def init(cls, path: Union[str, os.PathLike], name: str = "") -> Workspace:
        """Create it (`airm init`); an existing workspace is kept."""
    @property
    def datasets(self) -> list[dict[str, Any]]:
        """Every dataset version (`airm dataset list --json`)."""
    def dataset_versions(self, name: str) -> list[dict[str, Any]]: ...
    @property
    def models(self) -> list[dict[str, Any]]:
        """Every model version, by name then registration order."""
    def model_versions(self, name: str) -> list[dict[str, Any]]:
        """The versions of one model ([] when none)."""
    def register_dataset(self, file: Union[str, os.PathLike], *, name: str = "",
                         source_uri: str = "",
                         tags: Mapping[str, str] | None = None) -> dict[str, Any]:
        """`airm dataset register`."""
    def register_model(self, name: str, version: str, artifact: Union[str, os.PathLike], *,
                       trained_by: str = "", training_data: Sequence[str] = (),
                       validation_data: Sequence[str] = (), test_data: Sequence[str] = (),
                       card: Union[str, os.PathLike, None] = None,
                       metrics: Union[str, os.PathLike, None] = None,
                       parameters: Mapping[str, str] | None = None) -> dict[str, Any]:
        """`airm model register`."""
    def log_predictions(self, data: Data, *, model: str = "",
                        deployment_env: str = "", name: str = "", id_column: str = "",
                        time_column: str = "", output_column: str = "",
                        exclude_columns: Sequence[str] = (),
                        schema: Union[str, os.PathLike, None] = None,
                        store_features: bool = False) -> dict[str, Any]:
        """`airm predictions log`: every row of a file, or of a DataFrame
        (recorded by a digest of its values; errors name the 0-based row)."""
    def trace(self, prediction_id: str, *, as_of: str = "",
              verify_files: bool = True) -> dict[str, Any]:
        """`airm lineage trace --json`: everything behind one prediction."""
