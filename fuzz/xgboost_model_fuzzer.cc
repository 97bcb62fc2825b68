// libFuzzer target: an XGBoost model file (JSON or UBJSON bytes) through the
// checker of src/chaos/adapters/xgboost_model_validator.h, and every model it
// accepts through libxgboost itself (load, then predict one row). A crash,
// hang or sanitizer report in either half is a bug: the checker must refuse
// whatever libxgboost cannot survive. Build and run: docs/chaos-adapters.md.
#include <xgboost/c_api.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "xgboost_fuzz_predict.h"
#include "xgboost_model_validator.h"

namespace {

// Small limits keep each run fast; the checks are the same at any size.
constexpr airm::chaos::ModelFileLimits kLimits = {
    .max_bytes = 1 << 20, .max_trees = 2000, .max_nodes = 50'000, .max_depth = 64};


}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto checked = airm::chaos::CheckXgboostModel(bytes, "fuzz-input", kLimits);
  if (checked.ok()) airm::fuzz::LoadAndPredict(*checked, 0.0f);
  return 0;
}
