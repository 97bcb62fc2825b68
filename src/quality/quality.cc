#include "airm/quality.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <set>
#include <span>
#include <string_view>

#include "airm/numeric_values.h"
#include "airm/stats/sort.h"
#include "row_hash.h"

namespace airm {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string Pct(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * share);
  return buf;
}

CheckStatus Grade(double value, const QualityThreshold& t) {
  if (value >= t.fail) return CheckStatus::kFail;
  if (value >= t.warn) return CheckStatus::kWarn;
  return CheckStatus::kPass;
}

QualityCheck Make(std::string check, std::string column, double value,
                  const std::map<std::string, QualityThreshold>& thresholds, std::string message) {
  QualityCheck q;
  const QualityThreshold& t = thresholds.at(check);
  q.check = std::move(check);
  q.column = std::move(column);
  q.value = value;
  q.warn_threshold = t.warn;
  q.fail_threshold = t.fail;
  q.status = Grade(value, t);
  q.message = std::move(message);
  return q;
}

double NullShare(const Column& c) {
  return c.size() == 0 ? 0.0 : static_cast<double>(c.null_count()) / c.size();
}

struct NumericRange {
  double min = kInf, max = -kInf;
  uint64_t non_finite = 0, finite = 0;
};

// Calls fn(value) for each valid value of a numeric column.
template <typename Fn>
void ForEachNumber(const Column& c, Fn fn) {
  ForEachValidNumber(c, [&fn](size_t, double v) { fn(v); });
}

// A float column without nulls is scanned in four independent lanes: one
// running minimum would make every value wait for the comparison before it.
// A non-finite value leaves the extremes as they were.
NumericRange RangeOf(const Column& c) {
  NumericRange r;
  if (c.type() == DataType::kFloat64 && c.null_count() == 0) {
    c.VisitFloat64([&r, n = c.size()](auto at) {
      constexpr size_t kLanes = 4;
      std::array<double, kLanes> lo, hi;
      lo.fill(kInf);
      hi.fill(-kInf);
      std::array<uint64_t, kLanes> finite{};
      size_t i = 0;
      for (; i + kLanes <= n; i += kLanes) {
        for (size_t k = 0; k < kLanes; ++k) {
          const double x = at(i + k);
          const bool ok = std::isfinite(x);
          finite[k] += ok;
          lo[k] = ok && x < lo[k] ? x : lo[k];
          hi[k] = ok && x > hi[k] ? x : hi[k];
        }
      }
      for (; i < n; ++i) {
        const double x = at(i);
        const bool ok = std::isfinite(x);
        finite[0] += ok;
        lo[0] = ok && x < lo[0] ? x : lo[0];
        hi[0] = ok && x > hi[0] ? x : hi[0];
      }
      for (size_t k = 0; k < kLanes; ++k) {
        r.finite += finite[k];
        r.min = std::min(r.min, lo[k]);
        r.max = std::max(r.max, hi[k]);
      }
    });
  } else {
    ForEachNumber(c, [&r](double v) {
      const bool finite = std::isfinite(v);
      r.finite += finite;
      r.min = finite && v < r.min ? v : r.min;
      r.max = finite && v > r.max ? v : r.max;
    });
  }
  r.non_finite = c.size() - c.null_count() - r.finite;
  return r;
}

std::map<std::string, uint64_t> CategoryCounts(const Column& c) {
  std::map<std::string, uint64_t> counts;
  if (c.type() == DataType::kCategorical) {
    std::vector<uint64_t> per(c.dictionary().size(), 0);
    for (size_t i = 0; i < c.size(); ++i) {
      if (c.IsValid(i)) ++per[c.codes()[i]];
    }
    for (size_t k = 0; k < per.size(); ++k) {
      if (per[k]) counts[c.dictionary()[k]] += per[k];
    }
    return counts;
  }
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.IsValid(i)) ++counts[c.TextAt(i)];
  }
  return counts;
}

