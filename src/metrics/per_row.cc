// Per-row losses and errors for slice search and tail analysis.
#include <cmath>

#include "airm/metrics.h"
#include "metric_kernels.h"

namespace airm {

std::vector<double> PerRowLoss(const EvalData& data, std::string* loss_name) {
  std::vector<double> loss;
  loss.reserve(data.size());
  std::string name;
  if (data.task == TaskType::kRegression) {
    name = "squared_error";
    for (size_t i = 0; i < data.size(); ++i) {
      const double d = data.y_value[i] - data.y_hat[i];
      loss.push_back(d * d);
    }
  } else if (data.task == TaskType::kBinary && !data.score.empty()) {
    name = "log_loss";
    for (size_t i = 0; i < data.size(); ++i) {
      loss.push_back(eval_internal::BinaryLogLoss(data.score[i], data.y_true[i] == 1));
    }
  } else if (data.task == TaskType::kMulticlass && !data.proba.empty()) {
    name = "log_loss";
    for (size_t i = 0; i < data.size(); ++i) {
      loss.push_back(
          eval_internal::MulticlassLogLoss(data.proba, i, static_cast<size_t>(data.y_true[i])));
    }
  } else {
    name = "zero_one";
    for (size_t i = 0; i < data.size(); ++i) {
      loss.push_back(data.y_true[i] == data.y_pred[i] ? 0.0 : 1.0);
    }
  }
  if (loss_name != nullptr) *loss_name = name;
  return loss;
}

std::vector<uint8_t> PerRowError(const EvalData& data) {
  std::vector<uint8_t> error;
  if (data.task == TaskType::kRegression) return error;
  error.reserve(data.size());
  for (size_t i = 0; i < data.size(); ++i) error.push_back(data.y_true[i] != data.y_pred[i]);
  return error;
}

}  // namespace airm
