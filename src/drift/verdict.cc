#include "verdict.h"

#include <cmath>
#include <cstdio>

#include "airm/stats/multiple_testing.h"
#include "method_choice.h"

namespace airm::drift {
namespace {

std::string Num(double v) {
  char buf[32];
  if (v != 0 && (std::fabs(v) < 1e-3 || std::fabs(v) >= 1e6)) {
    std::snprintf(buf, sizeof buf, "%.2e", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.4g", v);
  }
  return buf;
}

bool Tested(const ColumnDrift& c) {
  return c.status == ColumnDriftStatus::kNoDrift || c.status == ColumnDriftStatus::kDrift;
}

std::string CorrectionName(const std::string& c) {
  if (c == "bh") return "Benjamini-Hochberg";
  if (c == "bonferroni") return "Bonferroni";
  return "no";
}

void Decide(ColumnDrift* c) {
  std::string why;
  bool big = true;
  if (c->effect_size) {
    big = *c->effect_size >= c->effect_size_threshold;
  }
  const std::string effect_text = c->effect_size
                                      ? c->effect_size_name + " " + Num(*c->effect_size) +
                                            (big ? " >= " : " < ") + Num(c->effect_size_threshold)
                                      : c->effect_size_name + " undefined";
  if (c->p_value_adjusted || c->p_value) {
    double p = c->p_value_adjusted.value_or(*c->p_value);
    bool significant = p < c->threshold;
    c->drifted = significant && big;
    why = c->method + " p = " + Num(p) + (c->p_value_adjusted ? " (adjusted)" : "") +
          (significant ? " < " : " >= ") + Num(c->threshold) + "; " + effect_text;
    if (significant && !big) why += ": a real but negligible change";
    if (!significant && big) why += ": a large change, but too few rows to be sure";
  } else if (c->statistic && !IsSignificanceTest(c->method)) {
    c->drifted = *c->statistic >= c->threshold;
    why = c->method + " " + Num(*c->statistic) + (c->drifted ? " >= " : " < ") + Num(c->threshold);
  } else {
    c->drifted = false;
    why = c->method + " is undefined for this data" +
          (c->reason.empty() ? std::string() : " (" + c->reason + ")");
  }
  if (!c->reason.empty() && (c->p_value || c->statistic)) why += " [" + c->reason + "]";
  c->reason = why;
  c->status = c->drifted ? ColumnDriftStatus::kDrift : ColumnDriftStatus::kNoDrift;
}

}  // namespace

DriftVerdict DecideColumns(const DriftConfig& config, std::vector<ColumnDrift>* columns) {
  std::vector<double> p;
  std::vector<ColumnDrift*> with_p;
  for (ColumnDrift& c : *columns) {
    if (Tested(c) && c.p_value) {
      p.push_back(*c.p_value);
      with_p.push_back(&c);
    }
  }
  std::vector<double> adjusted;
  if (config.correction == "bh") {
    adjusted = stats::BenjaminiHochberg(p);
  } else if (config.correction == "bonferroni") {
    adjusted = stats::Bonferroni(p);
  } else {
    adjusted = p;
  }
  for (size_t i = 0; i < with_p.size(); ++i) with_p[i]->p_value_adjusted = adjusted[i];

  DriftVerdict v;
  for (ColumnDrift& c : *columns) {
    if (!Tested(c)) continue;
    Decide(&c);
    ++v.columns_tested;
    v.columns_drifted += c.drifted;
  }
  const std::string share_rule =
      config.drift_share > 0
          ? "at least " + Num(100 * config.drift_share) + "% of the tested columns drift"
          : "at least one tested column drifts";
  v.rule = "The batch has drifted when " + share_rule +
           ". A column drifts when its test's p-value, adjusted across the " +
           std::to_string(p.size()) + " tested columns (" + CorrectionName(config.correction) +
           " correction), is below " + Num(config.alpha) +
           " AND its effect size reaches its threshold; a distance method drifts when it "
           "reaches its threshold.";
  if (v.columns_tested == 0) {
    v.drifted = false;
    v.summary = "No column could be tested.";
    return v;
  }
  const double share = static_cast<double>(v.columns_drifted) / v.columns_tested;
  v.drifted = config.drift_share > 0 ? share >= config.drift_share : v.columns_drifted > 0;
  v.summary = std::to_string(v.columns_drifted) + " of " + std::to_string(v.columns_tested) +
              " tested columns drifted.";
  return v;
}

}  // namespace airm::drift
