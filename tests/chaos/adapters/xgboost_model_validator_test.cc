// Hostile XGBoost model files, each made here by mutating the bundled
// examples/credit/model.json (or a small seed of fuzz/seeds/), must be
// refused with the specific message, never crash or hang: every one is also
// handed to the xgboost: adapter, which would crash the test if the checker
// let it through to libxgboost. The valid model must load and predict
// exactly as libxgboost's own loader does.
#include "xgboost_model_validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xgboost/c_api.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "airm/chaos/model_adapter.h"
#include "model_server.h"
#include "support/run_command.h"

namespace airm::chaos {
namespace {

using Json = nlohmann::json;
using ::testing::HasSubstr;
using testing::ReadWholeFile;
using testing::SourcePath;

constexpr char kTree0[] = "/learner/gradient_booster/model/trees/0";

const Json& CreditModel() {
  static const Json model = Json::parse(ReadWholeFile(SourcePath("examples/credit/model.json")));
  return model;
}

Json& Tree(Json& model, size_t index) {
  return model["learner"]["gradient_booster"]["model"]["trees"][index];
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) /
          ("airm_model_validator_" +
           std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
           name))
      .string();
}

// The checker's verdict on `bytes`; the same bytes through the adapter must
// fail too (the process surviving that call is half the test).
Status Check(const std::string& bytes, const ModelFileLimits& limits = {}) {
  const Result<std::string> checked = CheckXgboostModel(bytes, "m.json", limits);
  const std::string path = TempPath("model.json");
  std::ofstream(path, std::ios::binary) << bytes;
  AdapterOptions options;
  options.model_limits = limits;
  const auto adapter =
      MakeModelAdapter("xgboost:" + path + ":" + testing::CreditMetaPath(), options);
  EXPECT_FALSE(adapter.ok()) << "the adapter loaded a model the checker refused";
  if (!adapter.ok() && !checked.ok()) {
    EXPECT_EQ(ExitCodeFor(adapter.status()), 2) << adapter.status().ToString();
  }
  return checked.status();
}

Status Mutated(const std::function<void(Json&)>& mutate, const ModelFileLimits& limits = {}) {
  Json model = CreditModel();
  mutate(model);
  return Check(model.dump(), limits);
}

void ExpectParseError(const Status& status, const std::string& path, const std::string& what) {
  EXPECT_EQ(status.code(), StatusCode::kParseError) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("m.json: " + path + ": "));
  EXPECT_THAT(status.message(), HasSubstr(what));
}

TEST(XgboostModelValidator, ChildIndexOutOfRange) {
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["left_children"][0] = 15; }),
                   std::string(kTree0) + "/left_children/0",
                   "node 0 has child 15, out of range: the tree has 15 nodes");
  ExpectParseError(Mutated([](Json& m) { Tree(m, 3)["right_children"][0] = 2147483000; }),
                   "/learner/gradient_booster/model/trees/3/right_children/0", "out of range");
}

TEST(XgboostModelValidator, NegativeChildIndex) {
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["left_children"][1] = -5; }),
                   std::string(kTree0) + "/left_children/1",
                   "-5 is out of range: expected a node index or -1");
  // -1 on one side only: neither a leaf nor a split.
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["left_children"][1] = -1; }),
                   std::string(kTree0) + "/left_children/1", "has one child index -1");
}

TEST(XgboostModelValidator, CycleBackToAnAncestor) {
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["left_children"][3] = 1; }),
                   std::string(kTree0) + "/left_children/3",
                   "node 3 has child 1, which is its ancestor (a cycle)");
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["right_children"][3] = 0; }),
                   std::string(kTree0) + "/right_children/3", "which is its ancestor (a cycle)");
}

TEST(XgboostModelValidator, SelfLoop) {
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["left_children"][3] = 3; }),
                   std::string(kTree0) + "/left_children/3",
                   "node 3 is its own child (a self-loop)");
}

TEST(XgboostModelValidator, NodeWithTwoParents) {
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["right_children"][2] = 3; }),
                   std::string(kTree0) + "/right_children/2",
                   "node 3 is a child of both node 1 and node 2 (a node with two parents)");
}

