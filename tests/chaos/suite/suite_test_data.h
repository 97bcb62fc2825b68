// Shared inputs of the suite tests: small typed tables and the credit example.
#pragma once

#include <string>

#include "airm/table.h"

namespace airm::chaos::testing {

// Six rows: x (float, one null, all >= 0), n (int64), city (text, one null),
// y (target "yes"/"no").
Table SmallTable();

// examples/credit/current.csv as read by airm.
Table CreditTable();

std::string SourcePath(const std::string& relative);

}  // namespace airm::chaos::testing
