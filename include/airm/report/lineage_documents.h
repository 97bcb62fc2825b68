// Renderers of the lineage results: trace and impact as a readable tree,
// JSON, Graphviz DOT and Mermaid; model cards as JSON, Markdown and HTML.
//
// Every renderer takes a result and returns text; none fails, reads files or
// prints. The text tree is ASCII only (marks like "[ok]", "[CHANGED]"), so it
// reads the same in a terminal, a CI log, a file or a ticket. The JSON
// documents follow docs/schemas/lineage-trace.v1.json and
// lineage-impact.v1.json. DOT and Mermaid draw the same graph: data as
// cylinders, runs as boxes, the model as a hexagon; every label is escaped
// for its syntax, so names with quotes, brackets or newlines stay valid.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/lineage/impact.h"
#include "airm/lineage/model_card.h"
#include "airm/lineage/model_graph.h"
#include "airm/lineage/trace.h"
#include "airm/report.h"

namespace airm::lineage {

enum class GraphFormat { kText, kJson, kDot, kMermaid };
// Parses "text", "json", "dot", "mermaid"; nullopt for anything else.
std::optional<GraphFormat> ParseGraphFormat(std::string_view name);

inline constexpr const char* kTraceSchemaVersion = "1.0";
inline constexpr const char* kImpactSchemaVersion = "1.0";

std::string RenderTrace(const TraceResult& trace, GraphFormat format, const ReportMeta& meta);
std::string RenderImpact(const ImpactResult& impact, GraphFormat format, const ReportMeta& meta);

// 1.1 added scored_data_findings; 1.2 latest_results; 1.3 their reports and
// result_id.
inline constexpr const char* kModelCardSchemaVersion = "1.3";

enum class CardFormat { kJson, kMarkdown, kHtml };
// Parses "json", "md" / "markdown", "html"; nullopt for anything else.
std::optional<CardFormat> ParseCardFormat(std::string_view name);

// JSON with the Model Card Toolkit's field names (model_details,
// model_parameters, quantitative_analysis, considerations), Markdown, or one
// self-contained HTML page with plain-language headings for readers who are
// not specialists.
std::string RenderModelCard(const ModelCard& card, CardFormat format, const ReportMeta& meta);

// 1.1 added each model's predictions and monitors, and monitors_note.
inline constexpr const char* kSystemLineageSchemaVersion = "1.1";
// "system_lineage" (the dashboard's system page): system, models [{model,
// version, ref, deployed, deployments, chaos [verdicts, newest first],
// predictions {batches, predictions, first_logged_at, last_logged_at,
// labelled (null: not counted), by_deployment}, monitors [{name, reads,
// last_window, alert_state, open_alerts}], graph {nodes, edges, truncated}}],
// monitors_note (null, or why airm.yaml's monitors were not read), findings.
std::string RenderSystemLineageJson(const std::string& system,
                                    const std::vector<ServingModel>& models,
                                    const std::string& monitors_note, const ReportMeta& meta);

}  // namespace airm::lineage
