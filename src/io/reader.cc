// ReadTable and TableStream over CSV and JSON Lines.
//
// CSV, whole file: (1) read an uncompressed file in windows of about 16 MiB
// and find split points about every 1 MiB in parallel (csv_splitter.h), the
// tokenizer enforcing the field limit; compressed input is read whole in
// 4 MiB blocks instead, the row scanner running over each so limits fail fast
// and split points are marked as the blocks arrive; (2) tokenize the pieces
// in parallel to infer types; (3) tokenize them again converting in parallel
// (table_builder.h). An uncompressed file does (2) and (3) in one pass with
// the types guessed from its first piece, and re-reads it window by window
// for (3) only if a later value contradicts the guess. Streaming reads blocks and
// scans like compressed input, per chunk of chunk_rows rows, keeping only that chunk and one block
// in memory. Errors are reported in file order.
#include "airm/reader.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <limits>
#include <optional>
#include <thread>
#include <unordered_map>
#ifdef __GLIBC__
#include <malloc.h>  // malloc_trim
#endif

#include "airm/parallel_for.h"
#include "byte_source.h"
#include "column_selection.h"
#include "csv_scanner.h"
#include "csv_splitter.h"
#include "csv_tokenizer.h"
#include "jsonl_parser.h"
#include "parquet/file_layout.h"
#include "parquet/parquet_reader.h"
#include "parse_error.h"
#include "sticky_error_stream.h"
#include "table_builder.h"

