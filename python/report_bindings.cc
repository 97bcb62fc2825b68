// profile, drift and evaluate over the use cases (RunProfile, RunDrift,
// RunEvaluation, MergeProfileValues, ReadSavedProfile), their rendered
// documents (the CLI's renderers), and the one gate language.
//
// Each call converts its arguments with the GIL held, releases it for the
// use case, and takes it back to raise the use case's error or wrap the
// result. Results keep the result struct; Python asks for documents.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "airm/drift_result.h"
#include "airm/eval_result.h"
#include "airm/gate.h"
#include "airm/profile.h"
#include "airm/quality.h"
#include "airm/report.h"
#include "airm/score_histogram.h"
#include "airm/sha256.h"
#include "airm/usecases/evaluation_counts.h"
#include "airm/usecases/merge_profiles.h"
#include "airm/usecases/run_chaos.h"
#include "airm/usecases/run_drift.h"
#include "airm/usecases/run_evaluation.h"
#include "airm/usecases/run_profile.h"
#include "airm/usecases/saved_profile.h"
#include "bindings.h"
#include "status_bridge.h"

namespace py = pybind11;

namespace airm::python {
namespace {

// A profile with what its report says about its input.
struct PyProfile {
  Profile profile;
  InputInfo input;
};

struct PyDrift {
  DriftResult result;
};

struct PyEvaluation {
  EvalResult result;
};

// One part's (or a merge's) evaluation counts; pickled as a tuple of plain
// values, so Dask moves them between workers.
struct PyEvalCounts {
  usecases::EvaluationCounts counts;
};

py::tuple CountsState(const PyEvalCounts& c) {
  const usecases::EvaluationCounts& e = c.counts;
  const auto tuple_of = [](const ConfusionCounts& k) {
    return py::make_tuple(k.tp, k.fp, k.tn, k.fn);
  };
  py::list segments;
  for (const auto& [key, k] : e.segments) {
    segments.append(py::make_tuple(key.first, key.second, tuple_of(k)));
  }
  // Histograms as raw bytes: pickles go between the processes of one
  // cluster, of one byte order.
  const auto bytes_of = [](const std::vector<uint64_t>& bins) {
    return py::bytes(reinterpret_cast<const char*>(bins.data()), bins.size() * sizeof(uint64_t));
  };
  py::object scores = py::none();
  if (e.scores) {
    scores = py::make_tuple(e.scores->rows, e.scores->log_loss_sum, e.scores->brier_sum,
                            bytes_of(e.scores->positives), bytes_of(e.scores->negatives));
  }
  return py::make_tuple(e.classes, e.threshold, e.rows_total, e.rows_excluded, tuple_of(e.overall),
                        e.segment_columns, segments, scores);
}

std::vector<uint64_t> BinsFromBytes(const py::handle& h) {
  const std::string bytes = h.cast<py::bytes>();
  if (bytes.size() % sizeof(uint64_t) != 0 ||
      (!bytes.empty() && bytes.size() != ScoreHistogram::kBins * sizeof(uint64_t))) {
    throw py::value_error("not a pickled airm score histogram");
  }
  std::vector<uint64_t> bins(bytes.size() / sizeof(uint64_t));
  std::memcpy(bins.data(), bytes.data(), bytes.size());
  return bins;
}

PyEvalCounts CountsFromState(const py::tuple& t) {
  if (t.size() != 8) throw py::value_error("not a pickled airm evaluation count");
  const auto counts_of = [](const py::handle& h) {
    auto k = h.cast<std::tuple<uint64_t, uint64_t, uint64_t, uint64_t>>();
    return ConfusionCounts{
        .tp = std::get<0>(k), .fp = std::get<1>(k), .tn = std::get<2>(k), .fn = std::get<3>(k)};
  };
  PyEvalCounts out;
  usecases::EvaluationCounts& e = out.counts;
  e.classes = t[0].cast<std::vector<std::string>>();
  e.threshold = t[1].cast<double>();
  e.rows_total = t[2].cast<uint64_t>();
  e.rows_excluded = t[3].cast<uint64_t>();
  e.overall = counts_of(t[4]);
  e.segment_columns = t[5].cast<std::vector<std::string>>();
  for (const py::handle& s : t[6].cast<py::list>()) {
    auto segment = s.cast<py::tuple>();
    e.segments[{segment[0].cast<std::string>(), segment[1].cast<std::string>()}] =
        counts_of(segment[2]);
  }
  if (!t[7].is_none()) {
    auto h = t[7].cast<py::tuple>();
    ScoreHistogram& scores = e.scores.emplace();
    scores.rows = h[0].cast<uint64_t>();
    scores.log_loss_sum = h[1].cast<double>();
    scores.brier_sum = h[2].cast<double>();
    scores.positives = BinsFromBytes(h[3]);
    scores.negatives = BinsFromBytes(h[4]);
    if (scores.positives.size() != scores.negatives.size()) {
      throw py::value_error("not a pickled airm score histogram");
    }
  }
  return out;
}

// The binary part of an EvalSpec from airm.dask.evaluate's keywords.
EvalSpec CountSpec(const std::string& target, const std::string& score,
                   const std::string& prediction, const std::string& positive_label,
                   const std::optional<double>& threshold) {
  EvalSpec spec;
  spec.target = target;
  spec.score = score;
  spec.prediction = prediction;
  spec.positive_label = positive_label;
  spec.threshold = threshold;
  spec.task = TaskType::kBinary;
  return spec;
}

// One input of a use case: a file path, a table built for this call, or a
// profile; `table` / `profile` keep the Python objects' data alive.
struct Input {
  std::string path;
  usecases::InMemoryInput in_memory;
  Table table;  // taken from the Python table, built for this one call
};

void ReadInput(const py::object& from, const char* what, Input* out) {
  if (from.is_none()) return;
  if (py::isinstance<py::str>(from)) {
    out->path = from.cast<std::string>();
    return;
  }
  if (py::isinstance<PyTable>(from)) {
    PyTable& t = from.cast<PyTable&>();
    out->table = std::move(t.table);
    out->in_memory.table = &out->table;
    out->in_memory.info.path = t.name;
    return;
  }
  if (py::isinstance<PyProfile>(from)) {
    const PyProfile& p = from.cast<const PyProfile&>();
    out->in_memory.profile = &p.profile;
    out->in_memory.info = p.input;
    return;
  }
  throw py::value_error(std::string(what) +
                        ": expected a path, a table (airm._frames) or an airm Profile");
}

ProfileOptions ProfileOptionsWith(int kll_k) {
  ProfileOptions options;
  options.kll_k = kll_k;
  return options;
}

PyProfile ProfileOf(const py::object& data, bool stream, int kll_k, size_t chunk_rows) {
  Input input;
  ReadInput(data, "data", &input);
  usecases::RunProfileOptions options;
  options.data = input.path;
  options.stream = stream;
  options.profile = ProfileOptionsWith(kll_k);
  options.read.chunk_rows = chunk_rows;
  options.in_memory = input.in_memory;
  Result<usecases::ProfileRun> run = Status::Internal("not run");
  {
    py::gil_scoped_release release;
    run = usecases::RunProfile(options);
  }
  usecases::ProfileRun done = Unwrap(std::move(run));
  return PyProfile{std::move(done.profile), std::move(done.input)};
}

PyProfile ReadProfile(const std::string& path) {
  PyProfile out;
  Result<Profile> read = Status::Internal("not run");
  {
    py::gil_scoped_release release;
    read = usecases::ReadSavedProfile(path, &out.input);
  }
  out.profile = Unwrap(std::move(read));
  return out;
}

// A profile from SerializeProfile's bytes (pickling, Dask); `name` stands in
// for its path.
PyProfile ProfileFromBytes(const py::bytes& data, const std::string& name) {
  const std::string bytes = data;
  PyProfile out;
  auto profile = DeserializeProfile(bytes);
  if (!profile.ok())
    ThrowStatus(Status(profile.status().code(), name + ": " + profile.status().message()));
  out.profile = std::move(profile).value();
  out.input = InputInfo{.path = name,
                        .sha256 = Sha256Hex(bytes),
                        .rows = out.profile.num_rows,
                        .columns = out.profile.columns.size(),
                        .bytes = bytes.size()};
  return out;
}

PyProfile Merge(const std::vector<const PyProfile*>& parts, const std::string& name) {
  std::vector<Profile> profiles;
  std::vector<std::string> names;
  for (const PyProfile* p : parts) {
    profiles.push_back(p->profile);
    names.push_back(p->input.path);
  }
  Result<Profile> merged = Status::Internal("not run");
  {
    py::gil_scoped_release release;
    merged = usecases::MergeProfileValues(profiles, names);
  }
  PyProfile out;
  out.profile = Unwrap(std::move(merged));
  // Merged in memory: no file's bytes, so no digest.
  out.input = InputInfo{.path = name,
                        .sha256 = "",
                        .rows = out.profile.num_rows,
                        .columns = out.profile.columns.size(),
                        .bytes = 0};
  return out;
}

RoleAssignment Roles(const std::vector<std::string>& target,
                     const std::vector<std::string>& prediction,
                     const std::vector<std::string>& score, const std::vector<std::string>& segment,
                     const std::vector<std::string>& id) {
  RoleAssignment roles;
  roles.target = target;
  roles.prediction = prediction;
  roles.score = score;
  roles.segment = segment;
  roles.id = id;
  return roles;
}

PyDrift Drift(const py::object& reference, const py::object& current, const py::kwargs& kw) {
  Input ref, cur;
  ReadInput(reference, "reference", &ref);
  ReadInput(current, "current", &cur);
  const auto list = [&](const char* key) {
    return kw.contains(key) ? kw[key].cast<std::vector<std::string>>() : std::vector<std::string>{};
  };
  usecases::RunDriftOptions options;
  options.reference = ref.path;
  options.current = cur.path;
  options.reference_in_memory = ref.in_memory;
  options.current_in_memory = cur.in_memory;
  options.roles =
      Roles(list("target"), list("prediction"), list("score"), list("segment"), list("id"));
  DriftConfig& config = options.config;
  config.columns = list("columns");
  config.exclude = list("exclude");
  if (kw.contains("schema")) options.schema_file = kw["schema"].cast<std::string>();
  if (kw.contains("method")) config.method = kw["method"].cast<std::string>();
  if (kw.contains("all_tests")) config.all_tests = kw["all_tests"].cast<bool>();
  if (kw.contains("alpha")) config.alpha = kw["alpha"].cast<double>();
  if (kw.contains("correction")) config.correction = kw["correction"].cast<std::string>();
  if (kw.contains("drift_share")) config.drift_share = kw["drift_share"].cast<double>();
  if (kw.contains("bins")) config.bins = kw["bins"].cast<int>();
  if (kw.contains("min_rows")) config.min_rows = kw["min_rows"].cast<uint64_t>();
  if (kw.contains("min_segment_rows")) {
    config.min_segment_rows = kw["min_segment_rows"].cast<uint64_t>();
  }
  if (kw.contains("multivariate")) config.domain_classifier = kw["multivariate"].cast<bool>();
  if (kw.contains("seed")) config.seed = kw["seed"].cast<uint64_t>();
  if (kw.contains("sketch")) options.sketch = kw["sketch"].cast<bool>();
  if (kw.contains("sketch_k")) options.sketch_profile.kll_k = kw["sketch_k"].cast<int>();
  for (const std::string& spec : list("quality_thresholds")) {
    if (options.thresholds.empty()) options.thresholds = DefaultQualityThresholds();
    ThrowIfError(ParseQualityThreshold(spec, &options.thresholds));
  }
  Result<DriftResult> result = Status::Internal("not run");
  {
    py::gil_scoped_release release;
    result = usecases::RunDrift(options);
  }
  return PyDrift{Unwrap(std::move(result))};
}

PyEvaluation Evaluate(const py::object& data, const py::object& reference, const py::kwargs& kw) {
  Input in, ref;
  ReadInput(data, "data", &in);
  ReadInput(reference, "reference", &ref);
  if (in.in_memory.profile != nullptr || ref.in_memory.profile != nullptr) {
    throw py::value_error("evaluate needs rows (a DataFrame or a data file), not a profile");
  }
  const auto text = [&](const char* key) {
    return kw.contains(key) && !kw[key].is_none() ? kw[key].cast<std::string>() : std::string();
  };
  const auto list = [&](const char* key) {
    return kw.contains(key) ? kw[key].cast<std::vector<std::string>>() : std::vector<std::string>{};
  };
  usecases::RunEvaluationOptions options;
  options.data = in.path;
  options.reference = ref.path;
  options.data_in_memory = in.in_memory;
  options.reference_in_memory = ref.in_memory;
  options.schema_file = text("schema");
  EvalSpec& spec = options.spec;
  spec.target = text("target");
  spec.score = text("score");
  spec.prediction = text("prediction");
  spec.proba_prefix = text("proba_prefix");
  spec.positive_label = text("positive_label");
  if (kw.contains("threshold") && !kw["threshold"].is_none()) {
    spec.threshold = kw["threshold"].cast<double>();
  }
  const std::string task = text("task");
  if (task == "binary") spec.task = TaskType::kBinary;
  if (task == "multiclass") spec.task = TaskType::kMulticlass;
  if (task == "regression") spec.task = TaskType::kRegression;
  if (!task.empty() && task != "auto" && !spec.task) {
    throw py::value_error("task: expected auto, binary, multiclass or regression, got '" + task +
                          "'");
  }
  EvalConfig& config = options.config;
  config.segment_columns = list("segment");
  config.sensitive_columns = list("sensitive");
  if (kw.contains("segment_bins")) config.segment_bins = kw["segment_bins"].cast<int>();
  if (kw.contains("min_group_rows")) config.min_group_rows = kw["min_group_rows"].cast<uint64_t>();
  if (kw.contains("bootstrap")) config.bootstrap = kw["bootstrap"].cast<int>();
  if (kw.contains("seed")) config.seed = kw["seed"].cast<uint64_t>();
  if (kw.contains("alpha")) config.alpha = kw["alpha"].cast<double>();
  if (kw.contains("slice_depth")) config.slice_max_predicates = kw["slice_depth"].cast<int>();
  if (kw.contains("slice_top")) config.slice_top_k = kw["slice_top"].cast<int>();
  if (kw.contains("slice_min_rows")) {
    config.slice_min_support = kw["slice_min_rows"].cast<uint64_t>();
  }
  if (kw.contains("confirm_holdout")) config.confirm_holdout = kw["confirm_holdout"].cast<bool>();
  if (kw.contains("calibration_bins")) {
    config.calibration_bins = kw["calibration_bins"].cast<int>();
  }
  if (kw.contains("tail_share")) config.tail_share = kw["tail_share"].cast<double>();
  Result<EvalResult> result = Status::Internal("not run");
  {
    py::gil_scoped_release release;
    result = usecases::RunEvaluation(options);
  }
  return PyEvaluation{Unwrap(std::move(result))};
}

// (condition, held, observed) per condition; `aliases` "drift" or "chaos"
// for that report's shorthands, "" for none.
std::vector<std::tuple<std::string, bool, std::string>> Gates(const std::string& expressions,
                                                              const std::string& json,
                                                              const std::string& aliases) {
  const GateAliases none;
  const GateAliases& table = aliases == "drift"   ? usecases::DriftGateAliases()
                             : aliases == "chaos" ? usecases::ChaosGateAliases()
                                                  : none;
  auto outcomes = Unwrap(EvaluateGates(expressions, json, table));
  std::vector<std::tuple<std::string, bool, std::string>> out;
  for (const GateOutcome& g : outcomes) out.emplace_back(g.condition, g.held, g.observed);
  return out;
}

}  // namespace

void RegisterReports(py::module_& m) {
  py::class_<PyProfile>(m, "Profile", "A column profile (exact, or from mergeable sketches)")
      .def_property_readonly("num_rows", [](const PyProfile& p) { return p.profile.num_rows; })
      .def_property_readonly("exact", [](const PyProfile& p) { return p.profile.exact(); })
      .def_property_readonly("name", [](const PyProfile& p) { return p.input.path; })
      .def_property_readonly("column_names",
                             [](const PyProfile& p) {
                               std::vector<std::string> names;
                               for (const ColumnProfile& c : p.profile.columns) {
                                 names.push_back(c.name);
                               }
                               return names;
                             })
      .def("to_json",
           [](const PyProfile& p, const std::string& command) {
             return RenderProfileJson(p.profile, p.input, MetaFor(command));
           })
      .def("to_html",
           [](const PyProfile& p, const std::string& command) {
             return RenderProfileHtml(p.profile, p.input, MetaFor(command));
           })
      .def("to_bytes", [](const PyProfile& p) { return py::bytes(SerializeProfile(p.profile)); })
      .def("save",
           [](const PyProfile& p, const std::string& path) {
             ThrowIfError(WriteFileAtomically(path, SerializeProfile(p.profile)));
           })
      .def("renamed", [](const PyProfile& p, const std::string& name) {
        PyProfile out = p;
        out.input.path = name;
        return out;
      });
  m.def("profile", &ProfileOf, py::arg("data"), py::arg("stream") = false,
        py::arg("kll_k") = ProfileOptions{}.kll_k,
        py::arg("chunk_rows") = ReadOptions{}.chunk_rows);
  m.def("read_profile", &ReadProfile, py::arg("path"));
  m.def("is_saved_profile", &usecases::IsSavedProfile, py::arg("path"));
  m.def("profile_from_bytes", &ProfileFromBytes, py::arg("data"), py::arg("name"));
  m.def("merge_profiles", &Merge, py::arg("profiles"), py::arg("name"));

  py::class_<PyDrift>(m, "DriftResult")
      .def("to_json",
           [](const PyDrift& d, const std::string& command) {
             return RenderDriftJson(d.result, MetaFor(command));
           })
      .def("to_html", [](const PyDrift& d, const std::string& command) {
        return RenderDriftHtml(d.result, MetaFor(command));
      });
  m.def("drift", &Drift, py::arg("reference"), py::arg("current"));

  py::class_<PyEvaluation>(m, "EvaluationResult")
      .def("to_json",
           [](const PyEvaluation& e, const std::string& command) {
             return RenderEvalJson(e.result, MetaFor(command));
           })
      .def("to_html", [](const PyEvaluation& e, const std::string& command) {
        return RenderEvalHtml(e.result, MetaFor(command));
      });
  m.def("evaluate", &Evaluate, py::arg("data"), py::arg("reference") = py::none());

  py::class_<PyEvalCounts>(m, "EvaluationCounts", "Binary confusion counts of a part, mergeable")
      .def_property_readonly("rows", [](const PyEvalCounts& c) { return c.counts.rows_total; })
      .def(py::pickle(&CountsState, &CountsFromState));
  m.def(
      "eval_target_labels",
      [](const PyTable& part, const std::string& target) {
        return Unwrap(TargetLabels(part.table, target));
      },
      py::arg("part"), py::arg("target"));
  m.def(
      "eval_classes",
      [](const std::vector<usecases::LabelCounts>& parts, const std::string& target,
         const std::string& positive_label) {
        EvalSpec spec = CountSpec(target, "", "", positive_label, std::nullopt);
        usecases::BinaryClassChoice choice = Unwrap(usecases::DecideBinaryClasses(parts, spec));
        return py::make_tuple(choice.classes, choice.note);
      },
      py::arg("parts"), py::arg("target"), py::arg("positive_label") = "");
  m.def(
      "eval_count_part",
      [](const PyTable& part, const std::vector<std::string>& classes, const std::string& target,
         const std::string& score, const std::string& prediction,
         const std::optional<double>& threshold, const std::vector<std::string>& segments) {
        EvalSpec spec = CountSpec(target, score, prediction, "", threshold);
        spec.classes = classes;
        Result<usecases::EvaluationCounts> counts = Status::Internal("not run");
        {
          py::gil_scoped_release release;
          counts = usecases::CountEvaluationPart(part.table, spec, segments);
        }
        return PyEvalCounts{Unwrap(std::move(counts))};
      },
      py::arg("part"), py::arg("classes"), py::arg("target"), py::arg("score") = "",
      py::arg("prediction") = "", py::arg("threshold") = py::none(),
      py::arg("segments") = std::vector<std::string>{});
  m.def(
      "merge_eval_counts",
      [](const std::vector<const PyEvalCounts*>& parts) {
        std::vector<usecases::EvaluationCounts> counts;
        for (const PyEvalCounts* p : parts) counts.push_back(p->counts);
        return PyEvalCounts{Unwrap(usecases::MergeEvaluationCounts(counts))};
      },
      py::arg("parts"));
  m.def(
      "evaluation_from_counts",
      [](const PyEvalCounts& counts, const std::string& name, size_t columns,
         uint64_t min_group_rows, const std::string& class_note) {
        EvalConfig config;
        config.segment_columns = counts.counts.segment_columns;
        config.min_group_rows = min_group_rows;
        // Counts hold no file's bytes: no digest.
        const InputInfo data{.path = name,
                             .sha256 = "",
                             .rows = counts.counts.rows_total,
                             .columns = columns,
                             .bytes = 0};
        return PyEvaluation{
            usecases::EvaluationFromCounts(counts.counts, config, data, class_note)};
      },
      py::arg("counts"), py::arg("name"), py::arg("columns"), py::arg("min_group_rows"),
      py::arg("class_note"));

  m.def("gates", &Gates, py::arg("expressions"), py::arg("json"), py::arg("aliases") = "");
}

}  // namespace airm::python
