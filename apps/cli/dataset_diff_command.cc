// `airm dataset diff A@V B@V`: what changed between two dataset versions.
// Schema: columns added, removed and retyped. Profile, per column present in
// either: rows, missing share, and for numbers mean, stddev and the 5/50/95%
// quantiles, for text the top categories with their shares, side by side.
// Undefined values (no rows, no finite values) are null / "—", never 0.
#include <cstdio>
#include <iostream>
#include <memory>

#include "airm/store/datasets.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DatasetDiffCommand {
  StoreFlags store;
  std::string a, b;
  int top = 5;
};

const Json* FindNamed(const Json& array, const std::string& name) {
  if (!array.is_array()) return nullptr;
  for (const Json& e : array) {
    if (e.is_object() && e.value("name", "") == name) return &e;
  }
  return nullptr;
}

Json QuantileAt(const Json& column, double level) {
  for (const Json& q : column.value("quantiles", Json::array())) {
    if (std::abs(q.value("q", -1.0) - level) < 1e-9) return q["value"];
  }
  return nullptr;
}

// The side-by-side summary of one column in one version; null when absent.
Json ColumnSummary(const Json* profile_column, int top) {
  if (profile_column == nullptr) return nullptr;
  const Json& c = *profile_column;
  Json out = Json::object();
  out["type"] = c.value("type", "");
  const uint64_t count = c.value("count", uint64_t{0});
  out["rows"] = count;
  out["missing_share"] =
      count == 0 ? Json(nullptr)
                 : Json(static_cast<double>(c.value("null_count", uint64_t{0})) / count);
  if (c.value("kind", "") == "numeric") {
    out["mean"] = c.contains("mean") ? c["mean"] : Json(nullptr);
    out["stddev"] = c.contains("stddev") ? c["stddev"] : Json(nullptr);
    out["p05"] = QuantileAt(c, 0.05);
    out["p50"] = QuantileAt(c, 0.5);
    out["p95"] = QuantileAt(c, 0.95);
  } else {
    const uint64_t present = count - c.value("null_count", uint64_t{0});
    Json tops = Json::array();
    for (const Json& t : c.value("top_values", Json::array())) {
      if (static_cast<int>(tops.size()) >= top) break;
      const uint64_t n = t.value("count", uint64_t{0});
      tops.push_back(
          {{"value", t.value("value", "")},
           {"share", present == 0 ? Json(nullptr) : Json(static_cast<double>(n) / present)}});
    }
    out["top_values"] = std::move(tops);
  }
  return out;
}

Json DiffDocument(const store::DatasetVersion& a, const store::DatasetVersion& b, int top) {
  Json doc = StoreDocument("dataset_diff");
  auto side = [](const store::DatasetVersion& v) {
    return Json{{"ref", v.Ref()},
                {"digest", v.digest},
                {"rows", v.row_count ? Json(*v.row_count) : Json(nullptr)}};
  };
  doc["a"] = side(a);
  doc["b"] = side(b);
  doc["same_content"] = a.digest == b.digest;
  Json schema_a = ParsedOrNull(a.schema_json), schema_b = ParsedOrNull(b.schema_json);
  Json added = Json::array(), removed = Json::array(), retyped = Json::array();
  std::vector<std::string> names;
  for (const Json& col : schema_a.is_array() ? schema_a : Json::array()) {
    const std::string name = col.value("name", "");
    names.push_back(name);
    const Json* other = FindNamed(schema_b, name);
    if (other == nullptr) {
      removed.push_back(col);
    } else if (other->value("type", "") != col.value("type", "")) {
      retyped.push_back(
          {{"name", name}, {"from", col.value("type", "")}, {"to", other->value("type", "")}});
    }
  }
  for (const Json& col : schema_b.is_array() ? schema_b : Json::array()) {
    if (FindNamed(schema_a, col.value("name", "")) == nullptr) {
      added.push_back(col);
      names.push_back(col.value("name", ""));
    }
  }
  doc["schema"] = {{"comparable", schema_a.is_array() && schema_b.is_array()},
                   {"added", added},
                   {"removed", removed},
                   {"retyped", retyped}};
  Json profile_a = ParsedOrNull(a.profile_json), profile_b = ParsedOrNull(b.profile_json);
  Json columns = Json::array();
  for (const std::string& name : names) {
    const Json* ca = profile_a.is_object() ? FindNamed(profile_a["columns"], name) : nullptr;
    const Json* cb = profile_b.is_object() ? FindNamed(profile_b["columns"], name) : nullptr;
    columns.push_back(
        {{"name", name}, {"a", ColumnSummary(ca, top)}, {"b", ColumnSummary(cb, top)}});
  }
  doc["columns"] = std::move(columns);
  return doc;
}

