"""The credit-model encoding and scoring shared by the test model servers.

Encodes rows by the rule of a `_meta.json` file (same rule as airm's in-process
xgboost: adapter, docs/chaos-adapters.md):
  numeric feature column: float; None, NaN and "" are missing (NaN); a string
    is parsed with float() after stripping spaces, and one that is not a
    number raises EncodeError;
  categorical column c: one-hot "c=level" dummies; a known level sets its
    dummy to 1 and the others to 0; missing (None, NaN, "") sets all to NaN;
    an unseen level sets all to 0; a number is compared as its shortest text
    (3.0 -> "3");
  a column absent from the request leaves all its model features NaN.
Scores with python3-xgboost (Debian's 1.7.4), under a lock. Input XGBoost
itself refuses (±Inf: "Input data contains `inf`") raises EncodeError too.
"""
import json
import math
import sys
import threading

# xgboost imports scikit-learn and pandas for its wrappers when they are
# installed, which doubles the start-up time of every test server. Scoring a
# Booster needs neither, so their import is made to fail (xgboost expects it
# may) unless the process already loaded them.
for _unused in ("sklearn", "pandas"):
    sys.modules.setdefault(_unused, None)

import numpy as np  # noqa: E402
import xgboost as xgb  # noqa: E402


class EncodeError(Exception):
    """The request cannot be encoded (a non-number in a numeric feature...)."""


def is_missing(value):
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def category_text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def as_number(value, column):
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            raise EncodeError(f"column '{column}': '{value[:60]}' is not a number") from None
    if isinstance(value, (int, float)):
        return float(value)
    raise EncodeError(f"column '{column}': {type(value).__name__} is not a number")


class Model:
    def __init__(self, model_path, meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
        self.feature_names = meta["model_feature_names"]
        levels = meta.get("categorical_levels", {})
        self.categorical = set(levels)
        self.plan = []  # (column, level or None) per model feature
        for name in self.feature_names:
            column, _, level = name.partition("=")
            if column in levels and level in levels[column]:
                self.plan.append((column, level))
            else:
                self.plan.append((name, None))
        self.numeric_columns = {column for column, level in self.plan if level is None}
        self.booster = xgb.Booster()
        self.booster.load_model(model_path)
        self.lock = threading.Lock()

    def is_bad_number(self, column, value):
        """A value a numeric feature cannot take (a string that is no number)."""
        if column not in self.numeric_columns or is_missing(value):
            return False
        try:
            as_number(value, column)
            return False
        except EncodeError:
            return True

    def encode(self, columns, rows):
        index = {}
        for position, column in enumerate(columns):
            index.setdefault(column, position)
        matrix = np.full((len(rows), len(self.plan)), np.nan, dtype=np.float64)
        for row_idx, row in enumerate(rows):
            if len(row) != len(columns):
                raise EncodeError(f"row {row_idx} has {len(row)} values for {len(columns)} columns")
            for position, (column, level) in enumerate(self.plan):
                if column not in index:
                    continue
                value = row[index[column]]
                if is_missing(value):
                    continue
                if level is None:
                    matrix[row_idx, position] = as_number(value, column)
                else:
                    matrix[row_idx, position] = 1.0 if category_text(value) == level else 0.0
        return matrix

    def score(self, columns, rows):
        matrix = self.encode(columns, rows)
        if len(rows) == 0:
            return []
        try:
            dmatrix = xgb.DMatrix(matrix, missing=np.nan, feature_names=self.feature_names)
            with self.lock:
                return [float(p) for p in self.booster.predict(dmatrix)]
        except xgb.core.XGBoostError as error:  # e.g. "Input data contains `inf`"
            first_line = str(error).splitlines()[0] if str(error) else "error"
            raise EncodeError(f"xgboost refused the input: {first_line}") from None
