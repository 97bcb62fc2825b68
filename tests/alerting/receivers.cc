#include "receivers.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/child_process.h"

namespace airm::alerting::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr auto kStartTimeout = std::chrono::seconds(30);

std::string ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void Pause() { std::this_thread::sleep_for(std::chrono::milliseconds(20)); }

}  // namespace

bool HaveAiosmtpd() {
  return access(kPython, X_OK) == 0 &&
         std::system("/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1") == 0;
}

int UnusedLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

fs::path FreshDir(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / ("airm_alerting_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

Result<std::unique_ptr<ChildProcess>> ChildProcess::Start(const std::vector<std::string>& argv,
                                                          const std::string& log_path) {
  auto child = std::unique_ptr<ChildProcess>(new ChildProcess());
  child->log_path_ = log_path;
  child->pid_ = airm::testing::SpawnInProcessGroup(argv, log_path);
  if (child->pid_ <= 0) return Status::Unavailable("cannot start " + argv[0]);
  return child;
}

ChildProcess::~ChildProcess() {
  // SIGTERM first, so Alertmanager and aiosmtpd shut down cleanly; then the group is killed.
  if (pid_ > 0) kill(-pid_, SIGTERM);
  for (int i = 0; i < 250 && IsRunning(); ++i) Pause();
  airm::testing::KillChildGroup(&pid_);
}

bool ChildProcess::IsRunning() { return airm::testing::ChildIsRunning(&pid_); }

std::string ChildProcess::LogTail() const {
  const std::string log = ReadWholeFile(log_path_);
  return log.size() > 1500 ? log.substr(log.size() - 1500) : log;
}

Status MakeSelfSignedCertificate(const fs::path& dir) {
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1"
      " -addext subjectAltName=IP:127.0.0.1 -keyout '" +
      (dir / "key.pem").string() + "' -out '" + (dir / "cert.pem").string() + "' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) {
    return Status::Unavailable("openssl could not make a test certificate in " + dir.string());
  }
  return Status::Ok();
}

Result<std::unique_ptr<WebhookReceiver>> WebhookReceiver::Start(
    const WebhookReceiverOptions& options) {
  auto receiver = std::unique_ptr<WebhookReceiver>(new WebhookReceiver());
  if (options.cert_file.empty()) {
    receiver->server_ = std::make_unique<httplib::Server>();
  } else {
    auto tls =
        std::make_unique<httplib::SSLServer>(options.cert_file.c_str(), options.key_file.c_str());
    if (!tls->is_valid()) return Status::Unavailable("webhook receiver: bad TLS certificate");
    receiver->server_ = std::move(tls);
    receiver->tls_ = true;
  }
  const int port = options.port;
  WebhookReceiver* self = receiver.get();
  receiver->server_->Post(".*", [self](const httplib::Request& request, httplib::Response& reply) {
    std::lock_guard<std::mutex> lock(self->mutex_);
    ReceivedRequest received{
        request.path, request.body, request.get_header_value("Content-Type"), {}};
    for (const auto& [name, value] : request.headers) received.headers[name] = value;
    self->requests_.push_back(std::move(received));
    int status = 200;
    if (!self->statuses_.empty()) {
      status = self->statuses_.front();
      self->statuses_.pop_front();
    }
    reply.status = status;
    reply.set_content(status == 200 ? "ok" : "scripted failure", "text/plain");
  });
  if (port == 0) {
    receiver->port_ = receiver->server_->bind_to_any_port("127.0.0.1");
  } else if (receiver->server_->bind_to_port("127.0.0.1", port)) {
    receiver->port_ = port;
  }
  if (receiver->port_ <= 0) return Status::Unavailable("webhook receiver: cannot bind");
  receiver->thread_ = std::thread([self] { self->server_->listen_after_bind(); });
  // The socket already listens; wait for the loop so that stop() reaches it.
  while (!receiver->server_->is_running()) Pause();
  return receiver;
}

WebhookReceiver::~WebhookReceiver() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

void WebhookReceiver::ScriptStatuses(std::vector<int> statuses) {
  std::lock_guard<std::mutex> lock(mutex_);
  statuses_.assign(statuses.begin(), statuses.end());
}

std::vector<ReceivedRequest> WebhookReceiver::Requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

Result<std::unique_ptr<SmtpReceiver>> SmtpReceiver::Start(const fs::path& dir,
                                                          const SmtpReceiverOptions& options) {
  auto receiver = std::make_unique<SmtpReceiver>();
  receiver->dir_ = dir;
  fs::create_directories(dir / "mail");  // and `dir`, which holds the log and the port file
  std::vector<std::string> argv = {
      kPython,       std::string(AIRM_TEST_SOURCE_DIR) + "/tests/alerting/smtp_receiver.py",
      "--port-file", (dir / "port").string(),
      "--maildir",   (dir / "mail").string()};
  if (options.starttls) {
    const std::string make_cert =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1"
        " -addext subjectAltName=IP:127.0.0.1 -keyout '" +
        (dir / "key.pem").string() + "' -out '" + (dir / "cert.pem").string() + "' >/dev/null 2>&1";
    if (std::system(make_cert.c_str()) != 0) {
      return Status::Unavailable("openssl could not make a test certificate");
    }
    argv.insert(argv.end(), {"--tls-cert", (dir / "cert.pem").string(), "--tls-key",
                             (dir / "key.pem").string()});
  }
  if (!options.auth_user.empty()) {
    argv.insert(argv.end(),
                {"--auth-user", options.auth_user, "--auth-pass", options.auth_password});
  }
  AIRM_ASSIGN_OR_RETURN(receiver->process_, ChildProcess::Start(argv, (dir / "smtp.log").string()));
  const auto deadline = Clock::now() + kStartTimeout;
  while (receiver->port_ == 0) {
    std::ifstream port_file(dir / "port");
    if (port_file >> receiver->port_ && receiver->port_ > 0) break;
    receiver->port_ = 0;
    if (!receiver->process_->IsRunning() || Clock::now() > deadline) {
      return Status::Unavailable("smtp_receiver.py did not start: " +
                                 receiver->process_->LogTail());
    }
    Pause();
  }
  return receiver;
}

std::vector<nlohmann::json> SmtpReceiver::Messages() const {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir_ / "mail")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<nlohmann::json> messages;
  for (const fs::path& file : files) messages.push_back(nlohmann::json::parse(ReadWholeFile(file)));
  return messages;
}

