#include "airm/usecases/log_predictions.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "airm/reader.h"
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
  std::optional<std::string> output_name;
  std::vector<size_t> features;
  size_t line_offset = 2;  // CSV: header on line 1; JSON Lines: 1
  bool in_memory = false;  // rows of a table, named by 0-based row rather than line
};

// The line of data row 0: 2 under a CSV header, 1 in JSON Lines.
size_t LineOffset(const std::string& file) {
  std::string lower = file;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const bool json_lines =
      lower.find(".jsonl") != std::string::npos || lower.find(".ndjson") != std::string::npos;
  return json_lines ? 1 : 2;
}

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
  layout.line_offset = LineOffset(c.file);
  if (!c.id_column.empty()) {
    AIRM_ASSIGN_OR_RETURN(layout.id,
                          RequireColumn(table, c.id_column, OptionRef("id-column"), c.file));
  }
  if (!c.time_column.empty()) {
    AIRM_ASSIGN_OR_RETURN(layout.time,
                          RequireColumn(table, c.time_column, OptionRef("time-column"), c.file));
  }
  if (!c.output_column.empty()) {
    AIRM_ASSIGN_OR_RETURN(
        layout.output, RequireColumn(table, c.output_column, OptionRef("output-column"), c.file));
  } else {
    layout.output = table.FindColumn("prediction");
    if (!layout.output) layout.output = table.FindColumn("score");
  }
  if (layout.output) layout.output_name = table.column(*layout.output).name();
  for (const std::string& name : c.exclude_columns) {
    AIRM_RETURN_IF_ERROR(RequireColumn(table, name, OptionRef("exclude-column"), c.file).status());
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

// "FILE:LINE", or "NAME row ROW" for rows held in memory; `row`: 0-based
// data row.
std::string RowPlace(const LogPredictionsOptions& c, const Layout& layout, size_t row) {
  if (layout.in_memory) return c.file + " row " + std::to_string(row);
  return c.file + ":" + std::to_string(row + layout.line_offset);
}

std::string Where(const LogPredictionsOptions& c, const Layout& layout, size_t row,
                  const std::string& column) {
  return RowPlace(c, layout, row) + ": column '" + column + "'";
}

// The canonical UTC time of `column`'s cell `row` (file row `file_row`) into
// *out, or a ParseError naming file, line and column.
Status CanonicalTime(const LogPredictionsOptions& c, const Layout& layout, const Column& column,
                     size_t row, size_t file_row, std::string* scratch, std::string* out) {
  if (!column.IsValid(row)) {
    return Status::ParseError(Where(c, layout, file_row, column.name()) + ": the time is missing");
  }
  if (column.type() == DataType::kTimestamp) {
    const int64_t micros = column.int64_values()[row];
    if (!store::FormatUtcSeconds(micros >= 0 ? micros / 1000000 : (micros - 999999) / 1000000,
                                 out)) {
      return Status::ParseError(Where(c, layout, file_row, column.name()) +
                                ": the time is outside years 0000-9999");
    }
  } else if (!store::ParseIso8601Into(store::CellText(column, row, scratch), out)) {
    return Status::ParseError(Where(c, layout, file_row, column.name()) + ": '" +
                              std::string(store::CellText(column, row, scratch)) +
                              "' is not an ISO 8601 date-time with a zone "
                              "(e.g. 2026-11-27T04:33:16Z)");
  }
  return Status::Ok();
}

// The options to stream only `column` of the file (the id or time pass).
ReadOptions OneColumn(const LogPredictionsOptions& c, const std::string& column) {
  ReadOptions read = c.read;
  read.columns = {column};
  return read;
}

// The earliest time in the time column (every time checked), streamed from
// the file or read from `in_memory`: a deployment is chosen by the first
// prediction's time before any row is written, because the batch names the
// model.
Result<std::string> EarliestTime(const LogPredictionsOptions& c, const Layout& layout,
                                 const Table* in_memory) {
  std::string earliest, canonical, scratch;
  if (in_memory != nullptr) {
    AIRM_ASSIGN_OR_RETURN(
        size_t idx, RequireColumn(*in_memory, c.time_column, OptionRef("time-column"), c.file));
    const Column& column = in_memory->column(idx);
    for (size_t row = 0; row < in_memory->num_rows(); ++row) {
      AIRM_RETURN_IF_ERROR(CanonicalTime(c, layout, column, row, row, &scratch, &canonical));
      if (earliest.empty() || canonical < earliest) earliest = canonical;
    }
    return earliest;
  }
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<TableStream> stream,
                        TableStream::Open(c.file, OneColumn(c, c.time_column)));
  for (size_t file_row = 0;;) {
    AIRM_ASSIGN_OR_RETURN(std::optional<Table> chunk, stream->Next());
    if (!chunk) return earliest;
    const Column& column = chunk->column(0);
    for (size_t row = 0; row < chunk->num_rows(); ++row, ++file_row) {
      AIRM_RETURN_IF_ERROR(CanonicalTime(c, layout, column, row, file_row, &scratch, &canonical));
      if (earliest.empty() || canonical < earliest) earliest = canonical;
    }
  }
}

