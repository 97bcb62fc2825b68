#include "model_server.h"

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <utility>

#include "../support/child_process.h"
#include "airm/reader.h"

namespace airm::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string ReadWholeFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string LogTail(const std::string& log_path) {
  const std::string log = ReadWholeFile(log_path);
  return log.size() > 1500 ? log.substr(log.size() - 1500) : log;
}

std::string DefaultIfEmpty(const std::string& value, const std::string& fallback) {
  return value.empty() ? fallback : value;
}

}  // namespace

std::string SourcePath(const std::string& relative) {
  return std::string(AIRM_TEST_SOURCE_DIR) + "/" + relative;
}
std::string CreditModelPath() { return SourcePath("examples/credit/model.json"); }
std::string CreditMetaPath() { return SourcePath("examples/credit/model_meta.json"); }
std::string XgboostSpec() { return "xgboost:" + CreditModelPath() + ":" + CreditMetaPath(); }
std::string CmdModelSpec(const std::string& flags) {
  return "cmd:/usr/bin/python3 " + SourcePath("tests/servers/cmd_model.py") + " --model " +
         CreditModelPath() + " --meta " + CreditMetaPath() + (flags.empty() ? "" : " " + flags);
}

Result<ModelServer> ModelServer::Start(const ModelServerOptions& options) {
  char dir_template[] = "/tmp/airm_model_server_XXXXXX";
  if (mkdtemp(dir_template) == nullptr) return Status::IoError("mkdtemp failed");
  ModelServer server;
  server.work_dir_ = dir_template;
  const std::string port_file = server.work_dir_ + "/port";
  const std::string log_file = server.work_dir_ + "/server.log";

  std::vector<std::string> args = {
      "/usr/bin/python3", SourcePath("tests/servers/mlflow_server.py"),
      "--model",          DefaultIfEmpty(options.model, CreditModelPath()),
      "--meta",           DefaultIfEmpty(options.meta, CreditMetaPath()),
      "--port",           "0",
      "--port-file",      port_file,
      "--mode",           options.mode,
      "--delay",          std::to_string(options.delay_seconds),
      "--output",         options.output};
  server.pid_ = SpawnInProcessGroup(args, log_file);
  if (server.pid_ <= 0) {
    return Status::Unavailable("cannot start /usr/bin/python3 for mlflow_server.py");
  }

  const Clock::time_point deadline =
      Clock::now() + std::chrono::milliseconds(std::lround(options.start_timeout_seconds * 1000));
  while (server.port_ == 0) {
    if (!server.IsRunning()) {
      return Status::Unavailable("mlflow_server.py exited at start: " + LogTail(log_file));
    }
    if (Clock::now() > deadline) {
      return Status::Unavailable("mlflow_server.py wrote no port file: " + LogTail(log_file));
    }
    std::ifstream port_stream(port_file);
    int port = 0;
    if (port_stream >> port && port > 0) {
      server.port_ = port;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  httplib::Client client("127.0.0.1", server.port_);
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(2, 0);
  while (true) {
    const httplib::Result ping = client.Get("/ping");
    if (ping && ping->status == 200) break;
    if (!server.IsRunning() || Clock::now() > deadline) {
      return Status::Unavailable("mlflow_server.py does not answer /ping: " + LogTail(log_file));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return server;
}

ModelServer::ModelServer(ModelServer&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      port_(other.port_),
      work_dir_(std::exchange(other.work_dir_, "")) {}

ModelServer& ModelServer::operator=(ModelServer&& other) noexcept {
  if (this != &other) {
    Stop();
    pid_ = std::exchange(other.pid_, -1);
    port_ = other.port_;
    work_dir_ = std::exchange(other.work_dir_, "");
  }
  return *this;
}

ModelServer::~ModelServer() { Stop(); }

void ModelServer::Stop() {
  KillChildGroup(&pid_);
  if (!work_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(work_dir_, ignored);
    work_dir_.clear();
  }
}

bool ModelServer::IsRunning() { return ChildIsRunning(&pid_); }

std::string ModelServer::url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/invocations";
}

std::string ModelServer::kserve_spec() const {
  return "kserve://127.0.0.1:" + std::to_string(port_) + "/credit";
}

Result<std::vector<int>> ModelServer::BatchRows() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(5, 0);
  const httplib::Result stats = client.Get("/stats");
  if (!stats || stats->status != 200) return Status::Unavailable("GET /stats failed");
  const nlohmann::json json = nlohmann::json::parse(stats->body, nullptr, false);
  if (json.is_discarded() || !json.contains("batch_rows")) {
    return Status::Unavailable("GET /stats: unexpected body " + stats->body);
  }
  return json["batch_rows"].get<std::vector<int>>();
}

Result<chaos::Batch> LoadCsvBatch(const std::string& path,
                                  const std::vector<std::string>& columns) {
  AIRM_ASSIGN_OR_RETURN(Table table, ReadTable(path));
  std::vector<size_t> picked;
  chaos::Batch batch;
  if (columns.empty()) {
    for (size_t idx = 0; idx < table.num_columns(); ++idx) {
      picked.push_back(idx);
      batch.columns.push_back(table.column(idx).name());
    }
  } else {
    for (const std::string& name : columns) {
      const std::optional<size_t> idx = table.FindColumn(name);
      if (!idx) return Status::InvalidArgument(path + ": no column '" + name + "'");
      picked.push_back(*idx);
      batch.columns.push_back(name);
    }
  }
  batch.rows.resize(table.num_rows());
  for (size_t row = 0; row < table.num_rows(); ++row) {
    for (const size_t idx : picked) {
      const Column& column = table.column(idx);
      if (!column.IsValid(row)) {
        batch.rows[row].emplace_back(std::monostate{});
      } else if (column.is_numeric()) {
        batch.rows[row].emplace_back(column.NumericAt(row));
      } else {
        batch.rows[row].emplace_back(column.TextAt(row));
      }
    }
  }
  return batch;
}

Result<chaos::Batch> LoadCreditBatch() {
  return LoadCsvBatch(SourcePath("examples/credit/current.csv"),
                      {"Seniority", "Home", "Time", "Age", "Marital", "Records", "Job", "Expenses",
                       "Income", "Assets", "Debt", "Amount", "Price"});
}

Result<std::vector<double>> LoadScores(const std::string& path) {
  AIRM_ASSIGN_OR_RETURN(Table table, ReadTable(path));
  const std::optional<size_t> score = table.FindColumn("score");
  if (!score) return Status::InvalidArgument(path + ": no score column");
  std::vector<double> scores;
  const Column& column = table.column(*score);
  for (size_t row = 0; row < table.num_rows(); ++row) scores.push_back(column.NumericAt(row));
  return scores;
}

}  // namespace airm::testing
