// Graphviz DOT: https://graphviz.org/doc/info/lang.html. Labels are quoted
// strings, in which only '"' and '\' need escaping; a newline becomes the
// "\n" escape (centered line break). Control characters are dropped.
#include "graph_view.h"

namespace airm::lineage::internal {
namespace {

std::string DotQuoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
      out.push_back(c);
    }
  }
  return out + "\"";
}

const char* DotShape(NodeKind kind) {
  switch (kind) {
    case NodeKind::kPrediction:
      return "shape=oval, style=bold";
    case NodeKind::kDeployment:
      return "shape=parallelogram";
    case NodeKind::kModel:
      return "shape=hexagon";
    case NodeKind::kRun:
      return "shape=box, style=rounded";
    case NodeKind::kData:
      return "shape=cylinder";
    case NodeKind::kPredictions:
      return "shape=note";
  }
  return "shape=box";
}

}  // namespace

std::string RenderDot(const GraphView& view) {
  std::string out = "digraph lineage {\n";
  out += "  label=" + DotQuoted(view.title) + ";\n";
  out += "  labelloc=t;\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (const ViewNode& node : view.nodes) {
    out += "  " + node.id + " [label=" + DotQuoted(node.label) + ", " + DotShape(node.kind);
    if (node.problem) out += ", color=red, fontcolor=red";
    out += "];\n";
  }
  for (const ViewEdge& edge : view.edges) {
    out += "  " + edge.from + " -> " + edge.to;
    if (!edge.label.empty()) out += " [label=" + DotQuoted(edge.label) + "]";
    out += ";\n";
  }
  return out + "}\n";
}

}  // namespace airm::lineage::internal
