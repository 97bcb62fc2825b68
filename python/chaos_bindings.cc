// chaos over the RunChaos use case, with the model either a spec the CLI
// takes (xgboost:MODEL.json, http://, kserve://, cmd:) or a Python callable.
//
// A callable is reached through CallableAdapter, a chaos::ModelAdapter: the
// suite runs with the GIL released and the adapter takes it only around the
// call (and the conversions on either side of it). Whatever the callable
// does — raise, return the wrong number of scores, return text — is an
// answer the suite judges (FailureKind), never an exception out of the suite
// and never a crash; the chaos report records it as a failed or degraded case.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "airm/chaos/chaos_result.h"
#include "airm/chaos/model_adapter.h"
#include "airm/report/chaos_report.h"
#include "airm/usecases/run_chaos.h"
#include "bindings.h"
#include "status_bridge.h"

namespace py = pybind11;

namespace airm::python {
namespace {

// What the callable is given: a pandas DataFrame (numeric columns float64,
// others object) or a 2-d float64 numpy array in the batch's column order.
enum class CallInput { kPandas, kNumpy };

constexpr size_t kMaxDetail = 300;

std::string Truncated(std::string text) {
  if (text.size() > kMaxDetail) text = text.substr(0, kMaxDetail) + "...";
  return text;
}

class CallableAdapter final : public chaos::ModelAdapter {
 public:
  // REQUIRES: the GIL is held (construction and destruction).
  CallableAdapter(py::object fn, std::string name, CallInput input, int max_batch_rows)
      : fn_(std::move(fn)), name_(std::move(name)), input_(input), max_batch_rows_(max_batch_rows) {
    if (input_ == CallInput::kPandas) data_frame_ = py::module_::import("pandas").attr("DataFrame");
  }

  chaos::PredictOutcome Predict(const chaos::Batch& batch) override {
    chaos::PredictOutcome outcome;
    outcome.attempts = 0;
    const size_t rows = batch.rows.size();
    const size_t step = static_cast<size_t>(std::max(1, max_batch_rows_));
    // A batch of zero rows is still sent once (an empty request is a failure mode).
    for (size_t begin = 0; begin == 0 || begin < rows; begin += step) {
      const size_t end = std::min(rows, begin + step);
      ++outcome.attempts;
      const auto start = std::chrono::steady_clock::now();
      chaos::PredictOutcome part = Call(batch, begin, end);
      outcome.latency_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!part.ok()) {
        part.attempts = outcome.attempts;
        part.latency_seconds = outcome.latency_seconds;
        return part;
      }
      outcome.scores.insert(outcome.scores.end(), part.scores.begin(), part.scores.end());
      if (end >= rows) break;
    }
    return outcome;
  }

  std::string Describe() const override { return name_ + " (in-process Python callable)"; }
  bool IsLocal() const override { return true; }

 private:
  static chaos::PredictOutcome Failure(chaos::FailureKind kind, std::string detail) {
    chaos::PredictOutcome out;
    out.failure = kind;
    out.detail = Truncated(std::move(detail));
    return out;
  }

  // Rows [begin, end) as the callable's argument. A string cell in numpy
  // input is the adapter's own refusal (as the xgboost adapter's).
  std::optional<chaos::PredictOutcome> Arguments(const chaos::Batch& batch, size_t begin,
                                                 size_t end, py::object* out) const {
    const size_t rows = end - begin;
    const size_t cols = batch.columns.size();
    if (input_ == CallInput::kNumpy) {
      py::array_t<double> matrix({rows, cols});
      auto m = matrix.mutable_unchecked<2>();
      for (size_t r = 0; r < rows; ++r) {
        for (size_t c = 0; c < cols; ++c) {
          const chaos::Cell& cell = batch.rows[begin + r][c];
          if (const auto* text = std::get_if<std::string>(&cell)) {
            return Failure(chaos::FailureKind::kRejectedInput,
                           "column '" + batch.columns[c] + "': text '" + *text +
                               "' where the numpy input takes numbers");
          }
          const auto* number = std::get_if<double>(&cell);
          m(r, c) = number ? *number : std::numeric_limits<double>::quiet_NaN();
        }
      }
      *out = std::move(matrix);
      return std::nullopt;
    }
    py::dict columns;
    for (size_t c = 0; c < cols; ++c) {
      bool numeric = true;
      for (size_t r = begin; r < end && numeric; ++r) {
        numeric = !std::holds_alternative<std::string>(batch.rows[r][c]);
      }
      if (numeric) {
        py::array_t<double> values(static_cast<py::ssize_t>(rows));
        double* v = values.mutable_data();
        for (size_t r = 0; r < rows; ++r) {
          const auto* number = std::get_if<double>(&batch.rows[begin + r][c]);
          v[r] = number ? *number : std::numeric_limits<double>::quiet_NaN();
        }
        columns[py::str(batch.columns[c])] = std::move(values);
      } else {
        py::list values(rows);
        for (size_t r = 0; r < rows; ++r) {
          const chaos::Cell& cell = batch.rows[begin + r][c];
          if (const auto* number = std::get_if<double>(&cell)) {
            values[r] = py::float_(*number);
          } else if (const auto* text = std::get_if<std::string>(&cell)) {
            values[r] = py::str(*text);
          } else {
            values[r] = py::none();
          }
        }
        // A list, so pandas keeps the column object (str / float / None).
        columns[py::str(batch.columns[c])] = std::move(values);
      }
    }
    py::list order;
    for (const std::string& name : batch.columns) order.append(py::str(name));
    *out = data_frame_(columns, py::arg("columns") = order);
    return std::nullopt;
  }

