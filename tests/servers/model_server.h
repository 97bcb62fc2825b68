// Test helpers: real model servers on loopback and the credit model's data.
//
// ModelServer::Start runs tests/servers/mlflow_server.py (Debian's
// /usr/bin/python3 + python3-xgboost) as a child process in its own process
// group, on a port the OS picks (read back from a port file, so parallel
// tests never collide), and returns once GET /ping answers 200. The
// destructor kills the whole process group and reaps it. The server speaks
// the MLflow scoring protocol on url() and KServe v2 on kserve_spec(); its
// modes (normal, fragile, slow, malformed, error500, wrongcount, hang) are
// documented at the top of mlflow_server.py.
//
// Test-only code (library airm_test_servers, built with the tests).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "airm/chaos/model_adapter.h"
#include "airm/status.h"

namespace airm::testing {

struct ModelServerOptions {
  std::string mode = "normal";    // see mlflow_server.py
  std::string model;              // empty: examples/credit/model.json
  std::string meta;               // empty: examples/credit/model_meta.json
  double delay_seconds = 0.5;     // mode "slow"
  std::string output = "number";  // "number", "object" ({"label", "probability"}) or "pairs"
  double start_timeout_seconds = 60;
};

class ModelServer {
 public:
  // Unavailable (with the tail of the server's log) when it does not come up.
  static Result<ModelServer> Start(const ModelServerOptions& options = {});

  ModelServer(ModelServer&& other) noexcept;
  ModelServer& operator=(ModelServer&& other) noexcept;
  ModelServer(const ModelServer&) = delete;
  ModelServer& operator=(const ModelServer&) = delete;
  ~ModelServer();

  int port() const { return port_; }
  std::string url() const;          // "http://127.0.0.1:PORT/invocations"
  std::string kserve_spec() const;  // "kserve://127.0.0.1:PORT/credit"

  // False once the server process has exited (a fragile server that met a
  // null); reaps it.
  bool IsRunning();
  // Rows of every scoring request the server received, in arrival order
  // (GET /stats). Unavailable when the server does not answer.
  Result<std::vector<int>> BatchRows() const;

 private:
  ModelServer() = default;
  void Stop();

  pid_t pid_ = -1;
  int port_ = 0;
  std::string work_dir_;  // holds the port file and the server's log
};

// Absolute path of a file in the source tree ("examples/credit/model.json").
std::string SourcePath(const std::string& relative);
std::string CreditModelPath();
std::string CreditMetaPath();
// "xgboost:<credit model>:<credit meta>"
std::string XgboostSpec();
// "cmd:/usr/bin/python3 <tests/servers/cmd_model.py> --model ... --meta ... FLAGS"
std::string CmdModelSpec(const std::string& flags = "");

// A CSV file as a Batch: every column, or only `columns` in that order
// (InvalidArgument when one is missing). Numbers become doubles, text
// strings, nulls monostate.
Result<chaos::Batch> LoadCsvBatch(const std::string& path,
                                  const std::vector<std::string>& columns = {});
// The 13 feature columns of examples/credit/current.csv (1068 rows).
Result<chaos::Batch> LoadCreditBatch();
// Reads a "row,score" CSV (tests/fixtures/chaos/xgboost_scores.csv).
Result<std::vector<double>> LoadScores(const std::string& path);

}  // namespace airm::testing
