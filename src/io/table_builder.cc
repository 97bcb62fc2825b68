#include "table_builder.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include "airm/parallel_for.h"
#include "text_codes.h"
#include "value_parse.h"

namespace airm::io {
namespace {

constexpr uint8_t kFitsBool = 1;
constexpr uint8_t kFitsInt = 2;
constexpr uint8_t kFitsFloat = 4;
constexpr uint8_t kFitsTimestamp = 8;
// Not a type: every value so far, read as a float, is a compact decimal
// (ParseCompactDecimal), so a float column can keep mantissas and scales.
constexpr uint8_t kFitsCompact = 16;
constexpr uint8_t kFitsAll = kFitsBool | kFitsInt | kFitsFloat | kFitsTimestamp | kFitsCompact;

bool MayStartNumber(char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.'; }

// Whether integer text ParseInt64 read as `value` is a compact decimal, as
// ParseCompactDecimal would say, without parsing it again when it is short.
bool IntIsCompact(std::string_view text, int64_t value) {
  constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
  if (value > kMax || value < -kMax || (value == 0 && text[0] == '-')) return false;
  if (text.size() <= 15) return true;  // at most 15 digits
  int32_t mantissa;
  uint8_t scale;
  return ParseCompactDecimal(text, &mantissa, &scale);
}

// The subset of `allowed` that the (trimmed, non-null) value fits.
uint8_t Classify(std::string_view text, uint8_t allowed) {
  uint8_t fits = 0;
  const char first = text[0];
  if (MayStartNumber(first)) {
    int64_t i;
    if ((allowed & kFitsInt) && ParseInt64(text, &i)) {
      const uint8_t compact = (allowed & kFitsCompact) && IntIsCompact(text, i) ? kFitsCompact : 0;
      return allowed & (kFitsInt | kFitsFloat | compact);
    }
    // A plain decimal is a float and never a timestamp: no conversion needed
    // to know (the converter parses it once, later).
    int32_t mantissa;
    uint8_t scale;
    if ((allowed & kFitsFloat) && (allowed & kFitsCompact) &&
        ParseCompactDecimal(text, &mantissa, &scale)) {
      return kFitsFloat | kFitsCompact;
    }
    if ((allowed & kFitsFloat) && IsPlainDecimal(text)) return kFitsFloat;
    double d;
    if ((allowed & kFitsFloat) && ParseFloat64(text, &d)) fits |= kFitsFloat;
    int64_t micros;
    if ((allowed & kFitsTimestamp) && ParseTimestamp(text, &micros)) fits |= kFitsTimestamp;
    return fits;
  }
  const char lower = first | 0x20;
  if (lower == 't' || lower == 'f') {
    uint8_t b;
    if ((allowed & kFitsBool) && ParseBool(text, &b)) return kFitsBool;
  }
  if (lower == 'i' || lower == 'n') {
    double d;
    if ((allowed & kFitsFloat) && ParseFloat64(text, &d)) return kFitsFloat;
  }
  return 0;
}

ValidityBitmap MakeValidity(const std::vector<uint8_t>& valid) {
  ValidityBitmap validity;
  validity.Reserve(valid.size());
  for (uint8_t v : valid) validity.Append(v != 0);
  return validity;
}

}  // namespace

NullMatcher::NullMatcher(const std::vector<std::string>& tokens) : tokens_(tokens) {
  for (const std::string& token : tokens) {
    if (token.empty()) {
      empty_is_null_ = true;
      continue;
    }
    may_start_token_[static_cast<unsigned char>(token[0])] = true;
    max_token_size_ = std::max(max_token_size_, token.size());
  }
}

bool NullMatcher::IsNull(std::string_view raw, std::string_view trimmed) const {
  if (raw.data() == nullptr) return true;
  if (trimmed.empty()) return empty_is_null_;
  if (trimmed.size() > max_token_size_ ||
      !may_start_token_[static_cast<unsigned char>(trimmed[0])]) {
    return false;
  }
  for (const std::string& token : tokens_) {
    if (token.size() == trimmed.size() && token == trimmed) return true;
  }
  return false;
}

SurveySink::SurveySink(const ReadOptions& options, std::size_t num_columns)
    : nulls_(options.null_tokens), surveys_(num_columns) {}

void SurveySink::Field(std::size_t column, std::string_view raw) {
  ColumnSurvey& survey = surveys_[column];
  if (raw.data() == nullptr) return;
  if (survey.any_value && survey.allowed == 0) return;  // text already; nothing to learn
  const std::string_view text = TrimBlanks(raw);
  if (nulls_.IsNull(raw, text)) return;
  Value(column, text);
}

void SurveySink::Value(std::size_t column, std::string_view text) {
  ColumnSurvey& survey = surveys_[column];
  survey.any_value = true;
  if (survey.allowed != 0) survey.allowed = Classify(text, survey.allowed);
}

// Final storage of one column, filled in place by every chunk's converter at
// that chunk's row offset (no per-chunk copies to concatenate).
struct TableAssembler::ColumnValues {
  std::vector<double> f64;
  // kFloat in the one pass: while every value so far is a compact decimal
  // (ParseCompactDecimal), `decimal` is set and the values are kept as
  // mantissa and scale, 5 bytes instead of 8; the first value that is not
  // moves the column to `f64` for good (PromoteToDoubles).
  bool decimal = false;
  std::vector<int32_t> mantissas;
  std::vector<uint8_t> scales;
  std::vector<int64_t> i64;
  std::vector<uint8_t> b;
  std::vector<int32_t> codes;        // text: chunk-local codes until Finish remaps them
  std::vector<std::string> strings;  // kString
  std::vector<uint8_t> valid;
  // The one pass keeps validity as bits instead (`valid` is then empty):
  // a byte a cell for the whole table was the largest part of its overhead.
  ValidityBitmap bits;
  bool has_bits = false;
  // Text: each chunk's dictionary in first-appearance order, owned so the
  // input can be dropped chunk by chunk.
  std::vector<std::vector<std::string>> local_dictionaries;

