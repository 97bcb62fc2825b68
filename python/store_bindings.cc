// The workspace's store through its use cases: InitWorkspace, ListDatasets,
// RegisterDataset, ListModels, RegisterModel, LogPredictions and TraceLineage, each result rendered
// by the renderer the CLI's --json uses (airm/report/store_documents.h,
// airm/report/lineage_documents.h). The store is located as --store PATH locates it.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <string>
#include <vector>

#include "airm/report/lineage_documents.h"
#include "airm/report/store_documents.h"
#include "airm/usecases/init_workspace.h"
#include "airm/usecases/list_datasets.h"
#include "airm/usecases/log_predictions.h"
#include "airm/usecases/model_card.h"
#include "airm/usecases/register_dataset.h"
#include "airm/usecases/register_model.h"
#include "airm/usecases/trace_lineage.h"
#include "bindings.h"
#include "status_bridge.h"

namespace py = pybind11;

namespace airm::python {
namespace {

// Runs `call` with the GIL released and renders its result with `render`
// (GIL held again), raising the use case's error.
template <typename Call, typename Render>
std::string RunAndRender(Call&& call, Render&& render) {
  decltype(call()) result = Status::Internal("not run");
  {
    py::gil_scoped_release release;
    result = call();
  }
  return render(Unwrap(std::move(result)));
}

store::LocateOptions At(const std::string& path) { return {.store_flag = path}; }

}  // namespace

void RegisterStore(py::module_& m) {
  m.def(
      "init_workspace",
      [](const std::string& dir, const std::string& name) {
        usecases::InitWorkspaceOptions options{.dir = dir, .name = name};
        return RunAndRender([&] { return usecases::InitWorkspace(options); },
                            [](const usecases::InitializedWorkspace& w) {
                              return report::RenderWorkspaceJson(
                                  w, MetaFor("airm.Workspace.init (Python)"));
                            });
      },
      py::arg("dir"), py::arg("name") = "");
  m.def(
      "list_datasets",
      [](const std::string& workspace, const std::string& name) {
        usecases::ListDatasetsOptions options{.store = At(workspace), .name = name};
        return RunAndRender([&] { return usecases::ListDatasets(options); },
                            [](const usecases::DatasetVersionList& l) {
                              return report::RenderDatasetVersionsJson(
                                  l, MetaFor("airm.Workspace.datasets (Python)"));
                            });
      },
      py::arg("workspace"), py::arg("name") = "");
  m.def(
      "list_models",
      [](const std::string& workspace, const std::string& name) {
        usecases::ListModelsOptions options{.store = At(workspace), .name = name};
        return RunAndRender([&] { return usecases::ListModels(options); },
                            [](const std::vector<store::ModelVersion>& versions) {
                              return report::RenderModelVersionsJson(
                                  versions, MetaFor("airm.Workspace.models (Python)"));
                            });
      },
      py::arg("workspace"), py::arg("name") = "");
  m.def(
      "register_dataset",
      [](const std::string& workspace, const std::string& file, const std::string& name,
         const std::string& source_uri, const std::map<std::string, std::string>& tags) {
        usecases::RegisterDatasetOptions options{.store = At(workspace),
                                                 .file = file,
                                                 .name = name,
                                                 .source_uri = source_uri,
                                                 .tags = tags};
        return RunAndRender([&] { return usecases::RegisterDataset(options); },
                            [](const usecases::RegisteredDatasetVersion& r) {
                              return report::RenderDatasetRegistrationJson(
                                  r, MetaFor("airm.Workspace.register_dataset (Python)"));
                            });
      },
      py::arg("workspace"), py::arg("file"), py::arg("name") = "", py::arg("source_uri") = "",
      py::arg("tags") = std::map<std::string, std::string>{});
  m.def(
      "register_model",
      [](const std::string& workspace, const std::string& name, const std::string& version,
         const std::string& artifact, const std::string& trained_by,
         const std::vector<std::string>& training_data,
         const std::vector<std::string>& validation_data, const std::vector<std::string>& test_data,
         const std::string& card, const std::string& metrics,
         const std::map<std::string, std::string>& parameters) {
        usecases::RegisterModelOptions options{.store = At(workspace),
                                               .name = name,
                                               .version = version,
                                               .artifact = artifact,
                                               .trained_by = trained_by,
                                               .training_data = training_data,
                                               .validation_data = validation_data,
                                               .test_data = test_data,
                                               .card = card,
                                               .metrics = metrics,
                                               .parameters = parameters};
        return RunAndRender([&] { return usecases::RegisterModel(options); },
                            [](const usecases::RegisteredModelVersion& r) {
                              return report::RenderModelRegistrationJson(
                                  r, MetaFor("airm.Workspace.register_model (Python)"));
                            });
      },
      py::arg("workspace"), py::arg("name"), py::arg("version"), py::arg("artifact"),
      py::arg("trained_by") = "", py::arg("training_data") = std::vector<std::string>{},
      py::arg("validation_data") = std::vector<std::string>{},
      py::arg("test_data") = std::vector<std::string>{}, py::arg("card") = "",
      py::arg("metrics") = "", py::arg("parameters") = std::map<std::string, std::string>{});
  m.def(
      "log_predictions",
      [](const std::string& workspace, const py::object& data, const std::string& model,
         const std::string& deployment_env, const std::string& name, const std::string& id_column,
         const std::string& time_column, const std::string& output_column,
         const std::vector<std::string>& exclude_columns, const std::string& schema,
         bool store_features) {
        usecases::LogPredictionsOptions options{.store = At(workspace),
                                                .file = "",  // set below for a path
                                                .model = model,
                                                .deployment_env = deployment_env,
                                                .name = name,
                                                .id_column = id_column,
                                                .time_column = time_column,
                                                .output_column = output_column,
                                                .exclude_columns = exclude_columns,
                                                .schema_file = schema,
                                                .store_features = store_features};
        // A path, or a table (airm._frames) taken for this one call.
        Table table;
        std::string table_name;
        if (py::isinstance<PyTable>(data)) {
          PyTable& t = data.cast<PyTable&>();
          table = std::move(t.table);
          table_name = t.name;
        } else {
          options.file = data.cast<std::string>();
        }
        return RunAndRender(
            [&] {
              return table_name.empty()
                         ? usecases::LogPredictions(options)
                         : usecases::LogPredictionTable(options, table_name, std::move(table));
            },
            [](const usecases::LoggedPredictions& p) {
              return report::RenderLoggedPredictionsJson(
                  p, MetaFor("airm.Workspace.log_predictions (Python)"));
            });
      },
      py::arg("workspace"), py::arg("data"), py::arg("model") = "", py::arg("deployment_env") = "",
      py::arg("name") = "", py::arg("id_column") = "", py::arg("time_column") = "",
      py::arg("output_column") = "", py::arg("exclude_columns") = std::vector<std::string>{},
      py::arg("schema") = "", py::arg("store_features") = false);
  m.def(
      "trace",
      [](const std::string& workspace, const std::string& prediction_id, const std::string& as_of,
         bool verify_files) {
        usecases::TraceLineageOptions options{.store = At(workspace),
                                              .prediction_id = prediction_id,
                                              .as_of = as_of,
                                              .verify_files = verify_files};
        return RunAndRender([&] { return usecases::TraceLineage(options); },
                            [](const lineage::TraceResult& t) {
                              return lineage::RenderTrace(t, lineage::GraphFormat::kJson,
                                                          MetaFor("airm.Workspace.trace (Python)"));
                            });
      },
      py::arg("workspace"), py::arg("prediction_id"), py::arg("as_of") = "",
      py::arg("verify_files") = true);
}

}  // namespace airm::python
