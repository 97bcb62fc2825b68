#include "status_bridge.h"

#include <pybind11/pybind11.h>

namespace airm::python {

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
  PyErr_SetString(type, status.message().c_str());
  throw pybind11::error_already_set();
}

}  // namespace airm::python
