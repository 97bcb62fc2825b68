// Plain words for the governance report's verdicts, tiers and the quarter's
// monitoring, shared by its HTML, JSON and text forms.
#include <string>

#include "airm/report/format.h"
#include "airm/report/governance_report.h"
#include "airm/report/metric_names.h"

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

namespace {

std::string Plural(int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Joined(const std::vector<std::string>& items, size_t at_most) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < at_most; ++i) out += (i == 0 ? "" : ", ") + items[i];
  if (items.size() > at_most) out += " and " + std::to_string(items.size() - at_most) + " more";
  return out;
}

}  // namespace

std::string QuarterWords(const usecases::QuarterSeen& q) {
  std::string out;
  if (q.monitors.empty()) {
    out = "No monitor watched it.";
  } else if (q.windows == 0) {
    out = "Its monitor" + std::string(q.monitors.size() == 1 ? "" : "s") + " (" +
          Joined(q.monitors, 3) + ") checked nothing yet.";
  } else {
    if (q.drift_windows == 0) {
      out = Plural(q.windows, "check", "checks") + "; none compared its inputs.";
    } else if (q.drifted_windows == 0) {
      out = "Its inputs were checked " + Plural(q.drift_windows, "time", "times") +
            " and had not changed.";
    } else {
      out = "Its inputs were checked " + Plural(q.drift_windows, "time", "times") +
            " and had changed in " + std::to_string(q.drifted_windows) +
            (q.drifted_columns.empty() ? "" : " (most: " + Joined(q.drifted_columns, 3) + ")") +
            ".";
    }
    out += q.alerts_fired == 0
               ? " No alert fired."
               : " " + Plural(q.alerts_fired, "alert", "alerts") + " fired" +
                     (q.critical_alerts_fired == 0
                          ? "."
                          : ", " + std::to_string(q.critical_alerts_fired) + " critical.");
    if (q.performance) {
      out += " Latest performance (" + q.performance_window +
             "): " + MetricLabel(q.performance_metric) + " " + FormatNumber(*q.performance) +
             (q.performance_estimated ? ", estimated without labels." : ".");
    }
  }
  if (q.incidents.empty()) {
    out += " No incident.";
  } else {
    out +=
        " " + Plural(static_cast<int64_t>(q.incidents.size()), "incident", "incidents") + " (" +
        Joined(q.incidents, 5) + "), " +
        (q.incidents_open == 0 ? "all closed." : std::to_string(q.incidents_open) + " still open.");
  }
  return out;
}

}  // namespace airm::report
