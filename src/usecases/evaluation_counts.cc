#include "airm/usecases/evaluation_counts.h"

#include <span>

#include "airm/groups.h"
#include "airm/metrics.h"

namespace airm::usecases {
namespace {

// The confusion counts of `rows` of binary data (class 1 positive).
ConfusionCounts CountRows(const EvalData& data, std::span<const uint32_t> rows) {
  ConfusionCounts c;
  for (uint32_t i : rows) {
    const bool actual = data.y_true[i] == 1, predicted = data.y_pred[i] == 1;
    (actual ? (predicted ? c.tp : c.fn) : (predicted ? c.fp : c.tn)) += 1;
  }
  return c;
}

SegmentResult SegmentOf(const std::string& column, const std::string& value,
                        const ConfusionCounts& counts, const EvalConfig& config) {
  SegmentResult s;
  s.column = column;
  s.value = value;
  s.rows = counts.rows();
  s.sufficient = s.rows > 0 && s.rows >= config.min_group_rows;
  if (s.rows > 0) {
    s.metrics = MetricsFromCounts(
        counts, s.sufficient ? std::optional<double>(MetricOptions{}.confidence) : std::nullopt);
  }
  return s;
}

}  // namespace

Result<BinaryClassChoice> DecideBinaryClasses(const std::vector<LabelCounts>& parts,
                                              const EvalSpec& spec) {
  // First-seen order over the parts in order, as one table's labels would be.
  LabelCounts merged;
  std::map<std::string, size_t> index;
  for (const LabelCounts& part : parts) {
    for (const auto& [label, count] : part) {
      auto [it, fresh] = index.try_emplace(label, merged.size());
      if (fresh) merged.emplace_back(label, 0);
      merged[it->second].second += count;
    }
  }
  BinaryClassChoice choice;
  AIRM_ASSIGN_OR_RETURN(choice.classes, BinaryClasses(merged, spec, &choice.note));
  return choice;
}

Result<EvaluationCounts> CountEvaluationPart(const Table& part, const EvalSpec& spec,
                                             const std::vector<std::string>& segment_columns) {
  if (spec.classes.size() != 2) {
    return Status::InvalidArgument(
        "counting a part needs the binary classes decided over all parts first");
  }
  for (const std::string& name : segment_columns) {
    const std::optional<size_t> index = part.FindColumn(name);
    if (!index)
      return Status::InvalidArgument(OptionRef("segment") + " " + name + ": unknown column");
    const Column& column = part.column(*index);
    if (column.is_numeric() && column.type() != DataType::kBool) {
      return Status::InvalidArgument(
          OptionRef("segment") + " " + name +
          ": a numeric column is segmented on quantiles of all the rows, " +
          "which counts of parts cannot reproduce; segment by a text or bool column");
    }
  }
  EvalSpec binary = spec;
  binary.task = TaskType::kBinary;
  AIRM_ASSIGN_OR_RETURN(EvalData data, BuildEvalData(part, binary));
  EvaluationCounts counts;
  counts.classes = data.classes;
  counts.threshold = data.threshold;
  counts.rows_total = data.rows_total;
  counts.rows_excluded = data.rows_excluded;
  counts.segment_columns = segment_columns;
  if (!binary.score.empty()) counts.scores.emplace();
  if (data.size() == 0) return counts;
  if (counts.scores) {
    for (size_t i = 0; i < data.size(); ++i) counts.scores->Add(data.score[i], data.y_true[i] == 1);
  }
  std::vector<uint32_t> all(data.size());
  for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  counts.overall = CountRows(data, all);
  for (const std::string& name : segment_columns) {
    AIRM_ASSIGN_OR_RETURN(std::vector<RowGroup> groups, GroupRows(part, data, name, 0, nullptr));
    for (const RowGroup& group : groups) {
      counts.segments[{name, group.label}] += CountRows(data, group.rows);
    }
  }
  return counts;
}

Result<EvaluationCounts> MergeEvaluationCounts(const std::vector<EvaluationCounts>& parts) {
  if (parts.empty()) return Status::InvalidArgument("no evaluation counts to merge");
  EvaluationCounts merged = parts.front();
  for (size_t i = 1; i < parts.size(); ++i) {
    const EvaluationCounts& part = parts[i];
    if (part.classes != merged.classes || part.threshold != merged.threshold ||
        part.segment_columns != merged.segment_columns ||
        part.scores.has_value() != merged.scores.has_value()) {
      return Status::InvalidArgument(
          "evaluation counts of part " + std::to_string(i + 1) +
          " were counted under other classes, threshold, segments or score");
    }
    if (merged.scores) *merged.scores += *part.scores;
    merged.rows_total += part.rows_total;
    merged.rows_excluded += part.rows_excluded;
    merged.overall += part.overall;
    for (const auto& [key, c] : part.segments) merged.segments[key] += c;
  }
  return merged;
}

EvalResult EvaluationFromCounts(const EvaluationCounts& counts, const EvalConfig& config,
                                const InputInfo& data, const std::string& class_note) {
  EvalResult result;
  result.data = data;
  result.config = config;
  result.task = TaskType::kBinary;
  result.classes = counts.classes;
  if (counts.classes.size() == 2) result.positive_label = counts.classes[1];
  result.threshold = counts.threshold;
  result.rows_used = counts.overall.rows();
  result.rows_excluded = counts.rows_excluded;
  if (!class_note.empty()) result.notes.push_back(class_note);
  if (counts.rows_excluded > 0) {
    result.notes.push_back(std::to_string(counts.rows_excluded) +
                           " rows excluded (a missing or invalid target, prediction or score)");
  }
  if (counts.scores) {
    result.notes.push_back(
        "from confusion counts and score histograms merged over parts: the metrics of the "
        "counts equal those of all the rows; log loss and Brier equal them up to floating "
        "rounding; ROC AUC is within the bound its note states; average precision, bootstrap "
        "and DeLong intervals, calibration, slices, fairness and the tail need the rows and "
        "are not computed");
  } else {
    result.notes.push_back(
        "from confusion counts merged over parts: metrics of the counts only, equal to those of "
        "all the rows; ROC AUC, average precision, log loss, Brier, bootstrap intervals, "
        "calibration, slices, fairness and the tail need the rows and are not computed");
  }
  result.metrics = MetricsFromCounts(counts.overall, MetricOptions{}.confidence);
  if (counts.scores) result.metrics.merge(MetricsFromScores(*counts.scores));
  // Per column, values in AnalyzeSegments's order: by text, "(missing)" last.
  for (const std::string& column : counts.segment_columns) {
    const ConfusionCounts* missing = nullptr;
    for (const auto& [key, c] : counts.segments) {
      if (key.first != column) continue;
      if (key.second == kMissingGroupLabel) {
        missing = &c;
        continue;
      }
      result.segments.push_back(SegmentOf(column, key.second, c, config));
    }
    if (missing) result.segments.push_back(SegmentOf(column, kMissingGroupLabel, *missing, config));
  }
  return result;
}

}  // namespace airm::usecases
