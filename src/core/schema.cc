#include "airm/schema.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "airm/small_file.h"

namespace airm {
namespace {

std::string Where(const std::string& path, const YAML::Mark& mark) {
  // yaml-cpp marks are -1 when unknown; report line 1 rather than 0.
  return path + ":" + std::to_string(std::max(mark.line, 0) + 1) + ":" +
         std::to_string(std::max(mark.column, 0) + 1);
}

void Append(std::vector<std::string>* to, const std::vector<std::string>& from) {
  to->insert(to->end(), from.begin(), from.end());
}

// A key's value may be one name or a list of names.
Status ReadNames(const YAML::Node& node, const std::string& key, const std::string& path,
                 std::vector<std::string>* out) {
  const YAML::Node value = node[key];
  if (!value) return Status::Ok();
  auto where = [&](const YAML::Node& n) { return Where(path, n.Mark()); };
  if (value.IsScalar()) {
    out->push_back(value.as<std::string>());
  } else if (value.IsSequence()) {
    for (const YAML::Node& item : value) {
      if (!item.IsScalar()) {
        return Status::ParseError(where(item) + ": expected a column name under '" + key + "'");
      }
      out->push_back(item.as<std::string>());
    }
  } else {
    return Status::ParseError(where(value) + ": expected a column name or a list of names for '" +
                              key + "'");
  }
  return Status::Ok();
}

}  // namespace

void RoleAssignment::MergeFrom(const RoleAssignment& o) {
  Append(&target, o.target);
  Append(&prediction, o.prediction);
  Append(&score, o.score);
  Append(&id, o.id);
  Append(&timestamp, o.timestamp);
  Append(&segment, o.segment);
  Append(&sensitive, o.sensitive);
  Append(&ignore, o.ignore);
}

std::vector<std::string> RoleAssignment::ColumnsWithRoles() const {
  std::vector<std::string> out;
  for (const std::vector<std::string>* names :
       {&target, &prediction, &score, &id, &timestamp, &segment, &sensitive}) {
    for (const std::string& name : *names) {
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
  }
  return out;
}

namespace {

Result<RoleAssignment> ParseSchema(const std::string& path, const std::string& text) {
  const YAML::Node root = YAML::Load(text);
  if (!root.IsMap()) {
    return Status::ParseError(path + ":1:1: expected a mapping of role: column(s)");
  }
  static const char* kKeys[] = {"target",    "prediction", "score",     "id",
                                "timestamp", "segment",    "sensitive", "ignore"};
  for (const auto& kv : root) {
    if (!kv.first.IsScalar()) {
      return Status::ParseError(Where(path, kv.first.Mark()) +
                                ": expected a role name as the key, found a list or mapping");
    }
    std::string key = kv.first.Scalar();
    bool known = false;
    for (const char* k : kKeys) known |= key == k;
    if (!known) {
      return Status::ParseError(Where(path, kv.first.Mark()) + ": unknown key '" + key +
                                "' (expected one of target, prediction, score, id, "
                                "timestamp, segment, sensitive, ignore)");
    }
  }
  RoleAssignment r;
  AIRM_RETURN_IF_ERROR(ReadNames(root, "target", path, &r.target));
  AIRM_RETURN_IF_ERROR(ReadNames(root, "prediction", path, &r.prediction));
  AIRM_RETURN_IF_ERROR(ReadNames(root, "score", path, &r.score));
  AIRM_RETURN_IF_ERROR(ReadNames(root, "id", path, &r.id));
  AIRM_RETURN_IF_ERROR(ReadNames(root, "timestamp", path, &r.timestamp));
  AIRM_RETURN_IF_ERROR(ReadNames(root, "segment", path, &r.segment));
  AIRM_RETURN_IF_ERROR(ReadNames(root, "sensitive", path, &r.sensitive));
  AIRM_RETURN_IF_ERROR(ReadNames(root, "ignore", path, &r.ignore));
  return r;
}

}  // namespace

Result<RoleAssignment> ParseSchemaText(const std::string& text, const std::string& source) {
  // yaml-cpp reports bad input by throwing; this is its adapter boundary.
  try {
    return ParseSchema(source, text);
  } catch (const YAML::Exception& e) {
    return Status::ParseError(Where(source, e.mark) + ": " + e.msg);
  } catch (const std::exception& e) {
    return Status::ParseError(source + ": cannot read the schema: " + e.what());
  }
}

Result<RoleAssignment> LoadSchemaFile(const std::string& path) {
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, "schema file"));
  return ParseSchemaText(text, path);
}

Status ApplyRoles(const RoleAssignment& roles, const std::string& source, Table* table) {
  for (size_t i = 0; i < table->num_columns(); ++i) {
    if (table->column(i).type() == DataType::kTimestamp) table->set_role(i, ColumnRole::kTimestamp);
  }
  auto set = [&](const std::vector<std::string>& names, const char* option,
                 ColumnRole role) -> Status {
    for (const std::string& name : names) {
      auto idx = table->FindColumn(name);
      if (!idx) {
        return Status::InvalidArgument(OptionRef(option) + " names column '" + name + "', which " +
                                       source + " does not have");
      }
      table->set_role(*idx, role);
    }
    return Status::Ok();
  };
  AIRM_RETURN_IF_ERROR(set(roles.id, "id", ColumnRole::kId));
  AIRM_RETURN_IF_ERROR(set(roles.timestamp, "timestamp", ColumnRole::kTimestamp));
  AIRM_RETURN_IF_ERROR(set(roles.segment, "segment", ColumnRole::kSegment));
  AIRM_RETURN_IF_ERROR(set(roles.sensitive, "sensitive", ColumnRole::kSensitive));
  AIRM_RETURN_IF_ERROR(set(roles.target, "target", ColumnRole::kTarget));
  AIRM_RETURN_IF_ERROR(set(roles.prediction, "prediction", ColumnRole::kPrediction));
  AIRM_RETURN_IF_ERROR(set(roles.score, "score", ColumnRole::kScore));
  return Status::Ok();
}

}  // namespace airm
