// The pieces of the _airm extension module, one file per area, and what they
// share. The module translates: Python values to use-case options and tables,
// one use-case call with the GIL released, result structs to rendered
// documents. It holds no analysis of its own.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "airm/report.h"
#include "airm/table.h"

namespace airm::python {

// A table converted from Python columns (airm/_frames.py), with the name
// reports give it in place of a path ("<DataFrame>").
struct PyTable {
  std::string name;
  Table table;
};

// ReportMeta of a document rendered for Python: this airm's version, the
// current UTC time, and `command` (e.g. "airm.profile (Python)").
ReportMeta MetaFor(const std::string& command);

void RegisterTables(pybind11::module_& m);   // table_bindings.cc
void RegisterReports(pybind11::module_& m);  // report_bindings.cc
void RegisterStore(pybind11::module_& m);    // store_bindings.cc
void RegisterChaos(pybind11::module_& m);    // chaos_bindings.cc

}  // namespace airm::python
