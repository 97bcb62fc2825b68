// The governance end-to-end tests' fixture on both store backends: a
// workspace whose store is an SQLite file or a fresh PostgreSQL schema (named
// in airm.yaml), with the bundled credit example's reference data registered
// as ref@1 and its model as credit@1, plus reading and writing that store
// directly (either backend) for the checks the CLI cannot make.
//   class MyTest : public GovernanceBackendTest {…};
//   AIRM_INSTANTIATE_STORE_BACKENDS(MyTest);
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <string>

#include "airm/store/database.h"
#include "cli_store/cli_store_harness.h"
#include "store_backends.h"

namespace airm::cli_store_test {

using airm::testing::StoreBackend;

class GovernanceBackendTest : public StoreCliTest,
                              public ::testing::WithParamInterface<StoreBackend> {
 protected:
  void SetUp() override {
    StoreCliTest::SetUp();
    std::string skip_reason;
    if (GetParam() == StoreBackend::kPostgres) {
      location_ = airm::testing::FreshStoreLocation(GetParam(), dir_, &skip_reason);
      if (!skip_reason.empty()) GTEST_SKIP() << skip_reason;
      ASSERT_FALSE(location_.empty());
    } else {
      location_ = DbPath();
    }
    Init();
    if (GetParam() == StoreBackend::kPostgres) {
      // The workspace moves to the fresh schema: airm.yaml's store line names it.
      std::ifstream in(Workspace() + "/airm.yaml");
      std::string yaml, line;
      while (std::getline(in, line)) {
        yaml += line.rfind("store:", 0) == 0 ? "store: " + location_ + "\n" : line + "\n";
      }
      in.close();
      std::ofstream(Workspace() + "/airm.yaml", std::ios::trunc) << yaml;
    }
    ASSERT_EQ(Run("dataset register " + Example("reference.csv") + " --name ref").exit_code, 0);
    ASSERT_EQ(Run("model register --name credit --version 1 --artifact " + Example("model.json") +
                  " --training-data ref")
                  .exit_code,
              0);
  }

  static std::string Answers() { return Example("governance/eu_ai_act_answers.yaml"); }

  RunResult AddSystem(const std::string& extra = "") const {
    return Run(
        "system add credit-scoring --owner 'Dana Risk' --business-unit 'Retail lending' "
        "--purpose 'Scores consumer credit applications' --decision-type "
        "human-in-the-loop --affected-people 'loan applicants' --data-category personal "
        "--lifecycle production" +
        extra);
  }

  int64_t AuditEntries() const { return QueryInt("SELECT COUNT(*) FROM audit_entries"); }

  // The first row's first cell of `sql` on the test's store, either backend.
  std::optional<store::Row> FirstRow(const std::string& sql) const {
    auto db = airm::testing::OpenStoreLocation(location_);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return std::nullopt;
    auto rows = (*db)->Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    if (!rows.ok() || rows->empty()) return std::nullopt;
    return (*rows)[0];
  }
  int64_t QueryInt(const std::string& sql) const {
    std::optional<store::Row> row = FirstRow(sql);
    return row ? row->Int(0) : -1;
  }
  std::string QueryText(const std::string& sql) const {
    std::optional<store::Row> row = FirstRow(sql);
    if (!row) return "<no row>";
    return row->IsNull(0) ? "<null>" : row->Text(0);
  }
  void Exec(const std::string& sql) const {
    auto db = airm::testing::OpenStoreLocation(location_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    Status s = (*db)->Execute(sql);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  // The SQL of the text at `path` (dotted keys) in the JSON of audit_entries.entry.
  std::string EntryField(const std::string& path) const {
    if (GetParam() == StoreBackend::kSqlite) return "json_extract(entry, '$." + path + "')";
    std::string keys = path;
    std::replace(keys.begin(), keys.end(), '.', ',');
    return "(entry::json #>> '{" + keys + "}')";
  }

  // The element of a JSON list whose `key` is `value` (a failure when none is).
  static json Find(const json& list, const std::string& key, const std::string& value) {
    for (const json& item : list) {
      if (item[key] == value) return item;
    }
    ADD_FAILURE() << "no " << key << " " << value << " in " << list;
    return json::object();
  }

  std::string location_;  // the SQLite file or the PostgreSQL URL
};

}  // namespace airm::cli_store_test
