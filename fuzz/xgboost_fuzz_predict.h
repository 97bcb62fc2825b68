// Shared by the XGBoost fuzz targets: hand a model the checker accepted to
// libxgboost itself (load, then predict two rows), so a crash, hang or
// sanitizer report there shows a model the checker should have refused.
#pragma once

#include <xgboost/c_api.h>

#include <cmath>
#include <string>
#include <vector>

namespace airm::fuzz {

// Loads `checked` and predicts one row of `fill` values and one of missing
// values (both branches of every split). Errors from the library are ignored:
// refusing a model is fine, only crashing is not.
inline void LoadAndPredict(const std::string& checked, float fill) {
  BoosterHandle booster = nullptr;
  if (XGBoosterCreate(nullptr, 0, &booster) != 0) return;
  bst_ulong features = 0;
  if (XGBoosterLoadModelFromBuffer(booster, checked.data(), checked.size()) == 0 &&
      XGBoosterSetParam(booster, "nthread", "1") == 0 &&
      XGBoosterGetNumFeature(booster, &features) == 0 && features > 0 && features <= 4096) {
    std::vector<float> rows(2 * features, fill);
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
  XGBoosterFree(booster);
}

}  // namespace airm::fuzz