// The id of the file's first row whose id is `id`, by a second pass over the
// id column: only a duplicate (the error path) asks for it, so the rows need
// not keep a map of every id seen.
Result<size_t> FirstRowWithId(const LogPredictionsOptions& c, std::string_view id) {
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<TableStream> stream,
                        TableStream::Open(c.file, OneColumn(c, c.id_column)));
  std::string scratch;
  for (size_t file_row = 0;;) {
    AIRM_ASSIGN_OR_RETURN(std::optional<Table> chunk, stream->Next());
    if (!chunk)
      return Status::Internal(c.file + ": prediction id '" + std::string(id) +
                              "' was refused as a duplicate but is not in the file");
    const Column& column = chunk->column(0);
    for (size_t row = 0; row < chunk->num_rows(); ++row, ++file_row) {
      if (column.IsValid(row) && store::CellText(column, row, &scratch) == id) return file_row;
    }
  }
}

// Rows a face holds in memory as a stream of one chunk, so they are logged
// exactly as a file's chunks are.
class OneChunk : public TableStream {
 public:
  explicit OneChunk(Table table) : table_(std::move(table)) {}
  Result<std::optional<Table>> Next() override { return std::exchange(table_, std::nullopt); }

 private:
  std::optional<Table> table_;
};

// One chunk's rows, checked and encoded: the fields back to back in `text`,
// `rows` viewing them, ready for PredictionWriter::AddRows. Moving or
// swapping a chunk keeps the views valid: the text is always on the heap
// (every row holds a 71-byte digest), never in a short string's own buffer.
struct EncodedChunk {
  size_t first_row = 0;  // file row of rows[0]
  std::string text;
  std::vector<store::PredictionRowView> rows;
};

// Reads the file chunk by chunk, profiling each chunk for the file's dataset
// version and turning its rows into predictions. Used by one thread at a time.
class ChunkEncoder {
 public:
  // `file` (null for rows in memory, described beforehand) profiles each
  // chunk; `digest` is the rows' content digest, which generated ids begin with.
  ChunkEncoder(const LogPredictionsOptions& c, TableStream* stream,
               store::StreamedDatasetFile* file, std::string digest, bool in_memory,
               std::string default_time)
      : c_(c),
        stream_(stream),
        file_(file),
        digest_(std::move(digest)),
        in_memory_(in_memory),
        default_time_(std::move(default_time)) {}

  // Reads the first chunk and chooses the columns from it. InvalidArgument
  // when the file has no rows.
  Status Start(const RoleAssignment& roles, EncodedChunk* out) {
    AIRM_ASSIGN_OR_RETURN(std::optional<Table> chunk, stream_->Next());
    if (!chunk) return Status::InvalidArgument(c_.file + ": no rows, so no predictions to log");
    // Profiled as read, before roles, as `airm dataset register` profiles it.
    if (file_ != nullptr) AIRM_RETURN_IF_ERROR(file_->Add(*chunk));
    AIRM_RETURN_IF_ERROR(ApplyRoles(roles, c_.file, &*chunk));
    AIRM_ASSIGN_OR_RETURN(layout_, ChooseColumns(c_, *chunk, roles.ignore));
    layout_.in_memory = in_memory_;
    if (!layout_.id) digest_prefix_ = digest_.substr(7, 12);
    const store::RowEncoder by_name(*chunk, layout_.features);
    for (size_t idx : by_name.columns()) {
      feature_names_.push_back(chunk->column(idx).name());
    }
    return Encode(*chunk, out);
  }

