#include "airm/schema.h"

#include <yaml-cpp/yaml.h>

namespace airm {
namespace {

void Append(std::vector<std::string>* to, const std::vector<std::string>& from) {
  to->insert(to->end(), from.begin(), from.end());
}

// A key's value may be one name or a list of names.
Status ReadNames(const YAML::Node& node, const std::string& key, const std::string& path,
                 std::vector<std::string>* out) {
  const YAML::Node value = node[key];
  if (!value) return Status::Ok();
  auto where = [&](const YAML::Node& n) {
    return path + ":" + std::to_string(n.Mark().line + 1) + ":" +
           std::to_string(n.Mark().column + 1);
  };
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

Result<RoleAssignment> LoadSchemaFile(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Status::IoError(path + ": cannot open schema file");
  } catch (const YAML::ParserException& e) {
    return Status::ParseError(path + ":" + std::to_string(e.mark.line + 1) + ":" +
                              std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  if (!root.IsMap()) {
    return Status::ParseError(path + ":1:1: expected a mapping of role: column(s)");
  }
  static const char* kKeys[] = {"target",    "prediction", "score",     "id",
                                "timestamp", "segment",    "sensitive", "ignore"};
  for (const auto& kv : root) {
    std::string key = kv.first.as<std::string>();
    bool known = false;
    for (const char* k : kKeys) known |= key == k;
    if (!known) {
      return Status::ParseError(path + ":" + std::to_string(kv.first.Mark().line + 1) + ":" +
                                std::to_string(kv.first.Mark().column + 1) + ": unknown key '" +
                                key +
                                "' (expected one of target, prediction, score, id, "
                                "timestamp, segment, sensitive, ignore)");
    }
  }
  RoleAssignment r;
  try {
    AIRM_RETURN_IF_ERROR(ReadNames(root, "target", path, &r.target));
    AIRM_RETURN_IF_ERROR(ReadNames(root, "prediction", path, &r.prediction));
    AIRM_RETURN_IF_ERROR(ReadNames(root, "score", path, &r.score));
    AIRM_RETURN_IF_ERROR(ReadNames(root, "id", path, &r.id));
    AIRM_RETURN_IF_ERROR(ReadNames(root, "timestamp", path, &r.timestamp));
    AIRM_RETURN_IF_ERROR(ReadNames(root, "segment", path, &r.segment));
    AIRM_RETURN_IF_ERROR(ReadNames(root, "sensitive", path, &r.sensitive));
    AIRM_RETURN_IF_ERROR(ReadNames(root, "ignore", path, &r.ignore));
  } catch (const YAML::Exception& e) {
    return Status::ParseError(path + ":" + std::to_string(e.mark.line + 1) + ":" +
                              std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  return r;
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
        return Status::InvalidArgument(std::string("--") + option + " names column '" + name +
                                       "', which " + source + " does not have");
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
