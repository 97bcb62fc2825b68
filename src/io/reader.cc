// ReadTable and TableStream over CSV and JSON Lines.
//
// CSV, whole file: (1) map an uncompressed file and find split points about
// every 1 MiB in parallel (csv_splitter.h), the tokenizer enforcing the field
// limit; compressed input is read in 4 MiB blocks instead, the row scanner
// running over each so limits fail fast and split points are marked as the
// blocks arrive; (2) tokenize the pieces in parallel; (3) infer types and
// convert in parallel (table_builder.h). Streaming reads blocks and scans
// like compressed input, per chunk of chunk_rows rows, keeping only that
// chunk and one block in memory. Errors are reported in file order.
#include "airm/reader.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <limits>
#include <optional>
#include <thread>
#include <unordered_map>

#include "byte_source.h"
#include "csv_scanner.h"
#include "csv_splitter.h"
#include "csv_tokenizer.h"
#include "jsonl_parser.h"
#include "parallel_for.h"
#include "parse_error.h"
#include "table_builder.h"

namespace airm {
namespace {

using io::ByteSource;
using io::FieldChunk;

constexpr std::size_t kBlockBytes = 4u << 20;
constexpr std::size_t kSplitBytes = 1u << 20;
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

// Parses data[ranges] in parallel in two passes over the bytes: tokenize to
// survey types, then tokenize again converting straight into the columns.
// Re-tokenizing is cheaper than storing every field's view in between (16
// bytes per field, more than most numeric fields themselves). The first
// error in file order wins, whatever the threads.
Result<Table> ParseCsvRanges(std::string_view data,
                             const std::vector<io::CsvRowScanner::Mark>& starts, std::size_t end,
                             const io::TokenizeContext& context, const ReadOptions& options,
                             std::size_t threads, std::vector<io::ColumnTypeState>* sticky) {
  const std::size_t n = starts.size();
  const std::vector<std::string>& names = *context.names;
  auto range = [&](std::size_t i) {
    const std::size_t begin = starts[i].offset;
    const std::size_t stop = i + 1 < n ? starts[i + 1].offset : end;
    return data.substr(begin, stop - begin);
  };
  std::vector<io::SurveySink> surveys(n, io::SurveySink(options, names.size()));
  std::vector<std::size_t> rows(n);
  std::vector<Status> statuses(n);
  io::ParallelFor(n, threads, [&](std::size_t i) {
    std::deque<std::string> arena;
    statuses[i] = io::TokenizeCsv(range(i), starts[i].line, context, &surveys[i], &arena, &rows[i]);
  });
  for (Status& status : statuses) {
    if (!status.ok()) return status;
  }
  std::size_t total_rows = 0;
  for (std::size_t count : rows) total_rows += count;
  if (total_rows == 0) {
    // Only blank lines after the header (callers that scanned first know it
    // earlier).
    return Status::ParseError(*context.file + ": no data rows: the file has a header but no rows");
  }
  std::vector<const io::SurveySink*> survey_ptrs;
  for (const io::SurveySink& survey : surveys) survey_ptrs.push_back(&survey);
  io::TableAssembler assembler(names, options, sticky, rows, survey_ptrs, threads);
  std::vector<std::deque<std::string>> arenas(n);  // must outlive Finish
  io::ParallelFor(n, threads, [&](std::size_t i) {
    std::unique_ptr<io::FieldSink> sink = assembler.Converter(i);
    std::size_t count = 0;
    statuses[i] =
        io::TokenizeCsv(range(i), starts[i].line, context, sink.get(), &arenas[i], &count);
  });
  for (Status& status : statuses) {
    if (!status.ok()) return status;
  }
  return assembler.Finish();
}

// Reads the rest of an uncompressed regular file into start.buffer, in
// pieces on `threads` threads with pread. Reading rather than mapping costs a
// copy but makes a file truncated by another process meanwhile an input
// error instead of SIGBUS. Returns false when the input is not such a file.
Result<bool> ReadRestOfFile(CsvStart& start, std::size_t threads) {
  InputFile* input = start.source->PlainInput();
  if (input == nullptr || !input->regular()) return false;
  const std::uint64_t size = input->Size();
  const std::uint64_t offset = input->position();
  if (size <= offset) return false;
  const auto rest = static_cast<std::size_t>(size - offset);
  char* out = start.buffer.Extend(rest);
  const std::size_t pieces = std::max<std::size_t>(1, std::min(threads, rest / kSplitBytes));
  const std::size_t piece = (rest + pieces - 1) / pieces;
  std::vector<Status> statuses(pieces);
  io::ParallelFor(pieces, threads, [&](std::size_t i) {
    const std::size_t begin = i * piece;
    const std::size_t count = std::min(piece, rest - begin);
    statuses[i] = input->ReadAt(out + begin, count, offset + begin);
  });
  for (Status& status : statuses) AIRM_RETURN_IF_ERROR(std::move(status));
  start.eof = true;
  return true;
}

Result<Table> ReadCsv(const std::string& path, const ReadOptions& options) {
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<CsvStart> start, OpenCsv(path, options));
  io::CsvRowScanner& scanner = *start->scanner;
  const std::size_t data_line = scanner.line();
  const std::size_t threads = ResolveThreads(options);
  io::TokenizeContext context{&path, start->delimiter, &start->names};
  bool read_whole = false;
  if (!start->eof) {
    AIRM_ASSIGN_OR_RETURN(read_whole, ReadRestOfFile(*start, threads));
  }
  if (read_whole) {
    // No sequential scan: split points are found in parallel, and the field
    // limit the scanner would enforce is checked by the tokenizer (the whole
    // file is in memory already, so the limit bounds time, not memory).
    const std::string_view data = start->buffer.view();
    context.max_field_bytes = options.max_field_bytes;
    return ParseCsvRanges(data, io::FindRowStarts(data, data_line, kSplitBytes, threads),
                          data.size(), context, options, threads, nullptr);
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
    return Status::ParseError(path + ": no data rows: the file has a header but no rows");
  }
  std::vector<io::CsvRowScanner::Mark> starts{{0, data_line}};
  for (const auto& mark : scanner.marks()) {
    if (mark.offset < data.size()) starts.push_back(mark);
  }
  return ParseCsvRanges(data, starts, data.size(), context, options, threads, nullptr);
}

class CsvStream : public TableStream {
 public:
  CsvStream(std::string path, ReadOptions options, std::unique_ptr<CsvStart> start)
      : path_(std::move(path)),
        options_(std::move(options)),
        start_(std::move(start)),
        sticky_(start_->names.size()),
        chunk_line_(start_->scanner->line()) {}