  // The next chunk, or one with no rows at the end of the file.
  Status Next(EncodedChunk* out) {
    AIRM_ASSIGN_OR_RETURN(std::optional<Table> chunk, stream_->Next());
    if (!chunk) {
      out->rows.clear();
      return Status::Ok();
    }
    if (file_ != nullptr) AIRM_RETURN_IF_ERROR(file_->Add(*chunk));
    return Encode(*chunk, out);
  }

  const Layout& layout() const { return layout_; }
  const std::string& digest_prefix() const { return digest_prefix_; }
  const std::vector<std::string>& feature_names() const { return feature_names_; }

 private:
  struct Field {
    size_t offset = 0, size = 0;
  };
  struct Fields {
    Field id, time, digest, features, output;
    bool has_features = false, has_output = false;
  };

  Field Append(std::string_view piece, std::string* text) {
    const Field field{text->size(), piece.size()};
    text->append(piece);
    return field;
  }

  Status Encode(const Table& chunk, EncodedChunk* out) {
    const size_t rows = chunk.num_rows();
    out->first_row = rows_read_;
    out->text.clear();
    out->rows.clear();
    fields_.resize(rows);
    const store::RowEncoder encoder(chunk, layout_.features);
    store::InputDigests(encoder, 0, rows, &digests_);
    const Column* id_column = layout_.id ? &chunk.column(*layout_.id) : nullptr;
    const Column* time_column = layout_.time ? &chunk.column(*layout_.time) : nullptr;
    const Column* output_column = layout_.output ? &chunk.column(*layout_.output) : nullptr;
    for (size_t row = 0; row < rows; ++row) {
      const size_t file_row = rows_read_ + row;
      Fields& f = fields_[row];
      if (id_column) {
        if (!id_column->IsValid(row)) {
          return Status::ParseError(Where(c_, layout_, file_row, id_column->name()) +
                                    ": the prediction id is missing");
        }
        f.id = Append(store::CellText(*id_column, row, &scratch_), &out->text);
      } else {
        id_ = digest_prefix_;
        id_.push_back(':');
        id_.append(std::to_string(file_row + 1));
        f.id = Append(id_, &out->text);
      }
      if (time_column) {
        AIRM_RETURN_IF_ERROR(
            CanonicalTime(c_, layout_, *time_column, row, file_row, &scratch_, &time_));
        f.time = Append(time_, &out->text);
      } else {
        f.time = Append(default_time_, &out->text);
      }
      f.digest = Append(
          std::string_view(digests_).substr(row * store::kInputDigestSize, store::kInputDigestSize),
          &out->text);
      f.has_features = c_.store_features;
      if (c_.store_features) {
        encoder.EncodeJson(row, &scratch_);
        f.features = Append(scratch_, &out->text);
      }
      f.has_output = output_column && output_column->IsValid(row);
      if (f.has_output)
        f.output = Append(store::CellText(*output_column, row, &scratch_), &out->text);
    }
    // Views last: appending may have moved the text.
    const std::string_view text = out->text;
    auto view = [&](const Field& field) { return text.substr(field.offset, field.size); };
    out->rows.reserve(rows);
    for (const Fields& f : fields_) {
      store::PredictionRowView row{view(f.id), view(f.time), view(f.digest), std::nullopt,
                                   std::nullopt};
      if (f.has_features) row.features_json = view(f.features);
      if (f.has_output) row.output = view(f.output);
      out->rows.push_back(row);
    }
    rows_read_ += rows;
    return Status::Ok();
  }

