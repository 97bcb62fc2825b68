// AnalyzeSegments: metrics per segment value and per pair of segment values.
#include <algorithm>

#include "airm/groups.h"
#include "airm/metrics.h"
#include "airm/parallel_for.h"

namespace airm {
namespace {

struct SegmentJob {
  std::string column;
  RowGroup group;
};

void AddJobs(const std::string& column, std::vector<RowGroup> groups,
             std::vector<SegmentJob>* jobs) {
  for (RowGroup& g : groups) jobs->push_back({column, std::move(g)});
}

SegmentResult Evaluate(const SegmentJob& job, const EvalData& data, const EvalConfig& config,
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

Result<std::vector<SegmentResult>> AnalyzeSegments(const Table& table, const EvalData& data,
                                                   const EvalConfig& config,
                                                   const Table* reference) {
  // Segments already run in parallel (below), so each bootstrap runs on the
  // thread of its segment.
  const MetricOptions options{.bootstrap = config.bootstrap, .seed = config.seed, .num_threads = 1};
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
      return Status::InvalidArgument(OptionRef("segment") + " " + column + ": " +
                                     groups.status().raw_message());
    }
    splits.push_back(std::move(groups).value());
  }
  std::vector<SegmentJob> jobs;
  for (size_t i = 0; i < splits.size(); ++i) {
    for (size_t j = i + 1; j < splits.size(); ++j) {
      AddJobs(config.segment_columns[i] + " & " + config.segment_columns[j],
              Intersect(splits[i], splits[j]), &jobs);
    }
  }
  std::vector<SegmentJob> singles;
  for (size_t i = 0; i < splits.size(); ++i) {
    AddJobs(config.segment_columns[i], std::move(splits[i]), &singles);
  }
  jobs.insert(jobs.begin(), std::make_move_iterator(singles.begin()),
              std::make_move_iterator(singles.end()));
  // Segments are independent and each one's bootstrap is seeded by the
  // options alone, so computing them on all cores changes no number.
  std::vector<SegmentResult> out(jobs.size());
  AIRM_RETURN_IF_ERROR(ParallelFor(
      jobs.size(), 0, [&](size_t k) { out[k] = Evaluate(jobs[k], data, config, options); }));
  return out;
}

}  // namespace airm