  // Scores from the callable's answer: one number per row, as a 1-d array,
  // an (n, 1) column, or an (n, 2) predict_proba whose second column is the
  // positive class.
  static chaos::PredictOutcome Scores(const py::object& answer, size_t rows) {
    // A null handle (and a Python error, cleared) when the answer is not numbers.
    auto values = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(answer);
    if (!values) {
      PyErr_Clear();
      return Failure(chaos::FailureKind::kMalformed, std::string("the callable returned ") +
                                                         Py_TYPE(answer.ptr())->tp_name +
                                                         ", not numbers (one score per row)");
    }
    chaos::PredictOutcome out;
    if (values.ndim() == 1 || (values.ndim() == 2 && values.shape(1) == 1)) {
      if (static_cast<size_t>(values.shape(0)) != rows) {
        return Failure(chaos::FailureKind::kWrongCount,
                       "the callable returned " + std::to_string(values.shape(0)) + " scores for " +
                           std::to_string(rows) + " rows");
      }
      out.scores.assign(values.data(), values.data() + rows);
      return out;
    }
    if (values.ndim() == 2 && values.shape(1) == 2) {
      if (static_cast<size_t>(values.shape(0)) != rows) {
        return Failure(chaos::FailureKind::kWrongCount,
                       "the callable returned " + std::to_string(values.shape(0)) +
                           " rows of probabilities for " + std::to_string(rows) + " rows");
      }
      auto v = values.unchecked<2>();
      for (size_t r = 0; r < rows; ++r) out.scores.push_back(v(r, 1));
      return out;
    }
    std::string shape;
    for (py::ssize_t d = 0; d < values.ndim(); ++d) {
      shape += (d ? ", " : "") + std::to_string(values.shape(d));
    }
    return Failure(chaos::FailureKind::kMalformed,
                   "the callable returned an array of shape (" + shape +
                       "); expected one score per row, (n, 1) or (n, 2) probabilities");
  }

  chaos::PredictOutcome Call(const chaos::Batch& batch, size_t begin, size_t end) {
    py::gil_scoped_acquire gil;
    try {
      py::object argument;
      if (auto refused = Arguments(batch, begin, end, &argument)) return *refused;
      py::object answer = fn_(argument);
      return Scores(answer, end - begin);
    } catch (py::error_already_set& e) {
      // The model raised: the suite records it as the model failing this
      // case, by the exception's type and message (not its traceback).
      std::string detail = py::str(e.type().attr("__name__"));
      const std::string message = py::str(e.value());
      if (!message.empty()) detail += ": " + message;
      return Failure(chaos::FailureKind::kCrash, "the callable raised " + detail);
    } catch (const std::exception& e) {
      return Failure(chaos::FailureKind::kMalformed, e.what());
    }
  }