  const LogPredictionsOptions& c_;
  TableStream* stream_;
  store::StreamedDatasetFile* file_;
  std::string digest_;
  bool in_memory_;
  std::string default_time_;  // of every row when there is no time column
  Layout layout_;
  std::string digest_prefix_;  // of generated ids
  std::vector<std::string> feature_names_;
  size_t rows_read_ = 0;
  // Reused across chunks, so a chunk allocates nothing per row.
  std::vector<Fields> fields_;
  std::string digests_, scratch_, id_, time_;
};

// Inserts the file's rows: each chunk is read, profiled and encoded on a
// second thread while this one inserts the chunk before it, so reading and
// writing overlap on two cores and memory holds two chunks whatever the
// file's size.
Status WriteRows(const LogPredictionsOptions& c, ChunkEncoder* encoder, EncodedChunk first,
                 int64_t batch_id, store::PredictionWriter* writer, size_t* rows_written) {
  EncodedChunk current = std::move(first), next;
  while (!current.rows.empty()) {
    Status read_status;
    std::jthread ahead([&] { read_status = encoder->Next(&next); });
    store::RejectedPrediction rejected;
    Status added = writer->AddRows(current.rows, &rejected);
    ahead.join();
    if (!added.ok()) {
      const Layout& layout = encoder->layout();
      const size_t file_row = current.first_row + rejected.row;
      if (rejected.holding_batch == batch_id && layout.id) {
        // A duplicate within this file: found in this chunk (all the rows,
        // when they are in memory) or by a second pass over the file.
        const std::string_view id = current.rows[rejected.row].prediction_id;
        size_t earlier = 0;
        auto in_chunk = std::find_if(current.rows.begin(), current.rows.begin() + rejected.row,
                                     [&](const auto& row) { return row.prediction_id == id; });
        if (in_chunk != current.rows.begin() + rejected.row) {
          earlier = current.first_row + (in_chunk - current.rows.begin());
        } else {
          AIRM_ASSIGN_OR_RETURN(earlier, FirstRowWithId(c, id));
        }
        return Status::InvalidArgument(
            Where(c, layout, file_row, c.id_column) + ": duplicate prediction id '" +
            std::string(id) + "' (also " +
            (layout.in_memory ? "row " + std::to_string(earlier)
                              : "on line " + std::to_string(earlier + layout.line_offset)) +
            ")");
      }
      return Status(added.code(), RowPlace(c, layout, file_row) + ": " + added.message());
    }
    AIRM_RETURN_IF_ERROR(read_status);
    *rows_written += current.rows.size();
    std::swap(current, next);
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

namespace {

// Both entry points: the file c.file, streamed, or (in_memory not null) the
// rows of *in_memory with c.file naming them.
Result<LoggedPredictions> Log(const LogPredictionsOptions& c, std::optional<Table> in_memory) {
  AIRM_RETURN_IF_ERROR(c.Validate());
  RoleAssignment roles;
  if (!c.schema_file.empty()) {
    AIRM_ASSIGN_OR_RETURN(roles, LoadSchemaFile(c.schema_file));
  }
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(c.store));
  const auto clock_start = std::chrono::steady_clock::now();

  // Rows without a time column are logged now; a deployment is looked up at
  // the first prediction's time, found by a first pass over the time column.
  const std::string now = store::UtcNow();
  std::string earliest = now;
  if (!c.deployment_env.empty() && !c.time_column.empty()) {
    if (c.progress) c.progress("finding the first prediction's time in " + c.file);
    Layout lines;
    lines.line_offset = LineOffset(c.file);
    lines.in_memory = in_memory.has_value();
    AIRM_ASSIGN_OR_RETURN(earliest, EarliestTime(c, lines, in_memory ? &*in_memory : nullptr));
  }
  // Rows in memory are described once, before the transaction.
  std::optional<store::DatasetContent> described;
  if (in_memory) {
    AIRM_ASSIGN_OR_RETURN(described, store::DescribeDatasetTable(*in_memory));
  }

  const std::string logged_at = store::UtcNow();
  LoggedPredictions logged;
  // Everything is read inside the transaction, so a retried body reads the
  // file afresh, and an error anywhere leaves nothing written.
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
    // The batch first, as its rows refer to it; its input dataset version
    // and row count once the whole file has been read.
    batch.model_version_id = logged.model.id;
    if (logged.deployment) batch.deployment_id = logged.deployment->id;
    batch.source_path = c.file;
    batch.logged_by = store::CurrentUser();
    batch.logged_at = logged_at;
    AIRM_ASSIGN_OR_RETURN(logged.batch_id, store::CreatePredictionBatch(tx, batch));
    AIRM_ASSIGN_OR_RETURN(std::unique_ptr<store::PredictionWriter> writer,
                          store::PredictionWriter::Make(tx, logged.batch_id));

    std::optional<store::StreamedDatasetFile> file;
    std::unique_ptr<TableStream> stream;
    if (described) {
      // A copy: the encoder changes its chunk (roles), and a retried body (a
      // PostgreSQL serialization failure) logs the rows again.
      stream = std::make_unique<OneChunk>(*in_memory);
    } else {
      if (c.progress) c.progress("hashing " + c.file);
      AIRM_ASSIGN_OR_RETURN(file, store::StreamedDatasetFile::Begin(c.file));
      AIRM_ASSIGN_OR_RETURN(stream, TableStream::Open(c.file, c.read));
    }
    ChunkEncoder encoder(c, stream.get(), file ? &*file : nullptr,
                         described ? described->digest : file->digest(), described.has_value(),
                         now);
    EncodedChunk first;
    AIRM_RETURN_IF_ERROR(encoder.Start(roles, &first));
    logged.first_prediction_id = std::string(first.rows.front().prediction_id);
    if (c.progress) c.progress("reading, profiling and logging the predictions in " + c.file);
    AIRM_RETURN_IF_ERROR(
        WriteRows(c, &encoder, std::move(first), logged.batch_id, writer.get(), &logged.rows));

    store::NewDatasetVersion file_version;
    if (described) {
      file_version.content = *described;
    } else {
      AIRM_ASSIGN_OR_RETURN(file_version.content, file->Finish());
      file_version.path = c.file;
      file_version.abs_path = store::AbsolutePath(c.file);
    }
    file_version.registered_by = store::CurrentUser();
    file_version.name = c.name.empty() ? "predictions/" + logged.model.name : c.name;
    AIRM_ASSIGN_OR_RETURN(store::RegisteredDataset registered,
                          store::RegisterDatasetVersion(tx, file_version));
    logged.dataset = registered.version;
    AIRM_RETURN_IF_ERROR(store::CompletePredictionBatch(tx, logged.batch_id, logged.dataset.id,
                                                        static_cast<int64_t>(logged.rows)));

    const Layout& layout = encoder.layout();
    logged.id_column = layout.id ? std::optional(c.id_column) : std::nullopt;
    logged.time_column = layout.time ? std::optional(c.time_column) : std::nullopt;
    logged.output_column = layout.output_name;
    logged.feature_columns = encoder.feature_names();
    logged.generated_id_prefix = encoder.digest_prefix();
    return audit.Append(
        tx,
        {.action = "predictions.log",
         .subject = "model:" + logged.model.Ref(),
         .details = {{"batch", std::to_string(logged.batch_id)},
                     {"rows", std::to_string(logged.rows)},
                     {"file_digest", logged.dataset.digest},
                     {"environment", logged.deployment ? logged.deployment->environment : ""}}});
  }));
  AIRM_RETURN_IF_ERROR(audit.Finish());
  logged.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
  if (!logged.output_column) {
    logged.findings.push_back(
        MakeFinding(Severity::kInfo, "predictions.no_output_column", c.file,
                    "no output column (prediction/score); outputs are empty"));
  }
  return logged;
}

}  // namespace

Result<LoggedPredictions> LogPredictions(const LogPredictionsOptions& options) {
  return Log(options, std::nullopt);
}

Result<LoggedPredictions> LogPredictionTable(const LogPredictionsOptions& options,
                                             const std::string& name, Table table) {
  LogPredictionsOptions named = options;
  named.file = name;
  return Log(named, std::move(table));
}

}  // namespace airm::usecases
