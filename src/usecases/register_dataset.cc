#include "airm/usecases/register_dataset.h"

#include "airm/store/datasets.h"
#include "store_audit.h"

namespace airm::usecases {

Status RegisterDatasetOptions::Validate() const {
  if (file.empty()) return Status::InvalidArgument("dataset register needs a file");
  return Status::Ok();
}

Result<RegisteredDatasetVersion> RegisterDataset(const RegisterDatasetOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_ASSIGN_OR_RETURN(
      store::NewDatasetVersion version,
      DescribeFileForRegistration(options.file, options.name, options.read, options.progress));
  version.tags = options.tags;
  if (!options.source_uri.empty()) version.source_uri = options.source_uri;

  store::RegisteredDataset registered;
  AIRM_ASSIGN_OR_RETURN(internal::StoreAuditor audit, internal::StoreAuditor::Open(opened));
  AIRM_RETURN_IF_ERROR(opened.db->WriteTransaction([&](store::Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(registered, store::RegisterDatasetVersion(tx, version));
    if (!registered.created) return Status::Ok();
    const store::DatasetVersion& v = registered.version;
    return audit.Append(tx, {.action = "dataset.register",
                             .subject = "dataset:" + v.Ref(),
                             .details = {{"digest", v.digest},
                                         {"rows", v.row_count ? std::to_string(*v.row_count) : ""},
                                         {"path", v.path.value_or("")}}});
  }));
  AIRM_RETURN_IF_ERROR(audit.Finish());
  RegisteredDatasetVersion out;
  out.version = registered.version;
  out.created = registered.created;
  out.note = version.content.note;
  if (out.note) {
    out.findings.push_back(
        MakeFinding(Severity::kInfo, "dataset.not_tabular", out.version.Ref(), *out.note));
  }
  if (!out.created && !options.tags.empty() && options.tags != out.version.tags) {
    out.findings.push_back(
        MakeFinding(Severity::kWarn, "dataset.tags_not_applied", out.version.Ref(),
                    "the tag values were not applied: a registered version is immutable"));
  }
  return out;
}

}  // namespace airm::usecases
