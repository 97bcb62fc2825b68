// Owning wrappers over the XGBoost C API (Debian's libxgboost), the library's
// one wrapper: the domain classifier trains with it and the in-process chaos
// adapter (xgboost:MODEL.json) scores with it.
//
// Every call is checked: a non-zero return becomes a Status carrying the
// call's name and XGBGetLastError() (Internal, except where a method says
// otherwise). Handles are freed by the destructors, so no early return can
// leak one. The header names no XGBoost type, so callers need not include
// <xgboost/c_api.h> (or link it: airm::learn does). Thread-safety: XGBoost 1.7
// does not promise concurrent calls on one booster; callers serialize them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
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
  // A matrix of `rows` x `cols` values with no feature types or labels, for
  // prediction. REQUIRES: values.size() == rows * cols, cols > 0.
  static Result<XgbMatrix> Dense(std::span<const float> values, uint64_t rows, uint64_t cols);

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

// The raw output of a prediction: values in row-major order and their shape
// ({rows} for one value per row, {rows, k} for k values per row).
struct XgbPrediction {
  std::vector<float> values;
  std::vector<uint64_t> shape;
};

// A gradient-boosted tree model: trained on one XgbMatrix, or loaded.
class XgbBooster {
 public:
  // A booster holding the model serialized in `model` (JSON or UBJSON, as
  // XGBoosterLoadModelFromBuffer reads). ParseError when XGBoost refuses the
  // bytes. The bytes are not checked here: callers holding untrusted files
  // validate them first (chaos/adapters/xgboost_model_validator.h).
  static Result<XgbBooster> Load(std::string_view model);

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
  // Sets one parameter (e.g. "nthread").
  Status SetParam(const std::string& name, const std::string& value);
  // The number of features the model expects.
  Result<uint64_t> NumFeatures() const;
  // The feature names stored with the model; empty when it has none.
  std::vector<std::string> FeatureNames() const;
  // One prediction (a probability for binary:logistic) per row of `data`;
  // Internal when the model gives anything but one value per row.
  Result<std::vector<float>> Predict(const XgbMatrix& data) const;
  // The prediction with its shape, for callers that accept several shapes.
  Result<XgbPrediction> PredictRaw(const XgbMatrix& data) const;
  // Per-feature importance of `importance_type` ("total_gain", "gain", ...),
  // indexed by feature position; features never split on score 0.
  Result<std::vector<double>> FeatureScores(const std::string& importance_type,
                                            size_t num_features) const;
  // Per-feature importance keyed by the feature's name (the model's feature
  // names, else "f<position>"), in XGBoost's order; only features split on
  // are listed. InvalidArgument for a model without one score per feature
  // (a multi-class linear booster).
  Result<std::vector<std::pair<std::string, double>>> NamedFeatureScores(
      const std::string& importance_type) const;

 private:
  explicit XgbBooster(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

}  // namespace airm::learn
