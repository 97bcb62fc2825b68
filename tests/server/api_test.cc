// The JSON API over real data: inventory with filters, pagination and ETags;
// ownership of writes; the risk register; reviews with separation of duties
// and quorum; the audit log; monitors, datasets and lineage; /metrics.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "airm/store/alert_episodes.h"
#include "airm/store/models.h"
#include "airm/store/monitor_windows.h"
#include "openapi_schema_check.h"
#include "server_fixture.h"

namespace airm::server::testing {
namespace {

// A weekly drift monitor of files, as airm.yaml's `monitors:`.
constexpr const char* kWeeklyMonitor = R"(
monitors:
  - name: weekly
    reference: {file: reference.csv}
    current: {files: "batches/*.csv", timestamp: ts}
    start: 2026-01-05
    schedules:
      - {every: week, analysis: drift}
)";

class ApiTest : public ServerTest {
 protected:
  Reply AddSystem(const std::string& role, const std::string& name, const std::string& owner = "") {
    nlohmann::json body = {{"name", name},
                           {"business_unit", "lending"},
                           {"purpose", "test"},
                           {"decision_type", "human-in-the-loop"},
                           {"affected_people", "customers"},
                           {"data_categories", {"none"}},
                           {"lifecycle_state", "development"}};
    if (!owner.empty()) body["owner"] = owner;
    return As(role, "POST", "/api/systems", body.dump());
  }
  void RegisterModel(const std::string& name, const std::string& version,
                     const std::string& registered_by) {
    auto db = Open();
    store::NewModelVersion m;
    m.name = name;
    m.version = version;
    m.artifact_digest = "sha256:" + std::string(64, 'c');
    m.registered_by = registered_by;
    ASSERT_TRUE(store::RegisterModelVersion(*db, m).ok());
  }
};

TEST_F(ApiTest, InventoryPagesWithACursorAndFilters) {
  ASSERT_EQ(AddSystem("admin", "alpha").status, 201);
  ASSERT_EQ(AddSystem("admin", "beta").status, 201);
  Reply first = As("viewer", "GET", "/api/systems?limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  nlohmann::json doc = first.Json();
  EXPECT_EQ(doc["systems"].size(), 2u);
  EXPECT_EQ(doc["page"]["total"], 3);
  ASSERT_TRUE(doc["page"]["next_cursor"].is_string());
  Reply second = As("viewer", "GET",
                    "/api/systems?limit=2&cursor=" + doc["page"]["next_cursor"].get<std::string>());
  EXPECT_EQ(second.Json()["systems"].size(), 1u);
  EXPECT_TRUE(second.Json()["page"]["next_cursor"].is_null());

  Reply owned = As("viewer", "GET", "/api/systems?owner=cody");
  ASSERT_EQ(owned.Json()["systems"].size(), 1u);
  EXPECT_EQ(owned.Json()["systems"][0]["name"], "credit");

  Reply bad = As("viewer", "GET", "/api/systems?limit=0");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.Json()["detail"].get<std::string>().find("limit"), std::string::npos);
  EXPECT_EQ(As("viewer", "GET", "/api/systems?cursor=zzz").status, 400);
}

TEST_F(ApiTest, EtagGivesNotModifiedUntilTheDataChanges) {
  Reply first = As("viewer", "GET", "/api/systems/credit");
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.Header("ETag");
  ASSERT_FALSE(etag.empty());
  Reply again = Send("GET", "/api/systems/credit", "",
                     {{"Authorization", "Bearer " + token_.at("viewer")}, {"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  Reply risk = As(
      "contributor", "POST", "/api/risks",
      R"({"system":"credit","title":"bias","category":"bias","likelihood":3,"impact":4,"treatment":"mitigate"})");
  ASSERT_EQ(risk.status, 201) << risk.body;
  Reply changed =
      Send("GET", "/api/systems/credit", "",
           {{"Authorization", "Bearer " + token_.at("viewer")}, {"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.Header("ETag"), etag);
}

TEST_F(ApiTest, OnlyTheOwnerOrAnAdminChangesASystemsRecords) {
  ASSERT_EQ(AddSystem("admin", "fraud", "ada").status, 201);
  const std::string risk =
      R"({"system":"fraud","title":"evasion","category":"security","likelihood":2,"impact":5,"treatment":"mitigate"})";
  Reply refused = As("contributor", "POST", "/api/risks", risk);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.ProblemKind(), "forbidden-owner");
  EXPECT_EQ(AuditCount("access.denied"), 1);
  EXPECT_EQ(As("admin", "POST", "/api/risks", risk).status, 201);
  // A contributor cannot add a system in someone else's name.
  EXPECT_EQ(AddSystem("contributor", "other", "ada").ProblemKind(), "forbidden-owner");
  Reply own = AddSystem("contributor", "mine");
  ASSERT_EQ(own.status, 201);
  EXPECT_EQ(own.Json()["system"]["owner"], "cody");
  EXPECT_EQ(own.Json()["actor"]["name"], "cody");
}

TEST_F(ApiTest, RiskRegisterAddUpdateAndFilter) {
  Reply added = As(
      "contributor", "POST", "/api/risks",
      R"({"system":"credit","title":"drift","category":"performance","likelihood":4,"impact":3,"treatment":"mitigate"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string id = added.Json()["risk"]["id"];
  Reply updated = As("contributor", "PATCH", "/api/risks/" + id,
                     R"({"status":"in-progress","residual_likelihood":2,"residual_impact":2})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.Json()["risk"]["status"], "in-progress");
  EXPECT_EQ(As("viewer", "GET", "/api/risks?status=in-progress").Json()["risks"].size(), 1u);
  EXPECT_EQ(As("viewer", "GET", "/api/risks?status=open").Json()["risks"].size(), 0u);
  Reply bad = As(
      "contributor", "POST", "/api/risks",
      R"({"system":"credit","title":"x","category":"performance","likelihood":9,"impact":3,"treatment":"mitigate"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Header("Content-Type"), "application/problem+json");
  EXPECT_EQ(As("contributor", "PATCH", "/api/risks/R-999", R"({"status":"closed"})").status, 404);
}

TEST_F(ApiTest, ReviewsKeepSeparationOfDutiesAndQuorum) {
  RegisterModel("scorer", "1", "rita");
  RegisterModel("scorer", "2", "cody");
  Reply board = As(
      "admin", "POST", "/api/boards",
      R"({"name":"board","quorum":"all-seats","seats":[{"function":"risk","member":"rita"},{"function":"legal","member":"ada"}]})");
  ASSERT_EQ(board.status, 201) << board.body;
  // rita registered version 1: she cannot sign it off.
  Reply own = As("reviewer", "POST", "/api/reviews/scorer@1/decisions",
                 R"({"board":"board","decision":"approve"})");
  EXPECT_EQ(own.status, 400);
  EXPECT_NE(own.body.find("separation of duties"), std::string::npos) << own.body;
  // Version 2: her approval alone is not the quorum.
  Reply signed_off = As("reviewer", "POST", "/api/reviews/scorer@2/decisions",
                        R"({"board":"board","decision":"approve","comment":"ok"})");
  ASSERT_EQ(signed_off.status, 201) << signed_off.body;
  EXPECT_EQ(signed_off.Json()["state"], "pending");
  EXPECT_EQ(signed_off.Json()["actor"]["name"], "rita");
  Reply legal = As("admin", "POST", "/api/reviews/scorer@2/decisions",
                   R"({"board":"board","decision":"approve","function":"legal"})");
  ASSERT_EQ(legal.status, 201) << legal.body;
  EXPECT_EQ(legal.Json()["state"], "approved");
  Reply status = As("viewer", "GET", "/api/reviews/scorer@2?board=board");
  EXPECT_EQ(status.Json()["state"], "approved");
  // The documents are what docs/openapi.json says (each sign-off's evidence, schema 1.1).
  Reply queue = As("viewer", "GET", "/api/reviews");
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(airm::testing::CheckAgainstOpenApi(AIRM_SOURCE_DIR, queue.body, "ReviewQueue", dir_),
            "ok\n");
  for (const Reply* r : {&signed_off, &legal, &status}) {
    EXPECT_EQ(airm::testing::CheckAgainstOpenApi(AIRM_SOURCE_DIR, r->body, "ReviewDocument", dir_),
              "ok\n");
  }
  // A contributor is below reviewer.
  EXPECT_EQ(As("contributor", "POST", "/api/reviews/scorer@2/decisions",
               R"({"board":"board","decision":"reject"})")
                .ProblemKind(),
            "forbidden-role");
}

TEST_F(ApiTest, AuditLogRecordsTheApisActorsAndVerifies) {
  ASSERT_EQ(AddSystem("contributor", "audited").status, 201);
  Reply log = As("viewer", "GET", "/api/audit?action=system.add");
  ASSERT_EQ(log.status, 200) << log.body;
  nlohmann::json entries = log.Json()["entries"];
  ASSERT_EQ(entries.size(), 2u);  // the fixture's credit and this one
  nlohmann::json last = nlohmann::json::parse(entries[1]["entry"].get<std::string>());
  EXPECT_EQ(last["actor"], "cody");
  EXPECT_EQ(last["subject"], "system:audited");
  Reply verify = As("viewer", "GET", "/api/audit/verify");
  EXPECT_EQ(verify.Json()["ok"], true) << verify.body;
}

TEST_F(ApiTest, AuditLogFiltersBySubjectAndPages) {
  ASSERT_EQ(AddSystem("contributor", "audited").status, 201);
  ASSERT_EQ(AddSystem("contributor", "audited-too").status, 201);
  auto subjects = [&](const std::string& query) {
    Reply r = As("viewer", "GET", "/api/audit?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const nlohmann::json doc = r.Json();  // held: a range over a temporary's member dangles
    for (const nlohmann::json& e : doc["entries"]) {
      out.push_back(
          nlohmann::json::parse(e["entry"].get<std::string>())["subject"].get<std::string>());
    }
    return std::pair{out, doc["page"]};
  };
  auto [exact, exact_page] = subjects("subject=system:audited");
  EXPECT_EQ(exact, std::vector<std::string>{"system:audited"});
  EXPECT_EQ(exact_page["total"], 1);
  auto [prefixed, prefixed_page] = subjects("subject=system:audited*&limit=1");
  EXPECT_EQ(prefixed, std::vector<std::string>{"system:audited"});
  EXPECT_EQ(prefixed_page["total"], 2);
  ASSERT_TRUE(prefixed_page["next_cursor"].is_string());
  auto [second, second_page] = subjects("subject=system:audited*&limit=1&cursor=" +
                                        prefixed_page["next_cursor"].get<std::string>());
  EXPECT_EQ(second, std::vector<std::string>{"system:audited-too"});
  EXPECT_TRUE(second_page["next_cursor"].is_null());
  EXPECT_TRUE(subjects("subject=system:nothing").first.empty());
}

TEST_F(ApiTest, MonitorsDatasetsAndLineageAnswerFromTheStore) {
  Reply monitors = As("viewer", "GET", "/api/monitors");
  EXPECT_EQ(monitors.status, 200) << monitors.body;
  EXPECT_EQ(monitors.Json()["kind"], "monitor_status");
  Reply alerts = As("viewer", "GET", "/api/alerts?open=true");
  EXPECT_EQ(alerts.status, 200) << alerts.body;
  EXPECT_EQ(alerts.Json()["page"]["total"], 0);
  Reply history = As("viewer", "GET", "/api/monitors/none/history");
  EXPECT_EQ(history.status, 400);
  EXPECT_EQ(As("contributor", "POST", "/api/alerts/abcdef123/ack").status, 404);
  Reply datasets = As("viewer", "GET", "/api/datasets");
  EXPECT_EQ(datasets.status, 200) << datasets.body;
  EXPECT_EQ(As("viewer", "GET", "/api/datasets/nothing@1").status, 404);
  Reply trace = As("viewer", "GET", "/api/lineage/predictions/p-1");
  EXPECT_EQ(trace.status, 404);
  EXPECT_EQ(trace.Header("Content-Type"), "application/problem+json");
}

// The history endpoint keeps each window's value between requests
// (usecases/monitor_history_cache.h); a recomputed window is a new row, so its
// new value shows at once, and an empty window stays a gap.
TEST_F(ApiTest, MonitorHistoryShowsARecomputedWindowsNewValue) {
  std::ofstream(workspace_.root + "/airm.yaml", std::ios::app) << kWeeklyMonitor;
  auto window = [&](const std::string& start, const std::string& end,
                    std::optional<std::string> result) {
    store::MonitorWindowRecord w{.monitor = "weekly",
                                 .schedule = "week-drift",
                                 .label = start.substr(0, 10),
                                 .window_start = start,
                                 .window_end = end,
                                 .status = result ? "ok" : "empty",
                                 .result_json = std::move(result),
                                 .computed_at = "2026-01-20T00:00:00Z"};
    auto db = Open();
    ASSERT_TRUE(db->WriteTransaction([&](store::Database& tx) {
                    return store::InsertMonitorWindow(tx, &w).status();
                  }).ok());
  };
  window("2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z", R"({"columns":{"Age":{"psi":0.5}}})");
  window("2026-01-12T00:00:00Z", "2026-01-19T00:00:00Z", std::nullopt);
  const std::string path = "/api/monitors/weekly/history?metric=columns.Age.psi";
  auto values = [&] {
    Reply r = As("viewer", "GET", path);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const nlohmann::json doc = r.Json();  // held: a range over a temporary's member dangles
    for (const nlohmann::json& p : doc["points"]) out.push_back(p["value"].dump());
    return out;
  };
  EXPECT_EQ(values(), (std::vector<std::string>{"0.5", "null"}));
  EXPECT_EQ(values(), (std::vector<std::string>{"0.5", "null"}));  // from the cache
  window("2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z", R"({"columns":{"Age":{"psi":0.75}}})");
  EXPECT_EQ(values(), (std::vector<std::string>{"0.75", "null"}));
  Reply missing = As("viewer", "GET", "/api/monitors/weekly/history?metric=columns.Nope.psi");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.Json()["detail"].get<std::string>().find("Nope"), std::string::npos)
      << missing.body;
}

// The server parses airm.yaml's monitors once and again only when the file
// changes (usecases/monitor_config_cache.h): an edit between two requests
// shows in the second; an edit that breaks the section is a problem document
// on the monitor endpoints (the rest of the API still answers) until the
// file is fixed.
TEST_F(ApiTest, MonitorsFollowAirmYamlEditedWhileServing) {
  const std::string yaml = workspace_.root + "/airm.yaml";
  std::string workspace_keys;
  {
    std::ifstream in(yaml);
    workspace_keys.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto write = [&](const std::string& every_of_daily) {
    std::ofstream(yaml, std::ios::trunc)
        << workspace_keys << kWeeklyMonitor << (every_of_daily.empty() ? "" : R"(  - name: daily
    reference: {file: reference.csv}
    current: {files: "batches/*.csv", timestamp: ts}
    start: 2026-01-05
    schedules:
      - {every: )" + every_of_daily + R"(, analysis: drift}
)");
  };
  auto names = [&] {
    Reply r = As("viewer", "GET", "/api/monitors");
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const nlohmann::json doc = r.Json();  // held: a range over a temporary's member dangles
    for (const nlohmann::json& m : doc["monitors"]) out.push_back(m["monitor"]);
    return out;
  };
  write("");
  EXPECT_EQ(names(), std::vector<std::string>{"weekly"});
  EXPECT_EQ(names(), std::vector<std::string>{"weekly"});
  write("day");
  EXPECT_EQ(names(), (std::vector<std::string>{"weekly", "daily"}));

  write("fortnight");
  for (const char* path :
       {"/api/monitors", "/api/alerts", "/api/monitors/weekly/history?metric=x", "/metrics"}) {
    Reply broken = As("viewer", "GET", path);
    EXPECT_EQ(broken.status, 503) << path << " " << broken.body;
    EXPECT_EQ(broken.Header("Content-Type"), "application/problem+json") << path;
    EXPECT_EQ(broken.ProblemKind(), "unavailable") << path;
    const std::string detail = broken.Json()["detail"];
    EXPECT_NE(detail.find("airm.yaml:"), std::string::npos) << detail;  // file:line
    EXPECT_NE(detail.find("fortnight"), std::string::npos) << detail;
  }
  EXPECT_EQ(As("viewer", "GET", "/api/systems").status, 200);  // not a monitor request
  write("day");
  EXPECT_EQ(names(), (std::vector<std::string>{"weekly", "daily"}));
}

// The governance documents come from the CLI's use cases and renderers.
TEST_F(ApiTest, GovernanceReportCoverageAndEscalation) {
  Reply coverage = As("viewer", "GET", "/api/systems/credit/coverage?today=2026-03-01");
  ASSERT_EQ(coverage.status, 200) << coverage.body;
  nlohmann::json doc = coverage.Json();
  EXPECT_EQ(doc["kind"], "framework_coverage");
  ASSERT_EQ(doc["systems"].size(), 1u);
  EXPECT_EQ(doc["systems"][0]["name"], "credit");
  EXPECT_FALSE(doc["systems"][0]["frameworks"].empty());
  Reply one = As("viewer", "GET", "/api/systems/credit/coverage?framework=iso-42001");
  ASSERT_EQ(one.status, 200) << one.body;
  ASSERT_EQ(one.Json()["systems"][0]["frameworks"].size(), 1u);
  EXPECT_EQ(one.Json()["systems"][0]["frameworks"][0]["framework"], "iso-42001");
  EXPECT_EQ(As("viewer", "GET", "/api/systems/credit/coverage?framework=nope").status, 400);
  EXPECT_EQ(As("viewer", "GET", "/api/systems/nobody/coverage").status, 404);

  ASSERT_EQ(AddSystem("admin", "beta").status, 201);
  Reply portfolio = As("viewer", "GET", "/api/report");
  ASSERT_EQ(portfolio.status, 200) << portfolio.body;
  EXPECT_EQ(portfolio.Json()["kind"], "governance_report");
  EXPECT_EQ(portfolio.Json()["summary"]["systems"], 2);
  Reply system = As("viewer", "GET", "/api/systems/beta/report");
  ASSERT_EQ(system.status, 200) << system.body;
  ASSERT_EQ(system.Json()["systems"].size(), 1u);
  EXPECT_EQ(system.Json()["systems"][0]["name"], "beta");
  EXPECT_EQ(As("viewer", "GET", "/api/systems/nobody/report").status, 404);

  Reply escalation = As("viewer", "GET", "/api/escalation?system=credit");
  ASSERT_EQ(escalation.status, 200) << escalation.body;
  EXPECT_EQ(escalation.Json()["kind"], "escalation_status");
  Reply bad_day = As("viewer", "GET", "/api/escalation?today=March");
  EXPECT_EQ(bad_day.status, 400);
  EXPECT_NE(bad_day.Json()["detail"].get<std::string>().find("YYYY-MM-DD"), std::string::npos);
}

TEST_F(ApiTest, ModelVersionsAndCards) {
  RegisterModel("scorer", "1", "cody");
  RegisterModel("scorer", "2", "cody");
  RegisterModel("other", "1", "ada");
  Reply all = As("viewer", "GET", "/api/models?limit=2");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.Json()["kind"], "model_versions");
  EXPECT_EQ(all.Json()["page"]["total"], 3);
  EXPECT_EQ(all.Json()["versions"][0]["name"], "other");
  Reply scorer = As("viewer", "GET", "/api/models?name=scorer");
  ASSERT_EQ(scorer.Json()["versions"].size(), 2u);
  EXPECT_EQ(scorer.Json()["versions"][1]["version"], "2");
  Reply card = As("viewer", "GET", "/api/models/scorer%40latest/card");
  EXPECT_EQ(card.status, 200) << card.body;
  EXPECT_NE(card.body.find("scorer"), std::string::npos);
  EXPECT_EQ(As("viewer", "GET", "/api/models/nothing@1/card").status, 404);
}

TEST_F(ApiTest, AlertsAreAcknowledgedAndSilencedWithAnAuditEntry) {
  {
    auto db = Open();
    auto saved = store::SaveAlertEpisode(*db, {.episode_uid = "ep0123456789",
                                               .monitor = "credit-drift",
                                               .schedule = "week",
                                               .alert = "drift",
                                               .severity = "warning",
                                               .expression = "drift.any",
                                               .state = "firing",
                                               .consecutive = 2,
                                               .first_window_start = "2026-01-01T00:00:00Z",
                                               .last_window_end = "2026-01-15T00:00:00Z",
                                               .created_at = "2026-01-15T00:00:00Z"});
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  }
  Reply open = As("viewer", "GET", "/api/alerts?open=true");
  ASSERT_EQ(open.Json()["page"]["total"], 1) << open.body;
  EXPECT_EQ(As("viewer", "POST", "/api/alerts/ep0123456789/ack").ProblemKind(), "forbidden-role");
  Reply ack = As("contributor", "POST", "/api/alerts/ep0123456789/ack");
  ASSERT_EQ(ack.status, 200) << ack.body;
  Reply silence = As("contributor", "POST", "/api/alerts/ep0123/silence",
                     R"({"until":"2030-01-01T00:00:00Z"})");
  ASSERT_EQ(silence.status, 200) << silence.body;
  EXPECT_EQ(AuditCount("alert.ack"), 1);
  EXPECT_EQ(AuditCount("alert.silence"), 1);
  nlohmann::json episode = As("viewer", "GET", "/api/alerts").Json()["episodes"][0];
  EXPECT_EQ(episode["acked_by"], "cody") << episode.dump();
  EXPECT_EQ(As("contributor", "POST", "/api/alerts/ep0123/silence", "{}").status, 400);
}

TEST_F(ApiTest, MetricsPassPromtool) {
  ASSERT_EQ(As("viewer", "GET", "/api/systems").status, 200);
  Reply metrics = As("viewer", "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find(
                "airm_http_requests_total{method=\"GET\",route=\"/api/systems\",status=\"2xx\"} 1"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("airm_http_request_duration_seconds_bucket{le=\"+Inf\""),
            std::string::npos);
  const std::string file = (dir_ / "metrics.txt").string();
  std::ofstream(file) << metrics.body;
  const std::string command = "promtool check metrics < '" + file + "' > '" + file + ".out' 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0);
}

TEST_F(ApiTest, HealthReadinessAndTheOpenApiDocumentArePublic) {
  EXPECT_EQ(Send("GET", "/healthz").status, 200);
  Reply ready = Send("GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_GE(ready.Json()["schema_version"].get<int>(), 5);
  Reply openapi = Send("GET", "/api/openapi.json");
  EXPECT_EQ(openapi.Json()["openapi"], "3.1.0");
  Reply method = As("viewer", "PUT", "/api/systems");
  EXPECT_EQ(method.status, 405);
}

}  // namespace
}  // namespace airm::server::testing
