// The evidence of an AI system as framework coverage judges it, shared by the
// uses that need it: coverage itself, the evidence an approval is bound to
// (review decide), and approvals whose evidence lapsed (escalation status).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "airm/governance/control_library.h"
#include "airm/governance/coverage.h"
#include "airm/governance/inventory.h"
#include "airm/governance/system_view.h"
#include "airm/status.h"
#include "monitor_workspace.h"

namespace airm::usecases::internal {

// The store and, when airm.yaml can be read, its monitors. A bare store file
// (or a config that does not parse) still gets evidence, with the reason in
// the monitoring evidence's detail.
struct EvidenceStore {
  std::optional<MonitorWorkspace> ws;
  OpenedStore opened;
  std::string config_note;  // why monitors were not read; "" when they were
  store::Database& db() { return ws ? *ws->opened.db : *opened.db; }
  const monitor::MonitorsConfig* monitors() const { return ws ? &ws->config : nullptr; }
  const store::Workspace& workspace() const { return ws ? ws->opened.workspace : opened.workspace; }
};
Result<EvidenceStore> OpenEvidenceStore(const store::LocateOptions& where);

// The monitors of airm.yaml that watch one of the system's models.
std::vector<std::string> MonitorsOfSystem(const governance::SystemView& view,
                                          const EvidenceStore& where);

// Every evidence kind of `sys` on `today` (airm/usecases/governance_frameworks.h
// lists them). The approval evidence counts only approvals whose bound
// evidence is still met.
Result<governance::SystemEvidence> CollectSystemEvidence(store::Database& db,
                                                         const governance::AiSystem& sys,
                                                         const EvidenceStore& where,
                                                         const std::string& today);

// What an approval of a version of `model_name` is bound to on `today`: the
// controls met for every system the model belongs to (the intersection; empty
// when it belongs to none), leaving out the approval's own control, and per
// system the evidence that met each of them.
struct ApprovalBinding {
  std::set<std::string> met;
  std::vector<governance::BoundControl> bound;  // by system, then library order
};
Result<ApprovalBinding> EvidenceOfModel(store::Database& db, const std::string& model_name,
                                        const EvidenceStore& where, const std::string& today);

// The controls met on `today` for every system `model_name` belongs to (the
// intersection; empty when it belongs to none), leaving out the approval's
// own control: what an approval of one of its versions is bound to.
Result<std::set<std::string>> MetControlsOfModel(store::Database& db, const std::string& model_name,
                                                 const EvidenceStore& where,
                                                 const std::string& today);

// The controls met on `today` for `sys`, leaving out the approval's own.
Result<std::set<std::string>> MetControlsOfSystem(store::Database& db,
                                                  const governance::AiSystem& sys,
                                                  const EvidenceStore& where,
                                                  const std::string& today);

}  // namespace airm::usecases::internal
