// The _airm extension module; the package around it is python/airm/.
#include <pybind11/pybind11.h>

#include "airm/store/timestamp.h"
#include "airm/version.h"
#include "bindings.h"

namespace airm::python {

ReportMeta MetaFor(const std::string& command) {
  return ReportMeta{
      .airm_version = AIRM_VERSION, .generated_at = store::UtcNow(), .command_line = command};
}

}  // namespace airm::python

PYBIND11_MODULE(_airm, m) {
  m.doc() = "airm's engine: use cases, renderers and gates (see the airm package)";
  m.attr("__version__") = AIRM_VERSION;
  airm::python::RegisterTables(m);
  airm::python::RegisterReports(m);
  airm::python::RegisterStore(m);
  airm::python::RegisterChaos(m);
}
