#include "airm/usecases/diff_datasets.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "airm/store/datasets.h"
#include "airm/store/reference.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {
namespace {

using Json = nlohmann::json;

// The registered schema / profile text as JSON; null when absent or unparsable.
Json Parsed(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  Json parsed = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? Json(nullptr) : parsed;
}

std::string Text(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

uint64_t Count(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
}

std::optional<double> Number(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

const Json* FindNamed(const Json& array, const std::string& name) {
  if (!array.is_array()) return nullptr;
  for (const Json& e : array) {
    if (e.is_object() && Text(e, "name") == name) return &e;
  }
  return nullptr;
}

std::optional<double> QuantileAt(const Json& column, double level) {
  auto it = column.find("quantiles");
  if (it == column.end() || !it->is_array()) return std::nullopt;
  for (const Json& q : *it) {
    const std::optional<double> at = q.is_object() ? Number(q, "q") : std::nullopt;
    if (at && std::abs(*at - level) < 1e-9) return Number(q, "value");
  }
  return std::nullopt;
}

std::optional<ColumnSummary> Summarize(const Json* profile_column, int top) {
  if (profile_column == nullptr) return std::nullopt;
  const Json& c = *profile_column;
  ColumnSummary out;
  out.type = Text(c, "type");
  out.rows = Count(c, "count");
  const uint64_t nulls = Count(c, "null_count");
  if (out.rows > 0) out.missing_share = static_cast<double>(nulls) / out.rows;
  out.numeric = Text(c, "kind") == "numeric";
  if (out.numeric) {
    out.mean = Number(c, "mean");
    out.stddev = Number(c, "stddev");
    out.p05 = QuantileAt(c, 0.05);
    out.p50 = QuantileAt(c, 0.5);
    out.p95 = QuantileAt(c, 0.95);
    return out;
  }
  const uint64_t present = out.rows >= nulls ? out.rows - nulls : 0;
  auto tops = c.find("top_values");
  if (tops == c.end() || !tops->is_array()) return out;
  for (const Json& t : *tops) {
    if (static_cast<int>(out.top_values.size()) >= top) break;
    if (!t.is_object()) continue;
    TopValueShare v{Text(t, "value"), std::nullopt};
    if (present > 0) v.share = static_cast<double>(Count(t, "count")) / present;
    out.top_values.push_back(std::move(v));
  }
  return out;
}

}  // namespace

Status DiffDatasetsOptions::Validate() const {
  if (a.empty() || b.empty()) return Status::InvalidArgument("dataset diff needs two versions");
  if (top < 1 || top > 100) {
    return Status::InvalidArgument("--top " + std::to_string(top) + " is not in 1..100");
  }
  return Status::Ok();
}

Result<DatasetDiff> DiffDatasets(const DiffDatasetsOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  DatasetDiff diff;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(store::Reference ra, store::ParseReference(options.a));
    AIRM_ASSIGN_OR_RETURN(store::Reference rb, store::ParseReference(options.b));
    AIRM_ASSIGN_OR_RETURN(diff.a, store::ResolveDatasetVersion(tx, ra));
    AIRM_ASSIGN_OR_RETURN(diff.b, store::ResolveDatasetVersion(tx, rb));
    return Status::Ok();
  }));
  diff.same_content = diff.a.digest == diff.b.digest;

  const auto schema_a = RegisteredSchema(diff.a), schema_b = RegisteredSchema(diff.b);
  diff.schema_comparable = schema_a && schema_b;
  // Bound once: value_or() returns a copy, and a pointer into a copy made inside the loop
  // condition would dangle.
  const std::vector<SchemaColumn> none;
  const std::vector<SchemaColumn>& columns_in_a = schema_a ? *schema_a : none;
  const std::vector<SchemaColumn>& columns_in_b = schema_b ? *schema_b : none;
  const auto find_named = [](const std::vector<SchemaColumn>& columns,
                             const std::string& name) -> const SchemaColumn* {
    for (const SchemaColumn& c : columns) {
      if (c.name == name) return &c;
    }
    return nullptr;
  };
  std::vector<std::string> names;
  for (const SchemaColumn& col : columns_in_a) {
    names.push_back(col.name);
    const SchemaColumn* other = find_named(columns_in_b, col.name);
    if (other == nullptr) {
      diff.removed.push_back(col);
    } else if (other->type != col.type) {
      diff.retyped.push_back({col.name, col.type, other->type});
    }
  }
  for (const SchemaColumn& col : columns_in_b) {
    if (find_named(columns_in_a, col.name) != nullptr) continue;
    diff.added.push_back(col);
    names.push_back(col.name);
  }

  const Json profile_a = Parsed(diff.a.profile_json), profile_b = Parsed(diff.b.profile_json);
  const Json no_columns = Json::array();
  const Json& columns_a =
      profile_a.is_object() && profile_a.contains("columns") ? profile_a["columns"] : no_columns;
  const Json& columns_b =
      profile_b.is_object() && profile_b.contains("columns") ? profile_b["columns"] : no_columns;
  for (const std::string& name : names) {
    diff.columns.push_back({name, Summarize(FindNamed(columns_a, name), options.top),
                            Summarize(FindNamed(columns_b, name), options.top)});
  }

  for (const SchemaColumn& c : diff.added) {
    diff.findings.push_back(MakeFinding(Severity::kInfo, "dataset.schema_changed", c.name,
                                        "column added in " + diff.b.Ref() + " (" + c.type + ")"));
  }
  for (const SchemaColumn& c : diff.removed) {
    diff.findings.push_back(MakeFinding(Severity::kInfo, "dataset.schema_changed", c.name,
                                        "column removed in " + diff.b.Ref()));
  }
  for (const RetypedColumn& c : diff.retyped) {
    diff.findings.push_back(MakeFinding(Severity::kInfo, "dataset.schema_changed", c.name,
                                        "type changed from " + c.from + " to " + c.to));
  }
  return diff;
}

}  // namespace airm::usecases
