// The renderers behind RenderTrace / RenderImpact (airm/report/lineage_documents.h), one per
// format.
#pragma once

#include <string>

#include "airm/lineage/impact.h"
#include "airm/lineage/trace.h"
#include "airm/report.h"

namespace airm::lineage::internal {

std::string RenderTraceText(const TraceResult& trace);
std::string RenderImpactText(const ImpactResult& impact);
std::string RenderTraceJson(const TraceResult& trace, const ReportMeta& meta);
std::string RenderImpactJson(const ImpactResult& impact, const ReportMeta& meta);

}  // namespace airm::lineage::internal
