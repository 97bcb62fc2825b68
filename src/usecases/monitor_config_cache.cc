#include "airm/usecases/monitor_config_cache.h"

#include <chrono>

#include "airm/sha256.h"
#include "airm/small_file.h"

namespace airm::usecases {

Result<std::shared_ptr<const monitor::MonitorsConfig>> MonitorConfigCache::Get(
    const std::string& yaml_path) {
  // Stamped before the read: an edit made while the file is read shows as a
  // changed stamp next time instead of being missed.
  const FileStamp stamp = StampFile(yaml_path);
  std::lock_guard lock(mutex_);
  const bool known = path_ == yaml_path && !digest_.empty();
  const auto answer = [&]() -> Result<std::shared_ptr<const monitor::MonitorsConfig>> {
    if (!status_.ok()) return status_;
    return config_;
  };
  if (known && stamp == stamp_ && !recent_) return answer();
  // Parsing under the lock: when the file changes, one worker parses it and
  // the others wait for that instead of parsing it too.
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(yaml_path, "workspace file"));
  std::string digest = Sha256Hex(text);
  if (!known || digest != digest_) {
    ++parses_;
    Result<monitor::MonitorsConfig> parsed = monitor::ParseMonitorsConfig(text, yaml_path);
    if (parsed.ok()) {
      config_ = std::make_shared<const monitor::MonitorsConfig>(std::move(parsed).value());
      status_ = Status::Ok();
    } else {
      config_.reset();
      status_ = Status::Unavailable(parsed.status().message() +
                                    " (the monitors are unavailable until the file is fixed; "
                                    "it is read again when it changes)");
    }
    path_ = yaml_path;
    digest_ = std::move(digest);
  }
  const int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  stamp_ = stamp;
  recent_ = IsRecent(stamp, now, kRecentNs);
  return answer();
}

int64_t MonitorConfigCache::parses() const {
  std::lock_guard lock(mutex_);
  return parses_;
}

}  // namespace airm::usecases
