// `airm store migrate`'s summary (airm/report/store_migration_text.h).
#include "airm/report/store_migration_text.h"

#include <iomanip>
#include <sstream>

namespace airm::report {

std::string StoreMigrationText(const usecases::StoreMigration& migrated) {
  std::ostringstream out;
  out << "copied " << migrated.from << "\n    to " << migrated.to << " (schema version "
      << migrated.schema_version << ")\n";
  if (migrated.replaced_rows > 0) {
    out << "  replaced the " << migrated.replaced_rows << " rows the target held\n";
  }
  for (const store::TableContent& t : migrated.tables) {
    out << "  " << std::left << std::setw(28) << t.table << std::right << std::setw(10) << t.rows
        << "  " << t.digest.substr(0, 19) << "\n";
  }
  out << "verified: " << migrated.tables.size() << " tables, " << migrated.TotalRows()
      << " rows; row counts and content digests match in both stores\n";
  return out.str();
}

}  // namespace airm::report
