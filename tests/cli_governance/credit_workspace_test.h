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
};

}  // namespace airm::cli_store_test
