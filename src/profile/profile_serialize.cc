// SerializeProfile / DeserializeProfile: the versioned binary form described
// byte by byte in docs/formats/profile.md. Every read is bounds-checked by
// ByteReader; every decoded value is validated before use, so corrupt input
// yields Status::Corrupt and never undefined behaviour.
#include <zlib.h>

#include <cmath>
#include <set>

#include "airm/profile.h"
#include "airm/sketch/byte_io.h"

namespace airm {
namespace {

using sketch::internal::ByteReader;
using sketch::internal::ByteWriter;

constexpr char kMagic[8] = {'A', 'I', 'R', 'M', 'P', 'R', 'O', 'F'};
constexpr uint16_t kFormatVersion = 1;
constexpr size_t kPreambleSize = 20;  // magic, version, flags, body length
constexpr size_t kChecksumSize = 4;
constexpr uint16_t kTagHeader = 1;
constexpr uint16_t kTagColumn = 2;

// Column flag bits.
constexpr uint8_t kFlagExact = 1 << 0;
constexpr uint8_t kFlagHasMin = 1 << 1;
constexpr uint8_t kFlagHasMax = 1 << 2;
constexpr uint8_t kFlagHasMean = 1 << 3;
constexpr uint8_t kFlagHasStddev = 1 << 4;
constexpr uint8_t kKnownColumnFlags = 0x1f;

uint32_t Crc32(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths; feed large inputs in pieces.
  while (!bytes.empty()) {
    const size_t piece = std::min<size_t>(bytes.size(), 1u << 30);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(piece));
    bytes.remove_prefix(piece);
  }
  return static_cast<uint32_t>(crc);
}

void PutSection(ByteWriter& w, uint16_t tag, const std::string& payload) {
  w.PutU16(tag);
  w.PutU32(static_cast<uint32_t>(payload.size()));
  w.PutBytes(payload);
}

std::string HeaderPayload(const Profile& profile) {
  std::string out;
  ByteWriter w(&out);
  const ProfileOptions& o = profile.options;
  w.PutU64(profile.num_rows);
  w.PutU32(static_cast<uint32_t>(o.quantiles.size()));
  for (double q : o.quantiles) w.PutF64(q);
  w.PutU32(static_cast<uint32_t>(o.histogram_bins));
  w.PutU32(static_cast<uint32_t>(o.top_values));
  w.PutU32(static_cast<uint32_t>(o.kll_k));
  w.PutU8(static_cast<uint8_t>(o.hll_precision));
  w.PutU32(static_cast<uint32_t>(o.frequent_items_capacity));
  w.PutU64(o.seed);
  w.PutU32(static_cast<uint32_t>(profile.columns.size()));
  return out;
}

std::string ColumnPayload(const ColumnProfile& c) {
  std::string out;
  ByteWriter w(&out);
  w.PutString(c.name);
  w.PutU8(static_cast<uint8_t>(c.type));
  w.PutU8(static_cast<uint8_t>(c.role));
  w.PutU8(static_cast<uint8_t>(c.kind));
  uint8_t flags = 0;
  if (c.exact) flags |= kFlagExact;
  if (c.min) flags |= kFlagHasMin;
  if (c.max) flags |= kFlagHasMax;
  if (c.mean) flags |= kFlagHasMean;
  if (c.stddev) flags |= kFlagHasStddev;
  w.PutU8(flags);
  for (uint64_t v :
       {c.count, c.null_count, c.nan_count, c.pos_inf_count, c.neg_inf_count, c.finite_count}) {
    w.PutU64(v);
  }
  for (const auto& v : {c.min, c.max, c.mean, c.stddev}) w.PutF64(v.value_or(0.0));
  w.PutU32(static_cast<uint32_t>(c.quantiles.size()));
  for (const QuantileValue& q : c.quantiles) {
    w.PutF64(q.level);
    w.PutF64(q.value);
  }
  w.PutU64(c.distinct_count);
  w.PutU32(static_cast<uint32_t>(c.top_values.size()));
  for (const FrequentValue& f : c.top_values) {
    w.PutString(f.value);
    w.PutU64(f.count);
    w.PutU64(f.max_overestimate);
  }
  w.PutU32(static_cast<uint32_t>(c.histogram.size()));
  for (const HistogramBin& b : c.histogram) {
    w.PutF64(b.lower);
    w.PutF64(b.upper);
    w.PutU64(b.count);
  }
  w.PutF64(c.quantile_rank_error);
  w.PutF64(c.distinct_relative_error);
  w.PutU64(c.frequent_items_max_error);
  w.PutU32(static_cast<uint32_t>(c.notes.size()));
  for (const std::string& note : c.notes) w.PutString(note);
  const sketch::Moments& m = c.sketches.moments;
  w.PutU64(m.count);
  w.PutF64(m.mean);
  w.PutF64(m.m2);
  w.PutF64(m.min);
  w.PutF64(m.max);
  w.PutString(c.sketches.quantiles.Serialize());
  w.PutString(c.sketches.distinct.Serialize());
  w.PutString(c.sketches.numeric_items.Serialize());
  w.PutString(c.sketches.text_items.Serialize());
  return out;
}

Status Truncated(const std::string& what) { return Status::Corrupt("profile: truncated " + what); }

Status ReadHeader(std::string_view payload, Profile* profile, uint32_t* num_columns) {
  ByteReader r(payload);
  ProfileOptions& o = profile->options;
  uint32_t num_quantiles;
  if (!r.ReadU64(&profile->num_rows) || !r.ReadU32(&num_quantiles)) return Truncated("header");
  if (num_quantiles > r.remaining() / 8) return Truncated("header quantile levels");
  o.quantiles.resize(num_quantiles);
  for (double& q : o.quantiles) {
    if (!r.ReadF64(&q)) return Truncated("header quantile levels");
  }
  uint32_t bins, top, k, capacity;
  uint8_t precision;
  if (!r.ReadU32(&bins) || !r.ReadU32(&top) || !r.ReadU32(&k) || !r.ReadU8(&precision) ||
      !r.ReadU32(&capacity) || !r.ReadU64(&o.seed) || !r.ReadU32(num_columns)) {
    return Truncated("header");
  }
  // Values above INT32_MAX are rejected by Validate after the cast wraps to negative or huge.
  o.histogram_bins = static_cast<int>(std::min<uint32_t>(bins, 1u << 30));
  o.top_values = static_cast<int>(std::min<uint32_t>(top, 1u << 30));
  o.kll_k = static_cast<int>(std::min<uint32_t>(k, 1u << 30));
  o.hll_precision = precision;
  o.frequent_items_capacity = static_cast<int>(std::min<uint32_t>(capacity, 1u << 30));
  if (Status s = o.Validate(); !s.ok()) {
    return Status::Corrupt("profile: header options invalid: " + s.message());
  }
  return Status::Ok();
}

bool ReadOwnedString(ByteReader& r, std::string* out) {
  std::string_view view;
  if (!r.ReadString(&view)) return false;
  out->assign(view);
  return true;
}

Status ReadColumn(std::string_view payload, const Profile& profile, ColumnProfile* c) {
  ByteReader r(payload);
  auto corrupt = [&](const std::string& why) {
    return Status::Corrupt("profile: column '" + c->name + "': " + why);
  };
  uint8_t type, role, kind, flags;
  if (!ReadOwnedString(r, &c->name)) return Truncated("column name");
  if (!r.ReadU8(&type) || !r.ReadU8(&role) || !r.ReadU8(&kind) || !r.ReadU8(&flags)) {
    return corrupt("truncated column header");
  }
  if (type > static_cast<uint8_t>(DataType::kTimestamp)) return corrupt("unknown data type");
  if (role > static_cast<uint8_t>(ColumnRole::kSensitive)) return corrupt("unknown role");
  if (kind > static_cast<uint8_t>(ColumnProfileKind::kText)) return corrupt("unknown kind");
  if (flags & ~kKnownColumnFlags) return corrupt("unknown flag bits");
  c->type = static_cast<DataType>(type);
  c->role = static_cast<ColumnRole>(role);
  c->kind = static_cast<ColumnProfileKind>(kind);
  if ((c->kind == ColumnProfileKind::kNumeric) != IsNumericType(c->type)) {
    return corrupt("kind does not match data type");
  }
  c->exact = flags & kFlagExact;
  for (uint64_t* v : {&c->count, &c->null_count, &c->nan_count, &c->pos_inf_count,
                      &c->neg_inf_count, &c->finite_count}) {
    if (!r.ReadU64(v)) return corrupt("truncated counts");
  }
  if (c->count != profile.num_rows) return corrupt("row count differs from the profile's");
  unsigned __int128 parts = static_cast<unsigned __int128>(c->null_count) + c->nan_count +
                            c->pos_inf_count + c->neg_inf_count + c->finite_count;
  if (parts > c->count) return corrupt("null/NaN/Inf/finite counts exceed the row count");
  double stats[4];
  for (double& v : stats) {
    if (!r.ReadF64(&v)) return corrupt("truncated statistics");
  }
  const uint8_t has[4] = {kFlagHasMin, kFlagHasMax, kFlagHasMean, kFlagHasStddev};
  std::optional<double>* fields[4] = {&c->min, &c->max, &c->mean, &c->stddev};
  for (int i = 0; i < 4; ++i) {
    if (flags & has[i]) *fields[i] = stats[i];
  }
  uint32_t n;
  if (!r.ReadU32(&n)) return corrupt("truncated quantiles");
  if (n > r.remaining() / 16) return corrupt("quantiles overrun the section");
  c->quantiles.resize(n);
  for (QuantileValue& q : c->quantiles) {
    if (!r.ReadF64(&q.level) || !r.ReadF64(&q.value)) return corrupt("truncated quantiles");
  }
  if (!r.ReadU64(&c->distinct_count) || !r.ReadU32(&n)) return corrupt("truncated top values");
  if (n > r.remaining() / 20) return corrupt("top values overrun the section");
  c->top_values.resize(n);
  for (FrequentValue& f : c->top_values) {
    if (!ReadOwnedString(r, &f.value) || !r.ReadU64(&f.count) || !r.ReadU64(&f.max_overestimate)) {
      return corrupt("truncated top values");
    }
  }
  if (!r.ReadU32(&n)) return corrupt("truncated histogram");
  if (n > r.remaining() / 24) return corrupt("histogram overruns the section");
  c->histogram.resize(n);
  for (HistogramBin& b : c->histogram) {
    if (!r.ReadF64(&b.lower) || !r.ReadF64(&b.upper) || !r.ReadU64(&b.count)) {
      return corrupt("truncated histogram");
    }
  }
  if (!r.ReadF64(&c->quantile_rank_error) || !r.ReadF64(&c->distinct_relative_error) ||
      !r.ReadU64(&c->frequent_items_max_error) || !r.ReadU32(&n)) {
    return corrupt("truncated error bounds");
  }
  if (n > r.remaining() / 4) return corrupt("notes overrun the section");
  c->notes.resize(n);
  for (std::string& note : c->notes) {
    if (!ReadOwnedString(r, &note)) return corrupt("truncated notes");
  }
  sketch::Moments& m = c->sketches.moments;
  if (!r.ReadU64(&m.count) || !r.ReadF64(&m.mean) || !r.ReadF64(&m.m2) || !r.ReadF64(&m.min) ||
      !r.ReadF64(&m.max)) {
    return corrupt("truncated moments");
  }
  if (m.count > 0 && !(std::isfinite(m.mean) && std::isfinite(m.min) && std::isfinite(m.max) &&
                       m.min <= m.max && m.m2 >= 0.0 && !std::isnan(m.m2))) {
    return corrupt("invalid moments");
  }
  std::string_view blob;
  const ProfileOptions& o = profile.options;
  if (!r.ReadString(&blob)) return corrupt("truncated KLL sketch");
  auto kll = sketch::KllSketch::Deserialize(blob);
  if (!kll.ok()) return corrupt(kll.status().message());
  if (!r.ReadString(&blob)) return corrupt("truncated HyperLogLog sketch");
  auto hll = sketch::HyperLogLog::Deserialize(blob);
  if (!hll.ok()) return corrupt(hll.status().message());
  if (!r.ReadString(&blob)) return corrupt("truncated numeric Space-Saving summary");
  auto numeric_items = sketch::SpaceSaving<double>::Deserialize(blob);
  if (!numeric_items.ok()) return corrupt(numeric_items.status().message());
  if (!r.ReadString(&blob)) return corrupt("truncated text Space-Saving summary");
  auto text_items = sketch::SpaceSaving<std::string>::Deserialize(blob);
  if (!text_items.ok()) return corrupt(text_items.status().message());
  if (kll->k() != o.kll_k || hll->precision() != o.hll_precision ||
      numeric_items->capacity() != o.frequent_items_capacity ||
      text_items->capacity() != o.frequent_items_capacity) {
    return corrupt("sketch parameters differ from the header options");
  }
  if (c->kind == ColumnProfileKind::kNumeric &&
      (m.count != c->finite_count || kll->n() != c->finite_count)) {
    return corrupt("finite count, moments and quantile sketch disagree");
  }
  if (kll->n() > 0 && m.count > 0 && (kll->min() < m.min || kll->max() > m.max)) {
    return corrupt("quantile sketch outside the moments' range");
  }
  // Bytes after the text summary are fields appended by later minor
  // versions; a version-1 reader ignores them (docs/formats/profile.md).
  c->sketches.quantiles = std::move(kll).value();
  c->sketches.distinct = std::move(hll).value();
  c->sketches.numeric_items = std::move(numeric_items).value();
  c->sketches.text_items = std::move(text_items).value();
  return Status::Ok();
}

}  // namespace

