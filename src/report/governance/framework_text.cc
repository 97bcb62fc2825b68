// Text of `airm framework controls|coverage`.
#include <fmt/format.h>

#include "airm/report/framework_documents.h"
#include "airm/report/text_summaries.h"

namespace airm::report {

std::string ControlLibraryText(const governance::ControlLibrary& lib) {
  std::string out =
      fmt::format("{} v{} (item titles are short paraphrases)\n", lib.name, lib.version);
  for (const governance::Framework& f : lib.frameworks) {
    int items = 0;
    for (const governance::FrameworkItem& i : lib.items) items += i.framework == f.id;
    out += fmt::format("  {:<12} {} items  {}{}\n", f.id, items, f.source,
                       f.applies_to_tier.empty() ? "" : " (tier " + f.applies_to_tier + " only)");
  }
  for (const governance::Control& c : lib.controls) {
    std::string evidence, maps;
    for (const std::string& e : c.evidence) evidence += (evidence.empty() ? "" : ", ") + e;
    for (const governance::ItemRef& r : c.maps) maps += (maps.empty() ? "" : ", ") + r.id;
    out +=
        fmt::format("{:<15} {}\n  evidence {}{}\n  maps     {}\n", c.id, c.title, evidence,
                    c.max_age_days ? fmt::format(" (within {} days)", *c.max_age_days) : "", maps);
  }
  return out;
}

std::string FrameworkCoverageText(const governance::CoverageReport& report,
                                  const std::vector<GateOutcome>& gates) {
  std::string out;
  if (report.systems.empty()) out += "no AI systems in the inventory\n";
  for (const governance::SystemCoverage& s : report.systems) {
    out += fmt::format("{} (tier {})\n", s.system, s.tier.empty() ? "unclassified" : s.tier);
    for (const governance::FrameworkCoverage& f : s.frameworks) {
      if (!f.applicable) {
        out += fmt::format("  {:<34} not applicable\n", f.title);
        continue;
      }
      out += fmt::format("  {:<34} {:>3} of {:>2} covered, {} partial, {} gaps, {} outside airm\n",
                         f.title, f.covered, f.items, f.partial, f.gap, f.not_addressed);
    }
    for (const governance::ControlStatus& c : s.controls) {
      if (c.status == "met") continue;
      std::string why;
      for (const std::string& k : c.status == "missing" ? c.missing : c.expired) {
        for (const governance::EvidenceItem& e : s.evidence) {
          if (e.kind == k) why += (why.empty() ? "" : "; ") + e.detail;
        }
      }
      out += fmt::format("  {:<7} {:<15} {}\n", c.status, c.control, why);
    }
    int shown = 0;
    for (const governance::FrameworkCoverage& f : s.frameworks) {
      for (const governance::ItemCoverage& i : f.detail) {
        if (i.status != "gap" && i.status != "partial") continue;
        if (++shown > 20) continue;
        out += fmt::format("  {:<7} {} {}: {}\n", i.status, f.framework, i.id, i.title);
      }
    }
    if (shown > 20) out += fmt::format("  … and {} more (see --json)\n", shown - 20);
  }
  for (const governance::FrameworkCoverage& p : report.portfolio) {
    if (!p.applicable) continue;
    out += fmt::format("portfolio {:<24} {} of {} items covered over the systems it applies to\n",
                       p.framework, p.covered, p.items);
  }
  return out + GateLinesText(gates);
}

}  // namespace airm::report