namespace airm {
namespace {

using io::ByteSource;
using io::FieldChunk;

constexpr std::size_t kBlockBytes = 4u << 20;
constexpr std::size_t kSplitBytes = 1u << 20;
// Whole-file CSV reads hold about this much of the file at a time.
constexpr std::size_t kWindowBytes = 16u << 20;
constexpr std::size_t kSniffBytes = 64u << 10;
// A stream chunk ends early, at a row end, once it holds this many bytes, so
// runs of blank lines or very wide rows cannot grow the buffer without bound.
constexpr std::size_t kSoftChunkBytes = 64u << 20;
constexpr std::size_t kNoLimit = std::numeric_limits<std::size_t>::max();

enum class Format { kCsv, kJsonLines };

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Format FormatFromPath(const std::string& path) {
  std::string name = path;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* suffix : {".gz", ".zst", ".zstd"}) {
    if (EndsWith(name, suffix)) {
      name.resize(name.size() - std::char_traits<char>::length(suffix));
      break;
    }
  }
  if (EndsWith(name, ".jsonl") || EndsWith(name, ".ndjson")) return Format::kJsonLines;
  return Format::kCsv;
}

std::size_t ResolveThreads(const ReadOptions& options) {
  if (options.num_threads != 0) return options.num_threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

std::size_t BomLength(std::string_view buffer) {
  return buffer.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

// Empty header names become "column_<index>"; duplicates are an error.
Status NormalizeHeader(const std::string& file, std::size_t line, std::vector<std::string>* names) {
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < names->size(); ++i) {
    std::string& name = (*names)[i];
    if (name.empty()) name = "column_" + std::to_string(i + 1);
    auto [it, inserted] = seen.emplace(name, i);
    if (!inserted) {
      return io::ParseErrorAt(file, line, i + 1, nullptr,
                              "duplicate column name '" + name + "' in the header (also column " +
                                  std::to_string(it->second + 1) + ")");
    }
  }
  return Status::Ok();
}

// Reading a CSV file up to the end of its header: the state a whole-file
// read and a stream share.
struct CsvStart {
  std::unique_ptr<ByteSource> source;
  io::ByteBuffer buffer;  // header bytes erased; holds what follows the header
  bool eof = false;
  char delimiter = ',';
  std::vector<std::string> names;
  std::unique_ptr<io::CsvRowScanner> scanner;
};

Result<std::size_t> ReadBlock(CsvStart& start) {
  AIRM_ASSIGN_OR_RETURN(std::size_t n,
                        io::AppendFromSource(*start.source, start.buffer, kBlockBytes));
  if (n == 0) start.eof = true;
  return n;
}

// Whole-file reads hold the decompressed input in memory; a stream does not,
// but a bomb would still keep it busy for hours: both are guarded.
io::ByteSourceOptions SourceOptions(const ReadOptions& options) {
  return {.max_decompression_ratio = options.max_decompression_ratio};
}

Status CheckColumnCount(const std::string& file, std::size_t line, std::size_t count,
                        const ReadOptions& options) {
  if (count <= options.max_columns) return Status::Ok();
  return io::ParseErrorAt(file, line, options.max_columns + 1, nullptr,
                          "the header has " + std::to_string(count) +
                              " columns, more than the limit of " +
                              std::to_string(options.max_columns) +
                              "; raise it with --max-columns (ReadOptions.max_columns)");
}

Result<std::unique_ptr<CsvStart>> OpenCsv(const std::string& path, const ReadOptions& options) {
  auto start = std::make_unique<CsvStart>();
  AIRM_ASSIGN_OR_RETURN(start->source, io::OpenByteSource(path, SourceOptions(options)));
  AIRM_RETURN_IF_ERROR(ReadBlock(*start).status());
  const std::size_t bom = BomLength(start->buffer.view());
  start->delimiter = options.delimiter != 0
                         ? options.delimiter
                         : io::DetectDelimiter(start->buffer.view().substr(bom, kSniffBytes));
  start->scanner =
      std::make_unique<io::CsvRowScanner>(path, start->delimiter, options.max_field_bytes);
  io::CsvRowScanner& scanner = *start->scanner;
  std::size_t pos = bom;
  while (true) {
    AIRM_ASSIGN_OR_RETURN(pos, scanner.Scan(start->buffer.view(), pos, 1));
    if (scanner.rows_ended() == 1) break;
    if (start->eof) {
      AIRM_RETURN_IF_ERROR(scanner.Finish(start->buffer.size()));
      break;
    }
    AIRM_RETURN_IF_ERROR(ReadBlock(*start).status());
  }
  if (scanner.rows_ended() == 0) {
    return Status::ParseError(path + ": empty file: expected a header row");
  }
  // The header starts on line 1 only if no blank lines precede it; find its
  // first line by skipping them as the tokenizer does.
  std::size_t header_line = 1;
  std::size_t header_begin = bom;
  while (header_begin < pos && (start->buffer[header_begin] == '\n' ||
                                (start->buffer[header_begin] == '\r' && header_begin + 1 < pos &&
                                 start->buffer[header_begin + 1] == '\n'))) {
    if (start->buffer[header_begin] == '\r') ++header_begin;
    ++header_begin;
    ++header_line;
  }
  io::TokenizeContext context{&path, start->delimiter, nullptr};
  AIRM_RETURN_IF_ERROR(
      io::TokenizeCsvHeader(start->buffer.view().substr(bom, pos - bom), context, &start->names));
  AIRM_RETURN_IF_ERROR(CheckColumnCount(path, header_line, start->names.size(), options));
  AIRM_RETURN_IF_ERROR(NormalizeHeader(path, header_line, &start->names));
  scanner.SetHeader(&start->names);
  start->buffer.ErasePrefix(pos);
  return start;
}

using Mark = io::CsvRowScanner::Mark;

// data[starts[i].offset, starts[i + 1].offset), the last range ending at `end`.
std::string_view CsvRange(std::string_view data, const std::vector<Mark>& starts, std::size_t end,
                          std::size_t i) {
  const std::size_t begin = starts[i].offset;
  const std::size_t stop = i + 1 < starts.size() ? starts[i + 1].offset : end;
  return data.substr(begin, stop - begin);
}

// Phase 1 of a CSV read: tokenizes the ranges of `data` in parallel, each
// into its own survey of types; appends one survey and one row count per
// range. The first error in file order wins, whatever the threads.
Status SurveyCsvRanges(std::string_view data, const std::vector<Mark>& starts, std::size_t end,
                       const io::TokenizeContext& context, const ReadOptions& options,
                       std::size_t threads, std::vector<io::SurveySink>* surveys,
                       std::vector<std::size_t>* rows) {
  const std::size_t n = starts.size();
  const std::size_t base = surveys->size();
  for (std::size_t i = 0; i < n; ++i) surveys->emplace_back(options, context.names->size());
  rows->resize(base + n);
  std::vector<Status> statuses(n);
  AIRM_RETURN_IF_ERROR(ParallelFor(n, static_cast<int>(threads), [&](std::size_t i) {
    std::deque<std::string> arena;
    statuses[i] = io::TokenizeCsv(CsvRange(data, starts, end, i), starts[i].line, context,
                                  &(*surveys)[base + i], &arena, &(*rows)[base + i]);
  }));
  for (Status& status : statuses) AIRM_RETURN_IF_ERROR(std::move(status));
  return Status::Ok();
}

// Phase 2: tokenizes the same ranges again, converting them straight into
// the columns as chunks first_chunk.. of `assembler`.
Status ConvertCsvRanges(std::string_view data, const std::vector<Mark>& starts, std::size_t end,
                        const io::TokenizeContext& context, std::size_t threads,
                        const std::vector<std::size_t>& rows, std::size_t first_chunk,
                        io::TableAssembler* assembler) {
  const std::size_t n = starts.size();
  std::vector<Status> statuses(n);
  std::vector<std::size_t> counts(n);
  AIRM_RETURN_IF_ERROR(ParallelFor(n, static_cast<int>(threads), [&](std::size_t i) {
    std::deque<std::string> arena;
    std::unique_ptr<io::FieldSink> sink = assembler->Converter(first_chunk + i);
    statuses[i] = io::TokenizeCsv(CsvRange(data, starts, end, i), starts[i].line, context,
                                  sink.get(), &arena, &counts[i]);
  }));
  for (Status& status : statuses) AIRM_RETURN_IF_ERROR(std::move(status));
  for (std::size_t i = 0; i < n; ++i) {
    if (counts[i] != rows[first_chunk + i] || assembler->InputChanged()) {
      return Status::IoError(*context.file +
                             ": the file changed while it was read (its rows differ between the "
                             "two passes of the reader)");
    }
  }
  return Status::Ok();
}

// The one pass of a whole-file read: tokenizes the ranges of `data` in
// parallel, each once, into an appender of `assembler` that surveys and
// converts it; appends one survey and one row count per range, like
// SurveyCsvRanges. The rows go to `assembler` in file order, unless a range
// met a value its guessed type rejects: then *contradicted is set and none
// of them do. The first error in file order wins, whatever the threads.
Status SurveyAndConvertCsvRanges(std::string_view data, const std::vector<Mark>& starts,
                                 std::size_t end, const io::TokenizeContext& context,
                                 std::size_t threads, io::TableAssembler* assembler,
                                 std::vector<io::SurveySink>* surveys,
                                 std::vector<std::size_t>* rows, bool* contradicted) {
  const std::size_t n = starts.size();
  std::vector<std::unique_ptr<io::FieldSink>> appenders(n);
  for (auto& appender : appenders) appender = assembler->NewAppender();
  std::vector<Status> statuses(n);
  std::vector<std::size_t> counts(n);
  AIRM_RETURN_IF_ERROR(ParallelFor(n, static_cast<int>(threads), [&](std::size_t i) {
    std::deque<std::string> arena;
    statuses[i] = io::TokenizeCsv(CsvRange(data, starts, end, i), starts[i].line, context,
                                  appenders[i].get(), &arena, &counts[i]);
  }));
  for (Status& status : statuses) AIRM_RETURN_IF_ERROR(std::move(status));
  *contradicted = false;
  for (std::size_t i = 0; i < n; ++i) {
    surveys->push_back(io::TableAssembler::TakeSurvey(*appenders[i]));
    rows->push_back(counts[i]);
    *contradicted = *contradicted || io::TableAssembler::Contradicted(*appenders[i]);
  }
  if (*contradicted) return Status::Ok();
  for (auto& appender : appenders) {
    assembler->Append(*appender);
    appender.reset();
  }
  return Status::Ok();
}

// The one-pass assembler of a whole-file read, its types guessed from the
// first range of the first window (`data`), its reservation sized from that
// range's bytes per row and the `data_bytes` to read.
Result<std::unique_ptr<io::TableAssembler>> GuessFromSample(
    std::string_view data, const std::vector<Mark>& starts, std::size_t end,
    const io::TokenizeContext& context, const ReadOptions& options, std::uint64_t data_bytes,
    std::size_t threads) {
  std::vector<io::SurveySink> sample;
  std::vector<std::size_t> sample_rows;
  const std::vector<Mark> first{starts[0]};
  const std::size_t sample_end = starts.size() > 1 ? starts[1].offset : end;
  AIRM_RETURN_IF_ERROR(
      SurveyCsvRanges(data, first, sample_end, context, options, 1, &sample, &sample_rows));
  const std::size_t sample_bytes = std::max<std::size_t>(1, sample_end - starts[0].offset);
  const auto expected_rows = static_cast<std::size_t>(1.05 * static_cast<double>(sample_rows[0]) *
                                                          static_cast<double>(data_bytes) /
                                                          static_cast<double>(sample_bytes) +
                                                      1024);
  return std::make_unique<io::TableAssembler>(*context.names, options,
                                              std::vector<const io::SurveySink*>{&sample[0]},
                                              expected_rows, threads);
}

Status NoDataRows(const std::string& file) {
  return Status::ParseError(file + ": no data rows: the file has a header but no rows");
}

// Phase 2's column storage, once the surveys of every range are in.
// Only blank lines after the header are an error here (callers that scanned
// first know it earlier).
Result<std::unique_ptr<io::TableAssembler>> MakeAssembler(
    const io::TokenizeContext& context, const ReadOptions& options,
    std::vector<io::ColumnTypeState>* sticky, const std::vector<io::SurveySink>& surveys,
    const std::vector<std::size_t>& rows, std::size_t threads) {
  std::size_t total_rows = 0;
  for (std::size_t count : rows) total_rows += count;
  if (total_rows == 0) return NoDataRows(*context.file);
  std::vector<const io::SurveySink*> survey_ptrs;
  for (const io::SurveySink& survey : surveys) survey_ptrs.push_back(&survey);
  return std::make_unique<io::TableAssembler>(*context.names, options, sticky, rows, survey_ptrs,
                                              threads);
}

// Parses data[ranges] in parallel in two passes over the bytes: tokenize to
// survey types, then tokenize again converting straight into the columns.
// Re-tokenizing is cheaper than storing every field's view in between (16
// bytes per field, more than most numeric fields themselves).
Result<Table> ParseCsvRanges(std::string_view data, const std::vector<Mark>& starts,
                             std::size_t end, const io::TokenizeContext& context,
                             const ReadOptions& options, std::size_t threads,
                             std::vector<io::ColumnTypeState>* sticky) {
  std::vector<io::SurveySink> surveys;
  std::vector<std::size_t> rows;
  AIRM_RETURN_IF_ERROR(
      SurveyCsvRanges(data, starts, end, context, options, threads, &surveys, &rows));
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<io::TableAssembler> assembler,
                        MakeAssembler(context, options, sticky, surveys, rows, threads));
  AIRM_RETURN_IF_ERROR(
      ConvertCsvRanges(data, starts, end, context, threads, rows, 0, assembler.get()));
  return assembler->Finish();
}

// Reads input[offset, offset + count) into `buffer` (replacing its content),
// in pieces on `threads` threads with pread.
Status ReadFileRange(const InputFile& input, std::uint64_t offset, std::size_t count,
                     std::size_t threads, io::ByteBuffer* buffer) {
  buffer->ErasePrefix(buffer->size());
  char* out = buffer->Extend(count);
  const std::size_t pieces = std::max<std::size_t>(1, std::min(threads, count / kSplitBytes));
  const std::size_t piece = (count + pieces - 1) / pieces;
  std::vector<Status> statuses(pieces);
  AIRM_RETURN_IF_ERROR(ParallelFor(pieces, static_cast<int>(threads), [&](std::size_t i) {
    const std::size_t begin = i * piece;
    statuses[i] = input.ReadAt(out + begin, std::min(piece, count - begin), offset + begin);
  }));
  for (Status& status : statuses) AIRM_RETURN_IF_ERROR(std::move(status));
  return Status::Ok();
}

Result<Table> FinishAndTrim(std::unique_ptr<io::TableAssembler> assembler) {
  Result<Table> table = assembler->Finish();
  assembler.reset();
#ifdef __GLIBC__
  // The per-cell validity bytes, surveys and windows just freed lie between
  // the table's columns in the heap, where glibc keeps them mapped; hand them
  // back so the next read (drift's second file) starts from the table alone.
  malloc_trim(0);
#endif
  return table;
}

// A whole-file read of an uncompressed regular file, holding a window of the
// file rather than all of it (the parsed table is the memory that remains):
// (1) read windows of about kWindowBytes in turn, split each at row starts
// (csv_splitter.h; the partial row at its end begins the next window) and
// tokenize its ranges once each, surveying their types and converting them
// to the types the survey of the first range guessed (TableAssembler's one
// pass); (2) only if the survey of the whole file picks other types (a late
// value contradicted the guess; conversion stops there, the survey goes on),
// read the same ranges again, a window at a time, converting them into the
// columns of the right types, as a two-pass read would. Either way the
// table is the same bit for bit. Errors come in file order: every byte is
// tokenized in (1) in order.
Result<Table> ReadCsvInWindows(CsvStart& start, InputFile& input,
                               const io::TokenizeContext& context, const ReadOptions& options,
                               std::size_t threads, std::size_t data_line) {
  const std::uint64_t size = input.Size();
  // The header's block was read already; the data starts where it ended.
  const std::uint64_t data_begin = input.position() - start.buffer.size();
  const std::size_t window_bytes = std::max(kWindowBytes, threads * 2 * kSplitBytes);
  io::ByteBuffer& buffer = start.buffer;
  std::vector<Mark> pieces;  // absolute offsets
  std::vector<std::size_t> piece_ends;
  std::vector<io::SurveySink> surveys;
  std::vector<std::size_t> rows;
  std::unique_ptr<io::TableAssembler> one_pass;  // null once its guess failed
  std::uint64_t pos = data_begin;
  std::size_t line = data_line;
  std::size_t window = window_bytes;
  const std::size_t long_row_bytes =
      context.names->size() * (2 * std::min<std::size_t>(options.max_field_bytes, 1u << 30) + 3);
  while (pos < size) {
    const auto count = static_cast<std::size_t>(std::min<std::uint64_t>(window, size - pos));
    AIRM_RETURN_IF_ERROR(ReadFileRange(input, pos, count, threads, &buffer));
    const bool last = pos + count == size;
    AIRM_ASSIGN_OR_RETURN(std::vector<Mark> starts,
                          io::FindRowStarts(buffer.view(), line, kSplitBytes, threads));
    std::size_t end = count;
    if (!last) {
      if (starts.size() < 2) {
        // A row longer than the window. Past long_row_bytes one of its at
        // most names.size() fields must be too long (a quoted one counts
        // its doubled quotes once), so tokenizing the window reports it, or
        // an earlier error, in file order; else widen the window.
        if (count >= long_row_bytes) {
          std::vector<io::SurveySink> scratch_surveys;
          std::vector<std::size_t> scratch_rows;
          AIRM_RETURN_IF_ERROR(SurveyCsvRanges(buffer.view(), starts, count, context, options, 1,
                                               &scratch_surveys, &scratch_rows));
        }
        window *= 2;
        continue;
      }
      end = starts.back().offset;
      line = starts.back().line;
      starts.pop_back();
    }
    if (pos == data_begin) {
      AIRM_ASSIGN_OR_RETURN(one_pass, GuessFromSample(buffer.view(), starts, end, context, options,
                                                      size - data_begin, threads));
    }
    if (one_pass != nullptr) {
      bool contradicted = false;
      AIRM_RETURN_IF_ERROR(SurveyAndConvertCsvRanges(buffer.view(), starts, end, context, threads,
                                                     one_pass.get(), &surveys, &rows,
                                                     &contradicted));
      // The guess was wrong: survey the rest, then convert it all again.
      if (contradicted) one_pass.reset();
    } else {
      AIRM_RETURN_IF_ERROR(
          SurveyCsvRanges(buffer.view(), starts, end, context, options, threads, &surveys, &rows));
    }
    for (std::size_t i = 0; i < starts.size(); ++i) {
      pieces.push_back({pos + starts[i].offset, starts[i].line});
      piece_ends.push_back(pos + (i + 1 < starts.size() ? starts[i + 1].offset : end));
    }
    pos += end;
    window = window_bytes;
  }
  if (one_pass != nullptr && one_pass->KindsHold(surveys)) {
    buffer = io::ByteBuffer();
    if (std::all_of(rows.begin(), rows.end(), [](std::size_t n) { return n == 0; })) {
      return NoDataRows(*context.file);
    }
    return FinishAndTrim(std::move(one_pass));
  }
  // A late value changed a type the sample had guessed (or no guess): the
  // surveys are complete, so this is the second pass of a two-pass read.
  one_pass.reset();
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<io::TableAssembler> assembler,
                        MakeAssembler(context, options, nullptr, surveys, rows, threads));
  for (std::size_t first = 0; first < pieces.size();) {
    const std::uint64_t begin = pieces[first].offset;
    std::size_t stop = first + 1;
    while (stop < pieces.size() && piece_ends[stop] - begin <= window_bytes) ++stop;
    std::vector<Mark> starts;
    for (std::size_t i = first; i < stop; ++i) {
      starts.push_back({static_cast<std::size_t>(pieces[i].offset - begin), pieces[i].line});
    }
    const auto count = static_cast<std::size_t>(piece_ends[stop - 1] - begin);
    AIRM_RETURN_IF_ERROR(ReadFileRange(input, begin, count, threads, &buffer));
    AIRM_RETURN_IF_ERROR(ConvertCsvRanges(buffer.view(), starts, count, context, threads, rows,
                                          first, assembler.get()));
    first = stop;
  }
  buffer = io::ByteBuffer();
  return FinishAndTrim(std::move(assembler));
}

