#include "airm/report/store_text.h"

#include <cstdio>
#include <sstream>

#include "airm/quality_check.h"
#include "airm/store/database.h"

namespace airm::report {
namespace {

std::string Cell(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "—"; }

// A number for the diff table: "%.6g", or "%.2f%%" of a share; "—" when undefined.
std::string DiffNumber(std::optional<double> v, bool percent = false) {
  if (!v) return "—";
  char buf[48];
  std::snprintf(buf, sizeof buf, percent ? "%.2f%%" : "%.6g", *v * (percent ? 100 : 1));
  return buf;
}

std::string Tops(const usecases::ColumnSummary& side) {
  std::string out;
  for (const usecases::TopValueShare& t : side.top_values) {
    if (!out.empty()) out += ", ";
    out += t.value + " " + DiffNumber(t.share, true);
  }
  return out.empty() ? "—" : out;
}

std::optional<double> Rows(const store::DatasetVersion& v) {
  if (!v.row_count) return std::nullopt;
  return static_cast<double>(*v.row_count);
}

}  // namespace

std::string ShortDigest(const std::string& digest) {
  return digest.size() > 7 + 12 ? digest.substr(0, 7 + 12) : digest;
}

std::string WorkspaceText(const usecases::InitializedWorkspace& init) {
  std::ostringstream out;
  const store::Workspace& ws = init.workspace;
  if (init.created) {
    out << "initialised airm workspace '" << ws.name << "' in " << ws.root;
  } else {
    out << ws.root << " is already an airm workspace ('" << ws.name << "'); nothing changed";
  }
  out << "\n  store " << store::RedactPostgresUrl(ws.db_path) << " (schema version " << init.schema_version << ")\n";
  return out.str();
}

std::string DatasetRegistrationText(const usecases::RegisteredDatasetVersion& r) {
  std::ostringstream out;
  const store::DatasetVersion& v = r.version;
  if (!r.created) {
    out << "already registered as " << v.Ref() << " (same content, " << ShortDigest(v.digest)
        << "…); nothing changed\n";
    for (const Finding& f : r.findings) {
      if (f.code == "dataset.tags_not_applied") {
        out << "  note: the --tag values were not applied: a registered version is immutable\n";
      }
    }
    return out.str();
  }
  out << "registered " << v.Ref() << "  " << ShortDigest(v.digest) << "…";
  if (v.row_count) out << "  " << *v.row_count << " rows";
  out << "\n";
  if (r.note) out << "  note: " << *r.note << "\n";
  return out.str();
}

std::string DatasetListText(const usecases::DatasetVersionList& list) {
  if (list.versions.empty()) {
    return "no datasets registered yet (airm dataset register FILE --name NAME)\n";
  }
  std::string out;
  char line[1024];
  auto row = [&](const std::string& a, const std::string& b, const std::string& c,
                 const std::string& d, const std::string& e) {
    // snprintf pads by bytes, like the printf this replaced; long fields are
    // appended whole.
    const int n = std::snprintf(line, sizeof line, "%-32s %-21s %10s  %-20s  %s\n", a.c_str(),
                                b.c_str(), c.c_str(), d.c_str(), e.c_str());
    if (n >= 0 && static_cast<size_t>(n) < sizeof line) {
      out += line;
    } else {
      out += a + " " + b + " " + c + "  " + d + "  " + e + "\n";
    }
  };
  row("DATASET", "DIGEST", "ROWS", "REGISTERED", "BY");
  for (const store::DatasetVersion& v : list.versions) {
    row(v.Ref(), ShortDigest(v.digest), Cell(v.row_count), v.registered_at, v.registered_by);
  }
  return out;
}

std::string DatasetDetailText(const usecases::DatasetVersionDetail& d) {
  std::ostringstream out;
  const store::DatasetVersion& v = d.version;
  out << v.Ref() << "\n  digest      " << v.digest << "\n  rows        " << Cell(v.row_count)
      << "\n  bytes       " << Cell(v.bytes) << "\n  path        " << v.path.value_or("—")
      << "\n  source      " << v.source_uri.value_or("—") << "\n  registered  " << v.registered_at
      << " by " << v.registered_by << "\n";
  for (const auto& [key, value] : v.tags) out << "  tag         " << key << "=" << value << "\n";
  if (d.schema) {
    out << "schema (" << d.schema->size() << " columns)\n";
    for (const usecases::SchemaColumn& col : *d.schema) {
      out << "  " << col.name << "  " << col.type << "\n";
    }
  } else {
    out << "schema: not read as a table\n";
  }
  out << "produced by" << (d.producers.empty() ? ": no recorded run (a source)\n" : "\n");
  for (const usecases::ProducingRun& p : d.producers) {
    out << "  run " << p.run.run_uuid << "  job " << p.run.job_name << "  " << p.run.status << "  "
        << p.run.started_at << "\n";
    for (const usecases::DatasetLink& in : p.inputs) {
      out << "    input " << in.ref << " (" << in.role << ")\n";
    }
  }
  if (!d.column_lineage.empty()) out << "column lineage\n";
  for (const usecases::ColumnSource& c : d.column_lineage) {
    out << "  " << c.derivation.output_column << " <- " << c.input_ref.value_or("?") << "."
        << c.derivation.input_column << " (" << c.derivation.transformation
        << (c.derivation.description ? ": " + *c.derivation.description : "") << ")\n";
  }
  out << "quality checks" << (d.quality_checks.empty() ? ": none recorded\n" : "\n");
  for (const store::QualityCheckRun& q : d.quality_checks) {
    out << "  " << q.executed_at << "  " << q.check_name << "  " << q.status << "\n";
  }
  return out.str();
}

std::string DatasetVerificationText(const usecases::DatasetVerification& v) {
  std::ostringstream out;
  for (const usecases::VersionVerification& r : v.results) {
    out << usecases::FileVerdictName(r.verdict) << "  " << r.version.Ref();
    if (!r.detail.empty()) out << "  (" << r.detail << ")";
    out << "\n";
  }
  if (v.results.empty()) out << "no dataset versions to verify\n";
  out << (v.ok ? "all verifiable files match their registered digests\n"
               : "verification FAILED: some files changed or are missing\n");
  return out.str();
}

std::string DatasetDiffText(const usecases::DatasetDiff& d) {
  std::ostringstream out;
  out << "A " << d.a.Ref() << "  " << ShortDigest(d.a.digest) << "…  rows " << DiffNumber(Rows(d.a))
      << "\nB " << d.b.Ref() << "  " << ShortDigest(d.b.digest) << "…  rows "
      << DiffNumber(Rows(d.b)) << "\n";
  if (d.same_content) out << "same content (identical digests)\n";
  if (!d.schema_comparable) {
    out << "schema: not comparable (a version was not read as a table)\n";
  } else if (d.added.empty() && d.removed.empty() && d.retyped.empty()) {
    out << "schema: unchanged\n";
  } else {
    out << "schema:\n";
    for (const usecases::SchemaColumn& c : d.added) {
      out << "  + " << c.name << " (" << c.type << ")\n";
    }
    for (const usecases::SchemaColumn& c : d.removed) {
      out << "  - " << c.name << " (" << c.type << ")\n";
    }
    for (const usecases::RetypedColumn& c : d.retyped) {
      out << "  ~ " << c.name << ": " << c.from << " -> " << c.to << "\n";
    }
  }
  for (const usecases::ColumnDiff& col : d.columns) {
    out << col.name << "\n";
    if (!col.a || !col.b) {
      out << "  only in " << (!col.a ? "B" : "A") << "\n";
      continue;
    }
    const usecases::ColumnSummary& a = *col.a;
    const usecases::ColumnSummary& b = *col.b;
    out << "  rows      " << DiffNumber(static_cast<double>(a.rows)) << " | "
        << DiffNumber(static_cast<double>(b.rows)) << "\n"
        << "  missing   " << DiffNumber(a.missing_share, true) << " | "
        << DiffNumber(b.missing_share, true) << "\n";
    if (a.numeric || b.numeric) {
      out << "  mean      " << DiffNumber(a.mean) << " | " << DiffNumber(b.mean) << "\n"
          << "  p05/50/95 " << DiffNumber(a.p05) << "/" << DiffNumber(a.p50) << "/"
          << DiffNumber(a.p95) << " | " << DiffNumber(b.p05) << "/" << DiffNumber(b.p50) << "/"
          << DiffNumber(b.p95) << "\n";
    } else {
      out << "  top       " << Tops(a) << "\n            " << Tops(b) << "\n";
    }
  }
  return out.str();
}

std::string DatasetCheckText(const usecases::DatasetCheck& check,
                             const std::vector<GateOutcome>& gates) {
  std::ostringstream out;
  out << check.dataset.Ref() << " checked against "
      << (check.self_reference ? "itself (no earlier version; only absolute checks apply)"
                               : check.reference.Ref())
      << ": " << CheckStatusName(check.status) << "\n";
  for (const usecases::QualityFamily& f : check.families) {
    out << "  " << CheckStatusName(f.status) << "  " << f.name << "\n";
    for (const QualityCheck& q : f.not_passed) out << "        " << q.message << "\n";
  }
  out << "recorded " << check.families.size() << " quality check runs at " << check.executed_at
      << "\n";
  for (const GateOutcome& g : gates) {
    if (g.held) out << "gate held: " << g.condition << " (observed " << g.observed << ")\n";
  }
  return out.str();
}

std::string ExecutedRunText(const usecases::ExecutedRun& r) {
  std::ostringstream out;
  out << "airm: run " << r.run.run_uuid << " (job " << r.run.job_name << ") " << r.run.status
      << ", exit " << r.exit_code << "\n";
  for (const usecases::RunFileVersion& in : r.inputs) {
    out << "  input  " << in.version.Ref() << " (" << in.role << ")\n";
  }
  for (const usecases::RunFileVersion& output : r.outputs) {
    out << "  output " << output.version.Ref() << "  " << ShortDigest(output.version.digest)
        << "…\n";
  }
  if (r.run.error) out << "airm: error: " << *r.run.error << "\n";
  return out.str();
}

std::string ModelRegistrationText(const usecases::RegisteredModelVersion& r) {
  std::ostringstream out;
  const store::ModelVersion& v = r.version;
  if (!r.created) {
    out << "already registered as " << v.Ref() << " (same artifact "
        << ShortDigest(v.artifact_digest) << "…); nothing changed\n";
    return out.str();
  }
  out << "registered model " << v.Ref() << "  " << ShortDigest(v.artifact_digest) << "…\n  "
      << r.data.size() << " dataset links, " << r.metrics_recorded << " metrics"
      << (r.has_card ? ", model card" : "") << "\n";
  return out.str();
}

std::string DeployedText(const usecases::Deployed& deployed) {
  std::ostringstream out;
  const store::DeployOutcome& outcome = deployed.outcome;
  const std::string& env = outcome.current.environment;
  if (outcome.unchanged) {
    out << deployed.model.Ref() << " already serves in " << env << " (since "
        << outcome.current.valid_from << "); nothing changed\n";
    return out.str();
  }
  out << "deployed " << deployed.model.Ref() << " to " << env << " from " << deployed.at << "\n";
  if (outcome.closed && deployed.replaced) {
    out << "  replaces " << deployed.replaced->Ref() << " (served " << outcome.closed->valid_from
        << " to " << deployed.at << ")\n";
  }
  return out.str();
}

std::string LoggedPredictionsText(const usecases::LoggedPredictions& logged) {
  std::ostringstream out;
  out << "logged " << logged.rows << " predictions of " << logged.model.Ref() << " as batch "
      << logged.batch_id << " (" << logged.dataset.Ref() << ") in " << logged.seconds << " s\n";
  for (const Finding& f : logged.findings) out << "  note: " << f.message << "\n";
  if (!logged.generated_id_prefix.empty()) {
    out << "  ids: " << logged.generated_id_prefix << ":<row number>\n";
  }
  return out.str();
}

std::string OpenLineageExportText(const lineage::ExportResult& exported, const std::string& out) {
  std::ostringstream text;
  text << "exported " << exported.events << " events of " << exported.runs << " runs to " << out
       << "\n";
  return text.str();
}

std::string OpenLineageImportText(const lineage::ImportSummary& s, const std::string& file) {
  std::ostringstream out;
  out << "imported " << s.events << " events from " << file << ": " << s.runs_created
      << " runs created, " << s.runs_updated << " updated, " << s.dataset_versions_created
      << " dataset versions and " << s.model_versions_created << " model versions created";
  if (s.skipped_events > 0)
    out << "; " << s.skipped_events << " dataset/job events skipped (no run)";
  out << "\n";
  return out.str();
}

}  // namespace airm::report
