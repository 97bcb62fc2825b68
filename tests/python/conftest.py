"""Shared fixtures of the Python package's tests: the bundled example, the
airm binary of the same build (for JSON agreement), and one Dask
LocalCluster per session (starting one takes seconds)."""

import json
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CREDIT = pathlib.Path(os.environ.get("AIRM_EXAMPLES", ROOT / "examples")) / "credit"

# Run metadata: the only lines of a document that differ between the CLI and
# Python for the same input (when it was generated, and the command).
_META = re.compile(r'^  "(generated_at|command)": .*$', re.MULTILINE)


def without_meta(document: str) -> str:
    return _META.sub("", document)


@pytest.fixture(scope="session")
def credit():
    return CREDIT


@pytest.fixture(scope="session")
def frames():
    import pandas as pd

    return pd.read_csv(CREDIT / "reference.csv"), pd.read_csv(CREDIT / "current.csv")


@pytest.fixture(scope="session")
def cli():
    """Runs the airm binary; returns (exit code, stdout, stderr)."""
    binary = os.environ.get("AIRM_CLI", str(ROOT / "build/release/apps/cli/airm"))
    assert os.access(binary, os.X_OK), f"no airm binary at {binary} (set AIRM_CLI)"

    def run(*args):
        done = subprocess.run([binary, *map(str, args)], capture_output=True, text=True,
                              timeout=120)
        return done.returncode, done.stdout, done.stderr

    return run


@pytest.fixture(scope="session")
def client():
    """A distributed.Client on a LocalCluster of two worker processes."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def load(document: str) -> dict:
    return json.loads(document)
