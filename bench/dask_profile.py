#!/usr/bin/env python3
"""airm.dask.profile on a distributed.LocalCluster with 1 and 2 worker
processes, plus the two costs the scaling model of docs/python.md is built
from: profiling one partition, and merging two partition profiles.

Usage: PYTHONPATH=build/release/python /usr/bin/python3 bench/dask_profile.py \
           [--rows 2000000] [--partitions 16] [--repeats 3]
Prints one JSON object. Synthetic data, seeded: 6 float columns, 2 int
columns, 2 text columns of 20 and 2000 values.
"""

import argparse
import json
import os
import statistics
import time

import numpy as np
import pandas as pd


def frame(rows, seed=7):
    rng = np.random.default_rng(seed)
    data = {f"f{i}": rng.normal(i, 1 + i, rows) for i in range(6)}
    data["i0"] = rng.integers(0, 1000, rows)
    data["i1"] = rng.poisson(3, rows)
    data["c20"] = np.array([f"c{i}" for i in range(20)], dtype=object)[rng.integers(0, 20, rows)]
    data["c2000"] = np.array([f"v{i}" for i in range(2000)], dtype=object)[
        rng.integers(0, 2000, rows)]
    return pd.DataFrame(data)


def median_seconds(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--partitions", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import airm
    import airm.dask

    df = frame(args.rows)
    ddf = dd.from_pandas(df, npartitions=args.partitions).persist()
    part = ddf.partitions[0].compute()
    result = {"rows": args.rows, "partitions": args.partitions, "columns": df.shape[1],
              "load_average_1m": os.getloadavg()[0]}
    result["partition_profile_s"] = median_seconds(
        lambda: airm.profile(part, stream=True), args.repeats)
    a = airm.profile(part, stream=True)
    b = airm.profile(ddf.partitions[1].compute(), stream=True)
    result["merge_two_profiles_s"] = median_seconds(lambda: a.merge(b), args.repeats)
    result["profile_bytes"] = len(a.to_bytes())
    result["single_process_stream_s"] = median_seconds(
        lambda: airm.profile(df, stream=True), args.repeats)
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=40) as cluster, \
                Client(cluster) as client:
            local = client.persist(ddf)
            airm.dask.profile(local)  # warm the workers' imports
            result[f"dask_{workers}_workers_s"] = median_seconds(
                lambda: airm.dask.profile(local), args.repeats)
    result["load_average_1m_after"] = os.getloadavg()[0]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
