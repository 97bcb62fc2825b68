// EU AI Act classification: each tier with the articles its rationale must
// quote, the Art. 6(3) derogation and its profiling exception, and parse
// errors that name the file, line and key.
#include "airm/governance/eu_ai_act.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace airm::governance {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Every answer false / none; tests flip the ones they need.
std::string Answers(const std::string& area = "none", const std::string& derogation = "none",
                    bool profiling = false, const std::string& prohibited_true = "",
                    const std::string& transparency_true = "", bool annex_i = false) {
  auto b = [](bool v) { return v ? "true" : "false"; };
  std::string out = "prohibited:\n";
  for (const char* k :
       {"subliminal_manipulation", "exploits_vulnerabilities", "social_scoring",
        "crime_risk_profiling", "untargeted_face_scraping", "emotion_recognition_work_education",
        "biometric_categorisation_sensitive", "realtime_remote_biometric_id_law_enforcement"}) {
    out += std::string("  ") + k + ": " + b(prohibited_true == k) + "\n";
  }
  out += std::string("annex_i_safety_component: ") + b(annex_i) + "\n";
  out += "annex_iii:\n  area: " + area + "\n  derogation: " + derogation +
         "\n  profiling: " + b(profiling) + "\n";
  out += "transparency:\n";
  for (const char* k :
       {"interacts_with_people", "generates_synthetic_content",
        "emotion_or_biometric_categorisation", "deepfake_or_public_interest_text"}) {
    out += std::string("  ") + k + ": " + b(transparency_true == k) + "\n";
  }
  return out;
}

EuAiActClassification Classify(const std::string& text) {
  auto answers = ParseEuAiActAnswers(text, "answers.yaml");
  EXPECT_TRUE(answers.ok()) << answers.status().ToString();
  return ClassifyEuAiAct(*answers);
}

TEST(EuAiAct, NothingAppliesIsMinimalAndSaysWhy) {
  EuAiActClassification c = Classify(Answers());
  EXPECT_EQ(c.tier, "minimal");
  ASSERT_EQ(c.rationale.size(), 1u);
  EXPECT_THAT(c.rationale[0], HasSubstr("Art. 4"));
  EXPECT_EQ(c.ruleset, "eu-ai-act-2024-1689/v1");
}

TEST(EuAiAct, ProhibitedPracticeWinsAndQuotesItsLetter) {
  EuAiActClassification c = Classify(Answers("essential_services", "none", true, "social_scoring"));
  EXPECT_EQ(c.tier, "prohibited");
  ASSERT_EQ(c.rationale.size(), 1u);
  EXPECT_THAT(c.rationale[0], StartsWith("Art. 5(1)(c): prohibited practice"));
}

TEST(EuAiAct, AnnexIIIAreaIsHighRisk) {
  EuAiActClassification c = Classify(Answers("employment"));
  EXPECT_EQ(c.tier, "high");
  EXPECT_THAT(c.rationale[0], StartsWith("Art. 6(2) and Annex III point 4"));
}

TEST(EuAiAct, AnnexISafetyComponentIsHighRisk) {
  EuAiActClassification c = Classify(Answers("none", "none", false, "", "", true));
  EXPECT_EQ(c.tier, "high");
  EXPECT_THAT(c.rationale[0], StartsWith("Art. 6(1)"));
}

TEST(EuAiAct, DerogationWithoutProfilingLeavesAnnexIII) {
  EuAiActClassification c = Classify(Answers("education", "preparatory_task", false));
  EXPECT_EQ(c.tier, "minimal");
  EXPECT_THAT(c.rationale[0], HasSubstr("Art. 6(3)(d) exempts it"));
  EXPECT_THAT(c.rationale[0], HasSubstr("Art. 6(4)"));
  EXPECT_THAT(c.rationale[0], HasSubstr("Art. 49(2)"));
}

TEST(EuAiAct, DerogationNeverAppliesToProfiling) {
  EuAiActClassification c = Classify(Answers("essential_services", "narrow_procedural_task", true));
  EXPECT_EQ(c.tier, "high");
  EXPECT_THAT(c.rationale[0], HasSubstr("Art. 6(3)(a) derogation claimed cannot apply"));
}

TEST(EuAiAct, TransparencyCaseIsLimited) {
  EuAiActClassification c = Classify(Answers("none", "none", false, "", "interacts_with_people"));
  EXPECT_EQ(c.tier, "limited");
  EXPECT_THAT(c.rationale, Contains(StartsWith("Art. 50(1)")));
}

TEST(EuAiAct, HighRiskAlsoListsItsTransparencyDuties) {
  EuAiActClassification c =
      Classify(Answers("employment", "none", false, "", "generates_synthetic_content"));
  EXPECT_EQ(c.tier, "high");
  EXPECT_THAT(c.rationale, Contains(StartsWith("Art. 50(2)")));
}

TEST(EuAiAct, TheBundledExampleIsHighRisk) {
  std::ifstream in(std::string(AIRM_GOVERNANCE_FIXTURE_DIR) +
                   "/../../../examples/credit/governance/eu_ai_act_answers.yaml");
  std::stringstream text;
  text << in.rdbuf();
  EuAiActClassification c = Classify(text.str());
  EXPECT_EQ(c.tier, "high");
  EXPECT_THAT(c.rationale[0], HasSubstr("Annex III point 5"));
}

TEST(EuAiAct, UnknownKeyNamesFileLineAndKey) {
  std::string text = Answers();
  text.replace(text.find("  social_scoring"), 16, "  social_scorin");
  auto r = ParseEuAiActAnswers(text, "answers.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kParseError);
  EXPECT_THAT(r.status().message(),
              HasSubstr("answers.yaml:4: unknown key 'prohibited.social_scorin'"));
}

TEST(EuAiAct, MissingAnswerIsAnError) {
  std::string text = Answers();
  const size_t at = text.find("  deepfake_or_public_interest_text");
  text.erase(at, text.find('\n', at) - at + 1);
  auto r = ParseEuAiActAnswers(text, "answers.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("missing answer 'transparency.deepfake_or_public_interest_text'"));
}

TEST(EuAiAct, WrongValueNamesTheLineAndAcceptedValues) {
  std::string text = Answers();
  text.replace(text.find("area: none"), 10, "area: banking");
  auto r = ParseEuAiActAnswers(text, "q.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("q.yaml:12: 'annex_iii.area': expected one of none, biometrics"));
  text = Answers();
  text.replace(text.find("social_scoring: false"), 21, "social_scoring: maybe");
  r = ParseEuAiActAnswers(text, "q.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("q.yaml:4: 'prohibited.social_scoring' must be true or false"));
}

TEST(EuAiAct, BrokenYamlNamesLineAndColumn) {
  auto r = ParseEuAiActAnswers("prohibited: [\n", "q.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), StartsWith("q.yaml:"));
  EXPECT_EQ(ParseEuAiActAnswers("- a\n- b\n", "q.yaml").status().code(), StatusCode::kParseError);
}

}  // namespace
}  // namespace airm::governance
