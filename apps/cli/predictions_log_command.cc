// `airm predictions log FILE --model N@V`: record every row of FILE as a
// prediction of the model version, and FILE itself as a dataset version
// (name "predictions/<model>" unless --name).
//
// Per row: prediction_id from --id-column (default "<first 12 hex digits of
// the file's SHA-256>:<row number>", so logging the same file twice is a
// duplicate); predicted_at from --time-column (ISO 8601 with a zone, stored
// as UTC; default: now); input_digest of the row's canonical feature
// encoding (include/airm/store/prediction_rows.h, docs/store.md); output
// from --output-column (default "prediction", else "score"); the features
// themselves as JSON with --store-features.
//
// All checks (times, ids, duplicates within the file) run before anything is
// written; then one transaction registers the file, the batch and every row
// through one prepared statement. A duplicate id (in the file or already in
// the store) or a malformed time is exit 2 naming file, line and column, and
// nothing is written.
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>
#include <unordered_map>

#include "airm/schema.h"
#include "airm/store/dataset_file.h"
#include "airm/store/datasets.h"
#include "airm/store/deployments.h"
#include "airm/store/environment.h"
#include "airm/store/models.h"
#include "airm/store/prediction_rows.h"
#include "airm/store/predictions.h"
#include "airm/store/runs.h"
#include "airm/store/timestamp.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct PredictionsLogCommand {
  StoreFlags store;
  std::string file, model, env, name, id_column, time_column, output_column, preprocessed_by,
      schema;
  std::vector<std::string> exclude;
  bool store_features = false;
  ReaderFlags reader;
};

struct Layout {
  std::optional<size_t> id, time, output;
  std::vector<size_t> features;
  size_t line_offset = 2;  // CSV: header on line 1; JSON Lines: 1
};

Result<size_t> RequireColumn(const Table& table, const std::string& name, const std::string& flag,
                             const std::string& file) {
  auto idx = table.FindColumn(name);
  if (!idx)
    return Status::InvalidArgument(flag + " '" + name + "': " + file + " has no such column");
  return *idx;
}

Result<Layout> ChooseColumns(const PredictionsLogCommand& c, const Table& table) {
  Layout layout;
  std::string lower = c.file;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower.find(".jsonl") != std::string::npos || lower.find(".ndjson") != std::string::npos) {
    layout.line_offset = 1;
  }
  if (!c.id_column.empty()) {
    AIRM_ASSIGN_OR_RETURN(layout.id, RequireColumn(table, c.id_column, "--id-column", c.file));
  }
  if (!c.time_column.empty()) {
    AIRM_ASSIGN_OR_RETURN(layout.time,
                          RequireColumn(table, c.time_column, "--time-column", c.file));
  }
  if (!c.output_column.empty()) {
    AIRM_ASSIGN_OR_RETURN(layout.output,
                          RequireColumn(table, c.output_column, "--output-column", c.file));
  } else {
    layout.output = table.FindColumn("prediction");
    if (!layout.output) layout.output = table.FindColumn("score");
  }
  for (const std::string& name : c.exclude) {
    AIRM_RETURN_IF_ERROR(RequireColumn(table, name, "--exclude-column", c.file).status());
  }
  for (size_t i = 0; i < table.num_columns(); ++i) {
    if (i == layout.id || i == layout.time || i == layout.output) continue;
    const std::string& name = table.column(i).name();
    if (std::find(c.exclude.begin(), c.exclude.end(), name) != c.exclude.end()) continue;
    // Roles from --schema: only features describe the model's input.
    if (table.role(i) != ColumnRole::kFeature && table.role(i) != ColumnRole::kSegment &&
        table.role(i) != ColumnRole::kSensitive) {
      continue;
    }
    layout.features.push_back(i);
  }
  return layout;
}

std::string Where(const PredictionsLogCommand& c, const Layout& layout, size_t row,
                  const std::string& column) {
  return c.file + ":" + std::to_string(row + layout.line_offset) + ": column '" + column + "'";
}

