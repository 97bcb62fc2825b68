// Shared by the use-case tests: a fresh workspace per test, small files in it,
// and a direct look into its store.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "airm/store/database.h"
#include "airm/store/workspace.h"

namespace airm::usecases::testing {

class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override;
  // Removes the workspace of a test that passed (a failed one's is kept to look at).
  void TearDown() override;

  // Writes `text` to DIR/name and returns the path.
  std::string WriteFile(const std::string& name, const std::string& text) const;
  // Where the use cases find this test's store.
  store::LocateOptions Where() const;
  // A new connection to the store, for assertions.
  std::unique_ptr<store::Database> Open() const;
  int64_t QueryInt(const std::string& sql) const;
  // Registers model NAME@VERSION (a made-up artifact digest); its id.
  int64_t RegisterModel(const std::string& name, const std::string& version) const;

  std::filesystem::path dir_;
  store::Workspace workspace_;
};

}  // namespace airm::usecases::testing