  py::object fn_;
  std::string name_;
  CallInput input_;
  int max_batch_rows_;
  py::object data_frame_;
};

struct PyChaos {
  chaos::ChaosResult result;
};

// The name a callable goes by in the report: "python:<module>.<qualname>".
std::string CallableName(const py::object& fn) {
  std::string name = "callable";
  if (py::hasattr(fn, "__qualname__")) {
    name = py::str(fn.attr("__qualname__"));
  } else if (py::hasattr(fn, "__class__")) {
    name = py::str(fn.attr("__class__").attr("__qualname__"));
  }
  if (py::hasattr(fn, "__module__") && !fn.attr("__module__").is_none()) {
    name = std::string(py::str(fn.attr("__module__"))) + "." + name;
  }
  return "python:" + name;
}

PyChaos Chaos(const py::object& model, const py::object& data, const std::string& target,
              const py::kwargs& kw) {
  const auto text = [&](const char* key) {
    return kw.contains(key) && !kw[key].is_none() ? kw[key].cast<std::string>() : std::string();
  };
  const auto list = [&](const char* key) {
    return kw.contains(key) && !kw[key].is_none() ? kw[key].cast<std::vector<std::string>>()
                                                  : std::vector<std::string>{};
  };
  usecases::RunChaosOptions options;
  options.target = target;
  Table table;  // taken from the Python table, built for this one call
  if (py::isinstance<py::str>(data)) {
    options.data = data.cast<std::string>();
  } else if (py::isinstance<PyTable>(data)) {
    PyTable& t = data.cast<PyTable&>();
    table = std::move(t.table);
    options.data_in_memory.table = &table;
    options.data_in_memory.info.path = t.name;
  } else {
    throw py::value_error("data: expected a path or a table (airm._frames)");
  }
  options.fallback = text("fallback");
  options.constraints_file = text("constraints");
  options.schema_file = text("schema");
  if (!text("positive_label").empty()) options.positive_label = text("positive_label");
  if (kw.contains("threshold") && !kw["threshold"].is_none()) {
    options.threshold = kw["threshold"].cast<double>();
  }
  if (!text("suite").empty()) options.suite = text("suite");
  options.features = list("features");
  options.exclude = list("exclude");
  if (kw.contains("batch_rows")) options.batch_rows = kw["batch_rows"].cast<size_t>();
  if (kw.contains("seed")) options.seed = kw["seed"].cast<uint64_t>();
  if (kw.contains("bootstrap")) options.bootstrap = kw["bootstrap"].cast<int>();
  if (kw.contains("load_levels") && !kw["load_levels"].is_none()) {
    options.load_levels = kw["load_levels"].cast<std::vector<int>>();
  }
  if (kw.contains("load_rate") && !kw["load_rate"].is_none()) {
    options.load_rate = kw["load_rate"].cast<double>();
  }
  if (kw.contains("max_categories")) options.max_categories = kw["max_categories"].cast<int>();
  if (kw.contains("timeout")) options.timeout_seconds = kw["timeout"].cast<double>();
  if (kw.contains("retries")) options.retries = kw["retries"].cast<int>();

  std::unique_ptr<CallableAdapter> adapter;  // destroyed with the GIL held
  if (py::isinstance<py::str>(model)) {
    options.model = model.cast<std::string>();
  } else if (PyCallable_Check(model.ptr())) {
    const std::string input = text("input").empty() ? "pandas" : text("input");
    if (input != "pandas" && input != "numpy") {
      throw py::value_error("input: expected pandas or numpy, got '" + input + "'");
    }
    options.model = CallableName(model);
    // Requests of at most batch_rows x the suite's big-batch factor, as
    // RunChaos sizes a spec's adapter.
    const int max_rows = static_cast<int>(
        std::min<size_t>(options.batch_rows * chaos::ChaosOptions{}.big_batch_factor, 1u << 30));
    adapter = std::make_unique<CallableAdapter>(
        model, options.model, input == "numpy" ? CallInput::kNumpy : CallInput::kPandas, max_rows);
    options.model_adapter = adapter.get();
  } else {
    throw py::value_error("model: expected a model spec, a model file or a callable");
  }
  Result<chaos::ChaosResult> result = Status::Internal("not run");
  {
    py::gil_scoped_release release;
    result = usecases::RunChaos(options);
  }
  return PyChaos{Unwrap(std::move(result))};
}

}  // namespace

void RegisterChaos(py::module_& m) {
  py::class_<PyChaos>(m, "ChaosResult")
      .def("to_json",
           [](const PyChaos& c, const std::string& command) {
             return chaos::RenderChaosJson(c.result, MetaFor(command));
           })
      .def("to_html",
           [](const PyChaos& c, const std::string& command) {
             return chaos::RenderChaosHtml(c.result, MetaFor(command));
           })
      .def("to_junit", [](const PyChaos& c, const std::string& command) {
        return chaos::RenderChaosJUnit(c.result, MetaFor(command));
      });
  m.def("chaos", &Chaos, py::arg("model"), py::arg("data"), py::arg("target"));
}

}  // namespace airm::python
