// Review state: quorum rules, rejection, digest binding and separation of
// duties, as pure functions.
#include "airm/governance/reviews.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace airm::governance {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ReviewBoard Board(const std::string& quorum) {
  return {.name = "b",
          .quorum = quorum,
          .seats = {{"legal", "bob"},
                    {"data-science", "dana"},
                    {"security", "sam"},
                    {"data-science", "dave"}}};
}

store::ModelVersion Version(const std::string& digest) {
  store::ModelVersion v;
  v.name = "credit";
  v.version = "2";
  v.artifact_digest = digest;
  v.registered_by = "dave";
  return v;
}

SignOff Sign(const std::string& function, const std::string& decision,
             const std::string& digest = "sha256:new") {
  return {.model_ref = "credit@2",
          .artifact_digest = digest,
          .function = function,
          .signer = function + "-person",
          .decision = decision};
}

TEST(Reviews, FunctionsInFixedOrderAndPerPerson) {
  ReviewBoard b = Board("all-seats");
  EXPECT_THAT(b.Functions(), ElementsAre("data-science", "legal", "security"));
  EXPECT_THAT(b.FunctionsOf("dana"), ElementsAre("data-science"));
  EXPECT_TRUE(b.FunctionsOf("eve").empty());
}

TEST(Reviews, AllSeatsNeedsEveryFunction) {
  ReviewState s = EvaluateReview(Board("all-seats"), Version("sha256:new"),
                                 {Sign("legal", "approve"), Sign("data-science", "approve")});
  EXPECT_EQ(s.state, "pending");
  EXPECT_THAT(s.missing_functions, ElementsAre("security"));
  s = EvaluateReview(Board("all-seats"), Version("sha256:new"),
                     {Sign("legal", "approve"), Sign("data-science", "approve"),
                      Sign("security", "approve-with-conditions")});
  EXPECT_EQ(s.state, "approved");
}

TEST(Reviews, MajorityNeedsMoreThanHalf) {
  ReviewState s =
      EvaluateReview(Board("majority"), Version("sha256:new"), {Sign("legal", "approve")});
  EXPECT_EQ(s.state, "pending");
  s = EvaluateReview(Board("majority"), Version("sha256:new"),
                     {Sign("legal", "approve"), Sign("security", "approve")});
  EXPECT_EQ(s.state, "approved");
}

TEST(Reviews, AnyCurrentRejectRejectsAndTheNewestSignOffPerFunctionCounts) {
  ReviewState s = EvaluateReview(
      Board("majority"), Version("sha256:new"),
      {Sign("legal", "approve"), Sign("security", "approve"), Sign("data-science", "reject")});
  EXPECT_EQ(s.state, "rejected");
  EXPECT_EQ(s.findings[0].code, "review.rejected");
  s = EvaluateReview(
      Board("majority"), Version("sha256:new"),
      {Sign("legal", "approve"), Sign("security", "reject"), Sign("security", "approve")});
  EXPECT_EQ(s.state, "approved");
}

TEST(Reviews, SignOffsOfAnotherDigestAreStale) {
  ReviewState s = EvaluateReview(
      Board("majority"), Version("sha256:new"),
      {Sign("legal", "approve", "sha256:old"), Sign("security", "approve", "sha256:old")});
  EXPECT_EQ(s.state, "pending");
  EXPECT_EQ(s.stale.size(), 2u);
  ASSERT_EQ(s.findings.size(), 2u);
  EXPECT_EQ(s.findings[1].code, "review.stale");
  EXPECT_THAT(s.findings[1].message, HasSubstr("do not cover credit@2"));
}

TEST(Reviews, AnApprovalWhoseEvidenceLapsedNoLongerCountsUntilSignedAgain) {
  SignOff legal = Sign("legal", "approve");
  legal.evidence_controls = {"AIRM-DQ", "AIRM-RISK"};
  SignOff ds = Sign("data-science", "approve");
  ds.evidence_controls = {"AIRM-RISK"};
  SignOff security = Sign("security", "approve");  // bound to nothing: never lapses
  const std::set<std::string> all = {"AIRM-DQ", "AIRM-RISK"};
  ReviewState s =
      EvaluateReview(Board("all-seats"), Version("sha256:new"), {legal, ds, security}, &all);
  EXPECT_EQ(s.state, "approved");
  EXPECT_TRUE(s.lapsed.empty());

  const std::set<std::string> no_dq = {"AIRM-RISK"};
  s = EvaluateReview(Board("all-seats"), Version("sha256:new"), {legal, ds, security}, &no_dq);
  EXPECT_EQ(s.state, "pending");
  ASSERT_EQ(s.lapsed.size(), 1u);
  EXPECT_EQ(s.lapsed[0].function, "legal");
  EXPECT_THAT(s.lapsed_controls, ElementsAre("AIRM-DQ"));
  EXPECT_THAT(s.missing_functions, ElementsAre("legal"));
  bool found = false;
  for (const Finding& f : s.findings) {
    if (f.code != "review.evidence_expired") continue;
    found = true;
    EXPECT_THAT(f.message, HasSubstr("legal-person (legal)"));
    EXPECT_THAT(f.message, HasSubstr("(AIRM-DQ); the review is reopened"));
  }
  EXPECT_TRUE(found);

  // Signed again (a newer sign-off bound to what is met now): approved again.
  SignOff again = Sign("legal", "approve");
  again.evidence_controls = {"AIRM-RISK"};
  s = EvaluateReview(Board("all-seats"), Version("sha256:new"), {legal, ds, security, again},
                     &no_dq);
  EXPECT_EQ(s.state, "approved");
  EXPECT_TRUE(s.lapsed.empty());
  // Without the controls of today nothing lapses (the old behaviour).
  s = EvaluateReview(Board("all-seats"), Version("sha256:new"), {legal, ds, security});
  EXPECT_EQ(s.state, "approved");
}

TEST(Reviews, SeparationOfDutiesAndSeats) {
  ReviewBoard b = Board("all-seats");
  b.seats.push_back({"risk", "bob"});
  auto self = CheckSigner(b, Version("d"), "dave", "");
  ASSERT_FALSE(self.ok());
  EXPECT_THAT(self.status().message(), HasSubstr("separation of duties: dave registered credit@2"));
  EXPECT_THAT(CheckSigner(b, Version("d"), "eve", "").status().message(),
              HasSubstr("eve holds no seat"));
  EXPECT_THAT(CheckSigner(b, Version("d"), "bob", "").status().message(),
              HasSubstr("holds several seats (legal, risk)"));
  EXPECT_EQ(*CheckSigner(b, Version("d"), "bob", "risk"), "risk");
  EXPECT_EQ(*CheckSigner(b, Version("d"), "dana", ""), "data-science");
  EXPECT_FALSE(ParseSeat("legal").ok());
  EXPECT_THAT(ParseSeat("cfo=x").status().message(), HasSubstr("function must be one of"));
}

}  // namespace
}  // namespace airm::governance
