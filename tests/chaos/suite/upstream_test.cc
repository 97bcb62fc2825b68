// Upstream probes: spec rewriting, the wrong-count rewrite, and the fault
// proxy in front of a real loopback server (the adapters' MLflow server).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fault_proxy.h"
#include "model_server.h"
#include "upstream_probes.h"

namespace airm::chaos::internal {
namespace {

TEST(UpstreamTest, RedirectSpecKeepsSchemeAndPath) {
  std::string host;
  int port = 0;
  auto s = RedirectSpec("http://10.0.0.5:5001/invocations", 4242, &host, &port);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, "http://127.0.0.1:4242/invocations");
  EXPECT_EQ(host, "10.0.0.5");
  EXPECT_EQ(port, 5001);
  s = RedirectSpec("kserve://models.local/credit", 9, &host, &port);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, "kserve://127.0.0.1:9/credit");
  EXPECT_EQ(host, "models.local");
  EXPECT_EQ(port, 80);
  s = RedirectSpec("http://[::1]:8080/x", 1, &host, &port);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 8080);
  EXPECT_FALSE(RedirectSpec("cmd:cat", 1, &host, &port).ok());
  EXPECT_FALSE(RedirectSpec("http://host:port/x", 1, &host, &port).ok());
}

TEST(UpstreamTest, DropLastPredictionForBothProtocols) {
  using nlohmann::json;
  EXPECT_EQ(json::parse(DropLastPrediction(R"({"predictions": [0.1, 0.2, 0.3]})")),
            json::parse(R"({"predictions": [0.1, 0.2]})"));
  const json v2 = json::parse(DropLastPrediction(
      R"({"outputs": [{"name": "p", "shape": [3, 2], "data": [1, 2, 3, 4, 5, 6]}]})"));
  EXPECT_EQ(v2["outputs"][0]["shape"], json::parse("[2, 2]"));
  EXPECT_EQ(v2["outputs"][0]["data"], json::parse("[1, 2, 3, 4]"));
  EXPECT_EQ(DropLastPrediction("not json"), "not json");
}

TEST(UpstreamTest, NonNetworkModelsAreNotApplicable) {
  std::string why;
  auto probes = UpstreamProbes::Make("cmd:cat", AdapterOptions{}, &why);
  ASSERT_TRUE(probes.ok());
  EXPECT_EQ(*probes, nullptr);
  EXPECT_NE(why.find("a local process"), std::string::npos);
}

TEST(UpstreamTest, ProxyInjectsEachFaultInFrontOfARealServer) {
  auto server = airm::testing::ModelServer::Start();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  auto batch = airm::testing::LoadCreditBatch();
  ASSERT_TRUE(batch.ok());
  batch->rows.resize(5);
  AdapterOptions options;
  options.timeout_seconds = 1.0;
  std::string why;
  auto probes = UpstreamProbes::Make(server->url(), options, &why);
  ASSERT_TRUE(probes.ok()) << probes.status().ToString();
  ASSERT_NE(*probes, nullptr);
  ASSERT_EQ((*probes)->probes().size(), 5u);
  for (UpstreamProbe& probe : (*probes)->probes()) {
    SCOPED_TRACE(probe.name);
    (*probes)->Arm(probe.fault);
    const PredictOutcome o = probe.adapter->Predict(*batch);
    EXPECT_EQ(o.failure, probe.expected) << o.detail;
    EXPECT_EQ(o.attempts, 1);  // probes never retry
  }
  // Disarmed, the proxy passes answers through unchanged.
  (*probes)->Arm(Fault::kPass);
  const PredictOutcome o = (*probes)->probes()[1].adapter->Predict(*batch);
  EXPECT_TRUE(o.ok()) << o.detail;
  EXPECT_EQ(o.scores.size(), 5u);
}

}  // namespace
}  // namespace airm::chaos::internal
