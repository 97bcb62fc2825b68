// Shared by the tests of the hand-over from monitoring to governance
// (incidents_test, weak_segment_reassessment_test): the AI system
// credit-scoring linking the model `scorer`, and the quarterly pack's JSON as
// `airm monitor pack --json` writes it.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "airm/report/quarterly_pack.h"
#include "airm/usecases/governance_systems.h"
#include "airm/usecases/quarterly_pack.h"

namespace airm::usecases::testing {

// Adds credit-scoring (owner Dana Risk, by dana) and links it to `scorer`.
inline void AddCreditScoringSystem(const store::LocateOptions& where) {
  AddSystemOptions add{.store = where, .actor = "dana"};
  add.system = {.name = "credit-scoring",
                .owner = "Dana Risk",
                .business_unit = "Retail lending",
                .purpose = "Scores credit applications",
                .decision_type = "human-in-the-loop",
                .affected_people = "applicants",
                .data_categories = {"personal"},
                .lifecycle_state = "production",
                .created_at = "",
                .created_by = ""};
  auto added = AddSystem(add);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  auto linked = LinkSystem(
      {.store = where, .actor = "dana", .system = "credit-scoring", .models = {"scorer"}});
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
}

// The JSON of `quarter`'s pack ("" when it cannot be built: the test fails).
inline std::string PackJson(const store::LocateOptions& where, const std::string& quarter) {
  auto pack = BuildQuarterlyPack({.store = where, .quarter = quarter});
  EXPECT_TRUE(pack.ok()) << pack.status().ToString();
  if (!pack.ok()) return "";
  const ReportMeta meta{.airm_version = "0", .generated_at = "now", .command_line = "pack"};
  return report::RenderQuarterlyPackJson(*pack, meta);
}

}  // namespace airm::usecases::testing
