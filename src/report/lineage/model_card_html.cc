// The model card as one self-contained page for readers who are not
// specialists: plain-language headings, a sentence before every table, and
// "not stated" wherever the owners left a field empty.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "airm/lineage/model_card.h"
#include "airm/report/file_uri.h"
#include "airm/report/format.h"
#include "airm/report/html_page.h"
#include "airm/report/metric_names.h"
#include "card_renderers.h"

namespace airm::lineage::internal {

using report::Cat;

namespace {

using report::Badge;
using report::HtmlEscape;
using report::HtmlPage;
using report::HtmlTable;
using report::Tone;

std::string NotStated() { return "<em class=\"small\">" + std::string(kNotStated) + "</em>"; }

std::string ListHtml(const std::vector<std::string>& items) {
  if (items.empty()) return "<p>" + NotStated() + "</p>\n";
  std::string out = "<ul>\n";
  for (const std::string& s : items) out += "<li>" + HtmlEscape(s) + "</li>\n";
  return out + "</ul>\n";
}

Tone StatusTone(const std::string& status) {
  if (status == "pass") return Tone::kGood;
  if (status == "warn") return Tone::kWarn;
  if (status == "fail" || status == "error") return Tone::kBad;
  return Tone::kNeutral;
}

void Details(const ModelCard& c, HtmlPage* page) {
  page->BeginSection("About this model", "details");
  if (c.overview) page->Append("<p>" + HtmlEscape(*c.overview) + "</p>\n");
  HtmlTable t;
  t.css_class = "kv";
  t.sortable = false;  // key-value rows: the order is the meaning
  auto row = [&](const char* key, std::string value_html) {
    t.rows.push_back({"<strong>" + std::string(key) + "</strong>", std::move(value_html)});
  };
  row("Name and version", HtmlEscape(c.name + " version " + c.version));
  row("Fingerprint of the model file",
      "<code>" + HtmlEscape(c.artifact_digest) + "</code>" +
          (c.artifact_path ? " <span class=\"small\">" + HtmlEscape(*c.artifact_path) + "</span>"
                           : ""));
  row("Registered", HtmlEscape(c.registered_at + " by " + c.registered_by));
  std::string owners;
  for (const CardOwner& o : c.owners) {
    owners += (owners.empty() ? "" : "<br>") + HtmlEscape(o.name) +
              (o.contact.empty() ? "" : " (" + HtmlEscape(o.contact) + ")");
  }
  row("Who is responsible", owners.empty() ? NotStated() : owners);
  std::string licenses;
  for (const CardLicense& l : c.licenses) {
    licenses += (licenses.empty() ? "" : "<br>") +
                HtmlEscape(l.identifier.empty() ? l.custom_text : l.identifier);
  }
  row("License", licenses.empty() ? NotStated() : licenses);
  row("How it was trained",
      c.training_run_uuid
          ? "run <code>" + HtmlEscape(*c.training_run_uuid) + "</code> of job " +
                HtmlEscape(c.training_job.value_or("?")) +
                (c.code_version ? ", code version <code>" + HtmlEscape(*c.code_version) + "</code>"
                                : "")
          : "no training run recorded");
  for (const auto& [k, v] : c.parameters) {
    t.rows.push_back({"<strong>Setting " + HtmlEscape(k) + "</strong>", HtmlEscape(v)});
  }
  if (c.documentation) row("Documentation", HtmlEscape(*c.documentation));
  for (const std::string& r : c.references) row("Reference", HtmlEscape(r));
  page->Append(RenderTable(t));
  page->EndSection();
}

std::string Join(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Issue 16 §1: what the store knows about this version now, first. Each
// result names where it comes from; what the store does not record is said.
void LatestResults(const ModelCard& c, HtmlPage* page) {
  page->BeginSection("Latest results for this version", "results");
  HtmlTable t;
  t.headers = {"Question", "Result", "From"};
  t.sortable = false;
  // Data it scored against the data it learned from.
  if (c.scored_data_findings.empty()) {
    t.rows.push_back({"Is the data it scores like its training data?",
                      Badge("no problem recorded", Tone::kNeutral),
                      "checks of the scored data against the training data "
                      "(<code>airm dataset check</code>); none warned or failed, or none ran"});
  } else {
    bool fail = false;
    std::set<std::string> columns, datasets;
    for (const CardScoredDataFinding& f : c.scored_data_findings) {
      fail |= f.status == "fail";
      if (!f.column.empty()) columns.insert(f.column);
      datasets.insert(f.dataset);
    }
    t.rows.push_back(
        {"Is the data it scores like its training data?",
         Badge(fail ? "No: outside the training data" : "Partly", fail ? Tone::kBad : Tone::kWarn) +
             (columns.empty() ? "" : " " + HtmlEscape("in " + Join(columns))),
         "<a href=\"#scored\">checks of " + HtmlEscape(Join(datasets)) +
             "</a> against the training data"});
  }
  // Measurements registered with the version.
  const CardMetric* headline = nullptr;
  for (const char* name : {"roc_auc", "accuracy", "rmse", "mae"}) {
    for (const CardMetric& m : c.metrics) {
      if (!headline && m.segment.empty() && m.name == name) headline = &m;
    }
  }
  t.rows.push_back(
      {"How well does it work?",
       headline ? HtmlEscape(report::MetricLabel(headline->name) + " " + CardMetricText(*headline))
                : Badge("not measured", Tone::kNeutral),
       headline && headline->dataset
           ? "<a href=\"#performance\">" + HtmlEscape(*headline->dataset) + "</a>"
           : "measurements registered with the version"});
  // Verdicts recorded with this version by the runs that named it.
  for (const CardResultQuestion& q : CardResultQuestions()) {
    const auto it = std::find_if(c.results.begin(), c.results.end(),
                                 [&](const CardResult& r) { return r.kind == q.kind; });
    if (it == c.results.end()) {
      t.rows.push_back({q.question,
                        Badge(std::string("no ") + q.what + " recorded", Tone::kNeutral),
                        "<code>" + HtmlEscape(q.command) + "</code> records one"});
      t.row_status.resize(t.rows.size() - 1);  // earlier rows carry no status
      t.row_status.push_back("neutral");
      continue;
    }
    const CardResult& r = *it;
    // The report files the run wrote before recording this verdict, linked
    // as local files: the card and its reports are read on the same machine.
    std::string source = HtmlEscape(CardResultSource(q, r));
    for (const std::string& file : r.reports) {
      source += "; report <a href=\"" + HtmlEscape(report::FileUri(file)) + "\">" +
                HtmlEscape(std::filesystem::path(file).filename().string()) + "</a>";
    }
    t.rows.push_back(
        {q.question,
         Badge(CardResultStatusText(r.status), StatusTone(r.status)) + " " + HtmlEscape(r.summary),
         std::move(source)});
    t.row_status.resize(t.rows.size() - 1);
    t.row_status.push_back(report::ToneClass(StatusTone(r.status)));
  }
  page->Append(RenderTable(t));
  page->EndSection();
}

void Purpose(const ModelCard& c, HtmlPage* page) {
  page->BeginSection("What this model is for", "purpose");
  page->Append("<h3>Intended uses</h3>\n" + ListHtml(c.use_cases));
  page->Append("<h3>Intended users</h3>\n" + ListHtml(c.users));
  page->Append("<h3>Do not use it for</h3>\n" + ListHtml(c.out_of_scope));
  // Issue 16: uses the owners ruled out, measured on the data of the latest
  // drift run (card YAML out_of_scope_uses with a column condition).
  const auto drift = std::find_if(c.results.begin(), c.results.end(),
                                  [](const CardResult& r) { return r.kind == "drift"; });
  if (drift != c.results.end()) {
    for (const CardScopeShare& s : drift->out_of_scope) {
      if (!s.share) {
        page->Append("<p class=\"small\">" +
                     HtmlEscape("Not measured for \"" + s.description + "\" (" + s.condition +
                                "): " + s.note + ".") +
                     "</p>\n");
        continue;
      }
      const bool inside = s.rows_inside > 0;
      page->Append("<p" + report::StatusAttribute(inside ? Tone::kBad : Tone::kGood) + ">" +
                   Badge(inside ? "Check this" : "None inside", inside ? Tone::kBad : Tone::kGood) +
                   " " + HtmlEscape(ScopeShareText(*drift, s)) + "</p>\n");
    }
  }
  if (!c.scored_data_findings.empty()) {
    page->Append("<p>" + Badge("Check this", Tone::kBad) +
                 " The data this version has scored lies outside its training data (<a "
                 "href=\"#scored\">below</a>); see whether the uses above rule it out.</p>\n");
  }
  page->EndSection();
  if (c.scored_data_findings.empty()) return;
  page->BeginSection("The data it has scored", "scored");
  page->Append(
      "<p>The data this version made predictions for, checked against the data it was trained "
      "on. Where the scored data lies outside the training data the model is guessing, and "
      "the owners' limits above may apply.</p>\n");
  HtmlTable t;
  t.headers = {"Scored data", "Column", "Result", "What was found", "Check", "Checked at"};
  for (const CardScoredDataFinding& f : c.scored_data_findings) {
    t.rows.push_back({HtmlEscape(f.dataset), f.column.empty() ? "(all)" : HtmlEscape(f.column),
                      Badge(f.status, StatusTone(f.status)), HtmlEscape(f.message),
                      "<code>" + HtmlEscape(f.check_name) + "</code>", HtmlEscape(f.executed_at)});
    t.row_status.push_back(report::ToneClass(StatusTone(f.status)));
  }
  page->Append(RenderTable(t));
  page->EndSection();
}

void Data(const ModelCard& c, HtmlPage* page) {
  page->BeginSection("What it was trained on", "data");
  if (c.data.empty()) {
    page->Append("<p>No training or evaluation data is recorded for this version.</p>\n");
  } else {
    page->Append(
        "<p>Each data set is identified by a fingerprint (SHA-256) of its exact bytes, so it "
        "can be checked later. The last column is the command that shows everything built "
        "from it.</p>\n");
    HtmlTable t;
    t.headers = {"Used for", "Data", "Fingerprint", "Where it came from", "See its lineage"};
    for (const CardDataset& d : c.data) {
      t.rows.push_back({HtmlEscape(d.role), HtmlEscape(d.dataset),
                        "<code>" + HtmlEscape(d.digest) + "</code>",
                        HtmlEscape(CardDataDescription(d)),
                        "<code>" + HtmlEscape(d.lineage_command) + "</code>"});
    }
    page->Append(RenderTable(t));
  }
  page->Append("<h3>Checks on the training data</h3>\n");
  if (c.quality_checks.empty()) {
    page->Append("<p>No quality check has run on the training data.</p>\n");
  } else {
    HtmlTable t;
    t.headers = {"Data", "Check", "Last result", "Last run", "Times run"};
    t.column_classes = {"", "", "", "", "num"};
    for (const CardQualityCheck& q : c.quality_checks) {
      t.rows.push_back({HtmlEscape(q.dataset), HtmlEscape(q.check_name),
                        Badge(q.status, StatusTone(q.status)), HtmlEscape(q.executed_at),
                        std::to_string(q.runs)});
    }
    page->Append(RenderTable(t));
  }
  page->EndSection();
}

void Performance(const ModelCard& c, HtmlPage* page) {
  page->BeginSection("How well it works, and for whom", "performance");
  if (c.metrics.empty()) {
    page->Append("<p>No measurements were registered with this version.</p>\n");
    page->EndSection();
    return;
  }
  page->Append(
      "<p>Each number is measured on the data named in the last column; the range in "
      "brackets is where the true value lies with 95% confidence. \"Everyone\" is the whole "
      "data set; other rows are one group of people or cases. A value marked undefined could "
      "not be measured (too few cases), which is not the same as zero.</p>\n");
  // Everyone first, the measures named in words in a fixed order; the
  // per-group numbers (often many) folded under one line per group.
  std::map<std::string, std::map<std::string, const CardMetric*>> by_group;
  for (const CardMetric& m : c.metrics) by_group[m.segment].emplace(m.name, &m);
  const std::vector<std::string> order = CardMetricOrder(c);
  const auto table = [&](const std::map<std::string, const CardMetric*>& metrics) {
    HtmlTable t;
    t.headers = {"Measure", "Value", "Measured on"};
    for (const std::string& name : order) {
      const auto it = metrics.find(name);
      if (it == metrics.end()) continue;
      const CardMetric& m = *it->second;
      t.rows.push_back({HtmlEscape(report::MetricLabel(m.name)) + " <code class=\"small\">" +
                            HtmlEscape(m.name) + "</code>",
                        HtmlEscape(CardMetricText(m)),
                        m.dataset ? HtmlEscape(*m.dataset) : "not recorded"});
    }
    return RenderTable(t);
  };
  for (const auto& [group, metrics] : by_group) {
    if (group.empty()) {
      page->Append("<h3>Everyone</h3>\n" + table(metrics));
    } else {
      page->Append(report::FoldedHtml("Group " + group, table(metrics)));
    }
  }
  page->EndSection();
}

void Limits(const ModelCard& c, HtmlPage* page) {
  page->BeginSection("Known limits", "limits");
  page->Append("<h3>Limitations</h3>\n" + ListHtml(c.limitations));
  page->Append("<h3>Trade-offs</h3>\n" + ListHtml(c.tradeoffs));
  page->Append("<h3>Ethical considerations</h3>\n");
  if (c.ethical_considerations.empty()) {
    page->Append("<p>" + NotStated() + "</p>\n");
  } else {
    HtmlTable t;
    t.headers = {"Concern", "What is done about it"};
    for (const CardEthicalConsideration& e : c.ethical_considerations) {
      t.rows.push_back({HtmlEscape(e.name), e.mitigation_strategy.empty()
                                                ? NotStated()
                                                : HtmlEscape(e.mitigation_strategy)});
    }
    page->Append(RenderTable(t));
  }
  page->EndSection();
}

void Deployments(const ModelCard& c, HtmlPage* page) {
  page->BeginSection("Where it is used", "deployments");
  if (c.deployments.empty()) {
    page->Append("<p>This version has never been deployed.</p>\n");
  } else {
    HtmlTable t;
    t.headers = {"Environment", "When"};
    for (const CardDeployment& d : c.deployments) {
      std::string where = HtmlEscape(d.environment);
      if (!d.valid_to) where += Cat({" ", Badge("now", Tone::kInfo)});
      t.rows.push_back({std::move(where), HtmlEscape(CardDeploymentText(d))});
    }
    page->Append(RenderTable(t));
  }
  page->EndSection();
}

}  // namespace

std::string RenderModelCardHtml(const ModelCard& c, const ReportMeta& meta) {
  HtmlPage page("Model card: " + c.name + " " + c.version);
  page.Append("<header class=\"page\"><h1>Model card: " + HtmlEscape(c.name) + " " +
              HtmlEscape(c.version) +
              "</h1><p>Generated from airm's records. Facts about the model, its data, "
              "measurements and use are recorded by airm; its purpose and limits were written "
              "by its owners.</p></header>\n");
  if (!c.notes.empty()) {
    page.BeginSection("Notes about this card", "notes");
    page.Append(ListHtml(c.notes));
    page.EndSection();
  }
  LatestResults(c, &page);
  Purpose(c, &page);
  Data(c, &page);
  Performance(c, &page);
  Limits(c, &page);
  Deployments(c, &page);
  Details(c, &page);
  page.Append(report::ReportFooterHtml(meta));
  return page.Finish();
}

}  // namespace airm::lineage::internal