// True when every valid value is equal (and there is at least one).
bool IsConstant(const Column& c) {
  size_t first = c.size();
  for (size_t i = 0; i < c.size(); ++i) {
    if (!c.IsValid(i)) continue;
    if (first == c.size()) {
      first = i;
      continue;
    }
    bool same = false;
    switch (c.type()) {
      case DataType::kFloat64: {
        double a = c.Float64At(first), b = c.Float64At(i);
        same = a == b || (std::isnan(a) && std::isnan(b));
        break;
      }
      case DataType::kInt64:
      case DataType::kTimestamp:
        same = c.int64_values()[first] == c.int64_values()[i];
        break;
      case DataType::kBool:
        same = c.bool_values()[first] == c.bool_values()[i];
        break;
      case DataType::kCategorical:
        same = c.codes()[first] == c.codes()[i];
        break;
      case DataType::kString:
        same = c.strings()[first] == c.strings()[i];
        break;
    }
    if (!same) return false;
  }
  return first != c.size();
}

// Rows [begin, end) of `order` (one hash group) that equal an earlier row of
// the group: the group sorted by its cells, so each row is compared with its
// neighbour only, O(g log g) comparisons whatever the group holds.
uint64_t DuplicatesBySorting(const Table& t, std::vector<std::pair<uint64_t, uint32_t>>& order,
                             size_t begin, size_t end) {
  std::sort(order.begin() + begin, order.begin() + end,
            [&t](const auto& a, const auto& b) { return CompareRows(t, a.second, b.second) < 0; });
  uint64_t dups = 0;
  for (size_t k = begin + 1; k < end; ++k) {
    if (CompareRows(t, order[k - 1].second, order[k].second) == 0) ++dups;
  }
  return dups;
}

// Share of rows equal to an earlier row, exactly, in time linear in the
// table:
// 1. hash every row (RowHashes) and radix-sort a copy of the hashes: a
//    table without repeated hashes (the usual case) has no duplicates, and
//    no row needs to be looked at again;
// 2. otherwise sort the (hash, row) pairs of the rows whose hash repeats:
//    equal rows end up in one group;
// 3. take each group's first row as its representative and check, column by
//    column and row by row, that every other member holds the same cells
//    (comparing whole rows one pair at a time instead reads 2 x columns
//    random cache lines per duplicate: minutes on a 3M-row table that is
//    mostly duplicates);
// 4. a group whose members all match has g - 1 duplicates; one with a
//    mismatch (a true 64-bit hash collision) is counted exactly by sorting
//    its rows by their cells.
double DuplicateShare(const Table& t) {
  const size_t n = t.num_rows();
  if (n == 0) return 0;
  std::vector<uint64_t> repeated;  // ascending, each once
  {
    std::vector<uint64_t> sorted = RowHashes(t);
    stats::SortKeys(sorted);
    for (size_t k = 1; k < n; ++k) {
      if (sorted[k] == sorted[k - 1] && (repeated.empty() || repeated.back() != sorted[k])) {
        repeated.push_back(sorted[k]);
      }
    }
  }
  if (repeated.empty()) return 0;
  // Hashed again rather than kept: the usual table has no repeated row and
  // then never needs them in row order (8 bytes a row less at drift's peak).
  const std::vector<uint64_t> hashes = RowHashes(t);
  std::vector<std::pair<uint64_t, uint32_t>> order;
  for (size_t r = 0; r < n; ++r) {
    if (std::binary_search(repeated.begin(), repeated.end(), hashes[r])) {
      order.emplace_back(hashes[r], static_cast<uint32_t>(r));
    }
  }
  std::sort(order.begin(), order.end());
  const size_t m = order.size();
  // representative[r] == r for rows alone in their group or first in it.
  std::vector<uint32_t> representative(n);
  std::iota(representative.begin(), representative.end(), uint32_t{0});
  for (size_t start = 0; start < m;) {
    size_t end = start + 1;
    while (end < m && order[end].first == order[start].first) ++end;
    for (size_t k = start; k < end; ++k) representative[order[k].second] = order[start].second;
    start = end;
  }
  std::vector<uint32_t> members;  // rows with an earlier representative, ascending
  for (size_t r = 0; r < n; ++r) {
    if (representative[r] != r) members.push_back(static_cast<uint32_t>(r));
  }
  std::vector<uint8_t> matches(members.size(), 1);
  for (const Column& c : t.columns()) {
    for (size_t i = 0; i < members.size(); ++i) {
      if (matches[i] && CompareCells(c, members[i], representative[members[i]]) != 0) {
        matches[i] = 0;
      }
    }
  }
  // Representatives of groups with a mismatch, marked on themselves.
  std::vector<uint8_t> collided(n, 0);
  uint64_t dups = 0;
  for (size_t i = 0; i < members.size(); ++i) {
    if (matches[i]) {
      ++dups;
    } else {
      collided[representative[members[i]]] = 1;
    }
  }
  if (dups == members.size()) return static_cast<double>(dups) / n;
  for (size_t start = 0; start < m;) {
    size_t end = start + 1;
    while (end < m && order[end].first == order[start].first) ++end;
    if (collided[order[start].second]) {
      for (size_t k = start + 1; k < end; ++k) {
        if (matches[std::lower_bound(members.begin(), members.end(), order[k].second) -
                    members.begin()]) {
          --dups;
        }
      }
      dups += DuplicatesBySorting(t, order, start, end);
    }
    start = end;
  }
  return static_cast<double>(dups) / n;
}

