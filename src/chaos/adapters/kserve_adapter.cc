// kserve://HOST:PORT/MODEL — the KServe / Open Inference Protocol v2.
//
// Request:  POST /v2/models/MODEL/infer with one tensor per batch column:
//           {"inputs": [{"name": COLUMN, "shape": [n], "datatype": "FP64",
//                        "data": [...]}, ...]}
//           A column whose cells are all numbers or null is FP64 (null sent
//           as NaN: v2 has no null); any other column is BYTES, each cell as
//           text (numbers in shortest decimal, nan / inf / -inf, null as "").
//           A ragged row cannot become tensors: kRejectedInput.
// Answer:   2xx with {"outputs": [{"shape": [n] | [n, 1] | [n, k],
//           "data": [...]}]}; outputs[0] is read (prediction_reading.h):
//           [n, 2] class probabilities give column 1. Non-2xx is kHttpStatus.
#include <cmath>
#include <memory>
#include <variant>

#include "adapter_factories.h"
#include "call_policy.h"
#include "http_client_pool.h"
#include "number_text.h"
#include "prediction_reading.h"
#include "python_json.h"

namespace airm::chaos {
namespace {

std::string CellText(const Cell& cell) {
  if (const std::string* text = std::get_if<std::string>(&cell)) return *text;
  if (const double* number = std::get_if<double>(&cell)) {
    if (std::isnan(*number)) return "nan";
    if (std::isinf(*number)) return *number > 0 ? "inf" : "-inf";
    return ShortestNumber(*number);
  }
  return "";
}

// The v2 request body, or nullopt (with *reason) when a row is ragged.
std::optional<std::string> EncodeInferRequest(const BatchView& chunk, std::string* reason) {
  for (size_t row_idx = 0; row_idx < chunk.rows.size(); ++row_idx) {
    if (chunk.rows[row_idx].size() != chunk.columns.size()) {
      *reason = "row " + std::to_string(chunk.first_row + row_idx) + " has " +
                std::to_string(chunk.rows[row_idx].size()) + " cells for " +
                std::to_string(chunk.columns.size()) + " columns; v2 tensors need equal lengths";
      return std::nullopt;
    }
  }
  const std::string rows = std::to_string(chunk.rows.size());
  std::string body = R"({"inputs": [)";
  for (size_t column_idx = 0; column_idx < chunk.columns.size(); ++column_idx) {
    bool numeric = true;
    for (const std::vector<Cell>& row : chunk.rows) {
      if (std::holds_alternative<std::string>(row[column_idx])) {
        numeric = false;
        break;
      }
    }
    if (column_idx > 0) body.append(", ");
    body.append(R"({"name": )");
    AppendJsonString(chunk.columns[column_idx], &body);
    body.append(R"(, "shape": [)" + rows + R"(], "datatype": )");
    body.append(numeric ? R"("FP64", "data": [)" : R"("BYTES", "data": [)");
    for (size_t row_idx = 0; row_idx < chunk.rows.size(); ++row_idx) {
      if (row_idx > 0) body.append(", ");
      const Cell& cell = chunk.rows[row_idx][column_idx];
      if (numeric) {
        const double* number = std::get_if<double>(&cell);
        AppendJsonNumber(number != nullptr ? *number : std::nan(""), &body);
      } else {
        AppendJsonString(CellText(cell), &body);
      }
    }
    body.append("]}");
  }
  body.append("]}");
  return body;
}

class KserveAdapter : public ModelAdapter {
 public:
  KserveAdapter(const std::string& host, int port, std::string model, const AdapterOptions& options)
      : pool_(host, port, options),
        model_(std::move(model)),
        path_("/v2/models/" + model_ + "/infer"),
        options_(options),
        local_(IsLoopbackHost(host)) {}

  PredictOutcome Predict(const Batch& batch) override {
    return PredictChunked(batch, options_, [this](const BatchView& chunk) {
      PredictOutcome outcome;
      std::string reason;
      const std::optional<std::string> body = EncodeInferRequest(chunk, &reason);
      if (!body) {
        outcome.failure = FailureKind::kRejectedInput;
        outcome.detail = std::move(reason);
        return outcome;
      }
      const HttpReply reply = pool_.PostJson(path_, *body);
      if (reply.failure != FailureKind::kNone) {
        outcome.failure = reply.failure;
        outcome.detail = reply.detail;
        return outcome;
      }
      if (reply.status < 200 || reply.status > 299)
        return HttpStatusFailure(reply.status, reply.body);
      return ReadKservePredictions(reply.body, chunk.rows.size(), options_.positive_label);
    });
  }

  std::string Describe() const override {
    return "kserve://" + pool_.Authority() + "/" + model_ + " (Open Inference Protocol v2, " +
           path_ + ")";
  }
  bool IsLocal() const override { return local_; }

 private:
  HttpClientPool pool_;
  std::string model_;
  std::string path_;
  AdapterOptions options_;
  bool local_;
};

}  // namespace

std::unique_ptr<ModelAdapter> MakeKserveAdapter(const std::string& host, int port,
                                                const std::string& model,
                                                const AdapterOptions& options) {
  return std::make_unique<KserveAdapter>(host, port, model, options);
}

}  // namespace airm::chaos
