#include "airm/usecases/model_card.h"

#include "airm/store/models.h"
#include "airm/store/reference.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

Status ModelCardOptions::Validate() const {
  if (model.empty()) return Status::InvalidArgument("model card needs NAME@VERSION");
  return Status::Ok();
}

Result<lineage::ModelCard> MakeModelCard(const ModelCardOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(options.model));
  AIRM_ASSIGN_OR_RETURN(store::ModelVersion version, store::ResolveModelVersion(*opened.db, ref));
  return lineage::BuildModelCard(*opened.db, version.id);
}

Result<std::vector<store::ModelVersion>> ListModels(const ListModelsOptions& options) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  return store::ListModelVersions(*opened.db, options.name);
}

}  // namespace airm::usecases
