// The renderers behind RenderModelCard (airm/report/lineage_documents.h), one per format, and
// the sentences they share so the three forms say the same thing.
#pragma once

#include <string>
#include <vector>

#include "airm/lineage/model_card.h"
#include "airm/report/lineage_documents.h"

namespace airm::lineage::internal {

std::string RenderModelCardJson(const ModelCard& card, const ReportMeta& meta);
std::string RenderModelCardMarkdown(const ModelCard& card, const ReportMeta& meta);
std::string RenderModelCardHtml(const ModelCard& card, const ReportMeta& meta);

// "3,386 rows; produced by 3 runs from raw@1" or "registered directly; no
// recorded producer".
std::string CardDataDescription(const CardDataset& data);
// "0.8123 (95% CI 0.79 to 0.83)", "undefined (too little evidence)".
std::string CardMetricText(const CardMetric& metric);
// "serving since …" / "from … to …"
std::string CardDeploymentText(const CardDeployment& deployment);
// The card's metric names in the reports' fixed order (report::OrderMetrics:
// headline first, then by meaning), each once.
std::vector<std::string> CardMetricOrder(const ModelCard& card);
// A recorded verdict's status in words ("no problem found", ...).
std::string CardResultStatusText(const std::string& status);

// The questions the "latest results" section answers, one per recorded kind.
struct CardResultQuestion {
  const char* kind;      // drift | evaluation | fairness | chaos
  const char* question;  // in plain words
  const char* what;      // "drift run", as in "no drift run recorded"
  const char* command;   // how to record one
};
const std::vector<CardResultQuestion>& CardResultQuestions();

// Where a result comes from, in words: "the latest failure-mode run,
// 2026-12-07T12:00:00Z, on data.csv (record 4)"; the report files are the
// renderer's to link.
std::string CardResultSource(const CardResultQuestion& question, const CardResult& result);

// "100% of the rows of current.csv (1068 of 1068, latest drift run,
// <date>) fall in "<description>" (Age > 45)." with the note of an estimate
// from sketches after it. REQUIRES: share.share.
std::string ScopeShareText(const CardResult& drift, const CardScopeShare& share);

// Shown where a person was meant to write something and nobody did.
inline constexpr const char* kNotStated = "not stated";

}  // namespace airm::lineage::internal
