#include "airm/usecases/store_access.h"

#include <filesystem>

#include "airm/store/dataset_file.h"
#include "airm/store/environment.h"
#include "airm/store/store_pool.h"

namespace airm::usecases {

Result<OpenedStore> OpenStore(const store::LocateOptions& where) {
  OpenedStore out;
  // Inside a StorePool::Scope for `where` (a server's request) both come
  // from the pool: a connection kept open, handed back when `db` is destroyed.
  if (store::StorePool* pool = store::StorePool::ForThread(where)) {
    AIRM_ASSIGN_OR_RETURN(out.db, pool->Open(&out.workspace));
    return out;
  }
  AIRM_ASSIGN_OR_RETURN(out.workspace, store::LocateWorkspace(where));
  AIRM_ASSIGN_OR_RETURN(out.db, store::OpenWorkspaceStore(out.workspace));
  return out;
}

Result<store::NewDatasetVersion> DescribeFileForRegistration(const std::string& path,
                                                             const std::string& name,
                                                             const ReadOptions& options,
                                                             const ProgressFn& progress) {
  if (progress) progress("hashing and profiling " + path);
  store::NewDatasetVersion v;
  AIRM_ASSIGN_OR_RETURN(v.content, store::DescribeDatasetFile(path, options));
  v.name = name.empty() ? std::filesystem::path(path).filename().string() : name;
  v.path = path;
  v.abs_path = store::AbsolutePath(path);
  v.registered_by = store::CurrentUser();
  return v;
}

}  // namespace airm::usecases