TEST(XgboostModelValidator, ParentEntryMustPointBack) {
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["parents"][3] = 2; }),
                   std::string(kTree0) + "/parents/3",
                   "node 3 is a child of node 1, but its parent entry says 2");
}

TEST(XgboostModelValidator, UnreachableNodes) {
  // Node 1 made a leaf: its subtree (3, 4, 7..10) hangs from nothing.
  ExpectParseError(Mutated([](Json& m) {
                     Tree(m, 0)["left_children"][1] = -1;
                     Tree(m, 0)["right_children"][1] = -1;
                   }),
                   kTree0, "node 3 is not reachable from the root (6 of 15 nodes are not)");
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["tree_param"]["num_deleted"] = "1"; }),
                   std::string(kTree0) + "/tree_param/num_deleted",
                   "expected an integer in [0, 0]");
}

TEST(XgboostModelValidator, SplitFeatureBeyondNumFeature) {
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["split_indices"][0] = 26; }),
                   std::string(kTree0) + "/split_indices/0",
                   "26 is out of range: expected a feature index below num_feature 26");
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["split_indices"][2] = -1; }),
                   std::string(kTree0) + "/split_indices/2", "-1 is out of range");
  ExpectParseError(Mutated([](Json& m) {
                     m["learner"]["learner_model_param"]["num_feature"] = "20";
                     m["learner"].erase("feature_names");
                     m["learner"].erase("feature_types");
                   }),
                   std::string(kTree0) + "/split_indices/3",
                   "24 is out of range: expected a feature index below num_feature 20");
}

TEST(XgboostModelValidator, ArraysOfMismatchedLength) {
  for (const char* key : {"loss_changes", "left_children", "parents", "split_conditions",
                          "default_left", "split_type", "base_weights", "sum_hessian"}) {
    SCOPED_TRACE(key);
    ExpectParseError(Mutated([&](Json& m) { Tree(m, 0)[key].erase(14); }),
                     std::string(kTree0) + "/" + key,
                     "14 entries, but the tree has 15 nodes (tree_param/num_nodes)");
  }
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["tree_param"]["num_nodes"] = "16"; }),
                   std::string(kTree0) + "/left_children", "15 entries, but the tree has 16 nodes");
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0).erase("right_children"); }), kTree0,
                   "missing the key 'right_children'");
}

TEST(XgboostModelValidator, ElementTypes) {
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["left_children"][0] = "1"; }),
                   std::string(kTree0) + "/left_children/0", "expected an integer");
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["split_conditions"][0] = nullptr; }),
                   std::string(kTree0) + "/split_conditions/0", "expected a number, found null");
  ExpectParseError(Mutated([](Json& m) { Tree(m, 0)["default_left"][0] = 7; }),
                   std::string(kTree0) + "/default_left/0", "expected 0 or 1");
}

TEST(XgboostModelValidator, TreeCountsAgreeWithTheHeader) {
  const std::string model = "/learner/gradient_booster/model";
  ExpectParseError(Mutated([](Json& m) {
                     m["learner"]["gradient_booster"]["model"]["gbtree_model_param"]["num_trees"] =
                         "196";
                   }),
                   model + "/trees", "197 trees, but num_trees is 196");
  ExpectParseError(
      Mutated([](Json& m) { m["learner"]["gradient_booster"]["model"]["tree_info"].erase(0); }),
      model + "/tree_info", "196 entries, but num_trees is 197");
  ExpectParseError(
      Mutated([](Json& m) { m["learner"]["gradient_booster"]["model"]["tree_info"][5] = 1; }),
      model + "/tree_info/5", "expected an output group below 1");
  ExpectParseError(Mutated([](Json& m) { Tree(m, 1)["id"] = 0; }), model + "/trees/1/id",
                   "expected the tree's position 1");
}

TEST(XgboostModelValidator, HugeTreeCountIsALimit) {
  const Status header = Mutated([](Json& m) {
    m["learner"]["gradient_booster"]["model"]["gbtree_model_param"]["num_trees"] = "2000000000";
  });
  EXPECT_EQ(header.code(), StatusCode::kInvalidArgument) << header.ToString();
  EXPECT_THAT(header.message(), HasSubstr("2000000000 trees, more than the limit of 100000 "
                                          "(raise it with --max-model-trees)"));
  const Status real = Mutated([](Json& m) {}, {.max_trees = 100});
  EXPECT_THAT(real.message(), HasSubstr("197 trees, more than the limit of 100"));
}