std::string Num(const Json& v, bool percent = false) {
  if (!v.is_number()) return "—";
  char buf[48];
  std::snprintf(buf, sizeof buf, percent ? "%.2f%%" : "%.6g",
                v.get<double>() * (percent ? 100 : 1));
  return buf;
}

std::string Tops(const Json& side) {
  std::string out;
  for (const Json& t : side.value("top_values", Json::array())) {
    if (!out.empty()) out += ", ";
    out += t.value("value", "") + " " + Num(t["share"], true);
  }
  return out.empty() ? "—" : out;
}

void PrintDiffText(const Json& doc) {
  std::cout << "A " << doc["a"]["ref"].get<std::string>() << "  "
            << ShortDigest(doc["a"]["digest"].get<std::string>()) << "…  rows "
            << Num(doc["a"]["rows"]) << "\nB " << doc["b"]["ref"].get<std::string>() << "  "
            << ShortDigest(doc["b"]["digest"].get<std::string>()) << "…  rows "
            << Num(doc["b"]["rows"]) << "\n";
  if (doc["same_content"].get<bool>()) std::cout << "same content (identical digests)\n";
  const Json& schema = doc["schema"];
  if (!schema["comparable"].get<bool>()) {
    std::cout << "schema: not comparable (a version was not read as a table)\n";
  } else if (schema["added"].empty() && schema["removed"].empty() && schema["retyped"].empty()) {
    std::cout << "schema: unchanged\n";
  } else {
    std::cout << "schema:\n";
    for (const Json& c : schema["added"])
      std::cout << "  + " << c.value("name", "") << " (" << c.value("type", "") << ")\n";
    for (const Json& c : schema["removed"])
      std::cout << "  - " << c.value("name", "") << " (" << c.value("type", "") << ")\n";
    for (const Json& c : schema["retyped"]) {
      std::cout << "  ~ " << c.value("name", "") << ": " << c.value("from", "") << " -> "
                << c.value("to", "") << "\n";
    }
  }
  for (const Json& col : doc["columns"]) {
    const Json& a = col["a"];
    const Json& b = col["b"];
    std::cout << col["name"].get<std::string>() << "\n";
    if (a.is_null() || b.is_null()) {
      std::cout << "  only in " << (a.is_null() ? "B" : "A") << "\n";
      continue;
    }
    std::cout << "  rows      " << Num(a["rows"]) << " | " << Num(b["rows"]) << "\n"
              << "  missing   " << Num(a["missing_share"], true) << " | "
              << Num(b["missing_share"], true) << "\n";
    if (a.contains("mean") || b.contains("mean")) {
      std::cout << "  mean      " << Num(a.value("mean", Json())) << " | "
                << Num(b.value("mean", Json())) << "\n"
                << "  p05/50/95 " << Num(a.value("p05", Json())) << "/"
                << Num(a.value("p50", Json())) << "/" << Num(a.value("p95", Json())) << " | "
                << Num(b.value("p05", Json())) << "/" << Num(b.value("p50", Json())) << "/"
                << Num(b.value("p95", Json())) << "\n";
    } else {
      std::cout << "  top       " << Tops(a) << "\n            " << Tops(b) << "\n";
    }
  }
}

int RunDatasetDiff(const DatasetDiffCommand& c) {
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  store::DatasetVersion a, b;
  Status s = opened->db->ReadTransaction([&](store::Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(store::Reference ra, store::ParseReference(c.a));
    AIRM_ASSIGN_OR_RETURN(store::Reference rb, store::ParseReference(c.b));
    AIRM_ASSIGN_OR_RETURN(a, store::ResolveDatasetVersion(tx, ra));
    AIRM_ASSIGN_OR_RETURN(b, store::ResolveDatasetVersion(tx, rb));
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);
  Json doc = DiffDocument(a, b, c.top);
  if (c.store.json) {
    PrintJson(doc);
  } else {
    PrintDiffText(doc);
  }
  return kExitOk;
}

}  // namespace

void AddDatasetDiffCommand(CLI::App* dataset, StoreCommandSet* set) {
  static std::unique_ptr<DatasetDiffCommand> holder = std::make_unique<DatasetDiffCommand>();
  DatasetDiffCommand* c = holder.get();
  CLI::App* sub =
      dataset->add_subcommand("diff", "Compare the schemas and profiles of two versions");
  sub->add_option("a", c->a, "NAME@VERSION")->required();
  sub->add_option("b", c->b, "NAME@VERSION")->required();
  sub->add_option("--top", c->top, "Top categories shown per text column (default 5)")
      ->check(CLI::Range(1, 100));
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunDatasetDiff(*c); });
}

}  // namespace airm::cli
