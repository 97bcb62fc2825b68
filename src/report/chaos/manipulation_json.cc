// The manipulation result as JSON (field reference:
// docs/chaos-manipulation.md). Per-feature arrays carry "name" so --fail-on
// paths can select them: manipulation.monotonicity.Income.violation_share.
#include <algorithm>
#include <string>

#include "airm/report/chaos_stress_report.h"
#include "airm/report/json_util.h"
#include "stress_json.h"

namespace airm::chaos {
namespace {

using report::Json;
using report::JsonNumber;

Json CellJson(const Cell& cell) {
  if (const auto* x = std::get_if<double>(&cell)) return JsonNumber(*x);
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  return nullptr;
}

Json OptionsJson(const ManipulationOptions& o) {
  return {{"decision_threshold", JsonNumber(o.decision_threshold)},
          {"target", FlipTargetName(o.target)},
          {"sample_rows", o.sample_rows},
          {"seed", o.seed},
          {"budgets", o.budgets},
          {"grid_points", o.grid_points},
          {"bisection_steps", o.bisection_steps},
          {"greedy_max_steps", o.greedy_max_steps},
          {"max_examples", o.max_examples},
          {"monotone_rows", o.monotone_rows},
          {"monotone_grid_points", o.monotone_grid_points},
          {"monotone_tolerance", JsonNumber(o.monotone_tolerance)},
          {"finding_budget", JsonNumber(o.finding_budget)},
          {"flip_rate_warn", JsonNumber(o.flip_rate_warn)}};
}

Json FlipJson(const FlipExample& e) {
  Json changes = Json::array();
  for (const FeatureChange& c : e.changes) {
    changes.push_back({{"feature", c.feature},
                       {"from", CellJson(c.from)},
                       {"to", CellJson(c.to)},
                       {"cost", JsonNumber(c.cost)}});
  }
  return {{"row", e.row},
          {"cost", JsonNumber(e.cost)},
          {"score_before", JsonNumber(e.score_before)},
          {"score_after", JsonNumber(e.score_after)},
          {"changes", std::move(changes)}};
}

Json MonotonicityJson(const MonotonicityCheck& m) {
  Json worst = nullptr;
  if (m.worst_row) {
    worst = {{"row", *m.worst_row},
             {"x_from", JsonNumber(m.worst_x_from)},
             {"x_to", JsonNumber(m.worst_x_to)},
             {"score_from", JsonNumber(m.worst_score_from)},
             {"score_to", JsonNumber(m.worst_score_to)}};
  }
  return {{"name", m.feature},
          {"declared", MonotoneDirectionName(m.declared)},
          {"grid_lo", JsonNumber(m.grid_lo)},
          {"grid_hi", JsonNumber(m.grid_hi)},
          {"rows_checked", m.rows_checked},
          {"rows_violating", m.rows_violating},
          {"violation_share", JsonNumber(m.violation_share)},
          {"max_violation", JsonNumber(m.max_violation)},
          {"worst", std::move(worst)}};
}

// The numbers gates most often need, without array selection.
Json SummaryJson(const ManipulationResult& r) {
  std::optional<double> at_finding, at_max;
  for (const BudgetFlipRate& b : r.flip_rates) {
    if (b.budget == r.options.finding_budget) at_finding = b.rate;
  }
  if (!r.flip_rates.empty()) at_max = r.flip_rates.back().rate;
  int64_t violated = 0;
  std::optional<double> worst_share;
  for (const MonotonicityCheck& m : r.monotonicity) {
    violated += m.rows_violating > 0;
    if (m.violation_share) worst_share = std::max(worst_share.value_or(0), *m.violation_share);
  }
  return {{"finding_budget", JsonNumber(r.options.finding_budget)},
          {"flip_rate_at_finding_budget", JsonNumber(at_finding)},
          {"flip_rate_at_max_budget", JsonNumber(at_max)},
          {"cheapest_flip_cost",
           r.cheapest_flips.empty() ? Json(nullptr) : JsonNumber(r.cheapest_flips.front().cost)},
          {"monotonicity_features_checked", static_cast<int64_t>(r.monotonicity.size())},
          {"monotonicity_features_violated", violated},
          {"max_violation_share", JsonNumber(worst_share)}};
}

}  // namespace

nlohmann::ordered_json ManipulationResultJsonValue(const ManipulationResult& r) {
  Json rates = Json::array();
  for (const BudgetFlipRate& b : r.flip_rates) {
    rates.push_back(
        {{"budget", JsonNumber(b.budget)}, {"flipped", b.flipped}, {"rate", JsonNumber(b.rate)}});
  }
  Json features = Json::array();
  for (const FeatureFlipStats& f : r.per_feature) {
    features.push_back({{"name", f.feature},
                        {"flips", f.flips},
                        {"rate", JsonNumber(f.rate)},
                        {"median_cost", JsonNumber(f.median_cost)}});
  }
  Json flips = Json::array();
  for (const FlipExample& e : r.cheapest_flips) flips.push_back(FlipJson(e));
  Json monotonicity = Json::array();
  for (const MonotonicityCheck& m : r.monotonicity) monotonicity.push_back(MonotonicityJson(m));
  Json findings = Json::array();
  for (const Finding& f : r.findings) findings.push_back(report::FindingJson(f));

  Json j = Json::object();
  j["target"] = r.target;
  j["constraints_source"] = r.constraints_source;
  j["options"] = OptionsJson(r.options);
  j["pool_rows"] = r.pool_rows;
  j["rows_sampled"] = r.rows_sampled;
  j["rows_unscorable"] = r.rows_unscorable;
  j["rows_eligible"] = r.rows_eligible;
  j["flips_unconfirmed"] = r.flips_unconfirmed;
  j["rows_scored"] = r.rows_scored;
  j["model_calls"] = r.model_calls;
  j["mutable_features"] = r.mutable_features;
  j["immutable_features"] = r.immutable_features;
  j["summary"] = SummaryJson(r);
  j["flip_rates"] = std::move(rates);
  j["per_feature"] = std::move(features);
  j["cheapest_flips"] = std::move(flips);
  j["monotonicity"] = std::move(monotonicity);
  j["findings"] = std::move(findings);
  return j;
}

std::string ManipulationResultToJson(const ManipulationResult& result) {
  return ManipulationResultJsonValue(result).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace airm::chaos
