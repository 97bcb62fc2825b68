// The model card as Markdown (CommonMark + pipe tables), with the same
// plain-language sections as the HTML page.
#include "airm/lineage/model_card.h"
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

void Purpose(const ModelCard& c, std::string* out) {
  *out += "## What this model is for\n\nIntended uses:\n\n";
  List(c.use_cases, out);
  *out += "\nIntended users:\n\n";
  List(c.users, out);
  *out += "\nOut of scope (do not use it for):\n\n";
  List(c.out_of_scope, out);
  *out += "\n";
}

void Data(const ModelCard& c, std::string* out) {
  *out += "## What it was trained on\n\n";
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
  *out += "## How well it works, and for whom\n\n";
  if (c.metrics.empty()) {
    *out += "No metrics were registered with this version.\n\n";
    return;
  }
  *out += "| Group | Metric | Value | Measured on |\n|---|---|---|---|\n";
  for (const CardMetric& m : c.metrics) {
    Row({m.segment.empty() ? "everyone" : Md(m.segment), Md(m.name), Md(CardMetricText(m)),
         m.dataset ? Md(*m.dataset) : "not recorded"},
        out);
  }
  *out += "\n";
}

void Limits(const ModelCard& c, std::string* out) {
  *out += "## Known limits\n\nLimitations:\n\n";
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
