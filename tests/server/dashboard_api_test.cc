// What the dashboard needs from the server: its embedded files under their
// own Content-Security-Policy, the review queue, and each monitor's model
// and alert thresholds.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "airm/store/alert_episodes.h"
#include "airm/store/datasets.h"
#include "airm/store/deployments.h"
#include "airm/store/model_results.h"
#include "airm/store/models.h"
#include "airm/store/monitor_windows.h"
#include "airm/store/prediction_labels.h"
#include "airm/store/predictions.h"
#include "airm/usecases/governance_frameworks.h"
#include "airm/usecases/governance_systems.h"
#include "openapi_schema_check.h"
#include "server_fixture.h"

namespace airm::server::testing {
namespace {

// A lineage graph's nodes as "kind label" and edges as "from -label-> to".
std::pair<std::set<std::string>, std::set<std::string>> GraphAsText(const nlohmann::json& graph) {
  std::set<std::string> nodes, edges;
  for (const auto& n : graph["nodes"]) {
    nodes.insert(n["kind"].get<std::string>() + " " + n["label"].get<std::string>());
  }
  for (const auto& e : graph["edges"]) {
    edges.insert(e["from"].get<std::string>() + " -" + e["label"].get<std::string>() + "-> " +
                 e["to"].get<std::string>());
  }
  return {nodes, edges};
}

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
  // scorer@1 and scorer@2 registered by cody, trained on `data` (dataset
  // version ids and roles); scorer@1's version id.
  static int64_t RegisterScorerVersions(store::Database& db,
                                        std::vector<store::ModelData> data = {}) {
    store::NewModelVersion m;
    m.name = "scorer";
    m.version = "1";
    m.artifact_digest = "sha256:" + std::string(64, 'c');
    m.data = std::move(data);
    m.registered_by = "cody";
    auto v1 = store::RegisterModelVersion(db, m);
    EXPECT_TRUE(v1.ok()) << v1.status().ToString();
    m.version = "2";
    m.artifact_digest = "sha256:" + std::string(64, 'd');
    EXPECT_TRUE(store::RegisterModelVersion(db, m).ok());
    return v1.ok() ? v1->version.id : 0;
  }
  // One entry of airm.yaml's `monitors:` with one drift schedule.
  static std::string MonitorYaml(const std::string& name, const std::string& model,
                                 const std::string& current, const std::string& every) {
    return "  - name: " + name + "\n    model: " + model +
           "\n    reference: {file: reference.csv}\n    current: " + current +
           "\n    start: 2026-01-05\n    schedules:\n      - {every: " + every +
           ", analysis: drift}\n";
  }
  // A weekly drift monitor of `scorer` in airm.yaml, `more` its further keys.
  void AddScorerMonitor(const std::string& more) {
    std::ofstream(workspace_.root + "/airm.yaml", std::ios::app) << R"(
monitors:
  - name: scorer-weekly
    model: scorer
    reference: {file: reference.csv}
    current: {files: "batches/*.csv", timestamp: ts}
    start: 2026-01-05
    schedules:
      - {every: week, analysis: drift}
)" << more;
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

// The queue is judged afresh on every request (issue 11's speed-up shares
// reads across systems within one request only): a sign-off, a new version
// and a new board each show on the very next response.
TEST_F(DashboardApiTest, TheReviewQueueShowsEachWriteOnTheNextRequest) {
  RegisterModel("scorer", "1");
  ASSERT_EQ(As("admin", "POST", "/api/boards",
               R"({"name":"alpha","seats":[{"function":"risk","member":"rita"}]})")
                .status,
            201);
  auto states = [this] {
    Reply queue = As("viewer", "GET", "/api/reviews");
    EXPECT_EQ(queue.status, 200) << queue.body;
    const nlohmann::json doc = queue.Json();
    std::vector<std::string> items;
    for (const nlohmann::json& r : doc["reviews"]) {
      items.push_back(r["board"]["name"].get<std::string>() + " " +
                      r["model"]["ref"].get<std::string>() + " " + r["state"].get<std::string>());
    }
    return items;
  };
  EXPECT_EQ(states(), (std::vector<std::string>{"alpha scorer@1 pending"}));
  ASSERT_EQ(As("reviewer", "POST", "/api/reviews/scorer@1/decisions",
               R"({"board":"alpha","decision":"approve"})")
                .status,
            201);
  EXPECT_EQ(states(), (std::vector<std::string>{"alpha scorer@1 approved"}));
  RegisterModel("scorer", "2");
  EXPECT_EQ(states(), (std::vector<std::string>{"alpha scorer@2 pending"}));
  ASSERT_EQ(As("admin", "POST", "/api/boards",
               R"({"name":"beta","seats":[{"function":"risk","member":"rita"}]})")
                .status,
            201);
  EXPECT_EQ(states(),
            (std::vector<std::string>{"alpha scorer@2 pending", "beta scorer@2 pending"}));
}

// Coverage of every system reads each monitor's windows and the audit trail
// once for all systems (internal::EvidenceMemo): each system still gets its
// own answer, the one it gets alone, and a new window shows on the next call.
TEST_F(DashboardApiTest, EvidenceSharedAcrossSystemsMatchesEachSystemAloneAndIsReadAfresh) {
  AddScorerMonitor("");
  RegisterModel("scorer", "1");
  governance::AiSystem fraud{.name = "fraud",
                             .owner = "cody",
                             .business_unit = "retail",
                             .purpose = "fraud scoring",
                             .decision_type = "human-in-the-loop",
                             .affected_people = "applicants",
                             .data_categories = {"personal"},
                             .lifecycle_state = "production",
                             .created_at = "",
                             .created_by = ""};
  ASSERT_TRUE(usecases::AddSystem({.store = Where(), .actor = "cody", .system = fraud}).ok());
  for (const char* system : {"credit", "fraud"}) {
    auto linked = usecases::LinkSystem(
        {.store = Where(), .actor = "cody", .system = system, .models = {"scorer"}});
    ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  }
  auto add_window = [this](const std::string& start, const std::string& computed_at) {
    auto db = Open();
    ASSERT_TRUE(db->Execute("INSERT INTO monitor_windows (monitor, schedule, label, window_start, "
                            "window_end, status, row_count, computed_at) VALUES ('scorer-weekly', "
                            "'week', ?, ?, ?, 'ok', 10, ?)",
                            {start, start, start, computed_at})
                    .ok());
  };
  // Per system, "kind present detail @observed_at" of every evidence item.
  auto evidence = [this](const std::string& system) {
    std::map<std::string, std::vector<std::string>> out;
    auto cov = usecases::GetFrameworkCoverage({.store = Where(), .system = system});
    EXPECT_TRUE(cov.ok()) << cov.status().ToString();
    if (!cov.ok()) return out;
    for (const governance::SystemCoverage& s : cov->report.systems) {
      for (const governance::EvidenceItem& e : s.evidence) {
        out[s.system].push_back(e.kind + " " + (e.present ? "present " : "missing ") + e.detail +
                                " @" + e.observed_at.value_or("-"));
      }
    }
    return out;
  };
  auto item = [](const std::vector<std::string>& items, const std::string& kind) {
    for (const std::string& i : items) {
      if (i.rfind(kind + " ", 0) == 0) return i;
    }
    return std::string("none");
  };
  // One more audit entry about credit than about fraud.
  ASSERT_EQ(
      As("contributor", "POST", "/api/risks",
         R"({"system":"credit","title":"bias","category":"bias","likelihood":3,"impact":4,"treatment":"mitigate"})")
          .status,
      201);
  add_window("2026-01-05", "2026-01-12T00:00:00Z");
  std::map<std::string, std::vector<std::string>> both = evidence("");
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both["credit"], evidence("credit")["credit"]);
  EXPECT_EQ(both["fraud"], evidence("fraud")["fraud"]);
  for (const char* system : {"credit", "fraud"}) {
    EXPECT_EQ(item(both[system], "drift_monitoring"),
              "drift_monitoring present 1 monitor windows @2026-01-12T00:00:00Z");
  }
  // The audit trail is each system's own: credit's risk is not fraud's.
  EXPECT_NE(item(both["credit"], "audit_trail"), item(both["fraud"], "audit_trail"));
  EXPECT_NE(item(both["fraud"], "audit_trail").find("present"), std::string::npos);

