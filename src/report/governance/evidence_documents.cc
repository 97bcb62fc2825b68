// JSON and text of `airm evidence add`, and manual evidence in other documents.
#include "airm/report/evidence_documents.h"

#include <fmt/format.h>

#include "governance/evidence_json.h"

namespace airm::report {
namespace {

Json OptionalJson(const auto& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

Json ManualEvidenceJson(const governance::ManualEvidence& e) {
  return {{"id", e.Key()},
          {"control", e.control},
          {"location", e.location},
          {"location_kind", e.location_kind},
          {"sha256", OptionalJson(e.sha256)},
          {"size_bytes", OptionalJson(e.size_bytes)},
          {"note", e.note},
          {"expires_on", OptionalJson(e.expires_on)},
          {"added_at", e.added_at},
          {"added_by", e.added_by}};
}

std::string RenderEvidenceAddedJson(const usecases::EvidenceAdded& added, const ReportMeta& meta) {
  Json doc = DocumentHeader("evidence_added", "1.0", meta);
  Json findings = Json::array();
  for (const Finding& f : added.findings) findings.push_back(FindingJson(f));
  doc["findings"] = std::move(findings);
  doc["system"] = added.system;
  doc["evidence"] = ManualEvidenceJson(added.evidence);
  doc["actor"] = {{"name", added.actor.name}, {"source", added.actor.source}};
  doc["audit"] = {{"tree_size", added.audit_head.tree_size},
                  {"root_hash", added.audit_head.root_hex}};
  return DumpJson(doc);
}

std::string EvidenceAddedText(const usecases::EvidenceAdded& added) {
  const governance::ManualEvidence& e = added.evidence;
  std::string out = fmt::format("{}: {} for {} on {} ({}{})\n", e.Key(), e.location, e.control,
                                added.system, e.sha256.value_or("not hashed: a URL"),
                                e.expires_on ? ", counts until " + *e.expires_on : "");
  for (const Finding& f : added.findings) out += "  " + f.message + "\n";
  return out;
}

}  // namespace airm::report
