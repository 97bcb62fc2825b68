// Internal: a minimal work-sharing loop over std::thread for the bootstrap.
// Tasks must not throw. (src/io has the same helper for the readers; the
// eval library does not depend on io.)
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace airm::eval_internal {

// Threads to use for a request of `num_threads` (0 = one per hardware thread).
inline size_t ResolveThreads(int num_threads) {
  if (num_threads > 0) return static_cast<size_t>(num_threads);
  return std::max<size_t>(1, std::thread::hardware_concurrency());
}

// Calls fn(i) for every i in [0, count) on up to num_threads threads.
template <typename Fn>
void ParallelFor(size_t count, size_t num_threads, Fn fn) {
  const size_t workers = std::min(count, std::max<size_t>(num_threads, 1));
  if (workers <= 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
}

}  // namespace airm::eval_internal
