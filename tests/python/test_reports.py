"""airm.profile / drift / evaluate on the bundled example: the documents agree
with the CLI's --json for the same input byte for byte except the run
metadata lines (generated_at, command); DataFrames give the file's numbers."""

import json
import math
import pickle

import numpy as np
import pandas as pd
import pytest

import airm
from conftest import without_meta


def test_profile_of_a_file_is_the_cli_document(credit, cli):
    rc, out, err = cli("profile", credit / "reference.csv", "--json", "-")
    assert rc == 0, err
    mine = airm.profile(credit / "reference.csv").to_json()
    assert without_meta(mine) == without_meta(out)
    assert json.loads(mine)["command"] == "airm.profile (Python)"


def test_streamed_profile_of_a_file_is_the_cli_document(credit, cli):
    rc, out, err = cli("profile", credit / "current.csv", "--stream", "--json", "-")
    assert rc == 0, err
    mine = airm.profile(str(credit / "current.csv"), stream=True)
    assert not mine.exact
    assert without_meta(mine.to_json()) == without_meta(out)


def _comparable(column):
    # The CSV reader types a whole-number column with gaps int64, pandas
    # float64; everything the profile says about the values is the same.
    return {k: v for k, v in column.items() if k not in ("type",)}


def test_profile_of_a_dataframe_has_the_files_numbers(credit, frames):
    reference, _ = frames
    from_file = airm.profile(credit / "reference.csv").to_dict()
    from_frame = airm.profile(reference).to_dict()
    assert from_frame["inputs"]["data"]["path"] == "<DataFrame>"
    assert from_frame["inputs"]["data"]["sha256"] == ""
    assert from_frame["num_rows"] == from_file["num_rows"] == len(reference)
    assert len(from_frame["columns"]) == len(from_file["columns"])
    for a, b in zip(from_frame["columns"], from_file["columns"]):
        assert _comparable(a) == _comparable(b), a["name"]


def test_profile_results_as_tables_and_html(frames):
    reference, _ = frames
    p = airm.profile(reference)
    table = p.to_pandas()
    assert list(table.index) == list(reference.columns)
    assert table.loc["Seniority", "mean"] == pytest.approx(reference["Seniority"].mean(), rel=1e-12)
    assert table.loc["Home", "null_count"] == reference["Home"].isna().sum()
    html = p._repr_html_()
    assert html.startswith("<!DOCTYPE html>") and "Seniority" in html


def test_profiles_pickle_save_and_merge_like_the_cli(credit, cli, tmp_path):
    a = airm.profile(credit / "reference.csv", stream=True)
    b = airm.profile(credit / "current.csv", stream=True)
    again = pickle.loads(pickle.dumps(a))
    assert again.to_bytes() == a.to_bytes()
    a.save(tmp_path / "a.airmprof")
    b.save(tmp_path / "b.airmprof")
    rc, out, err = cli("profile", "merge", tmp_path / "a.airmprof", tmp_path / "b.airmprof",
                       "--out", tmp_path / "m.airmprof")
    assert rc == 0, err
    merged = a.merge(b)
    assert merged.num_rows == a.num_rows + b.num_rows == 3386 + 1068
    assert merged.to_bytes() == (tmp_path / "m.airmprof").read_bytes()
    assert airm.read_profile(tmp_path / "m.airmprof").to_bytes() == merged.to_bytes()
    assert airm.profile(tmp_path / "m.airmprof").to_bytes() == merged.to_bytes()


def test_drift_takes_a_saved_profile_like_the_cli(credit, frames, cli, tmp_path):
    _, current = frames
    saved = tmp_path / "reference.airmprof"
    rc, _, err = cli("profile", credit / "reference.csv", "--stream", "--sketch-k", "2000",
                     "--save", saved)
    assert rc == 0, err
    rc, out, err = cli("drift", "--reference", saved, "--current", credit / "current.csv",
                       "--target", "Status", "--json", "-")
    assert rc == 0, err
    from_path = airm.drift(saved, credit / "current.csv", target="Status")
    assert without_meta(from_path.to_json()) == without_meta(out)
    from_frame = airm.drift(airm.read_profile(saved), current, target="Status").to_dict()
    assert from_frame["comparison"] == "sketches"
    assert from_frame["inputs"]["reference"]["sha256"] == json.loads(out)["inputs"]["reference"][
        "sha256"]


DRIFT_FLAGS = ["--target", "Status", "--prediction", "prediction", "--score", "score",
               "--segment", "Home"]
DRIFT_KW = dict(target="Status", prediction="prediction", score="score", segment="Home")


