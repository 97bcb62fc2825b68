#include "airm/usecases/log_predictions.h"

#include <algorithm>
#include <cctype>
#include <chrono>
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
#include "airm/store/reference.h"
#include "airm/store/runs.h"
#include "airm/store/timestamp.h"
#include "store_audit.h"

namespace airm::usecases {
namespace {

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

// `ignored`: the schema file's ignore: columns, not stored as features.
Result<Layout> ChooseColumns(const LogPredictionsOptions& c, const Table& table,
                             const std::vector<std::string>& ignored) {
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
  for (const std::string& name : c.exclude_columns) {
    AIRM_RETURN_IF_ERROR(RequireColumn(table, name, "--exclude-column", c.file).status());
  }
  for (size_t i = 0; i < table.num_columns(); ++i) {
    if (i == layout.id || i == layout.time || i == layout.output) continue;
    const std::string& name = table.column(i).name();
    if (std::find(c.exclude_columns.begin(), c.exclude_columns.end(), name) !=
            c.exclude_columns.end() ||
        std::find(ignored.begin(), ignored.end(), name) != ignored.end()) {
      continue;
    }
    // Roles from --schema: only features describe the model's input.
    if (table.role(i) != ColumnRole::kFeature && table.role(i) != ColumnRole::kSegment &&
        table.role(i) != ColumnRole::kSensitive) {
      continue;
    }
    layout.features.push_back(i);
  }
  return layout;
}

std::string Where(const LogPredictionsOptions& c, const Layout& layout, size_t row,
                  const std::string& column) {
  return c.file + ":" + std::to_string(row + layout.line_offset) + ": column '" + column + "'";
}

// The time of every row, checked and made canonical; returns the earliest.
Status CheckTimes(const LogPredictionsOptions& c, const Table& table, const Layout& layout,
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

Status CheckIds(const LogPredictionsOptions& c, const Table& table, const Layout& layout) {
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

// The prediction time of `row`, canonical UTC, into *out (checked by CheckTimes).
void RowTime(const Column& column, size_t row, std::string* scratch, std::string* out) {
  if (column.type() == DataType::kTimestamp) {
    const int64_t micros = column.int64_values()[row];
    store::FormatUtcSeconds(micros >= 0 ? micros / 1000000 : (micros - 999999) / 1000000, out);
  } else {
    store::ParseIso8601Into(store::CellText(column, row, scratch), out);
  }
}

// Inserts every row through one prepared statement. Digests are computed a
// chunk ahead on a second thread while this one inserts; buffers are reused,
// so there is no allocation per row.
Status WriteRows(const LogPredictionsOptions& c, const Table& table, const Layout& layout,
                 const store::RowEncoder& encoder, const std::string& digest_prefix,
                 const std::string& earliest, store::PredictionWriter* writer) {
  constexpr size_t kChunkRows = 32768;
  const size_t rows = table.num_rows();
  std::string id, time, features, output_text, scratch, digests, next_digests;
  const Column* time_column = layout.time ? &table.column(*layout.time) : nullptr;
  const Column* output_column = layout.output ? &table.column(*layout.output) : nullptr;
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
      RowId(table, layout, digest_prefix, row, &scratch, &id);
      if (time_column) RowTime(*time_column, row, &scratch, &time);
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
        return Status(added.code(), c.file + ":" + std::to_string(row + layout.line_offset) + ": " +
                                        added.message());
      }
    }
    if (ahead.joinable()) ahead.join();
    std::swap(digests, next_digests);
  }
  return Status::Ok();
}

}  // namespace

Status LogPredictionsOptions::Validate() const {
  if (file.empty()) return Status::InvalidArgument("predictions log needs a file");
  if (model.empty() && deployment_env.empty()) {
    return Status::InvalidArgument(
        "predictions log needs --model NAME@VERSION or --deployment-env ENV");
  }
  return Status::Ok();
}

