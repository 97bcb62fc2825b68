// The person → address directory: `people:` in airm.yaml.
//
//   people:
//     dana:
//       aliases: [Dana Risk]           # other names the store knows her by (risk and system owner)
//       email: dana@example.org
//       manager: erin                  # another entry (its id or an alias)
//     erin: {email: erin@example.org, webhook: "https://hooks.example/erin"}
//     board-chair: {email: chair@example.org}   # a role is an entry too (its mailbox)
//
// Governance names people and roles as text: a risk's owner, an approval's
// signer, a system's owner, escalation.default_to, a chain step's `to`, a
// manager. Escalation resolves each through this directory to the addresses a
// notification goes to (airm/usecases/governance_escalation.h), and a
// person's `manager` is who their overdue items escalate to first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"

namespace airm::governance {

struct Person {
  std::string id = "";
  std::vector<std::string> aliases = {};
  std::string email = "";    // "" = none: mail goes to the channel's own `to`
  std::string webhook = "";  // http(s) URL; "" = none: webhooks go to the channel's url
  std::string manager = "";  // the manager's id (resolved from an id or alias); "" = none
  int line = 0;              // where the entry is declared, for messages
};

struct PeopleDirectory {
  std::vector<Person> people = {};  // in file order
  std::string source = "";          // the file; "" when it has no `people:` key
  // Whether airm.yaml declares `people:` (even empty): then every name
  // escalation sends to is expected in it.
  bool Configured() const { return !source.empty(); }
  // The person whose id or alias is `name` (exact match), or nullptr.
  const Person* Find(std::string_view name) const;
};

// The `people:` key of the workspace file's text (absent = not configured).
// ParseError "PATH:LINE: people.dana.email: …" for an entry that is not a
// mapping, an unknown key, an email address that is not one address
// (local@domain, no spaces, commas or angle brackets), a webhook that is not
// an http(s) URL, aliases that are not a list of names, a name (id or alias)
// used twice, or a manager that is not in the directory or is the person.
Result<PeopleDirectory> ParsePeopleDirectory(const std::string& yaml_text, const std::string& path);

}  // namespace airm::governance
