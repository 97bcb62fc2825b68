// Files `airm model register` reads: the model card YAML and the metrics.
//
// Card YAML (every field optional; a string may stand for a one-item list):
//   overview: text                    -> model_details.overview
//   documentation: text               -> model_details.documentation
//   owners: [{name, contact} | "name"]-> model_details.owners
//   license: id | [id] | {custom_text} -> model_details.licenses
//   references: [url]                 -> model_details.references[{reference}]
//   intended_use: [text]              -> considerations.use_cases[{description}]
//   out_of_scope_uses: [text]         -> considerations.out_of_scope_uses (airm extension;
//                                        Mitchell et al.'s "Intended Use" section)
//   users: [text]                     -> considerations.users[{description}]
//   limitations: [text]               -> considerations.limitations[{description}]
//   tradeoffs: [text]                 -> considerations.tradeoffs[{description}]
//   ethical_considerations: [{name, mitigation_strategy} | "name"]
//                                     -> considerations.ethical_considerations
// The result uses the Google Model Card Toolkit field names (schema 0.0.2).
// Unknown fields are a ParseError naming the file, line and field.
//
// Metrics: either an `airm evaluate --json` document (docs/schemas/
// evaluation.v1.json: "metrics" with value and 95% interval, and per-segment
// "segments"), or a flat JSON object {"name": number | null}.
#pragma once

#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/records.h"

namespace airm::store {

// The card as JSON text.
Result<std::string> ReadModelCardYaml(const std::string& path);

struct MetricsFile {
  std::vector<ModelMetric> metrics;  // dataset_version_id unset: the caller links it
  std::string data_digest;           // "sha256:…" of the evaluated data, "" if unknown
};

Result<MetricsFile> ReadModelMetrics(const std::string& path);

}  // namespace airm::store
