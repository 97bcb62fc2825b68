// The rendered drift JSON conforms to docs/schemas/drift.v1.json, and the
// checker used for that is strict enough to reject broken documents.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "airm/report.h"
#include "mini_schema.h"
#include "sample_drift.h"

namespace airm {
namespace {

using nlohmann::json;

TEST(DriftSchemaTest, RenderedSamplesConform) {
  const json schema = testing::LoadSchema("drift.v1.json");
  DriftResult not_checked = testing::NoDriftSample();
  not_checked.quality_status = std::nullopt;
  not_checked.quality_note = "not checked: no rows";
  for (const DriftResult& r :
       {testing::SampleDrift(), testing::NoDriftSample(), DriftResult{}, not_checked}) {
    const json doc = json::parse(RenderDriftJson(r, testing::SampleMeta()));
    const auto errors = testing::ValidateSchema(schema, doc);
    EXPECT_TRUE(errors.empty()) << testing::Joined(errors);
  }
}

TEST(DriftSchemaTest, SchemaVersionMatchesTheSchemaFile) {
  const json doc = json::parse(RenderDriftJson(DriftResult{}, testing::SampleMeta()));
  EXPECT_EQ(doc["schema_version"].get<std::string>().substr(0, 2), "1.");
}

TEST(DriftSchemaTest, CheckerRejectsMissingKeysAndWrongTypes) {
  const json schema = testing::LoadSchema("drift.v1.json");
  const json good = json::parse(RenderDriftJson(testing::SampleDrift(), testing::SampleMeta()));

  json missing = good;
  missing["columns"][0].erase("p_value_adjusted");
  auto errors = testing::ValidateSchema(schema, missing);
  ASSERT_EQ(errors.size(), 1u) << testing::Joined(errors);
  EXPECT_EQ(errors[0], "/columns/0: missing required key \"p_value_adjusted\"");

  json wrong_type = good;
  wrong_type["verdict"]["input_drift"]["drifted"] = "yes";
  errors = testing::ValidateSchema(schema, wrong_type);
  ASSERT_EQ(errors.size(), 1u) << testing::Joined(errors);
  EXPECT_NE(errors[0].find("/verdict/input_drift/drifted: expected type"), std::string::npos);

  json bad_enum = good;
  bad_enum["columns"][1]["status"] = "drifting";
  EXPECT_EQ(testing::ValidateSchema(schema, bad_enum).size(), 1u);

  json bad_test = good;
  bad_test["columns"][1]["tests"]["ks"]["p_value"] = "0.01";
  EXPECT_EQ(testing::ValidateSchema(schema, bad_test).size(), 1u);

  json no_kind = good;
  no_kind["kind"] = "profile";
  EXPECT_EQ(testing::ValidateSchema(schema, no_kind).size(), 1u);

  json negative = good;
  negative["inputs"]["current"]["rows"] = -1;
  EXPECT_EQ(testing::ValidateSchema(schema, negative).size(), 1u);
}

}  // namespace
}  // namespace airm
