#include "airm/report/lineage_documents.h"
#include "graph_view.h"
#include "renderers.h"

namespace airm::lineage {

std::optional<GraphFormat> ParseGraphFormat(std::string_view name) {
  if (name == "text") return GraphFormat::kText;
  if (name == "json") return GraphFormat::kJson;
  if (name == "dot") return GraphFormat::kDot;
  if (name == "mermaid") return GraphFormat::kMermaid;
  return std::nullopt;
}

std::string RenderTrace(const TraceResult& trace, GraphFormat format, const ReportMeta& meta) {
  switch (format) {
    case GraphFormat::kText:
      return internal::RenderTraceText(trace);
    case GraphFormat::kJson:
      return internal::RenderTraceJson(trace, meta);
    case GraphFormat::kDot:
      return internal::RenderDot(internal::TraceView(trace));
    case GraphFormat::kMermaid:
      return internal::RenderMermaid(internal::TraceView(trace));
  }
  return internal::RenderTraceText(trace);
}

std::string RenderImpact(const ImpactResult& impact, GraphFormat format, const ReportMeta& meta) {
  switch (format) {
    case GraphFormat::kText:
      return internal::RenderImpactText(impact);
    case GraphFormat::kJson:
      return internal::RenderImpactJson(impact, meta);
    case GraphFormat::kDot:
      return internal::RenderDot(internal::ImpactView(impact));
    case GraphFormat::kMermaid:
      return internal::RenderMermaid(internal::ImpactView(impact));
  }
  return internal::RenderImpactText(impact);
}

}  // namespace airm::lineage