// The time of every row, checked and made canonical; returns the earliest.
Status CheckTimes(const PredictionsLogCommand& c, const Table& table, const Layout& layout,
                  std::string* earliest) {
  if (!layout.time) {
    *earliest = store::UtcNow();
    return Status::Ok();
  }
  const Column& column = table.column(*layout.time);
  std::string scratch, canonical;
  for (size_t row = 0; row < table.num_rows(); ++row) {
    if (!column.IsValid(row)) {
      return Status::ParseError(Where(c, layout, row, column.name()) + ": the time is missing");
    }
    if (column.type() == DataType::kTimestamp) {
      const int64_t micros = column.int64_values()[row];
      if (!store::FormatUtcSeconds(micros >= 0 ? micros / 1000000 : (micros - 999999) / 1000000,
                                   &canonical)) {
        return Status::ParseError(Where(c, layout, row, column.name()) +
                                  ": the time is outside years 0000-9999");
      }
    } else if (!store::ParseIso8601Into(store::CellText(column, row, &scratch), &canonical)) {
      return Status::ParseError(Where(c, layout, row, column.name()) + ": '" +
                                std::string(store::CellText(column, row, &scratch)) +
                                "' is not an ISO 8601 date-time with a zone "
                                "(e.g. 2026-11-27T04:33:16Z)");
    }
    if (earliest->empty() || canonical < *earliest) *earliest = canonical;
  }
  return Status::Ok();
}

// Writes row's id into *out.
void RowId(const Table& table, const Layout& layout, const std::string& digest_prefix, size_t row,
           std::string* scratch, std::string* out) {
  if (layout.id) {
    out->assign(store::CellText(table.column(*layout.id), row, scratch));
  } else {
    out->assign(digest_prefix);
    out->push_back(':');
    out->append(std::to_string(row + 1));
  }
}

Status CheckIds(const PredictionsLogCommand& c, const Table& table, const Layout& layout) {
  if (!layout.id) return Status::Ok();  // generated ids are distinct by construction
  const Column& column = table.column(*layout.id);
  // Text ids are viewed in place; other types are formatted once, up front.
  std::vector<std::string> formatted;
  if (!column.is_text()) {
    formatted.reserve(table.num_rows());
    for (size_t row = 0; row < table.num_rows(); ++row) {
      formatted.push_back(column.IsValid(row) ? column.TextAt(row) : std::string());
    }
  }
  std::unordered_map<std::string_view, size_t> seen;
  seen.reserve(table.num_rows());
  std::string scratch;
  for (size_t row = 0; row < table.num_rows(); ++row) {
    if (!column.IsValid(row)) {
      return Status::ParseError(Where(c, layout, row, column.name()) +
                                ": the prediction id is missing");
    }
    std::string_view id = column.is_text() ? store::CellText(column, row, &scratch)
                                           : std::string_view(formatted[row]);
    auto [it, fresh] = seen.emplace(id, row);
    if (!fresh) {
      return Status::InvalidArgument(
          Where(c, layout, row, column.name()) + ": duplicate prediction id '" + std::string(id) +
          "' (also on line " + std::to_string(it->second + layout.line_offset) + ")");
    }
  }
  return Status::Ok();
}

struct Logged {
  int64_t batch_id = 0;
  store::DatasetVersion dataset;
  store::ModelVersion model;
  std::optional<store::Deployment> deployment;
  std::optional<std::string> preprocessing_run;
};

