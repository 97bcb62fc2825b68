#include "feature_encoding.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <variant>

#include "airm/small_file.h"
#include "number_text.h"

namespace airm::chaos {
namespace {

using Json = nlohmann::json;

Status MetaError(const std::string& path, const std::string& what) {
  return Status::ParseError(path + ": " + what);
}

Result<std::vector<std::string>> StringArray(const Json& meta, const std::string& path,
                                             const std::string& field) {
  const auto it = meta.find(field);
  if (it == meta.end() || !it->is_array()) {
    return MetaError(path, "field '" + field + "': expected an array of strings");
  }
  std::vector<std::string> values;
  for (size_t idx = 0; idx < it->size(); ++idx) {
    const Json& value = (*it)[idx];
    if (!value.is_string()) {
      return MetaError(path,
                       "field '" + field + "'[" + std::to_string(idx) + "]: expected a string");
    }
    values.push_back(value.get<std::string>());
  }
  return values;
}

// The text a categorical cell is matched by, or nullopt when it is missing.
std::optional<std::string> CategoryText(const Cell& cell) {
  if (const std::string* text = std::get_if<std::string>(&cell)) {
    if (text->empty()) return std::nullopt;
    return *text;
  }
  if (const double* number = std::get_if<double>(&cell)) {
    if (std::isnan(*number)) return std::nullopt;
    if (std::isinf(*number)) return *number > 0 ? "inf" : "-inf";
    return ShortestNumber(*number);
  }
  return std::nullopt;
}

}  // namespace

Result<FeatureEncoding> FeatureEncoding::FromMetaFile(const std::string& path) {
  AIRM_ASSIGN_OR_RETURN(const std::string text, ReadSmallFile(path, "model meta file"));
  Json meta;
  try {
    meta = Json::parse(text);
  } catch (const Json::parse_error& error) {
    return MetaError(path, "invalid JSON at byte " + std::to_string(error.byte));
  }
  if (!meta.is_object()) return MetaError(path, "expected a JSON object");

  AIRM_ASSIGN_OR_RETURN(std::vector<std::string> names,
                        StringArray(meta, path, "model_feature_names"));
  if (names.empty()) return MetaError(path, "field 'model_feature_names' is empty");
  std::optional<std::set<std::string>> feature_columns;
  if (meta.contains("feature_columns")) {
    AIRM_ASSIGN_OR_RETURN(std::vector<std::string> columns,
                          StringArray(meta, path, "feature_columns"));
    feature_columns.emplace(columns.begin(), columns.end());
  }
  std::map<std::string, std::set<std::string>> levels;
  if (meta.contains("categorical_levels")) {
    const Json& all_levels = meta["categorical_levels"];
    if (!all_levels.is_object()) {
      return MetaError(path, "field 'categorical_levels': expected an object");
    }
    for (const auto& [column, column_levels] : all_levels.items()) {
      AIRM_ASSIGN_OR_RETURN(std::vector<std::string> values,
                            StringArray(all_levels, path + ": categorical_levels", column));
      levels[column].insert(values.begin(), values.end());
    }
  }

  FeatureEncoding encoding;
  encoding.names_ = names;
  for (const std::string& name : names) {
    // A dummy is "c=level" for a categorical c and one of its levels; the
    // split is tried at every '=' because a level may itself contain one.
    std::optional<Feature> dummy;
    for (size_t eq = name.find('='); eq != std::string::npos; eq = name.find('=', eq + 1)) {
      const auto column_levels = levels.find(name.substr(0, eq));
      if (column_levels != levels.end() && column_levels->second.count(name.substr(eq + 1)) > 0) {
        dummy = Feature{name.substr(0, eq), name.substr(eq + 1)};
        break;
      }
    }
    if (dummy) {
      encoding.features_.push_back(*dummy);
      continue;
    }
    if (feature_columns && feature_columns->count(name) == 0) {
      return MetaError(path, "model feature '" + name +
                                 "' is neither in feature_columns nor a 'column=level' dummy "
                                 "of categorical_levels");
    }
    encoding.features_.push_back(Feature{name, std::nullopt});
  }
  encoding.BuildPlans();
  return encoding;
}

FeatureEncoding FeatureEncoding::AllNumeric(const std::vector<std::string>& feature_names) {
  FeatureEncoding encoding;
  encoding.names_ = feature_names;
  for (const std::string& name : feature_names) {
    encoding.features_.push_back(Feature{name, std::nullopt});
  }
  encoding.BuildPlans();
  return encoding;
}

void FeatureEncoding::BuildPlans() {
  std::map<std::string, size_t> plan_of_column;
  for (size_t position = 0; position < features_.size(); ++position) {
    const Feature& feature = features_[position];
    auto [it, inserted] = plan_of_column.emplace(feature.column, plans_.size());
    if (inserted) plans_.push_back(ColumnPlan{feature.column, std::nullopt, {}});
    ColumnPlan& plan = plans_[it->second];
    if (feature.level) {
      plan.dummies.emplace_back(*feature.level, position);
    } else {
      plan.numeric_position = position;
    }
  }
}

std::optional<std::string> FeatureEncoding::Encode(const BatchView& chunk,
                                                   std::vector<float>* matrix) const {
  const size_t width = features_.size();
  matrix->assign(chunk.rows.size() * width, std::nanf(""));
  // Batch column index of each plan's column, or nullopt when absent.
  std::vector<std::optional<size_t>> source(plans_.size());
  for (size_t plan_idx = 0; plan_idx < plans_.size(); ++plan_idx) {
    for (size_t column_idx = 0; column_idx < chunk.columns.size(); ++column_idx) {
      if (chunk.columns[column_idx] == plans_[plan_idx].column) {
        source[plan_idx] = column_idx;
        break;
      }
    }
  }
  for (size_t row_idx = 0; row_idx < chunk.rows.size(); ++row_idx) {
    const std::vector<Cell>& row = chunk.rows[row_idx];
    const size_t batch_row = chunk.first_row + row_idx;
    if (row.size() != chunk.columns.size()) {
      return "row " + std::to_string(batch_row) + " has " + std::to_string(row.size()) +
             " cells for " + std::to_string(chunk.columns.size()) + " columns";
    }
    float* out = matrix->data() + row_idx * width;
    for (size_t plan_idx = 0; plan_idx < plans_.size(); ++plan_idx) {
      if (!source[plan_idx]) continue;  // absent column: all its features stay NaN
      const ColumnPlan& plan = plans_[plan_idx];
      const Cell& cell = row[*source[plan_idx]];
      if (plan.numeric_position) {
        if (const double* number = std::get_if<double>(&cell)) {
          out[*plan.numeric_position] = static_cast<float>(*number);
        } else if (const std::string* text = std::get_if<std::string>(&cell)) {
          const std::string_view trimmed = TrimSpace(*text);
          if (!trimmed.empty()) {
            const std::optional<double> parsed = ParseNumber(trimmed);
            if (!parsed) {
              return "row " + std::to_string(batch_row) + ", column '" + plan.column + "': '" +
                     Truncate(*text, 60) + "' is not a number (numeric model feature)";
            }
            out[*plan.numeric_position] = static_cast<float>(*parsed);
          }
        }
      }
      if (!plan.dummies.empty()) {
        const std::optional<std::string> level = CategoryText(cell);
        if (!level) continue;  // missing: the dummies stay NaN
        for (const auto& [dummy_level, position] : plan.dummies) {
          out[position] = dummy_level == *level ? 1.0f : 0.0f;
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace airm::chaos
