// The governance end-to-end tests' starting point: a workspace with the
// bundled credit example's reference data registered as ref@1 and its model
// as credit@1, trained on it.
#pragma once

#include <gtest/gtest.h>

#include "cli_store/cli_store_harness.h"

namespace airm::cli_store_test {

class CreditWorkspaceTest : public StoreCliTest {
 protected:
  void SetUp() override {
    StoreCliTest::SetUp();
    Init();
    ASSERT_EQ(Run("dataset register " + Example("reference.csv") + " --name ref").exit_code, 0);
    ASSERT_EQ(Run("model register --name credit --version 1 --artifact " + Example("model.json") +
                  " --training-data ref")
                  .exit_code,
              0);
  }

  // The AI system credit-scoring (owner and purpose as given), linked to
  // credit and classified with the example's EU AI Act answers: high-risk.
  void AddCreditScoringSystem(const std::string& owner, const std::string& purpose) const {
    ASSERT_EQ(
        Run("system add credit-scoring --owner " + Quote(owner) + " --purpose " + Quote(purpose) +
            " --decision-type human-in-the-loop --data-category personal --lifecycle "
            "production --actor alice")
            .exit_code,
        0);
    ASSERT_EQ(Run("system link credit-scoring --model credit").exit_code, 0);
    ASSERT_EQ(Run("system classify credit-scoring --answers " +
                  Example("governance/eu_ai_act_answers.yaml"))
                  .exit_code,
              0);
  }
};

}  // namespace airm::cli_store_test
