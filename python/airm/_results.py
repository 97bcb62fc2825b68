"""Result objects: each holds the engine's result and renders it with the
CLI's renderers (to_json is the document `airm ... --json` writes for the
same input), gates it with the one --fail-on language, and lays its
per-column or per-segment table out as a DataFrame."""

from __future__ import annotations

import json

from . import _airm


class GateFailed(AssertionError):
    """Raised by Result.check(gate) when a condition holds."""


class _Report:
    _command = "airm (Python)"
    _aliases = ""

    def __init__(self, native):
        self._native = native

    def to_json(self) -> str:
        """The JSON document, exactly as the CLI's --json renders it; only
        generated_at and command (the run's metadata) differ."""
        return self._native.to_json(self._command)

    def to_dict(self) -> dict:
        return json.loads(self.to_json())

    def to_html(self) -> str:
        """The self-contained HTML report the CLI's --html writes."""
        return self._native.to_html(self._command)

    def _repr_html_(self) -> str:
        return self.to_html()

    def gates(self, gate: str) -> list[tuple[str, bool, str]]:
        """(condition, held, observed value) for each condition of `gate`."""
        return _airm.gates(gate, self.to_json(), self._aliases)

    def passed(self, gate: str) -> bool:
        """False when any condition of `gate` holds (as --fail-on GATE exits
        1); ValueError for a gate that cannot be read or names no value."""
        return not any(held for _, held, _ in self.gates(gate))

    def check(self, gate: str) -> None:
        """Raise GateFailed naming the conditions of `gate` that hold."""
        held = [f"{c} (value {v})" for c, h, v in self.gates(gate) if h]
        if held:
            raise GateFailed("gate failed: " + "; ".join(held))

    def to_pandas(self):
        raise NotImplementedError


def _scalars(record: dict) -> dict:
    """The fields of a JSON object that fit a table cell."""
    return {k: v for k, v in record.items() if not isinstance(v, (list, dict))}


def _frame(rows, index=None):
    import pandas as pd

    frame = pd.DataFrame(rows)
    if index is not None and len(frame):
        frame = frame.set_index(index)
    return frame


class Profile(_Report):
    """A column profile: exact (built in memory) or from mergeable sketches
    (stream=True, merged, Dask). Picklable via the saved-profile format."""

    _command = "airm.profile (Python)"

    @property
    def num_rows(self) -> int:
        return self._native.num_rows

    @property
    def exact(self) -> bool:
        return self._native.exact

    @property
    def columns(self) -> list[str]:
        return self._native.column_names

    def to_pandas(self):
        """One row per column: type, counts, moments, quantiles (q0.5, ...)."""
        rows = []
        for column in self.to_dict()["columns"]:
            row = _scalars(column)
            for q in column.get("quantiles") or []:
                row[f"q{q['q']:g}"] = q["value"]
            rows.append(row)
        return _frame(rows, "name")

    def to_bytes(self) -> bytes:
        """The saved-profile binary form (docs/formats/profile.md)."""
        return self._native.to_bytes()

    def save(self, path) -> None:
        """Write the saved profile, as `airm profile --save PATH` does."""
        import os

        self._native.save(os.fspath(path))

    def merge(self, *others: "Profile", name: str = "<merged profile>") -> "Profile":
        """This profile merged with others (as `airm profile merge`)."""
        return merge_profiles([self, *others], name=name)

    def __reduce__(self):
        return (_profile_from_bytes, (self.to_bytes(), self._native.name))


def _profile_from_bytes(data: bytes, name: str) -> Profile:
    return Profile(_airm.profile_from_bytes(data, name))


def merge_profiles(profiles, name: str = "<merged profile>") -> Profile:
    """Merge profiles of the same columns (counts, min, max, mean, variance
    exactly; quantiles, distinct counts and top values through their
    sketches); the checks and messages of `airm profile merge`."""
    natives = [p._native for p in profiles]
    if not natives:
        raise ValueError("merge_profiles needs at least one profile")
    return Profile(_airm.merge_profiles(natives, name))


class DriftReport(_Report):
    """The drift report (`airm drift`); gate aliases drift, quality, any."""

    _command = "airm.drift (Python)"
    _aliases = "drift"

    def to_pandas(self, table: str = "columns"):
        """table="columns": one row per compared column, inputs then outputs
        (index: name); "segments": one row per segment and column;
        "quality": one row per data-quality check."""
        doc = self.to_dict()
        if table == "columns":
            return _frame([_scalars(c) for c in doc.get("columns", []) + doc.get("outputs", [])],
                          "name")
        if table == "segments":
            rows = []
            for segment in doc.get("segments", []):
                base = {"segment": segment["name"], "segment_column": segment["column"],
                        "segment_value": segment["value"],
                        "segment_drifted": (segment.get("verdict") or {}).get("drifted")}
                for column in segment.get("columns", []):
                    rows.append(dict(base, **_scalars(column)))
            return _frame(rows)
        if table == "quality":
            return _frame([_scalars(c) for c in doc.get("quality", [])])
        raise ValueError(f"table: expected columns, segments or quality, got '{table}'")


class EvaluationReport(_Report):
    """The evaluation report (`airm evaluate`)."""

    _command = "airm.evaluate (Python)"

    def to_pandas(self, table: str = "metrics"):
        """table="metrics": one row per metric with its interval (index:
        metric); "segments": one row per segment value and metric."""
        doc = self.to_dict()
        if table == "metrics":
            return _frame([dict(metric=name, **m) for name, m in doc.get("metrics", {}).items()],
                          "metric")
        if table == "segments":
            rows = []
            for segment in doc.get("segments", []):
                base = _scalars(segment)
                for name, m in segment.get("metrics", {}).items():
                    rows.append(dict(base, metric=name, **m))
            return _frame(rows)
        raise ValueError(f"table: expected metrics or segments, got '{table}'")


class ChaosReport(_Report):
    """The chaos report (`airm chaos`); gate aliases failed, degraded."""

    _command = "airm.chaos (Python)"
    _aliases = "chaos"

    def to_junit(self) -> str:
        """The JUnit XML the CLI's --junit writes."""
        return self._native.to_junit(self._command)

    def to_pandas(self, table: str = "cases"):
        """table="cases": one row per failure mode (index: name) with its
        status, reason and the model's answer (answer_*: served, requests,
        failure kind and detail);
        "metrics": one row per case and metric change."""
        doc = self.to_dict()
        if table == "cases":
            rows = []
            for case in doc.get("cases", []):
                row = _scalars(case)
                answer = case.get("answer") or {}
                for key, value in _scalars(answer).items():
                    row[f"answer_{key}"] = value
                failure = answer.get("failure") or {}
                row["answer_failure"] = failure.get("kind")
                row["answer_detail"] = failure.get("detail")
                rows.append(row)
            return _frame(rows, "name")
        if table == "metrics":
            rows = []
            for case in doc.get("cases", []):
                for metric, change in (case.get("metrics") or {}).items():
                    rows.append(dict(case=case["name"], metric=metric, **_scalars(change)))
            return _frame(rows)
        raise ValueError(f"table: expected cases or metrics, got '{table}'")
