// ProfileToJson: the JSON form of a Profile (schema docs/schemas/profile.v1.json).
//
// Private to the profile module (nlohmann::json may not appear in
// include/airm); other modules use ProfileJsonText (airm/profile.h).
// The JSON carries summaries and error bounds, not the sketches: use
// SerializeProfile for a mergeable artefact.
#pragma once

#include <nlohmann/json.hpp>

#include "airm/profile.h"

namespace airm {

// {"kind": "profile", "schema_version": "1.0", "airm_version", "exact",
//  "num_rows", "options", "columns": [...]}; undefined values (min of an
// all-null column, stddev of one value) are null.
nlohmann::json ProfileToJson(const Profile& profile);

}  // namespace airm
