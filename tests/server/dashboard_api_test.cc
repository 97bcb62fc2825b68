// What the dashboard needs from the server: its embedded files under their
// own Content-Security-Policy, the review queue, and each monitor's model
// and alert thresholds.
#include <gtest/gtest.h>

#include <fstream>

#include "airm/store/models.h"
#include "server_fixture.h"

namespace airm::server::testing {
namespace {

class DashboardApiTest : public ServerTest {
 protected:
  void RegisterModel(const std::string& name, const std::string& version) {
    auto db = Open();
    store::NewModelVersion m;
    m.name = name;
    m.version = version;
    m.artifact_digest = "sha256:" + std::string(63, 'a') + version;
    m.registered_by = "someone-else";
    ASSERT_TRUE(store::RegisterModelVersion(*db, m).ok());
  }
};

TEST_F(DashboardApiTest, ThePageAndItsFilesAreServedUnderTheirOwnPolicy) {
  Reply page = Send("GET", "/");
  ASSERT_EQ(page.status, 200) << page.body;  // 503: built without dashboard/node_modules
  EXPECT_EQ(page.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find(R"(<script defer src="/assets/app.js">)"), std::string::npos);
  const std::string policy = page.Header("Content-Security-Policy");
  EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << policy;
  EXPECT_EQ(Send("GET", "/", "", {{"If-None-Match", page.Header("ETag")}}).status, 304);

  Reply script = Send("GET", "/assets/app.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(script.body.find("/api/session"), std::string::npos);  // the app, not a stub
  Reply style = Send("GET", "/assets/app.css");
  ASSERT_EQ(style.status, 200);
  EXPECT_NE(style.body.find(".uplot"), std::string::npos);  // uPlot's style sheet is bundled
  EXPECT_EQ(Send("GET", "/assets/..%2Fopenapi.json").ProblemKind(), "not-found");
  // The API's documents keep the policy that allows nothing.
  EXPECT_EQ(As("viewer", "GET", "/api/systems").Header("Content-Security-Policy"),
            "default-src 'none'; frame-ancestors 'none'");
}

TEST_F(DashboardApiTest, TheReviewQueueHasEveryBoardTimesEachModelsNewestVersion) {
  RegisterModel("scorer", "1");
  RegisterModel("scorer", "2");
  RegisterModel("other", "1");
  for (const char* board : {"alpha", "beta"}) {
    Reply added = As("admin", "POST", "/api/boards",
                     std::string(R"({"name":")") + board +
                         R"(","seats":[{"function":"risk","member":"rita"}]})");
    ASSERT_EQ(added.status, 201) << added.body;
  }
  Reply approved = As("reviewer", "POST", "/api/reviews/scorer@2/decisions",
                      R"({"board":"beta","decision":"approve","comment":"fine"})");
  ASSERT_EQ(approved.status, 201) << approved.body;

  Reply queue = As("viewer", "GET", "/api/reviews");
  ASSERT_EQ(queue.status, 200) << queue.body;
  nlohmann::json doc = queue.Json();
  EXPECT_EQ(doc["kind"], "review_queue");
  EXPECT_EQ(doc["page"]["total"], 4);
  std::vector<std::string> items;
  for (const nlohmann::json& r : doc["reviews"]) {
    items.push_back(r["board"]["name"].get<std::string>() + " " +
                    r["model"]["ref"].get<std::string>() + " " + r["state"].get<std::string>());
  }
  EXPECT_EQ(items, (std::vector<std::string>{"alpha other@1 pending", "alpha scorer@2 pending",
                                             "beta other@1 pending", "beta scorer@2 approved"}));
  EXPECT_EQ(doc["reviews"][3]["current_signoffs"][0]["comment"], "fine");
  Reply page = As("viewer", "GET", "/api/reviews?limit=3");
  EXPECT_EQ(page.Json()["reviews"].size(), 3u);
  EXPECT_EQ(page.Json()["page"]["next_cursor"], "o3");
}

TEST_F(DashboardApiTest, MonitorsCarryTheirModelAndAlertThresholds) {
  std::ofstream(workspace_.root + "/airm.yaml", std::ios::app) << R"(
monitors:
  - name: scorer-weekly
    model: scorer
    reference: {file: reference.csv}
    current: {files: "batches/*.csv", timestamp: ts}
    start: 2026-01-05
    schedules:
      - {every: week, analysis: drift}
    alerts:
      - {name: age-shift, when: "columns.Age.effect_size>1, columns.Income.psi >= 0.25", severity: critical, for: 2}
      - {name: any-drift, when: "drift", severity: warning}
)";
  Reply status = As("viewer", "GET", "/api/monitors");
  ASSERT_EQ(status.status, 200) << status.body;
  nlohmann::json monitor = status.Json()["monitors"][0];
  EXPECT_EQ(monitor["model"], "scorer");
  ASSERT_EQ(monitor["alert_rules"].size(), 2u) << monitor.dump();
  nlohmann::json age = monitor["alert_rules"][0];
  EXPECT_EQ(age["name"], "age-shift");
  EXPECT_EQ(age["for"], 2);
  EXPECT_EQ(age["thresholds"],
            nlohmann::json::parse(R"([{"metric":"columns.Age.effect_size","op":">","value":1.0},
                                      {"metric":"columns.Income.psi","op":">=","value":0.25}])"));
  // An alias (drift) has no numeric comparison to draw.
  EXPECT_EQ(monitor["alert_rules"][1]["thresholds"], nlohmann::json::array());
}

}  // namespace
}  // namespace airm::server::testing
