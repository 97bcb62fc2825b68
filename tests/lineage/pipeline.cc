#include "pipeline.h"

namespace airm::testing {

void PipelineTest::Build() {
  raw = Data("raw", "a,b\n1,2\n3,4\n5,6\n", "2026-01-01T00:00:00Z");
  lookup = Data("lookup", "a,b\n1,10\n", "2026-01-01T00:00:00Z");
  clean = Data("clean", "a,b\n1,2\n3,4\n", "2026-01-02T00:00:00Z");
  clean_run = Run({.job = "clean",
                   .inputs = {{raw, "input"}},
                   .outputs = {clean},
                   .started_at = "2026-01-02T00:00:00Z",
                   .kind = "preprocessing"});
  joined = Data("joined", "a,b\n1,12\n3,4\n", "2026-01-03T00:00:00Z");
  join_run = Run({.job = "join",
                  .inputs = {{clean, "input"}, {lookup, "reference"}},
                  .outputs = {joined},
                  .started_at = "2026-01-03T00:00:00Z",
                  .kind = "preprocessing"});
  features = Data("features", "a,b\n1,24\n3,8\n", "2026-01-04T00:00:00Z");
  const store::ColumnDerivation doubled{.output_dataset_version_id = features,
                                        .output_column = "b",
                                        .input_dataset_version_id = joined,
                                        .input_column = "b",
                                        .transformation = "DIRECT",
                                        .description = "2 * b"};
  // Recorded after b, so exports must not depend on insertion order.
  const store::ColumnDerivation kept{.output_dataset_version_id = features,
                                     .output_column = "a",
                                     .input_dataset_version_id = joined,
                                     .input_column = "a",
                                     .transformation = "DIRECT",
                                     .description = std::nullopt};
  features_run = Run({.job = "features",
                      .inputs = {{joined, "input"}},
                      .outputs = {features},
                      .started_at = "2026-01-04T00:00:00Z",
                      .kind = "features",
                      .columns = {doubled, kept}});
  training_set = Alias("training_set", features, "2026-01-09T00:00:00Z");
  holdout = Data("holdout", "a,b\n7,8\n", "2026-01-09T00:00:00Z");
  training_run = Run({.job = "train",
                      .inputs = {{training_set, "train"}, {holdout, "validation"}},
                      .outputs = {},
                      .started_at = "2026-01-10T00:00:00Z",
                      .kind = "training"});
  Check(features, "missing_values", "fail", "2026-01-05T00:00:00Z");
  Check(features, "schema", "pass", "2026-01-07T00:00:00Z");
  Check(features, "missing_values", "pass", "2026-01-07T00:00:00Z");
  Check(features, "schema", "pass", "2026-01-11T00:00:00Z");
  model_v1 = Model("credit", "1", "model one", training_run,
                   {{training_set, "train"}, {holdout, "validation"}}, "2026-01-10T06:00:00Z");
  deploy_v1 = Deploy(model_v1, "production", "2026-01-15T00:00:00Z");

  new_raw = Data("new_raw", "a,b\n9,9\n", "2026-02-01T00:00:00Z");
  scoring = Data("scoring", "a,b\n9,18\n", "2026-02-01T01:00:00Z");
  scoring_run = Run({.job = "clean",
                     .inputs = {{new_raw, "input"}},
                     .outputs = {scoring},
                     .started_at = "2026-02-01T01:00:00Z",
                     .kind = "preprocessing"});
  batch = Predict(model_v1, deploy_v1, scoring, scoring_run, "p", 5, "2026-02-02T00:00:00Z");
  model_v2 = Model("credit", "2", "model two", std::nullopt, {{features, "train"}},
                   "2026-02-20T00:00:00Z");
  deploy_v2 = Deploy(model_v2, "production", "2026-03-01T00:00:00Z");
}

}  // namespace airm::testing
