// Text of `airm system add|link|classify|list|show`, and the finding and
// actor lines every governance command shares.
#include <sstream>

#include "airm/report/governance_text.h"

namespace airm::report {
namespace {

std::string Tier(const governance::SystemView& v) {
  return v.classification ? v.classification->result.tier : "unclassified";
}

}  // namespace

std::string GovernanceFindingsText(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::string("  ") + SeverityName(f.severity) + "  " + f.code + "  " + f.message + "\n";
  }
  return out;
}

std::string ActorText(const governance::Actor& actor) {
  return "airm: actor: " + actor.name + " (from " + actor.source + ")\n";
}

std::string SystemAddedText(const usecases::SystemAdded& added) {
  std::ostringstream out;
  out << "added AI system " << added.system.name << " (owner " << added.system.owner << ", "
      << added.system.lifecycle_state << "); audit entry " << added.audit_head.tree_size << "\n";
  return out.str();
}

std::string SystemLinkedText(const usecases::SystemLinked& linked) {
  std::string out;
  for (const std::string& m : linked.linked) {
    out += "linked model " + m + " to " + linked.system.system.name + "\n";
  }
  return out + GovernanceFindingsText(linked.findings);
}

std::string SystemClassifiedText(const usecases::SystemClassified& classified) {
  std::string out = classified.system.system.name + ": EU AI Act tier ";
  if (classified.system.classification) {
    const governance::StoredClassification& c = *classified.system.classification;
    out += c.result.tier + " (" + c.result.ruleset + ")\n";
    for (const std::string& r : c.result.rationale) out += "  - " + r + "\n";
  } else {
    out += "unclassified\n";
  }
  return out + GovernanceFindingsText(classified.findings);
}

std::string InventoryText(const usecases::SystemInventory& inventory) {
  std::ostringstream out;
  if (inventory.systems.empty()) out << "no AI systems in the inventory\n";
  for (const governance::SystemView& v : inventory.systems) {
    out << v.system.name << "  tier " << Tier(v) << "  " << v.system.lifecycle_state << "  owner "
        << v.system.owner << "  models " << v.models.size() << "  risks " << v.risks.size() << "\n";
  }
  return out.str() + GovernanceFindingsText(inventory.findings);
}

std::string SystemDetailText(const usecases::SystemShown& shown) {
  std::ostringstream out;
  const governance::AiSystem& sys = shown.system.system;
  out << sys.name << "\n"
      << "  owner           " << sys.owner << "\n"
      << "  business unit   " << sys.business_unit << "\n"
      << "  purpose         " << sys.purpose << "\n"
      << "  decision type   " << sys.decision_type << "\n"
      << "  affected people " << sys.affected_people << "\n"
      << "  lifecycle       " << sys.lifecycle_state << "\n"
      << "  EU AI Act tier  " << Tier(shown.system) << "\n";
  if (shown.system.classification) {
    for (const std::string& r : shown.system.classification->result.rationale) {
      out << "    - " << r << "\n";
    }
  }
  for (const governance::LinkedModel& m : shown.system.models) {
    out << "  model           " << m.model << " (" << m.versions << " versions)\n";
  }
  for (const governance::Risk& r : shown.system.risks) {
    out << "  risk            " << r.Key() << " " << r.category << " " << r.title << " ["
        << r.status << "]\n";
  }
  return out.str() + GovernanceFindingsText(shown.findings);
}

}  // namespace airm::report
