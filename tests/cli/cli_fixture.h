// The fixture of the end-to-end tests of the real `airm` binary: a scratch
// directory per test, files written into it, and the binary run on them.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/run_command.h"
#include "support/scratch_dir.h"

namespace airm::testing {

using RunResult = CommandResult;

inline std::string Slurp(const std::string& path) { return ReadWholeFile(path); }

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = FreshTestDir("airm_cli"); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(Path(name), std::ios::binary) << text;
    return Path(name);
  }

  RunResult Run(const std::string& args) const {
    return airm::testing::RunShell(std::string(AIRM_BINARY) + " " + args, dir_);
  }

  // A file of the source tree by its path from the root ("examples/credit/model.json").
  static std::string Source(const std::string& relative) {
    return std::string(AIRM_SOURCE_DIR) + "/" + relative;
  }

  static std::string Example(const std::string& name) { return Source("examples/credit/" + name); }

  std::string ExampleArgs() const {
    return "drift --reference " + Example("reference.csv") + " --current " +
           Example("current.csv") + " --schema " + Example("schema.yaml");
  }

  std::filesystem::path dir_;
};

}  // namespace airm::testing
