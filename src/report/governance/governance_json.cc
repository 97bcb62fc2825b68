#include <nlohmann/json.hpp>

#include "airm/report/governance_documents.h"
#include "airm/report/json_util.h"
#include "store_record_json.h"

namespace airm::governance {
namespace {

using report::FindingsJson;
using report::Json;

constexpr const char* kSchemaVersion = "1.0";
// Review documents: 1.1 added each sign-off's `evidence` (the controls and
// evidence it was bound to) and the lapsed sign-offs.
constexpr const char* kReviewSchemaVersion = "1.1";

Json Rated(const std::optional<int>& l, const std::optional<int>& i, const RiskMatrix& m) {
  if (!l || !i) return nullptr;
  return {{"likelihood", *l}, {"impact", *i}, {"score", *l * *i}, {"rating", m.Rating(*l, *i)}};
}

Json OptionalText(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json RiskJson(const Risk& r, const RiskMatrix& m) {
  return {{"id", r.Key()},
          {"system", r.system},
          {"title", r.title},
          {"description", r.description},
          {"category", r.category},
          {"inherent", Rated(r.inherent_likelihood, r.inherent_impact, m)},
          {"residual", Rated(r.residual_likelihood, r.residual_impact, m)},
          {"controls", r.controls},
          {"treatment", r.treatment},
          {"owner", r.owner},
          {"due_date", OptionalText(r.due_date)},
          {"status", r.status},
          {"created_at", r.created_at},
          {"created_by", r.created_by},
          {"updated_at", r.updated_at},
          {"updated_by", r.updated_by}};
}

Json MatrixJson(const RiskMatrix& m) {
  Json rows = Json::array();
  for (const auto& row : m.ratings) rows.push_back(Json(row));
  return {{"source", m.source}, {"axes", "ratings[likelihood-1][impact-1]"}, {"ratings", rows}};
}

Json SystemJsonObject(const SystemView& v, const RiskMatrix& m) {
  const AiSystem& s = v.system;
  Json models = Json::array();
  for (const LinkedModel& lm : v.models) {
    models.push_back({{"model", lm.model},
                      {"versions", lm.versions},
                      {"linked_at", lm.linked_at},
                      {"linked_by", lm.linked_by}});
  }
  Json classification = nullptr;
  if (v.classification) {
    const StoredClassification& c = *v.classification;
    classification = {{"tier", c.result.tier},
                      {"rationale", c.result.rationale},
                      {"ruleset", c.result.ruleset},
                      {"answers", Json::parse(c.answers_json, nullptr, false)},
                      {"classified_at", c.classified_at},
                      {"classified_by", c.classified_by}};
    if (classification["answers"].is_discarded()) classification["answers"] = nullptr;
  }
  Json risks = Json::array();
  for (const Risk& r : v.risks) risks.push_back(RiskJson(r, m));
  return {{"name", s.name},
          {"owner", s.owner},
          {"business_unit", s.business_unit},
          {"purpose", s.purpose},
          {"decision_type", s.decision_type},
          {"affected_people", s.affected_people},
          {"data_categories", s.data_categories},
          {"lifecycle_state", s.lifecycle_state},
          {"created_at", s.created_at},
          {"created_by", s.created_by},
          {"eu_ai_act", classification},
          {"models", models},
          {"risks", risks}};
}

Json ActorJson(const Actor& a) { return {{"name", a.name}, {"source", a.source}}; }

Json HeadJson(const TreeHead& h) {
  return {{"tree_size", h.tree_size},   {"root_hash", h.root_hex},  {"signed_at", h.signed_at},
          {"public_key", h.public_key}, {"signature", h.signature}, {"checkpoint", h.Checkpoint()}};
}

// What an approval was bound to; null when it binds nothing (a rejection, or
// a sign-off made before evidence was bound).
Json BoundEvidenceJson(const SignOff& s) {
  if (s.decision == "reject" || (s.evidence_controls.empty() && s.evidence_judged_on.empty())) {
    return nullptr;
  }
  Json bound = Json::array();
  for (const BoundControl& b : s.evidence_bound) {
    Json items = Json::array();
    for (const EvidenceItem& e : b.evidence) {
      items.push_back(
          {{"kind", e.kind}, {"detail", e.detail}, {"observed_at", OptionalText(e.observed_at)}});
    }
    bound.push_back({{"system", b.system},
                     {"control", b.control},
                     {"met_by", b.met_by},
                     {"evidence", std::move(items)},
                     {"manual", b.manual},
                     {"expires_on", OptionalText(b.expires_on)}});
  }
  return {{"judged_on", s.evidence_judged_on.empty() ? Json(nullptr) : Json(s.evidence_judged_on)},
          {"controls", s.evidence_controls},
          {"bound", std::move(bound)}};
}

Json SignOffJson(const SignOff& s) {
  Json due = Json::array();
  for (size_t i = 0; i < s.conditions.size(); ++i) {
    const bool has = i < s.condition_due.size() && !s.condition_due[i].empty();
    due.push_back(has ? Json(s.condition_due[i]) : Json(nullptr));
  }
  return {{"model", s.model_ref},       {"artifact_digest", s.artifact_digest},
          {"function", s.function},     {"signer", s.signer},
          {"decision", s.decision},     {"conditions", s.conditions},
          {"condition_due", due},       {"comment", s.comment},
          {"decided_at", s.decided_at}, {"evidence", BoundEvidenceJson(s)}};
}

Json SignOffsJson(const std::vector<SignOff>& list) {
  Json out = Json::array();
  for (const SignOff& s : list) out.push_back(SignOffJson(s));
  return out;
}

// The members every review document shares.
Json ReviewJson(const ReviewBoard& board, const store::ModelVersion& model,
                const ReviewState& state) {
  return {
      {"board", {{"name", board.name}, {"quorum", board.quorum}, {"functions", board.Functions()}}},
      {"model",
       {{"ref", model.Ref()},
        {"artifact_digest", model.artifact_digest},
        {"registered_by", model.registered_by}}},
      {"state", state.state},
      {"approved_functions", state.approved_functions},
      {"missing_functions", state.missing_functions},
      {"current_signoffs", SignOffsJson(state.current)},
      {"stale_signoffs", SignOffsJson(state.stale)},
      {"lapsed_signoffs", SignOffsJson(state.lapsed)},
      {"lapsed_controls", state.lapsed_controls}};
}

}  // namespace

std::string RenderBoardJson(const ReviewBoard& board, const Actor& actor, const TreeHead& head,
                            const ReportMeta& meta) {
  Json doc = report::DocumentHeader("review_board", kSchemaVersion, meta);
  doc["actor"] = ActorJson(actor);
  doc["audit"] = HeadJson(head);
  doc["name"] = board.name;
  doc["quorum"] = board.quorum;
  Json seats = Json::array();
  for (const BoardSeat& s : board.seats)
    seats.push_back({{"function", s.function}, {"member", s.member}});
  doc["seats"] = std::move(seats);
  return report::DumpJson(doc);
}

std::string RenderReviewJson(const char* kind, const ReviewBoard& board,
                             const store::ModelVersion& model, const ReviewState& state,
                             const SignOff* signoff, const Actor* actor, const TreeHead* head,
                             const ReportMeta& meta) {
  Json doc = report::DocumentHeader(kind, kReviewSchemaVersion, meta);
  doc["findings"] = FindingsJson(state.findings);
  if (actor) doc["actor"] = ActorJson(*actor);
  if (head) doc["audit"] = HeadJson(*head);
  if (signoff) doc["signoff"] = SignOffJson(*signoff);
  doc.update(ReviewJson(board, model, state));
  return report::DumpJson(doc);
}

std::string RenderReviewQueueJson(const std::vector<BoardReview>& reviews, const ReportMeta& meta) {
  Json doc = report::DocumentHeader("review_queue", kReviewSchemaVersion, meta);
  Json list = Json::array();
  for (const BoardReview& r : reviews) {
    Json item = ReviewJson(r.board, r.model, r.state);
    item["findings"] = FindingsJson(r.state.findings);
    list.push_back(std::move(item));
  }
  doc["reviews"] = std::move(list);
  return report::DumpJson(doc);
}

std::string RenderInventoryJson(const std::vector<SystemView>& systems,
                                const std::vector<Finding>& findings, const RiskMatrix& matrix,
                                const ReportMeta& meta) {
  Json doc = report::DocumentHeader("ai_system_inventory", kSchemaVersion, meta);
  doc["findings"] = FindingsJson(findings);
  // Counts for gates (`--fail-on unlinked` is summary.unlinked>0).
  int64_t unlinked = 0, unclassified = 0;
  for (const Finding& f : findings) {
    if (f.code.rfind("inventory.unlinked_", 0) == 0) ++unlinked;
    if (f.code == "inventory.unclassified") ++unclassified;
  }
  doc["summary"] = {
      {"systems", systems.size()}, {"unlinked", unlinked}, {"unclassified", unclassified}};
  Json list = Json::array();
  for (const SystemView& v : systems) list.push_back(SystemJsonObject(v, matrix));
  doc["systems"] = std::move(list);
  return report::DumpJson(doc);
}

std::string RenderSystemJson(const char* kind, const SystemView& system, const RiskMatrix& matrix,
                             const Actor* actor, const TreeHead* head,
                             const std::vector<Finding>& findings, const ReportMeta& meta) {
  Json doc = report::DocumentHeader(kind, kSchemaVersion, meta);
  doc["findings"] = FindingsJson(findings);
  if (actor) doc["actor"] = ActorJson(*actor);
  if (head) doc["audit"] = head->tree_size > 0 ? HeadJson(*head) : Json(nullptr);
  doc["system"] = SystemJsonObject(system, matrix);
  return report::DumpJson(doc);
}

std::string RenderRiskWriteJson(const char* kind, const Risk& risk, const RiskMatrix& matrix,
                                const std::vector<std::string>& changed, const Actor& actor,
                                const TreeHead& head, const std::vector<Finding>& findings,
                                const ReportMeta& meta) {
  Json doc = report::DocumentHeader(kind, kSchemaVersion, meta);
  doc["findings"] = FindingsJson(findings);
  doc["actor"] = ActorJson(actor);
  doc["audit"] = head.tree_size > 0 ? HeadJson(head) : Json(nullptr);
  doc["changed"] = changed;
  doc["risk"] = RiskJson(risk, matrix);
  return report::DumpJson(doc);
}

std::string RenderRiskRegisterJson(const std::vector<Risk>& risks, const RiskMatrix& matrix,
                                   const std::vector<Finding>& findings, const ReportMeta& meta) {
  Json doc = report::DocumentHeader("risk_register", kSchemaVersion, meta);
  doc["findings"] = FindingsJson(findings);
  doc["matrix"] = MatrixJson(matrix);
  Json list = Json::array();
  for (const Risk& r : risks) list.push_back(RiskJson(r, matrix));
  doc["risks"] = std::move(list);
  return report::DumpJson(doc);
}

std::string RenderAuditVerificationJson(const AuditVerification& v,
                                        const std::vector<Finding>& findings,
                                        const ReportMeta& meta) {
  Json doc = report::DocumentHeader("audit_verification", kSchemaVersion, meta);
  doc["findings"] = FindingsJson(findings);
  doc["ok"] = v.ok();
  doc["entries"] = v.entries;
  doc["tree_heads"] = v.tree_heads;
  doc["root_hash"] = OptionalText(v.root_hex);
  doc["public_key"] = v.public_key;
  doc["checkpoint_checked"] = v.checkpoint_checked;
  doc["first_bad_entry"] = v.ok() ? Json(nullptr) : Json(v.problems.front().seq);
  Json problems = Json::array();
  for (const AuditProblem& p : v.problems) {
    problems.push_back({{"entry", p.seq}, {"kind", p.kind}, {"message", p.message}});
  }
  doc["problems"] = std::move(problems);
  return report::DumpJson(doc);
}

std::string RenderInclusionProofJson(const InclusionProof& p, const std::string& public_key,
                                     const ReportMeta& meta) {
  Json doc = report::DocumentHeader("audit_inclusion_proof", kSchemaVersion, meta);
  doc["algorithm"] = "RFC 6962 section 2.1.1 (SHA-256; leaf 0x00, node 0x01)";
  doc["entry_seq"] = p.seq;
  doc["leaf_index"] = p.leaf_index;
  doc["tree_size"] = p.tree_size;
  doc["entry"] = p.entry;
  doc["leaf_hash"] = p.leaf_hash;
  doc["audit_path"] = p.path;
  doc["root_hash"] = p.head.root_hex;
  doc["signed_tree_head"] = HeadJson(p.head);
  doc["public_key"] = public_key;
  doc["verified"] = p.verified;
  return report::DumpJson(doc);
}

std::string RenderAuditExportJson(const AuditLogSnapshot& log, const AuditVerification& v,
                                  const ReportMeta& meta) {
  Json doc = report::DocumentHeader("audit_export", kSchemaVersion, meta);
  doc["public_key"] = log.public_key;
  doc["verified"] = v.ok();
  doc["first_bad_entry"] = v.ok() ? Json(nullptr) : Json(v.problems.front().seq);
  Json entries = Json::array();
  for (const AuditEntry& e : log.entries) {
    entries.push_back({{"seq", e.seq}, {"entry", e.entry}, {"leaf_hash", e.leaf_hash}});
  }
  doc["entries"] = std::move(entries);
  Json heads = Json::array();
  for (const TreeHead& h : log.heads) heads.push_back(HeadJson(h));
  doc["tree_heads"] = std::move(heads);
  doc["checkpoint"] = log.checkpoint ? HeadJson(*log.checkpoint) : Json(nullptr);
  return report::DumpJson(doc);
}

}  // namespace airm::governance