def test_drift_of_files_is_the_cli_document(credit, cli):
    rc, out, err = cli("drift", "--reference", credit / "reference.csv", "--current",
                       credit / "current.csv", *DRIFT_FLAGS, "--json", "-")
    assert rc == 0, err
    mine = airm.drift(credit / "reference.csv", credit / "current.csv", **DRIFT_KW)
    assert without_meta(mine.to_json()) == without_meta(out)


def _without_types(value):
    """A document without the type fields (pandas types a whole-number
    column with gaps float64, airm's reader int64)."""
    if isinstance(value, dict):
        return {k: _without_types(v) for k, v in value.items()
                if k not in ("type", "current_type")}
    if isinstance(value, list):
        return [_without_types(v) for v in value]
    return value


def test_drift_of_dataframes_has_the_files_results(credit, frames):
    reference, current = frames
    from_files = airm.drift(credit / "reference.csv", credit / "current.csv", **DRIFT_KW)
    from_frames = airm.drift(reference, current, **DRIFT_KW)
    a, b = _without_types(from_frames.to_dict()), _without_types(from_files.to_dict())
    assert a["inputs"]["reference"]["path"] == "<reference DataFrame>"
    for key in ("verdict", "columns", "outputs", "segments", "multivariate", "findings"):
        assert a[key] == b[key], key
    # Columns pandas reads as float64 get the NaN/Inf share check as well.
    floats_only = {c for c in reference.columns if reference[c].dtype.kind == "f"}
    extra = [q for q in a["quality"] if q not in b["quality"]]
    assert extra and all(q["check"] == "non_finite_share" and q["column"] in floats_only
                         for q in extra)
    assert [q for q in a["quality"] if q not in extra] == b["quality"]


def test_drift_gates_and_tables(credit, frames, cli):
    reference, current = frames
    report = airm.drift(reference, current, **DRIFT_KW)
    rc, _, err = cli("drift", "--reference", credit / "reference.csv", "--current",
                     credit / "current.csv", *DRIFT_FLAGS, "--fail-on", "drift")
    assert rc in (0, 1), err
    assert report.passed("drift") == (rc == 0)
    assert report.passed("columns.Seniority.p_value? < 0")
    drifted = report.to_dict()["verdict"]["input_drift"]["drifted"]
    if drifted:
        with pytest.raises(airm.GateFailed, match="verdict.input_drift.drifted"):
            report.check("drift")
    with pytest.raises(ValueError, match="nonexistent"):
        report.passed("columns.nonexistent.p_value > 1")
    doc = report.to_dict()
    table = report.to_pandas()
    seniority = next(c for c in doc["columns"] if c["name"] == "Seniority")
    assert table.loc["Seniority", "p_value"] == seniority["p_value"]
    assert table.loc["score", "role"] == "score"
    segments = report.to_pandas("segments")
    assert set(segments["segment_column"]) == {"Home"}
    assert len(segments) == sum(len(s["columns"]) for s in doc["segments"])
    assert len(report.to_pandas("quality")) == len(doc["quality"])
    assert "<svg" in report.to_html()


EVAL_FLAGS = ["--target", "Status", "--score", "score", "--positive-label", "bad", "--threshold",
              "0.3042", "--sensitive", "Marital", "--bootstrap", "50"]
EVAL_KW = dict(target="Status", score="score", positive_label="bad", threshold=0.3042,
               sensitive="Marital", bootstrap=50)


def test_evaluate_of_a_file_is_the_cli_document(credit, cli):
    rc, out, err = cli("evaluate", "--data", credit / "current.csv", *EVAL_FLAGS, "--json", "-")
    assert rc == 0, err
    mine = airm.evaluate(credit / "current.csv", **EVAL_KW)
    assert without_meta(mine.to_json()) == without_meta(out)


def test_evaluate_of_a_dataframe_has_the_files_results(credit, frames):
    _, current = frames
    a = airm.evaluate(current, **EVAL_KW).to_dict()
    b = airm.evaluate(credit / "current.csv", **EVAL_KW).to_dict()
    for key in ("metrics", "fairness", "calibration", "slices", "findings"):
        assert a.get(key) == b.get(key), key
    report = airm.evaluate(current, **EVAL_KW)
    metrics = report.to_pandas()
    assert metrics.loc["roc_auc", "value"] == report.to_dict()["metrics"]["roc_auc"]["value"]
    assert 0.5 < metrics.loc["roc_auc", "value"] <= 1
    assert report.passed("metrics.roc_auc.value < 0.5")
    assert not report.passed("metrics.roc_auc.value > 0.5")