Result<Table> ReadCsv(const std::string& path, const ReadOptions& options) {
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<CsvStart> start, OpenCsv(path, options));
  io::CsvRowScanner& scanner = *start->scanner;
  const std::size_t data_line = scanner.line();
  const std::size_t threads = ResolveThreads(options);
  io::TokenizeContext context{&path, start->delimiter, &start->names};
  InputFile* input = start->source->PlainInput();
  if (!start->eof && input != nullptr && input->regular() && input->Size() > input->position()) {
    // No sequential scan: split points are found in parallel, and the field
    // limit the scanner would enforce is checked by the tokenizer (a window
    // grows to hold a long row, so the limit bounds time, not memory). Reading
    // rather than mapping costs a copy but makes a file truncated by another
    // process meanwhile an input error instead of SIGBUS.
    context.max_field_bytes = options.max_field_bytes;
    return ReadCsvInWindows(*start, *input, context, options, threads, data_line);
  }
  // Compressed input (or a file that cannot be mapped): read it block by
  // block, scanning each for row starts as it arrives.
  // One allocation for the whole file avoids copying it on every growth.
  start->buffer.Reserve(start->source->SizeHint() + kBlockBytes);
  scanner.SetMarkInterval(kSplitBytes, 0);
  std::size_t pos = 0;
  while (true) {
    AIRM_ASSIGN_OR_RETURN(pos, scanner.Scan(start->buffer.view(), pos, kNoLimit));
    if (start->eof) break;
    AIRM_RETURN_IF_ERROR(ReadBlock(*start).status());
  }
  const std::string_view data = start->buffer.view();
  AIRM_RETURN_IF_ERROR(scanner.Finish(data.size()));
  if (scanner.rows_ended() <= 1) {
    return NoDataRows(path);
  }
  std::vector<io::CsvRowScanner::Mark> starts{{0, data_line}};
  for (const auto& mark : scanner.marks()) {
    if (mark.offset < data.size()) starts.push_back(mark);
  }
  return ParseCsvRanges(data, starts, data.size(), context, options, threads, nullptr);
}

