// Python columns to an airm Table. airm/_frames.py turns a DataFrame into
// (name, kind, values, missing) tuples with vectorised pandas calls; here
// float64, int64 and timestamp buffers are borrowed, not copied (the column
// keeps the numpy array alive: Column::BorrowFloat64), bools are copied in
// one pass, and text is dictionary-encoded by the readers' rule, so a
// DataFrame and the CSV it came from give the same column types. A buffer
// numpy cannot hand over as it is (another dtype, strided) is converted by
// numpy once, and that converted array is the one borrowed.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "airm/column.h"
#include "airm/read_options.h"
#include "bindings.h"
#include "status_bridge.h"

namespace py = pybind11;

namespace airm::python {
namespace {

template <typename T>
using Array = py::array_t<T, py::array::c_style | py::array::forcecast>;

// Validity from an optional boolean mask (true = missing) and, for floats,
// NaN (pandas' missing value).
ValidityBitmap MakeValidity(size_t rows, const py::object& missing,
                            std::span<const double> floats = {}) {
  ValidityBitmap validity;
  validity.Reserve(rows);
  const bool* mask = nullptr;
  Array<bool> mask_array;
  if (!missing.is_none()) {
    mask_array = missing.cast<Array<bool>>();
    if (static_cast<size_t>(mask_array.size()) != rows) {
      throw py::value_error("missing mask of another length than its column");
    }
    mask = mask_array.data();
  }
  for (size_t i = 0; i < rows; ++i) {
    const bool is_missing =
        (mask != nullptr && mask[i]) || (!floats.empty() && std::isnan(floats[i]));
    validity.Append(!is_missing);
  }
  return validity;
}

template <typename T>
Array<T> OneDimensional(const py::object& values) {
  Array<T> array = values.cast<Array<T>>();
  if (array.ndim() != 1) throw py::value_error("a column must be one-dimensional");
  return array;
}

// The owner of a borrowed column: a reference to its numpy array. The last
// copy of the column may be dropped on a worker thread with the GIL
// released, so the reference is dropped under the GIL.
std::shared_ptr<const void> KeepAlive(py::object array) {
  return std::shared_ptr<const void>(new py::object(std::move(array)), [](py::object* held) {
    py::gil_scoped_acquire gil;
    delete held;
  });
}

template <typename T>
std::span<const T> Values(const Array<T>& array) {
  return std::span<const T>(array.data(), static_cast<size_t>(array.size()));
}

// Text cells: str, or None / float NaN for missing. Anything else is the
// caller's error, named with column and row.
Column TextColumn(const std::string& name, const py::object& values) {
  py::array objects = py::array::ensure(values, py::array::c_style);
  if (!objects || objects.ndim() != 1 || objects.dtype().kind() != 'O') {
    throw py::value_error("column '" + name + "': text must be a 1-d object array");
  }
  const size_t rows = static_cast<size_t>(objects.size());
  PyObject* const* cells = static_cast<PyObject* const*>(objects.data());
  std::vector<int32_t> codes(rows, 0);
  std::vector<std::string_view> dictionary;
  std::unordered_map<std::string_view, int32_t> index;
  ValidityBitmap validity;
  validity.Reserve(rows);
  for (size_t row = 0; row < rows; ++row) {
    PyObject* cell = cells[row];
    if (cell == Py_None || (PyFloat_Check(cell) && std::isnan(PyFloat_AS_DOUBLE(cell)))) {
      validity.Append(false);
      continue;
    }
    if (!PyUnicode_Check(cell)) {
      throw py::value_error("column '" + name + "' row " + std::to_string(row) +
                            ": expected text (str), None or NaN, got " + Py_TYPE(cell)->tp_name);
    }
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(cell, &size);
    if (utf8 == nullptr) throw py::error_already_set();
    // The view lives as long as the str object, which `objects` keeps alive.
    auto [it, inserted] = index.try_emplace(std::string_view(utf8, static_cast<size_t>(size)),
                                            static_cast<int32_t>(dictionary.size()));
    if (inserted) dictionary.push_back(it->first);
    codes[row] = it->second;
    validity.Append(true);
  }
  if (dictionary.size() > DictionaryLimit(ReadOptions{}, rows)) {
    std::vector<std::string> strings(rows);
    for (size_t row = 0; row < rows; ++row) {
      if (validity.IsValid(row)) strings[row] = std::string(dictionary[codes[row]]);
    }
    return Column::String(name, std::move(strings), std::move(validity));
  }
  return Column::Categorical(name, std::move(codes),
                             std::vector<std::string>(dictionary.begin(), dictionary.end()),
                             std::move(validity));
}

Column MakeColumn(const std::string& name, const std::string& kind, const py::object& values,
                  const py::object& missing) {
  if (kind == "float64") {
    Array<double> array = OneDimensional<double>(values);
    std::span<const double> v = Values(array);
    ValidityBitmap validity = MakeValidity(v.size(), missing, v);
    return Column::BorrowFloat64(name, v, KeepAlive(std::move(array)), std::move(validity));
  }
  if (kind == "int64" || kind == "timestamp") {
    Array<int64_t> array = OneDimensional<int64_t>(values);
    std::span<const int64_t> v = Values(array);
    ValidityBitmap validity = MakeValidity(v.size(), missing);
    return Column::BorrowInt64(name, kind == "int64" ? DataType::kInt64 : DataType::kTimestamp, v,
                               KeepAlive(std::move(array)), std::move(validity));
  }
  if (kind == "bool") {
    Array<uint8_t> array = OneDimensional<uint8_t>(values);
    std::vector<uint8_t> v(array.data(), array.data() + array.size());
    for (uint8_t& b : v) b = b != 0;
    ValidityBitmap validity = MakeValidity(v.size(), missing);
    return Column::Bool(name, std::move(v), std::move(validity));
  }
  if (kind == "text") return TextColumn(name, values);
  throw py::value_error("column '" + name + "': unknown column kind '" + kind + "'");
}

}  // namespace

void RegisterTables(py::module_& m) {
  py::class_<PyTable>(m, "Table", "A table in airm's columnar form (built by airm._frames)")
      .def(py::init([](std::string name, const py::list& columns) {
             std::vector<Column> built;
             built.reserve(columns.size());
             for (const py::handle& spec : columns) {
               auto t = spec.cast<py::tuple>();
               if (t.size() != 4)
                 throw py::value_error("a column is (name, kind, values, missing)");
               built.push_back(MakeColumn(t[0].cast<std::string>(), t[1].cast<std::string>(),
                                          py::reinterpret_borrow<py::object>(t[2]),
                                          py::reinterpret_borrow<py::object>(t[3])));
             }
             auto table = std::make_unique<PyTable>();
             table->name = std::move(name);
             table->table = Unwrap(Table::Make(std::move(built)));
             return table;
           }),
           py::arg("name"), py::arg("columns"))
      .def_readonly("name", &PyTable::name)
      .def_property_readonly("num_rows", [](const PyTable& t) { return t.table.num_rows(); })
      .def_property_readonly(
          "columns",
          [](const PyTable& t) {
            std::vector<std::pair<std::string, std::string>> out;
            for (const Column& c : t.table.columns()) {
              out.emplace_back(c.name(), DataTypeName(c.type()));
            }
            return out;
          },
          "(name, airm type) of each column")
      .def(
          "_values_address",
          [](const PyTable& t, size_t index) -> py::object {
            if (index >= t.table.num_columns()) throw py::index_error("no such column");
            const Column& c = t.table.column(index);
            if (c.type() == DataType::kFloat64 && !c.stores_decimals()) {
              return py::int_(reinterpret_cast<uintptr_t>(c.float64_array().data()));
            }
            if (c.type() == DataType::kInt64 || c.type() == DataType::kTimestamp) {
              return py::int_(reinterpret_cast<uintptr_t>(c.int64_values().data()));
            }
            return py::none();
          },
          py::arg("index"),
          "Test hook: the address of column `index`'s values in memory (float64 kept as "
          "doubles, int64 and timestamp columns; None otherwise), to check that a numpy buffer "
          "is borrowed, not copied");
}

}  // namespace airm::python
