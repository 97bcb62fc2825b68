#include "status_bridge.h"

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>

namespace airm::python {
namespace {

// The Python spelling of an option a message names (OptionRef): the keyword
// argument of airm's functions, which is the CLI flag's id with underscores,
// except where the Python API words it differently.
std::string PythonName(std::string_view id) {
  if (id == "batch-size") return "batch_rows";
  if (id == "exclude-column") return "exclude_columns";
  if (id == "fail-on") return "gate";
  if (id == "no-multivariate") return "multivariate=False";
  if (id == "sketch") return "sketch=True";
  std::string name(id);
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

}  // namespace

void ThrowStatus(const Status& status) {
  PyObject* type = PyExc_RuntimeError;
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kParseError:
    case StatusCode::kCorrupt:
    case StatusCode::kNotFound:
      type = PyExc_ValueError;
      break;
    case StatusCode::kIoError:
      type = PyExc_OSError;
      break;
    case StatusCode::kOk:
    case StatusCode::kUnavailable:
    case StatusCode::kInternal:
      type = PyExc_RuntimeError;
      break;
  }
  PyErr_SetString(type, status.MessageNaming(&PythonName).c_str());
  throw pybind11::error_already_set();
}

}  // namespace airm::python
