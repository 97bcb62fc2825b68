// http://HOST:PORT/PATH — the MLflow scoring protocol.
//
// Request:  POST PATH, Content-Type application/json,
//           {"dataframe_split": {"columns": [...], "data": [[...], ...]}}
//           (python_json.h: NaN / Infinity / -Infinity tokens for non-finite
//           numbers, null for missing cells).
// Answer:   2xx with {"predictions": [...]} or a bare list, one prediction per
//           row, read by the rules in prediction_reading.h; a non-2xx status
//           is kHttpStatus (retried when 5xx).
#include <memory>

#include "adapter_factories.h"
#include "call_policy.h"
#include "http_client_pool.h"
#include "prediction_reading.h"
#include "python_json.h"

namespace airm::chaos {
namespace {

class HttpMlflowAdapter : public ModelAdapter {
 public:
  HttpMlflowAdapter(const std::string& host, int port, std::string path,
                    const AdapterOptions& options)
      : pool_(host, port, options),
        path_(std::move(path)),
        options_(options),
        local_(IsLoopbackHost(host)) {}

  PredictOutcome Predict(const Batch& batch) override {
    return PredictChunked(batch, options_, [this](const BatchView& chunk) {
      const HttpReply reply =
          pool_.PostJson(path_, EncodeDataframeSplit(chunk.columns, chunk.rows));
      if (reply.failure != FailureKind::kNone) {
        PredictOutcome outcome;
        outcome.failure = reply.failure;
        outcome.detail = reply.detail;
        return outcome;
      }
      if (reply.status < 200 || reply.status > 299)
        return HttpStatusFailure(reply.status, reply.body);
      return ReadMlflowPredictions(reply.body, chunk.rows.size(), options_.positive_label);
    });
  }

  std::string Describe() const override {
    return "http://" + pool_.Authority() + path_ + " (MLflow scoring protocol)";
  }
  bool IsLocal() const override { return local_; }

 private:
  HttpClientPool pool_;
  std::string path_;
  AdapterOptions options_;
  bool local_;
};

}  // namespace

std::unique_ptr<ModelAdapter> MakeHttpMlflowAdapter(const std::string& host, int port,
                                                    const std::string& path,
                                                    const AdapterOptions& options) {
  return std::make_unique<HttpMlflowAdapter>(host, port, path, options);
}

}  // namespace airm::chaos
