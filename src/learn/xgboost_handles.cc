#include "airm/learn/xgboost_handles.h"

#include <xgboost/c_api.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>

namespace airm::learn {
namespace {

Status XgbError(const char* call) {
  const char* message = XGBGetLastError();
  return Status::Internal(std::string("xgboost ") + call +
                          " failed: " + (message != nullptr ? message : "(no message)"));
}

#define AIRM_XGB_CHECK(call_expr, name)          \
  do {                                           \
    if ((call_expr) != 0) return XgbError(name); \
  } while (0)

}  // namespace

Result<XgbMatrix> XgbMatrix::Make(std::span<const float> values, uint64_t rows,
                                  const std::vector<const char*>& feature_types,
                                  std::span<const float> labels) {
  const uint64_t cols = feature_types.size();
  if (cols == 0 || values.size() != rows * cols || (!labels.empty() && labels.size() != rows)) {
    return Status::Internal("XgbMatrix::Make: inconsistent matrix shape");
  }
  AIRM_ASSIGN_OR_RETURN(XgbMatrix matrix, Dense(values, rows, cols));
  DMatrixHandle raw = matrix.handle();
  std::vector<const char*> types = feature_types;
  AIRM_XGB_CHECK(XGDMatrixSetStrFeatureInfo(raw, "feature_type", types.data(), cols),
                 "XGDMatrixSetStrFeatureInfo(feature_type)");
  if (!labels.empty()) {
    AIRM_XGB_CHECK(XGDMatrixSetFloatInfo(raw, "label", labels.data(), rows),
                   "XGDMatrixSetFloatInfo(label)");
  }
  return matrix;
}

Result<XgbMatrix> XgbMatrix::Dense(std::span<const float> values, uint64_t rows, uint64_t cols) {
  if (cols == 0 || values.size() != rows * cols) {
    return Status::Internal("XgbMatrix::Dense: inconsistent matrix shape");
  }
  DMatrixHandle raw = nullptr;
  // One thread: building the matrix is a copy, and OpenMP's spinning threads
  // cost more than they save on a shared machine (docs/multivariate.md).
  // NaN marks a missing value.
  AIRM_XGB_CHECK(XGDMatrixCreateFromMat_omp(values.data(), rows, cols, std::nanf(""), &raw, 1),
                 "XGDMatrixCreateFromMat_omp");
  return XgbMatrix(raw);
}

XgbMatrix& XgbMatrix::operator=(XgbMatrix&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) XGDMatrixFree(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

XgbMatrix::~XgbMatrix() {
  if (handle_ != nullptr) XGDMatrixFree(handle_);
}

Result<XgbBooster> XgbBooster::Make(
    const XgbMatrix& train, const std::vector<std::pair<std::string, std::string>>& params) {
  DMatrixHandle matrices[1] = {train.handle()};
  BoosterHandle raw = nullptr;
  AIRM_XGB_CHECK(XGBoosterCreate(matrices, 1, &raw), "XGBoosterCreate");
  XgbBooster booster(raw);
  for (const auto& [name, value] : params) AIRM_RETURN_IF_ERROR(booster.SetParam(name, value));
  return booster;
}

Result<XgbBooster> XgbBooster::Load(std::string_view model) {
  BoosterHandle raw = nullptr;
  AIRM_XGB_CHECK(XGBoosterCreate(nullptr, 0, &raw), "XGBoosterCreate");
  XgbBooster booster(raw);
  if (XGBoosterLoadModelFromBuffer(raw, model.data(), model.size()) != 0) {
    return Status::ParseError(XgbError("XGBoosterLoadModelFromBuffer").message());
  }
  return booster;
}

Status XgbBooster::SetParam(const std::string& name, const std::string& value) {
  if (XGBoosterSetParam(handle_, name.c_str(), value.c_str()) != 0) {
    return XgbError(("XGBoosterSetParam(" + name + ")").c_str());
  }
  return Status::Ok();
}

Result<uint64_t> XgbBooster::NumFeatures() const {
  bst_ulong count = 0;
  AIRM_XGB_CHECK(XGBoosterGetNumFeature(handle_, &count), "XGBoosterGetNumFeature");
  return uint64_t{count};
}

std::vector<std::string> XgbBooster::FeatureNames() const {
  bst_ulong count = 0;
  const char** names = nullptr;
  if (XGBoosterGetStrFeatureInfo(handle_, "feature_name", &count, &names) != 0) return {};
  return std::vector<std::string>(names, names + count);
}

XgbBooster& XgbBooster::operator=(XgbBooster&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) XGBoosterFree(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

XgbBooster::~XgbBooster() {
  if (handle_ != nullptr) XGBoosterFree(handle_);
}

Status XgbBooster::Train(const XgbMatrix& train, int rounds) {
  for (int iteration = 0; iteration < rounds; ++iteration) {
    AIRM_XGB_CHECK(XGBoosterUpdateOneIter(handle_, iteration, train.handle()),
                   "XGBoosterUpdateOneIter");
  }
  return Status::Ok();
}

Result<int> XgbBooster::TrainWithEarlyStopping(const XgbMatrix& train, const XgbMatrix& validation,
                                               int max_rounds, int patience) {
  DMatrixHandle eval_sets[1] = {validation.handle()};
  const char* eval_names[1] = {"validation"};
  double best_metric = std::numeric_limits<double>::infinity();
  int best_rounds = 0;
  for (int iteration = 0; iteration < max_rounds; ++iteration) {
    AIRM_XGB_CHECK(XGBoosterUpdateOneIter(handle_, iteration, train.handle()),
                   "XGBoosterUpdateOneIter");
    const char* text = nullptr;
    AIRM_XGB_CHECK(XGBoosterEvalOneIter(handle_, iteration, eval_sets, eval_names, 1, &text),
                   "XGBoosterEvalOneIter");
    // The text reads "[<iteration>]\tvalidation-<metric>:<value>".
    const std::string_view line(text != nullptr ? text : "");
    const size_t colon = line.rfind(':');
    double metric = 0;
    const char* end = line.data() + line.size();
    const auto [ptr, ec] = colon == std::string_view::npos
                               ? std::from_chars_result{end, std::errc::invalid_argument}
                               : std::from_chars(line.data() + colon + 1, end, metric);
    if (ec != std::errc() || ptr != end) {
      return Status::Internal("xgboost evaluation text not understood: '" + std::string(line) +
                              "'");
    }
    if (iteration == 0 || metric < best_metric) {
      best_metric = metric;
      best_rounds = iteration + 1;
    } else if (iteration + 1 - best_rounds >= patience) {
      break;
    }
  }
  return best_rounds;
}

Result<XgbBooster> XgbBooster::Slice(int rounds) const {
  BoosterHandle raw = nullptr;
  AIRM_XGB_CHECK(XGBoosterSlice(handle_, 0, rounds, 1, &raw), "XGBoosterSlice");
  return XgbBooster(raw);
}

Result<XgbPrediction> XgbBooster::PredictRaw(const XgbMatrix& data) const {
  static constexpr char kConfig[] =
      R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0,)"
      R"( "strict_shape": false})";
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* out = nullptr;
  AIRM_XGB_CHECK(XGBoosterPredictFromDMatrix(handle_, data.handle(), kConfig, &shape, &dim, &out),
                 "XGBoosterPredictFromDMatrix");
  XgbPrediction prediction;
  uint64_t size = dim == 0 ? 0 : 1;
  for (bst_ulong d = 0; d < dim; ++d) {
    prediction.shape.push_back(shape[d]);
    size *= shape[d];
  }
  // `out` is XGBoost's buffer, reused by the next call: copy it now.
  prediction.values.assign(out, out + size);
  return prediction;
}

Result<std::vector<float>> XgbBooster::Predict(const XgbMatrix& data) const {
  AIRM_ASSIGN_OR_RETURN(XgbPrediction prediction, PredictRaw(data));
  bst_ulong rows = 0;
  AIRM_XGB_CHECK(XGDMatrixNumRow(data.handle(), &rows), "XGDMatrixNumRow");
  // A binary model predicts one number per row: a 1-d result of `rows`.
  if (prediction.shape.size() != 1 || prediction.shape[0] != rows) {
    return Status::Internal("xgboost prediction has an unexpected shape");
  }
  return std::move(prediction.values);
}

Result<std::vector<std::pair<std::string, double>>> XgbBooster::NamedFeatureScores(
    const std::string& importance_type) const {
  const std::string config = R"({"importance_type": ")" + importance_type + R"("})";
  bst_ulong n_features = 0;
  const char** names = nullptr;
  bst_ulong dim = 0;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  AIRM_XGB_CHECK(
      XGBoosterFeatureScore(handle_, config.c_str(), &n_features, &names, &dim, &shape, &scores),
      "XGBoosterFeatureScore");
  // One score per feature for tree models (dim 1); a linear model's
  // per-class weights (dim 2) have no single score per feature.
  if (dim > 1) {
    return Status::InvalidArgument(
        "xgboost gives feature scores per class for this model; one score per feature expected");
  }
  std::vector<std::pair<std::string, double>> result;
  result.reserve(n_features);
  for (bst_ulong i = 0; i < n_features; ++i) result.emplace_back(names[i], scores[i]);
  return result;
}

Result<std::vector<double>> XgbBooster::FeatureScores(const std::string& importance_type,
                                                      size_t num_features) const {
  AIRM_ASSIGN_OR_RETURN(auto named, NamedFeatureScores(importance_type));
  std::vector<double> result(num_features, 0.0);
  // Without feature names set, XGBoost names features "f<position>" and only
  // lists those used in a split.
  for (const auto& [name, score] : named) {
    size_t position = 0;
    const char* begin = name.data();
    const char* end = begin + name.size();
    auto [ptr, ec] = (!name.empty() && name[0] == 'f')
                         ? std::from_chars(begin + 1, end, position)
                         : std::from_chars_result{begin, std::errc::invalid_argument};
    if (ec != std::errc() || ptr != end || position >= num_features) {
      return Status::Internal("xgboost feature score for unexpected feature '" + name + "'");
    }
    result[position] += score;
  }
  return result;
}

}  // namespace airm::learn
