#include "airm/status.h"

#include <gtest/gtest.h>

namespace airm {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}

Status UseHalf(int x, int* out) {
  AIRM_ASSIGN_OR_RETURN(*out, Half(x));
  return Status::Ok();
}

TEST(StatusTest, ResultCarriesValueOrStatus) {
  int v = 0;
  EXPECT_TRUE(UseHalf(4, &v).ok());
  EXPECT_EQ(v, 2);
  Status s = UseHalf(3, &v);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.ToString(), "invalid argument: odd: 3");
}

TEST(StatusTest, OptionsAreCliFlagsInMessageAndEachFaceCanNameThem) {
  Status s = Status::InvalidArgument(OptionRef("segment-bins") + " must be in [2, 100], not " +
                                     OptionRef("target"));
  EXPECT_EQ(s.message(), "--segment-bins must be in [2, 100], not --target");
  EXPECT_EQ(s.ToString(), "invalid argument: --segment-bins must be in [2, 100], not --target");
  auto keyword = [](std::string_view id) { return std::string(id) + "="; };
  EXPECT_EQ(s.MessageNaming(+keyword), "segment-bins= must be in [2, 100], not target=");
  // A wrapping message keeps the inner option nameable.
  Status wrapped = Status::InvalidArgument("column x: " + s.raw_message());
  EXPECT_EQ(wrapped.message(), "column x: --segment-bins must be in [2, 100], not --target");
  EXPECT_EQ(wrapped.MessageNaming(+keyword),
            "column x: segment-bins= must be in [2, 100], not target=");
}

TEST(StatusTest, MessageWithoutOptionsIsTheSameForEveryFace) {
  Status s = Status::ParseError("a.csv:3:2: expected a number");
  auto keyword = [](std::string_view id) { return std::string(id) + "="; };
  EXPECT_EQ(s.MessageNaming(+keyword), "a.csv:3:2: expected a number");
  EXPECT_EQ(s.raw_message(), "a.csv:3:2: expected a number");
}

TEST(StatusTest, ExitCodesFollowTheContract) {
  EXPECT_EQ(ExitCodeFor(Status::Ok()), 0);
  EXPECT_EQ(ExitCodeFor(Status::ParseError("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::InvalidArgument("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::IoError("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::Unavailable("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::Internal("x")), 3);
}

}  // namespace
}  // namespace airm
