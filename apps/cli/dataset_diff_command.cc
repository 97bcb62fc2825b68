// `airm dataset diff A@V B@V`: flags to usecases::DiffDatasets, then a side-
// by-side text summary or the JSON document. Undefined values print "—".
#include <cstdio>
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/usecases/diff_datasets.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DatasetDiffCommand {
  StoreFlags store;
  std::string a, b;
  int top = 5;
};

std::string Num(std::optional<double> v, bool percent = false) {
  if (!v) return "—";
  char buf[48];
  std::snprintf(buf, sizeof buf, percent ? "%.2f%%" : "%.6g", *v * (percent ? 100 : 1));
  return buf;
}

std::string Tops(const usecases::ColumnSummary& side) {
  std::string out;
  for (const usecases::TopValueShare& t : side.top_values) {
    if (!out.empty()) out += ", ";
    out += t.value + " " + Num(t.share, true);
  }
  return out.empty() ? "—" : out;
}

std::optional<double> Rows(const store::DatasetVersion& v) {
  if (!v.row_count) return std::nullopt;
  return static_cast<double>(*v.row_count);
}

void PrintDiffText(const usecases::DatasetDiff& d) {
  std::cout << "A " << d.a.Ref() << "  " << ShortDigest(d.a.digest) << "…  rows " << Num(Rows(d.a))
            << "\nB " << d.b.Ref() << "  " << ShortDigest(d.b.digest) << "…  rows "
            << Num(Rows(d.b)) << "\n";
  if (d.same_content) std::cout << "same content (identical digests)\n";
  if (!d.schema_comparable) {
    std::cout << "schema: not comparable (a version was not read as a table)\n";
  } else if (d.added.empty() && d.removed.empty() && d.retyped.empty()) {
    std::cout << "schema: unchanged\n";
  } else {
    std::cout << "schema:\n";
    for (const usecases::SchemaColumn& c : d.added)
      std::cout << "  + " << c.name << " (" << c.type << ")\n";
    for (const usecases::SchemaColumn& c : d.removed)
      std::cout << "  - " << c.name << " (" << c.type << ")\n";
    for (const usecases::RetypedColumn& c : d.retyped)
      std::cout << "  ~ " << c.name << ": " << c.from << " -> " << c.to << "\n";
  }
  for (const usecases::ColumnDiff& col : d.columns) {
    std::cout << col.name << "\n";
    if (!col.a || !col.b) {
      std::cout << "  only in " << (!col.a ? "B" : "A") << "\n";
      continue;
    }
    const usecases::ColumnSummary& a = *col.a;
    const usecases::ColumnSummary& b = *col.b;
    std::cout << "  rows      " << Num(static_cast<double>(a.rows)) << " | "
              << Num(static_cast<double>(b.rows)) << "\n"
              << "  missing   " << Num(a.missing_share, true) << " | " << Num(b.missing_share, true)
              << "\n";
    if (a.numeric || b.numeric) {
      std::cout << "  mean      " << Num(a.mean) << " | " << Num(b.mean) << "\n"
                << "  p05/50/95 " << Num(a.p05) << "/" << Num(a.p50) << "/" << Num(a.p95) << " | "
                << Num(b.p05) << "/" << Num(b.p50) << "/" << Num(b.p95) << "\n";
    } else {
      std::cout << "  top       " << Tops(a) << "\n            " << Tops(b) << "\n";
    }
  }
}

int RunDatasetDiff(const DatasetDiffCommand& c) {
  auto diff = usecases::DiffDatasets({.store = Locate(c.store), .a = c.a, .b = c.b, .top = c.top});
  if (!diff.ok()) return Fail(diff.status());
  Status s = WriteJsonOutput(c.store, report::RenderDatasetDiffJson(*diff, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) PrintDiffText(*diff);
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
