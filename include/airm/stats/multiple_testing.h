// Multiple-testing control: adjusted p-values, in input order.
//
// NaN entries stay NaN in the output and do not count towards the number of
// tests m. Adjusted values are capped at 1.
#pragma once

#include <span>
#include <vector>

namespace airm::stats {

// Benjamini-Hochberg (1995) step-up adjustment controlling the false
// discovery rate: with p sorted ascending, adj_(i) = min_{j >= i} m p_(j) / j,
// capped at 1 (= statsmodels multipletests(method='fdr_bh'),
// scipy.stats.false_discovery_control(method='bh') in scipy >= 1.11).
std::vector<double> BenjaminiHochberg(std::span<const double> p);

// Bonferroni: min(m p_i, 1).
std::vector<double> Bonferroni(std::span<const double> p);

}  // namespace airm::stats
