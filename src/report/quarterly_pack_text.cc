// `airm monitor pack`'s summary (airm/report/quarterly_pack_text.h).
#include "airm/report/quarterly_pack_text.h"

#include <sstream>

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
