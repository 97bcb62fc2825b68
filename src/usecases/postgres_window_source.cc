// The PostgreSQL window source: the window's bounds bound by name
// (monitor/sql_parameters.h), the query run read-only by the store's
// PostgreSQL adapter (store::QueryPostgresReadOnly: the user's database, not
// an airm store), the rows as JSON Lines.
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <type_traits>
#include <variant>
#include <vector>

#include "airm/monitor/sql_parameters.h"
#include "airm/monitor/windows.h"
#include "airm/store/database.h"
#include "airm/store/postgres_query.h"
#include "sql_window_source.h"

namespace airm::usecases::internal {

Result<SqlWindowRows> QueryPostgresWindow(const std::string& url, const std::string& query,
                                          int64_t start, int64_t end) {
  const std::string where = "current.postgres " + store::RedactPostgresUrl(url);
  const monitor::NumberedQuery numbered =
      monitor::NumberNamedParameters(query, {"start", "end", "start_epoch", "end_epoch"});
  std::vector<std::string> params;
  for (const std::string& name : numbered.params) {
    params.push_back(name == "start"         ? monitor::SecondsToCanonical(start)
                     : name == "end"         ? monitor::SecondsToCanonical(end)
                     : name == "start_epoch" ? std::to_string(start)
                                             : std::to_string(end));
  }
  Result<store::ExternalRows> result = store::QueryPostgresReadOnly(url, numbered.sql, params);
  if (!result.ok()) {
    return Status(result.status().code(),
                  where + ": current.query failed: " + result.status().message());
  }
  std::set<std::string> seen;
  for (const std::string& name : result->columns) {
    if (!seen.insert(name).second) {
      return Status::InvalidArgument(where + ": current.query returns the column '" + name +
                                     "' twice; name the columns with AS");
    }
  }
  SqlWindowRows out;
  for (const store::Row& row : result->rows) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (size_t c = 0; c < result->columns.size(); ++c) {
      nlohmann::ordered_json& cell = object[result->columns[c]];
      std::visit(
          [&](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::monostate>) {
              cell = nullptr;
            } else if constexpr (std::is_same_v<V, double>) {
              // NaN and ±Infinity have no JSON number: missing, as the
              // reader reads null.
              cell = std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
            } else {
              cell = v;
            }
          },
          row[c]);
    }
    out.jsonl +=
        object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    ++out.rows;
  }
  return out;
}

}  // namespace airm::usecases::internal
