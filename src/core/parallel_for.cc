#include "airm/parallel_for.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <exception>
#include <string>
#include <thread>

namespace airm {

Status ParallelFor(size_t count, int max_threads, const std::function<void(size_t)>& fn) {
  if (count == 0) return Status::Ok();
  if (max_threads == 1 || count == 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    return Status::Ok();
  }
  try {
    // An arena caps this loop's concurrency without a pool of its own: its
    // slots are filled from TBB's global workers.
    tbb::task_arena arena(max_threads > 0 ? max_threads : tbb::task_arena::automatic);
    arena.execute([&] {
      // Grain 1: iterations are coarse (a column, a resample block), and a
      // simple partitioner hands them out one at a time for balance.
      tbb::parallel_for(
          tbb::blocked_range<size_t>(0, count, 1),
          [&](const tbb::blocked_range<size_t>& range) {
            for (size_t i = range.begin(); i != range.end(); ++i) fn(i);
          },
          tbb::simple_partitioner());
    });
  } catch (const std::exception& e) {
    return Status::Internal(std::string("parallel loop failed: ") + e.what());
  } catch (...) {
    return Status::Internal("parallel loop failed with an unknown exception");
  }
  return Status::Ok();
}

size_t ResolveThreads(int max_threads) {
  if (max_threads > 0) return static_cast<size_t>(max_threads);
  return std::max<size_t>(1, std::thread::hardware_concurrency());
}

}  // namespace airm
