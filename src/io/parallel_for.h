// ParallelFor: a minimal work-sharing loop over std::thread, enough for the
// readers' chunk-parallel phases. Tasks must not throw.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace airm::io {

template <typename Fn>
void ParallelFor(std::size_t count, std::size_t num_threads, Fn fn) {
  std::size_t workers = std::min(count, std::max<std::size_t>(num_threads, 1));
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
}

}  // namespace airm::io
