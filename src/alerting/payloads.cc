#include "airm/alerting/payloads.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace airm::alerting {
namespace {

using nlohmann::json;

constexpr const char* kSchema = "airm.alert.v1";

std::string ObservedText(const std::optional<double>& observed) {
  if (!observed) return "undefined";
  return json(*observed).dump();  // shortest round-trip form, as in every JSON report
}

std::string StateUpper(AlertState state) {
  return state == AlertState::kFiring ? "FIRING" : "RESOLVED";
}

// Slack's mrkdwn treats &, < and > as control characters.
std::string SlackEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Prometheus label names are [a-zA-Z_][a-zA-Z0-9_]*; anything else is "_".
std::string LabelName(const std::string& name) {
  std::string out = name.empty() ? "_" : name;
  for (size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    const bool ok = std::isalpha(c) || c == '_' || (i > 0 && std::isdigit(c));
    if (!ok || c >= 0x80) out[i] = '_';
  }
  return out;
}

// A header value on one line: CR and LF would let a value start a new header.
std::string HeaderValue(const std::string& text) {
  std::string out;
  for (char c : text) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  return out;
}

bool IsAscii(const std::string& text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// RFC 2047 "B" encoding for a UTF-8 header value that is not plain ASCII.
std::string EncodedWord(const std::string& text) {
  if (IsAscii(text)) return text;
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string b64;
  size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const uint32_t n =
        (uint8_t(text[i]) << 16) | (uint8_t(text[i + 1]) << 8) | uint8_t(text[i + 2]);
    for (int shift : {18, 12, 6, 0}) b64.push_back(kAlphabet[(n >> shift) & 63]);
  }
  if (i + 1 == text.size()) {
    const uint32_t n = uint8_t(text[i]) << 16;
    b64 += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == text.size()) {
    const uint32_t n = (uint8_t(text[i]) << 16) | (uint8_t(text[i + 1]) << 8);
    b64 += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], '='};
  }
  return "=?UTF-8?B?" + b64 + "?=";
}

// A Message-ID's local part: the dedup key with anything outside RFC 5322's
// dot-atom text replaced.
std::string MessageId(const std::string& key) {
  std::string local;
  for (char c : key) {
    const unsigned char u = static_cast<unsigned char>(c);
    local.push_back(std::isalnum(u) || c == '-' || c == '_' || c == '.' ? c : '.');
  }
  return "<" + local + "@airm>";
}

std::string EpisodeStart(const Notification& n) {
  return n.started_at.empty() ? n.window_end : n.started_at;
}

Status FieldError(const std::string& field, const std::string& what) {
  return Status::ParseError("outbox notification: field '" + field + "': " + what);
}

}  // namespace

std::string GenericWebhookJson(const Notification& n) {
  json doc = {
      {"version", kSchema},
      {"alert_name", n.alert_name},
      {"monitor", n.monitor},
      {"severity", AlertSeverityName(n.severity)},
      {"state", AlertStateName(n.state)},
      {"window_start", n.window_start},
      {"window_end", n.window_end},
      {"expression", n.expression},
      {"observed_value", n.observed ? json(*n.observed) : json(nullptr)},
      {"summary", n.summary},
      {"labels", n.labels},
      {"episode_id", n.episode_id},
      {"started_at", n.started_at},
      {"dedup_key", n.dedup_key()},
  };
  // Only on notifications for one person, so monitor alerts keep their shape.
  if (n.recipient) {
    doc["recipient"] = {{"person", n.recipient->person},
                        {"email", n.recipient->email},
                        {"webhook", n.recipient->webhook}};
  }
  return doc.dump();
}

Result<Notification> NotificationFromJson(const std::string& text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return Status::ParseError("outbox notification: not a JSON object");
  Notification n;
  auto str = [&](const char* field, std::string* out) -> Status {
    auto it = doc.find(field);
    if (it == doc.end() || !it->is_string()) return FieldError(field, "expected a string");
    *out = it->get<std::string>();
    return Status::Ok();
  };
  AIRM_RETURN_IF_ERROR(str("alert_name", &n.alert_name));
  AIRM_RETURN_IF_ERROR(str("monitor", &n.monitor));
  AIRM_RETURN_IF_ERROR(str("window_start", &n.window_start));
  AIRM_RETURN_IF_ERROR(str("window_end", &n.window_end));
  AIRM_RETURN_IF_ERROR(str("expression", &n.expression));
  AIRM_RETURN_IF_ERROR(str("summary", &n.summary));
  AIRM_RETURN_IF_ERROR(str("episode_id", &n.episode_id));
  AIRM_RETURN_IF_ERROR(str("started_at", &n.started_at));
  std::string severity, state;
  AIRM_RETURN_IF_ERROR(str("severity", &severity));
  AIRM_RETURN_IF_ERROR(str("state", &state));
  if (severity == "info") {
    n.severity = AlertSeverity::kInfo;
  } else if (severity == "warning") {
    n.severity = AlertSeverity::kWarning;
  } else if (severity == "critical") {
    n.severity = AlertSeverity::kCritical;
  } else {
    return FieldError("severity", "unknown value '" + severity + "'");
  }
  if (state == "firing") {
    n.state = AlertState::kFiring;
  } else if (state == "resolved") {
    n.state = AlertState::kResolved;
  } else {
    return FieldError("state", "unknown value '" + state + "'");
  }
  auto observed = doc.find("observed_value");
  if (observed != doc.end() && observed->is_number()) {
    n.observed = observed->get<double>();
  } else if (observed != doc.end() && !observed->is_null()) {
    return FieldError("observed_value", "expected a number or null");
  }
  auto labels = doc.find("labels");
  if (labels != doc.end()) {
    if (!labels->is_object()) return FieldError("labels", "expected an object");
    for (const auto& [key, value] : labels->items()) {
      if (!value.is_string()) return FieldError("labels." + key, "expected a string");
      n.labels[key] = value.get<std::string>();
    }
  }
  auto recipient = doc.find("recipient");
  if (recipient != doc.end()) {
    if (!recipient->is_object()) return FieldError("recipient", "expected an object");
    Recipient r;
    for (auto [field, out] : {std::pair{"person", &r.person}, std::pair{"email", &r.email},
                              std::pair{"webhook", &r.webhook}}) {
      auto it = recipient->find(field);
      if (it == recipient->end()) continue;
      if (!it->is_string())
        return FieldError(std::string("recipient.") + field, "expected a string");
      *out = it->get<std::string>();
    }
    n.recipient = std::move(r);
  }
  return n;
}

