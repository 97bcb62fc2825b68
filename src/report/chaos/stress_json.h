// The load and manipulation results as nlohmann JSON values, for the chaos
// document's renderer to embed without a text round trip (src/chaos only;
// the public form is LoadResultToJson / ManipulationResultToJson).
#pragma once

#include <nlohmann/json.hpp>

#include "airm/chaos/load_test.h"
#include "airm/chaos/manipulation.h"

namespace airm::chaos {

nlohmann::ordered_json LoadResultJsonValue(const LoadResult& result);
nlohmann::ordered_json ManipulationResultJsonValue(const ManipulationResult& result);

}  // namespace airm::chaos