TEST(XgboostModelValidator, NodeDepthAndByteLimits) {
  const Status nodes = Mutated([](Json&) {}, {.max_nodes = 100});
  EXPECT_EQ(nodes.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(nodes.message(), HasSubstr("more than the limit of 100 (raise it with "
                                         "--max-model-nodes)"));
  const Status depth = Mutated([](Json&) {}, {.max_depth = 2});
  EXPECT_EQ(depth.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(depth.message(), HasSubstr("is at depth 3, more than the limit of 2 (raise it with "
                                         "--max-model-depth)"));
  const Status bytes = Mutated([](Json&) {}, {.max_bytes = 1000});
  EXPECT_EQ(bytes.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bytes.message(), HasSubstr("more than the limit of 1000"));
  EXPECT_THAT(bytes.message(), HasSubstr("--max-model-bytes"));
  // A chain as deep as it is long: each node's right child is the next split.
  const Status chain = Mutated([](Json& m) {
    Json& tree = Tree(m, 0);
    const int n = 601;  // 300 splits, 301 leaves
    Json left = Json::array(), right = Json::array(), parents = Json::array();
    for (int i = 0; i < n; ++i) {
      const bool split = i % 2 == 0 && i + 2 < n;
      left.push_back(split ? i + 1 : -1);
      right.push_back(split ? i + 2 : -1);
      parents.push_back(i == 0 ? 2147483647 : (i % 2 == 1 ? i - 1 : i - 2));
    }
    for (const char* key : {"base_weights", "loss_changes", "split_conditions", "sum_hessian"}) {
      tree[key] = Json(std::vector<double>(n, 0.5));
    }
    for (const char* key : {"default_left", "split_indices", "split_type"}) {
      tree[key] = Json(std::vector<int>(n, 0));
    }
    tree["left_children"] = left;
    tree["right_children"] = right;
    tree["parents"] = parents;
    tree["tree_param"]["num_nodes"] = std::to_string(n);
  });
  EXPECT_THAT(chain.message(), HasSubstr("is at depth 257, more than the limit of 256"));
}

TEST(XgboostModelValidator, TruncatedFile) {
  const std::string text = CreditModel().dump();
  const Status status = Check(text.substr(0, text.size() / 2));
  EXPECT_EQ(status.code(), StatusCode::kParseError);
  EXPECT_THAT(status.message(), HasSubstr("m.json: not a valid JSON model: parse error at line 1"));
  EXPECT_THAT(status.message(), HasSubstr("unexpected end of input"));
}

TEST(XgboostModelValidator, NotJson) {
  for (const std::string& bytes : {std::string("hello"), std::string("binf\x01\x02\x03", 7),
                                   std::string(), std::string("[1, 2]")}) {
    const Status status = Check(bytes);
    EXPECT_EQ(status.code(), StatusCode::kParseError);
    EXPECT_THAT(status.message(), HasSubstr("not an XGBoost model in JSON or UBJSON"));
    EXPECT_THAT(status.message(), HasSubstr("legacy binary format is refused"));
  }
  const Status garbage = Check("{\"learner\": nope}");
  EXPECT_THAT(garbage.message(),
              HasSubstr("not a valid JSON model: parse error at line 1, column"));
  const Status nan = Check("{\"learner\": NaN}");
  EXPECT_EQ(nan.code(), StatusCode::kParseError);
}

TEST(XgboostModelValidator, DeepNesting) {
  const std::string deep =
      "{\"learner\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
  const Status status = Check(deep);
  EXPECT_EQ(status.code(), StatusCode::kParseError);
  EXPECT_THAT(status.message(), HasSubstr("nested deeper than 64 levels"));
  const std::string deep_objects = [] {
    std::string s;
    for (int i = 0; i < 100000; ++i) s += "{\"a\":";
    return s + "1" + std::string(100000, '}');
  }();
  EXPECT_THAT(Check(deep_objects).message(), HasSubstr("nested deeper than 64 levels"));
}

TEST(XgboostModelValidator, HeaderChecks) {
  ExpectParseError(
      Mutated([](Json& m) { m["learner"]["learner_model_param"]["num_feature"] = "0"; }),
      "/learner/learner_model_param/num_feature", "expected an integer in [1, ");
  ExpectParseError(
      Mutated([](Json& m) { m["learner"]["learner_model_param"]["num_class"] = "abc"; }),
      "/learner/learner_model_param/num_class", "expected an integer");
  ExpectParseError(Mutated([](Json& m) { m["learner"]["feature_names"].erase(0); }),
                   "/learner/feature_names", "25 entries, but num_feature is 26");
  ExpectParseError(Mutated([](Json& m) { m["learner"]["gradient_booster"]["name"] = "gbforest"; }),
                   "/learner/gradient_booster/name", "unknown booster \"gbforest\"");
  ExpectParseError(Mutated([](Json& m) { m.erase("version"); }), "/", "missing the key 'version'");
  ExpectParseError(Mutated([](Json& m) { m["learner"]["gradient_booster"]["model"]["trees"] = 3; }),
                   "/learner/gradient_booster/model/trees", "expected an array, found number");
}

// Hostile bytes in UBJSON, the other format libxgboost reads: the same checks.
TEST(XgboostModelValidator, UbjsonIsCheckedToo) {
  Json model = CreditModel();
  Tree(model, 0)["left_children"][3] = 1;
  std::vector<uint8_t> ubjson = Json::to_ubjson(model);
  ExpectParseError(Check(std::string(ubjson.begin(), ubjson.end())),
                   std::string(kTree0) + "/left_children/3", "(a cycle)");
  // An array declaring 2^62 elements of a type without payload.
  const std::string huge(
      "{i\x01"
      "a[$Z#L\x40\x00\x00\x00\x00\x00\x00\x00}",
      16);
  const Status status = Check(huge);
  EXPECT_EQ(status.code(), StatusCode::kParseError);
  EXPECT_THAT(status.message(), HasSubstr("not a valid UBJSON model"));
  // Found by fuzz/xgboost_model_fuzzer: a UBJSON string is not checked for
  // UTF-8, and quoting it in a message threw. Values are quoted escaped.
  Json bad_utf8 = CreditModel();
  bad_utf8["learner"]["learner_model_param"]["num_feature"] = "\x95\x1b[31m";
  ubjson = Json::to_ubjson(bad_utf8);
  ExpectParseError(Check(std::string(ubjson.begin(), ubjson.end())),
                   "/learner/learner_model_param/num_feature",
                   "expected an integer in [1, 10000000], found \"\\ufffd\\u001b[31m\"");
  const std::string seed = ReadWholeFile(SourcePath("fuzz/seeds/xgboost_model/gbtree.ubj"));
  EXPECT_TRUE(CheckXgboostModel(seed, "gbtree.ubj", {}).ok());
}

TEST(XgboostModelValidator, CategoricalSplits) {
  // libxgboost writes a categorical split's condition as NaN, a token
  // nlohmann refuses; the checker accepts it (CheckedModelPredictsIdentically).
  std::string text = ReadWholeFile(SourcePath("fuzz/seeds/xgboost_model/categorical.json"));
  ASSERT_TRUE(CheckXgboostModel(text, "m.json", {}).ok());
  for (size_t at = text.find("NaN"); at != std::string::npos; at = text.find("NaN")) {
    text.replace(at, 3, "0");
  }
  Json model = Json::parse(text);
  ASSERT_TRUE(CheckXgboostModel(model.dump(), "m.json", {}).ok());
  ASSERT_EQ(Tree(model, 0)["categories_nodes"], Json::array({0}));
  const std::string tree0 = "/learner/gradient_booster/model/trees/0";
  const auto check = [&](const std::function<void(Json&)>& mutate) {
    Json copy = model;
    mutate(Tree(copy, 0));
    return CheckXgboostModel(copy.dump(), "m.json", {}).status();
  };
  ExpectParseError(check([](Json& t) { t["categories_sizes"][0] = 40; }),
                   tree0 + "/categories_sizes/0", "a count of at least 1 within categories");
  ExpectParseError(check([](Json& t) { t["categories"][1] = -3; }), tree0 + "/categories/1",
                   "-3 is out of range");
  ExpectParseError(check([](Json& t) { t["categories"][1] = 1 << 30; }), tree0 + "/categories/1",
                   "out of range");
  ExpectParseError(check([](Json& t) { t["categories_nodes"][0] = 1; }),
                   tree0 + "/categories_nodes/0", "node 1 is not a categorical split node");
  ExpectParseError(check([](Json& t) { t["split_type"][0] = 0; }), tree0 + "/categories_nodes/0",
                   "node 0 is not a categorical split node");
  ExpectParseError(check([](Json& t) { t["categories_segments"].push_back(0); }),
                   tree0 + "/categories_nodes", "1 categorical nodes, but 2 categories_segments");
}

TEST(XgboostModelValidator, NonRegularAndMissingFiles) {
  const auto dev_zero = LoadCheckedXgboostModel("/dev/zero", {});
  EXPECT_EQ(dev_zero.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(dev_zero.status().message(), HasSubstr("is a character device"));
  const auto directory = LoadCheckedXgboostModel(::testing::TempDir(), {});
  EXPECT_THAT(directory.status().message(), HasSubstr("is a directory"));
  const auto missing = LoadCheckedXgboostModel(TempPath("absent.json"), {});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("(xgboost model file): no such file"));
}

// What libxgboost builds from the checked text predicts bit for bit what it
// builds from the original file: the credit model and every fuzz seed (NaN
// split conditions of categorical splits, dart, gblinear, softprob, UBJSON).
TEST(XgboostModelValidator, CheckedModelPredictsIdentically) {
  std::vector<std::string> paths = {SourcePath("examples/credit/model.json")};
  for (const auto& entry :
       std::filesystem::directory_iterator(SourcePath("fuzz/seeds/xgboost_model"))) {
    paths.push_back(entry.path().string());
  }
  ASSERT_GE(paths.size(), 11u);
  constexpr char kConfig[] =
      R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0,)"
      R"( "strict_shape": false})";
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    const Result<std::string> checked = LoadCheckedXgboostModel(path, {});
    ASSERT_TRUE(checked.ok()) << checked.status().ToString();
    const auto predict = [&](bool from_checked) {
      BoosterHandle booster = nullptr;
      EXPECT_EQ(XGBoosterCreate(nullptr, 0, &booster), 0);
      const int loaded =
          from_checked ? XGBoosterLoadModelFromBuffer(booster, checked->data(), checked->size())
                       : XGBoosterLoadModel(booster, path.c_str());
      EXPECT_EQ(loaded, 0) << XGBGetLastError();
      bst_ulong cols = 0;
      EXPECT_EQ(XGBoosterGetNumFeature(booster, &cols), 0);
      constexpr bst_ulong kRows = 1000;
      std::mt19937_64 rng(17);
      std::uniform_real_distribution<float> value(-5.0f, 2000.0f);
      std::vector<float> matrix(kRows * cols);
      for (float& x : matrix) {
        const uint64_t pick = rng() % 7;
        x = pick == 0 ? std::nanf("") : (pick < 4 ? value(rng) : static_cast<float>(rng() % 6));
      }
      DMatrixHandle dmatrix = nullptr;
      EXPECT_EQ(XGDMatrixCreateFromMat(matrix.data(), kRows, cols, std::nanf(""), &dmatrix), 0);
      const bst_ulong* shape = nullptr;
      bst_ulong dim = 0;
      const float* out = nullptr;
      EXPECT_EQ(XGBoosterPredictFromDMatrix(booster, dmatrix, kConfig, &shape, &dim, &out), 0)
          << XGBGetLastError();
      bst_ulong size = 1;
      for (bst_ulong d = 0; d < dim; ++d) size *= shape[d];
      std::vector<float> scores(out, out + size);
      XGDMatrixFree(dmatrix);
      XGBoosterFree(booster);
      return scores;
    };
    const std::vector<float> original = predict(false);
    const std::vector<float> from_checked = predict(true);
    ASSERT_EQ(original.size(), from_checked.size());
    ASSERT_GE(original.size(), 1000u);
    for (size_t i = 0; i < original.size(); ++i) {
      ASSERT_EQ(original[i], from_checked[i]) << "output " << i;  // bit for bit, not near
    }
  }
}

}  // namespace
}  // namespace airm::chaos
