// BuildEvalData: from a Table and the user's column choices to EvalData.
//
// Steps:
//   1. Resolve every named column (errors name the option).
//   2. Infer the task when it is not given (rules in eval_data.h).
//   3. Classification: fix the classes (binary: {negative, positive} with
//      the positive label chosen by the documented rule; multiclass: the
//      sorted target labels) and resolve the probability columns.
//   4. One pass over the rows: keep a row only when everything it needs is
//      present and valid; otherwise count it under the first reason that
//      applies, so each excluded row is counted exactly once.
#include "airm/eval_data.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "score_index.h"

namespace airm {

const char* TaskTypeName(TaskType t) {
  switch (t) {
    case TaskType::kBinary:
      return "binary";
    case TaskType::kMulticlass:
      return "multiclass";
    case TaskType::kRegression:
      return "regression";
  }
  return "unknown";
}

namespace {

constexpr int32_t kNoLabel = -1;
constexpr size_t kRegressionMinDistinct = 11;  // "more than 10 distinct values"

// A valid numeric cell that is NaN is treated like a null: it carries no value.
bool HasValue(const Column& column, size_t row) {
  if (!column.IsValid(row)) return false;
  if (column.type() == DataType::kFloat64) return !std::isnan(column.Float64At(row));
  return true;
}

bool IsPlainNumeric(const Column& column) {
  return column.type() == DataType::kFloat64 || column.type() == DataType::kInt64 ||
         column.type() == DataType::kBool;
}

// The text of each row's label, computed once per dictionary entry for
// categorical columns so a million-row column costs no per-row allocation.
class LabelReader {
 public:
  explicit LabelReader(const Column& column) : column_(column) {}
  std::string Text(size_t row) const {
    if (column_.type() == DataType::kCategorical) {
      return column_.dictionary()[static_cast<size_t>(column_.codes()[row])];
    }
    return column_.TextAt(row);
  }

 private:
  const Column& column_;
};

// Maps label text to a class index; unknown labels map to kNoLabel. For a
// categorical column the mapping is precomputed per dictionary code.
class LabelIndexer {
 public:
  LabelIndexer(const Column& column, const std::vector<std::string>& classes) : column_(column) {
    for (size_t i = 0; i < classes.size(); ++i) index_[classes[i]] = static_cast<int32_t>(i);
    if (column.type() == DataType::kCategorical) {
      by_code_.reserve(column.dictionary().size());
      for (const std::string& text : column.dictionary()) by_code_.push_back(Lookup(text));
    }
  }
  int32_t Index(size_t row) const {
    if (column_.type() == DataType::kCategorical) {
      return by_code_[static_cast<size_t>(column_.codes()[row])];
    }
    return Lookup(column_.TextAt(row));
  }