  // Sizes the validity and the one array `kind` uses to `rows`.
  void Resize(Kind kind, std::size_t rows) {
    valid.resize(rows);
    if (decimal) {
      mantissas.resize(rows);
      scales.resize(rows);
      return;
    }
    ForKind(kind, [rows](auto& values) { values.resize(rows); });
  }
  void Reserve(Kind kind, std::size_t rows) {
    has_bits = true;
    bits.Reserve(rows);
    if (decimal) {
      mantissas.reserve(rows);
      scales.reserve(rows);
      return;
    }
    ForKind(kind, [rows](auto& values) { values.reserve(rows); });
  }
  // Decimal values to doubles, `capacity` reserved (or sized, `resize`).
  void PromoteToDoubles(std::size_t capacity, bool resize) {
    decimal = false;
    if (resize) {
      f64.resize(std::max(capacity, mantissas.size()));
    } else {
      f64.reserve(std::max(capacity, mantissas.size()));
      f64.resize(mantissas.size());
    }
    for (std::size_t i = 0; i < mantissas.size(); ++i) f64[i] = DecimalValue(mantissas[i], scales[i]);
    mantissas = {};
    scales = {};
  }
  bool IsValid(std::size_t row) const { return has_bits ? bits.IsValid(row) : valid[row] != 0; }

