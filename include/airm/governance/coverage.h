// Framework coverage: which controls of the library each AI system meets, from
// the evidence airm found in its store, and what that covers of each framework.
//
// Steps (ComputeCoverage):
//   1. A control is met when every evidence kind it lists is present and, when
//      it has max_age_days, was observed no longer ago than that; expired when
//      present but too old; missing otherwise.
//   2. A framework item is covered when every control mapping to it is met,
//      partial when some are met or expired, a gap when none is, and
//      not_addressed when no airm control maps to it (it needs evidence airm
//      does not hold: a policy, a training record, …).
//   Manual evidence (manual_evidence.h) that counts on `today` meets its
//   control when the store's evidence does not (then expires_on is the last
//   day any of it counts, nullopt when one never expires); when all of it
//   has expired and the store's evidence is missing, the control is expired.
//   Manual evidence on a framework item covers that item on its own.
//   3. A framework whose applies_to_tier is set (the EU AI Act's high-risk
//      obligations) is not_applicable to systems of another or no tier.
// Pure: the use case (airm/usecases/governance_frameworks.h) collects the
// evidence.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/governance/control_library.h"
#include "airm/governance/manual_evidence.h"

namespace airm::governance {

struct EvidenceItem {
  std::string kind = "";  // kEvidenceKinds
  bool present = false;
  std::string detail = "";  // what was found, or what is missing, in words
  std::optional<std::string> observed_at = std::nullopt;  // ISO 8601; nullopt = timeless
};

struct SystemEvidence {
  std::string system = "";
  std::string tier = "";                    // EU AI Act tier; "" = unclassified
  std::vector<EvidenceItem> evidence = {};  // one per kind
  std::vector<ManualEvidence> manual = {};  // added by people, current or expired
};

struct ControlStatus {
  std::string control = "";
  std::string status = "";                // met | expired | missing
  std::vector<std::string> missing = {};  // evidence kinds absent
  std::vector<std::string> expired = {};  // evidence kinds present but too old; "E-001" manual
  std::string met_by = "";                // store | manual ("" when not met)
  std::vector<std::string> manual = {};   // keys of the manual evidence counting today
  std::optional<std::string> expires_on =
      std::nullopt;  // YYYY-MM-DD the oldest fresh evidence expires
};

struct ItemCoverage {
  std::string framework = "", id = "", group = "", title = "";
  std::string status = "";  // covered | partial | gap | not_addressed | not_applicable
  std::vector<std::string> controls = {};  // controls mapping to it
  std::vector<std::string> manual = {};    // keys of manual evidence on the item counting today
};

struct FrameworkCoverage {
  std::string framework = "";
  std::string title = "";
  bool applicable = true;
  int items = 0, covered = 0, partial = 0, gap = 0, not_addressed = 0;
  // covered / items; nullopt when not applicable (or, for the portfolio, no
  // system it applies to).
  std::optional<double> coverage = std::nullopt;
  std::vector<ItemCoverage> detail = {};  // per item (empty in the portfolio roll-up)
};

struct SystemCoverage {
  std::string system = "";
  std::string tier = "";
  std::vector<EvidenceItem> evidence = {};
  std::vector<ManualEvidence> manual = {};
  std::vector<ControlStatus> controls = {};
  std::vector<FrameworkCoverage> frameworks = {};
};

struct CoverageReport {
  std::string library = "";
  int library_version = 0;
  std::string today = "";  // YYYY-MM-DD the expiry was judged on
  std::vector<SystemCoverage> systems = {};
  std::vector<FrameworkCoverage> portfolio = {};  // counts summed over the systems it applies to
  // warn "framework.gaps" per system and applicable framework with gaps or
  // partial items; warn "evidence.expired" per expired control.
  std::vector<Finding> findings = {};
  int gaps = 0;  // gap + partial items over every system and framework
};

// `frameworks` filters the library's frameworks (empty = all); InvalidArgument
// naming --framework and the known ids for an unknown one. `today` YYYY-MM-DD.
Result<CoverageReport> ComputeCoverage(const ControlLibrary& library,
                                       const std::vector<SystemEvidence>& systems,
                                       const std::vector<std::string>& frameworks,
                                       const std::string& today);

// A control met on one system's evidence, as an approval is bound to it: the
// store's evidence it rested on (met_by store: each kind the control lists,
// as found) or the manual evidence that met it (met_by manual: its keys).
struct BoundControl {
  std::string system = "";
  std::string control = "";
  std::string met_by = "";                               // store | manual
  std::vector<EvidenceItem> evidence = {};               // met_by store
  std::vector<std::string> manual = {};                  // met_by manual: "E-001", …
  std::optional<std::string> expires_on = std::nullopt;  // YYYY-MM-DD; nullopt = never
};

// The controls met on `system`'s evidence on `today` with what met them, in
// library order, leaving out those that need the approval itself (what an
// approval can be bound to).
std::vector<BoundControl> BindableControls(const ControlLibrary& library,
                                           const SystemEvidence& system, const std::string& today);

// The ids of BindableControls.
std::set<std::string> MetControls(const ControlLibrary& library, const SystemEvidence& system,
                                  const std::string& today);

// "2027-01-05": the date of `timestamp` (ISO 8601, date first) plus `days`;
// nullopt when the timestamp does not start with a date.
std::optional<std::string> AddDays(const std::string& timestamp, int days);

}  // namespace airm::governance
