// StorePool: one workspace located once and its store connections kept open
// between requests, for a long-running process (`airm serve`).
//
// A command opens the store once; a server would otherwise locate the
// workspace (read and parse airm.yaml) and open the store (SQLite: open,
// PRAGMAs, schema check; PostgreSQL: connect and log in) for every request,
// twice with authentication. The pool keeps:
//   - the located Workspace, checked with one stat() of airm.yaml per Open:
//     when its modification time or size changed, the workspace is located
//     again and the open connections are dropped (so a new `store:` takes
//     effect); Reload() does the same on demand (SIGHUP);
//   - idle connections, at most Options::max_idle: Open hands out an idle
//     one or opens a new one, and the connection goes back when the caller's
//     unique_ptr is destroyed. A connection on which a call failed with
//     kIoError, kCorrupt or kInternal (a lost PostgreSQL connection, a
//     damaged file) is closed instead of kept.
//
// What stays as without the pool: each connection is used by one thread at a
// time (database.h); transactions are the callers', and a connection goes
// back only between them, so nothing is shared mid-transaction. SQLite in WAL
// mode gives every new read its current snapshot, PostgreSQL every statement
// outside a transaction; a pooled connection therefore sees other processes'
// writes exactly as a fresh one would.
//
// How use cases get it: a server puts a StorePool::Scope around each request
// on the worker's thread, and usecases::OpenStore on that thread, asked for
// the pool's own LocateOptions, opens through the pool instead (ForThread).
// The use cases' options stay plain values; other threads (the scheduler,
// a use case's own workers) and other stores open as before.
//
// Thread-safety: Open and Reload may be called from any thread. Connections
// handed out keep the pool's state alive, so they may outlive the pool.
#pragma once

#include <cstddef>
#include <memory>

#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/workspace.h"

namespace airm::store {

class StorePool {
 public:
  struct Options {
    size_t max_idle = 8;  // connections kept open while unused (a server: one per worker)
  };

  // Locates the workspace and opens (and so migrates) its store once, so a
  // bad --store fails here.
  static Result<std::unique_ptr<StorePool>> Create(const LocateOptions& where,
                                                   const Options& options);
  ~StorePool();

  // The current workspace and a connection to its store. Errors as
  // LocateWorkspace and OpenWorkspaceStore.
  Result<std::unique_ptr<Database>> Open(Workspace* workspace);

  // Forgets the located workspace and every idle connection; connections in
  // use are closed when they come back. The next Open locates again.
  void Reload();

  // Connections opened so far (for tests and /metrics): stays flat while
  // requests reuse them.
  int64_t connections_opened() const;

  // While a Scope lives, ForThread on its thread returns its pool. Scopes
  // nest (the innermost wins); a null pool hides the outer ones.
  class Scope {
   public:
    explicit Scope(StorePool* pool);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    StorePool* previous_;
  };
  // The pool of this thread's innermost Scope when it was created for the
  // same --store / AIRM_STORE / start directory as `where`; else nullptr.
  static StorePool* ForThread(const LocateOptions& where);

  struct State;

 private:
  explicit StorePool(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

}  // namespace airm::store
