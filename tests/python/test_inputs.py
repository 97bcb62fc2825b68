"""What the package takes: DataFrames of every supported dtype, numpy
structured arrays, dicts of arrays, paths; and bad input raising ValueError
with airm's message."""

import numpy as np
import pandas as pd
import pytest

import airm
from airm import _frames


def test_dtypes_become_airm_column_types():
    frame = pd.DataFrame({
        "f": [1.5, np.nan, 2.5],
        "i": np.array([1, 2, 3], dtype=np.int32),
        "u": np.array([1, 2, 3], dtype=np.uint16),
        "b": [True, False, True],
        "s": ["a", None, "b"],
        "c": pd.Categorical(["x", "y", None]),
        "t": pd.to_datetime(["2024-01-01", None, "2024-01-03"]),
        "tz": pd.to_datetime(["2024-01-01T01:00:00+01:00"] * 3),
        "ni": pd.array([1, None, 3], dtype="Int64"),
        "nb": pd.array([True, None, False], dtype="boolean"),
    })
    table = _frames.to_table(frame)
    assert table.columns == [("f", "float64"), ("i", "int64"), ("u", "int64"), ("b", "bool"),
                             ("s", "categorical"), ("c", "categorical"), ("t", "timestamp"),
                             ("tz", "timestamp"), ("ni", "int64"), ("nb", "bool")]
    p = airm.profile(frame).to_dict()
    by_name = {c["name"]: c for c in p["columns"]}
    assert by_name["f"]["null_count"] == 1 and by_name["f"]["mean"] == 2.0
    assert by_name["s"]["null_count"] == 1
    assert by_name["c"]["null_count"] == 1
    assert by_name["t"]["null_count"] == 1
    assert by_name["ni"]["null_count"] == 1 and by_name["ni"]["mean"] == 2.0
    assert by_name["nb"]["null_count"] == 1
    # Both timestamps are midnight 2024-01-01 UTC (the zone converted).
    assert by_name["tz"]["min"] == by_name["t"]["min"] == 1704067200.0


def test_infinities_are_values_and_nan_is_missing():
    p = airm.profile(pd.DataFrame({"x": [1.0, np.inf, -np.inf, np.nan]})).to_dict()
    column = p["columns"][0]
    assert column["null_count"] == 1
    assert column["pos_inf_count"] == 1 and column["neg_inf_count"] == 1


def test_many_distinct_strings_become_a_string_column():
    n = 3000  # more distinct values than max(1000, rows / 2): the readers' rule
    table = _frames.to_table(pd.DataFrame({"id": [f"id{i}" for i in range(n)]}))
    assert table.columns == [("id", "string")]


def test_structured_arrays_and_dicts():
    arr = np.array([(1, 2.5), (2, 3.5)], dtype=[("a", "i8"), ("b", "f8")])
    p = airm.profile(arr)
    assert p.columns == ["a", "b"] and p.num_rows == 2
    assert airm.profile({"a": [1, 2, 3]}).num_rows == 3


def test_missing_column_names_it():
    frame = pd.DataFrame({"x": [1.0, 2.0] * 20, "y": [0, 1] * 20})
    with pytest.raises(ValueError, match="--target names column 'nope'"):
        airm.drift(frame, frame, target="nope")
    with pytest.raises(ValueError, match="nope"):
        airm.evaluate(frame, target="nope", score="x")


def test_wrong_dtypes_are_value_errors():
    with pytest.raises(ValueError, match="column 'z': dtype complex128 is not supported"):
        airm.profile(pd.DataFrame({"z": [1 + 2j]}))
    with pytest.raises(ValueError, match="column 'm' row 1: expected text .* got int"):
        airm.profile(pd.DataFrame({"m": ["a", 3, "b"]}))
    with pytest.raises(ValueError, match="expected a pandas DataFrame"):
        airm.profile(42)


def test_empty_inputs_are_value_errors():
    with pytest.raises(ValueError, match="has no rows"):
        airm.profile(pd.DataFrame({"x": pd.Series([], dtype=float)}))
    with pytest.raises(ValueError, match="has no columns"):
        airm.profile(pd.DataFrame())


def test_unreadable_files_raise_with_the_path(tmp_path):
    missing = tmp_path / "missing.csv"
    with pytest.raises((ValueError, OSError), match="missing.csv"):
        airm.profile(missing)
    bad = tmp_path / "bad.csv"
    bad.write_text('a,b\n1,"unterminated\n')
    with pytest.raises(ValueError, match="bad.csv"):
        airm.profile(bad)
    corrupt = tmp_path / "corrupt.airmprof"
    corrupt.write_bytes(b"AIRMPROF" + b"\x00" * 8)
    with pytest.raises(ValueError, match="corrupt.airmprof"):
        airm.read_profile(corrupt)


def test_bad_options_are_value_errors(frames):
    reference, current = frames
    with pytest.raises(ValueError, match="correction"):
        airm.drift(reference, current, correction="sometimes")
    with pytest.raises(ValueError, match="task"):
        airm.evaluate(current, target="Status", score="score", task="ranking")
    with pytest.raises(ValueError):
        airm.drift(reference, current).passed("verdict.input_drift.drifted >>> 1")
