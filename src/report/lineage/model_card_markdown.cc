// The model card as Markdown (CommonMark + pipe tables), with the same
// plain-language sections as the HTML page.
#include <algorithm>
#include <map>

#include "airm/lineage/model_card.h"
#include "airm/report/format.h"
#include "airm/report/metric_names.h"
#include "card_renderers.h"

namespace airm::lineage::internal {
namespace {

// Escapes what would otherwise start markup inside running text.
std::string Md(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  return out;
}

std::string Code(std::string_view text) {
  std::string out = "`";
  for (char c : text) out.push_back(c == '`' || c == '\n' ? '\'' : c);
  return out + "`";
}

void List(const std::vector<std::string>& items, std::string* out) {
  if (items.empty()) {
    *out += std::string("- ") + kNotStated + "\n";
    return;
  }
  for (const std::string& item : items) *out += "- " + Md(item) + "\n";
}

void Row(std::initializer_list<std::string> cells, std::string* out) {
  *out += "|";
  for (const std::string& c : cells) *out += " " + c + " |";
  *out += "\n";
}

void Details(const ModelCard& c, std::string* out) {
  *out += "## Model details\n\n| | |\n|---|---|\n";
  Row({"Name", Md(c.name)}, out);
  Row({"Version", Md(c.version)}, out);
  Row({"Artifact", Code(c.artifact_digest) + (c.artifact_path ? " " + Md(*c.artifact_path) : "")},
      out);
  Row({"Registered", Md(c.registered_at) + " by " + Md(c.registered_by)}, out);
  std::string owners;
  for (const CardOwner& o : c.owners) {
    owners += (owners.empty() ? "" : "; ") + Md(o.name) +
              (o.contact.empty() ? "" : " (" + Md(o.contact) + ")");
  }
  Row({"Owners", owners.empty() ? kNotStated : owners}, out);
  std::string licenses;
  for (const CardLicense& l : c.licenses) {
    licenses +=
        (licenses.empty() ? "" : "; ") + Md(l.identifier.empty() ? l.custom_text : l.identifier);
  }
  Row({"License", licenses.empty() ? kNotStated : licenses}, out);
  Row({"Training run", c.training_run_uuid
                           ? Code(*c.training_run_uuid) + " (job " +
                                 Md(c.training_job.value_or("?")) +
                                 (c.code_version ? ", code " + Code(*c.code_version) : "") + ")"
                           : "not recorded"},
      out);
  for (const auto& [k, v] : c.parameters) Row({"Parameter " + Md(k), Md(v)}, out);
  *out += "\n" + (c.overview ? Md(*c.overview) + "\n\n" : "");
  if (c.documentation) *out += "Documentation: " + Md(*c.documentation) + "\n\n";
  for (const std::string& r : c.references) *out += "- Reference: " + Md(r) + "\n";
  if (!c.references.empty()) *out += "\n";
}

const CardResult* FindResult(const ModelCard& c, std::string_view kind) {
  const auto it = std::find_if(c.results.begin(), c.results.end(),
                               [&](const CardResult& r) { return r.kind == kind; });
  return it == c.results.end() ? nullptr : &*it;
}

// What the store knows about this version now, first (as in the HTML).
void LatestResults(const ModelCard& c, std::string* out) {
  *out += "## Latest results for this version\n\n| Question | Result | From |\n|---|---|---|\n";
  if (c.scored_data_findings.empty()) {
    Row({"Is the data it scores like its training data?", "no problem recorded",
         "checks of the scored data against the training data (" + Code("airm dataset check") +
             "); none warned or failed, or none ran"},
        out);
  } else {
    const bool fail =
        std::any_of(c.scored_data_findings.begin(), c.scored_data_findings.end(),
                    [](const CardScoredDataFinding& f) { return f.status == "fail"; });
    std::string columns;
    for (const CardScoredDataFinding& f : c.scored_data_findings) {
      if (!f.column.empty() && columns.find(f.column) == std::string::npos) {
        columns += (columns.empty() ? "" : ", ") + f.column;
      }
    }
    Row({"Is the data it scores like its training data?",
         std::string(fail ? "**No: outside the training data**" : "**Partly**") +
             (columns.empty() ? "" : " in " + Md(columns)),
         "checks of the scored data against the training data"},
        out);
  }
  for (const CardResultQuestion& q : CardResultQuestions()) {
    const CardResult* r = FindResult(c, q.kind);
    if (r == nullptr) {
      Row({q.question, std::string("no ") + q.what + " recorded", Code(q.command) + " records one"},
          out);
      continue;
    }
    std::string source = Md(CardResultSource(q, *r));
    for (const std::string& file : r->reports) source += "; report " + Code(file);
    Row({q.question, "**" + CardResultStatusText(r->status) + "**: " + Md(r->summary), source},
        out);
  }
  *out += "\n";
}

void Purpose(const ModelCard& c, std::string* out) {
  *out += "## What this model is for (intended use)\n\nIntended uses:\n\n";
  List(c.use_cases, out);
  *out += "\nIntended users:\n\n";
  List(c.users, out);
  *out += "\nOut of scope (do not use it for):\n\n";
  List(c.out_of_scope, out);
  if (const CardResult* drift = FindResult(c, "drift")) {
    for (const CardScopeShare& s : drift->out_of_scope) {
      if (!s.share) continue;
      *out += "\n" + std::string(s.rows_inside > 0 ? "**Check this:** " : "") +
              Md(ScopeShareText(*drift, s)) + "\n";
    }
  }
  *out += "\n";
}

void Data(const ModelCard& c, std::string* out) {
  *out += "## What it was trained on (training and evaluation data)\n\n";
  if (c.data.empty()) {
    *out += "No training or evaluation data is recorded for this version.\n\n";
    return;
  }
  *out += "| Role | Data | Digest | Where it came from | Lineage |\n|---|---|---|---|---|\n";
  for (const CardDataset& d : c.data) {
    Row({Md(d.role), Md(d.dataset), Code(d.digest), Md(CardDataDescription(d)),
         Code(d.lineage_command)},
        out);
  }
  *out += "\n";
  if (!c.quality_checks.empty()) {
    *out +=
        "Quality checks on the training data (last run of each):\n\n"
        "| Data | Check | Last status | Last run | Runs |\n|---|---|---|---|---|\n";
    for (const CardQualityCheck& q : c.quality_checks) {
      Row({Md(q.dataset), Md(q.check_name), Md(q.status), Md(q.executed_at),
           std::to_string(q.runs)},
          out);
    }
  } else {
    *out += "No quality check has run on the training data.\n";
  }
  *out += "\n";
}

void Performance(const ModelCard& c, std::string* out) {
  *out += "## How well it works, and for whom (quantitative analyses)\n\n";
  if (c.metrics.empty()) {
    *out += "No metrics were registered with this version.\n\n";
    return;
  }
  // Everyone first, then each group; measures in words in a fixed order.
  std::map<std::string, std::map<std::string, const CardMetric*>> by_group;
  for (const CardMetric& m : c.metrics) by_group[m.segment].emplace(m.name, &m);
  const std::vector<std::string> order = CardMetricOrder(c);
  *out += "| Group | Measure | Value | Measured on |\n|---|---|---|---|\n";
  for (const auto& [group, metrics] : by_group) {
    for (const std::string& name : order) {
      const auto it = metrics.find(name);
      if (it == metrics.end()) continue;
      const CardMetric& m = *it->second;
      Row({group.empty() ? "everyone" : Md(group),
           Md(report::MetricLabel(m.name)) + " (" + Code(m.name) + ")", Md(CardMetricText(m)),
           m.dataset ? Md(*m.dataset) : "not recorded"},
          out);
    }
  }
  *out += "\n";
}

void Limits(const ModelCard& c, std::string* out) {
  *out +=
      "## Known limits (caveats, recommendations and ethical considerations)\n\nLimitations:\n\n";
  List(c.limitations, out);
  *out += "\nTrade-offs:\n\n";
  List(c.tradeoffs, out);
  *out += "\nEthical considerations:\n\n";
  if (c.ethical_considerations.empty()) *out += std::string("- ") + kNotStated + "\n";
  for (const CardEthicalConsideration& e : c.ethical_considerations) {
    *out += "- " + Md(e.name) +
            (e.mitigation_strategy.empty() ? " (no mitigation stated)"
                                           : ": mitigation: " + Md(e.mitigation_strategy)) +
            "\n";
  }
  *out += "\n";
}

}  // namespace

std::string RenderModelCardMarkdown(const ModelCard& c, const ReportMeta& meta) {
  std::string out = "# Model card: " + Md(c.name) + "@" + Md(c.version) + "\n\n";
  out += "Generated from the airm store by airm " + Md(meta.airm_version) + " at " +
         Md(meta.generated_at) +
         ". Identity, data, metrics, checks and deployments are "
         "recorded by airm; purpose, users and limits come from the card its owners wrote.\n\n";
  LatestResults(c, &out);
  Details(c, &out);
  Purpose(c, &out);
  Data(c, &out);
  Performance(c, &out);
  Limits(c, &out);
  out += "## Where it is used\n\n";
  if (c.deployments.empty()) out += "Never deployed.\n";
  for (const CardDeployment& d : c.deployments) {
    out += "- " + Md(d.environment) + ": " + Md(CardDeploymentText(d)) + "\n";
  }
  out += "\n";
  if (!c.notes.empty()) {
    out += "## Notes\n\n";
    for (const std::string& n : c.notes) out += "- " + Md(n) + "\n";
    out += "\n";
  }
  return out;
}

}  // namespace airm::lineage::internal
