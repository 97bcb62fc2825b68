// BuildModelCard: the A fields from the store's tables, the H fields from the
// card JSON `airm model register --card` stored (Model Card Toolkit names).
#include "airm/lineage/model_card.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "airm/store/model_results.h"
#include "graph_queries.h"
#include "graph_walk.h"

namespace airm::lineage {
namespace {

using internal::DatasetReference;
using Json = nlohmann::json;
using store::Database;
using store::Row;

// Reads a card field; a wrong type becomes a note instead of a failure, so a
// card with one odd field still renders everything else.
class CardReader {
 public:
  CardReader(const Json& card, std::vector<std::string>* notes) : card_(card), notes_(notes) {}

  std::optional<std::string> Text(const char* section, const char* key) {
    const Json* v = Find(section, key);
    if (!v) return std::nullopt;
    if (v->is_string()) return v->get<std::string>();
    Note(section, key, "text");
    return std::nullopt;
  }

  // [{field: text}, …] -> the field of each item.
  std::vector<std::string> List(const char* section, const char* key, const char* field) {
    std::vector<std::string> out;
    for (const Json* item : Items(section, key)) {
      if (item->contains(field) && (*item)[field].is_string()) {
        out.push_back((*item)[field].get<std::string>());
      }
    }
    return out;
  }

  // [{a: text, b: text}, …] -> pairs; missing fields are empty.
  std::vector<std::pair<std::string, std::string>> Pairs(const char* section, const char* key,
                                                         const char* a, const char* b) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Json* item : Items(section, key)) {
      auto field = [&](const char* name) {
        return item->contains(name) && (*item)[name].is_string() ? (*item)[name].get<std::string>()
                                                                 : std::string();
      };
      out.push_back({field(a), field(b)});
    }
    return out;
  }

 private:
  const Json* Find(const char* section, const char* key) const {
    if (!card_.contains(section) || !card_[section].is_object()) return nullptr;
    const Json& s = card_[section];
    return s.contains(key) ? &s[key] : nullptr;
  }

  std::vector<const Json*> Items(const char* section, const char* key) {
    std::vector<const Json*> out;
    const Json* v = Find(section, key);
    if (!v) return out;
    if (!v->is_array()) {
      Note(section, key, "a list");
      return out;
    }
    for (const Json& item : *v) {
      if (item.is_object()) out.push_back(&item);
    }
    return out;
  }

  void Note(const char* section, const char* key, const char* expected) {
    notes_->push_back(std::string("card field ") + section + "." + key + " is not " + expected +
                      "; left out");
  }

  const Json& card_;
  std::vector<std::string>* notes_;
};

void ReadCard(const std::optional<std::string>& card_json, ModelCard* card) {
  if (!card_json) {
    card->notes.push_back(
        "No card YAML was registered with this version (airm model register --card FILE); "
        "intended use, limitations and owners are not stated.");
    return;
  }
  Json doc = Json::parse(*card_json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    card->notes.push_back("The stored card is not a JSON object; its fields are left out.");
    return;
  }
  CardReader r(doc, &card->notes);
  card->overview = r.Text("model_details", "overview");
  card->documentation = r.Text("model_details", "documentation");
  for (auto& [name, contact] : r.Pairs("model_details", "owners", "name", "contact")) {
    card->owners.push_back({name, contact});
  }
  for (auto& [id, text] : r.Pairs("model_details", "licenses", "identifier", "custom_text")) {
    card->licenses.push_back({id, text});
  }
  card->references = r.List("model_details", "references", "reference");
  card->use_cases = r.List("considerations", "use_cases", "description");
  card->users = r.List("considerations", "users", "description");
  card->out_of_scope = r.List("considerations", "out_of_scope_uses", "description");
  card->limitations = r.List("considerations", "limitations", "description");
  card->tradeoffs = r.List("considerations", "tradeoffs", "description");
  for (auto& [name, mitigation] :
       r.Pairs("considerations", "ethical_considerations", "name", "mitigation_strategy")) {
    card->ethical_considerations.push_back({name, mitigation});
  }
}

