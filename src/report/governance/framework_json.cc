// JSON of the control library and of framework coverage.
#include <nlohmann/json.hpp>

#include "airm/report/framework_documents.h"
#include "airm/report/json_util.h"
#include "governance/evidence_json.h"

namespace airm::report {
namespace {

constexpr const char* kSchemaVersion = "1.0";

Json OptionalText(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json CountsJson(const governance::FrameworkCoverage& f) {
  return {{"framework", f.framework},
          {"title", f.title},
          {"applicable", f.applicable},
          {"items", f.items},
          {"covered", f.covered},
          {"partial", f.partial},
          {"gap", f.gap},
          {"not_addressed", f.not_addressed},
          {"coverage", JsonNumber(f.coverage)}};
}

}  // namespace

std::string RenderControlLibraryJson(const governance::ControlLibrary& lib,
                                     const ReportMeta& meta) {
  Json doc = DocumentHeader("control_library", kSchemaVersion, meta);
  doc["library"] = lib.name;
  doc["library_version"] = lib.version;
  doc["note"] = "Item titles are short paraphrases, not the frameworks' text.";
  Json frameworks = Json::array();
  for (const governance::Framework& f : lib.frameworks) {
    Json items = Json::array();
    for (const governance::FrameworkItem& i : lib.items) {
      if (i.framework != f.id) continue;
      Json controls = Json::array();
      for (const governance::Control& c : lib.controls) {
        for (const governance::ItemRef& r : c.maps) {
          if (r.framework == f.id && r.id == i.id) {
            controls.push_back(c.id);
            break;
          }
        }
      }
      items.push_back(
          {{"id", i.id}, {"group", i.group}, {"title", i.title}, {"controls", controls}});
    }
    frameworks.push_back(
        {{"id", f.id},
         {"title", f.title},
         {"source", f.source},
         {"applies_to_tier", f.applies_to_tier.empty() ? Json(nullptr) : Json(f.applies_to_tier)},
         {"items", items}});
  }
  doc["frameworks"] = std::move(frameworks);
  Json controls = Json::array();
  for (const governance::Control& c : lib.controls) {
    Json maps = Json::object();
    for (const governance::ItemRef& r : c.maps) maps[r.framework].push_back(r.id);
    controls.push_back({{"id", c.id},
                        {"title", c.title},
                        {"evidence", c.evidence},
                        {"max_age_days", c.max_age_days ? Json(*c.max_age_days) : Json(nullptr)},
                        {"maps", maps}});
  }
  doc["controls"] = std::move(controls);
  return DumpJson(doc);
}

std::string RenderFrameworkCoverageJson(const governance::ControlLibrary& lib,
                                        const governance::CoverageReport& report,
                                        const ReportMeta& meta) {
  Json doc = DocumentHeader("framework_coverage", kSchemaVersion, meta);
  Json findings = Json::array();
  for (const Finding& f : report.findings) findings.push_back(FindingJson(f));
  doc["findings"] = std::move(findings);
  doc["library"] = {{"name", lib.name}, {"version", lib.version}};
  doc["today"] = report.today;
  int expired = 0;
  for (const governance::SystemCoverage& s : report.systems) {
    for (const governance::ControlStatus& c : s.controls) expired += c.status == "expired";
  }
  doc["summary"] = {
      {"systems", report.systems.size()}, {"gaps", report.gaps}, {"expired_controls", expired}};
  Json portfolio = Json::array();
  for (const governance::FrameworkCoverage& f : report.portfolio)
    portfolio.push_back(CountsJson(f));
  doc["portfolio"] = std::move(portfolio);
  Json systems = Json::array();
  Json gaps = Json::array();
  for (const governance::SystemCoverage& s : report.systems) {
    Json evidence = Json::array();
    for (const governance::EvidenceItem& e : s.evidence) {
      evidence.push_back({{"kind", e.kind},
                          {"present", e.present},
                          {"detail", e.detail},
                          {"observed_at", OptionalText(e.observed_at)}});
    }
    Json manual = Json::array();
    for (const governance::ManualEvidence& m : s.manual) manual.push_back(ManualEvidenceJson(m));
    Json controls = Json::array();
    for (const governance::ControlStatus& c : s.controls) {
      controls.push_back({{"id", c.control},
                          {"name", c.control},
                          {"status", c.status},
                          {"missing", c.missing},
                          {"expired", c.expired},
                          {"expires_on", OptionalText(c.expires_on)},
                          {"met_by", c.met_by.empty() ? Json(nullptr) : Json(c.met_by)},
                          {"manual", c.manual}});
    }
    Json frameworks = Json::array();
    for (const governance::FrameworkCoverage& f : s.frameworks) {
      Json fj = CountsJson(f);
      fj["name"] = f.framework;
      Json items = Json::array();
      for (const governance::ItemCoverage& i : f.detail) {
        Json ij = {{"id", i.id},         {"group", i.group},       {"title", i.title},
                   {"status", i.status}, {"controls", i.controls}, {"manual", i.manual}};
        if (i.status == "gap" || i.status == "partial") {
          Json g = ij;
          g["system"] = s.system;
          g["framework"] = f.framework;
          gaps.push_back(std::move(g));
        }
        items.push_back(std::move(ij));
      }
      fj["items"] = std::move(items);
      frameworks.push_back(std::move(fj));
    }
    systems.push_back({{"name", s.system},
                       {"tier", s.tier.empty() ? Json(nullptr) : Json(s.tier)},
                       {"evidence", evidence},
                       {"manual_evidence", manual},
                       {"controls", controls},
                       {"frameworks", frameworks}});
  }
  doc["systems"] = std::move(systems);
  doc["gaps"] = std::move(gaps);
  return DumpJson(doc);
}

}  // namespace airm::report