 private:
  int32_t Lookup(const std::string& text) const {
    auto it = index_.find(text);
    return it == index_.end() ? kNoLabel : it->second;
  }
  const Column& column_;
  std::unordered_map<std::string, int32_t> index_;
  std::vector<int32_t> by_code_;
};

struct LabelCount {
  std::string label;
  uint64_t count = 0;
  double numeric = 0;  // for numeric targets: sort by value, not text
};

// Distinct labels of the rows with a value, in first-seen order.
std::vector<LabelCount> CountLabels(const Column& column) {
  std::vector<LabelCount> labels;
  std::unordered_map<std::string, size_t> where;
  LabelReader reader(column);
  const bool numeric = column.is_numeric();
  if (column.type() == DataType::kCategorical) {
    std::vector<uint64_t> per_code(column.dictionary().size(), 0);
    for (size_t row = 0; row < column.size(); ++row) {
      if (column.IsValid(row)) ++per_code[static_cast<size_t>(column.codes()[row])];
    }
    for (size_t code = 0; code < per_code.size(); ++code) {
      if (per_code[code] == 0) continue;
      const std::string& text = column.dictionary()[code];
      auto [it, inserted] = where.emplace(text, labels.size());
      if (inserted) labels.push_back({text, 0, 0});
      labels[it->second].count += per_code[code];
    }
    return labels;
  }
  for (size_t row = 0; row < column.size(); ++row) {
    if (!HasValue(column, row)) continue;
    std::string text = reader.Text(row);
    auto [it, inserted] = where.emplace(text, labels.size());
    if (inserted) labels.push_back({std::move(text), 0, numeric ? column.NumericAt(row) : 0});
    ++labels[it->second].count;
  }
  return labels;
}

size_t CountDistinctNumeric(const Column& column, size_t stop_at) {
  std::set<double> seen;
  for (size_t row = 0; row < column.size() && seen.size() < stop_at; ++row) {
    if (HasValue(column, row)) seen.insert(column.NumericAt(row));
  }
  return seen.size();
}

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

std::string JoinLabels(const std::vector<LabelCount>& labels) {
  std::string out;
  for (size_t i = 0; i < labels.size() && i < 5; ++i) {
    if (i > 0) out += ", ";
    out += Quoted(labels[i].label);
  }
  if (labels.size() > 5) out += ", ...";
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Result<const Column*> FindOptionColumn(const Table& table, const std::string& option,
                                       const std::string& name) {
  auto index = table.FindColumn(name);
  if (!index) {
    return Status::InvalidArgument(option + " names column " + Quoted(name) +
                                   ", which the data does not have");
  }
  return &table.column(*index);
}

// Exclusion counts by reason, in the order the reasons are checked.
enum Reason {
  kMissingTarget,
  kMissingPrediction,
  kUnknownPrediction,
  kMissingScore,
  kBadScore,
  kMissingProba,
  kBadProba,
  kNonFinite,
  kNumReasons
};

std::string ReasonNote(Reason reason, uint64_t count, const EvalSpec& spec) {
  const std::string rows = std::to_string(count) + (count == 1 ? " row" : " rows");
  switch (reason) {
    case kMissingTarget:
      return rows + " with a missing --target '" + spec.target + "'";
    case kMissingPrediction:
      return rows + " with a missing --prediction '" + spec.prediction + "'";
    case kUnknownPrediction:
      return rows + " whose --prediction '" + spec.prediction +
             "' label is not one of the target's classes";
    case kMissingScore:
      return rows + " with a missing --score '" + spec.score + "'";
    case kBadScore:
      return rows + " whose --score '" + spec.score + "' is NaN or outside [0, 1]";
    case kMissingProba:
      return rows + " with a missing --proba-prefix '" + spec.proba_prefix + "' probability";
    case kBadProba:
      return rows + " with a --proba-prefix '" + spec.proba_prefix +
             "' probability that is NaN or outside [0, 1]";
    case kNonFinite:
      return rows + " whose target or prediction is infinite";
    case kNumReasons:
      break;
  }
  return rows;
}

Status CheckTwoOrMoreLabels(const std::vector<LabelCount>& labels, const EvalSpec& spec) {
  if (labels.size() >= 2) return Status::Ok();
  return Status::InvalidArgument(
      OptionRef("target") + " " + Quoted(spec.target) + " has " +
      (labels.empty() ? std::string("no labels") : "only one label (" + JoinLabels(labels) + ")") +
      "; a classification task needs at least two classes");
}

// The binary positive label: the user's, else GuessPositiveLabel's.
Result<size_t> ChoosePositive(const std::vector<LabelCount>& labels, const EvalSpec& spec,
                              std::string* note) {
  if (!spec.positive_label.empty()) {
    for (size_t i = 0; i < labels.size(); ++i) {
      if (labels[i].label == spec.positive_label) return i;
    }
    return Status::InvalidArgument(OptionRef("positive-label") + " " + Quoted(spec.positive_label) +
                                   " never occurs in " + OptionRef("target") + " " +
                                   Quoted(spec.target));
  }
  std::vector<std::pair<std::string, uint64_t>> counts;
  counts.reserve(labels.size());
  for (const LabelCount& l : labels) counts.emplace_back(l.label, l.count);
  return GuessPositiveLabel(counts, note);
}

// {negative, positive} of a binary target's labels (at least two).
Result<std::vector<std::string>> ChooseBinaryClasses(const std::vector<LabelCount>& labels,
                                                     const EvalSpec& spec, std::string* note) {
  if (labels.size() > 2) {
    return Status::InvalidArgument(OptionRef("target") + " " + Quoted(spec.target) + " has " +
                                   std::to_string(labels.size()) + " labels (" +
                                   JoinLabels(labels) + "); a binary task needs exactly two");
  }
  AIRM_ASSIGN_OR_RETURN(size_t positive, ChoosePositive(labels, spec, note));
  return std::vector<std::string>{labels[1 - positive].label, labels[positive].label};
}

// spec.classes: two of them, and every label of this part one of them.
Status CheckGivenClasses(const std::vector<LabelCount>& labels, const EvalSpec& spec) {
  if (spec.classes.size() != 2) {
    return Status::InvalidArgument("a binary task takes two classes, not " +
                                   std::to_string(spec.classes.size()));
  }
  for (const LabelCount& label : labels) {
    if (label.label != spec.classes[0] && label.label != spec.classes[1]) {
      return Status::InvalidArgument(OptionRef("target") + " " + Quoted(spec.target) +
                                     " has label " + Quoted(label.label) +
                                     ", not one of the classes " + Quoted(spec.classes[0]) +
                                     " and " + Quoted(spec.classes[1]));
    }
  }
  return Status::Ok();
}

Status CheckScoreColumn(const Column& column, const std::string& option) {
  if (!IsPlainNumeric(column)) {
    return Status::InvalidArgument(option + " column " + Quoted(column.name()) + " is not numeric");
  }
  return Status::Ok();
}

Result<TaskType> InferTask(const EvalSpec& spec, const Column& target, const Column* prediction) {
  if (!spec.proba_prefix.empty()) return TaskType::kMulticlass;
  if (!spec.score.empty()) return TaskType::kBinary;
  if (prediction != nullptr && IsPlainNumeric(target) && IsPlainNumeric(*prediction) &&
      CountDistinctNumeric(target, kRegressionMinDistinct) >= kRegressionMinDistinct) {
    return TaskType::kRegression;
  }
  size_t labels = CountLabels(target).size();
  return labels <= 2 ? TaskType::kBinary : TaskType::kMulticlass;
}

Result<EvalData> BuildRegression(const Table& table, const EvalSpec& spec, const Column& target,
                                 const Column* prediction) {
  if (prediction == nullptr) {
    return Status::InvalidArgument("a regression task needs " + OptionRef("prediction") +
                                   " (the predicted value)");
  }
  if (!spec.score.empty() || !spec.proba_prefix.empty()) {
    return Status::InvalidArgument(OptionRef("score") + " and " + OptionRef("proba-prefix") +
                                   " apply to classification, not to a regression task");
  }
  if (!IsPlainNumeric(target)) {
    return Status::InvalidArgument(OptionRef("target") + " column " + Quoted(spec.target) +
                                   " is not numeric, which a regression task needs");
  }
  if (!IsPlainNumeric(*prediction)) {
    return Status::InvalidArgument(OptionRef("prediction") + " column " + Quoted(spec.prediction) +
                                   " is not numeric, which a regression task needs");
  }
  EvalData data;
  data.task = TaskType::kRegression;
  data.rows_total = table.num_rows();
  std::array<uint64_t, kNumReasons> excluded{};
  for (size_t row = 0; row < table.num_rows(); ++row) {
    if (!HasValue(target, row)) {
      ++excluded[kMissingTarget];
      continue;
    }
    if (!HasValue(*prediction, row)) {
      ++excluded[kMissingPrediction];
      continue;
    }
    const double y = target.NumericAt(row);
    const double y_hat = prediction->NumericAt(row);
    if (!std::isfinite(y) || !std::isfinite(y_hat)) {
      ++excluded[kNonFinite];
      continue;
    }
    data.y_value.push_back(y);
    data.y_hat.push_back(y_hat);
    data.source_rows.push_back(static_cast<uint32_t>(row));
  }
  for (int r = 0; r < kNumReasons; ++r) {
    if (excluded[r] == 0) continue;
    data.rows_excluded += excluded[r];
    data.exclusion_notes.push_back(ReasonNote(static_cast<Reason>(r), excluded[r], spec));
  }
  return data;
}

}  // namespace

Result<EvalData> BuildEvalData(const Table& table, const EvalSpec& spec) {
  if (spec.target.empty()) return Status::InvalidArgument(OptionRef("target") + " is required");
  if (table.num_rows() > UINT32_MAX) {
    return Status::InvalidArgument("evaluation supports at most 4294967295 rows");
  }
  AIRM_ASSIGN_OR_RETURN(const Column* target,
                        FindOptionColumn(table, OptionRef("target"), spec.target));
  const Column* prediction = nullptr;
  const Column* score = nullptr;
  if (!spec.prediction.empty()) {
    AIRM_ASSIGN_OR_RETURN(prediction,
                          FindOptionColumn(table, OptionRef("prediction"), spec.prediction));
  }
  if (!spec.score.empty()) {
    AIRM_ASSIGN_OR_RETURN(score, FindOptionColumn(table, OptionRef("score"), spec.score));
    AIRM_RETURN_IF_ERROR(CheckScoreColumn(*score, OptionRef("score")));
  }
  if (!spec.score.empty() && !spec.proba_prefix.empty()) {
    return Status::InvalidArgument(OptionRef("score") + " (binary) and " +
                                   OptionRef("proba-prefix") +
                                   " (multiclass) cannot be used together");
  }
  if (spec.threshold && !(*spec.threshold >= 0 && *spec.threshold <= 1)) {
    return Status::InvalidArgument(OptionRef("threshold") + " must be a number in [0, 1]");
  }

  TaskType task;
  if (spec.task) {
    task = *spec.task;
  } else {
    AIRM_ASSIGN_OR_RETURN(task, InferTask(spec, *target, prediction));
  }
  std::string choice_note;  // how the positive label was chosen, if it was
  Result<EvalData> built = [&]() -> Result<EvalData> {
    if (task == TaskType::kRegression) return BuildRegression(table, spec, *target, prediction);

    // Classification.
    if (task == TaskType::kBinary && !spec.proba_prefix.empty()) {
      return Status::InvalidArgument(OptionRef("proba-prefix") + " needs a multiclass task; use " +
                                     OptionRef("score") + " for binary");
    }
    if (task == TaskType::kMulticlass && score != nullptr) {
      return Status::InvalidArgument(OptionRef("score") + " needs a binary task; use " +
                                     OptionRef("proba-prefix") + " for multiclass");
    }
    if (score == nullptr && prediction == nullptr && spec.proba_prefix.empty()) {
      return Status::InvalidArgument("evaluation needs " + OptionRef("score") + ", " +
                                     OptionRef("prediction") + " or " + OptionRef("proba-prefix") +
                                     " besides " + OptionRef("target"));
    }
    std::vector<LabelCount> labels = CountLabels(*target);
    const bool given_classes = task == TaskType::kBinary && !spec.classes.empty();
    AIRM_RETURN_IF_ERROR(given_classes ? CheckGivenClasses(labels, spec)
                                       : CheckTwoOrMoreLabels(labels, spec));
    EvalData data;
    data.task = task;
    data.rows_total = table.num_rows();
    if (task == TaskType::kBinary) {
      if (given_classes) {
        data.classes = spec.classes;
      } else {
        AIRM_ASSIGN_OR_RETURN(data.classes, ChooseBinaryClasses(labels, spec, &choice_note));
      }
      data.threshold = spec.threshold.value_or(0.5);
    } else {
      if (!spec.positive_label.empty()) {
        return Status::InvalidArgument(OptionRef("positive-label") +
                                       " applies to binary tasks only");
      }
      const bool numeric = target->is_numeric();
      std::sort(labels.begin(), labels.end(), [numeric](const LabelCount& a, const LabelCount& b) {
        return numeric ? a.numeric < b.numeric : a.label < b.label;
      });
      for (const LabelCount& label : labels) data.classes.push_back(label.label);
    }

    std::vector<const Column*> proba_columns;
    if (task == TaskType::kMulticlass && !spec.proba_prefix.empty()) {
      for (const std::string& cls : data.classes) {
        const std::string name = spec.proba_prefix + cls;
        auto index = table.FindColumn(name);
        if (!index) {
          return Status::InvalidArgument(OptionRef("proba-prefix") + " " +
                                         Quoted(spec.proba_prefix) + ": the data has no column " +
                                         Quoted(name) + " for class " + Quoted(cls));
        }
        const Column& column = table.column(*index);
        AIRM_RETURN_IF_ERROR(CheckScoreColumn(column, OptionRef("proba-prefix")));
        proba_columns.push_back(&column);
      }
      data.proba.assign(proba_columns.size(), {});
    }

    // y_pred: an explicit --threshold on a score wins; then the prediction
    // column; then the score at the default threshold; then argmax proba.
    const bool threshold_score =
        score != nullptr && (prediction == nullptr || spec.threshold.has_value());
    const bool use_prediction = prediction != nullptr && !threshold_score;

    LabelIndexer target_index(*target, data.classes);
    std::optional<LabelIndexer> prediction_index;
    if (use_prediction) prediction_index.emplace(*prediction, data.classes);
    std::array<uint64_t, kNumReasons> excluded{};
    const size_t num_classes = data.classes.size();
    for (size_t row = 0; row < table.num_rows(); ++row) {
      if (!HasValue(*target, row)) {
        ++excluded[kMissingTarget];
        continue;
      }
      const int32_t y = target_index.Index(row);
      int32_t y_pred = kNoLabel;
      if (use_prediction) {
        if (!HasValue(*prediction, row)) {
          ++excluded[kMissingPrediction];
          continue;
        }
        y_pred = prediction_index->Index(row);
        if (y_pred == kNoLabel) {
          ++excluded[kUnknownPrediction];
          continue;
        }
      }
      double p = 0;
      if (score != nullptr) {
        if (!score->IsValid(row)) {
          ++excluded[kMissingScore];
          continue;
        }
        p = score->NumericAt(row);
        if (!(p >= 0 && p <= 1)) {
          ++excluded[kBadScore];
          continue;
        }
        if (threshold_score) y_pred = p >= data.threshold ? 1 : 0;
      }
      if (!proba_columns.empty()) {
        bool missing = false, bad = false;
        for (const Column* column : proba_columns) {
          if (!column->IsValid(row)) {
            missing = true;
            break;
          }
          const double q = column->NumericAt(row);
          if (!(q >= 0 && q <= 1)) bad = true;
        }
        if (missing || bad) {
          ++excluded[missing ? kMissingProba : kBadProba];
          continue;
        }
        if (!use_prediction) {
          double best = -1;
          for (size_t c = 0; c < num_classes; ++c) {
            const double q = proba_columns[c]->NumericAt(row);
            if (q > best) {
              best = q;
              y_pred = static_cast<int32_t>(c);
            }
          }
        }
        for (size_t c = 0; c < num_classes; ++c) {
          data.proba[c].push_back(proba_columns[c]->NumericAt(row));
        }
      }
      // Every kept target label is one of the classes, which come from the
      // target itself.
      data.y_true.push_back(y);
      data.y_pred.push_back(y_pred);
      if (score != nullptr) data.score.push_back(p);
      data.source_rows.push_back(static_cast<uint32_t>(row));
    }
    for (int r = 0; r < kNumReasons; ++r) {
      if (excluded[r] == 0) continue;
      data.rows_excluded += excluded[r];
      data.exclusion_notes.push_back(ReasonNote(static_cast<Reason>(r), excluded[r], spec));
    }
    return data;
  }();
  if (!built.ok()) return built.status();
  if (built->size() == 0 && spec.classes.empty()) {
    std::string why;
    for (const std::string& note : built->exclusion_notes) why += "; " + note;
    return Status::InvalidArgument("no rows left to evaluate (" + std::to_string(table.num_rows()) +
                                   " rows read" + why + ")");
  }
  if (!choice_note.empty()) {
    built->exclusion_notes.insert(built->exclusion_notes.begin(), choice_note);
  }
  if (built->size() > 0) built->score_index = eval_internal::BuildScoreIndex(*built);
  return built;
}

Result<std::vector<std::pair<std::string, uint64_t>>> TargetLabels(const Table& table,
                                                                   const std::string& target) {
  AIRM_ASSIGN_OR_RETURN(const Column* column, FindOptionColumn(table, OptionRef("target"), target));
  std::vector<std::pair<std::string, uint64_t>> out;
  for (LabelCount& label : CountLabels(*column))
    out.emplace_back(std::move(label.label), label.count);
  return out;
}

Result<std::vector<std::string>> BinaryClasses(
    const std::vector<std::pair<std::string, uint64_t>>& labels, const EvalSpec& spec,
    std::string* note) {
  std::vector<LabelCount> counts;
  for (const auto& [label, count] : labels) counts.push_back({.label = label, .count = count});
  AIRM_RETURN_IF_ERROR(CheckTwoOrMoreLabels(counts, spec));
  note->clear();
  return ChooseBinaryClasses(counts, spec, note);
}

size_t GuessPositiveLabel(const std::vector<std::pair<std::string, uint64_t>>& labels,
                          std::string* note) {
  static const std::array<const char*, 4> kConventional = {"1", "true", "yes", "positive"};
  for (const char* name : kConventional) {
    for (size_t i = 0; i < labels.size(); ++i) {
      if (Lower(labels[i].first) == name) {
        *note = "positive label " + Quoted(labels[i].first) +
                " (a conventional positive name; set --positive-label to override)";
        return i;
      }
    }
  }
  size_t best = 0;
  for (size_t i = 1; i < labels.size(); ++i) {
    if (labels[i].second < labels[best].second ||
        (labels[i].second == labels[best].second && labels[i].first > labels[best].first)) {
      best = i;
    }
  }
  *note = "positive label " + Quoted(labels[best].first) +
          " (the minority label; set --positive-label to override)";
  return best;
}

}  // namespace airm
