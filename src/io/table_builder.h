// Type inference and conversion of field text into a typed Table.
//
// Steps: (1) per chunk, in parallel, a SurveySink records for each column the
// set of types every non-null value fits (a bitmask over bool, int64,
// float64, timestamp, plus whether each is a compact decimal, which lets a
// float column keep int32 mantissas and scales); (2) TableAssembler intersects the masks of all chunks
// (and the sticky state of earlier stream chunks) and picks per column the
// narrowest type: bool, int64, float64, timestamp, else text; (3) each chunk,
// in parallel, feeds its fields again to its converter, which writes typed
// values straight into the final arrays at the chunk's row offset; (4)
// Finish merges the chunks' categorical dictionaries (copies of the text, so
// the input need not outlive the converters) in first-appearance order, so the result does not
// depend on the number of chunks or threads. Text with more distinct values than the dictionary
// limit becomes kString.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/table.h"
#include "field_chunk.h"

namespace airm::io {

// What earlier stream chunks said about a column; a stream keeps one per
// column so later chunks are never narrower.
struct ColumnTypeState {
  uint8_t allowed = 0xFF;  // intersection of the type masks seen so far
  bool is_string = false;  // text already exceeded the dictionary limit
};

// Matches null tokens after trimming blanks; absent views are always null.
class NullMatcher {
 public:
  explicit NullMatcher(const std::vector<std::string>& tokens);
  bool IsNull(std::string_view raw, std::string_view trimmed) const;

 private:
  const std::vector<std::string>& tokens_;
  bool empty_is_null_ = false;
  // Most fields are numbers no token starts with: rejecting them on the first
  // byte and the length keeps the token loop out of the per-field cost.
  std::array<bool, 256> may_start_token_{};
  std::size_t max_token_size_ = 0;
};

struct ColumnSurvey {
  uint8_t allowed = 0x1F;  // every type and compact decimals (table_builder.cc)
  bool any_value = false;
};

// Phase 1 of one chunk.
class SurveySink : public FieldSink {
 public:
  SurveySink(const ReadOptions& options, std::size_t num_columns);
  void Field(std::size_t column, std::string_view value) override;
  // A value already trimmed and known not to be null.
  void Value(std::size_t column, std::string_view text);
  const std::vector<ColumnSurvey>& surveys() const { return surveys_; }

 private:
  NullMatcher nulls_;
  std::vector<ColumnSurvey> surveys_;
};

class TableAssembler {
 public:
  // REQUIRES: one entry per chunk in chunk_rows and surveys; `sticky`, when
  // not null, has one state per column and is read and updated. Column
  // storage is allocated, and Finish builds columns, on `num_threads` threads.
  TableAssembler(const std::vector<std::string>& names, const ReadOptions& options,
                 std::vector<ColumnTypeState>* sticky, const std::vector<std::size_t>& chunk_rows,
                 const std::vector<const SurveySink*>& surveys, std::size_t num_threads);
  ~TableAssembler();
  // The sink converting chunk `chunk`; each chunk's sink may run on its own
  // thread. It should receive exactly the fields its survey saw; the input
  // may be dropped once it has (text values are copied).
  std::unique_ptr<FieldSink> Converter(std::size_t chunk);
  // True when a converter received more rows than its survey counted, or a
  // value its survey's types reject: possible only when the input was read
  // twice and changed in between (the surplus is dropped, never written).
  bool InputChanged() const;
  // REQUIRES: every converter has run.
  Result<Table> Finish();

  // One pass over the input (whole-file CSV reads): the types are guessed
  // from the surveys of a leading `sample` of the input; each chunk's fields
  // then go, once, to an appender that surveys them and converts them to the
  // guessed types, and Append adds its rows after those before. When the
  // surveys of all chunks choose the guessed types (KindsHold), Finish
  // returns the table the two passes above would build from the same
  // surveys, bit for bit: same types, same conversions, same dictionary
  // order. Otherwise the caller converts again with the first constructor.
  // `expected_rows` only sizes the reservation.
  TableAssembler(const std::vector<std::string>& names, const ReadOptions& options,
                 const std::vector<const SurveySink*>& sample, std::size_t expected_rows,
                 std::size_t num_threads);
  // A sink for one chunk; appenders of different chunks may run in parallel.
  std::unique_ptr<FieldSink> NewAppender() const;
  // True when the appender met a non-null value that does not parse as its
  // column's guessed type: the guess is wrong and its rows are not usable.
  static bool Contradicted(const FieldSink& appender);
  // The survey of the appender's fields, as a SurveySink fed them would be.
  static SurveySink TakeSurvey(FieldSink& appender);
  // Adds the appender's rows. REQUIRES: in file order; not Contradicted.
  void Append(FieldSink& appender);
  // Whether `surveys`, one per chunk of the whole input, choose the guessed
  // types.
  bool KindsHold(const std::vector<SurveySink>& surveys);

 private:
  struct ColumnValues;
  class ConvertSink;
  class Appender;
  // kString: text a stream has already found to exceed the dictionary limit
  // (ColumnTypeState::is_string), stored as strings without a dictionary.
  enum class Kind { kAllNull, kBool, kInt, kFloat, kTimestamp, kText, kString };
  // The narrowest type every surveyed value fits; updates the sticky state.
  // *compact, when asked: every value is a compact decimal (a float column
  // of that kind is kept as Column::Float64Decimal).
  Kind ChooseKind(std::size_t col, const std::vector<const SurveySink*>& surveys,
                  bool* compact = nullptr);
  Column FinishColumn(std::size_t col, std::size_t limit);

  const std::vector<std::string>& names_;
  const ReadOptions& options_;
  std::vector<ColumnTypeState>* sticky_;
  std::size_t num_threads_;
  NullMatcher nulls_;
  std::vector<std::size_t> offsets_;
  std::vector<uint8_t> changed_;  // per chunk, see InputChanged
  std::size_t rows_ = 0;
  std::vector<Kind> kinds_;
  std::vector<ColumnValues> values_;
};

// Both phases over stored FieldChunks (JSON Lines), on num_threads threads.
// A chunk's rows may omit columns (they are null); cost is per present field.
Result<Table> BuildTable(const std::vector<std::string>& names, std::vector<FieldChunk>& chunks,
                         const ReadOptions& options, std::size_t num_threads,
                         std::vector<ColumnTypeState>* sticky);

}  // namespace airm::io
