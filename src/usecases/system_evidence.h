// The evidence of an AI system as framework coverage judges it, shared by the
// uses that need it: coverage itself, the evidence an approval is bound to
// (review decide), and approvals whose evidence lapsed (escalation status).
#pragma once

#include <cstdint>
#include <map>
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

// What the evidence of several systems shares, read once per read
// transaction instead of once per system: each monitor's windows (reading
// computed_at walks every window's stored result, megabytes on a monitored
// store) and the audit trail's subjects (a scan that parses every entry).
// Valid only for the snapshot that filled it: a caller makes one inside its
// transaction body, so a retried transaction starts from an empty one.
struct EvidenceMemo {
  struct Windows {
    std::optional<std::string> newest;  // MAX(computed_at)
    int64_t count = 0;
  };
  std::map<std::string, Windows> windows;  // by monitor name
  struct AuditSubject {
    std::string subject;
    std::optional<std::string> at;
  };
  // Entries with a subject, in audit order; nullopt until first read.
  std::optional<std::vector<AuditSubject>> audit;
};

// The store and, when airm.yaml can be read, its monitors. A bare store file
// (or a config that does not parse) still gets evidence, with the reason in
// the monitoring evidence's detail.
struct EvidenceStore {
  std::optional<MonitorWorkspace> ws;
  OpenedStore opened;
  std::string config_note;  // why monitors were not read; "" when they were
  // Null: every system's evidence is read afresh. Set by a reader for the
  // length of one read transaction (EvidenceMemo).
  EvidenceMemo* memo = nullptr;
  store::Database& db() { return ws ? *ws->opened.db : *opened.db; }
  const monitor::MonitorsConfig* monitors() const { return ws ? ws->config.get() : nullptr; }
  const store::Workspace& workspace() const { return ws ? ws->opened.workspace : opened.workspace; }
};
Result<EvidenceStore> OpenEvidenceStore(const store::LocateOptions& where);

// Gives `where` a fresh EvidenceMemo for its lifetime; declare one at the top
// of a read transaction's body.
class ScopedEvidenceMemo {
 public:
  explicit ScopedEvidenceMemo(EvidenceStore* where) : where_(where) { where_->memo = &memo_; }
  ~ScopedEvidenceMemo() { where_->memo = nullptr; }
  ScopedEvidenceMemo(const ScopedEvidenceMemo&) = delete;
  ScopedEvidenceMemo& operator=(const ScopedEvidenceMemo&) = delete;

 private:
  EvidenceStore* where_;
  EvidenceMemo memo_;
};

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
