// A real store, SQLite in a temporary directory or an empty schema on the
// test PostgreSQL server (the suite runs on both: AIRM_INSTANTIATE_STORE_
// BACKENDS), and short ways to record the graphs the lineage tests need
// through the store's own repositories.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "airm/store/database.h"
#include "airm/store/records.h"
#include "store_backends.h"

namespace airm::testing {

class LineageStore : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;

  store::Database& db() { return *db_; }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Writes `content` to a file named `file` and registers it as `name`.
  // Returns the dataset version id.
  int64_t Data(const std::string& name, const std::string& content, const std::string& at,
               const std::string& file = "");
  // Registers a second name for already registered bytes (same digest).
  int64_t Alias(const std::string& name, int64_t dataset_version_id, const std::string& at);

  struct RunSpec {
    std::string job;
    std::vector<std::pair<int64_t, std::string>> inputs;  // (dataset version, role)
    std::vector<int64_t> outputs;
    std::string started_at;
    std::string status = "completed";
    std::optional<std::string> kind = std::nullopt;
    std::optional<std::string> error = std::nullopt;
    std::vector<store::ColumnDerivation> columns = {};
  };
  int64_t Run(const RunSpec& spec);
  std::string RunUuid(int64_t run_id);

  // A model version with an artifact file; data roles as given.
  int64_t Model(const std::string& name, const std::string& version,
                const std::string& artifact_content, std::optional<int64_t> training_run,
                const std::vector<std::pair<int64_t, std::string>>& data, const std::string& at,
                const std::optional<std::string>& card_json = std::nullopt,
                const std::vector<store::ModelMetric>& metrics = {});
  int64_t Deploy(int64_t model_version_id, const std::string& env, const std::string& at);
  // A batch with predictions "<prefix>0" … "<prefix>n-1" at `at`.
  int64_t Predict(int64_t model_version_id, std::optional<int64_t> deployment,
                  std::optional<int64_t> input, std::optional<int64_t> preprocessing_run,
                  const std::string& prefix, int n, const std::string& at);
  int64_t Check(int64_t dataset_version_id, const std::string& name, const std::string& status,
                const std::string& at);
  // A check run against a reference data set, with its findings JSON.
  int64_t Check(int64_t dataset_version_id, std::optional<int64_t> reference,
                const std::string& name, const std::string& status,
                const std::optional<std::string>& findings_json, const std::string& at);

  int64_t Count(const std::string& table);

  // A second fresh store of the same kind (round trips); null on failure.
  std::unique_ptr<store::Database> OpenAnotherStore(const std::string& name);

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace airm::testing
