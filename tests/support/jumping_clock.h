// A simulated clock for scheduler tests: Now() is what the test set, and a
// wait records its length and moves the clock to the deadline at once, so
// weeks of schedule pass without sleeping.
#pragma once

#include <algorithm>
#include <cstdint>
#include <stop_token>
#include <vector>

#include "airm/monitor/scheduler.h"

namespace airm::testing {

class JumpingClock : public monitor::Clock {
 public:
  explicit JumpingClock(int64_t now) : now_(now) {}
  int64_t Now() override { return now_; }
  bool WaitUntil(int64_t deadline, std::stop_token stop) override {
    waits.push_back(deadline - now_);
    if (stop.stop_requested()) return false;
    now_ = std::max(now_, deadline);
    return true;
  }
  std::vector<int64_t> waits;  // each wait's length in seconds

 private:
  int64_t now_;
};

}  // namespace airm::testing
