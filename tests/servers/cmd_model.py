#!/usr/bin/python3
"""A cmd: model for airm's tests: CSV on stdin, one score per line on stdout.

    /usr/bin/python3 tests/servers/cmd_model.py --model M.json --meta META.json [flags]

Reads a header line and rows (Python's csv module; an empty field is missing),
encodes them by tests/servers/model_encoding.py and scores them with
python3-xgboost. Scores are written with repr() (round-trip exact).

Flags that make it misbehave, each exactly as described:
  --crash-on-null  a missing value anywhere: "null in row R" on stderr, exit 3
                   (before writing anything)
  --garbage        the first score line is "not-a-number" instead
  --wrong-count    one extra score line ("0.5") at the end
  --exit N         write the scores, then exit with status N
  --hang           read stdin, then sleep for an hour without writing
A string that is not a number in a numeric feature: message on stderr, exit 2.
"""
import argparse
import csv
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model_encoding import EncodeError, Model, is_missing  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--meta", required=True)
    parser.add_argument("--crash-on-null", action="store_true")
    parser.add_argument("--garbage", action="store_true")
    parser.add_argument("--wrong-count", action="store_true")
    parser.add_argument("--exit", type=int, default=0)
    parser.add_argument("--hang", action="store_true")
    args = parser.parse_args()

    reader = csv.reader(sys.stdin)
    columns = next(reader, [])
    rows = [[None if field == "" else field for field in row] for row in reader]
    if args.hang:
        time.sleep(3600)
    if args.crash_on_null:
        for row_idx, row in enumerate(rows):
            if any(is_missing(value) for value in row):
                sys.stderr.write(f"null in row {row_idx}\n")
                sys.exit(3)
    model = Model(args.model, args.meta)
    try:
        scores = model.score(columns, rows)
    except EncodeError as error:
        sys.stderr.write(f"cannot encode the input: {error}\n")
        sys.exit(2)
    lines = [repr(score) for score in scores]
    if args.garbage and lines:
        lines[0] = "not-a-number"
    if args.wrong_count:
        lines.append("0.5")
    sys.stdout.write("".join(line + "\n" for line in lines))
    sys.stdout.flush()
    sys.exit(args.exit)


if __name__ == "__main__":
    main()
