// `airm chaos` end to end with hostile inputs the test makes itself: model
// files mutated from examples/credit/model.json, endless or oversized
// configuration files, nonsense flag values. Each must exit 2 with a message
// naming the file (and JSON path) or the flag, before any model is scored
// where that is possible, so these tests are fast.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_fixture.h"

namespace {

namespace fs = std::filesystem;
using airm::testing::CommandResult;
using airm::testing::ReadWholeFile;
using airm::testing::ShellQuote;
using nlohmann::json;
using ::testing::HasSubstr;

// A scratch directory per test (dir_, Path) and Source from the CLI tests' fixture.
class ChaosHostileInputs : public airm::testing::CliTest {
 protected:
  // The credit example with `model` as the xgboost model (its own meta).
  CommandResult Chaos(const std::string& model, const std::string& flags) const {
    return airm::testing::RunShell(
        std::string(AIRM_BINARY) + " chaos --model " +
            ShellQuote("xgboost:" + model + ":" + Source("examples/credit/model_meta.json")) +
            " --data " + ShellQuote(Source("examples/credit/current.csv")) + " --target Status " +
            flags,
        dir_);
  }
  CommandResult Chaos(const std::string& flags) const {
    return Chaos(Source("examples/credit/model.json"), flags);
  }

  // examples/credit/model.json with `mutate` applied, written to the test's folder.
  std::string HostileModel(const std::function<void(json&)>& mutate) const {
    json model = json::parse(ReadWholeFile(Source("examples/credit/model.json")));
    mutate(model["learner"]["gradient_booster"]["model"]["trees"][0]);
    const std::string path = Path("hostile.json");
    std::ofstream(path) << model.dump();
    return path;
  }
};

void ExpectUsageError(const CommandResult& r, const std::string& message) {
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr(message));
}

TEST_F(ChaosHostileInputs, ModelWithACycleIsRefused) {
  const std::string model = HostileModel([](json& tree) { tree["left_children"][3] = 1; });
  ExpectUsageError(Chaos(model, ""),
                   model +
                       ": /learner/gradient_booster/model/trees/0/left_children/3: node 3 has "
                       "child 1, which is its ancestor (a cycle)");
}

TEST_F(ChaosHostileInputs, ModelWithChildOutOfRangeIsRefused) {
  const std::string model = HostileModel([](json& tree) { tree["right_children"][0] = 1000000; });
  ExpectUsageError(Chaos(model, ""),
                   "/trees/0/right_children/0: node 0 has child 1000000, out of "
                   "range: the tree has 15 nodes");
}

TEST_F(ChaosHostileInputs, ModelWithSplitFeatureOutOfRangeIsRefused) {
  const std::string model = HostileModel([](json& tree) { tree["split_indices"][0] = 4096; });
  ExpectUsageError(Chaos(model, ""), "/trees/0/split_indices/0: 4096 is out of range");
}

TEST_F(ChaosHostileInputs, TruncatedAndNonJsonModelsAreRefused) {
  const std::string text = ReadWholeFile(Source("examples/credit/model.json"));
  std::ofstream(Path("truncated.json")) << text.substr(0, text.size() / 3);
  ExpectUsageError(Chaos(Path("truncated.json"), ""),
                   Path("truncated.json") + ": not a valid JSON model: parse error at line 1");
  std::ofstream(Path("binary.json")) << std::string("binf\0\0\0\x1a", 8);
  ExpectUsageError(Chaos(Path("binary.json"), ""),
                   "not an XGBoost model in JSON or UBJSON (both start with '{'); the legacy "
                   "binary format is refused");
}

TEST_F(ChaosHostileInputs, ModelLimitsNameTheirFlag) {
  ExpectUsageError(Chaos("--max-model-trees 50"),
                   "197 trees, more than the limit of 50 (raise it with --max-model-trees)");
  ExpectUsageError(Chaos("--max-model-depth 1"), "(raise it with --max-model-depth)");
  ExpectUsageError(Chaos("--max-model-bytes 1024"),
                   "larger than the 1024-byte limit for a xgboost model file (raise it with "
                   "--max-model-bytes)");
  ExpectUsageError(Chaos("--max-model-nodes 0"), "--max-model-nodes must be at least 1");
}

TEST_F(ChaosHostileInputs, EndlessOrNonRegularModelFiles) {
  ExpectUsageError(Chaos("/dev/zero", ""), "/dev/zero (xgboost model file) is a character device");
  ExpectUsageError(Chaos(dir_.string(), ""), "is a directory");
}

TEST_F(ChaosHostileInputs, EndlessConfigurationFiles) {
  ExpectUsageError(Chaos("--constraints /dev/zero"),
                   "/dev/zero (constraints file) is a character device");
  ExpectUsageError(Chaos("--constraints " + ShellQuote(dir_.string())), "is a directory");
  const CommandResult meta = airm::testing::RunShell(
      std::string(AIRM_BINARY) + " chaos --model " +
          ShellQuote("xgboost:" + Source("examples/credit/model.json") + ":/dev/zero") +
          " --data " + ShellQuote(Source("examples/credit/current.csv")) + " --target Status",
      dir_);
  ExpectUsageError(meta, "/dev/zero (model meta file) is a character device");
}

TEST_F(ChaosHostileInputs, NonsenseFlagValuesNameTheFlag) {
  ExpectUsageError(Chaos("--load-rate nan"), "--load-rate must be in (0, 1e6]");
  ExpectUsageError(Chaos("--load-rate -3"), "--load-rate must be in (0, 1e6]");
  ExpectUsageError(Chaos("--load-rate inf"), "--load-rate must be in (0, 1e6]");
  ExpectUsageError(Chaos("--threshold nan"), "--threshold must be a finite number");
  ExpectUsageError(Chaos("--threshold -inf"), "--threshold must be a finite number");
  ExpectUsageError(Chaos("--timeout inf"), "--timeout must be a number of seconds in (0, 86400]");
  ExpectUsageError(Chaos("--timeout -1"), "--timeout must be");
  ExpectUsageError(Chaos("--retries -1"), "--retries must be in [0, 100]");
  ExpectUsageError(Chaos("--load-levels 0"), "--load-levels must be concurrency levels");
  ExpectUsageError(Chaos("--bootstrap 2000000000"), "--bootstrap must be in [0, 10000]");
  ExpectUsageError(Chaos("--bootstrap -1"), "--bootstrap must be in [0, 10000]");
  ExpectUsageError(Chaos("--max-categories 0"), "--max-categories must be in [1, 1000000]");
  const CommandResult batch = Chaos("--batch-size -1");
  EXPECT_EQ(batch.exit_code, 2) << batch.err;
  EXPECT_THAT(batch.err, HasSubstr("--batch-size"));
}

// 20,000 categories for one feature: refused by the category cap, quickly.
TEST_F(ChaosHostileInputs, ConstraintsWithTwentyThousandCategories) {
  std::ofstream constraints(Path("constraints.yaml"));
  constraints << "features:\n  Home:\n    categories: [";
  for (int i = 0; i < 20000; ++i) constraints << (i ? ", " : "") << "level" << i;
  constraints << "]\n";
  constraints.close();
  ExpectUsageError(Chaos("--suite manipulation --constraints " + Path("constraints.yaml")),
                   "feature 'Home': 20000 categories listed, more than the limit of 1000 values a "
                   "feature may try (raise it with --max-categories");
}

}  // namespace
