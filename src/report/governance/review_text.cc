// Text of `airm board add` and `airm review decide|status`.
#include "airm/report/governance_text.h"
#include "airm/report/store_text.h"

namespace airm::report {
namespace {

// "AIRM-CARD, AIRM-RISK (E-001)": the controls an approval is bound to, with
// the manual evidence that met one.
std::string BoundText(const governance::SignOff& s) {
  std::string out;
  for (const std::string& control : s.evidence_controls) {
    std::string manual;
    for (const governance::BoundControl& b : s.evidence_bound) {
      if (b.control != control) continue;
      for (const std::string& key : b.manual) {
        if (manual.find(key) == std::string::npos) manual += (manual.empty() ? "" : ", ") + key;
      }
    }
    out += (out.empty() ? "" : ", ") + control + (manual.empty() ? "" : " (" + manual + ")");
  }
  return out;
}

// One line per sign-off: who signed for which function, and what it is bound to.
std::string SignOffLines(const char* label, const std::vector<governance::SignOff>& list) {
  std::string out;
  for (const governance::SignOff& s : list) {
    out += "  " + std::string(label) + s.signer + " (" + s.function + ") " + s.decision;
    if (s.decision == "reject") {
      out += "\n";
      continue;
    }
    if (s.evidence_controls.empty() && s.evidence_judged_on.empty()) {
      out += ", bound to no evidence (given before evidence was bound)\n";
      continue;
    }
    const std::string bound = BoundText(s);
    out += ", bound to " + (bound.empty() ? std::string("no met control") : bound);
    if (!s.evidence_judged_on.empty()) out += " (judged on " + s.evidence_judged_on + ")";
    out += "\n";
  }
  return out;
}

std::string StateText(const std::string& ref, const governance::ReviewState& s) {
  std::string out = ref + ": " + s.state;
  if (!s.approved_functions.empty()) {
    out += " (approved by";
    for (const std::string& f : s.approved_functions) out += " " + f;
    out += ")";
  }
  out += "\n" + SignOffLines("", s.current) + SignOffLines("lapsed: ", s.lapsed);
  return out + GovernanceFindingsText(s.findings);
}

}  // namespace

std::string BoardAddedText(const usecases::BoardAdded& added) {
  return "added review board " + added.board.name + " (" + added.board.quorum + ", " +
         std::to_string(added.board.seats.size()) + " seats)\n";
}

std::string ReviewDecidedText(const usecases::ReviewDecided& d) {
  return d.actor.name + " (" + d.signoff.function + ") " + d.signoff.decision + " " +
         d.model.Ref() + " [" + ShortDigest(d.model.artifact_digest) + "]\n" +
         StateText(d.model.Ref(), d.state);
}

std::string ReviewStatusText(const usecases::ReviewStatus& status) {
  return StateText(status.model.Ref(), status.state);
}

}  // namespace airm::report
