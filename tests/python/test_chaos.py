"""airm.chaos on the bundled example: a model file gives the CLI's document;
a Python callable (the same XGBoost model through Debian's python3-xgboost)
gives the same baseline; a callable that raises, answers with the wrong count
or with text is a failed case in the report, never an exception or a crash."""

import json
import re

import numpy as np
import pandas as pd
import pytest

import airm
from conftest import without_meta

# Fewer resamples keep the suite fast; every test passes the same options to
# both sides it compares.
FAST = dict(bootstrap=20, suite="missing,types,structure,determinism")


def _clockless(document: str) -> dict:
    """The document less what depends on the clock or the process: wall times,
    latencies, and the time stamp and stack trace (load addresses) libxgboost
    puts in its error messages."""
    return _without_timings(json.loads(document))


def _without_timings(doc):
    if isinstance(doc, dict):
        return {k: _without_timings(v) for k, v in doc.items()
                if k not in ("seconds", "latency_seconds", "generated_at", "command",
                             "elapsed_seconds", "mean_latency_seconds")}
    if isinstance(doc, list):
        return [_without_timings(v) for v in doc]
    if isinstance(doc, str):
        doc = re.sub(r"\[\d\d:\d\d:\d\d\]", "[time]", doc)
        return re.sub(r"Stack trace:.*", "", doc, flags=re.S)
    return doc


@pytest.fixture(scope="module")
def meta(credit):
    return json.loads((credit / "model_meta.json").read_text())


@pytest.fixture(scope="module")
def xgb_callable(credit, meta):
    """The example model as a callable on DataFrames: python3-xgboost on the
    encoding its meta file states (one-hot levels; missing -> NaN dummies)."""
    xgboost = pytest.importorskip("xgboost")
    booster = xgboost.Booster(model_file=str(credit / "model.json"))
    # One thread: OpenMP threads spinning on a loaded machine make every
    # small prediction slow, and the suite's requests are small.
    booster.set_param({"nthread": 1})
    names = meta["model_feature_names"]
    if isinstance(names, str):  # stored as Python's repr of the list
        import ast

        names = ast.literal_eval(names)

    levels = meta["categorical_levels"]
    position = {feature: j for j, feature in enumerate(names)}

    def score(frame: pd.DataFrame):
        matrix = np.full((len(frame), len(names)), np.nan)
        for column in frame.columns:
            values = frame[column]
            if column in levels:
                missing = (values.isna() | (values.astype(object) == "")).to_numpy()
                text = values.astype(str).to_numpy()
                for level in levels[column]:
                    matrix[:, position[f"{column}={level}"]] = np.where(
                        missing, np.nan, (text == level).astype(float))
            elif column in position:
                matrix[:, position[column]] = pd.to_numeric(values, errors="raise")
        return booster.predict(xgboost.DMatrix(matrix, missing=np.nan, feature_names=names,
                                               nthread=1))

    return score


def test_chaos_of_a_model_file_is_the_cli_document(credit, cli):
    rc, out, err = cli("chaos", "--model", f"xgboost:{credit / 'model.json'}", "--data",
                       credit / "current.csv", "--target", "Status", "--bootstrap", "20",
                       "--suite", FAST["suite"], "--json", "-")
    assert rc == 0, err
    # A bare model path is the xgboost: spec of the same file.
    report = airm.chaos(credit / "model.json", credit / "current.csv", target="Status", **FAST)
    assert _clockless(report.to_json()) == _clockless(out)
    assert report.to_dict()["command"] == "airm.chaos (Python)"


