#include "manipulation_findings.h"

#include <fmt/format.h>

#include <algorithm>

namespace airm::chaos::manipulation {
namespace {

std::string Percent(double share) { return fmt::format("{:.3g}%", 100.0 * share); }

}  // namespace

std::vector<Finding> ManipulationFindings(const ManipulationResult& r) {
  std::vector<Finding> out;
  if (r.rows_eligible == 0) {
    out.push_back(MakeFinding(Severity::kInfo, "manipulation.no_rows", "sample",
                              fmt::format("None of the {} sampled rows could be searched "
                                          "({} had no finite score).",
                                          r.rows_sampled, r.rows_unscorable)));
  }
  for (const BudgetFlipRate& b : r.flip_rates) {
    if (b.budget != r.options.finding_budget || !b.rate) continue;
    const Severity severity =
        *b.rate >= r.options.flip_rate_warn ? Severity::kWarn : Severity::kInfo;
    Finding f = MakeFinding(severity, "manipulation.flip_rate", "decisions",
                            fmt::format("{} of decisions flip with a cost <= {:g} ({} of {} "
                                        "sampled rows).",
                                        Percent(*b.rate), b.budget, b.flipped, r.rows_eligible));
    f.evidence["flip_rate"] = *b.rate;
    f.evidence["budget"] = b.budget;
    f.evidence["flipped"] = static_cast<double>(b.flipped);
    f.evidence["rows"] = static_cast<double>(r.rows_eligible);
    out.push_back(std::move(f));
  }
  for (const MonotonicityCheck& m : r.monotonicity) {
    if (m.rows_violating == 0 || !m.violation_share) continue;
    const bool increasing = m.declared == MonotoneDirection::kIncreasing;
    Finding f = MakeFinding(
        Severity::kWarn, "manipulation.monotonicity", m.feature,
        fmt::format("The score is declared {} in {}, but for {} of rows it {} by more than {:g} "
                    "as {} grows (worst: {:g} -> {:g} moves the score {:.4g} -> {:.4g}).",
                    MonotoneDirectionName(m.declared), m.feature, Percent(*m.violation_share),
                    increasing ? "falls" : "rises", r.options.monotone_tolerance, m.feature,
                    m.worst_x_from, m.worst_x_to, m.worst_score_from, m.worst_score_to));
    f.evidence["violation_share"] = *m.violation_share;
    f.evidence["rows_checked"] = static_cast<double>(m.rows_checked);
    f.evidence["max_violation"] = m.max_violation;
    out.push_back(std::move(f));
  }
  if (r.flips_unconfirmed > 0) {
    Finding f = MakeFinding(Severity::kWarn, "manipulation.unconfirmed", "model",
                            fmt::format("{} flips found during the search did not flip when "
                                        "scored again: the model's answers vary between calls.",
                                        r.flips_unconfirmed));
    f.evidence["unconfirmed"] = static_cast<double>(r.flips_unconfirmed);
    out.push_back(std::move(f));
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) > static_cast<int>(b.severity);
  });
  return out;
}

}  // namespace airm::chaos::manipulation
