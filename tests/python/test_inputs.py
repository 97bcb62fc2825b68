"""What the package takes: DataFrames of every supported dtype, numpy
structured arrays, dicts of arrays, paths; and bad input raising ValueError
with airm's message."""

import numpy as np
import pandas as pd
import pytest

import airm
from airm import _airm, _frames


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


def _no_cli_flag(error):
    """Python's messages name keyword arguments, never the CLI's --flags."""
    assert "--" not in str(error.value), str(error.value)


def test_missing_column_names_it():
    frame = pd.DataFrame({"x": [1.0, 2.0] * 20, "y": [0, 1] * 20})
    with pytest.raises(ValueError, match="^target names column 'nope'") as e:
        airm.drift(frame, frame, target="nope")
    _no_cli_flag(e)
    with pytest.raises(ValueError, match="^<DataFrame>: target names column 'nope', which the data") as e:
        airm.evaluate(frame, target="nope", score="x")
    _no_cli_flag(e)
    with pytest.raises(ValueError, match="^columns names column 'z', which the reference") as e:
        airm.drift(frame, frame, columns=["z"])
    _no_cli_flag(e)
    with pytest.raises(ValueError, match="sensitive names column 'g'") as e:
        airm.evaluate(frame, target="y", score="x", sensitive="g")
    _no_cli_flag(e)


def test_messages_name_python_arguments_not_cli_flags():
    frame = pd.DataFrame({"x": [0.2, 0.7] * 20, "y": [0, 1] * 20, "t": ["a", "b"] * 20})
    cases = [
        (lambda: airm.evaluate(frame, target="y", score="t"),
         "^<DataFrame>: score column 't' is not numeric"),
        (lambda: airm.evaluate(frame, target="y"),
         "evaluation needs score, prediction or proba_prefix besides target$"),
        (lambda: airm.evaluate(frame, target="y", score="x", segment_bins=1),
         r"segment_bins must be in \[2, 100\]"),
        (lambda: airm.drift(frame, frame, alpha=2), r"^alpha must be in \(0, 1\)"),
        (lambda: airm.drift(frame, frame).passed("metrics.x >"), "^gate: "),
        (lambda: airm.chaos(lambda df: df["x"], frame, target="y", batch_rows=0),
         r"^batch_rows: expected at least 1, got 0$"),
    ]
    for call, message in cases:
        with pytest.raises(ValueError, match=message) as e:
            call()
        _no_cli_flag(e)


def test_the_cli_still_names_its_flags(cli, credit):
    code, _, err = cli("evaluate", "--data", credit / "current.csv", "--target", "Status", "--score",
                       "Home")
    assert code == 2 and "--score column 'Home' is not numeric" in err, err


def _address(array):
    return array.__array_interface__["data"][0]


def test_float64_and_int64_columns_are_borrowed_not_copied():
    n = 100_000
    frame = pd.DataFrame({"f": np.linspace(0, 1, n), "i": np.arange(n, dtype=np.int64),
                          "i32": np.arange(n, dtype=np.int32)})
    table = _frames.to_table(frame)
    assert table._values_address(0) == _address(frame["f"].to_numpy())
    assert table._values_address(1) == _address(frame["i"].to_numpy())
    # int32 is widened: numpy converts once, the converted buffer is borrowed.
    assert table._values_address(2) != _address(frame["i32"].to_numpy())


def test_csv_frames_are_borrowed(frames):
    # pandas.read_csv's frames: the ones test_reports checks against the CLI's
    # JSON byte for byte, so the borrowed path is the one checked there.
    _, current = frames
    table = _frames.to_table(current)
    numeric = [i for i, (_, kind) in enumerate(table.columns) if kind in ("float64", "int64")]
    assert numeric
    for index in numeric:
        column = current[current.columns[index]].to_numpy()
        assert table._values_address(index) == _address(column), current.columns[index]


def test_a_strided_column_is_converted_once():
    block = np.arange(20.0).reshape(10, 2)  # columns are strided views of one block
    frame = pd.DataFrame(block, columns=["a", "b"])
    a = frame["a"].to_numpy()
    assert not a.flags["C_CONTIGUOUS"]
    table = _frames.to_table(frame)
    assert table._values_address(0) != _address(a)
    assert airm.profile(frame).to_dict()["columns"][0]["mean"] == 9.0


def test_borrowed_buffers_outlive_the_frame():
    values = np.random.default_rng(7).normal(size=5000)
    table = _frames.to_table({"x": values})
    expected = airm.profile({"x": values.copy()}).to_dict()["columns"][0]["mean"]
    address = _address(values)
    del values  # the table keeps the array alive
    import gc

    gc.collect()
    assert table._values_address(0) == address
    assert airm.Profile(_airm.profile(table)).to_dict()["columns"][0]["mean"] == expected


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
