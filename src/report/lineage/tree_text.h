// An ASCII tree writer for the text renderers ("+-- ", "|   ", "`-- "), and
// the small labels both trees share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "airm/finding.h"
#include "airm/lineage/lineage_graph.h"

namespace airm::lineage::internal {

class TreeText {
 public:
  // A line at the top level.
  void Line(std::string_view text);
  // A branch under `prefix`; returns the prefix for its children.
  std::string Branch(const std::string& prefix, bool last, std::string_view text);
  // A detail line of the node whose children use `child_prefix`.
  void Detail(const std::string& child_prefix, std::string_view text);
  void Blank() { out_ += "\n"; }
  const std::string& text() const { return out_; }

 private:
  std::string out_;
};

// "[ok]", "[CHANGED]", "[MISSING]", "[not local]"; "" when none was checked.
std::string FileMarks(const std::vector<FileCheck>& files);
// "features@2 sha256:1a2b3c4d5e6f... 3,386 rows [ok]"
std::string DataSummary(const DataNode& node);
// "run 3f2a1b4c job train (completed, started 2026-…, code abc123)"
std::string RunSummary(const RunNode& run);
// "[fail] lineage.file_changed raw@1: ..." per finding, under a heading.
void WriteFindings(const std::vector<Finding>& findings, TreeText* tree);

}  // namespace airm::lineage::internal
