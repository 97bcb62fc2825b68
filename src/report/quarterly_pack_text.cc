// `airm monitor pack`'s summary (airm/report/quarterly_pack_text.h).
#include "airm/report/quarterly_pack_text.h"

#include <sstream>

namespace airm::report {

std::string QuarterlyPackText(const usecases::QuarterlyPack& pack) {
  std::ostringstream out;
  for (const usecases::QuarterlyPackMonitor& m : pack.monitors) {
    out << m.monitor << "  " << pack.quarter << ": " << m.windows.size() << " window(s), "
        << m.alerts.size() << " alert episode(s), " << m.fired.size() << " fired\n";
  }
  if (pack.monitors.empty() && pack.incidents.empty()) return out.str();
  size_t open = 0;
  for (const governance::Incident& i : pack.incidents) open += i.IsOpen();
  out << pack.incidents.size() << " incident(s) (" << open << " open) of " << pack.systems.size()
      << " system(s) in " << pack.quarter << "\n";
  return out.str();
}

}  // namespace airm::report
