// Column roles from command-line flags or a small YAML schema file.
//
// Schema file (all keys optional):
//   target: Status
//   prediction: prediction
//   score: score
//   id: [customer_id]
//   timestamp: event_time
//   segment: [Home]
//   sensitive: [Age]
//   ignore: [Notes]        # dropped from every analysis
// A column named in the schema must exist in the table (InvalidArgument
// naming the option / key otherwise). Unnamed timestamp-typed columns get
// role kTimestamp; every other column stays a kFeature.
#pragma once

#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/table.h"

namespace airm {

struct RoleAssignment {
  std::vector<std::string> target;
  std::vector<std::string> prediction;
  std::vector<std::string> score;
  std::vector<std::string> id;
  std::vector<std::string> timestamp;
  std::vector<std::string> segment;
  std::vector<std::string> sensitive;
  std::vector<std::string> ignore;

  // Adds the roles of `other` to these (flags extend a schema file).
  void MergeFrom(const RoleAssignment& other);
  // Every column ApplyRoles gives a role (all but ignore's), each once, in
  // the order target, prediction, score, id, timestamp, segment, sensitive.
  std::vector<std::string> ColumnsWithRoles() const;
};

// Parses a YAML schema file (read with ReadSmallFile: a regular file of at
// most kSmallFileMaxBytes); errors name the file, line and column. Never
// throws: yaml-cpp's exceptions become kParseError.
Result<RoleAssignment> LoadSchemaFile(const std::string& path);

// The same for schema text already in memory; `source` names it in messages.
Result<RoleAssignment> ParseSchemaText(const std::string& text, const std::string& source);

// Sets roles on `table`. `source` names the table in messages (its path).
// `ignore` is not a role: callers exclude those columns from analyses.
Status ApplyRoles(const RoleAssignment& roles, const std::string& source, Table* table);

}  // namespace airm
