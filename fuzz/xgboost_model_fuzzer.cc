// libFuzzer target: an XGBoost model file (JSON or UBJSON bytes) through the
// checker of src/chaos/adapters/xgboost_model_validator.h, and every model it
// accepts through libxgboost itself (load, then predict one row). A crash,
// hang or sanitizer report in either half is a bug: the checker must refuse
// whatever libxgboost cannot survive. Build and run: docs/chaos-adapters.md.
#include <xgboost/c_api.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "xgboost_model_validator.h"

namespace {

// Small limits keep each run fast; the checks are the same at any size.
constexpr airm::chaos::ModelFileLimits kLimits = {
    .max_bytes = 1 << 20, .max_trees = 2000, .max_nodes = 50'000, .max_depth = 64};

void LoadAndPredict(const std::string& checked) {
  BoosterHandle booster = nullptr;
  if (XGBoosterCreate(nullptr, 0, &booster) != 0) return;
  if (XGBoosterLoadModelFromBuffer(booster, checked.data(), checked.size()) == 0 &&
      XGBoosterSetParam(booster, "nthread", "1") == 0) {
    bst_ulong features = 0;
    if (XGBoosterGetNumFeature(booster, &features) == 0 && features > 0 && features <= 4096) {
      // One row of zeros and one of missing values: both branches of a split.
      std::vector<float> rows(2 * features, 0.0f);
      for (bst_ulong f = 0; f < features; ++f) rows[features + f] = std::nanf("");
      DMatrixHandle matrix = nullptr;
      if (XGDMatrixCreateFromMat(rows.data(), 2, features, -1.0f, &matrix) == 0) {
        const bst_ulong* shape = nullptr;
        bst_ulong dim = 0;
        const float* out = nullptr;
        XGBoosterPredictFromDMatrix(booster, matrix,
                                    R"({"type": 0, "training": false, "iteration_begin": 0,)"
                                    R"( "iteration_end": 0, "strict_shape": false})",
                                    &shape, &dim, &out);
        XGDMatrixFree(matrix);
      }
    }
  }
  XGBoosterFree(booster);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto checked = airm::chaos::CheckXgboostModel(bytes, "fuzz-input", kLimits);
  if (checked.ok()) LoadAndPredict(*checked);
  return 0;
}
