#include "airm/schema.h"

#include <gtest/gtest.h>

#include <fstream>

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

}  // namespace
}  // namespace airm