Result<std::unique_ptr<Alertmanager>> Alertmanager::Start(const fs::path& dir) {
  auto am = std::make_unique<Alertmanager>();
  fs::create_directories(dir);
  std::ofstream(dir / "alertmanager.yml") << "route:\n  receiver: nobody\nreceivers:\n"
                                             "  - name: nobody\n";
  // The port is picked, then bound by the child: retry if another process
  // took it in between.
  for (int tries = 0; tries < 3; ++tries) {
    am->port_ = UnusedLoopbackPort();
    AIRM_ASSIGN_OR_RETURN(
        am->process_,
        ChildProcess::Start(
            {kAlertmanagerBinary, "--config.file=" + (dir / "alertmanager.yml").string(),
             "--storage.path=" + (dir / "data").string(),
             "--web.listen-address=127.0.0.1:" + std::to_string(am->port_),
             "--cluster.listen-address="},
            (dir / "alertmanager.log").string()));
    httplib::Client client("127.0.0.1", am->port_);
    client.set_connection_timeout(1, 0);
    const auto deadline = Clock::now() + kStartTimeout;
    while (am->process_->IsRunning() && Clock::now() < deadline) {
      const httplib::Result ready = client.Get("/-/ready");
      if (ready && ready->status == 200) return am;
      Pause();
    }
  }
  return Status::Unavailable("prometheus-alertmanager did not become ready: " +
                             am->process_->LogTail());
}

Result<nlohmann::json> Alertmanager::Alerts() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(2, 0);
  const httplib::Result reply = client.Get("/api/v2/alerts");
  if (!reply || reply->status != 200) return Status::Unavailable("GET /api/v2/alerts failed");
  return nlohmann::json::parse(reply->body);
}

}  // namespace airm::alerting::testing
