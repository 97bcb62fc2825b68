// The store commands' human-readable summaries (printed when --json does not
// take stdout), rendered from the same use-case result structs as their JSON
// documents (airm/report/store_documents.h). Plain text; user text is not
// escaped here (the face writes it through TerminalSafe).
#pragma once

#include <string>
#include <vector>

#include "airm/gate.h"
#include "airm/lineage/openlineage.h"
#include "airm/usecases/check_dataset.h"
#include "airm/usecases/deploy.h"
#include "airm/usecases/diff_datasets.h"
#include "airm/usecases/exec_run.h"
#include "airm/usecases/init_workspace.h"
#include "airm/usecases/list_datasets.h"
#include "airm/usecases/log_predictions.h"
#include "airm/usecases/register_dataset.h"
#include "airm/usecases/register_model.h"
#include "airm/usecases/verify_datasets.h"

namespace airm::report {

// "sha256:0123456789ab" (the first 12 hex digits; the whole text when shorter).
std::string ShortDigest(const std::string& digest);

std::string WorkspaceText(const usecases::InitializedWorkspace& init);
std::string DatasetRegistrationText(const usecases::RegisteredDatasetVersion& r);
// A table: DATASET, DIGEST, ROWS, REGISTERED, BY (or how to register one).
std::string DatasetListText(const usecases::DatasetVersionList& list);
std::string DatasetDetailText(const usecases::DatasetVersionDetail& detail);
std::string DatasetVerificationText(const usecases::DatasetVerification& v);
// Side by side, A | B: rows, schema changes, per-column summaries.
std::string DatasetDiffText(const usecases::DatasetDiff& diff);
// The verdict per check family, the checks not passed, and the gates that held.
std::string DatasetCheckText(const usecases::DatasetCheck& check,
                             const std::vector<GateOutcome>& gates);
// For stderr: `airm run exec` leaves stdout to the command it runs.
std::string ExecutedRunText(const usecases::ExecutedRun& run);
std::string ModelRegistrationText(const usecases::RegisteredModelVersion& r);
std::string DeployedText(const usecases::Deployed& deployed);
std::string LoggedPredictionsText(const usecases::LoggedPredictions& logged);
std::string OpenLineageExportText(const lineage::ExportResult& exported, const std::string& out);
std::string OpenLineageImportText(const lineage::ImportSummary& summary, const std::string& file);

}  // namespace airm::report
