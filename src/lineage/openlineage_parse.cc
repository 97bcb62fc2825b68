// Parsing OpenLineage RunEvents, liberally: what the spec requires of a
// RunEvent that airm needs (eventTime, run.runId, job.namespace, job.name,
// and namespace/name of every dataset) is checked and a violation names the
// line; everything optional may be missing, and facets airm does not know,
// or knows but finds malformed, are ignored.
#include <nlohmann/json.hpp>
#include <set>

#include "airm/small_file.h"
#include "airm/store/timestamp.h"
#include "openlineage_facets.h"
#include "openlineage_runs.h"

namespace airm::lineage::internal {
namespace {

// Ordered, so JSON the event carries (command, parameters, environment) is
// stored with its keys in the emitter's order and exports back unchanged.
using json = nlohmann::ordered_json;

bool IsUuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Safe lookups: nullptr / nullopt when a key is missing or of another type.
const json* Object(const json& parent, const char* key) {
  if (!parent.is_object()) return nullptr;
  auto it = parent.find(key);
  return it != parent.end() && it->is_object() ? &*it : nullptr;
}

std::optional<std::string> String(const json* parent, const char* key) {
  if (!parent || !parent->is_object()) return std::nullopt;
  auto it = parent->find(key);
  if (it == parent->end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<int64_t> Integer(const json* parent, const char* key) {
  if (!parent || !parent->is_object()) return std::nullopt;
  auto it = parent->find(key);
  if (it == parent->end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

template <typename T>
void Merge(std::optional<T>* into, std::optional<T> value) {
  if (value) *into = std::move(value);
}

class LineParser {
 public:
  LineParser(const std::string& file, int64_t line) : where_(file + ":" + std::to_string(line)) {}

  Status Error(const std::string& what) const { return Status::ParseError(where_ + ": " + what); }

  Result<std::string> RequiredString(const json& parent, const char* key,
                                     const std::string& path) const {
    auto it = parent.find(key);
    if (it == parent.end() || !it->is_string() || it->get<std::string>().empty()) {
      return Error("expected " + path + " to be a non-empty string");
    }
    return it->get<std::string>();
  }

  // Reads one dataset's identity and facets into `d` (merging).
  Status Dataset(const json& item, const std::string& path, bool is_input,
                 ImportedDataset* d) const {
    if (!item.is_object()) return Error("expected " + path + " to be an object");
    AIRM_ASSIGN_OR_RETURN(d->dataset_namespace,
                          RequiredString(item, "namespace", path + ".namespace"));
    AIRM_ASSIGN_OR_RETURN(d->name, RequiredString(item, "name", path + ".name"));
    const json* facets = Object(item, "facets");
    if (const json* digest = facets ? Object(*facets, kContentDigestFacet) : nullptr) {
      std::optional<std::string> algorithm = String(digest, "algorithm");
      std::optional<std::string> value = String(digest, "digest");
      if (algorithm && value) d->content_digest = Lower(*algorithm) + ":" + Lower(*value);
      Merge(&d->row_count, Integer(digest, "rowCount"));
      Merge(&d->bytes, Integer(digest, "bytes"));
    }
    if (facets) {
      Merge(&d->version, String(Object(*facets, "version"), "datasetVersion"));
      Merge(&d->source_uri, String(Object(*facets, "dataSource"), "uri"));
      if (String(Object(*facets, "datasetType"), "datasetType").value_or("") == "MODEL") {
        d->is_model = true;
      }
      Schema(Object(*facets, "schema"), d);
      Columns(Object(*facets, "columnLineage"), d);
    }
    const json* own = Object(item, is_input ? "inputFacets" : "outputFacets");
    if (own) {
      Merge(&d->role, String(Object(*own, kInputRoleFacet), "role"));
      const char* statistics = is_input ? "inputStatistics" : "outputStatistics";
      if (!d->row_count) Merge(&d->row_count, Integer(Object(*own, statistics), "rowCount"));
    }
    return Status::Ok();
  }

 private:
  static void Schema(const json* facet, ImportedDataset* d) {
    if (!facet) return;
    auto it = facet->find("fields");
    if (it == facet->end() || !it->is_array()) return;
    nlohmann::ordered_json fields = nlohmann::ordered_json::array();
    for (const json& f : *it) {
      std::optional<std::string> name = String(&f, "name");
      if (!name) continue;
      nlohmann::ordered_json field = {{"name", *name}};
      if (std::optional<std::string> type = String(&f, "type")) field["type"] = *type;
      fields.push_back(std::move(field));
    }
    d->schema_json = fields.dump();
  }

  static void Columns(const json* facet, ImportedDataset* d) {
    const json* fields = facet ? Object(*facet, "fields") : nullptr;
    if (!fields) return;
    for (const auto& [output, spec] : fields->items()) {
      auto inputs = spec.is_object() ? spec.find("inputFields") : spec.end();
      if (!spec.is_object() || inputs == spec.end() || !inputs->is_array()) continue;
      std::vector<ColumnSource>& sources = d->columns[output];
      for (const json& in : *inputs) {
        std::optional<std::string> ns = String(&in, "namespace"), name = String(&in, "name"),
                                   field = String(&in, "field");
        if (!ns || !name || !field) continue;
        ColumnSource source{*ns, *name, *field, "DIRECT", std::nullopt};
        auto t = in.find("transformations");
        if (t != in.end() && t->is_array() && !t->empty()) {
          const std::string type = String(&(*t)[0], "type").value_or("DIRECT");
          source.transformation = type == "INDIRECT" ? "INDIRECT" : "DIRECT";
          source.description = String(&(*t)[0], "description");
        } else {
          // Spec 1-1 form: the description and type on the output field.
          const std::string type = String(&spec, "transformationType").value_or("DIRECT");
          source.transformation = type == "INDIRECT" ? "INDIRECT" : "DIRECT";
          source.description = String(&spec, "transformationDescription");
        }
        bool known = false;
        for (const ColumnSource& s : sources) {
          known =
              known || (s.input_namespace == source.input_namespace &&
                        s.input_name == source.input_name && s.input_field == source.input_field);
        }
        if (!known) sources.push_back(std::move(source));
      }
    }
  }

  std::string where_;
};

ImportedDataset* FindOrAdd(std::vector<ImportedDataset>* list, const ImportedDataset& probe) {
  for (ImportedDataset& d : *list) {
    if (d.dataset_namespace == probe.dataset_namespace && d.name == probe.name) return &d;
  }
  ImportedDataset fresh;
  fresh.dataset_namespace = probe.dataset_namespace;
  fresh.name = probe.name;
  list->push_back(std::move(fresh));
  return &list->back();
}

Status Datasets(const LineParser& p, const json& event, const char* key, bool is_input,
                std::vector<ImportedDataset>* into) {
  auto it = event.find(key);
  if (it == event.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return p.Error(std::string("expected ") + key + " to be an array");
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
    ImportedDataset probe;
    AIRM_RETURN_IF_ERROR(p.Dataset((*it)[i], path, is_input, &probe));
    ImportedDataset* d = FindOrAdd(into, probe);
    // Merge a second mention of the same dataset into the first.
    AIRM_RETURN_IF_ERROR(p.Dataset((*it)[i], path, is_input, d));
  }
  return Status::Ok();
}

void RunFacets(const json& run, ImportedRun* r) {
  const json* facets = Object(run, "facets");
  if (!facets) return;
  if (const json* airm = Object(*facets, kRunFacet)) {
    if (airm->contains("command")) r->command_json = (*airm)["command"].dump();
    if (airm->contains("parameters")) r->parameters_json = (*airm)["parameters"].dump();
    if (airm->contains("environment")) r->environment_json = (*airm)["environment"].dump();
    Merge(&r->exit_code, Integer(airm, "exitCode"));
  }
  Merge(&r->error, String(Object(*facets, "errorMessage"), "message"));
}

void JobFacets(const json& job, ImportedRun* r) {
  const json* facets = Object(job, "facets");
  if (!facets) return;
  if (const json* code = Object(*facets, "sourceCodeLocation")) {
    Merge(&r->code_version, String(code, "version"));
    Merge(&r->source_code_url, String(code, "url"));
  }
  const json* tags = Object(*facets, "tags");
  auto list = tags ? tags->find("tags") : json::const_iterator();
  if (tags && list != tags->end() && list->is_array()) {
    for (const json& tag : *list) {
      if (String(&tag, "key").value_or("") == kJobKindTag)
        Merge(&r->job_kind, String(&tag, "value"));
    }
  }
}

// Applies one RunEvent to the merged runs.
Status ApplyEvent(const LineParser& p, const json& event, std::vector<ImportedRun>* runs,
                  std::map<std::string, size_t>* index) {
  auto time_it = event.find("eventTime");
  if (time_it == event.end() || !time_it->is_string()) {
    return p.Error("expected eventTime to be an ISO 8601 date-time string");
  }
  std::optional<std::string> time = store::ParseIso8601(time_it->get<std::string>());
  if (!time) {
    return p.Error("expected eventTime to be an ISO 8601 date-time with a time zone, got '" +
                   time_it->get<std::string>() + "'");
  }
  std::string type = "OTHER";
  if (auto it = event.find("eventType"); it != event.end() && !it->is_null()) {
    static const std::set<std::string> kTypes = {"START", "RUNNING", "COMPLETE",
                                                 "ABORT", "FAIL",    "OTHER"};
    if (!it->is_string() || !kTypes.count(it->get<std::string>())) {
      return p.Error(
          "expected eventType to be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER");
    }
    type = it->get<std::string>();
  }
  const json& run = event["run"];
  if (!run.is_object()) return p.Error("expected run to be an object");
  AIRM_ASSIGN_OR_RETURN(std::string run_id, p.RequiredString(run, "runId", "run.runId"));
  if (!IsUuid(run_id)) return p.Error("expected run.runId to be a UUID, got '" + run_id + "'");
  run_id = Lower(run_id);
  const json* job = Object(event, "job");
  if (!job) return p.Error("expected job to be an object with namespace and name");
  AIRM_ASSIGN_OR_RETURN(std::string job_namespace,
                        p.RequiredString(*job, "namespace", "job.namespace"));
  AIRM_ASSIGN_OR_RETURN(std::string job_name, p.RequiredString(*job, "name", "job.name"));

  auto [it, fresh] = index->emplace(run_id, runs->size());
  if (fresh) {
    runs->push_back(ImportedRun{});
    runs->back().uuid = run_id;
    runs->back().job_namespace = job_namespace;
    runs->back().job_name = job_name;
    runs->back().earliest_time = *time;
  }
  ImportedRun& r = (*runs)[it->second];
  if (*time < r.earliest_time) r.earliest_time = *time;
  if (type == "START" && (!r.start_time || *time < *r.start_time)) r.start_time = *time;
  static const std::map<std::string, std::string> kTerminal = {
      {"COMPLETE", "completed"}, {"FAIL", "failed"}, {"ABORT", "aborted"}};
  if (auto t = kTerminal.find(type); t != kTerminal.end() && *time >= r.terminal_time) {
    r.terminal_status = t->second;
    r.terminal_time = *time;
  }
  RunFacets(run, &r);
  JobFacets(*job, &r);
  AIRM_RETURN_IF_ERROR(Datasets(p, event, "inputs", /*is_input=*/true, &r.inputs));
  return Datasets(p, event, "outputs", /*is_input=*/false, &r.outputs);
}

}  // namespace

std::string ImportedDataset::Digest() const {
  if (content_digest) return *content_digest;
  return "openlineage:" + dataset_namespace + "/" + name + "#" + version.value_or("unversioned");
}

Result<ParsedEvents> ParseOpenLineageEvents(std::string_view text, const std::string& file_name) {
  ParsedEvents out;
  std::map<std::string, size_t> index;
  int64_t line_number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++out.lines;
    LineParser p(file_name, line_number);
    json event;
    try {
      event = json::parse(line);
    } catch (const json::parse_error& e) {
      return p.Error("expected one JSON object per line; column " + std::to_string(e.byte) +
                     " is not valid JSON");
    } catch (const json::exception& e) {
      // out_of_range.406: a number such as 1e400 that no double holds.
      return p.Error(std::string("a value cannot be read: ") + e.what());
    }
    if (!event.is_object()) return p.Error("expected a JSON object (an OpenLineage event)");
    if (!event.contains("run")) {
      if (event.contains("dataset") || event.contains("job")) {
        ++out.skipped_events;  // a DatasetEvent or JobEvent: nothing ran
        continue;
      }
      return p.Error("expected an OpenLineage RunEvent with run, job and eventTime");
    }
    ++out.events;
    // nlohmann throws on a wrongly typed field that a facet reader expected;
    // this is the adapter boundary that makes it an input error.
    try {
      AIRM_RETURN_IF_ERROR(ApplyEvent(p, event, &out.runs, &index));
    } catch (const json::exception& e) {
      return p.Error(std::string("unexpected field type: ") + e.what());
    }
  }
  return out;
}

}  // namespace airm::lineage::internal

namespace airm::lineage {

Result<ImportSummary> ImportOpenLineage(store::Database& db, std::string_view text,
                                        const std::string& file_name) {
  AIRM_ASSIGN_OR_RETURN(internal::ParsedEvents parsed,
                        internal::ParseOpenLineageEvents(text, file_name));
  ImportSummary summary;
  AIRM_RETURN_IF_ERROR(db.WriteTransaction([&](store::Database& tx) {
    summary = ImportSummary{};  // the body may run again after a lock timeout
    return internal::WriteImportedRuns(tx, parsed.runs, &summary);
  }));
  summary.lines = parsed.lines;
  summary.events = parsed.events;
  summary.skipped_events = parsed.skipped_events;
  return summary;
}

Result<ImportSummary> ImportOpenLineageFile(store::Database& db, const std::string& path) {
  AIRM_ASSIGN_OR_RETURN(std::string text,
                        ReadSmallFile(path, "OpenLineage events file", kMaxEventsFileBytes));
  return ImportOpenLineage(db, text, path);
}

}  // namespace airm::lineage
