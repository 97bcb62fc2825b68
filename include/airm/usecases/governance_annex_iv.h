// The EU AI Act Annex IV technical-documentation draft of one AI system, as a
// use case:   airm system annex-iv NAME [--today YYYY-MM-DD] [--out FILE]
// Gathers what the store knows for each of Annex IV's nine points — the
// inventory record, the models' versions, artifact digests, cards, training
// data digests and their quality checks, metrics overall and per segment, the
// risk register, the tier's rationale, approvals, monitoring evidence — so the
// renderer can fill the draft and mark every gap. Reads only.
#pragma once

#include <string>
#include <vector>

#include "airm/store/records.h"
#include "airm/usecases/governance_report.h"

namespace airm::usecases {

struct AnnexIvOptions {
  store::LocateOptions store = {};
  std::string system = "";  // required
  std::string today = "";   // YYYY-MM-DD; "" = today (UTC)
  Status Validate() const;
};

struct AnnexIvDataset {
  std::string role;  // train | validation | test | evaluation
  store::DatasetVersion version = {};
  std::vector<store::QualityCheckRun> checks = {};
};

struct AnnexIvModel {
  std::vector<store::ModelVersion> versions;  // oldest first; the last is described
  std::vector<AnnexIvDataset> data;
  std::vector<store::ModelMetric> metrics;
};

struct AnnexIvDraft {
  std::string today;
  SystemSummary system;  // as in the executive summary (coverage, practices, risks)
  governance::RiskMatrix matrix;
  std::vector<AnnexIvModel> models;
};

// NotFound for an unknown system.
Result<AnnexIvDraft> BuildAnnexIvDraft(const AnnexIvOptions& options);

}  // namespace airm::usecases
