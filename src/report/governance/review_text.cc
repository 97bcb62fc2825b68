// Text of `airm board add` and `airm review decide|status`.
#include "airm/report/governance_text.h"
#include "airm/report/store_text.h"

namespace airm::report {
namespace {

std::string StateText(const std::string& ref, const governance::ReviewState& s) {
  std::string out = ref + ": " + s.state;
  if (!s.approved_functions.empty()) {
    out += " (approved by";
    for (const std::string& f : s.approved_functions) out += " " + f;
    out += ")";
  }
  return out + "\n" + GovernanceFindingsText(s.findings);
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
