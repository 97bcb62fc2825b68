#include "airm/monitor/alert_state.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace airm::monitor {
namespace {

// The events of a rule with `for_windows` over a sequence of held / not held.
std::vector<std::string> Events(const std::vector<bool>& held, int for_windows) {
  RuleState state;
  std::vector<std::string> out;
  for (bool h : held) {
    AlertStep step = StepAlert(state, h, for_windows);
    out.push_back(AlertEventName(step.event));
    state = step.next;
  }
  return out;
}

TEST(AlertStateTest, FiresAfterNWindowsAndResolvesWhenTheConditionStops) {
  EXPECT_EQ(
      Events({false, true, true, true, false, false}, 2),
      (std::vector<std::string>{"nothing", "pending", "fired", "firing", "resolved", "nothing"}));
}

TEST(AlertStateTest, APendingEpisodeThatStopsIsCancelledWithoutNotification) {
  EXPECT_EQ(
      Events({true, true, false, true, true, true}, 3),
      (std::vector<std::string>{"pending", "pending", "cancelled", "pending", "pending", "fired"}));
}

TEST(AlertStateTest, ForOneFiresOnTheFirstWindow) {
  EXPECT_EQ(Events({true, false, true}, 1),
            (std::vector<std::string>{"fired", "resolved", "fired"}));
}

}  // namespace
}  // namespace airm::monitor
