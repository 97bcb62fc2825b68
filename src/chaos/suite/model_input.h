// Internal: the table reduced to what the model is sent and what its answers
// are judged against.
//
// BuildModelInput keeps the rows with a usable target, turns every feature
// column into wire cells (numbers as doubles, text as strings, null as
// monostate) and records per feature what the catalogue needs to perturb it
// meaningfully: numeric range and median, or the categories seen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/chaos/chaos_options.h"
#include "airm/chaos/model_adapter.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm::chaos::internal {

enum class FeatureKind { kNumeric, kText };

struct FeatureInfo {
  std::string name;
  FeatureKind kind = FeatureKind::kNumeric;
  // Numeric features, over the finite values (unset when there are none).
  std::optional<double> min;
  std::optional<double> max;
  std::optional<double> median;
  // Text features: the distinct values, in first-seen order.
  std::vector<std::string> categories;
};

struct ModelInput {
  Batch base;                         // kept rows; columns = features, table order
  std::vector<FeatureInfo> features;  // parallel to base.columns
  bool binary = true;
  std::vector<uint8_t> labels;  // binary: 1 = positive, one per kept row
  std::vector<double> values;   // regression: the target, one per kept row
  std::string positive_label;
  std::string negative_label;
  uint64_t rows_excluded = 0;
  std::vector<std::string> notes;

  size_t rows() const { return base.rows.size(); }
};

// Errors (InvalidArgument): unknown target / feature / excluded column, the
// target listed as a feature, no feature left, no row with a target, a
// target whose task cannot be told (one value and no --positive-label, more
// than two text labels without --positive-label), a --positive-label that is
// not among a two-valued target's labels.
Result<ModelInput> BuildModelInput(const Table& table, const ChaosOptions& options);

// The cell a model is sent for `row` of `column`.
Cell CellAt(const Column& column, size_t row);

}  // namespace airm::chaos::internal
