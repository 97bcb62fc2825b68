#include "airm/schema.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "airm/small_file.h"

namespace airm {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

Table TwoColumns() {
  ValidityBitmap v;
  v.Append(true);
  std::vector<Column> cols;
  cols.push_back(Column::Int64("label", {1}, v));
  cols.push_back(Column::Timestamp("when", {0}, v));
  cols.push_back(Column::Float64("p", {0.5}, v));
  return std::move(Table::Make(std::move(cols))).value();
}

TEST(SchemaTest, LoadsScalarsAndLists) {
  auto r = LoadSchemaFile(WriteTemp("s1.yaml", "target: label\nsegment: [a, b]\nscore: p\n"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->target, std::vector<std::string>{"label"});
  EXPECT_EQ(r->segment, (std::vector<std::string>{"a", "b"}));
}

TEST(SchemaTest, UnknownKeyNamesLineAndColumn) {
  auto r = LoadSchemaFile(WriteTemp("s2.yaml", "target: label\n  \ntargte: x\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kParseError);
  EXPECT_NE(r.status().message().find("s2.yaml:3:1: unknown key 'targte'"), std::string::npos)
      << r.status().message();
}

TEST(SchemaTest, MalformedYamlIsAParseError) {
  auto r = LoadSchemaFile(WriteTemp("s3.yaml", "target: [a, b\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kParseError);
  EXPECT_NE(r.status().message().find("s3.yaml:"), std::string::npos);
}

TEST(SchemaTest, ApplyRolesSetsRolesAndTimestampsByType) {
  Table t = TwoColumns();
  RoleAssignment roles;
  roles.target = {"label"};
  roles.score = {"p"};
  ASSERT_TRUE(ApplyRoles(roles, "data.csv", &t).ok());
  EXPECT_EQ(t.role(0), ColumnRole::kTarget);
  EXPECT_EQ(t.role(1), ColumnRole::kTimestamp);
  EXPECT_EQ(t.role(2), ColumnRole::kScore);
}

TEST(SchemaTest, MissingColumnNamesOptionAndFile) {
  Table t = TwoColumns();
  RoleAssignment roles;
  roles.target = {"Status"};
  Status s = ApplyRoles(roles, "cur.csv", &t);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "--target names column 'Status', which cur.csv does not have");
}

// Issue 17: yaml-cpp exceptions and stream errors used to escape as exit 3.
TEST(SchemaTest, NonScalarKeysAndWrongValuesAreParseErrors) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {Case{"? [a, b]\n: c\n", "f.yaml:1:3: expected a role name as the key"},
                        Case{"? {a: 1}\n: c\n", "expected a role name as the key"},
                        Case{"target: {a: b}\n", "f.yaml:1:9: expected a column name"},
                        Case{"- a\n- b\n", "expected a mapping"}, Case{"target: \"\\xff\"\n", ""},
                        Case{"&a [*a]", ""}}) {
    auto r = ParseSchemaText(c.text, "f.yaml");
    if (r.ok()) continue;  // some are valid YAML with a harmless meaning
    EXPECT_EQ(r.status().code(), StatusCode::kParseError) << c.text;
    EXPECT_NE(r.status().message().find(c.message), std::string::npos)
        << c.text << ": " << r.status().message();
  }
  EXPECT_FALSE(ParseSchemaText("? [a, b]\n: c\n", "f.yaml").ok());
}

TEST(SchemaTest, ANonRegularSchemaFileIsRefusedWithoutReadingIt) {
  auto dir = LoadSchemaFile(::testing::TempDir());
  EXPECT_EQ(dir.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(dir.status().message().find("is a directory"), std::string::npos);
  auto zero = LoadSchemaFile("/dev/zero");
  EXPECT_EQ(zero.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(zero.status().message().find("character device"), std::string::npos);
  const std::string fifo = ::testing::TempDir() + "/schema_fifo";
  ::unlink(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto pipe = LoadSchemaFile(fifo);  // must not wait for a writer
  EXPECT_NE(pipe.status().message().find("is a pipe"), std::string::npos);
  ::unlink(fifo.c_str());
  EXPECT_EQ(LoadSchemaFile(::testing::TempDir() + "/no_such.yaml").status().code(),
            StatusCode::kNotFound);
}

TEST(SmallFileTest, ReadsWholeFilesUpToTheCap) {
  const std::string path = WriteTemp("small.txt", std::string(1000, 'x'));
  auto all = ReadSmallFile(path, "test file");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1000u);
  auto capped = ReadSmallFile(path, "test file", 999);
  EXPECT_EQ(capped.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(capped.status().message().find("limit for a test file"), std::string::npos);
  EXPECT_TRUE(ReadSmallFile(path, "test file", 1000).ok());
}

}  // namespace
}  // namespace airm
