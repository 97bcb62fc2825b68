// ColumnSample: the values of one column (optionally restricted to a subset
// of rows) in the form the drift tests need.
//
// Numeric columns give their finite values, sorted; NaN and ±Inf are left out
// of the tests and counted (the data-quality checks report them). Text and
// low-cardinality columns give counts per category, keyed by text, so that
// reference and current dictionaries can differ.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "airm/column.h"

namespace airm::drift {

struct ColumnSample {
  std::vector<double> sorted;              // finite numeric values, ascending (numeric columns)
  std::map<std::string, uint64_t> counts;  // per category (text, or numbers as text)
  uint64_t nulls = 0;
  uint64_t non_finite = 0;
  uint64_t rows = 0;
  uint64_t valid() const { return rows - nulls - non_finite; }
};

// Arrays of doubles reused across the columns of one analysis: each
// column's sorted samples and the sort's scratch array are taken from here
// and given back, so an analysis of many columns faults its working memory
// in once instead of once per column (at 10M rows a side, gigabytes the
// kernel zeroed page by page). Thread-safe; the arrays are freed with it.
class SampleBuffers {
 public:
  // An array given back earlier (its size and values are what they were:
  // resize it), or a new empty one.
  std::vector<double> Take();
  void Give(std::vector<double> buffer);

 private:
  std::mutex mutex_;
  std::vector<std::vector<double>> free_;
};

// `rows` == nullptr means every row. With `as_categories`, numeric values are
// counted by their text form instead of collected as numbers. With
// `buffers`, the sorted values' array comes from there (give it back when
// done) and the sort borrows its scratch array from there.
ColumnSample ExtractSample(const Column& column, const std::vector<uint32_t>* rows,
                           bool as_categories, SampleBuffers* buffers = nullptr);

// Number of distinct finite values of a numeric column (or of texts of a
// text column), counting at most `limit` + 1 (enough to decide "few
// distinct values").
size_t CountDistinctUpTo(const Column& column, size_t limit);

// The distinct finite values of a numeric column in order of appearance,
// at most `limit` + 1 of them. REQUIRES: column.is_numeric().
std::vector<double> DistinctNumbersUpTo(const Column& column, size_t limit);

}  // namespace airm::drift
