#include "airm/governance/people.h"

#include <yaml-cpp/yaml.h>

#include <map>

#include "choices.h"

namespace airm::governance {
namespace {

using internal::YamlNodeError;

// One address: local@domain with nothing a mail header or an SMTP envelope
// would read as a separator or a second address.
bool IsMailAddress(const std::string& text) {
  const size_t at = text.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == text.size()) return false;
  if (text.find('@', at + 1) != std::string::npos) return false;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= ' ' || u == 0x7f || c == ',' || c == ';' || c == '<' || c == '>' || c == '"') {
      return false;
    }
  }
  return true;
}

bool IsHttpUrl(const std::string& text) {
  const size_t scheme = text.rfind("https://", 0) == 0 ? 8 : text.rfind("http://", 0) == 0 ? 7 : 0;
  if (scheme == 0 || text.size() == scheme) return false;
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= ' ') return false;
  }
  return true;
}

// A non-empty scalar, or a ParseError naming `key`.
Status NameAt(const std::string& path, const YAML::Node& node, const std::string& key,
              const char* expected, std::string* out) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    return YamlNodeError(path, node, key + ": expected " + expected);
  }
  *out = node.Scalar();
  return Status::Ok();
}

}  // namespace

const Person* PeopleDirectory::Find(std::string_view name) const {
  for (const Person& p : people) {
    if (p.id == name) return &p;
    for (const std::string& a : p.aliases) {
      if (a == name) return &p;
    }
  }
  return nullptr;
}

Result<PeopleDirectory> ParsePeopleDirectory(const std::string& yaml_text,
                                             const std::string& path) {
  PeopleDirectory out;
  try {
    const YAML::Node doc = YAML::Load(yaml_text);
    if (!doc.IsMap() || !doc["people"]) return out;
    const YAML::Node people = doc["people"];
    out.source = path;
    if (people.IsNull()) return out;
    if (!people.IsMap()) {
      return YamlNodeError(path, people,
                           "people: expected a mapping of PERSON: {email, webhook, manager, "
                           "aliases}");
    }
    static constexpr const char* kKeys[] = {"email", "webhook", "manager", "aliases"};
    std::map<std::string, std::string> owner_of;  // every id and alias -> the id it names
    std::vector<YAML::Node> managers;             // per person, the node naming the manager
    for (const auto& entry : people) {
      Person p{.line = entry.first.Mark().line + 1};
      AIRM_RETURN_IF_ERROR(NameAt(path, entry.first, "people", "a person's or role's name", &p.id));
      const std::string key = "people." + p.id;
      const YAML::Node e = entry.second;
      if (!e.IsMap()) {
        return YamlNodeError(path, e,
                             key + ": expected a mapping with email, webhook, manager or aliases");
      }
      for (const auto& field : e) {
        if (!internal::OneOf(field.first.Scalar(), kKeys)) {
          return YamlNodeError(path, field.first,
                               key + ": unknown key '" + field.first.Scalar() +
                                   "'; expected one of " + internal::ListOf(kKeys));
        }
      }
      if (e["email"]) {
        AIRM_RETURN_IF_ERROR(NameAt(path, e["email"], key + ".email", "an address", &p.email));
        if (!IsMailAddress(p.email)) {
          return YamlNodeError(
              path, e["email"],
              key + ".email: '" + p.email + "' is not one mail address (expected local@domain)");
        }
      }
      if (e["webhook"]) {
        AIRM_RETURN_IF_ERROR(NameAt(path, e["webhook"], key + ".webhook", "a URL", &p.webhook));
        if (!IsHttpUrl(p.webhook)) {
          return YamlNodeError(path, e["webhook"],
                               key + ".webhook: '" + p.webhook + "' is not an http(s) URL");
        }
      }
      if (const YAML::Node aliases = e["aliases"]) {
        if (!aliases.IsSequence()) {
          return YamlNodeError(path, aliases, key + ".aliases: expected a list of names");
        }
        for (size_t i = 0; i < aliases.size(); ++i) {
          std::string alias;
          AIRM_RETURN_IF_ERROR(NameAt(path, aliases[i], key + ".aliases[" + std::to_string(i) + "]",
                                      "a name", &alias));
          p.aliases.push_back(std::move(alias));
        }
      }
      std::vector<std::pair<std::string, YAML::Node>> names = {{p.id, entry.first}};
      for (size_t i = 0; i < p.aliases.size(); ++i)
        names.push_back({p.aliases[i], e["aliases"][i]});
      for (const auto& [name, node] : names) {
        auto [it, fresh] = owner_of.emplace(name, p.id);
        if (!fresh) {
          return YamlNodeError(path, node,
                               key + ": the name '" + name + "' already names people." +
                                   it->second + "; a name may stand for one person only");
        }
      }
      managers.push_back(e["manager"]);
      out.people.push_back(std::move(p));
    }
    // Managers last: one may be declared below the people they manage.
    for (size_t i = 0; i < out.people.size(); ++i) {
      Person& p = out.people[i];
      if (!managers[i]) continue;
      std::string manager;
      AIRM_RETURN_IF_ERROR(
          NameAt(path, managers[i], "people." + p.id + ".manager", "the manager's name", &manager));
      auto it = owner_of.find(manager);
      if (it == owner_of.end()) {
        return YamlNodeError(path, managers[i],
                             "people." + p.id + ".manager: '" + manager +
                                 "' is not in people: (add an entry for them)");
      }
      if (it->second == p.id) {
        return YamlNodeError(path, managers[i],
                             "people." + p.id + ".manager: a person cannot manage themselves");
      }
      p.manager = it->second;
    }
    return out;
  } catch (const YAML::Exception& ex) {
    return internal::YamlExceptionError(path, ex);
  }
}

}  // namespace airm::governance
