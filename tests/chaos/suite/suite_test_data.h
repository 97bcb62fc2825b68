// Shared inputs of the suite tests: small typed tables and the credit example.
#pragma once

#include <string>

#include "airm/table.h"
#include "model_server.h"

namespace airm::chaos::testing {

// Six rows: x (float, one null, all >= 0), n (int64), city (text, one null),
// y (target "yes"/"no").
Table SmallTable();

// examples/credit/current.csv as read by airm.
Table CreditTable();

// The one in tests/servers (model_server.h).
using airm::testing::SourcePath;

}  // namespace airm::chaos::testing
