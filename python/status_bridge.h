// How the Python package reports airm's failures: the one table from a
// Status code to a Python exception (docs/python.md), and the helpers every
// binding uses to unwrap a Status or Result with the GIL held.
#pragma once

#include <utility>

#include "airm/status.h"

namespace airm::python {

// Raises the Python exception for `status` (REQUIRES: !status.ok()):
//   kInvalidArgument, kParseError, kCorrupt, kNotFound -> ValueError (bad input)
//   kIoError                                           -> OSError
//   kUnavailable, kInternal                            -> RuntimeError
// The message is airm's, with the options it names (OptionRef) spelled as
// the Python keyword arguments (target, segment_bins). Call with the GIL held.
[[noreturn]] void ThrowStatus(const Status& status);

inline void ThrowIfError(const Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

template <typename T>
T Unwrap(Result<T>&& result) {
  if (!result.ok()) ThrowStatus(result.status());
  return std::move(result).value();
}

}  // namespace airm::python
