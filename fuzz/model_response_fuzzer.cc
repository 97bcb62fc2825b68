// libFuzzer target: what a model server answers (chaos adapters,
// src/chaos/adapters/prediction_reading.h). The first byte picks the protocol
// (MLflow `predictions` or KServe v2 `outputs`) and the positive label, the
// second the number of rows that were sent; the rest is the response body.
// Contract checked: no crash and no escaping exception (Python-style NaN /
// Infinity tokens, numbers no double holds, invalid UTF-8, deep nesting);
// an answer read without failure has exactly one score per row sent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "prediction_reading.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t mode = data[0];
  const size_t expected = data[1] % 8;
  const std::string_view body(reinterpret_cast<const char*>(data + 2), size - 2);
  static const std::optional<std::string> kLabels[] = {std::nullopt, "1", "bad",
                                                       "0",          "7", "probability"};
  const std::optional<std::string>& label = kLabels[(mode >> 1) % std::size(kLabels)];
  const airm::chaos::PredictOutcome outcome =
      (mode & 1) ? airm::chaos::ReadKservePredictions(body, expected, label)
                 : airm::chaos::ReadMlflowPredictions(body, expected, label);
  if (outcome.failure == airm::chaos::FailureKind::kNone && outcome.scores.size() != expected) {
    std::abort();
  }
  return 0;
}