 private:
  template <typename Fn>
  void ForKind(Kind kind, Fn fn) {
    switch (kind) {
      case Kind::kAllNull:
      case Kind::kFloat:
        return fn(f64);
      case Kind::kInt:
      case Kind::kTimestamp:
        return fn(i64);
      case Kind::kBool:
        return fn(b);
      case Kind::kText:
        return fn(codes);
      case Kind::kString:
        return fn(strings);
    }
  }
};

namespace {

// Converts one non-null field of a column of `kind` into row `row` of `out`;
// false when the text does not parse as that kind. Text goes through the
// chunk's dictionary (`local` maps the text to its chunk-local code; new text
// is copied into `chunk_dictionary`, so the input may go).
template <typename Kind, typename Values>
bool ConvertValue(Kind kind, std::string_view raw, std::string_view text, std::size_t row,
                  Values& out, TextCodes& local, std::vector<std::string>* chunk_dictionary) {
  switch (kind) {
    case Kind::kAllNull:
      return false;
    case Kind::kBool:
      return ParseBool(text, &out.b[row]);
    case Kind::kInt:
      return ParseInt64(text, &out.i64[row]);
    case Kind::kFloat:
      return ParseFloat64(text, &out.f64[row]);
    case Kind::kTimestamp:
      return ParseTimestamp(text, &out.i64[row]);
    case Kind::kText: {
      bool inserted = false;
      out.codes[row] = local.Find(raw, &inserted);
      if (inserted) chunk_dictionary->emplace_back(raw);
      return true;
    }
    case Kind::kString:
      out.strings[row].assign(raw);
      return true;
  }
  return false;
}

}  // namespace

class TableAssembler::ConvertSink : public FieldSink {
 public:
  ConvertSink(TableAssembler* owner, std::size_t chunk)
      : owner_(owner),
        chunk_(chunk),
        row_(owner->offsets_[chunk]),
        end_(chunk + 1 < owner->offsets_.size() ? owner->offsets_[chunk + 1] : owner->rows_),
        local_(owner->names_.size()) {}

  void Field(std::size_t column, std::string_view raw) override {
    if (row_ >= end_) {
      owner_->changed_[chunk_] = 1;
      return;
    }
    const std::string_view text = raw.data() == nullptr ? raw : TrimBlanks(raw);
    ColumnValues& out = owner_->values_[column];
    bool valid = !owner_->nulls_.IsNull(raw, text);
    if (valid) {
      const Kind kind = owner_->kinds_[column];
      valid = out.decimal
                  ? ParseCompactDecimal(text, &out.mantissas[row_], &out.scales[row_])
                  : ConvertValue(kind, raw, text, row_, out, local_[column],
                                 kind == Kind::kText ? &out.local_dictionaries[chunk_] : nullptr);
      // Inference accepted every non-null value of this input.
      if (!valid) owner_->changed_[chunk_] = 1;
    }
    out.valid[row_] = valid ? 1 : 0;
  }
  void EndRow() override { ++row_; }

 private:
  TableAssembler* owner_;
  std::size_t chunk_;
  std::size_t row_;
  std::size_t end_;
  std::vector<TextCodes> local_;
};

TableAssembler::TableAssembler(const std::vector<std::string>& names, const ReadOptions& options,
                               std::vector<ColumnTypeState>* sticky,
                               const std::vector<std::size_t>& chunk_rows,
                               const std::vector<const SurveySink*>& surveys,
                               std::size_t num_threads)
    : names_(names),
      options_(options),
      sticky_(sticky),
      num_threads_(num_threads),
      nulls_(options.null_tokens),
      offsets_(chunk_rows.size()),
      changed_(chunk_rows.size()),
      kinds_(names.size()),
      values_(names.size()) {
  for (std::size_t c = 0; c < chunk_rows.size(); ++c) {
    offsets_[c] = rows_;
    rows_ += chunk_rows[c];
  }
  for (std::size_t col = 0; col < names.size(); ++col) {
    bool compact = false;
    kinds_[col] = ChooseKind(col, surveys, &compact);
    // Every value of the input is a compact decimal: its surveys say so.
    values_[col].decimal = kinds_[col] == Kind::kFloat && compact;
  }
  // Allocated here, on the calling thread: zero-filling them on the worker
  // threads measured slower overall (more page faults in the whole run of
  // `airm profile`, though the read itself finished sooner).
  for (std::size_t col = 0; col < names.size(); ++col) {
    values_[col].Resize(kinds_[col], rows_);
    if (kinds_[col] == Kind::kText) values_[col].local_dictionaries.resize(chunk_rows.size());
  }
}

TableAssembler::TableAssembler(const std::vector<std::string>& names, const ReadOptions& options,
                               const std::vector<const SurveySink*>& sample,
                               std::size_t expected_rows, std::size_t num_threads)
    : names_(names),
      options_(options),
      sticky_(nullptr),
      num_threads_(num_threads),
      nulls_(options.null_tokens),
      kinds_(names.size()),
      values_(names.size()) {
  for (std::size_t col = 0; col < names.size(); ++col) {
    kinds_[col] = ChooseKind(col, sample);
    values_[col].decimal = kinds_[col] == Kind::kFloat;
    // Capacity beyond what is appended is address space only: its pages are
    // never touched, so it costs no memory.
    values_[col].Reserve(kinds_[col], expected_rows);
  }
}

TableAssembler::Kind TableAssembler::ChooseKind(std::size_t col,
                                                const std::vector<const SurveySink*>& surveys,
                                                bool* compact) {
  uint8_t allowed = kFitsAll;
  bool any_value = false;
  for (const SurveySink* survey : surveys) {
    const ColumnSurvey& s = survey->surveys()[col];
    if (!s.any_value) continue;
    any_value = true;
    allowed &= s.allowed;
  }
  // All null: a float64 placeholder that constrains nothing (documented).
  if (!any_value) return Kind::kAllNull;
  if (sticky_ != nullptr) {
    allowed &= (*sticky_)[col].allowed;
    (*sticky_)[col].allowed = allowed;
  }
  const bool was_string = sticky_ != nullptr && (*sticky_)[col].is_string;
  if (compact != nullptr) *compact = (allowed & kFitsCompact) != 0;
  return (allowed & kFitsBool)        ? Kind::kBool
         : (allowed & kFitsInt)       ? Kind::kInt
         : (allowed & kFitsFloat)     ? Kind::kFloat
         : (allowed & kFitsTimestamp) ? Kind::kTimestamp
         : was_string                 ? Kind::kString
                                      : Kind::kText;
}

// Surveys and converts one chunk into storage of its own, grown as rows come
// (the chunk's row count is known only at its end).
class TableAssembler::Appender : public FieldSink {
 public:
  Appender(const TableAssembler& owner, const ReadOptions& options)
      : owner_(owner),
        survey_(options, owner.names_.size()),
        values_(owner.names_.size()),
        local_(owner.names_.size()),
        dictionaries_(owner.names_.size()) {
    for (std::size_t col = 0; col < values_.size(); ++col) {
      values_[col].decimal = owner.kinds_[col] == Kind::kFloat;
    }
    Grow(1024);
  }

