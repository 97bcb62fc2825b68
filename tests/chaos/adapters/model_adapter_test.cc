// MakeModelAdapter: the spec grammar, option checks and load errors.
#include "airm/chaos/model_adapter.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "model_server.h"

namespace airm::chaos {
namespace {

using testing::CreditMetaPath;
using testing::CreditModelPath;

void ExpectStatus(std::string_view spec, StatusCode code, const std::string& part,
                  const AdapterOptions& options = {}) {
  const auto adapter = MakeModelAdapter(spec, options);
  ASSERT_FALSE(adapter.ok()) << spec;
  EXPECT_EQ(adapter.status().code(), code) << spec << ": " << adapter.status().ToString();
  EXPECT_NE(adapter.status().message().find(part), std::string::npos)
      << spec << ": " << adapter.status().message();
}

TEST(MakeModelAdapter, RejectsMalformedSpecs) {
  ExpectStatus("ftp://host/x", StatusCode::kInvalidArgument, "unknown scheme");
  ExpectStatus("", StatusCode::kInvalidArgument, "unknown scheme");
  ExpectStatus("http://", StatusCode::kInvalidArgument, "missing host");
  ExpectStatus("http://:8080/invocations", StatusCode::kInvalidArgument, "missing host");
  ExpectStatus("http://127.0.0.1:0/invocations", StatusCode::kInvalidArgument, "port '0'");
  ExpectStatus("http://127.0.0.1:70000/x", StatusCode::kInvalidArgument, "port '70000'");
  ExpectStatus("http://127.0.0.1:http/x", StatusCode::kInvalidArgument, "port 'http'");
  ExpectStatus("http://127.0.0.1:/x", StatusCode::kInvalidArgument, "port");
  ExpectStatus("http://[::1/x", StatusCode::kInvalidArgument, "unclosed '['");
  ExpectStatus("https://127.0.0.1:1/x", StatusCode::kInvalidArgument, "https is not supported");
  ExpectStatus("kserve://127.0.0.1:8080", StatusCode::kInvalidArgument, "one model name");
  ExpectStatus("kserve://127.0.0.1:8080/a/b", StatusCode::kInvalidArgument, "one model name");
  ExpectStatus("cmd:", StatusCode::kInvalidArgument, "with a command");
  ExpectStatus("cmd:   ", StatusCode::kInvalidArgument, "with a command");
  ExpectStatus("xgboost:", StatusCode::kInvalidArgument, "xgboost:MODEL.json");
  ExpectStatus("xgboost:model.json:", StatusCode::kInvalidArgument, "xgboost:MODEL.json");
}

TEST(MakeModelAdapter, RejectsOptionsThatCannotWork) {
  ExpectStatus("cmd:cat", StatusCode::kInvalidArgument, "timeout_seconds", {.timeout_seconds = 0});
  ExpectStatus("cmd:cat", StatusCode::kInvalidArgument, "timeout_seconds",
               {.timeout_seconds = 1e12});
  ExpectStatus("cmd:cat", StatusCode::kInvalidArgument, "max_batch_rows", {.max_batch_rows = 0});
  ExpectStatus("cmd:cat", StatusCode::kInvalidArgument, "retries", {.retries = -1});
  ExpectStatus("cmd:cat", StatusCode::kInvalidArgument, "backoff_seconds", {.backoff_seconds = -1});
  ExpectStatus("cmd:cat", StatusCode::kInvalidArgument, "pool_size", {.pool_size = 0});
}

TEST(MakeModelAdapter, DescribesEachSchemeAndKnowsWhatIsLocal) {
  struct Case {
    const char* spec;
    const char* description;
    bool local;
  };
  const Case cases[] = {
      {"http://127.0.0.1:5001/invocations",
       "http://127.0.0.1:5001/invocations (MLflow scoring protocol)", true},
      {"http://localhost:5001", "http://localhost:5001/invocations (MLflow scoring protocol)",
       true},
      {"http://[::1]:5001/score", "http://[::1]:5001/score (MLflow scoring protocol)", true},
      {"http://models.example:80/invocations",
       "http://models.example:80/invocations (MLflow scoring protocol)", false},
      {"kserve://127.0.0.1:8080/credit",
       "kserve://127.0.0.1:8080/credit (Open Inference Protocol v2, /v2/models/credit/infer)",
       true},
      {"cmd:cat", "cmd:cat (process: CSV on stdin, one score per line on stdout)", true},
  };
  for (const Case& c : cases) {
    const auto adapter = MakeModelAdapter(c.spec, {});
    ASSERT_TRUE(adapter.ok()) << c.spec << ": " << adapter.status().ToString();
    EXPECT_EQ((*adapter)->Describe(), c.description);
    EXPECT_EQ((*adapter)->IsLocal(), c.local) << c.spec;
  }
}

TEST(MakeModelAdapter, XgboostLoadErrorsNameTheFile) {
  ExpectStatus("xgboost:/nonexistent/model.json", StatusCode::kNotFound,
               "/nonexistent/model.json (xgboost model file): no such file");
  ExpectStatus("xgboost:" + CreditModelPath() + ":/nonexistent/meta.json", StatusCode::kNotFound,
               "/nonexistent/meta.json (model meta file): no such file");
  // A meta file that is not a model: ParseError from XGBoost's loader.
  ExpectStatus("xgboost:" + CreditMetaPath(), StatusCode::kParseError, "not an XGBoost model");
}

class TempFile {
 public:
  explicit TempFile(const std::string& text) {
    char name[] = "/tmp/airm_meta_XXXXXX";
    const int fd = mkstemp(name);
    close(fd);
    path_ = name;
    std::ofstream(path_) << text;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(MakeModelAdapter, XgboostMetaProblemsAreParseErrors) {
  const TempFile bad_json("{\"model_feature_names\": [");
  ExpectStatus("xgboost:" + CreditModelPath() + ":" + bad_json.path(), StatusCode::kParseError,
               "invalid JSON at byte");
  const TempFile no_names("{\"feature_columns\": [\"a\"]}");
  ExpectStatus("xgboost:" + CreditModelPath() + ":" + no_names.path(), StatusCode::kParseError,
               "field 'model_feature_names': expected an array of strings");
  const TempFile unknown("{\"feature_columns\": [\"a\"], \"model_feature_names\": [\"b\"]}");
  ExpectStatus("xgboost:" + CreditModelPath() + ":" + unknown.path(), StatusCode::kParseError,
               "model feature 'b' is neither in feature_columns");
  const TempFile too_few("{\"model_feature_names\": [\"a\", \"b\"]}");
  ExpectStatus("xgboost:" + CreditModelPath() + ":" + too_few.path(), StatusCode::kParseError,
               "2 model features described, but the model expects 26");
}

TEST(FailureKindName, IsStableForResultFiles) {
  EXPECT_STREQ(FailureKindName(FailureKind::kNone), "none");
  EXPECT_STREQ(FailureKindName(FailureKind::kConnectionRefused), "connection_refused");
  EXPECT_STREQ(FailureKindName(FailureKind::kTimeout), "timeout");
  EXPECT_STREQ(FailureKindName(FailureKind::kHttpStatus), "http_status");
  EXPECT_STREQ(FailureKindName(FailureKind::kMalformed), "malformed");
  EXPECT_STREQ(FailureKindName(FailureKind::kWrongCount), "wrong_count");
  EXPECT_STREQ(FailureKindName(FailureKind::kCrash), "crash");
  EXPECT_STREQ(FailureKindName(FailureKind::kRejectedInput), "rejected_input");
}

}  // namespace
}  // namespace airm::chaos