  Result<std::optional<Table>> Next() override {
    if (!error_.ok()) return error_;
    Result<std::optional<Table>> result = ReadChunk();
    if (!result.ok()) error_ = result.status();
    return result;
  }

 private:
  Result<std::optional<Table>> ReadChunk() {
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
  Status error_;
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
  io::ParallelFor(starts.size(), threads, [&](std::size_t i) {
    const std::size_t begin = starts[i].offset;
    const std::size_t stop = i + 1 < starts.size() ? starts[i + 1].offset : data.size();
    statuses[i] = io::ParseJsonLines(data.substr(begin, stop - begin), starts[i].line, path,
                                     options.max_field_bytes, options.max_columns, &(*parsed)[i]);
  });
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

class JsonStream : public TableStream {
 public:
  JsonStream(std::string path, ReadOptions options, JsonReadState state,
             std::vector<std::string> names)
      : path_(std::move(path)),
        options_(std::move(options)),
        state_(std::move(state)),
        names_(std::move(names)),
        sticky_(names_.size()) {}

  Result<std::optional<Table>> Next() override {
    if (!error_.ok()) return error_;
    Result<std::optional<Table>> result = ReadChunk();
    if (!result.ok()) error_ = result.status();
    return result;
  }

 private:
  Result<std::optional<Table>> ReadChunk() {
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
  Status error_;
};

}  // namespace

Result<Table> ReadTable(const std::string& path, const ReadOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  if (FormatFromPath(path) == Format::kJsonLines) return ReadJsonLines(path, options);
  return ReadCsv(path, options);
}

Result<std::unique_ptr<TableStream>> TableStream::Open(const std::string& path,
                                                       const ReadOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  if (FormatFromPath(path) == Format::kJsonLines) {
    AIRM_ASSIGN_OR_RETURN(std::vector<std::string> names, ScanJsonKeys(path, options));
    JsonReadState state;
    AIRM_ASSIGN_OR_RETURN(state.source, io::OpenByteSource(path, SourceOptions(options)));
    return std::unique_ptr<TableStream>(
        std::make_unique<JsonStream>(path, options, std::move(state), std::move(names)));
  }
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<CsvStart> start, OpenCsv(path, options));
  return std::unique_ptr<TableStream>(std::make_unique<CsvStream>(path, options, std::move(start)));
}

}  // namespace airm
