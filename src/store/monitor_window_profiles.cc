#include "airm/store/monitor_window_profiles.h"

#include <openssl/evp.h>

#include "store_util.h"

namespace airm::store {
namespace {

std::string EncodeBase64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

Result<std::string> DecodeBase64(const std::string& text) {
  if (text.size() % 4 != 0) return Status::Corrupt("not base64 (length)");
  std::string out(3 * (text.size() / 4), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return Status::Corrupt("not base64");
  // EVP_DecodeBlock counts the padding as zero bytes.
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') ++padding;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++padding;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

}  // namespace

Status PutWindowProfile(Database& db, const WindowProfileRecord& record) {
  AIRM_RETURN_IF_ERROR(db.Execute(
      "DELETE FROM monitor_window_profiles WHERE monitor = ? AND schedule = ? AND window_start = ?",
      {record.monitor, record.schedule, record.window_start}));
  return db.Execute(
      "INSERT INTO monitor_window_profiles (monitor, schedule, window_start, window_end, "
      "row_count, profile, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {record.monitor, record.schedule, record.window_start, record.window_end, record.row_count,
       record.profile ? Value(EncodeBase64(*record.profile)) : Value(std::monostate{}), UtcNow()});
}

Result<std::vector<WindowProfileRecord>> ListWindowProfiles(Database& db,
                                                            const std::string& monitor,
                                                            const std::string& start,
                                                            const std::string& end) {
  std::vector<WindowProfileRecord> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT schedule, window_start, window_end, row_count, profile FROM monitor_window_profiles "
      "WHERE monitor = ? AND window_start >= ? AND window_end <= ? "
      "ORDER BY window_start, window_end DESC, schedule",
      {monitor, start, end}, [&](const Row& row) -> Status {
        WindowProfileRecord r{.monitor = monitor,
                              .schedule = row.Text(0),
                              .window_start = row.Text(1),
                              .window_end = row.Text(2),
                              .row_count = row.Int(3),
                              .profile = std::nullopt};
        if (std::optional<std::string> text = row.OptionalText(4)) {
          Result<std::string> bytes = DecodeBase64(*text);
          if (!bytes.ok()) {
            return Status::Corrupt("monitor_window_profiles: the profile of " + monitor + " " +
                                   r.schedule + " " + r.window_start + " is " +
                                   bytes.status().message());
          }
          r.profile = std::move(bytes).value();
        }
        out.push_back(std::move(r));
        return Status::Ok();
      }));
  return out;
}

}  // namespace airm::store
