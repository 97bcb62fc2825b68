// AnalyzeSegments: metrics per segment value and per pair of segment values.
#include "airm/groups.h"
#include "airm/metrics.h"

namespace airm {
namespace {

void AddSegments(const std::string& column, const std::vector<RowGroup>& groups,
                 const EvalData& data, const EvalConfig& config, const MetricOptions& options,
                 std::vector<SegmentResult>* out) {
  for (const RowGroup& g : groups) {
    SegmentResult s;
    s.column = column;
    s.value = g.label;
    s.rows = g.rows.size();
    s.sufficient = !g.rows.empty() && s.rows >= config.min_group_rows;
    // An empty span means "all rows" to the metric functions, so an empty
    // intersection must not reach them.
    if (s.sufficient) {
      s.metrics = ComputeMetrics(data, g.rows, options);
    } else if (!g.rows.empty()) {
      s.metrics = ComputePointMetrics(data, g.rows);
    }
    out->push_back(std::move(s));
  }
}

}  // namespace

Result<std::vector<SegmentResult>> AnalyzeSegments(const Table& table, const EvalData& data,
                                                   const EvalConfig& config,
                                                   const Table* reference) {
  const MetricOptions options{.bootstrap = config.bootstrap, .seed = config.seed};
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
      return Status::InvalidArgument("--segment " + column + ": " + groups.status().message());
    }
    splits.push_back(std::move(groups).value());
  }
  std::vector<SegmentResult> out;
  for (size_t i = 0; i < splits.size(); ++i) {
    AddSegments(config.segment_columns[i], splits[i], data, config, options, &out);
  }
  for (size_t i = 0; i < splits.size(); ++i) {
    for (size_t j = i + 1; j < splits.size(); ++j) {
      AddSegments(config.segment_columns[i] + " & " + config.segment_columns[j],
                  Intersect(splits[i], splits[j]), data, config, options, &out);
    }
  }
  return out;
}

}  // namespace airm