  add_window("2026-01-12", "2026-01-19T00:00:00Z");
  both = evidence("");
  for (const char* system : {"credit", "fraud"}) {
    EXPECT_EQ(item(both[system], "drift_monitoring"),
              "drift_monitoring present 2 monitor windows @2026-01-19T00:00:00Z");
  }
}

TEST_F(DashboardApiTest, MonitorsCarryTheirModelAndAlertThresholds) {
  AddScorerMonitor(R"(    alerts:
      - {name: age-shift, when: "columns.Age.effect_size>1, columns.Income.psi >= 0.25", severity: critical, for: 2}
      - {name: any-drift, when: "drift", severity: warning}
)");
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

// A learned threshold moves from window to window: the rule names the
// metric it is drawn on and the history series of each side it fires on.
TEST_F(DashboardApiTest, LearnedRulesNameTheirSourceAndTheirThresholdSeries) {
  AddScorerMonitor(R"(    alerts:
      - {name: age-ref, when: "columns.Age.effect_size != learned",
         learn: {from: reference, rows: 50}}
      - {name: age-past, when: "columns.Age.effect_size > learned", learn: {k: 2}}
)");
  Reply status = As("viewer", "GET", "/api/monitors");
  ASSERT_EQ(status.status, 200) << status.body;
  const nlohmann::json rules = status.Json()["monitors"][0]["alert_rules"];
  ASSERT_EQ(rules.size(), 2u) << rules.dump();
  EXPECT_EQ(rules[0]["thresholds"], nlohmann::json::array());
  EXPECT_EQ(rules[0]["learn"]["rows"], 50);
  EXPECT_EQ(rules[0]["learned"], nlohmann::json::parse(R"({
      "metric": "columns.Age.effect_size", "from": "reference",
      "label": "learned from the reference",
      "lines": [{"op": "<", "history_metric": "alert_thresholds.age-ref.lower"},
                {"op": ">", "history_metric": "alert_thresholds.age-ref.upper"}]})"));
  EXPECT_EQ(rules[1]["learned"]["label"], "learned from earlier windows");
  EXPECT_EQ(rules[1]["learned"]["lines"],
            nlohmann::json::parse(
                R"([{"op": ">", "history_metric": "alert_thresholds.age-past.upper"}])"));
}

// The system page's chaos and lineage sections: the serving version (the
// deployed 1, not the newer 2), its chaos verdicts newest first, and a graph
// from its training data through the model to its environment.
TEST_F(DashboardApiTest, SystemLineageHasTheServingVersionsChaosVerdictsAndGraph) {
  {
    auto db = Open();
    store::NewDatasetVersion data;
    data.name = "applications";
    data.content.digest = "sha256:" + std::string(64, 'b');
    data.content.row_count = 120;
    data.source_uri = "s3://bucket/apps.csv";
    data.registered_by = "cody";
    auto registered = store::RegisterDatasetVersion(*db, data);
    ASSERT_TRUE(registered.ok()) << registered.status().ToString();
    const int64_t v1 = RegisterScorerVersions(*db, {{registered->version.id, "train"}});
    ASSERT_FALSE(HasFailure());
    ASSERT_TRUE(store::Deploy(*db, v1, "production", "2026-01-01T00:00:00Z", "cody").ok());
    for (const auto& [status, at] :
         {std::pair{"fail", "2026-01-02T00:00:00Z"}, std::pair{"pass", "2026-01-03T00:00:00Z"}}) {
      ASSERT_TRUE(store::RecordModelResult(*db, {.model_version_id = v1,
                                                 .kind = "chaos",
                                                 .status = status,
                                                 .summary = std::string("<b>") + status + "</b>",
                                                 .recorded_at = at,
                                                 .recorded_by = "cody"})
                      .ok());
    }
  }
  ASSERT_TRUE(usecases::LinkSystem(
                  {.store = Where(), .actor = "cody", .system = "credit", .models = {"scorer"}})
                  .ok());
  Reply r = As("viewer", "GET", "/api/systems/credit/lineage");
  ASSERT_EQ(r.status, 200) << r.body;
  nlohmann::json doc = r.Json();
  EXPECT_EQ(doc["kind"], "system_lineage");
  ASSERT_EQ(doc["models"].size(), 1u);
  const nlohmann::json& model = doc["models"][0];
  EXPECT_EQ(model["ref"], "scorer@1");
  EXPECT_EQ(model["deployed"], true);
  ASSERT_EQ(model["chaos"].size(), 2u);
  EXPECT_EQ(model["chaos"][0]["status"], "pass");          // newest first
  EXPECT_EQ(model["chaos"][0]["summary"], "<b>pass</b>");  // as recorded; the page escapes it
  EXPECT_EQ(model["chaos"][1]["status"], "fail");
  const auto [nodes, edges] = GraphAsText(model["graph"]);
  EXPECT_EQ(nodes, (std::set<std::string>{"dataset applications@1", "model scorer@1",
                                          "deployment production"}));
  EXPECT_TRUE(edges.count("data:sha256:" + std::string(64, 'b') + " -train-> model:scorer@1"));
  EXPECT_TRUE(edges.count("model:scorer@1 -deployed-> env:production"));
  EXPECT_EQ(model["graph"]["truncated"], false);
  EXPECT_EQ(As("viewer", "GET", "/api/systems/nothing/lineage").status, 404);
  EXPECT_EQ(Send("GET", "/api/systems/credit/lineage").status, 401);
}

// The serving side of the same page: the serving version's prediction log
// (through its deployment and without one, with its labels) and the monitors
// of airm.yaml that watch that version — by its exact reference, or a monitor
// of files naming the model — with their newest window and firing alert; a
// monitor of the newest version's log (scorer = scorer@2) and one of another
// model are not shown.
TEST_F(DashboardApiTest, SystemLineageHasThePredictionLogAndTheMonitorsWatchingIt) {
  {
    auto db = Open();
    const int64_t v1 = RegisterScorerVersions(*db);
    ASSERT_FALSE(HasFailure());
    auto deployed = store::Deploy(*db, v1, "production", "2026-01-01T00:00:00Z", "cody");
    ASSERT_TRUE(deployed.ok()) << deployed.status().ToString();
    auto log = [&](std::optional<int64_t> deployment, const std::string& at,
                   const std::vector<std::string>& ids, const std::string& labelled) {
      return db->WriteTransaction([&](store::Database& tx) -> Status {
        AIRM_ASSIGN_OR_RETURN(int64_t batch, store::CreatePredictionBatch(
                                                 tx, {.model_version_id = v1,
                                                      .deployment_id = deployment,
                                                      .row_count = static_cast<int64_t>(ids.size()),
                                                      .logged_by = "cody",
                                                      .logged_at = at}));
        AIRM_ASSIGN_OR_RETURN(auto writer, store::PredictionWriter::Make(tx, batch));
        for (const std::string& id : ids) {
          AIRM_RETURN_IF_ERROR(writer->Add({.prediction_id = id,
                                            .predicted_at = at,
                                            .input_digest = "sha256:" + std::string(64, 'c'),
                                            .features_json = std::nullopt,
                                            .output = std::nullopt}));
        }
        if (labelled.empty()) return Status::Ok();
        AIRM_ASSIGN_OR_RETURN(store::LabelWriter labels, store::LabelWriter::Make(tx, at));
        return labels.Attach(labelled, "1");
      });
    };
    ASSERT_TRUE(log(deployed->current.id, "2026-01-03T00:00:00Z", {"p1", "p2", "p3"}, "p2").ok());
    ASSERT_TRUE(log(std::nullopt, "2026-01-04T00:00:00Z", {"p4"}, "").ok());
    store::MonitorWindowRecord w{.monitor = "scorer-log",
                                 .schedule = "week-drift",
                                 .label = "2026-W02",
                                 .window_start = "2026-01-05T00:00:00Z",
                                 .window_end = "2026-01-12T00:00:00Z",
                                 .status = "ok",
                                 .row_count = 4,
                                 .result_json = "{}"};
    ASSERT_TRUE(db->WriteTransaction([&](store::Database& tx) {
                    return store::InsertMonitorWindow(tx, &w).status();
                  }).ok());
    ASSERT_TRUE(store::SaveAlertEpisode(*db, {.episode_uid = "ep-shift-0001",
                                              .monitor = "scorer-log",
                                              .schedule = "week-drift",
                                              .alert = "shift",
                                              .severity = "warning",
                                              .expression = "drift",
                                              .state = "firing",
                                              .consecutive = 1,
                                              .first_window_start = "2026-01-05T00:00:00Z",
                                              .last_window_end = "2026-01-12T00:00:00Z",
                                              .created_at = "2026-01-12T00:00:00Z"})
                    .ok());
  }
  const std::string of_files = R"({files: "batches/*.csv", timestamp: ts})";
  std::ofstream(workspace_.root + "/airm.yaml", std::ios::app)
      << "monitors:\n"
      << MonitorYaml("scorer-log", "scorer@1", "{predictions: true}", "week")
      << "    alerts:\n      - {name: shift, when: drift}\n"
      << MonitorYaml("newest-log", "scorer", "{predictions: true}", "week")
      << MonitorYaml("scorer-files", "scorer", of_files, "day")
      << MonitorYaml("other-files", "other@1", of_files, "day");
  ASSERT_TRUE(usecases::LinkSystem(
                  {.store = Where(), .actor = "cody", .system = "credit", .models = {"scorer"}})
                  .ok());
  Reply r = As("viewer", "GET", "/api/systems/credit/lineage");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(airm::testing::CheckAgainstOpenApi(AIRM_SOURCE_DIR, r.body, "SystemLineage", dir_),
            "ok\n");
  nlohmann::json doc = r.Json();
  EXPECT_TRUE(doc["monitors_note"].is_null()) << doc["monitors_note"];
  ASSERT_EQ(doc["models"].size(), 1u);
  const nlohmann::json& model = doc["models"][0];
  ASSERT_EQ(model["ref"], "scorer@1");
  const nlohmann::json& log = model["predictions"];
  EXPECT_EQ(log["predictions"], 4);
  EXPECT_EQ(log["batches"], 2);
  EXPECT_EQ(log["first_logged_at"], "2026-01-03T00:00:00Z");
  EXPECT_EQ(log["last_logged_at"], "2026-01-04T00:00:00Z");
  EXPECT_EQ(log["labelled"], 1);
  ASSERT_EQ(log["by_deployment"].size(), 2u);
  EXPECT_TRUE(log["by_deployment"][0]["environment"].is_null());
  EXPECT_EQ(log["by_deployment"][1]["environment"], "production");
  EXPECT_EQ(log["by_deployment"][1]["predictions"], 3);
  ASSERT_EQ(model["monitors"].size(), 2u) << model["monitors"].dump();
  const nlohmann::json& watching = model["monitors"][0];
  EXPECT_EQ(watching["name"], "scorer-log");
  EXPECT_EQ(watching["reads"], "predictions");
  EXPECT_EQ(watching["last_window"]["label"], "2026-W02");
  EXPECT_EQ(watching["last_window"]["rows"], 4);
  EXPECT_EQ(watching["alert_state"], "firing");
  ASSERT_EQ(watching["open_alerts"].size(), 1u);
  EXPECT_EQ(watching["open_alerts"][0]["episode"], "ep-shift-0001");
  const nlohmann::json& files = model["monitors"][1];
  EXPECT_EQ(files["name"], "scorer-files");
  EXPECT_EQ(files["reads"], "files");
  EXPECT_TRUE(files["last_window"].is_null());
  EXPECT_EQ(files["alert_state"], "ok");

  const auto [nodes, edges] = GraphAsText(model["graph"]);
  EXPECT_EQ(nodes, (std::set<std::string>{"model scorer@1", "deployment production",
                                          "predictions 4 predictions", "monitor scorer-log",
                                          "monitor scorer-files"}));
  EXPECT_EQ(edges, (std::set<std::string>{"model:scorer@1 -deployed-> env:production",
                                          "env:production -logged-> log:scorer@1",
                                          "model:scorer@1 -logged-> log:scorer@1",
                                          "log:scorer@1 -watched by-> monitor:scorer-log",
                                          "model:scorer@1 -watched by-> monitor:scorer-files"}));
  for (const auto& n : model["graph"]["nodes"]) {
    if (n["id"] == "monitor:scorer-log") {
      EXPECT_NE(n["detail"].get<std::string>().find("shift firing"), std::string::npos) << n;
    }
    if (n["id"] == "log:scorer@1") {
      EXPECT_NE(n["detail"].get<std::string>().find("1 labelled"), std::string::npos) << n;
    }
  }

  // A monitors: section that no longer parses hides the monitors, not the page.
  std::ofstream(workspace_.root + "/airm.yaml", std::ios::app) << "    fdr: lots\n";
  Reply broken = As("viewer", "GET", "/api/systems/credit/lineage");
  ASSERT_EQ(broken.status, 200) << broken.body;
  EXPECT_NE(broken.Json()["monitors_note"].get<std::string>().find("airm.yaml"), std::string::npos)
      << broken.body;
  EXPECT_TRUE(broken.Json()["models"][0]["monitors"].empty());
  EXPECT_EQ(broken.Json()["models"][0]["predictions"]["predictions"], 4);
}

// The serving side counts toward the graph's cut at 40 nodes (the nearest
// kept); the document still lists every monitor.
TEST_F(DashboardApiTest, SystemLineageKeepsTheGraphsCutWithManyMonitors) {
  RegisterModel("scorer", "1");
  std::ofstream yaml(workspace_.root + "/airm.yaml", std::ios::app);
  yaml << "monitors:\n";
  for (int monitor_idx = 0; monitor_idx < 45; ++monitor_idx) {
    yaml << MonitorYaml("m" + std::to_string(monitor_idx), "scorer@1",
                        R"({files: "batches/*.csv", timestamp: ts})", "week");
  }
  yaml.close();
  ASSERT_TRUE(usecases::LinkSystem(
                  {.store = Where(), .actor = "cody", .system = "credit", .models = {"scorer"}})
                  .ok());
  Reply r = As("viewer", "GET", "/api/systems/credit/lineage");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json model = r.Json()["models"][0];
  EXPECT_EQ(model["monitors"].size(), 45u);
  EXPECT_EQ(model["graph"]["nodes"].size(), 40u);
  EXPECT_EQ(model["graph"]["truncated"], true);
  EXPECT_EQ(model["graph"]["nodes"][0]["id"], "model:scorer@1");
  EXPECT_EQ(model["graph"]["nodes"][39]["id"], "monitor:m38");
  EXPECT_EQ(model["graph"]["edges"].size(), 39u);  // between kept nodes only
}

}  // namespace
}  // namespace airm::server::testing
