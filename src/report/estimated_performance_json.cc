// The CBPE sections of monitoring documents (airm/report/estimated_performance.h).
#include <string>

#include "airm/report/estimated_performance.h"
#include "airm/report/json_util.h"

namespace airm::report {

namespace {

// Each metric's value, its bands and the expected confusion matrix; nulls
// without an estimate.
void MetricsInto(const std::optional<CbpeEstimate>& estimate, Json* out) {
  Json bands = Json::object();
  for (int m = 0; m < kCbpeMetricCount; ++m) {
    const char* name = kCbpeMetricNames[m];
    if (!estimate) {
      (*out)[name] = nullptr;
      continue;
    }
    const CbpeMetric& metric = estimate->metrics[m];
    (*out)[name] = JsonNumber(metric.value);
    bands[name] = {{"sampling_error", JsonNumber(metric.sampling_error)},
                   {"lower", JsonNumber(metric.lower)},
                   {"upper", JsonNumber(metric.upper)}};
  }
  (*out)["bands"] = bands;
  if (estimate) {
    (*out)["expected_confusion"] = {{"true_positives", JsonNumber(estimate->true_positives)},
                                    {"false_positives", JsonNumber(estimate->false_positives)},
                                    {"false_negatives", JsonNumber(estimate->false_negatives)},
                                    {"true_negatives", JsonNumber(estimate->true_negatives)}};
  } else {
    (*out)["expected_confusion"] = nullptr;
  }
}

// One segment's estimate, named "column=value" so that gates and
// `monitor history` reach it: estimated.segments["region=north"].roc_auc.
Json SegmentJson(const SegmentEstimate& s, uint64_t min_rows) {
  Json out = {{"name", s.column + "=" + s.value},
              {"column", s.column},
              {"value", s.value},
              {"rows", s.rows},
              {"sufficient", s.sufficient},
              {"note", s.rows == 0    ? "no scored rows in this segment"
                       : s.sufficient ? ""
                                      : "insufficient evidence: " + std::to_string(s.rows) +
                                            " scored rows, fewer than " + std::to_string(min_rows) +
                                            "; point values without bands"}};
  MetricsInto(s.estimate, &out);
  return out;
}

Json EstimatedJson(const EstimatedPerformance& e) {
  Json out = {{"is_estimate", true},
              {"method", "CBPE"},
              {"description",
               "confidence-based performance estimation: expected metrics from the scores "
               "calibrated on the labelled reference, not measured from labels"},
              {"status", e.status},
              {"note", e.note},
              {"rows", e.rows},
              {"labelled_rows", e.labelled_rows},
              {"rows_without_score", e.rows_without_score},
              {"reference_rows", e.reference_rows},
              {"positive_label", e.positive_label},
              {"threshold", JsonNumber(e.threshold)},
              {"calibration", "isotonic"},
              {"band_sigmas", kCbpeBandSigmas}};
  MetricsInto(e.estimate, &out);
  if (!e.segments.empty()) {
    out["min_segment_rows"] = e.min_segment_rows;
    Json segments = Json::array();
    for (const SegmentEstimate& s : e.segments)
      segments.push_back(SegmentJson(s, e.min_segment_rows));
    out["segments"] = std::move(segments);
  }
  return out;
}

}  // namespace

std::string RenderEstimatedPerformanceJson(const EstimatedPerformance& estimate) {
  return DumpJson(EstimatedJson(estimate));
}

std::string RenderPerformanceEstimateDocument(const EstimatedPerformance& estimate,
                                              const InputInfo& data, const InputInfo& reference,
                                              const ReportMeta& meta) {
  Json doc = DocumentHeader("performance_estimate", "1.0", meta);
  doc["data"] = InputInfoJson(data);
  doc["reference"] = InputInfoJson(reference);
  doc["estimated"] = EstimatedJson(estimate);
  return DumpJson(doc);
}

}  // namespace airm::report
