// Issue 12 §3 for the store and lineage commands, end to end: list flags take
// comma lists and repeats, outputs follow the one --json/--html/--out rule
// (never two on stdout, every asked-for output written), and every document
// carries the common header.
#include "cli_store_harness.h"

namespace airm::cli_store_test {
namespace {

class StoreConventionsTest : public StoreCliTest {
 protected:
  void RegisterTwo() {
    Init();
    ASSERT_EQ(Run("dataset register " + Write("a.csv", "x\n1\n") + " --name a").exit_code, 0);
    ASSERT_EQ(Run("dataset register " + Write("b.csv", "x\n2\n") + " --name b").exit_code, 0);
  }
};

TEST_F(StoreConventionsTest, InitDocumentKeepsTheDocumentSchemaVersion) {
  RunResult r = Run("init --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = r.Json();
  EXPECT_EQ(doc["kind"], "workspace");
  EXPECT_EQ(doc["schema_version"], "1.0");  // the document's, as in every document
  EXPECT_EQ(doc["store_schema_version"], KnownSchemaVersion());
  EXPECT_TRUE(doc["findings"].is_array());
}

TEST_F(StoreConventionsTest, ListFlagsTakeCommaListsAndRepeats) {
  RegisterTwo();
  const std::string artifact = Write("model.bin", "weights");
  RunResult r = Run("model register --name m --version 1 --artifact " + artifact +
                    " --training-data a@1,b@1 --param depth=3,eta=0.1 --param layers=4,5"
                    " --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = r.Json();
  EXPECT_EQ(doc["data"].size(), 2u) << doc.dump();
  EXPECT_EQ(doc["model_version"]["parameters"],
            json({{"depth", "3"}, {"eta", "0.1"}, {"layers", "4,5"}}));

  RunResult tags = Run("dataset register " + Write("c.csv", "x\n3\n") +
                       " --name c --tag team=risk,stage=dev --tag owner=me --json -");
  ASSERT_EQ(tags.exit_code, 0) << tags.err;
  EXPECT_EQ(tags.Json()["dataset_version"]["tags"],
            json({{"owner", "me"}, {"stage", "dev"}, {"team", "risk"}}));
}

TEST_F(StoreConventionsTest, DatasetShowAndVerifyRenderFromTheUseCase) {
  RegisterTwo();
  RunResult show = Run("dataset show a@1 --json -");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  json doc = show.Json();
  EXPECT_EQ(doc["kind"], "dataset_version");
  EXPECT_EQ(doc["dataset_version"]["schema"][0]["name"], "x");
  EXPECT_TRUE(doc["findings"].is_array());
  RunResult text = Run("dataset show a@1");
  EXPECT_NE(text.out.find("schema (1 columns)\n  x  int"), std::string::npos) << text.out;

  std::ofstream(Path("b.csv"), std::ios::app) << "9\n";
  RunResult verify = Run("dataset verify --json -");
  EXPECT_EQ(verify.exit_code, 1) << verify.err;
  json v = verify.Json();
  EXPECT_FALSE(v["ok"].get<bool>());
  ASSERT_EQ(v["findings"].size(), 1u);
  EXPECT_EQ(v["findings"][0]["code"], "dataset.file_changed");
  EXPECT_EQ(v["findings"][0]["subject"], "b@1");
}

TEST_F(StoreConventionsTest, ModelCardRefusesTwoOutputsOnStdout) {
  RegisterTwo();
  ASSERT_EQ(Run("model register --name m --version 1 --artifact " + Write("m.bin", "w") +
                " --training-data a@1")
                .exit_code,
            0);
  RunResult both = Run("model card m@1 --json - --html -");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("--json"), std::string::npos) << both.err;
  EXPECT_NE(both.err.find("--html"), std::string::npos) << both.err;
  EXPECT_TRUE(both.out.empty()) << both.out;

  RunResult files = Run("model card m@1 --json " + Path("card.json") + " --html " +
                        Path("card.html") + " --out " + Path("card.md"));
  ASSERT_EQ(files.exit_code, 0) << files.err;
  EXPECT_TRUE(files.out.empty()) << files.out;
  EXPECT_NE(Slurp(Path("card.html")).find("<html"), std::string::npos);
  EXPECT_NE(Slurp(Path("card.md")).find("# "), std::string::npos);
}

TEST_F(StoreConventionsTest, LineageExportWritesItsJsonDocumentBesideTheEvents) {
  RegisterTwo();
  // Events to stdout and the document to a file: both written.
  RunResult r = Run("lineage export --format openlineage --json " + Path("export.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(Path("export.json")));
  json doc = json::parse(Slurp(Path("export.json")));
  EXPECT_EQ(doc["kind"], "openlineage_export");
  EXPECT_EQ(doc["out"], "-");
  // Both on stdout: a usage error naming the flags, nothing written.
  RunResult both = Run("lineage export --format openlineage --json -");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("--json"), std::string::npos) << both.err;
  EXPECT_NE(both.err.find("--out"), std::string::npos) << both.err;
}

}  // namespace
}  // namespace airm::cli_store_test