void ReadParameters(const std::optional<std::string>& parameters_json, ModelCard* card) {
  if (!parameters_json) return;
  Json doc = Json::parse(*parameters_json, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return;
  for (const auto& [key, value] : doc.items()) {
    card->parameters.push_back({key, value.is_string() ? value.get<std::string>() : value.dump()});
  }
}

struct VersionRow {
  std::optional<std::string> card_json;
  std::optional<std::string> parameters_json;
};

Result<VersionRow> LoadIdentity(Database& db, int64_t id, ModelCard* card) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query("SELECT m.name, mv.version, mv.artifact_digest, mv.artifact_path,"
                                 " mv.registered_at, mv.registered_by, mv.id, mv.card_json,"
                                 " mv.parameters_json, r.run_uuid, j.name, r.code_version"
                                 " FROM model_versions mv JOIN models m ON m.id = mv.model_id"
                                 " LEFT JOIN runs r ON r.id = mv.training_run_id"
                                 " LEFT JOIN jobs j ON j.id = r.job_id WHERE mv.id = ?",
                                 {id}));
  if (rows.empty()) {
    return Status::NotFound("model version " + std::to_string(id) + " is not in the store " +
                            db.Describe());
  }
  const Row& r = rows[0];
  card->name = r.Text(0);
  card->version = r.Text(1);
  card->artifact_digest = r.Text(2);
  card->artifact_path = r.OptionalText(3);
  card->registered_at = r.Text(4);
  card->registered_by = r.Text(5);
  card->training_run_uuid = r.OptionalText(9);
  card->training_job = r.OptionalText(10);
  card->code_version = r.OptionalText(11);
  return VersionRow{r.OptionalText(7), r.OptionalText(8)};
}

// The model's data with an upstream summary each: producing runs walked
// recursively and the sources they start from.
Status LoadData(Database& db, int64_t id, ModelCard* card) {
  AIRM_RETURN_IF_ERROR(
      db.QueryEach("SELECT mvd.role, d.name, dv.version, dv.digest, dv.row_count, dv.source_uri,"
                   " dv.registered_at FROM model_version_data mvd"
                   " JOIN dataset_versions dv ON dv.id = mvd.dataset_version_id"
                   " JOIN datasets d ON d.id = dv.dataset_id WHERE mvd.model_version_id = ?"
                   " ORDER BY CASE mvd.role WHEN 'train' THEN 0 WHEN 'validation' THEN 1"
                   " WHEN 'test' THEN 2 ELSE 3 END, d.name, dv.version",
                   {id}, [&](const Row& r) {
                     CardDataset d;
                     d.role = r.Text(0);
                     d.dataset = DatasetReference(r.Text(1), r.Int(2));
                     d.digest = r.Text(3);
                     d.row_count = r.OptionalInt(4);
                     d.source_uri = r.OptionalText(5);
                     d.registered_at = r.Text(6);
                     d.lineage_command = "airm lineage impact --dataset " + d.dataset;
                     card->data.push_back(std::move(d));
                     return Status::Ok();
                   }));
  for (CardDataset& d : card->data) {
    internal::Walk walk;
    AIRM_RETURN_IF_ERROR(internal::WalkUpstream(db, {d.digest}, {}, internal::kEndOfTime, &walk));
    d.upstream_runs = static_cast<int64_t>(walk.runs.size());
    std::vector<std::string> sources;
    for (const std::string& digest : walk.digests) {
      if (digest != d.digest && walk.edges.count(digest) == 0) sources.push_back(digest);
    }
    std::map<std::string, std::vector<DatasetVersionRef>> refs;
    AIRM_RETURN_IF_ERROR(internal::LoadRegistrations(db, sources, &refs));
    for (const std::string& digest : sources) {
      auto it = refs.find(digest);
      d.upstream_sources.push_back(
          it == refs.end() || it->second.empty() ? digest : it->second.front().Reference());
    }
  }
  return Status::Ok();
}

