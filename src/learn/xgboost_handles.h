// Owning wrappers over the XGBoost C API handles used by the domain classifier.
//
// Every call is checked: a non-zero return becomes Status::Internal carrying
// the call's name and XGBGetLastError(). Handles are freed by the destructors,
// so no early return can leak one. Internal header: it names no XGBoost type,
// so callers need not include <xgboost/c_api.h>.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "airm/status.h"

namespace airm::learn {

// A dense row-major float matrix plus its labels, as an XGBoost DMatrix.
class XgbMatrix {
 public:
  // REQUIRES: values.size() == rows * feature_types.size(); labels empty or
  // of size rows. feature_types: "q" (quantitative) or "c" (categorical) per
  // column. NaN marks a missing value.
  static Result<XgbMatrix> Make(std::span<const float> values, uint64_t rows,
                                const std::vector<const char*>& feature_types,
                                std::span<const float> labels);

  XgbMatrix(XgbMatrix&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  XgbMatrix& operator=(XgbMatrix&& other) noexcept;
  XgbMatrix(const XgbMatrix&) = delete;
  XgbMatrix& operator=(const XgbMatrix&) = delete;
  ~XgbMatrix();

  void* handle() const { return handle_; }

 private:
  explicit XgbMatrix(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

// A gradient-boosted tree model trained on one XgbMatrix.
class XgbBooster {
 public:
  // Creates a booster for `train` and sets `params` (name, value) in order.
  // `train` must outlive the booster's training calls.
  static Result<XgbBooster> Make(const XgbMatrix& train,
                                 const std::vector<std::pair<std::string, std::string>>& params);

  XgbBooster(XgbBooster&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  XgbBooster& operator=(XgbBooster&& other) noexcept;
  XgbBooster(const XgbBooster&) = delete;
  XgbBooster& operator=(const XgbBooster&) = delete;
  ~XgbBooster();

  // Runs `rounds` boosting iterations on `train`.
  Status Train(const XgbMatrix& train, int rounds);
  // Boosts on `train` for at most `max_rounds` iterations, stopping once the
  // first metric on `validation` (the booster's "eval_metric", lower is
  // better) has not improved for `patience` iterations. Returns the number of
  // trees of the best model; the trees after it stay in this booster, so
  // Slice(best) is the model to use.
  Result<int> TrainWithEarlyStopping(const XgbMatrix& train, const XgbMatrix& validation,
                                     int max_rounds, int patience);
  // A new booster holding this booster's first `rounds` trees.
  Result<XgbBooster> Slice(int rounds) const;
  // One prediction (a probability for binary:logistic) per row of `data`.
  Result<std::vector<float>> Predict(const XgbMatrix& data) const;
  // Per-feature importance of `importance_type` ("total_gain", "gain", ...),
  // indexed by feature position; features never split on score 0.
  Result<std::vector<double>> FeatureScores(const std::string& importance_type,
                                            size_t num_features) const;

 private:
  explicit XgbBooster(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

}  // namespace airm::learn
