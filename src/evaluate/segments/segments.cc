// AnalyzeSegments: metrics per segment value and per pair of segment values.
#include <algorithm>
#include <iterator>
#include <utility>

#include "airm/groups.h"
#include "airm/metrics.h"
#include "airm/parallel_for.h"

namespace airm {
namespace {

SegmentResult Evaluate(const SegmentGroup& job, const EvalData& data, const EvalConfig& config,
                       const MetricOptions& options) {
  SegmentResult s;
  s.column = job.column;
  s.value = job.group.label;
  s.rows = job.group.rows.size();
  s.sufficient = !job.group.rows.empty() && s.rows >= config.min_group_rows;
  // An empty span means "all rows" to the metric functions, so an empty
  // intersection must not reach them.
  if (s.sufficient) {
    s.metrics = ComputeMetrics(data, job.group.rows, options);
  } else if (!job.group.rows.empty()) {
    s.metrics = ComputePointMetrics(data, job.group.rows);
  }
  return s;
}

}  // namespace

Result<std::vector<SegmentGroup>> SegmentGroups(const Table& table, const EvalData& data,
                                                const EvalConfig& config, const Table* reference) {
  std::vector<std::vector<RowGroup>> splits;
  for (const std::string& column : config.segment_columns) {
    const Column* bin_reference = nullptr;
    if (reference != nullptr) {
      std::optional<size_t> ref_index = reference->FindColumn(column);
      if (ref_index && reference->column(*ref_index).is_numeric()) {
        bin_reference = &reference->column(*ref_index);
      }
    }
    Result<std::vector<RowGroup>> groups =
        GroupRows(table, data, column, config.segment_bins, bin_reference);
    if (!groups.ok()) {
      return Status::InvalidArgument(column + ": " + groups.status().raw_message());
    }
    splits.push_back(std::move(groups).value());
  }
  // The pairs first, so that each column's groups can then be moved out.
  std::vector<SegmentGroup> pairs;
  for (size_t i = 0; i < splits.size(); ++i) {
    for (size_t j = i + 1; j < splits.size(); ++j) {
      const std::string column = config.segment_columns[i] + " & " + config.segment_columns[j];
      for (RowGroup& g : Intersect(splits[i], splits[j])) pairs.push_back({column, std::move(g)});
    }
  }
  std::vector<SegmentGroup> out;
  for (size_t i = 0; i < splits.size(); ++i) {
    for (RowGroup& g : splits[i]) out.push_back({config.segment_columns[i], std::move(g)});
  }
  out.insert(out.end(), std::make_move_iterator(pairs.begin()),
             std::make_move_iterator(pairs.end()));
  return out;
}

Result<std::vector<SegmentResult>> AnalyzeSegments(const Table& table, const EvalData& data,
                                                   const EvalConfig& config,
                                                   const Table* reference) {
  // Segments already run in parallel (below), so each bootstrap runs on the
  // thread of its segment.
  const MetricOptions options{.bootstrap = config.bootstrap, .seed = config.seed, .num_threads = 1};
  Result<std::vector<SegmentGroup>> segments = SegmentGroups(table, data, config, reference);
  if (!segments.ok()) {
    return Status::InvalidArgument(OptionRef("segment") + " " + segments.status().raw_message());
  }
  const std::vector<SegmentGroup>& jobs = *segments;
  // Segments are independent and each one's bootstrap is seeded by the
  // options alone, so computing them on all cores changes no number.
  std::vector<SegmentResult> out(jobs.size());
  AIRM_RETURN_IF_ERROR(ParallelFor(
      jobs.size(), 0, [&](size_t k) { out[k] = Evaluate(jobs[k], data, config, options); }));
  return out;
}

}  // namespace airm
