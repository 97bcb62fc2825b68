"""DataFrames, numpy arrays and dicts of columns to airm's columnar table.

Every conversion here is vectorised (numpy / pandas calls on whole columns);
the C++ side copies each numeric buffer in one pass and dictionary-encodes
text by the readers' rule, so a DataFrame and the CSV file it came from give
the same column types. Missing values: NaN, None, NaT and pandas' NA.
"""

from __future__ import annotations

import numpy as np

from . import _airm

try:  # pandas is optional: numpy structured arrays and dicts work without it
    import pandas as pd
except ImportError:  # pragma: no cover - Debian's python3-pandas is a dependency
    pd = None

DATAFRAME_NAME = "<DataFrame>"


def _bad_dtype(name, dtype):
    return ValueError(
        f"column '{name}': dtype {dtype} is not supported "
        "(expected numbers, bools, text, categories or datetimes)")


def _numpy_column(name, values, missing=None):
    """One column as (name, kind, values, missing) for _airm.Table."""
    kind = values.dtype.kind
    if kind == "f":
        return (name, "float64", np.ascontiguousarray(values, dtype=np.float64), missing)
    if kind == "b":
        return (name, "bool", np.ascontiguousarray(values, dtype=np.uint8), missing)
    if kind == "i":
        return (name, "int64", np.ascontiguousarray(values, dtype=np.int64), missing)
    if kind == "u":
        if values.dtype.itemsize >= 8 and values.size and values.max() > np.iinfo(np.int64).max:
            raise ValueError(f"column '{name}': unsigned values above 2^63-1 do not fit int64")
        return (name, "int64", np.ascontiguousarray(values, dtype=np.int64), missing)
    if kind == "M":
        nat = np.isnat(values)
        micros = values.astype("datetime64[us]").astype(np.int64)
        mask = nat if missing is None else (nat | missing)
        return (name, "timestamp", np.ascontiguousarray(micros), mask)
    if kind in ("O", "U", "S"):
        if kind != "O":
            values = values.astype(object)
        return (name, "text", np.ascontiguousarray(values, dtype=object), missing)
    raise _bad_dtype(name, values.dtype)


def _series_column(name, s):
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy()
        categories = np.asarray(s.cat.categories.astype(str), dtype=object)
        text = categories[np.where(codes < 0, 0, codes)] if len(categories) else \
            np.full(len(s), None, dtype=object)
        text = np.where(codes < 0, None, text).astype(object)
        return (name, "text", text, None)
    if isinstance(dtype, pd.DatetimeTZDtype):
        return _numpy_column(name, s.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy())
    if pd.api.types.is_extension_array_dtype(dtype):
        missing = s.isna().to_numpy()
        if pd.api.types.is_bool_dtype(dtype):
            return _numpy_column(name, s.to_numpy(dtype=bool, na_value=False), missing)
        if pd.api.types.is_integer_dtype(dtype):
            return _numpy_column(name, s.to_numpy(dtype=np.int64, na_value=0), missing)
        if pd.api.types.is_float_dtype(dtype):
            return _numpy_column(name, s.to_numpy(dtype=np.float64, na_value=np.nan), missing)
        if pd.api.types.is_string_dtype(dtype):
            return (name, "text", s.to_numpy(dtype=object, na_value=None), None)
        raise _bad_dtype(name, dtype)
    return _numpy_column(name, s.to_numpy())


def to_table(data, name=DATAFRAME_NAME):
    """An _airm.Table from a pandas DataFrame, a numpy structured array or a
    dict of equal-length 1-d arrays. ValueError for anything else, for empty
    input and for unsupported column types."""
    columns = []
    if pd is not None and isinstance(data, pd.DataFrame):
        names = [str(c) for c in data.columns]
        if len(set(names)) != len(names):
            raise ValueError("duplicate column names in the DataFrame")
        for label, column_name in zip(data.columns, names):
            columns.append(_series_column(column_name, data[label]))
    elif isinstance(data, np.ndarray) and data.dtype.names:
        for field in data.dtype.names:
            columns.append(_numpy_column(field, np.asarray(data[field])))
    elif isinstance(data, dict):
        for key, values in data.items():
            values = np.asarray(values)
            if values.ndim != 1:
                raise ValueError(f"column '{key}': expected a 1-d array")
            columns.append(_numpy_column(str(key), values))
    else:
        raise ValueError(
            f"expected a pandas DataFrame, a numpy structured array, a dict of arrays, "
            f"a file path or an airm Profile, got {type(data).__name__}")
    if not columns:
        raise ValueError(f"{name}: has no columns")
    table = _airm.Table(name, columns)
    if table.num_rows == 0:
        raise ValueError(f"{name}: has no rows")
    return table


def as_input(data, name=DATAFRAME_NAME):
    """What the engine takes for one input: a path (str / os.PathLike), an
    airm Profile, or a table converted from in-memory data."""
    import os

    from ._results import Profile

    if data is None:
        return None
    if isinstance(data, (str, os.PathLike)):
        return os.fspath(data)
    if isinstance(data, Profile):
        return data._native
    return to_table(data, name)