// The last run of each check on the training data, under any name for the
// same bytes (a check on "features" counts for "training_set" if they are one
// digest).
Status LoadChecks(Database& db, const ModelCard& card, std::vector<CardQualityCheck>* out) {
  std::vector<std::string> digests;
  for (const CardDataset& d : card.data) {
    if (d.role == "train") digests.push_back(d.digest);
  }
  std::map<std::string, std::vector<DatasetVersionRef>> refs;
  AIRM_RETURN_IF_ERROR(internal::LoadRegistrations(db, digests, &refs));
  std::vector<int64_t> ids;
  for (const auto& [digest, list] : refs) {
    for (const DatasetVersionRef& r : list) ids.push_back(r.id);
  }
  std::map<int64_t, std::vector<QualityCheckRef>> checks;
  AIRM_RETURN_IF_ERROR(internal::LoadQualityChecks(db, ids, internal::kEndOfTime, &checks));
  for (const std::string& digest : digests) {
    std::vector<const QualityCheckRef*> runs;
    for (const DatasetVersionRef& r : refs[digest]) {
      for (const QualityCheckRef& q : checks[r.id]) runs.push_back(&q);
    }
    std::stable_sort(runs.begin(), runs.end(),
                     [](const auto* a, const auto* b) { return a->executed_at < b->executed_at; });
    std::map<std::string, CardQualityCheck> last;  // by check name; oldest first, last wins
    for (const QualityCheckRef* q : runs) {
      CardQualityCheck& c = last[q->check_name];
      c.dataset = q->dataset;
      c.check_name = q->check_name;
      c.status = q->status;
      c.executed_at = q->executed_at;
      ++c.runs;
    }
    for (auto& [name, c] : last) out->push_back(std::move(c));
  }
  return Status::Ok();
}

// The last run of each check on each data set this version scored (its
// logged prediction batches), compared against one of its training data sets,
// and of those that warned or failed the flagged columns (findings_json items
// {column, status, message}). Data sets are matched by digest, so a check on
// the same bytes under another name (predictions log registers the scored
// file itself) counts.
Status LoadScoredDataFindings(Database& db, int64_t id, ModelCard* card) {
  struct Last {
    std::string dataset, status, findings_json, executed_at;
  };
  std::map<std::pair<int64_t, std::string>, Last> last;  // (data set, check); later runs win
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT q.dataset_version_id, q.check_name, q.status, q.findings_json, q.executed_at,"
      " d.name, dv.version FROM quality_check_runs q"
      " JOIN dataset_versions dv ON dv.id = q.dataset_version_id"
      " JOIN datasets d ON d.id = dv.dataset_id"
      " WHERE dv.digest IN (SELECT sv.digest FROM prediction_batches pb"
      "   JOIN dataset_versions sv ON sv.id = pb.input_dataset_version_id"
      "   WHERE pb.model_version_id = ?)"
      " AND q.reference_dataset_version_id IN (SELECT rv.id FROM dataset_versions rv"
      "   WHERE rv.digest IN (SELECT tv.digest FROM model_version_data mvd"
      "     JOIN dataset_versions tv ON tv.id = mvd.dataset_version_id"
      "     WHERE mvd.model_version_id = ? AND mvd.role = 'train'))"
      " ORDER BY q.executed_at, q.id",
      {id, id}, [&](const Row& r) {
        last[{r.Int(0), r.Text(1)}] = {DatasetReference(r.Text(5), r.Int(6)), r.Text(2),
                                       r.OptionalText(3).value_or("[]"), r.Text(4)};
        return Status::Ok();
      }));
  for (const auto& [key, run] : last) {
    if (run.status != "warn" && run.status != "fail") continue;
    const Json findings = Json::parse(run.findings_json, nullptr, false);
    const auto text = [](const Json& item, const char* key) {
      return item.contains(key) && item[key].is_string() ? item[key].get<std::string>()
                                                         : std::string();
    };
    bool any = false;
    if (findings.is_array()) {
      for (const Json& f : findings) {
        if (!f.is_object()) continue;
        const std::string status = text(f, "status");
        if (status != "warn" && status != "fail") continue;
        card->scored_data_findings.push_back({run.dataset, key.second, status, text(f, "column"),
                                              text(f, "message"), run.executed_at});
        any = true;
      }
    }
    if (!any) {  // a dataset-level result without per-column findings
      card->scored_data_findings.push_back(
          {run.dataset, key.second, run.status, "", "", run.executed_at});
    }
  }
  return Status::Ok();
}