int RunPredictionsLog(const PredictionsLogCommand& c) {
  if (c.model.empty() && c.env.empty()) {
    return Fail(Status::InvalidArgument(
        "predictions log needs --model NAME@VERSION or --deployment-env ENV"));
  }
  ReadOptions options;
  Status s = c.reader.ToReadOptions(&options);
  if (!s.ok()) return Fail(s);
  RoleAssignment roles;
  if (!c.schema.empty()) {
    auto loaded = LoadSchemaFile(c.schema);
    if (!loaded.ok()) return Fail(loaded.status());
    roles = *loaded;
  }
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  const auto clock_start = std::chrono::steady_clock::now();

  Progress("reading, hashing and profiling " + c.file);
  Table table;
  auto content = store::DescribeDatasetFile(c.file, options, &table);
  if (!content.ok()) return Fail(content.status());
  if (!content->row_count) {
    return Fail(Status::InvalidArgument(
        c.file +
        ": predictions must be a table (CSV, TSV, JSON Lines): " + content->note.value_or("")));
  }
  if (table.num_rows() == 0) {
    return Fail(Status::InvalidArgument(c.file + ": no rows, so no predictions to log"));
  }
  s = ApplyRoles(roles, c.file, &table);
  if (!s.ok()) return Fail(s);
  auto layout = ChooseColumns(c, table);
  if (!layout.ok()) return Fail(layout.status());
  std::string earliest;
  s = CheckTimes(c, table, *layout, &earliest);
  if (!s.ok()) return Fail(s);
  s = CheckIds(c, table, *layout);
  if (!s.ok()) return Fail(s);

  store::NewDatasetVersion file_version;
  file_version.content = *content;
  file_version.path = c.file;
  file_version.abs_path = store::AbsolutePath(c.file);
  file_version.registered_by = store::CurrentUser();
  const std::string digest_prefix = content->digest.substr(7, 12);
  const std::string logged_at = store::UtcNow();
  const store::RowEncoder encoder(table, layout->features);

  Progress("logging " + std::to_string(table.num_rows()) + " predictions");
  Logged logged;
  s = opened->db->WriteTransaction([&](store::Database& tx) -> Status {
    logged = Logged();
    if (!c.model.empty()) {
      AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(c.model));
      AIRM_ASSIGN_OR_RETURN(logged.model, store::ResolveModelVersion(tx, ref));
    }
    if (!c.env.empty()) {
      AIRM_ASSIGN_OR_RETURN(logged.deployment, store::DeploymentAt(tx, c.env, earliest));
      if (!logged.deployment) {
        return Status::NotFound("no deployment in environment '" + c.env + "' at " + earliest +
                                " (the first prediction's time)");
      }
      if (c.model.empty()) {
        AIRM_ASSIGN_OR_RETURN(logged.model,
                              store::GetModelVersion(tx, logged.deployment->model_version_id));
      } else if (logged.deployment->model_version_id != logged.model.id) {
        AIRM_ASSIGN_OR_RETURN(store::ModelVersion serving,
                              store::GetModelVersion(tx, logged.deployment->model_version_id));
        return Status::InvalidArgument("environment '" + c.env + "' was serving " + serving.Ref() +
                                       " at " + earliest + ", not " + logged.model.Ref());
      }
    }
    store::NewPredictionBatch batch;
    if (!c.preprocessed_by.empty()) {
      AIRM_ASSIGN_OR_RETURN(store::Run run, store::FindRun(tx, c.preprocessed_by));
      batch.preprocessing_run_id = run.id;
      logged.preprocessing_run = run.run_uuid;
    }
    file_version.name = c.name.empty() ? "predictions/" + logged.model.name : c.name;
    AIRM_ASSIGN_OR_RETURN(store::RegisteredDataset registered,
                          store::RegisterDatasetVersion(tx, file_version));
    logged.dataset = registered.version;
    batch.model_version_id = logged.model.id;
    if (logged.deployment) batch.deployment_id = logged.deployment->id;
    batch.input_dataset_version_id = logged.dataset.id;
    batch.source_path = c.file;
    batch.row_count = static_cast<int64_t>(table.num_rows());
    batch.logged_by = store::CurrentUser();
    batch.logged_at = logged_at;
    AIRM_ASSIGN_OR_RETURN(logged.batch_id, store::CreatePredictionBatch(tx, batch));
    AIRM_ASSIGN_OR_RETURN(std::unique_ptr<store::PredictionWriter> writer,
                          store::PredictionWriter::Make(tx, logged.batch_id));
    // Digests are computed a chunk ahead on a second thread while this one
    // inserts; buffers are reused, so there is no allocation per row.
    constexpr size_t kChunkRows = 32768;
    const size_t rows = table.num_rows();
    std::string id, time, features, output_text, scratch, digests, next_digests;
    const Column* time_column = layout->time ? &table.column(*layout->time) : nullptr;
    const Column* output_column = layout->output ? &table.column(*layout->output) : nullptr;
    if (!time_column) time = earliest;
    store::InputDigests(encoder, 0, std::min(kChunkRows, rows), &digests);
    for (size_t begin = 0; begin < rows; begin += kChunkRows) {
      const size_t end = std::min(begin + kChunkRows, rows);
      std::jthread ahead;  // joins when it goes out of scope, on every path
      if (end < rows) {
        ahead = std::jthread([&, end] {
          store::InputDigests(encoder, end, std::min(end + kChunkRows, rows), &next_digests);
        });
      }
      for (size_t row = begin; row < end; ++row) {
        RowId(table, *layout, digest_prefix, row, &scratch, &id);
        if (time_column) {
          if (time_column->type() == DataType::kTimestamp) {
            const int64_t micros = time_column->int64_values()[row];
            store::FormatUtcSeconds(micros >= 0 ? micros / 1000000 : (micros - 999999) / 1000000,
                                    &time);
          } else {
            store::ParseIso8601Into(store::CellText(*time_column, row, &scratch), &time);
          }
        }
        const std::string_view digest(digests.data() + (row - begin) * store::kInputDigestSize,
                                      store::kInputDigestSize);
        store::PredictionRowView view{id, time, digest, std::nullopt, std::nullopt};
        if (c.store_features) {
          encoder.EncodeJson(row, &features);
          view.features_json = features;
        }
        if (output_column && output_column->IsValid(row)) {
          view.output = store::CellText(*output_column, row, &output_text);
        }
        Status added = writer->Add(view);
        if (!added.ok()) {
          return Status(added.code(), c.file + ":" + std::to_string(row + layout->line_offset) +
                                          ": " + added.message());
        }
      }
      if (ahead.joinable()) ahead.join();
      std::swap(digests, next_digests);
    }
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();

  if (c.store.json) {
    Json doc = StoreDocument("prediction_batch");
    doc["batch_id"] = logged.batch_id;
    doc["rows"] = table.num_rows();
    if (table.num_rows() > 0) {
      std::string scratch, first_id;
      RowId(table, *layout, digest_prefix, 0, &scratch, &first_id);
      doc["first_prediction_id"] = first_id;
    }
    doc["model_version"] = logged.model.Ref();
    doc["deployment"] = logged.deployment ? DeploymentJson(*logged.deployment) : Json(nullptr);
    doc["dataset_version"] = DatasetVersionJson(logged.dataset, false);
    doc["preprocessing_run"] =
        logged.preprocessing_run ? Json(*logged.preprocessing_run) : Json(nullptr);
    doc["id_column"] = layout->id ? Json(table.column(*layout->id).name()) : Json(nullptr);
    doc["time_column"] = layout->time ? Json(table.column(*layout->time).name()) : Json(nullptr);
    doc["output_column"] =
        layout->output ? Json(table.column(*layout->output).name()) : Json(nullptr);
    Json features = Json::array();
    for (size_t idx : encoder.columns()) features.push_back(table.column(idx).name());
    doc["feature_columns"] = features;
    doc["seconds"] = seconds;
    PrintJson(doc);
  } else {
    std::cout << "logged " << table.num_rows() << " predictions of " << logged.model.Ref()
              << " as batch " << logged.batch_id << " (" << logged.dataset.Ref() << ") in "
              << seconds << " s\n";
    if (!layout->output)
      std::cout << "  note: no output column (prediction/score); outputs are empty\n";
    if (!layout->id) std::cout << "  ids: " << digest_prefix << ":<row number>\n";
  }
  return kExitOk;
}

}  // namespace

