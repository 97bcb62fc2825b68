// MakeModelCard (`airm model card NAME@VERSION`): the model card of one
// version, gathered from the store each time (airm/lineage/model_card.h);
// rendering to JSON, Markdown or HTML is lineage::RenderModelCard
// (airm/report/lineage_documents.h).
#pragma once

#include <string>
#include <vector>

#include "airm/lineage/model_card.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct ModelCardOptions {
  store::LocateOptions store = {};
  std::string model = "";  // NAME@VERSION (version, digest prefix or latest)
  Status Validate() const;
};

struct ListModelsOptions {
  store::LocateOptions store = {};
  std::string name = "";  // "" = every model
};
// Every registered model version (by name, then registration order).
Result<std::vector<store::ModelVersion>> ListModels(const ListModelsOptions& options);

// NotFound for an unknown model or version (naming what exists).
Result<lineage::ModelCard> MakeModelCard(const ModelCardOptions& options);

}  // namespace airm::usecases
