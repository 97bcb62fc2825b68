// `airm monitor pack`'s summary when no document goes to stdout: one line per
// monitor with the quarter's windows, alert episodes and incidents.
#include <sstream>

#include "airm/report/quarterly_pack.h"

namespace airm::report {

std::string QuarterlyPackText(const usecases::QuarterlyPack& pack) {
  std::ostringstream out;
  for (const usecases::QuarterlyPackMonitor& m : pack.monitors) {
    out << m.monitor << "  " << pack.quarter << ": " << m.windows.size() << " window(s), "
        << m.alerts.size() << " alert episode(s), " << m.incidents.size() << " incident(s)\n";
  }
  return out.str();
}

}  // namespace airm::report