// The out_of_scope entries of a drift result's details (model_results.h);
// malformed entries are skipped, the summary still says what was found.
std::vector<CardScopeShare> ScopeShares(const std::optional<std::string>& details_json) {
  std::vector<CardScopeShare> out;
  if (!details_json) return out;
  const Json details = Json::parse(*details_json, nullptr, false);
  if (!details.is_object() || !details.contains("out_of_scope") ||
      !details["out_of_scope"].is_array()) {
    return out;
  }
  // Typed reads that never throw: a wrong type reads as empty.
  const auto text = [](const Json& e, const char* key) {
    return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : std::string();
  };
  const auto count = [](const Json& e, const char* key) {
    return e.contains(key) && e[key].is_number_integer() ? e[key].get<int64_t>() : int64_t{0};
  };
  for (const Json& e : details["out_of_scope"]) {
    if (!e.is_object()) continue;
    CardScopeShare s{text(e, "description"), text(e, "condition"), count(e, "rows_inside"),
                     count(e, "rows_known"), std::nullopt,         text(e, "note")};
    if (e.contains("share") && e["share"].is_number()) s.share = e["share"].get<double>();
    out.push_back(std::move(s));
  }
  return out;
}

// The report files a result's details name (model_results.h: "reports");
// entries that are not strings are skipped.
std::vector<std::string> ReportFiles(const std::optional<std::string>& details_json) {
  std::vector<std::string> out;
  if (!details_json) return out;
  const Json details = Json::parse(*details_json, nullptr, false);
  if (!details.is_object() || !details.contains("reports") || !details["reports"].is_array()) {
    return out;
  }
  for (const Json& e : details["reports"]) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

Status LoadMetricsAndDeployments(Database& db, int64_t id, ModelCard* card) {
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT mm.name, mm.value, mm.ci_low, mm.ci_high, mm.segment, d.name, dv.version"
      " FROM model_metrics mm LEFT JOIN dataset_versions dv ON dv.id = mm.dataset_version_id"
      " LEFT JOIN datasets d ON d.id = dv.dataset_id WHERE mm.model_version_id = ?"
      " ORDER BY mm.segment <> '', mm.segment, mm.name, mm.id",
      {id}, [&](const Row& r) {
        auto real = [&](size_t i) {
          return r.IsNull(i) ? std::nullopt : std::optional<double>(r.Real(i));
        };
        CardMetric m{r.Text(0), real(1), real(2), real(3), r.Text(4), std::nullopt};
        if (!r.IsNull(5)) m.dataset = DatasetReference(r.Text(5), r.Int(6));
        card->metrics.push_back(std::move(m));
        return Status::Ok();
      }));
  return db.QueryEach(
      "SELECT environment, valid_from, valid_to FROM deployments WHERE model_version_id = ?"
      " ORDER BY valid_from, id",
      {id}, [&](const Row& r) {
        card->deployments.push_back({r.Text(0), r.Text(1), r.OptionalText(2)});
        return Status::Ok();
      });
}

}  // namespace

Result<ModelCard> BuildModelCard(Database& db, int64_t model_version_id) {
  ModelCard card;
  Status status = db.ReadTransaction([&](Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(VersionRow row, LoadIdentity(tx, model_version_id, &card));
    ReadCard(row.card_json, &card);
    ReadParameters(row.parameters_json, &card);
    AIRM_RETURN_IF_ERROR(LoadData(tx, model_version_id, &card));
    AIRM_RETURN_IF_ERROR(LoadChecks(tx, card, &card.quality_checks));
    AIRM_RETURN_IF_ERROR(LoadScoredDataFindings(tx, model_version_id, &card));
    AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelResult> results,
                          store::LatestModelResults(tx, model_version_id));
    for (store::ModelResult& r : results) {
      card.results.push_back({std::move(r.kind), std::move(r.status), std::move(r.summary),
                              std::move(r.data_path), std::move(r.data_digest),
                              std::move(r.recorded_at), std::move(r.recorded_by),
                              ScopeShares(r.details_json), ReportFiles(r.details_json), r.id});
    }
    return LoadMetricsAndDeployments(tx, model_version_id, &card);
  });
  if (!status.ok()) return status;
  return card;
}

}  // namespace airm::lineage
