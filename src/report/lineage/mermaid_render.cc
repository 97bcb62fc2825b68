// Mermaid flowchart: https://mermaid.js.org/syntax/flowchart.html. Node
// labels are double-quoted; inside them Mermaid reads "#name;" entity codes,
// so '"', '#', '<', '>', '&', '|' and '`' are written as codes and a newline as
// <br/>. Edge labels stand unquoted between pipes, so brackets and
// parentheses are written as codes there too.
#include "airm/report/format.h"
#include "graph_view.h"

namespace airm::lineage::internal {

using report::Cat;

namespace {

// Also writes every character of `coded` as a "#<code>;" entity.
std::string MermaidText(std::string_view text, std::string_view coded = "") {
  std::string out;
  for (char c : text) {
    if (coded.find(c) != std::string_view::npos) {
      out += Cat({"#", std::to_string(static_cast<int>(c)), ";"});
      continue;
    }
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '|':
        out += "#124;";
        break;
      case '`':
        out += "#96;";
        break;
      case '\n':
        out += "<br/>";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out.push_back(c);
    }
  }
  return out;
}

// Opening and closing brackets of each kind's shape.
std::pair<const char*, const char*> MermaidShape(NodeKind kind) {
  switch (kind) {
    case NodeKind::kPrediction:
      return {"([", "])"};
    case NodeKind::kDeployment:
      return {"[/", "/]"};
    case NodeKind::kModel:
      return {"{{", "}}"};
    case NodeKind::kRun:
      return {"(", ")"};
    case NodeKind::kData:
      return {"[(", ")]"};
    case NodeKind::kPredictions:
      return {"[", "]"};
  }
  return {"[", "]"};
}

}  // namespace

std::string RenderMermaid(const GraphView& view) {
  std::string out = "%% " + MermaidText(view.title) + "\nflowchart LR\n";
  std::string problems;
  for (const ViewNode& node : view.nodes) {
    auto [open, close] = MermaidShape(node.kind);
    out += "  " + node.id + open + "\"" + MermaidText(node.label) + "\"" + close + "\n";
    if (node.problem) problems += (problems.empty() ? "" : ",") + node.id;
  }
  for (const ViewEdge& edge : view.edges) {
    out += "  " + edge.from + " -->";
    if (!edge.label.empty()) out += Cat({"|", MermaidText(edge.label, "()[]{}"), "|"});
    out += " " + edge.to + "\n";
  }
  if (!problems.empty()) {
    out += "  classDef problem fill:#fde8e7,stroke:#b42318,color:#b42318\n";
    out += "  class " + problems + " problem\n";
  }
  return out;
}

}  // namespace airm::lineage::internal