  void Field(std::size_t column, std::string_view raw) override {
    const std::string_view text = raw.data() == nullptr ? raw : TrimBlanks(raw);
    ColumnValues& out = values_[column];
    bool valid = !owner_.nulls_.IsNull(raw, text);
    if (valid) {
      const Kind kind = owner_.kinds_[column];
      bool compact = false;
      if (out.decimal) {
        compact = ParseCompactDecimal(text, &out.mantissas[row_], &out.scales[row_]);
        if (!compact) out.PromoteToDoubles(capacity_, /*resize=*/true);
      }
      if (!compact) {
        valid = ConvertValue(kind, raw, text, row_, out, local_[column], &dictionaries_[column]);
      }
      if (!valid) contradicted_ = true;
      // A number that parsed as the guessed kind leaves a survey already
      // narrowed to that kind as it is: Classify would return the same mask,
      // unless the mask still says compact and this value is not.
      const uint8_t allowed = survey_.surveys()[column].allowed;
      const uint8_t type_bits = allowed & ~kFitsCompact;
      const auto keeps_compact = [&] {
        return !(allowed & kFitsCompact) || (kind == Kind::kFloat && compact) ||
               (kind == Kind::kInt && IntIsCompact(text, out.i64[row_]));
      };
      const bool settled = valid &&
                           ((kind == Kind::kFloat && type_bits == kFitsFloat) ||
                            (kind == Kind::kInt && type_bits == (kFitsInt | kFitsFloat))) &&
                           MayStartNumber(text[0]) && keeps_compact();
      if (!settled) survey_.Value(column, text);
    }
    out.valid[row_] = valid ? 1 : 0;
  }
  void EndRow() override {
    if (++row_ == capacity_) Grow(2 * capacity_);
  }

  bool contradicted() const { return contradicted_; }
  SurveySink& survey() { return survey_; }

 private:
  friend class TableAssembler;
  void Grow(std::size_t capacity) {
    capacity_ = capacity;
    for (std::size_t col = 0; col < values_.size(); ++col) {
      values_[col].Resize(owner_.kinds_[col], capacity_);
    }
  }

