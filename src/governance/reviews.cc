#include "airm/governance/reviews.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "airm/governance/reassessment.h"
#include "choices.h"

namespace airm::governance {
namespace {

using internal::ListOf;
using internal::OneOf;

bool IsApproval(const std::string& decision) {
  return decision == "approve" || decision == "approve-with-conditions";
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// review_signoffs.evidence_json: {"controls": [ids], "judged_on": DATE,
// "bound": [{system, control, met_by, evidence: [{kind, detail,
// observed_at}], manual: [keys], expires_on}]}. Stores written before
// judged_on and bound were recorded hold "controls" only.
nlohmann::json EvidenceJson(const SignOff& s) {
  nlohmann::json bound = nlohmann::json::array();
  for (const BoundControl& b : s.evidence_bound) {
    nlohmann::json items = nlohmann::json::array();
    for (const EvidenceItem& e : b.evidence) {
      items.push_back({{"kind", e.kind},
                       {"detail", e.detail},
                       {"observed_at",
                        e.observed_at ? nlohmann::json(*e.observed_at) : nlohmann::json(nullptr)}});
    }
    bound.push_back(
        {{"system", b.system},
         {"control", b.control},
         {"met_by", b.met_by},
         {"evidence", std::move(items)},
         {"manual", b.manual},
         {"expires_on", b.expires_on ? nlohmann::json(*b.expires_on) : nlohmann::json(nullptr)}});
  }
  return {{"controls", s.evidence_controls},
          {"judged_on", s.evidence_judged_on},
          {"bound", std::move(bound)}};
}

std::string TextOr(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::vector<std::string> TextsOf(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key) || !j[key].is_array()) return out;
  for (const auto& x : j[key]) {
    if (x.is_string()) out.push_back(x.get<std::string>());
  }
  return out;
}

// Written by InsertSignOff; anything else binds nothing rather than failing reads.
void ReadEvidenceJson(const std::string& text, SignOff* s) {
  const nlohmann::json e = nlohmann::json::parse(text, nullptr, false);
  if (!e.is_object()) return;
  s->evidence_controls = TextsOf(e, "controls");
  s->evidence_judged_on = TextOr(e, "judged_on");
  if (!e.contains("bound") || !e["bound"].is_array()) return;
  for (const auto& b : e["bound"]) {
    if (!b.is_object()) continue;
    BoundControl bound{.system = TextOr(b, "system"),
                       .control = TextOr(b, "control"),
                       .met_by = TextOr(b, "met_by"),
                       .manual = TextsOf(b, "manual")};
    if (const std::string until = TextOr(b, "expires_on"); !until.empty()) bound.expires_on = until;
    if (b.contains("evidence") && b["evidence"].is_array()) {
      for (const auto& x : b["evidence"]) {
        if (!x.is_object()) continue;
        EvidenceItem item{
            .kind = TextOr(x, "kind"), .present = true, .detail = TextOr(x, "detail")};
        if (const std::string at = TextOr(x, "observed_at"); !at.empty()) item.observed_at = at;
        bound.evidence.push_back(std::move(item));
      }
    }
    s->evidence_bound.push_back(std::move(bound));
  }
}

}  // namespace

std::vector<std::string> ReviewBoard::FunctionsOf(const std::string& person) const {
  std::vector<std::string> out;
  for (const char* f : kBoardFunctions) {
    for (const BoardSeat& s : seats) {
      if (s.function == f && s.member == person) {
        out.push_back(f);
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> ReviewBoard::Functions() const {
  std::vector<std::string> out;
  for (const char* f : kBoardFunctions) {
    for (const BoardSeat& s : seats) {
      if (s.function == f) {
        out.push_back(f);
        break;
      }
    }
  }
  return out;
}

Result<BoardSeat> ParseSeat(const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    return Status::InvalidArgument("--seat '" + text +
                                   "': expected FUNCTION=PERSON, e.g. legal=bob");
  }
  BoardSeat seat{text.substr(0, eq), text.substr(eq + 1)};
  if (!OneOf(seat.function, kBoardFunctions)) {
    return Status::InvalidArgument("--seat '" + text + "': function must be one of " +
                                   ListOf(kBoardFunctions));
  }
  return seat;
}

Status ValidateBoard(const ReviewBoard& b) {
  if (b.name.empty()) return Status::InvalidArgument("board add needs NAME");
  if (!OneOf(b.quorum, kQuorumRules)) {
    return Status::InvalidArgument("--quorum '" + b.quorum + "': expected one of " +
                                   ListOf(kQuorumRules));
  }
  if (b.seats.empty()) return Status::InvalidArgument("board add needs at least one --seat");
  for (const BoardSeat& s : b.seats) {
    if (!OneOf(s.function, kBoardFunctions)) {
      return Status::InvalidArgument("--seat function '" + s.function + "': expected one of " +
                                     ListOf(kBoardFunctions));
    }
  }
  return Status::Ok();
}

Result<ReviewBoard> InsertBoard(store::Database& tx, const ReviewBoard& b) {
  AIRM_ASSIGN_OR_RETURN(auto existing,
                        tx.Query("SELECT id FROM review_boards WHERE name = ?", {b.name}));
  if (!existing.empty()) {
    return Status::InvalidArgument("a review board named '" + b.name + "' already exists");
  }
  AIRM_ASSIGN_OR_RETURN(auto rows, tx.Query("INSERT INTO review_boards (name, quorum, created_at, "
                                            "created_by) VALUES (?, ?, ?, ?) RETURNING id",
                                            {b.name, b.quorum, b.created_at, b.created_by}));
  ReviewBoard out = b;
  out.id = rows.at(0).Int(0);
  for (const BoardSeat& s : b.seats) {
    AIRM_RETURN_IF_ERROR(
        tx.Execute("INSERT INTO review_board_seats (board_id, function, member) VALUES (?, ?, ?)"
                   " ON CONFLICT DO NOTHING",
                   {out.id, s.function, s.member}));
  }
  return out;
}

Result<ReviewBoard> GetBoard(store::Database& db, const std::string& name) {
  AIRM_ASSIGN_OR_RETURN(
      auto rows,
      db.Query("SELECT id, name, quorum, created_at, created_by FROM review_boards WHERE name = ?",
               {name}));
  if (rows.empty()) {
    return Status::NotFound("no review board named '" + name + "'; add it with `airm board add`");
  }
  ReviewBoard b{rows[0].Int(0),  rows[0].Text(1), rows[0].Text(2), {},
                rows[0].Text(3), rows[0].Text(4)};
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT function, member FROM review_board_seats WHERE board_id = ? ORDER BY function, "
      "member",
      {b.id}, [&](const store::Row& row) {
        b.seats.push_back({row.Text(0), row.Text(1)});
        return Status::Ok();
      }));
  return b;
}

Result<std::vector<ReviewBoard>> ListBoards(store::Database& db) {
  std::vector<std::string> names;
  AIRM_RETURN_IF_ERROR(
      db.QueryEach("SELECT name FROM review_boards ORDER BY name", {}, [&](const store::Row& row) {
        names.push_back(row.Text(0));
        return Status::Ok();
      }));
  std::vector<ReviewBoard> out;
  for (const std::string& name : names) {
    AIRM_ASSIGN_OR_RETURN(ReviewBoard board, GetBoard(db, name));
    out.push_back(std::move(board));
  }
  return out;
}

Status InsertSignOff(store::Database& tx, int64_t board_id, int64_t model_version_id,
                     const SignOff& s) {
  // Conditions without due dates stay plain strings, so stores read by an
  // older airm keep their shape.
  nlohmann::json conditions = nlohmann::json::array();
  for (size_t i = 0; i < s.conditions.size(); ++i) {
    const std::string due = i < s.condition_due.size() ? s.condition_due[i] : "";
    if (due.empty()) {
      conditions.push_back(s.conditions[i]);
    } else {
      conditions.push_back({{"text", s.conditions[i]}, {"due", due}});
    }
  }
  store::Value evidence;  // NULL: binds nothing
  if (IsApproval(s.decision)) evidence = EvidenceJson(s).dump();
  return tx.Execute(
      "INSERT INTO review_signoffs (board_id, model_version_id, artifact_digest, function, "
      "signer, decision, conditions_json, comment, decided_at, evidence_json) VALUES (?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?)",
      {board_id, model_version_id, s.artifact_digest, s.function, s.signer, s.decision,
       conditions.dump(), s.comment, s.decided_at, evidence});
}

Result<std::vector<SignOff>> SignOffsFor(store::Database& db, int64_t board_id, int64_t model_id) {
  std::vector<SignOff> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT s.id, m.name || '@' || v.version, s.artifact_digest, s.function, s.signer, "
      "s.decision, s.conditions_json, s.comment, s.decided_at, s.evidence_json FROM "
      "review_signoffs s JOIN "
      "model_versions v ON v.id = s.model_version_id JOIN models m ON m.id = v.model_id WHERE "
      "s.board_id = ? AND v.model_id = ? ORDER BY s.id",
      {board_id, model_id}, [&](const store::Row& row) {
        SignOff s{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)};
        nlohmann::json c = nlohmann::json::parse(row.Text(6), nullptr, false);
        if (c.is_array()) {
          for (const auto& x : c) {
            if (x.is_string()) {
              s.conditions.push_back(x.get<std::string>());
              s.condition_due.emplace_back();
            } else if (x.is_object() && x.contains("text") && x["text"].is_string()) {
              s.conditions.push_back(x["text"].get<std::string>());
              s.condition_due.push_back(
                  x.contains("due") && x["due"].is_string() ? x["due"].get<std::string>() : "");
            }
          }
        }
        s.comment = row.Text(7);
        s.decided_at = row.Text(8);
        if (!row.IsNull(9)) ReadEvidenceJson(row.Text(9), &s);
        out.push_back(std::move(s));
        return Status::Ok();
      }));
  // A reassessment reopens the review: what was signed before it is decided again.
  AIRM_ASSIGN_OR_RETURN(std::optional<Reassessment> reopening, ReopeningOfModel(db, model_id));
  if (reopening) {
    for (SignOff& s : out) {
      if (s.id <= reopening->last_signoff_id) s.reopened_by = reopening->Describe();
    }
  }
  return out;
}