std::string SerializeProfile(const Profile& profile) {
  std::string body;
  ByteWriter body_writer(&body);
  PutSection(body_writer, kTagHeader, HeaderPayload(profile));
  for (const ColumnProfile& column : profile.columns) {
    PutSection(body_writer, kTagColumn, ColumnPayload(column));
  }
  std::string out;
  ByteWriter w(&out);
  w.PutBytes(std::string_view(kMagic, sizeof kMagic));
  w.PutU16(kFormatVersion);
  w.PutU16(0);  // flags: none defined in version 1
  w.PutU64(body.size());
  w.PutBytes(body);
  w.PutU32(Crc32(out));
  return out;
}

Result<Profile> DeserializeProfile(std::string_view bytes) {
  if (bytes.size() < kPreambleSize + kChecksumSize) {
    return Status::Corrupt("profile: " + std::to_string(bytes.size()) +
                           " bytes is shorter than the 24-byte preamble and checksum");
  }
  if (bytes.substr(0, 8) != std::string_view(kMagic, 8)) {
    return Status::Corrupt("profile: bad magic (not an airm profile)");
  }
  ByteReader preamble(bytes.substr(8, kPreambleSize - 8));
  uint16_t version, flags;
  uint64_t body_length;
  if (!preamble.ReadU16(&version) || !preamble.ReadU16(&flags) || !preamble.ReadU64(&body_length)) {
    return Truncated("preamble");
  }
  if (version != kFormatVersion) {
    return Status::Corrupt("profile: unsupported format version " + std::to_string(version) +
                           " (this build reads version " + std::to_string(kFormatVersion) + ")");
  }
  if (flags != 0)
    return Status::Corrupt("profile: unknown preamble flags " + std::to_string(flags));
  const size_t available = bytes.size() - kPreambleSize - kChecksumSize;
  if (body_length != available) {
    return Status::Corrupt("profile: body length " + std::to_string(body_length) +
                           " does not match the " + std::to_string(available) +
                           " bytes present (truncated or trailing data)");
  }
  ByteReader trailer(bytes.substr(bytes.size() - kChecksumSize));
  uint32_t stored_crc;
  if (!trailer.ReadU32(&stored_crc)) return Truncated("checksum");
  if (Crc32(bytes.substr(0, bytes.size() - kChecksumSize)) != stored_crc) {
    return Status::Corrupt("profile: CRC32 checksum mismatch");
  }

  ByteReader body(bytes.substr(kPreambleSize, available));
  Profile profile;
  bool have_header = false;
  uint32_t num_columns = 0;
  std::set<std::string> names;
  while (!body.at_end()) {
    uint16_t tag;
    std::string_view payload;
    if (!body.ReadU16(&tag) || !body.ReadString(&payload)) return Truncated("section");
    if (tag == kTagHeader) {
      if (have_header) return Status::Corrupt("profile: second header section");
      AIRM_RETURN_IF_ERROR(ReadHeader(payload, &profile, &num_columns));
      have_header = true;
    } else if (tag == kTagColumn) {
      if (!have_header) return Status::Corrupt("profile: column section before the header");
      if (profile.columns.size() >= num_columns) {
        return Status::Corrupt("profile: more column sections than the header's " +
                               std::to_string(num_columns));
      }
      ColumnProfile column;
      AIRM_RETURN_IF_ERROR(ReadColumn(payload, profile, &column));
      if (!names.insert(column.name).second) {
        return Status::Corrupt("profile: duplicate column '" + column.name + "'");
      }
      profile.columns.push_back(std::move(column));
    }
    // Unknown tags are skipped: a later writer may add sections that older
    // readers can ignore (see the compatibility promise in the format doc).
  }
  if (!have_header) return Status::Corrupt("profile: no header section");
  if (profile.columns.size() != num_columns) {
    return Status::Corrupt("profile: header announces " + std::to_string(num_columns) +
                           " columns, found " + std::to_string(profile.columns.size()));
  }
  return profile;
}

}  // namespace airm
