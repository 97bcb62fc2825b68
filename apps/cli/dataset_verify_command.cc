// `airm dataset verify [NAME@VERSION]...`: re-hash each version's file at its
// recorded absolute path. Per version: ok, changed (old -> new digest),
// missing, superseded (the path now holds a later registered version of the
// same file, so the old bytes are gone by design) or unverifiable (no local
// file, e.g. imported from OpenLineage). Exits 1 when any version is changed
// or missing: verify is a check a pipeline can gate on.
#include <sys/stat.h>

#include <iostream>
#include <map>
#include <memory>

#include "airm/store/dataset_file.h"
#include "airm/store/datasets.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DatasetVerifyCommand {
  StoreFlags store;
  std::vector<std::string> references;
};

struct Verdict {
  const store::DatasetVersion* version = nullptr;
  std::string status;  // ok | changed | missing | superseded | unverifiable
  std::optional<std::string> actual_digest;
  std::string detail;
};

bool Exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

int RunDatasetVerify(const DatasetVerifyCommand& c) {
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  std::vector<store::DatasetVersion> versions;
  Status s = opened->db->ReadTransaction([&](store::Database& tx) -> Status {
    if (c.references.empty()) {
      AIRM_ASSIGN_OR_RETURN(versions, store::ListDatasetVersions(tx, std::nullopt));
      return Status::Ok();
    }
    for (const std::string& text : c.references) {
      AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(text));
      AIRM_ASSIGN_OR_RETURN(store::DatasetVersion v, store::ResolveDatasetVersion(tx, ref));
      versions.push_back(std::move(v));
    }
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);

  // Later registrations at each path, to tell "superseded" from "changed".
  std::map<std::string, std::vector<const store::DatasetVersion*>> by_path;
  for (const store::DatasetVersion& v : versions) {
    if (v.abs_path) by_path[*v.abs_path].push_back(&v);
  }
  std::map<std::string, std::string> digest_cache;
  std::vector<Verdict> verdicts;
  bool failed = false;
  for (const store::DatasetVersion& v : versions) {
    Verdict verdict{&v, "", std::nullopt, ""};
    if (!v.abs_path || v.digest.rfind("sha256:", 0) != 0) {
      verdict.status = "unverifiable";
      verdict.detail = "no local file recorded";
    } else if (!Exists(*v.abs_path)) {
      verdict.status = "missing";
      verdict.detail = *v.abs_path + " does not exist";
    } else {
      auto cached = digest_cache.find(*v.abs_path);
      if (cached == digest_cache.end()) {
        Progress("hashing " + *v.abs_path);
        auto digest = store::FileDigest(*v.abs_path);
        if (!digest.ok()) return Fail(digest.status());
        cached = digest_cache.emplace(*v.abs_path, *digest).first;
      }
      verdict.actual_digest = cached->second;
      if (cached->second == v.digest) {
        verdict.status = "ok";
      } else {
        verdict.status = "changed";
        for (const store::DatasetVersion* other : by_path[*v.abs_path]) {
          if (other->registered_at >= v.registered_at && other->id > v.id &&
              other->digest == cached->second) {
            verdict.status = "superseded";
            verdict.detail = "the file now holds " + other->Ref();
          }
        }
        if (verdict.status == "changed") {
          verdict.detail = v.digest + " -> " + cached->second;
        }
      }
    }
    failed = failed || verdict.status == "changed" || verdict.status == "missing";
    verdicts.push_back(std::move(verdict));
  }

  if (!c.store.json.empty()) {
    Json doc = StoreDocument("dataset_verification");
    doc["ok"] = !failed;
    doc["results"] = Json::array();
    for (const Verdict& v : verdicts) {
      doc["results"].push_back(
          {{"ref", v.version->Ref()},
           {"status", v.status},
           {"path", v.version->abs_path ? Json(*v.version->abs_path) : Json(nullptr)},
           {"expected_digest", v.version->digest},
           {"actual_digest", v.actual_digest ? Json(*v.actual_digest) : Json(nullptr)},
           {"detail", v.detail}});
    }
    if (Status w = WriteJsonOutput(c.store, doc); !w.ok()) return Fail(w);
  }
  if (!c.store.TextToStdout()) {
    // --json - took stdout.
  } else {
    for (const Verdict& v : verdicts) {
      std::cout << v.status << "  " << v.version->Ref();
      if (!v.detail.empty()) std::cout << "  (" << v.detail << ")";
      std::cout << "\n";
    }
    if (verdicts.empty()) std::cout << "no dataset versions to verify\n";
    std::cout << (failed ? "verification FAILED: some files changed or are missing\n"
                         : "all verifiable files match their registered digests\n");
  }
  return failed ? kExitGateFailed : kExitOk;
}

}  // namespace

void AddDatasetVerifyCommand(CLI::App* dataset, StoreCommandSet* set) {
  static std::unique_ptr<DatasetVerifyCommand> holder = std::make_unique<DatasetVerifyCommand>();
  DatasetVerifyCommand* c = holder.get();
  CLI::App* sub = dataset->add_subcommand(
      "verify", "Re-hash registered files; exit 1 when any changed or is missing");
  sub->add_option("references", c->references, "NAME@VERSION ... (default: every version)");
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunDatasetVerify(*c); });
}

}  // namespace airm::cli
