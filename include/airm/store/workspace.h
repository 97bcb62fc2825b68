// Workspaces: a directory with airm.yaml and the store it names.
//
//   DIR/airm.yaml         name, created_at, store (relative to DIR), schema_version
//   DIR/.airm/airm.db     the SQLite store
//
// `store:` in airm.yaml (and --store / AIRM_STORE) may instead be a
// PostgreSQL URL, postgresql://user@host:5432/db: a store shared by a team
// (docs/store.md).
//
// Commands find the workspace, in this order: --store PATH (a workspace
// directory or a store file), the AIRM_STORE environment variable (same
// forms), else the current directory and its parents (the first one holding
// airm.yaml).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

inline constexpr const char* kWorkspaceFile = "airm.yaml";
inline constexpr const char* kDefaultStorePath = ".airm/airm.db";

struct Workspace {
  std::string root;     // absolute directory; "" when opened from a bare store file
  std::string name;     // from airm.yaml; the directory name by default
  std::string db_path;  // absolute path of the store file, or a postgresql:// URL
};

struct LocateOptions {
  std::string store_flag = "";  // --store, "" if not given
  std::string store_env = "";   // $AIRM_STORE, "" if unset
  std::string start_dir = "";   // where the upward search starts; "" = current directory
};

// NotFound "no airm workspace found in /x or its parents; run `airm init` or
// pass --store"; NotFound naming the path when --store / AIRM_STORE points
// nowhere; ParseError (file, line) for a malformed airm.yaml.
Result<Workspace> LocateWorkspace(const LocateOptions& options);

struct InitOutcome {
  Workspace workspace;
  bool created = false;  // false: DIR already was a workspace (left as it was)
  int schema_version = 0;
};

// Creates DIR (and parents), DIR/airm.yaml and the store. On an existing
// workspace it changes nothing but brings the store's schema up to date.
// `name` "" = the directory's name.
Result<InitOutcome> InitWorkspace(const std::string& dir, const std::string& name);

// Opens the SQLite file or the PostgreSQL database the workspace names.
Result<std::unique_ptr<Database>> OpenWorkspaceStore(const Workspace& workspace,
                                                     const SqliteOptions& options = {});

// Where this host keeps the workspace's local files (audit signing keys,
// scratch space): beside the SQLite file, or DIR/.airm (the current
// directory's when there is no workspace directory) for a PostgreSQL store.
std::string LocalStateDir(const Workspace& workspace);

}  // namespace airm::store
