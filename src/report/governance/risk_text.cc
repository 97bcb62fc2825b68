// Text of `airm risk add|update|list|export`.
#include <sstream>

#include "airm/report/governance_text.h"

namespace airm::report {

std::string RiskRatingText(const governance::Risk& r, const governance::RiskMatrix& m) {
  std::string out = "inherent " + m.Rating(r.inherent_likelihood, r.inherent_impact) + " (" +
                    std::to_string(r.inherent_likelihood) + "x" +
                    std::to_string(r.inherent_impact) + ")";
  if (r.residual_likelihood && r.residual_impact) {
    out += ", residual " + m.Rating(*r.residual_likelihood, *r.residual_impact) + " (" +
           std::to_string(*r.residual_likelihood) + "x" + std::to_string(*r.residual_impact) + ")";
  }
  return out;
}

std::string RiskAddedText(const usecases::RiskWritten& added) {
  return "added " + added.risk.Key() + " to " + added.risk.system + ": " + added.risk.title + ", " +
         RiskRatingText(added.risk, added.matrix) + "\n" + GovernanceFindingsText(added.findings);
}

std::string RiskUpdatedText(const usecases::RiskWritten& updated) {
  std::string out;
  if (!updated.changed.empty()) {
    std::string fields;
    for (const std::string& name : updated.changed) fields += (fields.empty() ? "" : ", ") + name;
    out = "updated " + updated.risk.Key() + " (" + fields + "): " + updated.risk.status + ", " +
          RiskRatingText(updated.risk, updated.matrix) + "\n";
  }
  return out + GovernanceFindingsText(updated.findings);
}

std::string RiskRegisterText(const usecases::RiskRegister& reg) {
  std::ostringstream out;
  if (reg.risks.empty()) out << "the risk register is empty\n";
  for (const governance::Risk& r : reg.risks) {
    out << r.Key() << "  " << r.system << "  " << r.category << "  " << r.title << "  "
        << RiskRatingText(r, reg.matrix) << "  " << r.status << "  owner " << r.owner << "  due "
        << r.due_date.value_or("—") << "\n";
  }
  return out.str() + GovernanceFindingsText(reg.findings);
}

std::string RiskExportedText(const usecases::RiskRegister& reg) {
  return "airm: exported " + std::to_string(reg.risks.size()) + " risks\n";
}

}  // namespace airm::report
