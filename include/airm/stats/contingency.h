// Independence tests on an r x c contingency table: Pearson's chi-square and
// the G-test (log-likelihood ratio), e.g. of errors x group in fairness.
// Thread-safe: no shared state; nothing throws (Boost.Math runs under the
// library's no-throw policy).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace airm::stats {

struct ContingencyTest {
  std::optional<double> chi2, chi2_p;  // Pearson X^2 = sum (O - E)^2 / E
  std::optional<double> g, g_p;        // G = 2 sum O ln(O / E), 0 ln 0 = 0
  int dof = 0;                         // (r - 1)(c - 1)
  std::string note;                    // why undefined
};

// Both statistics against chi-square with (r-1)(c-1) degrees of freedom,
// E_ij = row_i col_j / N, no continuity correction: equal to
// scipy.stats.chi2_contingency(table, correction=False) and
// chi2_contingency(table, correction=False, lambda_="log-likelihood").
// Undefined (with a note) when a row or column sums to zero -- an expected
// count of zero, where scipy raises -- or the table has fewer than 2 rows or
// columns. REQUIRES: every row has the same length.
ContingencyTest IndependenceTests(const std::vector<std::vector<uint64_t>>& table);

}  // namespace airm::stats
