// The control library: the built-in file parses, holds the frameworks' full
// item lists (NIST AI RMF 1.0: 72 subcategories in 19 categories; ISO/IEC
// 42001 Annex A: 38 controls; EU AI Act: Art. 9-15, 17, 72), every control maps
// to listed items, and a broken file is refused naming its line and key.
#include "airm/governance/control_library.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

namespace airm::governance {
namespace {

using ::testing::HasSubstr;

TEST(ControlLibrary, BuiltinHoldsEveryItemOfTheThreeFrameworks) {
  auto lib = BuiltinControlLibrary();
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  std::map<std::string, int> items;
  std::map<std::string, std::set<std::string>> groups;
  for (const FrameworkItem& i : lib->items) {
    ++items[i.framework];
    groups[i.framework].insert(i.group);
  }
  EXPECT_EQ(items["nist-ai-rmf"], 72);
  EXPECT_EQ(groups["nist-ai-rmf"].size(), 19u);
  EXPECT_EQ(items["iso-42001"], 38);
  EXPECT_EQ(groups["iso-42001"].size(), 9u);  // A.2 .. A.10
  EXPECT_EQ(items["eu-ai-act"], 9);
  int govern = 0;
  for (const FrameworkItem& i : lib->items) govern += i.id.rfind("GOVERN ", 0) == 0;
  EXPECT_EQ(govern, 19);
  ASSERT_NE(lib->FindFramework("eu-ai-act"), nullptr);
  EXPECT_EQ(lib->FindFramework("eu-ai-act")->applies_to_tier, "high");
  EXPECT_EQ(lib->FindFramework("nist-ai-rmf")->applies_to_tier, "");
}

TEST(ControlLibrary, EveryControlHasEvidenceAndMapsToEachFramework) {
  auto lib = BuiltinControlLibrary();
  ASSERT_TRUE(lib.ok());
  ASSERT_GE(lib->controls.size(), 10u);
  std::set<std::string> evidenced;
  for (const Control& c : lib->controls) {
    EXPECT_FALSE(c.evidence.empty()) << c.id;
    std::set<std::string> frameworks;
    for (const ItemRef& r : c.maps) frameworks.insert(r.framework);
    EXPECT_EQ(frameworks.size(), 3u) << c.id;
    evidenced.insert(c.evidence.begin(), c.evidence.end());
  }
  // Every evidence kind airm computes is used by some control.
  for (const char* kind : kEvidenceKinds) EXPECT_TRUE(evidenced.contains(kind)) << kind;
}

constexpr const char* kSmall = R"(library: test
version: 1
frameworks:
  - {id: fw, title: Framework, source: somewhere}
items:
  fw:
    - {id: X.1, group: X, title: one}
controls:
  - id: C-1
    title: a control
    evidence: [inventory]
    maps: {fw: [X.1]}
)";

TEST(ControlLibrary, ParsesASmallFile) {
  auto lib = ParseControlLibrary(kSmall, "small.yaml");
  ASSERT_TRUE(lib.ok()) << lib.status().message();
  ASSERT_EQ(lib->controls.size(), 1u);
  EXPECT_EQ(lib->controls[0].maps[0].id, "X.1");
  EXPECT_FALSE(lib->controls[0].max_age_days.has_value());
}

TEST(ControlLibrary, RefusesAnUnknownEvidenceKindNamingTheLine) {
  std::string text = kSmall;
  text.replace(text.find("[inventory]"), 11, "[horoscope]");
  auto lib = ParseControlLibrary(text, "small.yaml");
  ASSERT_FALSE(lib.ok());
  EXPECT_EQ(lib.status().code(), StatusCode::kParseError);
  EXPECT_THAT(lib.status().message(), HasSubstr("small.yaml:11:"));
  EXPECT_THAT(lib.status().message(), HasSubstr("unknown evidence kind 'horoscope'"));
}

TEST(ControlLibrary, RefusesAMappingToAnItemItDoesNotList) {
  std::string text = kSmall;
  text.replace(text.find("[X.1]}"), 6, "[X.2]}");
  auto lib = ParseControlLibrary(text, "small.yaml");
  ASSERT_FALSE(lib.ok());
  EXPECT_THAT(lib.status().message(), HasSubstr("maps to fw 'X.2', which the library does not"));
}

TEST(ControlLibrary, RefusesMalformedYamlWithItsPosition) {
  auto lib = ParseControlLibrary("library: [unclosed\n", "bad.yaml");
  ASSERT_FALSE(lib.ok());
  EXPECT_THAT(lib.status().message(), HasSubstr("bad.yaml:"));
}

}  // namespace
}  // namespace airm::governance
