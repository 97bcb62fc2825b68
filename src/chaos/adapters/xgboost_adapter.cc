// xgboost:MODEL.json[:META] — a model scored in-process through Debian's
// libxgboost C API, with the batch encoded by FeatureEncoding.
//
// Thread-safety: XGBoost 1.7 keeps the prediction buffer inside the booster
// and its C API does not promise concurrent predictions on one booster, so
// DMatrix creation and prediction run under a mutex; encoding runs outside it.
#include <xgboost/c_api.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>

#include "adapter_factories.h"
#include "call_policy.h"
#include "feature_encoding.h"
#include "xgboost_model_validator.h"

namespace airm::chaos {
namespace {

std::string XgbLastError() {
  const char* message = XGBGetLastError();
  return message != nullptr ? message : "(no message)";
}

struct BoosterFree {
  void operator()(void* handle) const { XGBoosterFree(handle); }
};
struct MatrixFree {
  void operator()(void* handle) const { XGDMatrixFree(handle); }
};
using BoosterPtr = std::unique_ptr<void, BoosterFree>;
using MatrixPtr = std::unique_ptr<void, MatrixFree>;

// The booster's own feature names, or empty when it was trained without.
std::vector<std::string> BoosterFeatureNames(void* booster) {
  bst_ulong count = 0;
  const char** names = nullptr;
  if (XGBoosterGetStrFeatureInfo(booster, "feature_name", &count, &names) != 0) return {};
  return std::vector<std::string>(names, names + count);
}

class XgboostAdapter : public ModelAdapter {
 public:
  XgboostAdapter(BoosterPtr booster, FeatureEncoding encoding, std::string description,
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
    const bst_ulong rows = chunk.rows.size();
    const bst_ulong width = encoding_.num_features();
    static constexpr char kConfig[] =
        R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0,)"
        R"( "strict_shape": false})";
    std::lock_guard<std::mutex> lock(mutex_);
    DMatrixHandle raw_matrix = nullptr;
    if (XGDMatrixCreateFromMat(matrix.data(), rows, width, std::nanf(""), &raw_matrix) != 0) {
      // XGBoost refuses some values itself, e.g. ±Inf when missing is NaN.
      outcome.failure = FailureKind::kRejectedInput;
      outcome.detail = "xgboost cannot build the feature matrix: " + Truncate(XgbLastError());
      return outcome;
    }
    MatrixPtr dmatrix(raw_matrix);
    const bst_ulong* shape = nullptr;
    bst_ulong dim = 0;
    const float* out = nullptr;
    if (XGBoosterPredictFromDMatrix(booster_.get(), dmatrix.get(), kConfig, &shape, &dim, &out) !=
        0) {
      outcome.failure = FailureKind::kRejectedInput;
      outcome.detail = "xgboost prediction failed: " + Truncate(XgbLastError());
      return outcome;
    }
    // One value per row (binary:logistic, regression), or rows x 2 class
    // probabilities of a two-class softprob model (column 1 = class 1).
    size_t stride = 0;
    if (dim == 1 && shape[0] == rows) {
      stride = 1;
    } else if (dim == 2 && shape[0] == rows && (shape[1] == 1 || shape[1] == 2)) {
      stride = shape[1];
    } else {
      outcome.failure = FailureKind::kMalformed;
      outcome.detail = "xgboost returned " + std::to_string(dim) +
                       "-d predictions that are not one score per row";
      return outcome;
    }
    outcome.scores.resize(rows);
    for (bst_ulong row = 0; row < rows; ++row) outcome.scores[row] = out[row * stride + stride - 1];
    return outcome;
  }

  BoosterPtr booster_;
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
  // The file is untrusted: libxgboost only ever sees the checked document.
  AIRM_ASSIGN_OR_RETURN(const std::string checked,
                        LoadCheckedXgboostModel(model_path, options.model_limits));
  BoosterHandle raw_booster = nullptr;
  if (XGBoosterCreate(nullptr, 0, &raw_booster) != 0) {
    return Status::Internal("xgboost XGBoosterCreate failed: " + XgbLastError());
  }
  BoosterPtr booster(raw_booster);
  if (XGBoosterLoadModelFromBuffer(booster.get(), checked.data(), checked.size()) != 0) {
    return Status::ParseError(model_path + ": not an XGBoost model: " + Truncate(XgbLastError()));
  }
  // One thread per prediction call: the catalogue sends many small batches,
  // and between them OpenMP workers would spin for nothing (6x slower in
  // bench/chaos). Parallelism comes from concurrent callers instead.
  if (XGBoosterSetParam(booster.get(), "nthread", "1") != 0) {
    return Status::Internal("xgboost XGBoosterSetParam(nthread) failed: " + XgbLastError());
  }
  bst_ulong num_features = 0;
  if (XGBoosterGetNumFeature(booster.get(), &num_features) != 0) {
    return Status::ParseError(model_path +
                              ": cannot read the number of features: " + Truncate(XgbLastError()));
  }

  const std::string meta = meta_path.empty() ? DefaultMetaPath(model_path) : meta_path;
  std::optional<FeatureEncoding> encoding;
  if (!meta.empty()) {
    AIRM_ASSIGN_OR_RETURN(FeatureEncoding from_meta, FeatureEncoding::FromMetaFile(meta));
    encoding.emplace(std::move(from_meta));
  } else {
    std::vector<std::string> names = BoosterFeatureNames(booster.get());
    if (names.empty()) {
      return Status::InvalidArgument(
          "xgboost:" + model_path +
          ": the model has no feature names and no META file was given or found next to it");
    }
    encoding.emplace(FeatureEncoding::AllNumeric(names));
  }
  if (encoding->num_features() != num_features) {
    return Status::ParseError(
        (meta.empty() ? model_path : meta) + ": " + std::to_string(encoding->num_features()) +
        " model features described, but the model expects " + std::to_string(num_features));
  }
  std::string description = "xgboost:" + model_path + " (in-process XGBoost, " +
                            std::to_string(num_features) + " features" +
                            (meta.empty() ? ", all numeric" : ", encoded per " + meta) + ")";
  return std::unique_ptr<ModelAdapter>(new XgboostAdapter(std::move(booster), std::move(*encoding),
                                                          std::move(description), options));
}

}  // namespace airm::chaos
