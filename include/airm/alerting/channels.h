// Alerting channels: where notifications go, as declared in airm.yaml.
//
//   alerting:
//     retry: {attempts: 3, initial_backoff_ms: 500, max_backoff_ms: 8000}
//     channels:
//       - {name: ops, type: webhook, url: "https://hooks.example/airm"}
//       - {name: team, type: slack, url_env: SLACK_WEBHOOK_URL}
//       - {name: mail, type: email, host: smtp.example, port: 587, security: starttls,
//          username: airm, password_env: AIRM_SMTP_PASSWORD, from: airm@example, to: [ml@example]}
//       - {name: am, type: alertmanager, url: "http://127.0.0.1:9093"}
//
// docs/alerting.md documents every key. Secrets never sit in the file: a URL
// that carries a token (Slack) and the SMTP password are read from the named
// environment variable when a notification is sent.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"

namespace airm::alerting {

enum class ChannelType {
  kWebhook,       // POST the notification as JSON (airm.alert.v1)
  kSlack,         // POST Slack's incoming-webhook payload ({"text", "blocks"})
  kEmail,         // a plain-text mail over SMTP
  kAlertmanager,  // POST /api/v2/alerts of Prometheus Alertmanager
};

// "webhook", "slack", "email", "alertmanager".
const char* ChannelTypeName(ChannelType type);

enum class SmtpSecurity {
  kNone,         // plain SMTP (a relay on localhost)
  kStartTls,     // STARTTLS required: the mail is not sent in the clear
  kImplicitTls,  // SMTPS: TLS from the first byte (port 465)
};

struct EmailSettings {
  std::string host;
  int port = 0;  // 0: 25 for kNone, 587 for kStartTls, 465 for kImplicitTls
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string username;      // empty: no AUTH
  std::string password_env;  // the environment variable holding the password
  std::string from;
  std::vector<std::string> to;
};

struct Channel {
  std::string name;  // unique among the channels; the outbox keys deliveries by it
  ChannelType type = ChannelType::kWebhook;
  // webhook, slack, alertmanager: the URL, or the environment variable naming it.
  std::string url;
  std::string url_env;
  std::map<std::string, std::string> headers;  // extra HTTP headers (webhook)
  EmailSettings email;                         // type email only
  // alertmanager: when set, a firing alert carries endsAt = send time + this,
  // so Alertmanager keeps it active that long without a resend (its own
  // resolve_timeout applies otherwise).
  std::optional<int64_t> firing_ttl_seconds;
  int timeout_seconds = 10;  // one attempt's whole time, connect included
  std::string ca_file;       // PEM bundle to verify the receiver's TLS certificate with
  int line = 0;              // where the channel is declared, for messages

  // InvalidArgument naming the channel and the key when a required key is
  // missing or a value is out of range.
  Status Validate() const;
};

// Retries within one run. A failed attempt waits initial_backoff_ms, then
// twice as long each time, at most max_backoff_ms; after `attempts` attempts
// the delivery stays in the outbox for the next run.
struct RetryPolicy {
  int attempts = 3;
  int64_t initial_backoff_ms = 500;
  int64_t max_backoff_ms = 8000;

  Status Validate() const;
  // The wait after failed attempt number `attempt` (1-based).
  int64_t BackoffAfter(int attempt) const;
};

struct AlertingConfig {
  RetryPolicy retry;
  std::vector<Channel> channels;

  // The channel named `name`, or nullptr.
  const Channel* Find(std::string_view name) const;
};

// Parses the `alerting:` section of an airm.yaml text; `file_name` is used in
// messages only. A document without `alerting:` gives an empty config.
// Errors: ParseError "FILE:LINE: alerting.channels[2].port: expected …" for
// malformed YAML, a wrong type, an unknown key, a duplicate channel name or a
// missing required key.
Result<AlertingConfig> ParseAlertingConfig(std::string_view yaml_text,
                                           const std::string& file_name);

// Reads `path` (a small regular file) and parses it as above.
Result<AlertingConfig> LoadAlertingConfig(const std::string& path);

}  // namespace airm::alerting