std::string SlackWebhookJson(const Notification& n) {
  const std::string headline = "[" + StateUpper(n.state) + "] " + AlertSeverityName(n.severity) +
                               ": " + n.alert_name + " on monitor " + n.monitor;
  const std::string text = SlackEscape(headline + " — " + n.summary);
  std::string fields = "*Window:* " + n.window_start + " – " + n.window_end + "\n*Rule:* `" +
                       SlackEscape(n.expression) + "`\n*Observed:* " + ObservedText(n.observed) +
                       "\n*Episode:* " + SlackEscape(n.episode_id);
  for (const auto& [key, value] : n.labels) {
    fields += "\n*" + SlackEscape(key) + ":* " + SlackEscape(value);
  }
  json doc = {
      {"text", text},
      {"blocks", json::array({
                     {{"type", "section"},
                      {"text",
                       {{"type", "mrkdwn"},
                        {"text", "*" + SlackEscape(headline) + "*\n" + SlackEscape(n.summary)}}}},
                     {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", fields}}}},
                 })},
  };
  return doc.dump();
}

std::string AlertmanagerJson(const Notification& n,
                             const std::optional<std::string>& firing_ends_at) {
  json labels = json::object();
  for (const auto& [key, value] : n.labels) labels[LabelName(key)] = value;
  // The rule's identity last, so a user label cannot override it.
  labels["alertname"] = n.alert_name;
  labels["monitor"] = n.monitor;
  labels["severity"] = AlertSeverityName(n.severity);
  json annotations = {
      {"summary", n.summary},
      {"expression", n.expression},
      {"observed_value", ObservedText(n.observed)},
      {"window_start", n.window_start},
      {"window_end", n.window_end},
      {"episode_id", n.episode_id},
  };
  json alert = {{"labels", labels}, {"annotations", annotations}, {"startsAt", EpisodeStart(n)}};
  if (n.state == AlertState::kResolved) {
    // endsAt may not precede startsAt; a resolving window ends after the
    // episode started, but a clock-skewed producer must not make it invalid.
    alert["endsAt"] = std::max(n.window_end, EpisodeStart(n));
  } else if (firing_ends_at) {
    alert["endsAt"] = *firing_ends_at;
  }
  return json::array({alert}).dump();
}

std::string EmailMessage(const Notification& n, const MailEnvelope& envelope,
                         const std::string& date) {
  std::string to;
  for (const std::string& address : envelope.to) {
    if (!to.empty()) to += ", ";
    to += HeaderValue(address);
  }
  const std::string subject = "[airm " + StateUpper(n.state) + "] " +
                              AlertSeverityName(n.severity) + ": " + n.alert_name + " on " +
                              n.monitor;
  std::string message;
  auto header = [&](const std::string& name, const std::string& value) {
    message += name + ": " + value + "\r\n";
  };
  header("From", HeaderValue(envelope.from));
  header("To", to);
  header("Subject", EncodedWord(HeaderValue(subject)));
  header("Date", date);
  header("Message-ID", MessageId(n.dedup_key()));
  if (n.state == AlertState::kResolved) {
    const std::string firing = MessageId(n.episode_id + ":firing");
    header("In-Reply-To", firing);
    header("References", firing);
  }
  header("X-Airm-Episode", HeaderValue(n.episode_id));
  header("MIME-Version", "1.0");
  header("Content-Type", "text/plain; charset=utf-8");
  header("Content-Transfer-Encoding", "8bit");
  message += "\r\n";
  auto line = [&](const std::string& text) { message += HeaderValue(text) + "\r\n"; };
  line(n.summary);
  line("");
  line("Alert:     " + n.alert_name);
  line("Monitor:   " + n.monitor);
  line("Severity:  " + std::string(AlertSeverityName(n.severity)));
  line("State:     " + std::string(AlertStateName(n.state)));
  line("Window:    " + n.window_start + " to " + n.window_end);
  line("Rule:      " + n.expression);
  line("Observed:  " + ObservedText(n.observed));
  line("Episode:   " + n.episode_id);
  if (!n.started_at.empty()) line("Since:     " + n.started_at);
  for (const auto& [key, value] : n.labels) line(key + ": " + value);
  return message;
}

}  // namespace airm::alerting
