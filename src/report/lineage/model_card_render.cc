#include <algorithm>

#include "airm/lineage/model_card.h"
#include "airm/report/format.h"
#include "airm/report/lineage_documents.h"
#include "airm/report/metric_names.h"
#include "card_renderers.h"

namespace airm::lineage {
namespace internal {

std::string CardDataDescription(const CardDataset& d) {
  std::string text;
  if (d.row_count) text = report::FormatCount(static_cast<uint64_t>(*d.row_count)) + " rows; ";
  if (d.upstream_runs == 0) return text + "registered directly, no recorded producer";
  text +=
      "produced by " + std::to_string(d.upstream_runs) + (d.upstream_runs == 1 ? " run" : " runs");
  if (!d.upstream_sources.empty()) {
    text += " from ";
    for (size_t i = 0; i < d.upstream_sources.size(); ++i) {
      text += (i == 0 ? "" : ", ") + d.upstream_sources[i];
    }
  }
  return text;
}

std::string CardMetricText(const CardMetric& m) {
  if (!m.value) return "undefined (too little evidence)";
  std::string text = report::FormatNumber(*m.value);
  if (m.ci_low && m.ci_high) {
    text += " (95% CI " + report::FormatNumber(*m.ci_low) + " to " +
            report::FormatNumber(*m.ci_high) + ")";
  }
  return text;
}

std::string CardDeploymentText(const CardDeployment& d) {
  if (!d.valid_to) return "serving since " + d.valid_from;
  return "from " + d.valid_from + " to " + *d.valid_to;
}

std::vector<std::string> CardMetricOrder(const ModelCard& c) {
  std::vector<std::string> names;
  for (const CardMetric& m : c.metrics) {
    if (std::find(names.begin(), names.end(), m.name) == names.end()) names.push_back(m.name);
  }
  const bool regression = std::any_of(names.begin(), names.end(), [](const std::string& n) {
    return n == "mae" || n == "rmse" || n == "r2";
  });
  return report::OrderMetrics(regression ? TaskType::kRegression : TaskType::kBinary, names);
}

std::string CardResultStatusText(const std::string& status) {
  if (status == "pass") return "no problem found";
  if (status == "warn") return "needs a look";
  if (status == "fail") return "problem found";
  return "could not be decided";
}

const std::vector<CardResultQuestion>& CardResultQuestions() {
  static const auto* const kQuestions = new std::vector<CardResultQuestion>{
      {"drift", "Has the data it sees moved away from its training data?", "drift run",
       "airm drift --model NAME@VERSION"},
      {"evaluation", "Does it still work on labelled current data?", "evaluation",
       "airm evaluate --model NAME@VERSION"},
      {"fairness", "Is it fair across groups?", "fairness check",
       "airm evaluate --sensitive COLUMN --model NAME@VERSION"},
      {"chaos", "Does it fail safely on bad input?", "failure-mode run",
       "airm chaos --model NAME@VERSION"},
  };
  return *kQuestions;
}

std::string CardResultSource(const CardResultQuestion& question, const CardResult& result) {
  return std::string("the latest ") + question.what + ", " + result.recorded_at +
         (result.data_path ? ", on " + *result.data_path : "") + " (record " +
         std::to_string(result.id) + ")";
}

std::string ScopeShareText(const CardResult& drift, const CardScopeShare& s) {
  return report::FormatShare(s.share.value_or(0)) + " of the rows of " +
         drift.data_path.value_or("the current data") + " (" + std::to_string(s.rows_inside) +
         " of " + std::to_string(s.rows_known) + ", latest drift run, " + drift.recorded_at +
         ") fall in \"" + s.description + "\" (" + s.condition + ")." +
         (s.note.empty() ? "" : " " + report::Cat({"(", s.note, ")"}));
}

}  // namespace internal

std::optional<CardFormat> ParseCardFormat(std::string_view name) {
  if (name == "json") return CardFormat::kJson;
  if (name == "md" || name == "markdown") return CardFormat::kMarkdown;
  if (name == "html") return CardFormat::kHtml;
  return std::nullopt;
}

std::string RenderModelCard(const ModelCard& card, CardFormat format, const ReportMeta& meta) {
  switch (format) {
    case CardFormat::kJson:
      return internal::RenderModelCardJson(card, meta);
    case CardFormat::kMarkdown:
      return internal::RenderModelCardMarkdown(card, meta);
    case CardFormat::kHtml:
      return internal::RenderModelCardHtml(card, meta);
  }
  return internal::RenderModelCardJson(card, meta);
}

}  // namespace airm::lineage