Result<LoggedPredictions> LogPredictions(const LogPredictionsOptions& c) {
  AIRM_RETURN_IF_ERROR(c.Validate());
  RoleAssignment roles;
  if (!c.schema_file.empty()) {
    AIRM_ASSIGN_OR_RETURN(roles, LoadSchemaFile(c.schema_file));
  }
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(c.store));
  const auto clock_start = std::chrono::steady_clock::now();

  if (c.progress) c.progress("reading, hashing and profiling " + c.file);
  Table table;
  AIRM_ASSIGN_OR_RETURN(store::DatasetContent content,
                        store::DescribeDatasetFile(c.file, c.read, &table));
  if (!content.row_count) {
    return Status::InvalidArgument(
        c.file +
        ": predictions must be a table (CSV, TSV, JSON Lines): " + content.note.value_or(""));
  }
  if (table.num_rows() == 0) {
    return Status::InvalidArgument(c.file + ": no rows, so no predictions to log");
  }
  AIRM_RETURN_IF_ERROR(ApplyRoles(roles, c.file, &table));
  AIRM_ASSIGN_OR_RETURN(Layout layout, ChooseColumns(c, table, roles.ignore));
  std::string earliest;
  AIRM_RETURN_IF_ERROR(CheckTimes(c, table, layout, &earliest));
  AIRM_RETURN_IF_ERROR(CheckIds(c, table, layout));

  store::NewDatasetVersion file_version;
  file_version.content = content;
  file_version.path = c.file;
  file_version.abs_path = store::AbsolutePath(c.file);
  file_version.registered_by = store::CurrentUser();
  const std::string digest_prefix = content.digest.substr(7, 12);
  const std::string logged_at = store::UtcNow();
  const store::RowEncoder encoder(table, layout.features);

  if (c.progress) c.progress("logging " + std::to_string(table.num_rows()) + " predictions");
  LoggedPredictions logged;
  AIRM_ASSIGN_OR_RETURN(internal::StoreAuditor audit, internal::StoreAuditor::Open(opened));
  AIRM_RETURN_IF_ERROR(opened.db->WriteTransaction([&](store::Database& tx) -> Status {
    logged = LoggedPredictions();
    if (!c.model.empty()) {
      AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(c.model));
      AIRM_ASSIGN_OR_RETURN(logged.model, store::ResolveModelVersion(tx, ref));
    }
    if (!c.deployment_env.empty()) {
      AIRM_ASSIGN_OR_RETURN(logged.deployment, store::DeploymentAt(tx, c.deployment_env, earliest));
      if (!logged.deployment) {
        return Status::NotFound("no deployment in environment '" + c.deployment_env + "' at " +
                                earliest + " (the first prediction's time)");
      }
      if (c.model.empty()) {
        AIRM_ASSIGN_OR_RETURN(logged.model,
                              store::GetModelVersion(tx, logged.deployment->model_version_id));
      } else if (logged.deployment->model_version_id != logged.model.id) {
        AIRM_ASSIGN_OR_RETURN(store::ModelVersion serving,
                              store::GetModelVersion(tx, logged.deployment->model_version_id));
        return Status::InvalidArgument("environment '" + c.deployment_env + "' was serving " +
                                       serving.Ref() + " at " + earliest + ", not " +
                                       logged.model.Ref());
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
    AIRM_RETURN_IF_ERROR(
        WriteRows(c, table, layout, encoder, digest_prefix, earliest, writer.get()));
    return audit.Append(
        tx,
        {.action = "predictions.log",
         .subject = "model:" + logged.model.Ref(),
         .details = {{"batch", std::to_string(logged.batch_id)},
                     {"rows", std::to_string(table.num_rows())},
                     {"file_digest", logged.dataset.digest},
                     {"environment", logged.deployment ? logged.deployment->environment : ""}}});
  }));
  AIRM_RETURN_IF_ERROR(audit.Finish());
  logged.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();

  logged.rows = table.num_rows();
  std::string scratch;
  RowId(table, layout, digest_prefix, 0, &scratch, &logged.first_prediction_id);
  auto name_of = [&](const std::optional<size_t>& idx) -> std::optional<std::string> {
    if (!idx) return std::nullopt;
    return table.column(*idx).name();
  };
  logged.id_column = name_of(layout.id);
  logged.time_column = name_of(layout.time);
  logged.output_column = name_of(layout.output);
  for (size_t idx : encoder.columns()) logged.feature_columns.push_back(table.column(idx).name());
  if (!layout.id) logged.generated_id_prefix = digest_prefix;
  if (!layout.output) {
    logged.findings.push_back(
        MakeFinding(Severity::kInfo, "predictions.no_output_column", c.file,
                    "no output column (prediction/score); outputs are empty"));
  }
  return logged;
}

}  // namespace airm::usecases
