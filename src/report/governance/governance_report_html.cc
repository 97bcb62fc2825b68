// The executive summary as one self-contained HTML page: the portfolio's
// verdict first, the five practices across systems, then one section per
// system in plain words (what it does, how risky the law considers it, open
// risks, approvals, monitoring, what is overdue, the five practices, framework
// coverage). No jargon codes in the headings; the codes stay in the JSON.
#include <fmt/format.h>

#include "airm/report/governance_report.h"
#include "airm/report/html_page.h"

namespace airm::report {
namespace {

Tone VerdictTone(const std::string& verdict) {
  return verdict == "on_track"          ? Tone::kGood
         : verdict == "needs_attention" ? Tone::kWarn
         : verdict == "at_risk"         ? Tone::kBad
                                        : Tone::kNeutral;
}

Tone StatusTone(const std::string& status) {
  return status == "met" ? Tone::kGood : status == "partial" ? Tone::kWarn : Tone::kBad;
}

std::string StatusWords(const std::string& status) {
  return status == "met" ? "Yes" : status == "partial" ? "Partly" : "No";
}

const governance::EvidenceItem* Evidence(const usecases::SystemSummary& s, const char* kind) {
  for (const governance::EvidenceItem& e : s.coverage.evidence) {
    if (e.kind == kind) return &e;
  }
  return nullptr;
}

std::string EvidenceSentence(const usecases::SystemSummary& s, const char* kind,
                             std::string_view yes, std::string_view no) {
  const governance::EvidenceItem* e = Evidence(s, kind);
  if (!e) return HtmlEscape(no);
  std::string out =
      HtmlEscape(e->present ? yes : no) + " <span class=\"muted\">(" + HtmlEscape(e->detail);
  if (e->observed_at) out += ", latest " + HtmlEscape(e->observed_at->substr(0, 10));
  return out + ")</span>";
}

std::string ReasonsHtml(const std::vector<std::string>& reasons) {
  if (reasons.empty()) return "<p>Nothing needs attention.</p>\n";
  std::string out = "<ul class=\"reasons\">\n";
  for (const std::string& r : reasons) out += "<li>" + HtmlEscape(r) + "</li>\n";
  return out + "</ul>\n";
}

std::string PracticesTable(const std::vector<governance::PracticeScore>& practices) {
  HtmlTable t;
  t.headers = {"Practice", "In place?", "What to do"};
  t.sortable = false;
  for (const governance::PracticeScore& p : practices) {
    t.rows.push_back({HtmlEscape(p.title), Badge(StatusWords(p.status), StatusTone(p.status)),
                      HtmlEscape(p.advice.empty() ? "—" : p.advice)});
    t.row_status.push_back(ToneClass(StatusTone(p.status)));
  }
  return RenderTable(t);
}

void SystemSection(HtmlPage* page, const usecases::SystemSummary& s,
                   const governance::RiskMatrix& matrix, const std::string& quarter, size_t index) {
  const governance::AiSystem& sys = s.view.system;
  page->BeginSection(sys.name, fmt::format("system-{}", index));
  page->Append("<p>" + Badge(VerdictWords(s.verdict), VerdictTone(s.verdict), "big") + "</p>\n");
  page->Append(ReasonsHtml(s.reasons));
  HtmlTable facts;
  facts.headers = {};
  facts.sortable = false;
  const std::string decisions = sys.decision_type == "human-in-the-loop"
                                    ? "A person reviews its outputs before they take effect"
                                    : "It decides automatically, without a person in between";
  facts.rows = {
      {"What it does", HtmlEscape(sys.purpose)},
      {"Who is affected",
       HtmlEscape(sys.affected_people.empty() ? "not recorded" : sys.affected_people)},
      {"How decisions are made", HtmlEscape(decisions)},
      {"Accountable owner",
       HtmlEscape(sys.owner + (sys.business_unit.empty() ? "" : ", " + sys.business_unit))},
      {"Stage", HtmlEscape(sys.lifecycle_state)},
      {"How risky the law considers it", HtmlEscape(TierWords(s.coverage.tier))},
      {"Approval of the current version",
       EvidenceSentence(s, "approval", "Approved by the review board",
                        "Not approved by a review board")},
      {"Monitoring", EvidenceSentence(s, "drift_monitoring", "A drift monitor is watching it",
                                      "Nothing is watching its inputs for change")},
      {"Predictions on record", EvidenceSentence(s, "prediction_log", "Its predictions are logged",
                                                 "Its predictions are not logged")},
      {"What monitoring saw in " + HtmlEscape(quarter), HtmlEscape(QuarterWords(s.quarter))},
  };
  page->Append(RenderTable(facts));

  page->Append(fmt::format("<h3>Open risks: {}</h3>\n", s.open_risks));
  if (s.open_risks > 0) {
    HtmlTable risks;
    risks.headers = {"Risk", "How serious", "Owner", "Due"};
    for (const governance::Risk& r : s.view.risks) {
      if (r.status != "open" && r.status != "in-progress") continue;
      const bool residual = r.residual_likelihood && r.residual_impact;
      const std::string& rating = residual
                                      ? matrix.Rating(*r.residual_likelihood, *r.residual_impact)
                                      : matrix.Rating(r.inherent_likelihood, r.inherent_impact);
      const Tone tone = rating == "critical" || rating == "high" ? Tone::kBad
                        : rating == "medium"                     ? Tone::kWarn
                                                                 : Tone::kGood;
      risks.rows.push_back(
          {HtmlEscape(r.title),
           Badge(rating + (residual ? " after controls" : " before controls"), tone),
           HtmlEscape(r.owner), HtmlEscape(r.due_date.value_or("—"))});
    }
    page->Append(RenderTable(risks));
  }
  if (!s.overdue.empty()) {
    page->Append("<h3>Overdue</h3>\n");
    HtmlTable late;
    late.headers = {"What", "Days late", "Now with"};
    for (const governance::Escalation& e : s.overdue) {
      late.rows.push_back({HtmlEscape(e.item.what), std::to_string(e.days_overdue),
                           HtmlEscape(e.level == "owner"      ? e.item.owner + " (grace period)"
                                      : e.escalate_to.empty() ? "nobody: set escalation rules"
                                                              : e.escalate_to)});
    }
    page->Append(RenderTable(late));
  }
  if (!s.stale_approvals.empty()) {
    page->Append("<h3>Approvals that no longer count</h3>\n");
    HtmlTable stale;
    stale.headers = {"Version", "Board", "Why"};
    for (const governance::StaleApproval& a : s.stale_approvals) {
      stale.rows.push_back({HtmlEscape(a.model), HtmlEscape(a.board), HtmlEscape(a.detail)});
    }
    page->Append(RenderTable(stale));
  }
  page->Append("<h3>The five practices</h3>\n");
  page->Append(PracticesTable(s.practices));
  page->Append("<h3>Framework coverage</h3>\n");
  HtmlTable cov;
  cov.headers = {"Framework", "Covered by evidence", "Gaps"};
  cov.sortable = false;
  for (const governance::FrameworkCoverage& f : s.coverage.frameworks) {
    cov.rows.push_back(
        {HtmlEscape(f.title),
         f.applicable ? fmt::format("{} of {}", f.covered, f.items) : "does not apply",
         f.applicable ? std::to_string(f.gap + f.partial) : "—"});
  }
  page->Append(RenderTable(cov));
  page->EndSection();
}

}  // namespace

std::string RenderGovernanceReportHtml(const usecases::GovernanceReport& r,
                                       const ReportMeta& meta) {
  HtmlPage page(r.systems.size() == 1 ? "AI governance summary: " + r.systems[0].view.system.name
                                      : "AI governance summary: portfolio");
  page.AddStyle(".reasons li{margin:4px 0}.muted{color:#667}");
  page.Append(
      "<h1>" +
      HtmlEscape(r.systems.size() == 1 ? r.systems[0].view.system.name : "AI systems portfolio") +
      "</h1>\n<p>" + Badge(VerdictWords(r.verdict), VerdictTone(r.verdict), "big") +
      " <span class=\"muted\">as of " + HtmlEscape(r.today) + "</span></p>\n");
  if (r.systems.empty()) {
    page.Append("<p>No AI system is in the inventory yet.</p>\n");
  }
  if (r.systems.size() > 1) {
    page.BeginSection("Systems at a glance", "systems");
    HtmlTable t;
    t.headers = {"System", "Verdict", "Open risks", "Practices in place"};
    for (size_t i = 0; i < r.systems.size(); ++i) {
      const usecases::SystemSummary& s = r.systems[i];
      int met = 0;
      for (const governance::PracticeScore& p : s.practices) met += p.status == "met";
      t.rows.push_back(
          {fmt::format("<a href=\"#system-{}\">{}</a>", i, HtmlEscape(s.view.system.name)),
           Badge(VerdictWords(s.verdict), VerdictTone(s.verdict)), std::to_string(s.open_risks),
           fmt::format("{} of 5", met)});
      t.row_status.push_back(ToneClass(VerdictTone(s.verdict)));
    }
    page.Append(RenderTable(t));
    page.EndSection();
    page.BeginSection("The five practices across the portfolio", "practices");
    HtmlTable p;
    p.headers = {"Practice", "In place", "Partly", "Missing"};
    p.sortable = false;
    for (const governance::PracticeTally& tally : r.practices) {
      p.rows.push_back({HtmlEscape(tally.title), std::to_string(tally.met),
                        std::to_string(tally.partial), std::to_string(tally.missing)});
    }
    page.Append(RenderTable(p));
    page.EndSection();
  }
  for (size_t i = 0; i < r.systems.size(); ++i) {
    SystemSection(&page, r.systems[i], r.matrix, r.quarter, i);
  }
  if (!r.monitors_note.empty()) {
    page.Append("<p class=\"muted\">" + HtmlEscape(r.monitors_note) + "</p>\n");
  }
  page.Append(
      "<p class=\"muted\">Every statement is measured from airm's store (inventory, risk "
      "register, reviews, lineage, monitoring); nothing is self-declared. Practices and "
      "coverage are explained in docs/governance.md.</p>\n");
  page.Append(ReportFooterHtml(meta));
  return page.Finish();
}

}  // namespace airm::report
