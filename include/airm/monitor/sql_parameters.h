// A monitor's SQL query names the window's bounds as :start, :end,
// :start_epoch and :end_epoch (airm.yaml `current.query`). SQLite binds such
// names itself; PostgreSQL's protocol numbers its parameters ($1, $2 …), so
// the names are rewritten here, once, where the query's text is understood:
// names inside 'string literals' (also E'…' with backslash escapes), "quoted
// identifiers", dollar-quoted $tag$…$tag$ bodies and -- / /* */ comments
// (nested, as PostgreSQL nests them) are left alone, and a `::` cast is not a
// parameter (`:start::timestamptz` is the parameter :start cast).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace airm::monitor {

struct NumberedQuery {
  std::string sql;                  // the query with $1, $2 … in place of the names
  std::vector<std::string> params;  // the name each $k stands for, k = index + 1
};

// Rewrites each of `names` (without the colon) that the query uses to a
// numbered parameter, numbered by first use; a name used twice gets the same
// number. A colon followed by any other word is left as written (PostgreSQL
// then reports it).
NumberedQuery NumberNamedParameters(std::string_view sql, const std::vector<std::string>& names);

}  // namespace airm::monitor