def test_a_callable_model_gives_the_model_files_baseline(credit, frames, meta, xgb_callable):
    _, current = frames
    options = dict(FAST, suite="missing,types")
    from_file = airm.chaos(f"xgboost:{credit / 'model.json'}", current, target="Status",
                           **options)
    # The meta file tells the xgboost: spec what a callable is told here.
    from_callable = airm.chaos(xgb_callable, current, target="Status", positive_label="bad",
                               threshold=meta["threshold"], features=meta["feature_columns"],
                               **options)
    a, b = from_file.to_dict(), from_callable.to_dict()
    assert b["inputs"]["data"]["path"] == "<DataFrame>"
    spec = b["inputs"]["model"]["spec"]
    assert spec.startswith("python:") and "xgb_callable" in spec, spec
    # The same library scores the same float32 matrix: the same baseline.
    assert b["baseline"]["metrics"] and \
        _without_timings(b["baseline"]) == _without_timings(a["baseline"])
    cases_a = {c["name"]: c for c in a["cases"]}
    cases_b = {c["name"]: c for c in b["cases"]}
    # Nulling a feature: both encode missing the same way, so the same outcome.
    nulls = [n for n in cases_a if n.startswith("null:")]
    assert nulls
    for name in nulls:
        assert cases_b[name]["status"] == cases_a[name]["status"], name
        assert cases_b[name]["metrics"] == cases_a[name]["metrics"], name
    # Text in a number: the xgboost adapter refuses the batch, the callable's
    # pd.to_numeric raises; both are the model failing that case.
    text_cases = [n for n in cases_b if cases_b[n]["mode"] == "string"]
    assert text_cases
    for name in text_cases:
        assert cases_b[name]["status"] == "failed", name
        failure = cases_b[name]["answer"]["failure"]
        assert failure["kind"] == "crash", name
        assert failure["detail"].startswith("the callable raised ValueError: "), failure
    table = from_callable.to_pandas()
    assert table.loc[nulls[0], "status"] == cases_b[nulls[0]]["status"]
    assert from_callable._repr_html_().startswith("<!DOCTYPE html>")
    assert "<testsuite" in from_callable.to_junit()


def test_a_callable_that_raises_is_a_failed_case_not_a_crash(frames):
    _, current = frames
    calls = []

    def broken(frame):
        calls.append(len(frame))
        raise RuntimeError("model server is down")

    # Every request fails, the baseline included: the report says so.
    report = airm.chaos(broken, current, target="Status", **FAST)
    doc = report.to_dict()
    assert calls, "the callable was never called"
    assert doc["summary"]["failed"] > 0
    details = {c["answer"]["failure"]["detail"] for c in doc["cases"] if c["answer"]["failure"]}
    # The exception's type and message, without its traceback.
    assert details == {"the callable raised RuntimeError: model server is down"}, details
    assert report.passed("failed") is False
    with pytest.raises(airm.GateFailed, match="summary.failed>0"):
        report.check("failed")


def test_wrong_count_and_text_answers_are_failures(frames):
    _, current = frames
    short = airm.chaos(lambda frame: np.zeros(max(len(frame) - 1, 0)), current, target="Status",
                       **FAST).to_dict()
    failures = {c["answer"]["failure"]["kind"] for c in short["cases"] if c["answer"]["failure"]}
    assert "wrong_count" in failures
    text = airm.chaos(lambda frame: ["high"] * len(frame), current, target="Status",
                      **FAST).to_dict()
    failures = {c["answer"]["failure"]["kind"] for c in text["cases"] if c["answer"]["failure"]}
    assert failures == {"malformed"}, failures


def test_numpy_input_gives_a_2d_float_array(frames):
    _, current = frames
    numeric = current[["Status", "Seniority", "Income", "Amount"]]
    seen = []

    def score(matrix):
        seen.append((type(matrix), matrix.dtype, matrix.ndim, matrix.shape[1]))
        return 1.0 / (1.0 + np.exp(-np.clip(np.nan_to_num(matrix[:, 0]), -50, 50) / 10.0))

    report = airm.chaos(score, numeric, target="Status", input="numpy", **FAST)
    assert (np.ndarray, np.dtype(np.float64), 2, 3) in seen
    # Text sent into a number is refused before the call, as the xgboost adapter does.
    refused = [c["answer"]["failure"] for c in report.to_dict()["cases"]
               if (c["answer"]["failure"] or {}).get("kind") == "rejected_input"]
    assert refused and "numpy input takes numbers" in refused[0]["detail"], refused


def test_bad_inputs_raise_value_error_with_airms_message(credit, frames, tmp_path):
    _, current = frames
    with pytest.raises(ValueError, match="neither a model spec"):
        airm.chaos(tmp_path / "missing.json", current, target="Status")
    with pytest.raises(ValueError, match="nope"):
        airm.chaos(lambda f: np.zeros(len(f)), current, target="nope")
    with pytest.raises(ValueError, match="input: expected pandas or numpy"):
        airm.chaos(lambda f: np.zeros(len(f)), current, target="Status", input="arrow")
    with pytest.raises(ValueError, match="not a profile"):
        airm.chaos(lambda f: np.zeros(len(f)), airm.profile(current), target="Status")
    with pytest.raises(ValueError, match="batch_rows"):
        airm.chaos(lambda f: np.zeros(len(f)), current, target="Status", batch_rows=0)
