// OpenLineage interchange: exported events carry what spec 2-0-2 requires,
// export → import → export is the identity, import is idempotent and
// all-or-nothing, and events from other emitters merge by runId.
#include "airm/lineage/openlineage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "airm/lineage/impact.h"
#include "mini_schema.h"
#include "pipeline.h"

namespace airm::testing {
namespace {

using nlohmann::json;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

std::vector<std::string> Sorted(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The lines of `a` not in `b` and of `b` not in `a`, for a readable failure.
std::string Difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> only_a, only_b;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
  std::string out;
  for (const std::string& l : only_a) out += "- " + l + "\n";
  for (const std::string& l : only_b) out += "+ " + l + "\n";
  return out;
}

json RequiredFields() {
  std::ifstream in(std::string(AIRM_FIXTURE_DIR) + "/lineage/openlineage-2-0-2-required.json");
  EXPECT_TRUE(in);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

class OpenLineageTest : public PipelineTest {
 protected:
  void SetUp() override {
    PipelineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Build();
    failed_run = Run({.job = "score",
                      .inputs = {{scoring, "input"}},
                      .outputs = {},
                      .started_at = "2026-02-03T00:00:00Z",
                      .status = "failed",
                      .error = "exit status 3: \"model.json\" not found"});
  }

  std::string Export(store::Database& db) {
    auto out = lineage::ExportOpenLineage(db, {.since = std::nullopt, .airm_version = "0.1.0"});
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? out->lines : "";
  }

  lineage::ImportSummary Import(store::Database& db, const std::string& text) {
    auto out = lineage::ImportOpenLineage(db, text, "events.jsonl");
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? *out : lineage::ImportSummary{};
  }

  int64_t failed_run = 0;
};

TEST_P(OpenLineageTest, ExportedEventsCarryWhatTheSpecRequires) {
  const std::vector<std::string> lines = Lines(Export(db()));
  const json required = RequiredFields();
  const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  const std::regex time("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");
  std::map<std::string, std::vector<std::string>> types_by_run;
  json training_complete, failed, features_complete;
  for (const std::string& line : lines) {
    const json e = json::parse(line);
    const auto errors = ValidateSchema(required, e);
    ASSERT_TRUE(errors.empty()) << Joined(errors) << line;
    EXPECT_EQ(e["schemaURL"], "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
    EXPECT_EQ(e["producer"].get<std::string>().rfind("https://", 0), 0u);
    EXPECT_TRUE(std::regex_match(e["run"]["runId"].get<std::string>(), uuid));
    EXPECT_TRUE(std::regex_match(e["eventTime"].get<std::string>(), time));
    const std::string run = e["run"]["runId"];
    types_by_run[run].push_back(e["eventType"]);
    if (run == RunUuid(training_run) && e["eventType"] == "COMPLETE") training_complete = e;
    if (run == RunUuid(failed_run) && e["eventType"] == "FAIL") failed = e;
    if (run == RunUuid(features_run) && e["eventType"] == "COMPLETE") features_complete = e;
  }
  // One START and one terminal event per run (all runs here have ended).
  EXPECT_EQ(types_by_run.size(), static_cast<size_t>(Count("runs")));
  for (const auto& [run, types] : types_by_run) {
    ASSERT_EQ(types.size(), 2u) << run;
    EXPECT_EQ(types[0], "START");
    EXPECT_NE(types[1], "START");
  }
  // The failed run: FAIL with errorMessage.
  ASSERT_FALSE(failed.is_null());
  EXPECT_EQ(failed["run"]["facets"]["errorMessage"]["message"],
            "exit status 3: \"model.json\" not found");
  EXPECT_EQ(failed["run"]["facets"]["airm_run"]["exitCode"], 1);
  // Training: inputs with roles and content digests, the model as a MODEL output.
  ASSERT_FALSE(training_complete.is_null());
  EXPECT_EQ(training_complete["job"]["facets"]["jobType"]["jobType"], "MODEL");
  EXPECT_EQ(training_complete["job"]["facets"]["sourceCodeLocation"]["url"], "file:///work/repo");
  EXPECT_EQ(training_complete["job"]["facets"]["sourceCodeLocation"]["version"], "0123abcd");
  std::set<std::string> roles;
  for (const json& in : training_complete["inputs"]) {
    roles.insert(in["inputFacets"]["airm_inputRole"]["role"].get<std::string>());
    const json& digest = in["facets"]["airm_contentDigest"];
    EXPECT_EQ(digest["algorithm"], "sha256");
    EXPECT_EQ(digest["digest"].get<std::string>().size(), 64u);
    EXPECT_EQ(in["facets"]["version"]["datasetVersion"],
              "sha256:" + digest["digest"].get<std::string>());
    EXPECT_TRUE(digest.contains("_producer") && digest.contains("_schemaURL"));
    EXPECT_EQ(in["facets"]["schema"]["fields"][0]["name"], "a");
  }
  EXPECT_EQ(roles, (std::set<std::string>{"train", "validation"}));
  ASSERT_EQ(training_complete["outputs"].size(), 1u);
  const json& model = training_complete["outputs"][0];
  EXPECT_EQ(model["name"], "credit");
  EXPECT_EQ(model["facets"]["datasetType"]["datasetType"], "MODEL");
  EXPECT_EQ(model["facets"]["version"]["datasetVersion"], "1");
  // Column lineage on the features output.
  ASSERT_FALSE(features_complete.is_null());
  const json& field = features_complete["outputs"][0]["facets"]["columnLineage"]["fields"]["b"];
  EXPECT_EQ(field["inputFields"][0]["name"], "joined");
  EXPECT_EQ(field["inputFields"][0]["field"], "b");
  EXPECT_EQ(field["inputFields"][0]["transformations"][0]["type"], "DIRECT");
}

TEST_P(OpenLineageTest, RequiredFieldCheckRejectsBrokenEvents) {
  const json required = RequiredFields();
  json e = json::parse(Lines(Export(db()))[0]);
  e["run"].erase("runId");
  EXPECT_FALSE(ValidateSchema(required, e).empty());
  e = json::parse(Lines(Export(db()))[0]);
  e["job"]["facets"]["jobType"].erase("_producer");
  EXPECT_FALSE(ValidateSchema(required, e).empty());
}

TEST_P(OpenLineageTest, SinceKeepsOnlyLaterEvents) {
  auto out =
      lineage::ExportOpenLineage(db(), {.since = "2026-02-01T00:00:00Z", .airm_version = "0.1.0"});
  ASSERT_TRUE(out.ok());
  const auto lines = Lines(out->lines);
  EXPECT_EQ(lines.size(), 4u);  // the scoring clean run and the failed run, 2 events each
  for (const std::string& line : lines) {
    EXPECT_GE(json::parse(line)["eventTime"].get<std::string>(), "2026-02-01T00:00:00Z");
  }
}

TEST_P(OpenLineageTest, RoundTripThroughAFreshStoreGivesTheSameEvents) {
  const std::string first = Export(db());
  auto fresh = OpenAnotherStore("fresh");
  ASSERT_NE(fresh, nullptr);
  lineage::ImportSummary s = Import(*fresh, first);
  EXPECT_EQ(s.runs_created, Count("runs"));
  EXPECT_EQ(s.model_versions_created, 1);  // credit@1: the one with a training run
  const std::string second = Export(*fresh);
  EXPECT_EQ(Sorted(Lines(first)), Sorted(Lines(second)))
      << Difference(Sorted(Lines(first)), Sorted(Lines(second)));

  // Importing again changes nothing.
  lineage::ImportSummary again = Import(*fresh, first);
  EXPECT_EQ(again.runs_created, 0);
  EXPECT_EQ(again.runs_updated, 0);
  EXPECT_EQ(again.dataset_versions_created, 0);
  EXPECT_EQ(again.model_versions_created, 0);
  EXPECT_EQ(Export(*fresh), second);

  // The imported graph answers lineage questions like the original.
  auto rows = fresh->Query(
      "SELECT dv.id FROM dataset_versions dv JOIN datasets d ON d.id = dv.dataset_id"
      " WHERE d.name = 'raw'");
  ASSERT_TRUE(rows.ok() && rows->size() == 1u);
  auto impact = lineage::Impact(*fresh, (*rows)[0].Int(0));
  ASSERT_TRUE(impact.ok()) << impact.status().ToString();
  EXPECT_EQ(impact->totals.runs, 4);
  EXPECT_EQ(impact->totals.model_versions, 1);
}

TEST_P(OpenLineageTest, ImportingAStoresOwnEventsChangesNothing) {
  const int64_t runs = Count("runs"), versions = Count("dataset_versions");
  lineage::ImportSummary s = Import(db(), Export(db()));
  EXPECT_EQ(s.runs_created, 0);
  EXPECT_EQ(s.runs_updated, 0);
  EXPECT_EQ(s.dataset_versions_created, 0);
  EXPECT_EQ(Count("runs"), runs);
  EXPECT_EQ(Count("dataset_versions"), versions);
}

class OpenLineageImportTest : public LineageStore {
 protected:
  Status ImportText(const std::string& text) {
    return lineage::ImportOpenLineage(db(), text, "events.jsonl").status();
  }
};

constexpr const char* kStart =
    R"({"eventType":"START","eventTime":"2026-03-01T10:00:00.123+01:00","producer":"https://github.com/OpenLineage/OpenLineage/tree/1.9.0/integration/spark","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent","run":{"runId":"0190D1B7-8E3A-7C4B-9A1E-3F5D2C6B8A90","facets":{"spark_version":{"_producer":"x","_schemaURL":"y","spark-version":"3.5.0"}}},"job":{"namespace":"spark","name":"etl.clean"},"inputs":[{"namespace":"s3://lake","name":"raw/events","facets":{"version":{"_producer":"x","_schemaURL":"y","datasetVersion":"v7"}}}]})";
constexpr const char* kRunning =
    R"({"eventType":"RUNNING","eventTime":"2026-03-01T09:30:00Z","producer":"p","schemaURL":"s","run":{"runId":"0190d1b7-8e3a-7c4b-9a1e-3f5d2c6b8a90"},"job":{"namespace":"spark","name":"etl.clean"}})";
constexpr const char* kComplete =
    R"({"eventType":"COMPLETE","eventTime":"2026-03-01T09:45:00Z","producer":"p","schemaURL":"s","run":{"runId":"0190d1b7-8e3a-7c4b-9a1e-3f5d2c6b8a90"},"job":{"namespace":"spark","name":"etl.clean"},"outputs":[{"namespace":"s3://lake","name":"clean/events","facets":{"schema":{"_producer":"x","_schemaURL":"y","fields":[{"name":"id","type":"long"},{"name":"amount","type":"double"}]},"columnLineage":{"_producer":"x","_schemaURL":"y","fields":{"amount":{"inputFields":[{"namespace":"s3://lake","name":"raw/events","field":"amt"}],"transformationType":"INDIRECT","transformationDescription":"sum"}}}},"outputFacets":{"outputStatistics":{"_producer":"x","_schemaURL":"y","rowCount":1200}}}]})";
constexpr const char* kDatasetEvent =
    R"({"eventTime":"2026-03-01T09:00:00Z","producer":"p","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent","dataset":{"namespace":"s3://lake","name":"raw/events"}})";

TEST_P(OpenLineageImportTest, ForeignEventsMergeByRunId) {
  const std::string text =
      std::string(kDatasetEvent) + "\n" + kStart + "\n\n" + kComplete + "\n" + kRunning + "\n";
  auto summary = lineage::ImportOpenLineage(db(), text, "spark.jsonl");
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->lines, 4);
  EXPECT_EQ(summary->events, 3);
  EXPECT_EQ(summary->skipped_events, 1);
  EXPECT_EQ(summary->runs_created, 1);
  EXPECT_EQ(summary->dataset_versions_created, 2);
  auto run = db().Query(
      "SELECT r.run_uuid, r.status, r.started_at, r.ended_at, r.source, j.namespace, j.name"
      " FROM runs r JOIN jobs j ON j.id = r.job_id");
  ASSERT_TRUE(run.ok() && run->size() == 1u);
  const store::Row& r = (*run)[0];
  EXPECT_EQ(r.Text(0), "0190d1b7-8e3a-7c4b-9a1e-3f5d2c6b8a90");
  EXPECT_EQ(r.Text(1), "completed");
  EXPECT_EQ(r.Text(2), "2026-03-01T09:00:00Z");  // START at 10:00:00.123+01:00
  EXPECT_EQ(r.Text(3), "2026-03-01T09:45:00Z");
  EXPECT_EQ(r.Text(4), "openlineage");
  EXPECT_EQ(r.Text(5), "spark");
  auto data = db().Query(
      "SELECT d.namespace, d.name, dv.digest, dv.row_count, dv.schema_json FROM dataset_versions dv"
      " JOIN datasets d ON d.id = dv.dataset_id ORDER BY d.name");
  ASSERT_TRUE(data.ok() && data->size() == 2u);
  EXPECT_EQ((*data)[0].Text(1), "clean/events");
  EXPECT_EQ((*data)[0].Text(2), "openlineage:s3://lake/clean/events#unversioned");
  EXPECT_EQ((*data)[0].OptionalInt(3).value_or(-1), 1200);
  EXPECT_EQ((*data)[0].Text(4),
            R"([{"name":"id","type":"long"},{"name":"amount","type":"double"}])");
  EXPECT_EQ((*data)[1].Text(2), "openlineage:s3://lake/raw/events#v7");
  auto column = db().Query(
      "SELECT output_column, input_column, transformation, description FROM column_lineage");
  ASSERT_TRUE(column.ok() && column->size() == 1u);
  EXPECT_EQ((*column)[0].Text(1), "amt");
  EXPECT_EQ((*column)[0].Text(2), "INDIRECT");
  EXPECT_EQ((*column)[0].OptionalText(3).value_or(""), "sum");
}

TEST_P(OpenLineageImportTest, LaterEventsCompleteAKnownRun) {
  ASSERT_TRUE(ImportText(std::string(kStart) + "\n").ok());
  auto status = db().Query("SELECT status, ended_at FROM runs");
  ASSERT_TRUE(status.ok());
  EXPECT_EQ((*status)[0].Text(0), "running");
  EXPECT_TRUE((*status)[0].IsNull(1));
  auto summary = lineage::ImportOpenLineage(db(), std::string(kComplete) + "\n", "later.jsonl");
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->runs_created, 0);
  EXPECT_EQ(summary->runs_updated, 1);
  status = db().Query("SELECT status, ended_at FROM runs");
  EXPECT_EQ((*status)[0].Text(0), "completed");
  EXPECT_EQ(Count("run_outputs"), 1);
}

TEST_P(OpenLineageImportTest, MalformedLineFailsTheWholeFileAndNamesTheLine) {
  struct Case {
    std::string line;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"{not json", "events.jsonl:3: expected one JSON object per line"},
      {"[1, 2]", "events.jsonl:3: expected a JSON object"},
      {R"({"eventTime":"2026-03-01T09:00:00Z","run":{"runId":"0190d1b7-8e3a-7c4b-9a1e-3f5d2c6b8a91"},"job":{"namespace":"x"}})",
       "events.jsonl:3: expected job.name to be a non-empty string"},
      {R"({"eventTime":"yesterday","run":{"runId":"0190d1b7-8e3a-7c4b-9a1e-3f5d2c6b8a91"},"job":{"namespace":"x","name":"y"}})",
       "events.jsonl:3: expected eventTime to be an ISO 8601 date-time with a time zone, got "
       "'yesterday'"},
      {R"({"eventTime":"2026-03-01T09:00:00Z","run":{"runId":"run-1"},"job":{"namespace":"x","name":"y"}})",
       "events.jsonl:3: expected run.runId to be a UUID"},
      {R"({"eventType":"DONE","eventTime":"2026-03-01T09:00:00Z","run":{"runId":"0190d1b7-8e3a-7c4b-9a1e-3f5d2c6b8a91"},"job":{"namespace":"x","name":"y"}})",
       "events.jsonl:3: expected eventType to be one of"},
      {R"({"eventTime":"2026-03-01T09:00:00Z","run":{"runId":"0190d1b7-8e3a-7c4b-9a1e-3f5d2c6b8a91"},"job":{"namespace":"x","name":"y"},"inputs":[{"namespace":"n"}]})",
       "events.jsonl:3: expected inputs[0].name to be a non-empty string"},
  };
  for (const Case& c : cases) {
    const std::string text = std::string(kStart) + "\n" + kComplete + "\n" + c.line + "\n";
    Status s = ImportText(text);
    ASSERT_FALSE(s.ok()) << c.line;
    EXPECT_EQ(s.code(), StatusCode::kParseError);
    EXPECT_NE(s.message().find(c.expected), std::string::npos) << s.message();
    EXPECT_EQ(Count("runs"), 0) << "nothing may be written: " << c.line;
    EXPECT_EQ(Count("dataset_versions"), 0);
  }
}

AIRM_INSTANTIATE_STORE_BACKENDS(OpenLineageTest);
AIRM_INSTANTIATE_STORE_BACKENDS(OpenLineageImportTest);

}  // namespace
}  // namespace airm::testing
