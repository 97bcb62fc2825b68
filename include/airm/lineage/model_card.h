// Model cards generated from the store, never typed twice.
//
// BuildModelCard gathers what the store knows about one model version (A =
// recorded by airm: identity, artifact digest, training and evaluation data
// with their digests and upstream, metrics overall and by segment, quality
// checks on the training data, deployments) and what people wrote in the card
// YAML given to `airm model register --card` (H: intended use, users, out of
// scope uses, limitations, trade-offs, ethical considerations, owners,
// license). docs/model-cards.md lists every field with its source.
//
// Its renderers (RenderModelCard, airm/report/lineage_documents.h): JSON with
// the Model Card Toolkit's field names, Markdown, and one self-contained HTML
// page. A field nobody filled in says so ("not stated"); an undefined metric
// is shown as undefined, never as 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "airm/report.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::lineage {

struct CardOwner {
  std::string name;
  std::string contact;
};

struct CardLicense {
  std::string identifier;   // SPDX id, e.g. "Apache-2.0"; or
  std::string custom_text;  // free text when no identifier fits
};

struct CardEthicalConsideration {
  std::string name;
  std::string mitigation_strategy;
};

struct CardQualityCheck {
  std::string dataset;  // "name@version"
  std::string check_name;
  std::string status;       // of the last run
  std::string executed_at;  // of the last run
  int64_t runs = 0;         // how many times it ran on that data
};

// A check on data this version scored (a logged prediction batch) against
// its training data that did not pass: the data lies where the model has not
// learned (e.g. every applicant older than any in the training data). The
// last run of each check per scored data set, one entry per flagged column.
struct CardScoredDataFinding {
  std::string dataset;  // the scored data, "name@version"
  std::string check_name;
  std::string status;  // warn | fail
  std::string column;  // "" for the whole data set
  std::string message;
  std::string executed_at;
};

struct CardDataset {
  std::string role;     // train | validation | test | evaluation
  std::string dataset;  // "name@version"
  std::string digest;
  std::optional<int64_t> row_count;
  std::optional<std::string> source_uri;
  std::string registered_at;
  // Upstream summary: runs that produced this data (recursively) and the
  // sources they started from.
  int64_t upstream_runs = 0;
  std::vector<std::string> upstream_sources;  // "name@version" of each source
  std::string lineage_command;                // how to see the whole graph
};

struct CardMetric {
  std::string name;
  std::optional<double> value;  // empty = undefined (too little evidence)
  std::optional<double> ci_low;
  std::optional<double> ci_high;
  std::string segment;                 // "" = overall; else "column=value"
  std::optional<std::string> dataset;  // "name@version" it was measured on
};

// How much of the data a drift run looked at falls in one of the card's
// out-of-scope uses with a column condition (the card YAML's
// out_of_scope_uses items with column and above / below / values).
struct CardScopeShare {
  std::string description;
  std::string condition;  // in words, e.g. "Age > 45"
  int64_t rows_inside = 0;
  int64_t rows_known = 0;
  std::optional<double> share;  // empty = undefined; note says why
  std::string note;
};

// The newest verdict of one kind of run about this version, recorded by
// `airm drift|evaluate --model NAME@VERSION` (store/model_results.h).
struct CardResult {
  std::string kind;     // drift | evaluation | fairness | chaos
  std::string status;   // pass | warn | fail | undefined
  std::string summary;  // one plain sentence
  std::optional<std::string> data_path;
  std::optional<std::string> data_digest;
  std::string recorded_at;
  std::string recorded_by;
  std::vector<CardScopeShare> out_of_scope;  // drift only
  std::vector<std::string> reports = {};     // the run's report files (absolute paths)
  int64_t id = 0;                            // the record's id in model_version_results
};

struct CardDeployment {
  std::string environment;
  std::string valid_from;
  std::optional<std::string> valid_to;
};

struct ModelCard {
  // A: identity.
  std::string name;
  std::string version;
  std::string artifact_digest;
  std::optional<std::string> artifact_path;
  std::string registered_at;
  std::string registered_by;
  std::optional<std::string> training_run_uuid;
  std::optional<std::string> training_job;
  std::optional<std::string> code_version;
  std::vector<std::pair<std::string, std::string>> parameters;  // --param k=v, by key
  // H: from the card YAML (include/airm/store/model_inputs.h lists its keys).
  std::optional<std::string> overview;
  std::optional<std::string> documentation;
  std::vector<CardOwner> owners;
  std::vector<CardLicense> licenses;
  std::vector<std::string> references;
  std::vector<std::string> use_cases;  // the YAML's intended_use
  std::vector<std::string> users;
  std::vector<std::string> out_of_scope;
  std::vector<std::string> limitations;
  std::vector<std::string> tradeoffs;
  std::vector<CardEthicalConsideration> ethical_considerations;
  // A: data, numbers, checks, where it runs.
  std::vector<CardDataset> data;
  std::vector<CardMetric> metrics;
  std::vector<CardQualityCheck> quality_checks;  // on the training data
  // Checks of the data it scored against its training data that warned or
  // failed (schema 1.1).
  std::vector<CardScoredDataFinding> scored_data_findings;
  // The newest recorded verdict of each kind, drift, evaluation, fairness,
  // chaos; a kind never recorded is absent (schema 1.2).
  std::vector<CardResult> results;
  std::vector<CardDeployment> deployments;
  // Problems with the card itself: "no card YAML was registered", a YAML key
  // of the wrong type. Rendered as notes; they do not stop the card.
  std::vector<std::string> notes;
};

// Errors: NotFound when no model version has id `model_version_id`.
Result<ModelCard> BuildModelCard(store::Database& db, int64_t model_version_id);

}  // namespace airm::lineage
