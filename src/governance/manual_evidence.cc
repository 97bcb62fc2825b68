#include "airm/governance/manual_evidence.h"

#include <cstdio>

namespace airm::governance {

std::string ManualEvidence::Key() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "E-%03lld", static_cast<long long>(id));
  return buf;
}

bool ManualEvidence::CurrentOn(const std::string& today) const {
  return !expires_on || *expires_on >= today;
}

Status ValidateEvidenceTarget(const ControlLibrary& library, const std::string& target) {
  for (const Control& c : library.controls) {
    if (c.id == target) return Status::Ok();
  }
  const size_t colon = target.find(':');
  if (colon != std::string::npos) {
    const std::string framework = target.substr(0, colon), item = target.substr(colon + 1);
    if (!library.FindFramework(framework)) {
      std::string known;
      for (const Framework& f : library.frameworks) known += (known.empty() ? "" : ", ") + f.id;
      return Status::InvalidArgument("--control '" + target + "': no framework '" + framework +
                                     "' (expected one of " + known + ")");
    }
    for (const FrameworkItem& i : library.items) {
      if (i.framework == framework && i.id == item) return Status::Ok();
    }
    return Status::InvalidArgument("--control '" + target + "': " + framework + " has no item '" +
                                   item + "' (`airm framework controls` lists them)");
  }
  return Status::InvalidArgument("--control '" + target +
                                 "': expected a control id such as AIRM-RISK or a framework "
                                 "item as FRAMEWORK:ITEM such as 'iso-42001:A.2.2' (`airm "
                                 "framework controls` lists both)");
}

Result<ManualEvidence> InsertManualEvidence(store::Database& tx, int64_t system_id,
                                            const ManualEvidence& e) {
  auto nullable = [](const auto& v) -> store::Value {
    if (!v) return store::Value{};  // NULL
    return store::Value{*v};
  };
  AIRM_ASSIGN_OR_RETURN(
      std::vector<store::Row> rows,
      tx.Query("INSERT INTO governance_evidence (system_id, control, location, location_kind, "
               "sha256, size_bytes, note, expires_on, added_at, added_by) VALUES (?, ?, ?, ?, ?, "
               "?, ?, ?, ?, ?) RETURNING id",
               {system_id, e.control, e.location, e.location_kind, nullable(e.sha256),
                nullable(e.size_bytes), e.note, nullable(e.expires_on), e.added_at, e.added_by}));
  ManualEvidence out = e;
  out.id = rows.at(0).Int(0);
  return out;
}

Result<std::vector<ManualEvidence>> ManualEvidenceOf(store::Database& db, int64_t system_id) {
  std::vector<ManualEvidence> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT id, control, location, location_kind, sha256, size_bytes, note, expires_on, "
      "added_at, added_by FROM governance_evidence WHERE system_id = ? ORDER BY id",
      {system_id}, [&](const store::Row& row) {
        out.push_back({.id = row.Int(0),
                       .control = row.Text(1),
                       .location = row.Text(2),
                       .location_kind = row.Text(3),
                       .sha256 = row.OptionalText(4),
                       .size_bytes = row.IsNull(5) ? std::nullopt : std::optional(row.Int(5)),
                       .note = row.Text(6),
                       .expires_on = row.OptionalText(7),
                       .added_at = row.Text(8),
                       .added_by = row.Text(9)});
        return Status::Ok();
      }));
  return out;
}

}  // namespace airm::governance