Result<std::string> CheckSigner(const ReviewBoard& board, const store::ModelVersion& version,
                                const std::string& signer, const std::string& function) {
  if (signer == version.registered_by) {
    return Status::InvalidArgument("separation of duties: " + signer + " registered " +
                                   version.Ref() + " and cannot approve or reject it");
  }
  const std::vector<std::string> held = board.FunctionsOf(signer);
  if (held.empty()) {
    return Status::InvalidArgument(signer + " holds no seat on review board '" + board.name +
                                   "' (--actor, or airm.yaml's actor)");
  }
  if (function.empty()) {
    if (held.size() > 1) {
      return Status::InvalidArgument(signer + " holds several seats (" + Join(held) +
                                     "); say which with --function");
    }
    return held[0];
  }
  for (const std::string& f : held) {
    if (f == function) return f;
  }
  return Status::InvalidArgument("--function " + function + ": " + signer +
                                 " holds no such seat on '" + board.name + "' (holds " +
                                 Join(held) + ")");
}

ReviewState EvaluateReview(const ReviewBoard& board, const store::ModelVersion& version,
                           const std::vector<SignOff>& signoffs,
                           const std::set<std::string>* met_now) {
  ReviewState out;
  std::map<std::string, SignOff> newest;  // per function, for this digest
  for (const SignOff& s : signoffs) {
    if (s.artifact_digest == version.artifact_digest && !s.reopened_by.empty()) {
      out.reopened.push_back(s);
    } else if (s.artifact_digest == version.artifact_digest) {
      newest[s.function] = s;
    } else {
      out.stale.push_back(s);
    }
  }
  // An approval whose evidence lapsed stops counting; a later sign-off of the
  // same function (the board deciding again) replaces it as usual.
  std::set<std::string> lapsed_controls;
  for (auto it = newest.begin(); met_now && it != newest.end();) {
    std::vector<std::string> lost;
    for (const std::string& c : it->second.evidence_controls) {
      if (!met_now->contains(c)) lost.push_back(c);
    }
    if (lost.empty() || !IsApproval(it->second.decision)) {
      ++it;
      continue;
    }
    lapsed_controls.insert(lost.begin(), lost.end());
    out.lapsed.push_back(it->second);
    it = newest.erase(it);
  }
  out.lapsed_controls.assign(lapsed_controls.begin(), lapsed_controls.end());
  bool rejected = false;
  for (const std::string& f : board.Functions()) {
    auto it = newest.find(f);
    if (it == newest.end()) {
      out.missing_functions.push_back(f);
      continue;
    }
    out.current.push_back(it->second);
    if (IsApproval(it->second.decision)) {
      out.approved_functions.push_back(f);
    } else {
      rejected = true;
      out.findings.push_back(
          MakeFinding(Severity::kFail, "review.rejected", version.Ref(),
                      it->second.signer + " (" + f + ") rejected " + version.Ref() +
                          (it->second.comment.empty() ? "" : ": " + it->second.comment)));
    }
  }
  const size_t seats = board.Functions().size();
  const size_t approvals = out.approved_functions.size();
  const bool quorum = board.quorum == "all-seats" ? approvals == seats : approvals * 2 > seats;
  out.state = rejected ? "rejected" : quorum ? "approved" : "pending";
  if (out.state == "pending") {
    out.findings.push_back(MakeFinding(Severity::kWarn, "review.pending", version.Ref(),
                                       version.Ref() + " awaits " + board.quorum +
                                           " approval by '" + board.name +
                                           "'; missing: " + Join(out.missing_functions)));
  }
  if (!out.stale.empty() && out.state != "approved") {
    std::vector<std::string> refs;
    for (const SignOff& s : out.stale) {
      if (IsApproval(s.decision)) refs.push_back(s.model_ref + " by " + s.signer);
    }
    if (!refs.empty()) {
      out.findings.push_back(MakeFinding(Severity::kWarn, "review.stale", version.Ref(),
                                         "earlier approvals (" + Join(refs) +
                                             ") were for another artifact digest and do not "
                                             "cover " +
                                             version.Ref() + " (" + version.artifact_digest +
                                             "); the review is reopened"));
    }
  }
  if (!out.lapsed.empty()) {
    std::vector<std::string> who;
    for (const SignOff& s : out.lapsed) who.push_back(s.signer + " (" + s.function + ")");
    out.findings.push_back(MakeFinding(Severity::kWarn, "review.evidence_expired", version.Ref(),
                                       "the approval of " + version.Ref() + " by " + Join(who) +
                                           " rested on evidence that is no longer current (" +
                                           Join(out.lapsed_controls) +
                                           "); the review is reopened"));
  }
  if (!out.reopened.empty()) {
    std::vector<std::string> who;
    for (const SignOff& s : out.reopened) who.push_back(s.signer + " (" + s.function + ")");
    out.findings.push_back(
        MakeFinding(Severity::kWarn, "review.reassessed", version.Ref(),
                    "the quarterly risk reassessment " + out.reopened.back().reopened_by +
                        " reopened the review of " + version.Ref() +
                        "; sign-offs made before it by " + Join(who) + " no longer count"));
  }
  for (const SignOff& s : out.current) {
    for (size_t i = 0; i < s.conditions.size(); ++i) {
      const std::string due = i < s.condition_due.size() ? s.condition_due[i] : "";
      out.findings.push_back(MakeFinding(Severity::kInfo, "review.conditions", version.Ref(),
                                         s.signer + " (" + s.function +
                                             ") approved on condition: " + s.conditions[i] +
                                             (due.empty() ? "" : " (due " + due + ")")));
    }
  }
  return out;
}

}  // namespace airm::governance
