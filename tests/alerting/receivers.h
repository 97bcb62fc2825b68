// Real receivers on loopback for the alerting tests, started and stopped by
// the tests themselves:
//   WebhookReceiver — a cpp-httplib server in this process that records every
//                     POST and answers with scripted statuses;
//   SmtpReceiver    — tests/alerting/smtp_receiver.py on Debian's aiosmtpd,
//                     optionally with STARTTLS and AUTH;
//   Alertmanager    — Debian's prometheus-alertmanager with a temporary
//                     config and storage directory.
// Child processes run in their own process group, on a port the OS picks,
// and are killed and reaped by the destructor.
#pragma once

#include <sys/types.h>

#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "airm/status.h"

namespace httplib {
class Server;
}

namespace airm::alerting::testing {

inline constexpr const char* kPython = "/usr/bin/python3";
inline constexpr const char* kAlertmanagerBinary = "/usr/bin/prometheus-alertmanager";

// True when Debian's python3-aiosmtpd is importable by /usr/bin/python3.
bool HaveAiosmtpd();

// A loopback port nothing listens on at the time of the call.
int UnusedLoopbackPort();

// A fresh directory for one test.
std::filesystem::path FreshDir(const std::string& name);

class ChildProcess {
 public:
  // Starts argv[0] with stdout and stderr in `log_path`.
  static Result<std::unique_ptr<ChildProcess>> Start(const std::vector<std::string>& argv,
                                                     const std::string& log_path);
  ~ChildProcess();
  bool IsRunning();
  std::string LogTail() const;

 private:
  pid_t pid_ = -1;
  std::string log_path_;
};

struct ReceivedRequest {
  std::string path;
  std::string body;
  std::string content_type;
  std::map<std::string, std::string> headers;
};

// Writes DIR/cert.pem and DIR/key.pem: a self-signed certificate for
// 127.0.0.1 (Debian's openssl command).
Status MakeSelfSignedCertificate(const std::filesystem::path& dir);

struct WebhookReceiverOptions {
  int port = 0;           // 0: any free port
  std::string cert_file;  // with key_file: serve HTTPS
  std::string key_file;
};

class WebhookReceiver {
 public:
  // Listens on 127.0.0.1 and answers every POST.
  static Result<std::unique_ptr<WebhookReceiver>> Start(const WebhookReceiverOptions& options = {});
  ~WebhookReceiver();

  int port() const { return port_; }
  std::string url() const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + "/hook";
  }
  // The next requests get these statuses in order; then 200.
  void ScriptStatuses(std::vector<int> statuses);
  std::vector<ReceivedRequest> Requests() const;

 private:
  WebhookReceiver() = default;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  bool tls_ = false;
  mutable std::mutex mutex_;
  std::deque<int> statuses_;
  std::vector<ReceivedRequest> requests_;
};

struct SmtpReceiverOptions {
  bool starttls = false;  // offer STARTTLS with a fresh self-signed certificate; require it
  std::string auth_user;  // non-empty: require AUTH with this user and auth_password
  std::string auth_password;
};

class SmtpReceiver {
 public:
  static Result<std::unique_ptr<SmtpReceiver>> Start(const std::filesystem::path& dir,
                                                     const SmtpReceiverOptions& options);
  int port() const { return port_; }
  // PEM certificate of the STARTTLS server (for the channel's ca_file).
  std::string cert_file() const { return (dir_ / "cert.pem").string(); }
  // Every accepted message, in arrival order, as written by smtp_receiver.py.
  std::vector<nlohmann::json> Messages() const;

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

class Alertmanager {
 public:
  static Result<std::unique_ptr<Alertmanager>> Start(const std::filesystem::path& dir);
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // GET /api/v2/alerts: the alerts Alertmanager holds as active (resolved
  // ones are no longer listed).
  Result<nlohmann::json> Alerts() const;

 private:
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace airm::alerting::testing