class CsvStream : public io::StickyErrorStream {
 public:
  CsvStream(std::string path, ReadOptions options, std::unique_ptr<CsvStart> start)
      : path_(std::move(path)),
        options_(std::move(options)),
        start_(std::move(start)),
        sticky_(start_->names.size()),
        chunk_line_(start_->scanner->line()) {}

 private:
  Result<std::optional<Table>> ReadChunk() override {
    if (done_) return std::optional<Table>();
    io::CsvRowScanner& scanner = *start_->scanner;
    scanner.marks().clear();
    scanner.SetMarkInterval(kSplitBytes, 0);
    const std::size_t rows_before = scanner.rows_ended();
    while (true) {
      const std::size_t wanted = options_.chunk_rows - (scanner.rows_ended() - rows_before);
      AIRM_ASSIGN_OR_RETURN(scan_pos_, scanner.Scan(start_->buffer.view(), scan_pos_, wanted));
      const std::size_t rows_now = scanner.rows_ended() - rows_before;
      if (rows_now == options_.chunk_rows) break;
      if (!scanner.row_pending()) {
        if (rows_now == 0) {
          // Only blank lines so far: drop them instead of buffering them.
          start_->buffer.ErasePrefix(scan_pos_);
          scan_pos_ = 0;
          chunk_line_ = scanner.line();
        } else if (scan_pos_ >= kSoftChunkBytes) {
          break;
        }
      }
      if (start_->eof) {
        AIRM_RETURN_IF_ERROR(scanner.Finish(start_->buffer.size()));
        done_ = true;
        scan_pos_ = start_->buffer.size();
        break;
      }
      AIRM_RETURN_IF_ERROR(ReadBlock(*start_).status());
    }
    const std::size_t rows = scanner.rows_ended() - rows_before;
    if (rows == 0) {
      done_ = true;
      if (first_chunk_) {
        return Status::ParseError(path_ + ": no data rows: the file has a header but no rows");
      }
      return std::optional<Table>();
    }
    first_chunk_ = false;
    const std::size_t end = scan_pos_;
    std::vector<io::CsvRowScanner::Mark> starts{{0, chunk_line_}};
    for (const auto& mark : scanner.marks()) {
      if (mark.offset < end) starts.push_back(mark);
    }
    chunk_line_ = scanner.line();
    const std::size_t threads = ResolveThreads(options_);
    io::TokenizeContext context{&path_, start_->delimiter, &start_->names};
    AIRM_ASSIGN_OR_RETURN(Table table, ParseCsvRanges(start_->buffer.view().substr(0, end), starts,
                                                      end, context, options_, threads, &sticky_));
    start_->buffer.ErasePrefix(end);
    scan_pos_ = 0;
    return std::optional<Table>(std::move(table));
  }