void AddPredictionsLogCommand(CLI::App* predictions, StoreCommandSet* set) {
  static std::unique_ptr<PredictionsLogCommand> holder = std::make_unique<PredictionsLogCommand>();
  PredictionsLogCommand* c = holder.get();
  CLI::App* sub =
      predictions->add_subcommand("log", "Record a file of predictions of a model version");
  sub->add_option("file", c->file, "Predictions (CSV, TSV, JSONL; .gz/.zst ok)")->required();
  sub->add_option("--model", c->model, "NAME@VERSION that made them");
  sub->add_option("--deployment-env", c->env,
                  "Environment whose deployment served them (the model when --model is omitted)");
  sub->add_option("--name", c->name, "Dataset name for the file (default predictions/<model>)");
  sub->add_option("--id-column", c->id_column,
                  "Prediction ids (default <file digest prefix>:<row number>)");
  sub->add_option("--time-column", c->time_column, "ISO 8601 prediction times (default now)");
  sub->add_option("--output-column", c->output_column,
                  "The model's output (default: prediction, else score)");
  sub->add_option("--exclude-column", c->exclude, "Not a model input (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--schema", c->schema,
                  "YAML column roles; only feature/segment/sensitive columns are inputs");
  sub->add_option("--preprocessed-by", c->preprocessed_by,
                  "Run id of the preprocessing that produced the inputs");
  sub->add_flag("--store-features", c->store_features, "Also store each row's features as JSON");
  sub->add_option("--delimiter", c->reader.delimiter, "CSV delimiter (default: detect)");
  sub->add_option("--null-token", c->reader.null_tokens,
                  "A value meaning missing (repeatable; replaces the defaults)")
      ->allow_extra_args(false);
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunPredictionsLog(*c); });
}

}  // namespace airm::cli
