// xgboost:MODEL.json[:META] — a model scored in-process through Debian's
// libxgboost C API, with the batch encoded by FeatureEncoding.
//
// Thread-safety: XGBoost 1.7 keeps the prediction buffer inside the booster
// and its C API does not promise concurrent predictions on one booster, so
// DMatrix creation and prediction run under a mutex; encoding runs outside it.
#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "adapter_factories.h"
#include "airm/learn/xgboost_handles.h"
#include "call_policy.h"
#include "feature_encoding.h"
#include "xgboost_model_validator.h"

namespace airm::chaos {
namespace {

class XgboostAdapter : public ModelAdapter {
 public:
  XgboostAdapter(learn::XgbBooster booster, FeatureEncoding encoding, std::string description,
                 const AdapterOptions& options)
      : booster_(std::move(booster)),
        encoding_(std::move(encoding)),
        description_(std::move(description)),
        options_(options) {}

  PredictOutcome Predict(const Batch& batch) override {
    return PredictChunked(batch, options_, [this](const BatchView& chunk) { return Score(chunk); });
  }

  std::string Describe() const override { return description_; }
  bool IsLocal() const override { return true; }

 private:
  PredictOutcome Score(const BatchView& chunk) {
    PredictOutcome outcome;
    if (chunk.rows.empty()) return outcome;  // XGBoost refuses an empty matrix
    std::vector<float> matrix;
    if (std::optional<std::string> reason = encoding_.Encode(chunk, &matrix)) {
      outcome.failure = FailureKind::kRejectedInput;
      outcome.detail = std::move(*reason);
      return outcome;
    }
    const uint64_t rows = chunk.rows.size();
    std::lock_guard<std::mutex> lock(mutex_);
    Result<learn::XgbMatrix> dmatrix =
        learn::XgbMatrix::Dense(matrix, rows, encoding_.num_features());
    if (!dmatrix.ok()) {
      // XGBoost refuses some values itself, e.g. ±Inf when missing is NaN.
      outcome.failure = FailureKind::kRejectedInput;
      outcome.detail =
          "xgboost cannot build the feature matrix: " + Truncate(dmatrix.status().message());
      return outcome;
    }
    Result<learn::XgbPrediction> prediction = booster_.PredictRaw(*dmatrix);
    if (!prediction.ok()) {
      outcome.failure = FailureKind::kRejectedInput;
      outcome.detail = "xgboost prediction failed: " + Truncate(prediction.status().message());
      return outcome;
    }
    // One value per row (binary:logistic, regression), or rows x 2 class
    // probabilities of a two-class softprob model (column 1 = class 1).
    const std::vector<uint64_t>& shape = prediction->shape;
    size_t stride = 0;
    if (shape.size() == 1 && shape[0] == rows) {
      stride = 1;
    } else if (shape.size() == 2 && shape[0] == rows && (shape[1] == 1 || shape[1] == 2)) {
      stride = shape[1];
    } else {
      outcome.failure = FailureKind::kMalformed;
      outcome.detail = "xgboost returned " + std::to_string(shape.size()) +
                       "-d predictions that are not one score per row";
      return outcome;
    }
    const std::vector<float>& out = prediction->values;
    outcome.scores.resize(rows);
    for (uint64_t row = 0; row < rows; ++row) outcome.scores[row] = out[row * stride + stride - 1];
    return outcome;
  }

  learn::XgbBooster booster_;
  FeatureEncoding encoding_;
  std::string description_;
  AdapterOptions options_;
  std::mutex mutex_;
};

// MODEL's name with ".json" replaced by "_meta.json", if that file exists.
std::string DefaultMetaPath(const std::string& model_path) {
  constexpr std::string_view kSuffix = ".json";
  if (model_path.size() <= kSuffix.size() ||
      model_path.compare(model_path.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    return "";
  }
  std::string meta = model_path.substr(0, model_path.size() - kSuffix.size()) + "_meta.json";
  std::error_code error;
  return std::filesystem::is_regular_file(meta, error) ? meta : "";
}

}  // namespace

Result<std::unique_ptr<ModelAdapter>> MakeXgboostAdapter(const std::string& model_path,
                                                         const std::string& meta_path,
                                                         const AdapterOptions& options) {
  AIRM_ASSIGN_OR_RETURN(learn::XgbBooster booster,
                        LoadCheckedXgboostBooster(model_path, options.model_limits));
  // One thread per prediction call: the catalogue sends many small batches,
  // and between them OpenMP workers would spin for nothing (6x slower in
  // bench/chaos). Parallelism comes from concurrent callers instead.
  AIRM_RETURN_IF_ERROR(booster.SetParam("nthread", "1"));
  Result<uint64_t> num_features = booster.NumFeatures();
  if (!num_features.ok()) {
    return Status::ParseError(model_path + ": cannot read the number of features: " +
                              Truncate(num_features.status().message()));
  }

  const std::string meta = meta_path.empty() ? DefaultMetaPath(model_path) : meta_path;
  std::optional<FeatureEncoding> encoding;
  if (!meta.empty()) {
    AIRM_ASSIGN_OR_RETURN(FeatureEncoding from_meta, FeatureEncoding::FromMetaFile(meta));
    encoding.emplace(std::move(from_meta));
  } else {
    std::vector<std::string> names = booster.FeatureNames();
    if (names.empty()) {
      return Status::InvalidArgument(
          "xgboost:" + model_path +
          ": the model has no feature names and no META file was given or found next to it");
    }
    encoding.emplace(FeatureEncoding::AllNumeric(names));
  }
  if (encoding->num_features() != *num_features) {
    return Status::ParseError(
        (meta.empty() ? model_path : meta) + ": " + std::to_string(encoding->num_features()) +
        " model features described, but the model expects " + std::to_string(*num_features));
  }
  // Count what the caller sends (input columns) first, so the report's header
  // agrees with "features sent"; the model's own input count follows.
  std::string description =
      "xgboost:" + model_path + " (in-process XGBoost, " +
      (meta.empty() ? std::to_string(*num_features) + " features, all numeric"
                    : std::to_string(encoding->num_columns()) + " input columns encoded into " +
                          std::to_string(*num_features) + " model features per " + meta) +
      ")";
  return std::unique_ptr<ModelAdapter>(new XgboostAdapter(std::move(booster), std::move(*encoding),
                                                          std::move(description), options));
}

}  // namespace airm::chaos
