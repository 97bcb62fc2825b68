#include "airm/store/workspace.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "airm/small_file.h"
#include "airm/store/timestamp.h"
#include "migrations.h"

namespace airm::store {
namespace {

namespace fs = std::filesystem;

Result<Workspace> LoadWorkspaceFile(const fs::path& yaml_path) {
  Workspace ws;
  ws.root = yaml_path.parent_path().string();
  ws.name = yaml_path.parent_path().filename().string();
  std::string store = kDefaultStorePath;
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(yaml_path.string(), "workspace file"));
  try {
    YAML::Node doc = YAML::Load(text);
    if (!doc.IsMap()) {
      return Status::ParseError(yaml_path.string() + ": expected a mapping with name and store");
    }
    // Unknown keys are ignored so that an older airm can read a newer file.
    for (const char* key : {"name", "store"}) {
      const YAML::Node value = doc[key];
      if (value && !value.IsScalar()) {
        return Status::ParseError(yaml_path.string() + ":" +
                                  std::to_string(std::max(value.Mark().line, 0) + 1) + ": '" + key +
                                  "' must be a single value");
      }
    }
    if (doc["name"]) ws.name = doc["name"].as<std::string>();
    if (doc["store"]) store = doc["store"].as<std::string>();
  } catch (const YAML::Exception& e) {
    return Status::ParseError(yaml_path.string() + ":" +
                              std::to_string(std::max(e.mark.line, 0) + 1) + ":" +
                              std::to_string(std::max(e.mark.column, 0) + 1) + ": " + e.msg);
  } catch (const std::exception& e) {
    return Status::ParseError(yaml_path.string() + ": cannot read the workspace file: " + e.what());
  }
  if (store.empty()) return Status::ParseError(yaml_path.string() + ": 'store' must not be empty");
  if (IsPostgresUrl(store)) {
    ws.db_path = store;
    return ws;
  }
  fs::path db = fs::path(store).is_absolute() ? fs::path(store) : fs::path(ws.root) / store;
  ws.db_path = db.lexically_normal().string();
  return ws;
}

Result<Workspace> FromExplicitPath(const std::string& given, const std::string& origin) {
  // A shared store named by URL: no workspace directory, named after its host.
  if (IsPostgresUrl(given)) return Workspace{"", "postgresql", given};
  std::error_code ec;
  fs::path path = fs::absolute(given, ec).lexically_normal();
  if (ec || !fs::exists(path, ec)) {
    return Status::NotFound(origin + " " + given + ": no such file or directory");
  }
  if (fs::is_directory(path, ec)) {
    if (fs::exists(path / kWorkspaceFile, ec)) return LoadWorkspaceFile(path / kWorkspaceFile);
    if (fs::exists(path / kDefaultStorePath, ec)) {
      return Workspace{path.string(), path.filename().string(),
                       (path / kDefaultStorePath).string()};
    }
    return Status::NotFound(origin + " " + given + ": no " + kWorkspaceFile + " or " +
                            kDefaultStorePath + " in this directory; run `airm init " + given +
                            "`");
  }
  if (path.filename() == kWorkspaceFile) return LoadWorkspaceFile(path);
  // A bare store file.
  return Workspace{"", path.stem().string(), path.string()};
}

std::string WorkspaceYaml(const std::string& name, const std::string& created_at, int version) {
  // Quoted with YAML's double-quote escapes so any name round-trips.
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  quoted += "\"";
  return "# airm workspace (docs/store.md). The store is authoritative for its schema version.\n"
         "name: " +
         quoted + "\ncreated_at: " + created_at + "\nstore: " + kDefaultStorePath +
         "\nschema_version: " + std::to_string(version) + "\n";
}

Status WriteNewFile(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return Status::IoError(tmp.string() + ": cannot write");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::IoError(path.string() + ": cannot write: " + ec.message());
  return Status::Ok();
}

}  // namespace

Result<Workspace> LocateWorkspace(const LocateOptions& options) {
  if (!options.store_flag.empty()) return FromExplicitPath(options.store_flag, "--store");
  if (!options.store_env.empty()) return FromExplicitPath(options.store_env, "AIRM_STORE");
  std::error_code ec;
  fs::path start = options.start_dir.empty() ? fs::current_path(ec) : fs::path(options.start_dir);
  start = fs::absolute(start, ec).lexically_normal();
  for (fs::path dir = start;; dir = dir.parent_path()) {
    if (fs::exists(dir / kWorkspaceFile, ec)) return LoadWorkspaceFile(dir / kWorkspaceFile);
    if (dir == dir.parent_path()) break;
  }
  return Status::NotFound("no airm workspace found in " + start.string() +
                          " or its parents; run `airm init` or pass --store");
}

Result<InitOutcome> InitWorkspace(const std::string& dir, const std::string& name) {
  std::error_code ec;
  fs::path root = fs::absolute(dir.empty() ? "." : dir, ec).lexically_normal();
  if (root.has_filename() == false) root = root.parent_path();
  fs::create_directories(root, ec);
  if (ec) return Status::IoError(root.string() + ": cannot create directory: " + ec.message());
  InitOutcome out;
  const fs::path yaml = root / kWorkspaceFile;
  if (fs::exists(yaml, ec)) {
    AIRM_ASSIGN_OR_RETURN(out.workspace, LoadWorkspaceFile(yaml));
    if (!IsPostgresUrl(out.workspace.db_path)) {
      fs::create_directories(fs::path(out.workspace.db_path).parent_path(), ec);
    }
    AIRM_ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
                          OpenWorkspaceStore(out.workspace, {.create = true}));
    AIRM_ASSIGN_OR_RETURN(out.schema_version, db->SchemaVersion());
    return out;
  }
  out.workspace.root = root.string();
  out.workspace.name = name.empty() ? root.filename().string() : name;
  out.workspace.db_path = (root / kDefaultStorePath).string();
  fs::create_directories(fs::path(out.workspace.db_path).parent_path(), ec);
  if (ec)
    return Status::IoError(out.workspace.db_path + ": cannot create directory: " + ec.message());
  // The store first, then airm.yaml: a workspace file always names a store.
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
                        OpenSqliteStore(out.workspace.db_path, {.create = true}));
  AIRM_ASSIGN_OR_RETURN(out.schema_version, db->SchemaVersion());
  AIRM_RETURN_IF_ERROR(
      WriteNewFile(yaml, WorkspaceYaml(out.workspace.name, UtcNow(), out.schema_version)));
  out.created = true;
  return out;
}

Result<std::unique_ptr<Database>> OpenWorkspaceStore(const Workspace& workspace,
                                                     const SqliteOptions& options) {
  if (IsPostgresUrl(workspace.db_path)) {
    // The busy timeout bounds lock waits and conflict retries alike.
    return OpenPostgresStore(workspace.db_path,
                             {.retry_timeout_ms = std::max(options.busy_timeout_ms, 30000)});
  }
  auto db = OpenSqliteStore(workspace.db_path, options);
  if (!db.ok() && db.status().code() == StatusCode::kNotFound && !workspace.root.empty()) {
    return Status::NotFound("workspace " + workspace.root + ": its store " + workspace.db_path +
                            " is missing; `airm init " + workspace.root + "` creates an empty one");
  }
  return db;
}

std::string LocalStateDir(const Workspace& workspace) {
  if (!IsPostgresUrl(workspace.db_path)) return fs::path(workspace.db_path).parent_path().string();
  std::error_code ec;
  const fs::path root = workspace.root.empty() ? fs::current_path(ec) : fs::path(workspace.root);
  return (root / ".airm").string();
}

}  // namespace airm::store