void CheckColumnPair(const Column& ref, const Column& cur,
                     const std::map<std::string, QualityThreshold>& th,
                     std::vector<QualityCheck>* out) {
  const std::string& name = ref.name();
  double change = std::fabs(NullShare(cur) - NullShare(ref));
  out->push_back(Make("missing_share_change", name, change, th,
                      "missing values: " + Pct(NullShare(ref)) + " in the reference, " +
                          Pct(NullShare(cur)) + " in the current batch"));
  if (ref.is_numeric() && cur.is_numeric()) {
    NumericRange rr = RangeOf(ref);
    NumericRange cr = RangeOf(cur);
    if (rr.finite > 0 && cr.finite > 0) {
      uint64_t outside = 0;
      // Only finite values count: ±Inf are reported as non-finite instead.
      ForEachNumber(cur, [&](double v) {
        outside += static_cast<uint64_t>(std::isfinite(v) & ((v < rr.min) | (v > rr.max)));
      });
      double share = static_cast<double>(outside) / cr.finite;
      char range[96];
      std::snprintf(range, sizeof range, "[%.6g, %.6g]", rr.min, rr.max);
      out->push_back(
          Make("out_of_range_share", name, share, th,
               Pct(share) + " of current values lie outside the reference range " + range));
    }
    if (ref.type() == DataType::kFloat64 || cur.type() == DataType::kFloat64) {
      double cur_valid = static_cast<double>(cur.size() - cur.null_count());
      double share = cur_valid > 0 ? cr.non_finite / cur_valid : 0;
      if (rr.non_finite > 0) share = 0;  // the reference already had them: not new
      out->push_back(Make("non_finite_share", name, share, th,
                          Pct(share) + " of current values are NaN or infinite" +
                              (rr.non_finite > 0 ? " (the reference had some too)" : "")));
    }
  } else if (ref.is_text() && cur.is_text()) {
    auto rc = CategoryCounts(ref);
    auto cc = CategoryCounts(cur);
    uint64_t cur_total = 0, fresh = 0, ref_total = 0, vanished = 0;
    std::vector<std::string> fresh_names, vanished_names;
    for (const auto& [k, n] : cc) {
      cur_total += n;
      if (!rc.count(k)) {
        fresh += n;
        if (fresh_names.size() < 5) fresh_names.push_back(k);
      }
    }
    for (const auto& [k, n] : rc) {
      ref_total += n;
      if (!cc.count(k)) {
        vanished += n;
        if (vanished_names.size() < 5) vanished_names.push_back(k);
      }
    }
    auto list = [](const std::vector<std::string>& names) {
      std::string s;
      for (const auto& n : names) s += (s.empty() ? "" : ", ") + ("'" + n + "'");
      return s;
    };
    double fresh_share = cur_total ? static_cast<double>(fresh) / cur_total : 0;
    double vanished_share = ref_total ? static_cast<double>(vanished) / ref_total : 0;
    out->push_back(Make("new_category_share", name, fresh_share, th,
                        Pct(fresh_share) + " of current values are categories the reference " +
                            "never had" + (fresh_names.empty() ? "" : ": " + list(fresh_names))));
    out->push_back(Make("vanished_category_share", name, vanished_share, th,
                        Pct(vanished_share) + " of reference values are in categories absent " +
                            "from the current batch" +
                            (vanished_names.empty() ? "" : ": " + list(vanished_names))));
  }
  if (IsConstant(cur) && !IsConstant(ref)) {
    out->push_back(Make("constant_column", name, 1, th,
                        "the column is constant in the current batch but varied in the reference"));
  }
}

}  // namespace