  std::string path_;
  ReadOptions options_;
  std::unique_ptr<CsvStart> start_;
  std::vector<io::ColumnTypeState> sticky_;
  std::size_t chunk_line_;
  std::size_t scan_pos_ = 0;
  bool done_ = false;
  bool first_chunk_ = true;
};

// JSON Lines: reads until `max_lines` non-blank lines are complete or the
// input ends, marking split points every kSplitBytes. Lines are bounded by
// max_field_bytes while reading, so a hostile line fails fast.
struct JsonReadState {
  std::unique_ptr<ByteSource> source;
  io::ByteBuffer buffer;
  bool eof = false;
  std::size_t scan_pos = 0;
  std::size_t line_start = 0;  // offset where the current line began
  std::size_t line = 1;        // physical line at scan_pos
  bool line_has_content = false;
};

Result<std::size_t> ScanJsonLines(const std::string& path, JsonReadState& state,
                                  const ReadOptions& options, std::size_t max_lines, bool streaming,
                                  std::vector<io::CsvRowScanner::Mark>* marks) {
  std::size_t lines = 0;
  std::size_t last_mark = 0;
  while (true) {
    const io::ByteBuffer& b = state.buffer;
    while (state.scan_pos < b.size()) {
      const char c = b[state.scan_pos++];
      if (c == '\n') {
        ++state.line;
        state.line_start = state.scan_pos;
        if (state.line_has_content) {
          ++lines;
          if (state.scan_pos - last_mark >= kSplitBytes) {
            marks->push_back({state.scan_pos, state.line});
            last_mark = state.scan_pos;
          }
        }
        state.line_has_content = false;
        if (lines == max_lines) return lines;
        if (streaming && state.scan_pos >= kSoftChunkBytes) {
          if (lines > 0) return lines;
          // Only blank lines so far: drop them instead of buffering them.
          state.buffer.ErasePrefix(state.scan_pos);
          state.scan_pos = 0;
          state.line_start = 0;
          (*marks)[0] = {0, state.line};
        }
      } else if (c != ' ' && c != '\t' && c != '\r') {
        state.line_has_content = true;
      }
    }
    if (state.scan_pos - state.line_start > options.max_field_bytes) {
      return io::ParseErrorAt(path, state.line, 0, nullptr,
                              "line longer than max_field_bytes (" +
                                  std::to_string(options.max_field_bytes) + " bytes)");
    }
    if (state.eof) {
      if (state.line_has_content) ++lines;
      state.line_has_content = false;
      return lines;
    }
    AIRM_ASSIGN_OR_RETURN(std::size_t n,
                          io::AppendFromSource(*state.source, state.buffer, kBlockBytes));
    if (n == 0) state.eof = true;
  }
}

