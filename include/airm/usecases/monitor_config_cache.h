// MonitorConfigCache: the `monitors:` of a workspace's airm.yaml parsed once
// and kept by a long-running process (`airm serve`), parsed again only when
// the file changes.
//
// Each Get costs one stat() while the file's stamp (modification time, size,
// inode: airm/file_stamp.h) is as it was and older than kRecentNs. A changed
// stamp, or one too recent to rule out a same-size edit within the file
// system's timestamp granularity, makes Get read the file and compare its
// SHA-256 with the parsed one's; only different content is parsed again.
//
// A file that no longer parses is kUnavailable with the parser's message
// (file, line, key): for a server the workspace is broken now and will be
// fixed, not a bad request. The failure is kept like a configuration, so
// requests do not parse a broken file again and again, and the first Get
// after the file is fixed parses it and succeeds. A file that cannot be read
// at all gives ReadSmallFile's error and is tried again on the next Get.
//
// Thread-safe: the server's workers share one. Get returns a shared pointer
// to an immutable configuration, so a request keeps the one it started with
// while another request sees a newer one.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "airm/file_stamp.h"
#include "airm/monitor/monitor_config.h"
#include "airm/status.h"

namespace airm::usecases {

class MonitorConfigCache {
 public:
  // A stamp younger than this is not trusted alone (2 s: coarser than any
  // common file system's timestamps).
  static constexpr int64_t kRecentNs = 2'000'000'000;

  // The monitors of `yaml_path` (a workspace's airm.yaml). Errors above.
  Result<std::shared_ptr<const monitor::MonitorsConfig>> Get(const std::string& yaml_path);

  // How many times a file was parsed (for tests and benchmarks).
  int64_t parses() const;

 private:
  mutable std::mutex mutex_;
  std::string path_;  // "" until the first Get
  FileStamp stamp_;
  bool recent_ = true;  // stamp_ alone cannot be trusted yet
  std::string digest_;  // SHA-256 of the parsed text
  Status status_;       // the parse's failure, or Ok with config_ set
  std::shared_ptr<const monitor::MonitorsConfig> config_;
  int64_t parses_ = 0;
};

}  // namespace airm::usecases
