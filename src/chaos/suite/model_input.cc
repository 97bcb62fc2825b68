#include "model_input.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

#include "airm/eval_data.h"

namespace airm::chaos::internal {
namespace {

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

Result<size_t> ColumnIndex(const Table& table, const std::string& name, const char* option) {
  std::optional<size_t> index = table.FindColumn(name);
  if (!index) {
    std::string names;
    for (const Column& c : table.columns()) names += (names.empty() ? "" : ", ") + c.name();
    return Status::InvalidArgument(std::string(option) + " names column " + Quoted(name) +
                                   ", which the data does not have (columns: " + names + ")");
  }
  return *index;
}

Result<std::vector<size_t>> FeatureIndices(const Table& table, size_t target,
                                           const ChaosOptions& options) {
  std::vector<uint8_t> excluded(table.num_columns(), 0);
  excluded[target] = 1;
  for (const std::string& name : options.exclude_columns) {
    AIRM_ASSIGN_OR_RETURN(size_t index, ColumnIndex(table, name, "--exclude"));
    excluded[index] = 1;
  }
  std::vector<size_t> out;
  if (options.feature_columns.empty()) {
    for (size_t i = 0; i < table.num_columns(); ++i) {
      if (!excluded[i]) out.push_back(i);
    }
  } else {
    for (const std::string& name : options.feature_columns) {
      AIRM_ASSIGN_OR_RETURN(size_t index, ColumnIndex(table, name, "--features"));
      if (index == target) {
        return Status::InvalidArgument("--features lists the target column " + Quoted(name));
      }
      if (std::find(out.begin(), out.end(), index) == out.end()) out.push_back(index);
    }
  }
  if (out.empty()) {
    return Status::InvalidArgument("no feature column is left to send to the model");
  }
  return out;
}

void DescribeNumeric(const Column& column, const std::vector<uint32_t>& rows, FeatureInfo* info) {
  std::vector<double> values;
  values.reserve(rows.size());
  for (uint32_t r : rows) {
    if (!column.IsValid(r)) continue;
    double v = column.NumericAt(r);
    if (std::isfinite(v)) values.push_back(v);
  }
  if (values.empty()) return;
  std::sort(values.begin(), values.end());
  info->min = values.front();
  info->max = values.back();
  const size_t mid = values.size() / 2;
  info->median = values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

void DescribeText(const Column& column, const std::vector<uint32_t>& rows, FeatureInfo* info) {
  std::unordered_map<std::string, size_t> seen;
  for (uint32_t r : rows) {
    if (!column.IsValid(r)) continue;
    std::string text = column.TextAt(r);
    if (seen.emplace(text, info->categories.size()).second) info->categories.push_back(text);
  }
}

}  // namespace

Cell CellAt(const Column& column, size_t row) {
  if (!column.IsValid(row)) return std::monostate{};
  switch (column.type()) {
    case DataType::kFloat64:
    case DataType::kInt64:
    case DataType::kBool:
      return column.NumericAt(row);
    case DataType::kCategorical:
    case DataType::kString:
    case DataType::kTimestamp:
      return column.TextAt(row);
  }
  return std::monostate{};
}

Result<ModelInput> BuildModelInput(const Table& table, const ChaosOptions& options) {
  AIRM_ASSIGN_OR_RETURN(size_t target, ColumnIndex(table, options.target, "--target"));
  AIRM_ASSIGN_OR_RETURN(std::vector<size_t> feature_indices,
                        FeatureIndices(table, target, options));
  const Column& y = table.column(target);
  ModelInput input;

  // The task: binary when a positive label is given or the target has at
  // most two values; regression for a numeric target with more.
  std::vector<std::pair<std::string, size_t>> labels;  // label -> count, first-seen order
  std::map<std::string, size_t> label_index;
  for (size_t r = 0; r < table.num_rows(); ++r) {
    if (!y.IsValid(r)) continue;
    if (y.is_numeric() && !std::isfinite(y.NumericAt(r))) continue;
    auto [it, inserted] = label_index.emplace(y.TextAt(r), labels.size());
    if (inserted) labels.emplace_back(it->first, 0);
    ++labels[it->second].second;
    if (labels.size() > 2 && !options.positive_label && y.is_numeric()) break;
  }
  if (labels.empty()) {
    return Status::InvalidArgument("--target " + Quoted(options.target) +
                                   " has no rows with a value");
  }
  const bool numeric_target = y.type() == DataType::kFloat64 || y.type() == DataType::kInt64;
  if (options.positive_label) {
    input.binary = true;
    input.positive_label = *options.positive_label;
    if (labels.size() == 2 && !label_index.count(input.positive_label)) {
      return Status::InvalidArgument("--positive-label " + Quoted(input.positive_label) +
                                     " is not a label of --target " + Quoted(options.target) +
                                     " (labels: " + Quoted(labels[0].first) + ", " +
                                     Quoted(labels[1].first) + ")");
    }
    for (const auto& [label, count] : labels) {
      if (label != input.positive_label) {
        input.negative_label = labels.size() == 2 ? label : "not " + input.positive_label;
        break;
      }
    }
    if (labels.size() == 1 && label_index.count(input.positive_label)) {
      input.negative_label = "not " + input.positive_label;
    }
  } else if (labels.size() > 2 && numeric_target) {
    input.binary = false;
  } else if (labels.size() == 2) {
    std::string note;
    std::vector<std::pair<std::string, uint64_t>> counts(labels.begin(), labels.end());
    input.positive_label = counts[GuessPositiveLabel(counts, &note)].first;
    input.negative_label =
        labels[0].first == input.positive_label ? labels[1].first : labels[0].first;
    input.notes.push_back(note);
  } else if (labels.size() == 1) {
    return Status::InvalidArgument("--target " + Quoted(options.target) + " has a single value " +
                                   Quoted(labels[0].first) +
                                   "; pass --positive-label to say which class it is");
  } else {
    return Status::InvalidArgument(
        "--target " + Quoted(options.target) +
        " has more than two text labels; pass --positive-label to test one class against the "
        "rest");
  }

  std::vector<uint32_t> kept;
  kept.reserve(table.num_rows());
  for (size_t r = 0; r < table.num_rows(); ++r) {
    if (!y.IsValid(r)) continue;
    if (input.binary) {
      if (y.is_numeric() && !std::isfinite(y.NumericAt(r))) continue;
      input.labels.push_back(y.TextAt(r) == input.positive_label ? 1 : 0);
    } else {
      const double v = y.NumericAt(r);
      if (!std::isfinite(v)) continue;
      input.values.push_back(v);
    }
    kept.push_back(static_cast<uint32_t>(r));
  }
  input.rows_excluded = table.num_rows() - kept.size();
  if (input.rows_excluded > 0) {
    input.notes.push_back(std::to_string(input.rows_excluded) +
                          " rows without a usable target value were left out");
  }
  if (input.binary) {
    const size_t positives = std::count(input.labels.begin(), input.labels.end(), 1);
    if (positives == 0 || positives == input.labels.size()) {
      input.notes.push_back(
          "insufficient evidence: the target has a single class, so ROC AUC and log-loss "
          "changes are undefined");
    }
  }

  for (size_t index : feature_indices) {
    const Column& column = table.column(index);
    FeatureInfo info;
    info.name = column.name();
    const bool numeric = column.type() == DataType::kFloat64 || column.type() == DataType::kInt64 ||
                         column.type() == DataType::kBool;
    info.kind = numeric ? FeatureKind::kNumeric : FeatureKind::kText;
    if (numeric) {
      DescribeNumeric(column, kept, &info);
    } else {
      DescribeText(column, kept, &info);
    }
    input.features.push_back(std::move(info));
    input.base.columns.push_back(column.name());
  }
  input.base.rows.resize(kept.size());
  for (size_t i = 0; i < kept.size(); ++i) {
    std::vector<Cell>& row = input.base.rows[i];
    row.reserve(feature_indices.size());
    for (size_t index : feature_indices) row.push_back(CellAt(table.column(index), kept[i]));
  }
  return input;
}

}  // namespace airm::chaos::internal
