// The person → address directory (`people:` in airm.yaml): names and aliases
// resolve to one entry with its addresses and manager; every malformed entry
// is a ParseError naming the file, the line and the key; with a directory,
// escalation's rules may only send to people in it, and a person's manager
// there is whom their overdue items escalate to.
#include "airm/governance/people.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/governance/escalation.h"

namespace airm::governance {
namespace {

using ::testing::HasSubstr;

constexpr const char* kPeople =
    "name: ws\n"
    "people:\n"
    "  dana:\n"
    "    aliases: [Dana Risk]\n"
    "    email: dana@example.org\n"
    "    manager: Erin Boss\n"
    "  erin:\n"
    "    aliases: [Erin Boss]\n"
    "    email: erin@example.org\n"
    "    webhook: https://hooks.example/erin\n"
    "  board-chair: {email: chair@example.org}\n";

TEST(People, NamesAndAliasesResolveToOneEntry) {
  auto dir = ParsePeopleDirectory(kPeople, "airm.yaml");
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  EXPECT_TRUE(dir->Configured());
  ASSERT_EQ(dir->people.size(), 3u);
  const Person* dana = dir->Find("Dana Risk");
  ASSERT_NE(dana, nullptr);
  EXPECT_EQ(dana->id, "dana");
  EXPECT_EQ(dana->email, "dana@example.org");
  EXPECT_EQ(dana->manager, "erin");  // named by alias, stored by id
  EXPECT_EQ(dana->line, 3);
  EXPECT_EQ(dir->Find("erin")->webhook, "https://hooks.example/erin");
  EXPECT_EQ(dir->Find("board-chair")->email, "chair@example.org");
  EXPECT_EQ(dir->Find("dana risk"), nullptr);  // exact names only
  EXPECT_EQ(dir->Find("nobody"), nullptr);
}

TEST(People, AbsentIsNotConfiguredAndEmptyIs) {
  auto none = ParsePeopleDirectory("name: ws\n", "airm.yaml");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->Configured());
  auto empty = ParsePeopleDirectory("people:\n", "airm.yaml");
  ASSERT_TRUE(empty.ok()) << empty.status().message();
  EXPECT_TRUE(empty->Configured());
  EXPECT_TRUE(empty->people.empty());
}

struct BadPeople {
  const char* yaml;
  const char* message;  // expected substring, with the line
};

class PeopleErrors : public ::testing::TestWithParam<BadPeople> {};

TEST_P(PeopleErrors, NameTheFileLineAndKey) {
  auto dir = ParsePeopleDirectory(GetParam().yaml, "ws/airm.yaml");
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().code(), StatusCode::kParseError);
  EXPECT_THAT(dir.status().message(), HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Directory, PeopleErrors,
    ::testing::Values(
        BadPeople{"people: [dana]\n", "ws/airm.yaml:1: people: expected a mapping"},
        BadPeople{"people:\n  dana: dana@example.org\n",
                  "ws/airm.yaml:2: people.dana: expected a mapping"},
        BadPeople{"people:\n  dana:\n    mail: dana@example.org\n",
                  "ws/airm.yaml:3: people.dana: unknown key 'mail'"},
        BadPeople{"people:\n  dana:\n    email: dana at example.org\n",
                  "ws/airm.yaml:3: people.dana.email: 'dana at example.org' is not one mail "
                  "address"},
        BadPeople{"people:\n  dana:\n    email: a@example.org, b@example.org\n",
                  "ws/airm.yaml:3: people.dana.email"},
        BadPeople{"people:\n  dana:\n    webhook: ftp://hooks.example/x\n",
                  "ws/airm.yaml:3: people.dana.webhook: 'ftp://hooks.example/x' is not an "
                  "http(s) URL"},
        BadPeople{"people:\n  dana:\n    aliases: Dana Risk\n",
                  "ws/airm.yaml:3: people.dana.aliases: expected a list of names"},
        BadPeople{"people:\n  dana: {email: d@x.org}\n  erin:\n    aliases: [dana]\n",
                  "ws/airm.yaml:4: people.erin: the name 'dana' already names people.dana"},
        BadPeople{"people:\n  dana:\n    manager: erin\n",
                  "ws/airm.yaml:3: people.dana.manager: 'erin' is not in people:"},
        BadPeople{"people:\n  dana:\n    aliases: [D]\n    manager: D\n",
                  "ws/airm.yaml:4: people.dana.manager: a person cannot manage themselves"},
        BadPeople{"people:\n  dana: {email: [x]\n", "ws/airm.yaml:"}));

TEST(People, EscalationRulesMaySendOnlyToPeopleInTheDirectory) {
  auto dir = ParsePeopleDirectory(kPeople, "airm.yaml");
  ASSERT_TRUE(dir.ok());
  const std::string base = std::string(kPeople) + "escalation:\n";
  auto chain = ParseEscalationConfig(base + "  chain:\n    - {to: risk-officer, after_days: 3}\n",
                                     "airm.yaml", &*dir);
  ASSERT_FALSE(chain.ok());
  EXPECT_THAT(chain.status().message(),
              HasSubstr("airm.yaml:14: escalation.chain[0].to: 'risk-officer' is not in people:"));
  auto fallback = ParseEscalationConfig(base + "  default_to: risk-officer\n", "airm.yaml", &*dir);
  ASSERT_FALSE(fallback.ok());
  EXPECT_THAT(fallback.status().message(), HasSubstr("airm.yaml:13: escalation.default_to"));
  auto manager = ParseEscalationConfig(base + "  managers: {Bob: Carol}\n", "airm.yaml", &*dir);
  ASSERT_FALSE(manager.ok());
  EXPECT_THAT(manager.status().message(),
              HasSubstr("escalation.managers.Bob: 'Carol' is not in people:"));
  // Without a directory the same names are fine (the channels' addresses apply).
  EXPECT_TRUE(ParseEscalationConfig(base + "  default_to: risk-officer\n", "airm.yaml").ok());
}

TEST(People, TwoDifferentManagersForOnePersonAreRefused) {
  auto dir = ParsePeopleDirectory(kPeople, "airm.yaml");
  ASSERT_TRUE(dir.ok());
  auto conflict = ParseEscalationConfig(
      std::string(kPeople) + "escalation:\n  managers: {Dana Risk: board-chair}\n", "airm.yaml",
      &*dir);
  ASSERT_FALSE(conflict.ok());
  EXPECT_THAT(conflict.status().message(),
              HasSubstr("escalation.managers.Dana Risk: 'board-chair', but people.dana.manager is "
                        "'erin'"));
  // The same manager by another of their names is no conflict.
  EXPECT_TRUE(
      ParseEscalationConfig(std::string(kPeople) + "escalation:\n  managers: {dana: erin}\n",
                            "airm.yaml", &*dir)
          .ok());
}

TEST(People, AnOwnersManagerInTheDirectoryIsWhomTheirItemsEscalateTo) {
  auto dir = ParsePeopleDirectory(kPeople, "airm.yaml");
  ASSERT_TRUE(dir.ok());
  auto config = ParseEscalationConfig(std::string(kPeople) +
                                          "escalation:\n  default_to: board-chair\n"
                                          "  risk_grace_days: 1\n",
                                      "airm.yaml", &*dir);
  ASSERT_TRUE(config.ok()) << config.status().message();
  // The risk's owner is stored by display name, an alias of dana.
  DueItem risk{.kind = "risk",
               .subject = "risk:R-001",
               .system = "credit",
               .owner = "Dana Risk",
               .due = "2026-12-01",
               .what = "bias"};
  DueItem other = risk;
  other.subject = "risk:R-002";
  other.owner = "Bob";
  EscalationReport r = EvaluateEscalations(*config, {risk, other}, "2026-12-07");
  ASSERT_EQ(r.escalations.size(), 2u);
  for (const Escalation& e : r.escalations) {
    if (e.item.owner == "Dana Risk") {
      EXPECT_EQ(e.escalate_to, "erin");
      EXPECT_EQ(e.rule, "managers");
      EXPECT_EQ(HolderOf(e), "erin");
    } else {
      EXPECT_EQ(e.escalate_to, "board-chair");
      EXPECT_EQ(e.rule, "default_to");
    }
  }
}

}  // namespace
}  // namespace airm::governance
