// FeatureEncoding: how a Batch's named columns become the dense float matrix
// an XGBoost model was trained on, following a `_meta.json` description.
//
// The rule (the `encoding` field of the metas in /work/shared/datasets/models
// and examples/credit/model_meta.json):
//   - a numeric feature column is read as a float; null, NaN and "" are
//     missing (NaN); a string is parsed as a number after trimming spaces,
//     and one that is not a number rejects the batch;
//   - a categorical column c becomes one-hot dummies named "c=level" for the
//     levels in categorical_levels: a known level sets its dummy to 1 and the
//     others to 0; a missing value (null, NaN, "") sets all of c's dummies to
//     NaN; an unseen level sets them all to 0. A number in a categorical
//     column is compared as its shortest decimal text (3.0 -> "3");
//   - a column absent from the batch leaves all of its model features NaN,
//     as if every value were missing;
//   - the matrix columns follow model_feature_names.
// Batch columns are matched by name (the first of duplicates wins); extra
// batch columns are ignored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/status.h"
#include "call_policy.h"

namespace airm::chaos {

class FeatureEncoding {
 public:
  // Reads feature_columns (optional), categorical_levels (optional) and
  // model_feature_names from a meta file. IoError when unreadable, ParseError
  // naming the file and field when the JSON or a field has the wrong shape or
  // a model feature is neither a feature column nor a "c=level" dummy.
  static Result<FeatureEncoding> FromMetaFile(const std::string& path);

  // Every model feature numeric, read from the batch column of its name.
  static FeatureEncoding AllNumeric(const std::vector<std::string>& feature_names);

  size_t num_features() const { return features_.size(); }
  // The input columns the encoding reads (fewer than num_features() when
  // categorical columns are one-hot encoded).
  size_t num_columns() const { return plans_.size(); }
  const std::vector<std::string>& feature_names() const { return names_; }

  // Fills `matrix` with rows x num_features() floats, row-major, NaN for
  // missing. Returns the reason when the batch cannot be encoded (a string
  // that is not a number in a numeric feature, a row with the wrong number
  // of cells), naming the 0-based row of the whole batch and the column.
  std::optional<std::string> Encode(const BatchView& chunk, std::vector<float>* matrix) const;

 private:
  struct Feature {
    std::string column;
    std::optional<std::string> level;  // set for a one-hot dummy "column=level"
  };
  // Per input column, the matrix positions it writes to.
  struct ColumnPlan {
    std::string column;
    std::optional<size_t> numeric_position;
    std::vector<std::pair<std::string, size_t>> dummies;  // level -> position
  };
  void BuildPlans();

  std::vector<Feature> features_;
  std::vector<std::string> names_;
  std::vector<ColumnPlan> plans_;
};

}  // namespace airm::chaos
