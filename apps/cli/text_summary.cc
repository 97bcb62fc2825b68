#include "text_summary.h"

#include <fmt/format.h>

#include <algorithm>

namespace airm::cli {
namespace {

std::string Opt(const std::optional<double>& v, const char* spec = "{:.4g}") {
  return v ? fmt::format(fmt::runtime(spec), *v) : std::string("-");
}

int Rank(const ColumnDrift& c) {
  switch (c.status) {
    case ColumnDriftStatus::kMissingInCurrent:
    case ColumnDriftStatus::kRetyped:
      return 0;
    case ColumnDriftStatus::kDrift:
      return 1;
    case ColumnDriftStatus::kNewInCurrent:
      return 2;
    case ColumnDriftStatus::kInsufficientData:
      return 3;
    case ColumnDriftStatus::kNoDrift:
      return 4;
  }
  return 5;
}

void Columns(const std::vector<ColumnDrift>& columns, std::string* out) {
  std::vector<const ColumnDrift*> sorted;
  for (const auto& c : columns) sorted.push_back(&c);
  std::stable_sort(sorted.begin(), sorted.end(), [](const ColumnDrift* a, const ColumnDrift* b) {
    if (Rank(*a) != Rank(*b)) return Rank(*a) < Rank(*b);
    return a->effect_size.value_or(-1) > b->effect_size.value_or(-1);
  });
  *out += fmt::format("  {:<24} {:<18} {:<16} {:>10} {:>10} {:>18}\n", "column", "status", "method",
                      "statistic", "p (adj.)", "effect size");
  for (const ColumnDrift* c : sorted) {
    std::string effect =
        c->effect_size ? fmt::format("{:.3g} {}", *c->effect_size, c->effect_size_name) : "-";
    *out += fmt::format("  {:<24} {:<18} {:<16} {:>10} {:>10} {:>18}\n", c->name.substr(0, 24),
                        ColumnDriftStatusName(c->status), c->method, Opt(c->statistic),
                        Opt(c->p_value_adjusted, "{:.2e}"), effect);
  }
}

}  // namespace

std::string DriftSummaryText(const DriftResult& r, const std::vector<GateOutcome>& gates) {
  std::string out;
  out += fmt::format("Input drift:  {} {}\n", r.input_verdict.drifted ? "DRIFT" : "no drift",
                     r.input_verdict.summary);
  if (!r.output_columns.empty()) {
    out += fmt::format("Output drift: {} {}\n", r.output_verdict.drifted ? "DRIFT" : "no drift",
                       r.output_verdict.summary);
  }
  out += fmt::format("Data quality: {}\n",
                     r.quality_status ? CheckStatusName(*r.quality_status) : r.quality_note);
  if (r.domain_classifier.ran) {
    out += fmt::format("Multivariate: {} (domain classifier ROC AUC {}, threshold {})\n",
                       r.domain_classifier.drifted ? "DRIFT" : "no drift",
                       Opt(r.domain_classifier.auc, "{:.3f}"),
                       Opt(r.domain_classifier.auc_threshold, "{:.3f}"));
  }
  out += "\n";
  Columns(r.input_columns, &out);
  if (!r.output_columns.empty()) {
    out += "\n";
    Columns(r.output_columns, &out);
  }
  bool any_quality = false;
  for (const QualityCheck& q : r.quality) {
    if (q.status == CheckStatus::kPass) continue;
    if (!any_quality) out += "\nData-quality checks not passed:\n";
    any_quality = true;
    out += fmt::format("  {:<5} {:<24} {}{}\n", CheckStatusName(q.status), q.check,
                       q.column.empty() ? "" : q.column + ": ", q.message);
  }
  for (const GateOutcome& g : gates) {
    out += fmt::format("Gate {:<40} {} (value {})\n", g.condition, g.held ? "FAILED" : "passed",
                       g.observed);
  }
  return out;
}

}  // namespace airm::cli
