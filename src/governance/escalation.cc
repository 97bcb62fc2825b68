#include "airm/governance/escalation.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>

#include "airm/governance/risk_register.h"
#include "choices.h"

namespace airm::governance {
namespace {

using internal::YamlNodeError;

std::optional<std::chrono::sys_days> Day(const std::string& date) {
  if (!ParseDueDate(date)) return std::nullopt;
  const int y = std::stoi(date.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

Status Days(const std::string& path, const YAML::Node& node, const char* key, int* out) {
  if (!node[key]) return Status::Ok();
  int v = 0;
  if (!node[key].IsScalar() || !YAML::convert<int>::decode(node[key], v) || v < 0) {
    return YamlNodeError(
        path, node[key],
        std::string("escalation.") + key + ": expected a whole number of days >= 0");
  }
  *out = v;
  return Status::Ok();
}

// Each person's manager from the directory, under every name of theirs that
// escalation.managers does not already map (it named the same manager then).
void AddDirectoryManagers(const PeopleDirectory& people, EscalationConfig* config) {
  for (const Person& p : people.people) {
    if (p.manager.empty()) continue;
    config->managers.emplace(p.id, p.manager);
    for (const std::string& alias : p.aliases) config->managers.emplace(alias, p.manager);
  }
}

}  // namespace

std::optional<int> DaysBetween(const std::string& from, const std::string& to) {
  const auto a = Day(from);
  const auto b = Day(to);
  if (!a || !b) return std::nullopt;
  return static_cast<int>((*b - *a).count());
}

std::string HolderOf(const Escalation& e) {
  return e.level == "owner" ? e.item.owner : e.escalate_to;
}

Result<EscalationConfig> ParseEscalationConfig(const std::string& yaml_text,
                                               const std::string& path,
                                               const PeopleDirectory* people) {
  EscalationConfig out;
  const bool directory = people != nullptr && people->Configured();
  // A name escalation sends to by rule must be reachable when there is a directory.
  auto known = [&](const YAML::Node& node, const std::string& key,
                   const std::string& name) -> Status {
    if (!directory || people->Find(name)) return Status::Ok();
    return YamlNodeError(path, node,
                         key + ": '" + name + "' is not in people: (" + people->source +
                             "); add an entry with their address");
  };
  try {
    const YAML::Node doc = YAML::Load(yaml_text);
    if (!doc.IsMap() || !doc["escalation"]) {
      if (directory) AddDirectoryManagers(*people, &out);
      return out;
    }
    const YAML::Node e = doc["escalation"];
    if (!e.IsMap()) return YamlNodeError(path, e, "escalation: expected a mapping");
    out.source = path;
    static constexpr const char* kKeys[] = {
        "default_to",     "managers", "risk_grace_days", "condition_grace_days", "review_sla_days",
        "alert_sla_days", "chain"};
    for (const auto& entry : e) {
      if (!internal::OneOf(entry.first.Scalar(), kKeys)) {
        return YamlNodeError(path, entry.first,
                             "escalation: unknown key '" + entry.first.Scalar() +
                                 "'; expected one of " + internal::ListOf(kKeys));
      }
    }
    if (e["default_to"]) {
      if (!e["default_to"].IsScalar() || e["default_to"].Scalar().empty()) {
        return YamlNodeError(path, e["default_to"],
                             "escalation.default_to: expected one role or person");
      }
      out.default_to = e["default_to"].Scalar();
      AIRM_RETURN_IF_ERROR(known(e["default_to"], "escalation.default_to", out.default_to));
    }
    if (const YAML::Node m = e["managers"]) {
      if (!m.IsMap()) {
        return YamlNodeError(path, m, "escalation.managers: expected PERSON: MANAGER pairs");
      }
      for (const auto& pair : m) {
        if (!pair.second.IsScalar() || pair.second.Scalar().empty()) {
          return YamlNodeError(
              path, pair.second,
              "escalation.managers." + pair.first.Scalar() + ": expected the manager's name");
        }
        const std::string key = "escalation.managers." + pair.first.Scalar();
        AIRM_RETURN_IF_ERROR(known(pair.second, key, pair.second.Scalar()));
        const Person* person = directory ? people->Find(pair.first.Scalar()) : nullptr;
        if (person && !person->manager.empty() &&
            people->Find(pair.second.Scalar())->id != person->manager) {
          return YamlNodeError(path, pair.second,
                               key + ": '" + pair.second.Scalar() + "', but people." + person->id +
                                   ".manager is '" + person->manager +
                                   "'; name the manager in one place");
        }
        out.managers[pair.first.Scalar()] = pair.second.Scalar();
      }
    }
    if (directory) AddDirectoryManagers(*people, &out);
    AIRM_RETURN_IF_ERROR(Days(path, e, "risk_grace_days", &out.risk_grace_days));
    AIRM_RETURN_IF_ERROR(Days(path, e, "condition_grace_days", &out.condition_grace_days));
    AIRM_RETURN_IF_ERROR(Days(path, e, "review_sla_days", &out.review_sla_days));
    AIRM_RETURN_IF_ERROR(Days(path, e, "alert_sla_days", &out.alert_sla_days));
    if (const YAML::Node chain = e["chain"]) {
      if (!chain.IsSequence()) {
        return YamlNodeError(path, chain,
                             "escalation.chain: expected a list of {to: PERSON, after_days: N}");
      }
      for (size_t i = 0; i < chain.size(); ++i) {
        const YAML::Node step = chain[i];
        const std::string where = "escalation.chain[" + std::to_string(i) + "]";
        if (!step.IsMap() || !step["to"] || !step["to"].IsScalar() || step["to"].Scalar().empty()) {
          return YamlNodeError(path, step, where + ".to: expected the person or role it goes to");
        }
        EscalationChainStep s{.to = step["to"].Scalar()};
        AIRM_RETURN_IF_ERROR(known(step["to"], where + ".to", s.to));
        if (!step["after_days"] || !step["after_days"].IsScalar() ||
            !YAML::convert<int>::decode(step["after_days"], s.after_days) || s.after_days < 0) {
          return YamlNodeError(path, step, where + ".after_days: expected a whole number >= 0");
        }
        if (!out.chain.empty() && s.after_days <= out.chain.back().after_days) {
          return YamlNodeError(path, step,
                               where + ".after_days: expected more than the step before (" +
                                   std::to_string(out.chain.back().after_days) + ")");
        }
        out.chain.push_back(std::move(s));
      }
    }
    return out;
  } catch (const YAML::Exception& ex) {
    return internal::YamlExceptionError(path, ex);
  }
}

EscalationReport EvaluateEscalations(const EscalationConfig& config,
                                     const std::vector<DueItem>& items, const std::string& today) {
  EscalationReport out;
  for (const DueItem& item : items) {
    const std::optional<int> late = DaysBetween(item.due, today);
    if (!late || *late <= 0) continue;
    ++out.overdue;
    const int grace = item.kind == "risk"        ? config.risk_grace_days
                      : item.kind == "condition" ? config.condition_grace_days
                                                 : 0;  // reviews and alerts: the SLA is the due

    Escalation e{.item = item, .days_overdue = *late};
    if (*late <= grace) {
      e.level = "owner";
      e.rule = "grace";
      out.findings.push_back(
          MakeFinding(Severity::kWarn, "escalation.overdue", item.subject,
                      item.subject + " (" + item.what + ") is " + std::to_string(*late) +
                          " days past its due date " + item.due + "; with " + item.owner +
                          " until the grace of " + std::to_string(grace) + " days ends"));
    } else {
      e.level = "escalated";
      ++out.escalated;
      auto manager = config.managers.find(item.owner);
      if (item.kind != "review" && manager != config.managers.end()) {
        e.escalate_to = manager->second;
        e.rule = "managers";
      } else if (!config.default_to.empty()) {
        e.escalate_to = config.default_to;
        e.rule = "default_to";
      } else {
        e.rule = "unassigned";
      }
      e.step = 1;
      for (size_t i = 0; i < config.chain.size(); ++i) {
        if (*late - grace <= config.chain[i].after_days) break;
        e.escalate_to = config.chain[i].to;
        e.rule = "chain";
        e.step = static_cast<int>(i) + 2;
      }
      Finding f = MakeFinding(
          Severity::kFail, "escalation.escalated", item.subject,
          item.subject + " (" + item.what + ") is " + std::to_string(*late) + " days past " +
              item.due + ": escalated to " +
              (e.escalate_to.empty() ? "nobody (set escalation.default_to)" : e.escalate_to));
      f.evidence = {{"days_overdue", *late}};
      out.findings.push_back(std::move(f));
      if (e.rule == "unassigned") {
        out.findings.push_back(
            MakeFinding(Severity::kWarn, "escalation.unassigned", item.subject,
                        "nobody to escalate " + item.subject +
                            " to: name the owner's manager in escalation.managers or set "
                            "escalation.default_to in airm.yaml"));
      }
    }
    out.escalations.push_back(std::move(e));
  }
  std::stable_sort(out.escalations.begin(), out.escalations.end(),
                   [](const Escalation& a, const Escalation& b) {
                     if ((a.level == "escalated") != (b.level == "escalated")) {
                       return a.level == "escalated";
                     }
                     return a.days_overdue > b.days_overdue;
                   });
  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
  return out;
}

}  // namespace airm::governance
