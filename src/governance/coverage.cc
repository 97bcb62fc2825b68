#include "airm/governance/coverage.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>

namespace airm::governance {
namespace {

const EvidenceItem* FindEvidence(const SystemEvidence& s, const std::string& kind) {
  for (const EvidenceItem& e : s.evidence) {
    if (e.kind == kind) return &e;
  }
  return nullptr;
}

ControlStatus JudgeControl(const Control& c, const SystemEvidence& s, const std::string& today) {
  ControlStatus out{.control = c.id};
  for (const std::string& kind : c.evidence) {
    const EvidenceItem* e = FindEvidence(s, kind);
    if (!e || !e->present) {
      out.missing.push_back(kind);
      continue;
    }
    if (!c.max_age_days || !e->observed_at) continue;
    const std::optional<std::string> until = AddDays(*e->observed_at, *c.max_age_days);
    if (!until || *until < today) {
      out.expired.push_back(kind);
    } else if (!out.expires_on || *until < *out.expires_on) {
      out.expires_on = until;
    }
  }
  out.status = !out.missing.empty() ? "missing" : !out.expired.empty() ? "expired" : "met";
  if (out.status != "met") out.expires_on.reset();
  if (out.status == "met") out.met_by = "store";
  std::optional<std::string> manual_until;
  bool forever = false, expired_manual = false;
  for (const ManualEvidence& m : s.manual) {
    if (m.control != c.id) continue;
    if (!m.CurrentOn(today)) {
      expired_manual = true;
      continue;
    }
    out.manual.push_back(m.Key());
    forever = forever || !m.expires_on;
    if (m.expires_on && (!manual_until || *m.expires_on > *manual_until)) {
      manual_until = m.expires_on;
    }
  }
  if (out.status != "met" && !out.manual.empty()) {
    out.status = "met";
    out.met_by = "manual";
    out.expires_on = forever ? std::nullopt : manual_until;
  } else if (out.status == "missing" && expired_manual) {
    out.status = "expired";
    for (const ManualEvidence& m : s.manual) {
      if (m.control == c.id) out.expired.push_back(m.Key());
    }
  }
  return out;
}

void Count(FrameworkCoverage* f, const std::string& status) {
  ++f->items;
  if (status == "covered") ++f->covered;
  if (status == "partial") ++f->partial;
  if (status == "gap") ++f->gap;
  if (status == "not_addressed") ++f->not_addressed;
}

std::string IdList(const std::vector<ItemCoverage>& items) {
  std::string out;
  int shown = 0;
  for (const ItemCoverage& i : items) {
    if (i.status != "gap" && i.status != "partial") continue;
    if (shown++ == 12) {
      out += ", …";
      break;
    }
    out += (out.empty() ? "" : ", ") + i.id;
  }
  return out;
}

}  // namespace

std::vector<BoundControl> BindableControls(const ControlLibrary& library,
                                           const SystemEvidence& system, const std::string& today) {
  std::vector<BoundControl> out;
  for (const Control& c : library.controls) {
    if (std::find(c.evidence.begin(), c.evidence.end(), "approval") != c.evidence.end()) continue;
    ControlStatus judged = JudgeControl(c, system, today);
    if (judged.status != "met") continue;
    BoundControl bound{.system = system.system,
                       .control = c.id,
                       .met_by = judged.met_by,
                       .expires_on = judged.expires_on};
    if (judged.met_by == "manual") {
      bound.manual = std::move(judged.manual);
    } else {
      for (const std::string& kind : c.evidence) {
        if (const EvidenceItem* e = FindEvidence(system, kind)) bound.evidence.push_back(*e);
      }
    }
    out.push_back(std::move(bound));
  }
  return out;
}

std::set<std::string> MetControls(const ControlLibrary& library, const SystemEvidence& system,
                                  const std::string& today) {
  std::set<std::string> out;
  for (const BoundControl& b : BindableControls(library, system, today)) out.insert(b.control);
  return out;
}

std::optional<std::string> AddDays(const std::string& timestamp, int days) {
  if (timestamp.size() < 10 || timestamp[4] != '-' || timestamp[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  auto num = [&](size_t pos, size_t len, int* out) {
    const char* b = timestamp.data() + pos;
    auto [p, ec] = std::from_chars(b, b + len, *out);
    return ec == std::errc() && p == b + len;
  };
  if (!num(0, 4, &y) || !num(5, 2, &m) || !num(8, 2, &d)) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month(m),
                                        std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  const std::chrono::year_month_day out{std::chrono::sys_days{ymd} + std::chrono::days{days}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()),
                static_cast<unsigned>(out.month()), static_cast<unsigned>(out.day()));
  return std::string(buf);
}

Result<CoverageReport> ComputeCoverage(const ControlLibrary& library,
                                       const std::vector<SystemEvidence>& systems,
                                       const std::vector<std::string>& frameworks,
                                       const std::string& today) {
  std::vector<const Framework*> chosen;
  for (const std::string& id : frameworks) {
    const Framework* f = library.FindFramework(id);
    if (!f) {
      std::string known;
      for (const Framework& k : library.frameworks) known += (known.empty() ? "" : ", ") + k.id;
      return Status::InvalidArgument("--framework '" + id + "': expected one of " + known);
    }
    if (std::find(chosen.begin(), chosen.end(), f) == chosen.end()) chosen.push_back(f);
  }
  if (chosen.empty()) {
    for (const Framework& f : library.frameworks) chosen.push_back(&f);
  }

  CoverageReport report{
      .library = library.name, .library_version = library.version, .today = today};
  for (const Framework* f : chosen) {
    report.portfolio.push_back({.framework = f->id, .title = f->title, .applicable = false});
  }
  for (const SystemEvidence& s : systems) {
    SystemCoverage sc{
        .system = s.system, .tier = s.tier, .evidence = s.evidence, .manual = s.manual};
    std::map<std::string, const ControlStatus*> by_id;
    for (const Control& c : library.controls) sc.controls.push_back(JudgeControl(c, s, today));
    for (const ControlStatus& c : sc.controls) by_id[c.control] = &c;
    for (const ControlStatus& c : sc.controls) {
      if (c.status != "expired") continue;
      Finding f;
      f.severity = Severity::kWarn;
      f.code = "evidence.expired";
      f.subject = s.system + "/" + c.control;
      f.message =
          s.system + ": the evidence of " + c.control + " has expired (" + c.expired.front() + ")";
      report.findings.push_back(std::move(f));
    }
    for (size_t fi = 0; fi < chosen.size(); ++fi) {
      const Framework& fw = *chosen[fi];
      FrameworkCoverage cov{.framework = fw.id, .title = fw.title};
      cov.applicable = fw.applies_to_tier.empty() || fw.applies_to_tier == s.tier;
      for (const FrameworkItem& item : library.items) {
        if (item.framework != fw.id) continue;
        ItemCoverage ic{
            .framework = fw.id, .id = item.id, .group = item.group, .title = item.title};
        int met = 0, touched = 0;
        for (const ManualEvidence& m : s.manual) {
          if (m.control != fw.id + ":" + item.id) continue;
          if (m.CurrentOn(today)) {
            ic.manual.push_back(m.Key());
          } else {
            ++touched;
          }
        }
        for (const Control& c : library.controls) {
          for (const ItemRef& ref : c.maps) {
            if (ref.framework != fw.id || ref.id != item.id) continue;
            ic.controls.push_back(c.id);
            const std::string& st = by_id[c.id]->status;
            met += st == "met";
            touched += st != "missing";
            break;
          }
        }
        if (!cov.applicable) {
          ic.status = "not_applicable";
        } else if (!ic.manual.empty()) {
          ic.status = "covered";
        } else if (ic.controls.empty() && touched > 0) {
          ic.status = "partial";
        } else if (ic.controls.empty()) {
          ic.status = "not_addressed";
        } else if (met == static_cast<int>(ic.controls.size())) {
          ic.status = "covered";
        } else if (touched > 0) {
          ic.status = "partial";
        } else {
          ic.status = "gap";
        }
        if (cov.applicable) Count(&cov, ic.status);
        cov.detail.push_back(std::move(ic));
      }
      if (cov.applicable) {
        cov.coverage = cov.items > 0
                           ? std::optional<double>(static_cast<double>(cov.covered) / cov.items)
                           : std::nullopt;
        report.gaps += cov.gap + cov.partial;
        FrameworkCoverage& p = report.portfolio[fi];
        p.applicable = true;
        p.items += cov.items;
        p.covered += cov.covered;
        p.partial += cov.partial;
        p.gap += cov.gap;
        p.not_addressed += cov.not_addressed;
        if (cov.gap + cov.partial > 0) {
          Finding f;
          f.severity = Severity::kWarn;
          f.code = "framework.gaps";
          f.subject = s.system + "/" + fw.id;
          f.message = s.system + ": " + std::to_string(cov.gap + cov.partial) + " of " +
                      std::to_string(cov.items) + " " + fw.title +
                      " items lack current evidence (" + IdList(cov.detail) + ")";
          f.evidence = {{"gap", cov.gap}, {"partial", cov.partial}};
          report.findings.push_back(std::move(f));
        }
      }
      sc.frameworks.push_back(std::move(cov));
    }
    report.systems.push_back(std::move(sc));
  }
  for (FrameworkCoverage& p : report.portfolio) {
    if (p.applicable && p.items > 0) p.coverage = static_cast<double>(p.covered) / p.items;
  }
  return report;
}

}  // namespace airm::governance
