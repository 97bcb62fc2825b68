#include "airm/usecases/list_datasets.h"

#include <map>

#include "airm/store/datasets.h"
#include "airm/store/quality_checks.h"
#include "airm/store/reference.h"
#include "airm/store/runs.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {
namespace {

// NAME@VERSION of dataset version ids, each looked up once.
class RefCache {
 public:
  explicit RefCache(store::Database& db) : db_(db) {}
  Result<std::string> Ref(int64_t id) {
    auto it = refs_.find(id);
    if (it != refs_.end()) return it->second;
    Result<store::DatasetVersion> v = store::GetDatasetVersion(db_, id);
    if (!v.ok() && v.status().code() != StatusCode::kNotFound) return v.status();
    return refs_[id] = v.ok() ? v->Ref() : "#" + std::to_string(id);
  }

 private:
  store::Database& db_;
  std::map<int64_t, std::string> refs_;
};

}  // namespace

Result<DatasetVersionList> ListDatasets(const ListDatasetsOptions& options) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  DatasetVersionList out;
  std::optional<std::string> name;
  if (!options.name.empty()) name = options.name;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(out.versions, store::ListDatasetVersions(tx, name));
    return Status::Ok();
  }));
  if (out.versions.empty()) {
    out.findings.push_back(MakeFinding(Severity::kInfo, "dataset.none_registered", "",
                                       "no datasets registered yet (airm dataset register FILE "
                                       "--name NAME)"));
  }
  return out;
}

Status ShowDatasetOptions::Validate() const {
  if (reference.empty()) return Status::InvalidArgument("dataset show needs NAME@VERSION");
  return Status::Ok();
}

Result<DatasetVersionDetail> ShowDataset(const ShowDatasetOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  DatasetVersionDetail out;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& tx) -> Status {
    out = DatasetVersionDetail{};
    AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(options.reference));
    AIRM_ASSIGN_OR_RETURN(out.version, store::ResolveDatasetVersion(tx, ref));
    RefCache refs(tx);
    AIRM_ASSIGN_OR_RETURN(std::vector<store::Run> runs, store::RunsProducing(tx, out.version.id));
    for (store::Run& run : runs) {
      ProducingRun producer{.run = std::move(run)};
      for (const store::RunInput& in : producer.run.inputs) {
        AIRM_ASSIGN_OR_RETURN(std::string ref_text, refs.Ref(in.dataset_version_id));
        producer.inputs.push_back({in.dataset_version_id, std::move(ref_text), in.role});
      }
      out.producers.push_back(std::move(producer));
    }
    AIRM_ASSIGN_OR_RETURN(std::vector<store::ColumnDerivation> lineage,
                          store::ColumnLineageOf(tx, out.version.id));
    for (store::ColumnDerivation& d : lineage) {
      ColumnSource source{.derivation = std::move(d)};
      if (source.derivation.input_dataset_version_id) {
        AIRM_ASSIGN_OR_RETURN(source.input_ref,
                              refs.Ref(*source.derivation.input_dataset_version_id));
      }
      out.column_lineage.push_back(std::move(source));
    }
    AIRM_ASSIGN_OR_RETURN(out.quality_checks, store::QualityCheckRunsOf(tx, out.version.id));
    return Status::Ok();
  }));
  out.schema = RegisteredSchema(out.version);
  return out;
}

}  // namespace airm::usecases
