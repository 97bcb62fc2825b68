#include "tree_text.h"

#include "airm/report/format.h"
#include "graph_view.h"

namespace airm::lineage::internal {

using report::Cat;

void TreeText::Line(std::string_view text) {
  out_.append(text);
  out_ += "\n";
}

std::string TreeText::Branch(const std::string& prefix, bool last, std::string_view text) {
  out_ += prefix;
  out_ += last ? "`-- " : "+-- ";
  out_.append(text);
  out_ += "\n";
  return prefix + (last ? "    " : "|   ");
}

void TreeText::Detail(const std::string& child_prefix, std::string_view text) {
  out_ += child_prefix;
  out_ += "  ";
  out_.append(text);
  out_ += "\n";
}

std::string FileMarks(const std::vector<FileCheck>& files) {
  std::string marks;
  for (const FileCheck& f : files) {
    std::string mark;
    switch (f.state) {
      case FileState::kOk:
        mark = "[ok]";
        break;
      case FileState::kChanged:
        mark = "[CHANGED: " + f.path + "]";
        break;
      case FileState::kMissing:
        mark = "[MISSING: " + f.path + "]";
        break;
      case FileState::kNotLocal:
        mark = "[not local]";
        break;
    }
    if (marks.find(mark) == std::string::npos) marks += (marks.empty() ? "" : " ") + mark;
  }
  return marks;
}

std::string DataSummary(const DataNode& node) {
  std::string text = node.Label() + " " + ShortDigest(node.digest);
  if (!node.registrations.empty() && node.registrations.front().row_count) {
    text +=
        Cat({" ", report::FormatCount(static_cast<uint64_t>(*node.registrations.front().row_count)),
             " rows"});
  }
  for (size_t i = 1; i < node.registrations.size(); ++i) {
    text += (i == 1 ? " (also " : ", ") + node.registrations[i].Reference();
    if (i + 1 == node.registrations.size()) text += ")";
  }
  const std::string marks = FileMarks(node.files);
  if (!marks.empty()) text += " " + marks;
  return text;
}

std::string RunSummary(const RunNode& run) {
  std::string text = "run " + ShortUuid(run.uuid) + " job " + run.job_name + " (" + run.status +
                     ", started " + run.started_at;
  if (run.code_version) text += ", code " + *run.code_version;
  if (run.source != "airm") text += ", from " + run.source;
  return text + ")";
}

void WriteFindings(const std::vector<Finding>& findings, TreeText* tree) {
  tree->Line("Findings");
  if (findings.empty()) tree->Line("  none");
  for (const Finding& f : findings) {
    tree->Line(std::string("  [") + SeverityName(f.severity) + "] " + f.code + " " + f.message);
  }
}

}  // namespace airm::lineage::internal
