// The renderers behind RenderModelCard (airm/report/lineage_documents.h), one per format, and
// the sentences they share so the three forms say the same thing.
#pragma once

#include <string>

#include "airm/lineage/model_card.h"
#include "airm/report/lineage_documents.h"

namespace airm::lineage::internal {

std::string RenderModelCardJson(const ModelCard& card, const ReportMeta& meta);
std::string RenderModelCardMarkdown(const ModelCard& card, const ReportMeta& meta);
std::string RenderModelCardHtml(const ModelCard& card, const ReportMeta& meta);

// "3,386 rows; produced by 3 runs from raw@1" or "registered directly; no
// recorded producer".
std::string CardDataDescription(const CardDataset& data);
// "0.8123 (95% CI 0.79 to 0.83)", "undefined (too little evidence)".
std::string CardMetricText(const CardMetric& metric);
// "serving since …" / "from … to …"
std::string CardDeploymentText(const CardDeployment& deployment);
// Shown where a person was meant to write something and nobody did.
inline constexpr const char* kNotStated = "not stated";

}  // namespace airm::lineage::internal
