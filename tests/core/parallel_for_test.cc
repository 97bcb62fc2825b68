#include "airm/parallel_for.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace airm {
namespace {

TEST(ParallelForTest, CallsEveryIndexExactlyOnceForAnyThreadCount) {
  for (int threads : {0, 1, 2, 8}) {
    std::vector<std::atomic<int>> calls(1000);
    ASSERT_TRUE(ParallelFor(calls.size(), threads, [&](size_t i) { ++calls[i]; }).ok());
    for (size_t i = 0; i < calls.size(); ++i) {
      ASSERT_EQ(calls[i].load(), 1) << "index " << i << ", " << threads << " threads";
    }
  }
  EXPECT_TRUE(ParallelFor(0, 2, [](size_t) { FAIL() << "called for an empty range"; }).ok());
}

TEST(ParallelForTest, OneThreadRunsInIndexOrderOnTheCaller) {
  std::vector<size_t> order;
  ASSERT_TRUE(ParallelFor(50, 1, [&](size_t i) { order.push_back(i); }).ok());
  ASSERT_EQ(order.size(), 50u);
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i);
}

TEST(ParallelForTest, AnEscapingExceptionIsAStatusNotACrash) {
  Status s = ParallelFor(100, 2, [](size_t i) {
    if (i == 37) throw std::runtime_error("boom at 37");
  });
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_NE(s.message().find("boom at 37"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace airm
