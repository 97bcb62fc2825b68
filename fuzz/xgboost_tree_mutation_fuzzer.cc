// libFuzzer target, structure-aware: the input picks one of the valid seed
// models (fuzz/seeds/xgboost_model/*.json) and a list of edits to its trees
// and header (a child, parent or split index set to an interesting or random
// value, an array entry added or dropped, a count changed), so that most
// inputs are well-formed JSON and reach the tree checks, and many edited
// models that the checker accepts reach libxgboost (load, then predict two
// rows). xgboost_model_fuzzer covers the bytes; this one the trees.
#include <fuzzer/FuzzedDataProvider.h>
#include <xgboost/c_api.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "xgboost_fuzz_predict.h"
#include "xgboost_model_validator.h"

namespace {

using Json = nlohmann::json;

constexpr airm::chaos::ModelFileLimits kLimits = {
    .max_bytes = 1 << 20, .max_trees = 2000, .max_nodes = 50'000, .max_depth = 64};

// The seeds, NaN tokens (categorical split conditions) read as 0.
const std::vector<Json>& Seeds() {
  static const std::vector<Json> seeds = [] {
    std::vector<Json> out;
    for (const auto& entry : std::filesystem::directory_iterator(AIRM_FUZZ_SEED_DIR)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      std::string s = text.str();
      for (size_t at = s.find("NaN"); at != std::string::npos; at = s.find("NaN")) {
        s.replace(at, 3, "0");
      }
      out.push_back(Json::parse(s));
    }
    return out;
  }();
  return seeds;
}

Json* TreesOf(Json& model) {
  Json& booster = model["learner"]["gradient_booster"];
  if (booster.contains("gbtree")) return &booster["gbtree"]["model"]["trees"];
  if (booster["model"].contains("trees")) return &booster["model"]["trees"];
  return nullptr;
}

int64_t Interesting(FuzzedDataProvider& in, int64_t nodes) {
  const int64_t values[] = {-2,
                            -1,
                            0,
                            1,
                            nodes - 1,
                            nodes,
                            nodes + 1,
                            2147483647,
                            -2147483648LL,
                            4294967295LL,
                            int64_t{1} << 40};
  if (in.ConsumeBool()) return in.PickValueInArray(values);
  return in.ConsumeIntegralInRange<int64_t>(-2, nodes + 2);
}

void Edit(FuzzedDataProvider& in, Json& model) {
  Json* trees = TreesOf(model);
  static const char* kNodeArrays[] = {"left_children",   "right_children",   "parents",
                                      "split_indices",   "split_type",       "default_left",
                                      "categories",      "categories_nodes", "categories_segments",
                                      "categories_sizes"};
  switch (in.ConsumeIntegralInRange(0, 5)) {
    case 0:
    case 1:
    case 2: {  // one node entry of one tree
      if (trees == nullptr || trees->empty()) return;
      Json& tree = (*trees)[in.ConsumeIntegralInRange<size_t>(0, trees->size() - 1)];
      Json& array = tree[in.PickValueInArray(kNodeArrays)];
      if (!array.is_array() || array.empty()) return;
      const int64_t nodes = static_cast<int64_t>(tree["left_children"].size());
      array[in.ConsumeIntegralInRange<size_t>(0, array.size() - 1)] = Interesting(in, nodes);
      return;
    }
    case 3: {  // an array one entry longer or shorter
      if (trees == nullptr || trees->empty()) return;
      Json& tree = (*trees)[in.ConsumeIntegralInRange<size_t>(0, trees->size() - 1)];
      Json& array = tree[in.PickValueInArray(kNodeArrays)];
      if (!array.is_array()) return;
      if (in.ConsumeBool() && !array.empty()) {
        array.erase(array.size() - 1);
      } else {
        array.push_back(Interesting(in, static_cast<int64_t>(array.size())));
      }
      return;
    }
    case 4: {  // a count in a header
      const int64_t value = Interesting(in, 8);
      switch (in.ConsumeIntegralInRange(0, 3)) {
        case 0:
          model["learner"]["learner_model_param"]["num_feature"] = std::to_string(value);
          break;
        case 1:
          model["learner"]["learner_model_param"]["num_class"] = std::to_string(value);
          break;
        case 2:
          if (trees && !trees->empty())
            (*trees)[0]["tree_param"]["num_nodes"] = std::to_string(value);
          break;
        default:
          if (trees && !trees->empty()) (*trees)[0]["id"] = value;
      }
      return;
    }
    default: {  // tree_info / a whole tree copied over another
      if (trees == nullptr || trees->empty()) return;
      const size_t from = in.ConsumeIntegralInRange<size_t>(0, trees->size() - 1);
      const size_t to = in.ConsumeIntegralInRange<size_t>(0, trees->size() - 1);
      const Json id = (*trees)[to]["id"];
      (*trees)[to] = (*trees)[from];
      (*trees)[to]["id"] = id;
    }
  }
}


}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const std::vector<Json>& seeds = Seeds();
  Json model = seeds[in.ConsumeIntegralInRange<size_t>(0, seeds.size() - 1)];
  const int edits = in.ConsumeIntegralInRange(1, 4);
  for (int i = 0; i < edits && in.remaining_bytes() > 0; ++i) Edit(in, model);
  const std::string text = model.dump();
  auto checked = airm::chaos::CheckXgboostModel(text, "fuzz-input", kLimits);
  if (checked.ok()) airm::fuzz::LoadAndPredict(*checked, 1.0f);
  return 0;
}
