#include "airm/governance/system_view.h"

namespace airm::governance {

Result<SystemView> LoadSystemView(store::Database& db, const AiSystem& system) {
  SystemView view;
  view.system = system;
  AIRM_ASSIGN_OR_RETURN(view.models, ModelsOfSystem(db, system.id));
  AIRM_ASSIGN_OR_RETURN(view.classification, LatestClassification(db, system.id));
  AIRM_ASSIGN_OR_RETURN(view.risks, ListRisks(db, system.id));
  return view;
}

}  // namespace airm::governance
