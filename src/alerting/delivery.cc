#include "airm/alerting/delivery.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <map>
#include <set>
#include <thread>

#include "airm/alerting/payloads.h"
#include "airm/store/timestamp.h"
#include "curl_transport.h"
#include "outbox.h"

namespace airm::alerting {
namespace {

// Whether another attempt within this run can help: an HTTP 4xx or a
// damaged outbox row will not change until the next run (or a config fix).
enum class Retry { kNow, kNextRun };

struct Attempt {
  bool delivered = false;
  Retry retry = Retry::kNow;
  std::string error;

  static Attempt Ok() { return {true, Retry::kNow, ""}; }
  static Attempt Failed(std::string why, Retry retry = Retry::kNow) {
    return {false, retry, std::move(why)};
  }
};

std::string Env(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  return value == nullptr ? std::string() : std::string(value);
}

// RFC 5322 date, built by hand: strftime's %a and %b follow the locale.
std::string MailDate(int64_t seconds) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buffer;
}

std::string IsoTime(int64_t seconds) {
  std::string out;
  if (!store::FormatUtcSeconds(seconds, &out)) return store::UtcNow();
  return out;
}

Attempt FromHttp(const Result<internal::HttpReply>& reply) {
  if (!reply.ok()) return Attempt::Failed(reply.status().message());
  const long status = reply->status;
  if (status >= 200 && status < 300) return Attempt::Ok();
  std::string body = reply->body.substr(0, 200);
  for (char& c : body) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  // 408 and 429 ask for a later try, 5xx may pass; any other 4xx will not
  // change by retrying now (it stays in the outbox for a fixed config).
  const bool transient = status == 408 || status == 429 || status >= 500;
  return Attempt::Failed("HTTP " + std::to_string(status) + (body.empty() ? "" : ": " + body),
                         transient ? Retry::kNow : Retry::kNextRun);
}

std::string ChannelUrl(const Channel& channel, std::string* error) {
  if (!channel.url.empty()) return channel.url;
  std::string url = Env(channel.url_env);
  if (url.empty()) *error = "environment variable " + channel.url_env + " is not set";
  return url;
}

// One attempt to hand `n` to `channel`'s receiver.
Attempt SendOnce(const Channel& channel, const Notification& n, int64_t now) {
  if (channel.type == ChannelType::kEmail) {
    const EmailSettings& email = channel.email;
    internal::SmtpSend send;
    send.host = email.host;
    send.port = email.port;
    send.security = email.security;
    send.username = email.username;
    send.from = email.from;
    // Addressed to one person: their address instead of the channel's list.
    send.to = n.recipient && !n.recipient->email.empty()
                  ? std::vector<std::string>{n.recipient->email}
                  : email.to;
    send.timeout_seconds = channel.timeout_seconds;
    send.ca_file = channel.ca_file;
    if (!email.username.empty()) {
      send.password = Env(email.password_env);
      if (send.password.empty()) {
        return Attempt::Failed("environment variable " + email.password_env + " is not set");
      }
    }
    send.message = EmailMessage(n, {email.from, send.to}, MailDate(now));
    Status sent = internal::SendMail(send);
    if (sent.ok()) return Attempt::Ok();
    return Attempt::Failed(sent.message());
  }
  std::string error;
  internal::HttpPost post;
  post.timeout_seconds = channel.timeout_seconds;
  post.ca_file = channel.ca_file;
  const bool personal =
      channel.type == ChannelType::kWebhook && n.recipient && !n.recipient->webhook.empty();
  post.url = personal ? n.recipient->webhook : ChannelUrl(channel, &error);
  if (!error.empty()) return Attempt::Failed(error);
  switch (channel.type) {
    case ChannelType::kWebhook:
      post.body = GenericWebhookJson(n);
      // The channel's headers may carry its receiver's credentials: not for a person's URL.
      if (!personal) {
        for (const auto& header : channel.headers) post.headers.push_back(header);
      }
      break;
    case ChannelType::kSlack:
      post.body = SlackWebhookJson(n);
      break;
    case ChannelType::kAlertmanager: {
      while (!post.url.empty() && post.url.back() == '/') post.url.pop_back();
      post.url += "/api/v2/alerts";
      std::optional<std::string> ends_at;
      if (channel.firing_ttl_seconds) ends_at = IsoTime(now + *channel.firing_ttl_seconds);
      post.body = AlertmanagerJson(n, ends_at);
      break;
    }
    case ChannelType::kEmail:
      break;
  }
  return FromHttp(internal::PostJson(post));
}

std::string RecordKey(const OutboxEntry& entry) {
  std::string key = entry.episode_id + ":" + entry.state;
  if (entry.repeat > 0) key += ":repeat-" + std::to_string(entry.repeat);
  return key;
}

}  // namespace

