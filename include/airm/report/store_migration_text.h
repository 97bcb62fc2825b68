// `airm store migrate`'s summary, rendered from usecases::StoreMigration.
// Plain text; the face prints it through its terminal-safe stdout.
#pragma once

#include <string>

#include "airm/usecases/migrate_store.h"

namespace airm::report {

// Source and target, one line per table copied (rows, the start of its
// content digest), and the verified total.
std::string StoreMigrationText(const usecases::StoreMigration& migrated);

}  // namespace airm::report