  const TableAssembler& owner_;
  SurveySink survey_;
  std::vector<ColumnValues> values_;
  std::vector<TextCodes> local_;
  std::vector<std::vector<std::string>> dictionaries_;
  std::size_t row_ = 0;
  std::size_t capacity_ = 0;
  bool contradicted_ = false;
};

std::unique_ptr<FieldSink> TableAssembler::NewAppender() const {
  return std::make_unique<Appender>(*this, options_);
}

bool TableAssembler::Contradicted(const FieldSink& appender) {
  return static_cast<const Appender&>(appender).contradicted();
}

SurveySink TableAssembler::TakeSurvey(FieldSink& appender) {
  return std::move(static_cast<Appender&>(appender).survey());
}

void TableAssembler::Append(FieldSink& appender) {
  Appender& chunk = static_cast<Appender&>(appender);
  offsets_.push_back(rows_);
  changed_.push_back(0);
  const std::size_t n = chunk.row_;
  for (std::size_t col = 0; col < names_.size(); ++col) {
    ColumnValues& to = values_[col];
    ColumnValues& from = chunk.values_[col];
    auto append = [n](auto& dst, const auto& src) {
      dst.insert(dst.end(), src.begin(), src.begin() + static_cast<std::ptrdiff_t>(n));
    };
    for (std::size_t row = 0; row < n;) {
      std::size_t run = row + 1;
      while (run < n && from.valid[run] == from.valid[row]) ++run;
      to.bits.AppendMany(from.valid[row] != 0, run - row);
      row = run;
    }
    switch (kinds_[col]) {
      case Kind::kAllNull:
        append(to.f64, from.f64);
        break;
      case Kind::kFloat:
        if (to.decimal && !from.decimal) to.PromoteToDoubles(to.mantissas.capacity(), false);
        if (to.decimal) {
          append(to.mantissas, from.mantissas);
          append(to.scales, from.scales);
        } else if (from.decimal) {
          for (std::size_t row = 0; row < n; ++row) {
            to.f64.push_back(DecimalValue(from.mantissas[row], from.scales[row]));
          }
        } else {
          append(to.f64, from.f64);
        }
        break;
      case Kind::kInt:
      case Kind::kTimestamp:
        append(to.i64, from.i64);
        break;
      case Kind::kBool:
        append(to.b, from.b);
        break;
      case Kind::kText:
        append(to.codes, from.codes);
        to.local_dictionaries.push_back(std::move(chunk.dictionaries_[col]));
        break;
      case Kind::kString:
        append(to.strings, from.strings);
        break;
    }
  }
  rows_ += n;
}

bool TableAssembler::KindsHold(const std::vector<SurveySink>& surveys) {
  std::vector<const SurveySink*> pointers;
  for (const SurveySink& survey : surveys) pointers.push_back(&survey);
  for (std::size_t col = 0; col < names_.size(); ++col) {
    if (ChooseKind(col, pointers) != kinds_[col]) return false;
  }
  return true;
}

TableAssembler::~TableAssembler() = default;

std::unique_ptr<FieldSink> TableAssembler::Converter(std::size_t chunk) {
  return std::make_unique<ConvertSink>(this, chunk);
}

bool TableAssembler::InputChanged() const {
  return std::find(changed_.begin(), changed_.end(), 1) != changed_.end();
}

Result<Table> TableAssembler::Finish() {
  if (InputChanged()) {
    return Status::Internal("type conversion met rows or values its survey did not see");
  }
  const std::size_t limit = DictionaryLimit(options_, rows_);
  // Columns are independent (each touches only its own sticky state).
  std::vector<std::optional<Column>> built(names_.size());
  AIRM_RETURN_IF_ERROR(
      ParallelFor(names_.size(), static_cast<int>(num_threads_),
                  [&](std::size_t col) { built[col].emplace(FinishColumn(col, limit)); }));
  std::vector<Column> columns;
  columns.reserve(names_.size());
  for (std::optional<Column>& column : built) columns.push_back(std::move(*column));
  return Table::Make(std::move(columns));
}

Column TableAssembler::FinishColumn(std::size_t col, std::size_t limit) {
  std::optional<Column> column;
  ColumnValues& v = values_[col];
  auto validity = [&v]() { return v.has_bits ? std::move(v.bits) : MakeValidity(v.valid); };
  const std::string& name = names_[col];
  switch (kinds_[col]) {
    case Kind::kAllNull:
    case Kind::kFloat:
      if (v.decimal) {
        column.emplace(
            Column::Float64Decimal(name, std::move(v.mantissas), std::move(v.scales), validity()));
      } else {
        column.emplace(Column::Float64(name, std::move(v.f64), validity()));
      }
      break;
    case Kind::kInt:
      column.emplace(Column::Int64(name, std::move(v.i64), validity()));
      break;
    case Kind::kTimestamp:
      column.emplace(Column::Timestamp(name, std::move(v.i64), validity()));
      break;
    case Kind::kBool:
      column.emplace(Column::Bool(name, std::move(v.b), validity()));
      break;
    case Kind::kString:
      column.emplace(Column::String(name, std::move(v.strings), validity()));
      break;
    case Kind::kText: {
      // Merge local dictionaries in chunk order: global first-appearance order.
      std::unordered_map<std::string_view, int32_t> global;
      std::vector<std::string_view> dictionary;
      for (std::size_t c = 0; c < offsets_.size(); ++c) {
        std::vector<int32_t> remap;
        remap.reserve(v.local_dictionaries[c].size());
        for (const std::string& value : v.local_dictionaries[c]) {
          auto [it, inserted] = global.try_emplace(value, static_cast<int32_t>(dictionary.size()));
          if (inserted) dictionary.push_back(value);
          remap.push_back(it->second);
        }
        const std::size_t end = c + 1 < offsets_.size() ? offsets_[c + 1] : rows_;
        for (std::size_t at = offsets_[c]; at < end; ++at) {
          v.codes[at] = v.IsValid(at) ? remap[v.codes[at]] : 0;
        }
      }
      const bool was_string = sticky_ != nullptr && (*sticky_)[col].is_string;
      if (was_string || dictionary.size() > limit) {
        if (sticky_ != nullptr) (*sticky_)[col].is_string = true;
        std::vector<std::string> strings(rows_);
        for (std::size_t at = 0; at < rows_; ++at) {
          if (v.IsValid(at)) strings[at] = dictionary[v.codes[at]];
        }
        column.emplace(Column::String(name, std::move(strings), validity()));
      } else {
        std::vector<std::string> text(dictionary.begin(), dictionary.end());
        column.emplace(Column::Categorical(name, std::move(v.codes), std::move(text), validity()));
      }
      break;
    }
  }
  v = ColumnValues();
  return std::move(*column);
}

Result<Table> BuildTable(const std::vector<std::string>& names, std::vector<FieldChunk>& chunks,
                         const ReadOptions& options, std::size_t num_threads,
                         std::vector<ColumnTypeState>* sticky) {
  const std::size_t num_chunks = chunks.size();
  auto feed = [&](const FieldChunk& chunk, FieldSink* sink) {
    // Absent columns are not fed: both sinks leave them null.
    for (const auto& row : chunk.rows) {
      for (const auto& [col, value] : row) sink->Field(col, value);
      sink->EndRow();
    }
  };
  std::vector<SurveySink> surveys(num_chunks, SurveySink(options, names.size()));
  AIRM_RETURN_IF_ERROR(ParallelFor(num_chunks, static_cast<int>(num_threads),
                                   [&](std::size_t c) { feed(chunks[c], &surveys[c]); }));
  std::vector<std::size_t> chunk_rows;
  std::vector<const SurveySink*> survey_ptrs;
  for (std::size_t c = 0; c < num_chunks; ++c) {
    chunk_rows.push_back(chunks[c].num_rows);
    survey_ptrs.push_back(&surveys[c]);
  }
  TableAssembler assembler(names, options, sticky, chunk_rows, survey_ptrs, num_threads);
  AIRM_RETURN_IF_ERROR(ParallelFor(num_chunks, static_cast<int>(num_threads), [&](std::size_t c) {
    feed(chunks[c], assembler.Converter(c).get());
  }));
  return assembler.Finish();
}

}  // namespace airm::io