int DeliveryReport::Delivered() const {
  int count = 0;
  for (const DeliveryRecord& r : records) count += r.status == DeliveryStatus::kDelivered;
  return count;
}

int DeliveryReport::Pending() const { return static_cast<int>(records.size()) - Delivered(); }

namespace {

// The configured channels `options` selects, each validated.
Result<std::vector<const Channel*>> SelectChannels(const AlertingConfig& config,
                                                   const DeliveryOptions& options) {
  AIRM_RETURN_IF_ERROR(config.retry.Validate());
  std::vector<const Channel*> channels;
  for (const Channel& channel : config.channels) {
    AIRM_RETURN_IF_ERROR(channel.Validate());
    bool wanted = options.only_channels.empty();
    for (const std::string& name : options.only_channels) wanted = wanted || name == channel.name;
    if (wanted) channels.push_back(&channel);
  }
  for (const std::string& name : options.only_channels) {
    if (config.Find(name) == nullptr) {
      return Status::InvalidArgument("unknown alerting channel '" + name + "'");
    }
  }
  return channels;
}

int64_t NowSeconds(const DeliveryOptions& options) {
  if (options.now_unix_seconds) return *options.now_unix_seconds;
  return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count());
}

// The summary of `channel` in `report`, added when missing.
ChannelSummary& SummaryOf(DeliveryReport* report, const std::string& channel) {
  for (ChannelSummary& summary : report->channels) {
    if (summary.channel == channel) return summary;
  }
  ChannelSummary summary;
  summary.channel = channel;
  report->channels.push_back(std::move(summary));
  return report->channels.back();
}

}  // namespace

Status QueueNotifications(store::Database& tx, const AlertingConfig& config,
                          std::span<const Outgoing> outgoing, const DeliveryOptions& options,
                          DeliveryReport* report) {
  AIRM_ASSIGN_OR_RETURN(std::vector<const Channel*> channels, SelectChannels(config, options));
  const std::string now = IsoTime(NowSeconds(options));
  for (const Channel* channel : channels) SummaryOf(report, channel->name);
  for (const Outgoing& item : outgoing) {
    for (const Channel* channel : channels) {
      AIRM_ASSIGN_OR_RETURN(bool queued, internal::Enqueue(tx, channel->name, item, now));
      (queued ? report->queued : report->duplicates) += 1;
      ChannelSummary& summary = SummaryOf(report, channel->name);
      (queued ? summary.queued : summary.duplicates) += 1;
    }
  }
  return Status::Ok();
}

Result<DeliveryReport> DeliverNotifications(store::Database& db, const AlertingConfig& config,
                                            std::span<const Outgoing> outgoing,
                                            const DeliveryOptions& options) {
  // 1. Queue, all or nothing, before anything is sent.
  DeliveryReport report;
  AIRM_RETURN_IF_ERROR(db.WriteTransaction([&](store::Database& tx) -> Status {
    report = DeliveryReport{};  // the body may run again on a busy lock
    return QueueNotifications(tx, config, outgoing, options, &report);
  }));
  AIRM_RETURN_IF_ERROR(DrainOutbox(db, config, options, &report));
  return report;
}

