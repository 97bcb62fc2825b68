// A drawing-neutral view of a trace or an impact: nodes with a kind and a
// label, edges with a label. DOT and Mermaid render the same view, so the two
// pictures always agree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "airm/lineage/impact.h"
#include "airm/lineage/trace.h"

namespace airm::lineage::internal {

enum class NodeKind { kPrediction, kDeployment, kModel, kRun, kData, kPredictions };

struct ViewNode {
  std::string id;  // [A-Za-z0-9_]+: safe in both syntaxes unquoted
  NodeKind kind = NodeKind::kData;
  std::string label;     // raw text, lines separated by '\n'; escaped by the renderer
  bool problem = false;  // drawn in red: changed file, failed run, ...
};

struct ViewEdge {
  std::string from;
  std::string to;
  std::string label;  // raw text; may be empty
};

struct GraphView {
  std::string title;
  std::vector<ViewNode> nodes;
  std::vector<ViewEdge> edges;
};

GraphView TraceView(const TraceResult& trace);
GraphView ImpactView(const ImpactResult& impact);

std::string RenderDot(const GraphView& view);
std::string RenderMermaid(const GraphView& view);

// "sha256:1a2b3c4d5e6f…" -> "sha256:1a2b3c4d5e6f" (12 hex digits), for labels.
std::string ShortDigest(std::string_view digest);
// First 8 characters of a run UUID, for labels.
std::string ShortUuid(std::string_view uuid);

}  // namespace airm::lineage::internal