// Rows x columns minus the values present: the null cells a dense table
// would store for keys that rows lack.
Status CheckMissingCells(const std::string& path, const std::vector<std::string>& names,
                         const std::vector<FieldChunk>& chunks, const ReadOptions& options,
                         bool streaming) {
  std::size_t rows = 0;
  std::size_t present = 0;
  for (const FieldChunk& chunk : chunks) {
    rows += chunk.num_rows;
    for (const auto& row : chunk.rows) present += row.size();
  }
  const std::size_t cells = rows * names.size();
  if (cells - present <= options.max_missing_cells) return Status::Ok();
  return Status::ParseError(
      path + ": " + std::to_string(rows) + " rows x " + std::to_string(names.size()) +
      " distinct keys leave " + std::to_string(cells - present) +
      " cells without a value, more than the limit of " +
      std::to_string(options.max_missing_cells) +
      " (ReadOptions.max_missing_cells): rows name too few of the file's keys for a table" +
      (streaming ? "; a smaller --chunk-rows lowers the count per chunk" : ""));
}

Status ParseJsonRanges(const std::string& path, std::string_view data,
                       const std::vector<io::CsvRowScanner::Mark>& starts,
                       const ReadOptions& options, std::size_t threads,
                       std::vector<io::JsonChunk>* parsed) {
  parsed->assign(starts.size(), io::JsonChunk());
  std::vector<Status> statuses(starts.size());
  AIRM_RETURN_IF_ERROR(ParallelFor(starts.size(), static_cast<int>(threads), [&](std::size_t i) {
    const std::size_t begin = starts[i].offset;
    const std::size_t stop = i + 1 < starts.size() ? starts[i + 1].offset : data.size();
    statuses[i] = io::ParseJsonLines(data.substr(begin, stop - begin), starts[i].line, path,
                                     options.max_field_bytes, options.max_columns, &(*parsed)[i]);
  }));
  for (Status& status : statuses) {
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Result<Table> ReadJsonLines(const std::string& path, const ReadOptions& options) {
  JsonReadState state;
  AIRM_ASSIGN_OR_RETURN(state.source, io::OpenByteSource(path, SourceOptions(options)));
  state.buffer.Reserve(state.source->SizeHint() + kBlockBytes);
  std::vector<io::CsvRowScanner::Mark> starts{{0, 1}};
  AIRM_ASSIGN_OR_RETURN(std::size_t lines, ScanJsonLines(path, state, options, kNoLimit,
                                                         /*streaming=*/false, &starts));
  if (lines == 0) return Status::ParseError(path + ": empty file: no JSON objects");
  const std::size_t threads = ResolveThreads(options);
  std::vector<io::JsonChunk> parsed;
  AIRM_RETURN_IF_ERROR(
      ParseJsonRanges(path, state.buffer.view(), starts, options, threads, &parsed));
  std::vector<std::string> names;
  std::vector<FieldChunk> chunks;
  AIRM_RETURN_IF_ERROR(
      io::AssembleJsonChunks(parsed, path, /*extend=*/true, options.max_columns, &names, &chunks));
  AIRM_RETURN_IF_ERROR(CheckMissingCells(path, names, chunks, options, /*streaming=*/false));
  return io::BuildTable(names, chunks, options, threads, nullptr);
}

// Reads and parses the next chunk_rows lines of a JSON Lines stream into
// `chunks` over the columns `names` (grown by new keys when `extend`);
// false at the end of input.
Result<bool> ReadJsonChunk(const std::string& path, const ReadOptions& options,
                           JsonReadState& state, bool extend, std::vector<std::string>* names,
                           std::vector<FieldChunk>* chunks) {
  std::vector<io::CsvRowScanner::Mark> starts{{0, state.line}};
  AIRM_ASSIGN_OR_RETURN(std::size_t lines, ScanJsonLines(path, state, options, options.chunk_rows,
                                                         /*streaming=*/true, &starts));
  if (lines == 0) return false;
  const std::size_t end = state.scan_pos;
  std::vector<io::CsvRowScanner::Mark> ranges;
  for (const auto& mark : starts) {
    if (mark.offset < end) ranges.push_back(mark);
  }
  std::vector<io::JsonChunk> parsed;
  AIRM_RETURN_IF_ERROR(ParseJsonRanges(path, state.buffer.view().substr(0, end), ranges, options,
                                       ResolveThreads(options), &parsed));
  AIRM_RETURN_IF_ERROR(
      io::AssembleJsonChunks(parsed, path, extend, options.max_columns, names, chunks));
  return true;
}

// Drops the bytes of the chunk just read; REQUIRES: its views are dead.
void ConsumeJsonChunk(JsonReadState& state) {
  const std::size_t end = state.scan_pos;
  state.buffer.ErasePrefix(end);
  state.scan_pos -= end;
  state.line_start -= std::min(state.line_start, end);
}

// Every chunk of a stream must have the same columns, and a key may first
// appear on the last line; so Open reads the file once for its keys (a
// first pass that parses but keeps no values) before the stream starts.
Result<std::vector<std::string>> ScanJsonKeys(const std::string& path, const ReadOptions& options) {
  JsonReadState state;
  AIRM_ASSIGN_OR_RETURN(state.source, io::OpenByteSource(path, SourceOptions(options)));
  std::vector<std::string> names;
  bool any_line = false;
  while (true) {
    std::vector<FieldChunk> chunks;
    AIRM_ASSIGN_OR_RETURN(bool more,
                          ReadJsonChunk(path, options, state, /*extend=*/true, &names, &chunks));
    if (!more) break;
    any_line = true;
    ConsumeJsonChunk(state);
  }
  if (!any_line) {
    return Status::ParseError(path + ": empty file: no JSON objects");
  }
  return names;
}

class JsonStream : public io::StickyErrorStream {
 public:
  JsonStream(std::string path, ReadOptions options, JsonReadState state,
             std::vector<std::string> names)
      : path_(std::move(path)),
        options_(std::move(options)),
        state_(std::move(state)),
        names_(std::move(names)),
        sticky_(names_.size()) {}

 private:
  Result<std::optional<Table>> ReadChunk() override {
    if (done_) return std::optional<Table>();
    std::vector<FieldChunk> chunks;
    AIRM_ASSIGN_OR_RETURN(
        bool more, ReadJsonChunk(path_, options_, state_, /*extend=*/false, &names_, &chunks));
    if (!more) {
      done_ = true;
      if (first_chunk_) return Status::ParseError(path_ + ": empty file: no JSON objects");
      return std::optional<Table>();
    }
    first_chunk_ = false;
    AIRM_RETURN_IF_ERROR(CheckMissingCells(path_, names_, chunks, options_, /*streaming=*/true));
    AIRM_ASSIGN_OR_RETURN(
        Table table, io::BuildTable(names_, chunks, options_, ResolveThreads(options_), &sticky_));
    chunks.clear();
    ConsumeJsonChunk(state_);
    return std::optional<Table>(std::move(table));
  }

  std::string path_;
  ReadOptions options_;
  JsonReadState state_;
  std::vector<std::string> names_;
  std::vector<io::ColumnTypeState> sticky_;
  bool done_ = false;
  bool first_chunk_ = true;
};

// A CSV or JSON Lines stream keeping only ReadOptions::columns of each chunk
// (the names were checked against the file's when it was opened).
class SelectingStream : public io::StickyErrorStream {
 public:
  SelectingStream(std::string path, ReadOptions options, std::unique_ptr<TableStream> inner)
      : path_(std::move(path)), options_(std::move(options)), inner_(std::move(inner)) {}

 private:
  Result<std::optional<Table>> ReadChunk() override {
    AIRM_ASSIGN_OR_RETURN(std::optional<Table> chunk, inner_->Next());
    if (!chunk) return chunk;
    AIRM_ASSIGN_OR_RETURN(Table kept, io::KeepSelectedColumns(path_, std::move(*chunk), options_));
    return std::optional<Table>(std::move(kept));
  }

  std::string path_;
  ReadOptions options_;
  std::unique_ptr<TableStream> inner_;
};

// `stream` as is, or wrapped to keep only the selected columns of `names`.
Result<std::unique_ptr<TableStream>> Select(const std::string& path, const ReadOptions& options,
                                            const std::vector<std::string>& names,
                                            std::unique_ptr<TableStream> stream) {
  if (!io::SelectsColumns(options)) return stream;
  AIRM_RETURN_IF_ERROR(io::SelectColumns(path, names, options).status());
  return std::unique_ptr<TableStream>(
      std::make_unique<SelectingStream>(path, options, std::move(stream)));
}

}  // namespace

Result<Table> ReadTable(const std::string& path, const ReadOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(bool parquet, io::parquet::StartsWithParquetMagic(path));
  if (parquet) return io::parquet::ReadParquetTable(path, options);
  Result<Table> table = FormatFromPath(path) == Format::kJsonLines ? ReadJsonLines(path, options)
                                                                   : ReadCsv(path, options);
  if (!table.ok()) return table;
  return io::KeepSelectedColumns(path, std::move(*table), options);
}

Result<Table> SelectTableColumns(const std::string& source, Table table,
                                 const ReadOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  return io::KeepSelectedColumns(source, std::move(table), options);
}

Result<std::unique_ptr<TableStream>> TableStream::Open(const std::string& path,
                                                       const ReadOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(bool parquet, io::parquet::StartsWithParquetMagic(path));
  if (parquet) return io::parquet::OpenParquetStream(path, options);
  if (FormatFromPath(path) == Format::kJsonLines) {
    AIRM_ASSIGN_OR_RETURN(std::vector<std::string> names, ScanJsonKeys(path, options));
    JsonReadState state;
    AIRM_ASSIGN_OR_RETURN(state.source, io::OpenByteSource(path, SourceOptions(options)));
    std::vector<std::string> kept_names = names;
    return Select(path, options, kept_names,
                  std::make_unique<JsonStream>(path, options, std::move(state), std::move(names)));
  }
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<CsvStart> start, OpenCsv(path, options));
  const std::vector<std::string> names = start->names;
  return Select(path, options, names, std::make_unique<CsvStream>(path, options, std::move(start)));
}

}  // namespace airm
