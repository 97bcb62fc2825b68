#include "airm/usecases/verify_datasets.h"

#include <sys/stat.h>

#include <map>

#include "airm/store/dataset_file.h"
#include "airm/store/datasets.h"
#include "airm/store/reference.h"

namespace airm::usecases {
namespace {

bool Exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

Result<std::vector<store::DatasetVersion>> VersionsToVerify(const VerifyDatasetsOptions& options) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  std::vector<store::DatasetVersion> versions;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& tx) -> Status {
    versions.clear();
    if (options.references.empty()) {
      AIRM_ASSIGN_OR_RETURN(versions, store::ListDatasetVersions(tx, std::nullopt));
      return Status::Ok();
    }
    for (const std::string& text : options.references) {
      AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(text));
      AIRM_ASSIGN_OR_RETURN(store::DatasetVersion v, store::ResolveDatasetVersion(tx, ref));
      versions.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return versions;
}

}  // namespace

Result<DatasetVerification> VerifyDatasets(const VerifyDatasetsOptions& options) {
  AIRM_ASSIGN_OR_RETURN(std::vector<store::DatasetVersion> versions, VersionsToVerify(options));
  // Later registrations at each path, to tell "superseded" from "changed".
  std::map<std::string, std::vector<const store::DatasetVersion*>> by_path;
  for (const store::DatasetVersion& v : versions) {
    if (v.abs_path) by_path[*v.abs_path].push_back(&v);
  }
  std::map<std::string, std::string> digest_cache;  // one hash per file
  DatasetVerification out;
  for (const store::DatasetVersion& v : versions) {
    VersionVerification r{.version = v};
    if (!v.abs_path || v.digest.rfind("sha256:", 0) != 0) {
      r.verdict = FileVerdict::kUnverifiable;
      r.detail = "no local file recorded";
    } else if (!Exists(*v.abs_path)) {
      r.verdict = FileVerdict::kMissing;
      r.detail = *v.abs_path + " does not exist";
    } else {
      auto cached = digest_cache.find(*v.abs_path);
      if (cached == digest_cache.end()) {
        if (options.progress) options.progress("hashing " + *v.abs_path);
        AIRM_ASSIGN_OR_RETURN(std::string digest, store::FileDigest(*v.abs_path));
        cached = digest_cache.emplace(*v.abs_path, std::move(digest)).first;
      }
      r.actual_digest = cached->second;
      r.verdict = cached->second == v.digest ? FileVerdict::kOk : FileVerdict::kChanged;
      if (r.verdict == FileVerdict::kChanged) {
        for (const store::DatasetVersion* other : by_path[*v.abs_path]) {
          if (other->registered_at >= v.registered_at && other->id > v.id &&
              other->digest == cached->second) {
            r.verdict = FileVerdict::kSuperseded;
            r.detail = "the file now holds " + other->Ref();
          }
        }
        if (r.verdict == FileVerdict::kChanged) r.detail = v.digest + " -> " + cached->second;
      }
    }
    if (r.verdict == FileVerdict::kChanged || r.verdict == FileVerdict::kMissing) {
      out.ok = false;
      const bool changed = r.verdict == FileVerdict::kChanged;
      out.findings.push_back(MakeFinding(
          Severity::kFail, changed ? "dataset.file_changed" : "dataset.file_missing", v.Ref(),
          v.Ref() + (changed ? ": the file changed (" : ": missing (") + r.detail + ")"));
    }
    out.results.push_back(std::move(r));
  }
  return out;
}

}  // namespace airm::usecases
