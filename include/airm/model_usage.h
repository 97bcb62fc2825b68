// AttachModelUsage: put how much the model uses each column beside the
// column's drift (issue 16), from the model's per-feature importance.
//
// The matching rule, by name: a model feature named like an input column is
// that column; "c=level" (a one-hot dummy, the encoding of
// examples/credit/model_meta.json) belongs to input column c. A model
// feature that matches no input column is listed as unmatched; an input
// column no feature matches gets 0 (the model does not read it). Outputs
// (target, prediction, score) are not model inputs and get none.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "airm/drift_result.h"

namespace airm {

struct ModelFeatureScore {
  std::string feature;
  double total_gain = 0;
  uint64_t splits = 0;
};

// Sets result->model and each input column's model_use (top level and in
// every segment) and adds the column's gain share as evidence
// "model_gain_share" to its findings. A model whose total gain is 0 (no
// split) gives every column a 0 share.
void AttachModelUsage(std::string source, std::span<const ModelFeatureScore> features,
                      DriftResult* result);

}  // namespace airm