Status DrainOutbox(store::Database& db, const AlertingConfig& config,
                   const DeliveryOptions& options, DeliveryReport* out) {
  AIRM_ASSIGN_OR_RETURN(std::vector<const Channel*> channels, SelectChannels(config, options));
  DeliveryReport& report = *out;
  for (const Channel* channel : channels) SummaryOf(&report, channel->name);
  auto clock = [&] { return NowSeconds(options); };
  auto sleep = [&](int64_t ms) {
    if (options.sleep) {
      options.sleep(std::chrono::milliseconds(ms));
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    }
  };

  // 2. Drain every pending row of the selected channels, oldest first.
  AIRM_ASSIGN_OR_RETURN(std::vector<internal::PendingRow> pending, internal::PendingRows(db));
  std::set<std::pair<std::string, std::string>> held_episodes;  // (channel, episode) not drained
  // Channels whose receiver stayed unreachable (or kept failing with 5xx)
  // through a row's retries: their other rows wait for the next run, so a
  // receiver that is down costs one row's retries per run, not every row's.
  std::set<std::string> down_channels;
  for (const internal::PendingRow& row : pending) {
    const OutboxEntry& entry = row.entry;
    const Channel* channel = nullptr;
    for (const Channel* c : channels) {
      if (c->name == entry.channel) channel = c;
    }
    if (channel == nullptr) {
      if (config.Find(entry.channel) == nullptr) ++report.orphaned;
      continue;
    }
    DeliveryRecord record;
    record.outbox_id = entry.id;
    record.channel = entry.channel;
    record.dedup_key = RecordKey(entry);
    record.attempts_total = entry.attempts;
    const auto episode = std::make_pair(entry.channel, entry.episode_id);
    if (held_episodes.count(episode) > 0) {
      record.error = "waiting for an earlier notification of this episode on this channel";
      report.records.push_back(std::move(record));
      continue;
    }
    if (down_channels.count(entry.channel) > 0) {
      record.error = "not tried: channel '" + entry.channel + "' failed earlier in this run";
      held_episodes.insert(episode);
      report.records.push_back(std::move(record));
      continue;
    }
    Result<Notification> notification = NotificationFromJson(row.notification_json);
    Attempt attempt;
    if (!notification.ok()) {
      attempt = Attempt::Failed(notification.status().message(), Retry::kNextRun);
    } else {
      for (int i = 1; i <= config.retry.attempts; ++i) {
        if (i > 1) {
          const int64_t wait = config.retry.BackoffAfter(i - 1);
          record.backoff_ms.push_back(wait);
          sleep(wait);
        }
        ++record.attempts_this_run;
        attempt = SendOnce(*channel, *notification, clock());
        if (attempt.delivered || attempt.retry == Retry::kNextRun) break;
      }
    }
    // 3. Record the outcome of this row.
    record.attempts_total += record.attempts_this_run;
    const std::string now = IsoTime(clock());
    if (attempt.delivered) {
      record.status = DeliveryStatus::kDelivered;
      AIRM_RETURN_IF_ERROR(internal::MarkDelivered(db, entry.id, record.attempts_this_run, now));
    } else {
      record.error = attempt.error;
      held_episodes.insert(episode);
      if (attempt.retry == Retry::kNow) down_channels.insert(entry.channel);
      AIRM_RETURN_IF_ERROR(
          internal::MarkFailed(db, entry.id, record.attempts_this_run, now, attempt.error));
    }
    report.records.push_back(std::move(record));
  }
  for (ChannelSummary& summary : report.channels) {
    summary.delivered = summary.pending = 0;
    for (const DeliveryRecord& r : report.records) {
      if (r.channel != summary.channel) continue;
      (r.status == DeliveryStatus::kDelivered ? summary.delivered : summary.pending) += 1;
    }
  }
  return Status::Ok();
}

}  // namespace airm::alerting
