// The process's one thread pool (oneTBB), for loops whose iterations are
// independent.
//
// Every parallel loop of the library goes through ParallelFor so that nested
// and concurrent loops share one set of worker threads sized to the machine
// instead of each starting its own. Results must not depend on the thread
// count: give each index its own output slot and combine in index order.
#pragma once

#include <cstddef>
#include <functional>

#include "airm/status.h"

namespace airm {

// Calls fn(i) once for every i in [0, count), on at most `max_threads`
// threads (0 = one per core; 1 = the calling thread only, in index order).
// Iterations run in any order and concurrently: fn must be safe to call from
// several threads and must not throw. Returns Internal when the pool cannot
// start its threads or fn threw anyway; some iterations may then not have
// run.
[[nodiscard]] Status ParallelFor(size_t count, int max_threads,
                                 const std::function<void(size_t)>& fn);

// Threads a request of `max_threads` means: itself when positive, else the
// number of hardware threads (at least 1). For splitting work into parts.
size_t ResolveThreads(int max_threads);

}  // namespace airm
