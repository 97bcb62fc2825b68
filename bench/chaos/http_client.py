#!/usr/bin/python3
"""The model server's own throughput: a plain Python client, no airm.

    /usr/bin/python3 bench/chaos/http_client.py --url http://127.0.0.1:PORT/invocations \
        --data chaos_data.csv --exclude default --batch-size 100 --passes 3 --json OUT.json

Sends the data's feature columns in requests of --batch-size rows (MLflow
dataframe_split; an empty CSV field is JSON null, numbers are numbers, as
airm sends them), one after another over one keep-alive connection
(http.client), --passes times over the data, after one warm-up request.
Every answer is parsed and its prediction count checked. Writes
{"requests", "rows", "seconds", "requests_per_second", "rows_per_second"}.
"""
import argparse
import csv
import http.client
import json
import time
import urllib.parse


def cell(text):
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--json", required=True)
    args = parser.parse_args()

    with open(args.data, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        keep = [i for i, name in enumerate(header) if name not in args.exclude]
        columns = [header[i] for i in keep]
        rows = [[cell(row[i]) for i in keep] for row in reader]
    bodies = []
    for start in range(0, len(rows), args.batch_size):
        chunk = rows[start:start + args.batch_size]
        bodies.append((len(chunk), json.dumps(
            {"dataframe_split": {"columns": columns, "data": chunk}}).encode()))

    url = urllib.parse.urlsplit(args.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"Content-Type": "application/json"}

    def post(count, body):
        connection.request("POST", url.path, body=body, headers=headers)
        response = connection.getresponse()
        answer = json.loads(response.read())
        if response.status != 200 or len(answer["predictions"]) != count:
            raise SystemExit(f"bad answer: HTTP {response.status}")

    post(*bodies[0])  # warm-up: connection, first-request costs
    sent_rows = 0
    start = time.perf_counter()
    for _ in range(args.passes):
        for count, body in bodies:
            post(count, body)
            sent_rows += count
    seconds = time.perf_counter() - start
    requests = args.passes * len(bodies)
    result = {"requests": requests, "rows": sent_rows, "seconds": seconds,
              "requests_per_second": requests / seconds, "rows_per_second": sent_rows / seconds}
    with open(args.json, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
