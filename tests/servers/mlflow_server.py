#!/usr/bin/python3
"""A real model server for airm's tests: MLflow scoring protocol and KServe v2.

    /usr/bin/python3 tests/servers/mlflow_server.py --model M.json --meta META.json
        [--port 0] [--port-file F] [--mode MODE] [--delay S] [--output FORMAT]
        [--kserve-name NAME]

Binds 127.0.0.1 only. With --port 0 the OS picks a free port; the port is
written to --port-file (atomically: written to F.tmp, then renamed) and
"listening PORT" is printed on stdout. HTTP/1.1 with keep-alive, one thread
per connection (ThreadingHTTPServer).

Endpoints:
  GET  /ping, /health, /v2/health/ready, /v2/health/live   200 {"status": "ok"}
  GET  /stats   200 {"requests": N, "batch_rows": [rows of each scoring request]}
  POST /invocations   MLflow: {"dataframe_split": {"columns": [...], "data": [[...]]}}
                      (NaN / Infinity tokens accepted) -> {"predictions": [...]}
  POST /v2/models/NAME/infer   KServe v2: {"inputs": [{"name", "shape", "datatype",
                      "data"}, ...]}, one tensor per column (BYTES "" is missing)
                      -> {"model_name": NAME, "outputs": [{"name": "predict",
                      "shape": [n], "datatype": "FP64", "data": [...]}]}
                      A NAME other than --kserve-name (default "credit") -> 404.
A request body that is not JSON or not the protocol's shape -> 400. Rows are
encoded by model_encoding.py and scored by python3-xgboost. Every scoring POST
counts in /stats, whatever happens to it next.

--output number (default): each prediction is the probability p.
         object: {"label": "bad" or "good", "probability": p} (KServe: as number).
         pairs:  [1 - p, p] (KServe: shape [n, 2]).

Modes (the tests assert the exact client outcome of each):
  normal      score; a string that is not a number in a numeric feature, or
              input XGBoost refuses (±Inf) -> 400 {"error_code": "BAD_REQUEST"}
  slow        sleep --delay seconds (default 0.5), then as normal
  error500    500 {"error_code": "INTERNAL_ERROR", "message": "..."}
  malformed   200 with a truncated JSON body ('{"predictions": [0.5, ' or
              '{"outputs": [{"name": "predict", "shape": [')
  wrongcount  200 with one prediction more than rows sent (n + 1)
  hang        never answers a scoring request (sleeps an hour); GETs still work
  fragile, checked in this order:
    1. any value that is null (None) or NaN -> the whole server process exits
       at once (os._exit(3)) without answering: the client sees the connection
       close, later clients see connection refused
    2. more than 2 scoring requests in flight (this one included) -> sleep
       0.2 s first, then go on (slow under load, answers stay correct)
    3. a batch of exactly one row, or a string that is not a number in a
       numeric feature -> 200 with the truncated JSON body of "malformed"
    4. otherwise as normal
"""
import argparse
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model_encoding import EncodeError, Model  # noqa: E402

MALFORMED = {"mlflow": '{"predictions": [0.5, ',
             "kserve": '{"outputs": [{"name": "predict", "shape": ['}
KSERVE_INFER = re.compile(r"^/v2/models/([^/]+)/infer$")


class BadRequest(Exception):
    pass


class State:
    def __init__(self, args, model):
        self.args = args
        self.model = model
        self.lock = threading.Lock()
        self.in_flight = 0
        self.requests = 0
        self.batch_rows = []


def mlflow_rows(payload):
    split = payload.get("dataframe_split") if isinstance(payload, dict) else None
    if not isinstance(split, dict) or not isinstance(split.get("columns"), list) \
            or not isinstance(split.get("data"), list):
        raise BadRequest('expected {"dataframe_split": {"columns": [...], "data": [[...]]}}')
    if not all(isinstance(row, list) for row in split["data"]):
        raise BadRequest("dataframe_split.data must be a list of rows")
    return split["columns"], split["data"]


