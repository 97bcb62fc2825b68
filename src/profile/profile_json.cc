#include "profile_json.h"

#include "airm/version.h"

namespace airm {
namespace {

// Column names and values come from data files that need not be UTF-8;
// nlohmann::json refuses to dump invalid UTF-8, so each invalid byte becomes
// U+FFFD here and rendering never fails.
std::string ValidUtf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t min_code = 0;
    if (c < 0x80) {
      len = 1;
    } else if ((c & 0xe0) == 0xc0) {
      len = 2;
      min_code = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
      min_code = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
      min_code = 0x10000;
    }
    bool valid = len > 0 && i + len <= s.size();
    uint32_t code = len == 1 ? c : (c & (0x7f >> len));
    for (size_t k = 1; valid && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) valid = false;
      code = (code << 6) | (cc & 0x3f);
    }
    if (valid && len > 1 &&
        (code < min_code || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))) {
      valid = false;
    }
    if (valid) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

nlohmann::json Optional(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json ColumnToJson(const ColumnProfile& c) {
  nlohmann::json quantiles = nlohmann::json::array();
  for (const QuantileValue& q : c.quantiles)
    quantiles.push_back({{"q", q.level}, {"value", q.value}});
  nlohmann::json top = nlohmann::json::array();
  for (const FrequentValue& f : c.top_values) {
    top.push_back({{"value", ValidUtf8(f.value)},
                   {"count", f.count},
                   {"max_overestimate", f.max_overestimate}});
  }
  nlohmann::json histogram = nlohmann::json::array();
  for (const HistogramBin& b : c.histogram) {
    histogram.push_back({{"lower", b.lower}, {"upper", b.upper}, {"count", b.count}});
  }
  nlohmann::json notes = nlohmann::json::array();
  for (const std::string& note : c.notes) notes.push_back(ValidUtf8(note));
  return {
      {"name", ValidUtf8(c.name)},
      {"type", DataTypeName(c.type)},
      {"role", ColumnRoleName(c.role)},
      {"kind", ColumnProfileKindName(c.kind)},
      {"exact", c.exact},
      {"count", c.count},
      {"null_count", c.null_count},
      {"nan_count", c.nan_count},
      {"pos_inf_count", c.pos_inf_count},
      {"neg_inf_count", c.neg_inf_count},
      {"finite_count", c.finite_count},
      {"min", Optional(c.min)},
      {"max", Optional(c.max)},
      {"mean", Optional(c.mean)},
      {"stddev", Optional(c.stddev)},
      {"quantiles", quantiles},
      {"distinct_count", c.distinct_count},
      {"top_values", top},
      {"histogram", histogram},
      {"quantile_rank_error", c.quantile_rank_error},
      {"distinct_relative_error", c.distinct_relative_error},
      {"frequent_items_max_error", c.frequent_items_max_error},
      {"notes", notes},
  };
}

}  // namespace

nlohmann::json ProfileToJson(const Profile& profile) {
  const ProfileOptions& o = profile.options;
  nlohmann::json columns = nlohmann::json::array();
  for (const ColumnProfile& c : profile.columns) columns.push_back(ColumnToJson(c));
  return {
      {"kind", "profile"},
      {"schema_version", "1.0"},
      {"airm_version", AIRM_VERSION},
      {"exact", profile.exact()},
      {"num_rows", profile.num_rows},
      {"options",
       {{"quantiles", o.quantiles},
        {"histogram_bins", o.histogram_bins},
        {"top_values", o.top_values},
        {"kll_k", o.kll_k},
        {"hll_precision", o.hll_precision},
        {"frequent_items_capacity", o.frequent_items_capacity},
        {"seed", o.seed}}},
      {"columns", columns},
  };
}

std::string ProfileJsonText(const Profile& profile) {
  return ProfileToJson(profile).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace airm
