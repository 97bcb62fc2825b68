// Plain words for the governance report's verdicts and tiers, shared by its
// HTML, JSON and text forms.
#include "airm/report/governance_report.h"

namespace airm::report {

std::string VerdictWords(const std::string& verdict) {
  if (verdict == "on_track") return "On track";
  if (verdict == "needs_attention") return "Needs attention";
  if (verdict == "at_risk") return "At risk";
  return "No systems";
}

std::string TierWords(const std::string& tier) {
  if (tier == "prohibited") return "Prohibited under the EU AI Act: it may not be used in the EU";
  if (tier == "high") {
    return "High-risk under the EU AI Act: risk management, data governance, documentation, "
           "logging, human oversight and monitoring are legal duties";
  }
  if (tier == "limited") return "Limited risk: people must be told they are dealing with AI";
  if (tier == "minimal") return "Minimal risk: no specific duties beyond AI literacy";
  return "Not yet classified under the EU AI Act";
}

}  // namespace airm::report
