// Dataset versions: immutable, identified by the SHA-256 of their bytes.
//
// Registering content a name already has returns the existing version
// (created = false); new content under a name gets the next version number.
// Every function runs its SQL on the Database it is given: call it inside a
// WriteTransaction / ReadTransaction to make several calls one unit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"
#include "airm/store/reference.h"

namespace airm::store {

struct RegisteredDataset {
  DatasetVersion version;
  bool created = false;  // false: identical content was already registered under this name
};

// InvalidArgument for an empty name or a digest not of the form "sha256:<64 hex>".
Result<RegisteredDataset> RegisterDatasetVersion(Database& db, const NewDatasetVersion& version);

// NotFound naming what exists ("dataset 'x' has versions 1..3", or the known
// dataset names); InvalidArgument listing the candidates of an ambiguous prefix.
Result<DatasetVersion> ResolveDatasetVersion(Database& db, const Reference& ref);

Result<DatasetVersion> GetDatasetVersion(Database& db, int64_t dataset_version_id);

// Every version, or those of one name, ordered by name then version.
// NotFound when `name` is given and unknown.
Result<std::vector<DatasetVersion>> ListDatasetVersions(Database& db,
                                                        const std::optional<std::string>& name);

// The most recently registered version with this digest under any name.
Result<std::optional<DatasetVersion>> FindDatasetVersionByDigest(Database& db,
                                                                 std::string_view digest);

}  // namespace airm::store