std::map<std::string, QualityThreshold> DefaultQualityThresholds() {
  return {
      {"missing_share_change", {0.05, 0.20}},
      {"out_of_range_share", {0.01, 0.10}},
      {"new_category_share", {0.01, 0.05}},
      {"vanished_category_share", {0.01, 0.05}},
      {"duplicate_row_share", {0.01, 0.10}},
      {"non_finite_share", {1e-9, 0.01}},
      {"missing_column", {1, 1}},
      {"retyped_column", {1, 1}},
      {"new_column", {1, kInf}},
      {"constant_column", {1, kInf}},
      {"empty_batch", {1, 1}},
  };
}

Status ParseQualityThreshold(const std::string& spec, std::map<std::string, QualityThreshold>* t) {
  auto eq = spec.find('=');
  const std::string usage =
      "--quality-threshold expects NAME=WARN,FAIL or NAME=FAIL, got '" + spec + "'";
  if (eq == std::string::npos) return Status::InvalidArgument(usage);
  std::string name = spec.substr(0, eq);
  auto it = t->find(name);
  if (it == t->end()) {
    std::string known;
    for (const auto& [k, unused] : *t) known += (known.empty() ? "" : ", ") + k;
    return Status::InvalidArgument("--quality-threshold: unknown check '" + name +
                                   "' (known: " + known + ")");
  }
  std::string rest = spec.substr(eq + 1);
  double warn = 0, fail = 0;
  char extra = 0;
  if (std::sscanf(rest.c_str(), "%lf,%lf%c", &warn, &fail, &extra) == 2) {
  } else if (std::sscanf(rest.c_str(), "%lf%c", &fail, &extra) == 1) {
    warn = fail;
  } else {
    return Status::InvalidArgument(usage);
  }
  if (warn > fail || std::isnan(warn) || std::isnan(fail)) {
    return Status::InvalidArgument("--quality-threshold " + name + ": warn (" + rest +
                                   ") must not exceed fail");
  }
  it->second = {warn, fail};
  return Status::Ok();
}

std::vector<QualityCheck> CheckQuality(const Table& reference, const Table& current,
                                       const std::vector<std::string>& columns,
                                       const std::map<std::string, QualityThreshold>& th) {
  std::vector<QualityCheck> out;
  out.push_back(Make("empty_batch", "", current.num_rows() == 0 ? 1 : 0, th,
                     current.num_rows() == 0 ? "the current batch has no rows"
                                             : "the current batch has " +
                                                   std::to_string(current.num_rows()) + " rows"));
  std::set<std::string> wanted(columns.begin(), columns.end());
  for (const std::string& name : columns) {
    auto ri = reference.FindColumn(name);
    if (!ri) continue;
    const Column& ref = reference.column(*ri);
    auto ci = current.FindColumn(name);
    if (!ci) {
      out.push_back(
          Make("missing_column", name, 1, th, "the current batch has no column '" + name + "'"));
      continue;
    }
    const Column& cur = current.column(*ci);
    if (ref.is_numeric() != cur.is_numeric()) {
      out.push_back(Make("retyped_column", name, 1, th,
                         std::string("the column was ") + DataTypeName(ref.type()) +
                             " in the reference and is " + DataTypeName(cur.type()) +
                             " in the current batch"));
      continue;
    }
    CheckColumnPair(ref, cur, th, &out);
  }
  for (const Column& c : current.columns()) {
    if (!reference.FindColumn(c.name())) {
      out.push_back(
          Make("new_column", c.name(), 1, th,
               "the current batch has a column '" + c.name() + "' that the reference lacks"));
    }
  }
  double ref_dups = DuplicateShare(reference);
  double cur_dups = DuplicateShare(current);
  double increase = std::max(0.0, cur_dups - ref_dups);
  out.push_back(Make("duplicate_row_share", "", increase, th,
                     Pct(cur_dups) + " of current rows duplicate an earlier row (reference: " +
                         Pct(ref_dups) + ")"));
  return out;
}

CheckStatus WorstStatus(const std::vector<QualityCheck>& checks) {
  CheckStatus worst = CheckStatus::kPass;
  for (const QualityCheck& c : checks) {
    if (c.status == CheckStatus::kFail) return CheckStatus::kFail;
    if (c.status == CheckStatus::kWarn) worst = CheckStatus::kWarn;
  }
  return worst;
}

}  // namespace airm
