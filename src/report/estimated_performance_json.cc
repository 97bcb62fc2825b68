// The CBPE sections of monitoring documents (airm/report/estimated_performance.h).
#include "airm/report/estimated_performance.h"
#include "airm/report/json_util.h"

namespace airm::report {

namespace {

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
  Json bands = Json::object();
  for (int m = 0; m < kCbpeMetricCount; ++m) {
    const char* name = kCbpeMetricNames[m];
    if (!e.estimate) {
      out[name] = nullptr;
      continue;
    }
    const CbpeMetric& metric = e.estimate->metrics[m];
    out[name] = JsonNumber(metric.value);
    bands[name] = {{"sampling_error", JsonNumber(metric.sampling_error)},
                   {"lower", JsonNumber(metric.lower)},
                   {"upper", JsonNumber(metric.upper)}};
  }
  out["bands"] = bands;
  if (e.estimate) {
    out["expected_confusion"] = {{"true_positives", JsonNumber(e.estimate->true_positives)},
                                 {"false_positives", JsonNumber(e.estimate->false_positives)},
                                 {"false_negatives", JsonNumber(e.estimate->false_negatives)},
                                 {"true_negatives", JsonNumber(e.estimate->true_negatives)}};
  } else {
    out["expected_confusion"] = nullptr;
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