def kserve_rows(payload):
    inputs = payload.get("inputs") if isinstance(payload, dict) else None
    if not isinstance(inputs, list):
        raise BadRequest('expected {"inputs": [...]}')
    columns, tensors = [], []
    for tensor in inputs:
        if not isinstance(tensor, dict) or not isinstance(tensor.get("data"), list) \
                or not isinstance(tensor.get("name"), str):
            raise BadRequest("each input needs a name and a data list")
        columns.append(tensor["name"])
        tensors.append(tensor["data"])
    if len({len(data) for data in tensors}) > 1:
        raise BadRequest("input tensors have different lengths")
    return columns, [list(row) for row in zip(*tensors)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set in main()

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        state = self.state
        if self.path in ("/ping", "/health", "/v2/health/ready", "/v2/health/live"):
            self.reply(200, '{"status": "ok"}')
        elif self.path == "/stats":
            with state.lock:
                self.reply(200, json.dumps({"requests": state.requests,
                                            "batch_rows": state.batch_rows}))
        else:
            self.reply(404, '{"error": "not found"}')

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        match = KSERVE_INFER.match(self.path)
        if self.path == "/invocations":
            protocol = "mlflow"
        elif match and match.group(1) == self.state.args.kserve_name:
            protocol = "kserve"
        else:
            self.reply(404, json.dumps({"error": f"no model at {self.path}"}))
            return
        state = self.state
        with state.lock:
            state.in_flight += 1
        try:
            self.score(protocol, body)
        finally:
            with state.lock:
                state.in_flight -= 1

    def score(self, protocol, body):
        state, args = self.state, self.state.args
        try:
            payload = json.loads(body)
            columns, rows = mlflow_rows(payload) if protocol == "mlflow" else kserve_rows(payload)
        except (ValueError, BadRequest) as error:
            self.reply(400, json.dumps({"error_code": "BAD_REQUEST", "message": str(error)}))
            return
        with state.lock:
            state.requests += 1
            state.batch_rows.append(len(rows))
            in_flight = state.in_flight

        if args.mode == "hang":
            time.sleep(3600)
            return
        if args.mode == "error500":
            self.reply(500, json.dumps({"error_code": "INTERNAL_ERROR",
                                        "message": "model error (error500 mode)"}))
            return
        if args.mode == "malformed":
            self.reply(200, MALFORMED[protocol])
            return
        if args.mode == "slow":
            time.sleep(args.delay)
        if args.mode == "fragile":
            if any(value is None or (isinstance(value, float) and value != value)
                   for row in rows for value in row):
                os._exit(3)
            if in_flight > 2:
                time.sleep(0.2)
            if len(rows) == 1 or any(state.model.is_bad_number(column, value)
                                     for row in rows for column, value in zip(columns, row)):
                self.reply(200, MALFORMED[protocol])
                return

        try:
            scores = state.model.score(columns, rows)
        except EncodeError as error:
            self.reply(400, json.dumps({"error_code": "BAD_REQUEST", "message": str(error)}))
            return
        if args.mode == "wrongcount":
            scores.append(0.5)
        self.reply(200, self.format(protocol, scores))

    def format(self, protocol, scores):
        output = self.state.args.output
        if protocol == "kserve":
            if output == "pairs":
                data = [v for p in scores for v in (1.0 - p, p)]
                shape = [len(scores), 2]
            else:
                data, shape = scores, [len(scores)]
            return json.dumps({"model_name": self.state.args.kserve_name, "outputs": [
                {"name": "predict", "shape": shape, "datatype": "FP64", "data": data}]})
        if output == "object":
            predictions = [{"label": "bad" if p >= 0.5 else "good", "probability": p}
                           for p in scores]
        elif output == "pairs":
            predictions = [[1.0 - p, p] for p in scores]
        else:
            predictions = scores
        return json.dumps({"predictions": predictions})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--meta", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--mode", default="normal",
                        choices=["normal", "fragile", "slow", "malformed", "error500",
                                 "wrongcount", "hang"])
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--output", default="number", choices=["number", "object", "pairs"])
    parser.add_argument("--kserve-name", default="credit")
    args = parser.parse_args()

    Handler.state = State(args, Model(args.model, args.meta))
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(f"{port}\n")
        os.replace(args.port_file + ".tmp", args.port_file)
    print(f"listening {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
