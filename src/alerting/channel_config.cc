// Reading the `alerting:` section of airm.yaml with yaml-cpp. Every error
// names the file, the line and the key path ("alerting.channels[1].port"),
// because a typo in a channel otherwise shows up only when an alert fires.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "airm/alerting/channels.h"
#include "airm/small_file.h"

namespace airm::alerting {
namespace {

class ConfigReader {
 public:
  explicit ConfigReader(const std::string& file_name) : file_name_(file_name) {}

  Status Error(const YAML::Node& node, const std::string& path, const std::string& what) const {
    return Status::ParseError(file_name_ + ":" + std::to_string(Line(node)) + ": " + path + ": " +
                              what);
  }
  static int Line(const YAML::Node& node) { return std::max(node.Mark().line, 0) + 1; }

  Status String(const YAML::Node& node, const std::string& path, std::string* out) const {
    if (!node.IsScalar()) return Error(node, path, "expected a string");
    *out = node.Scalar();
    return Status::Ok();
  }

  Status Integer(const YAML::Node& node, const std::string& path, int64_t min, int64_t max,
                 int64_t* out) const {
    int64_t value = 0;
    if (!node.IsScalar() || !YAML::convert<int64_t>::decode(node, value)) {
      return Error(node, path, "expected an integer");
    }
    if (value < min || value > max) {
      return Error(node, path,
                   "expected an integer from " + std::to_string(min) + " to " +
                       std::to_string(max) + ", got " + node.Scalar());
    }
    *out = value;
    return Status::Ok();
  }

  Status Int(const YAML::Node& node, const std::string& path, int64_t min, int64_t max,
             int* out) const {
    int64_t value = 0;
    AIRM_RETURN_IF_ERROR(Integer(node, path, min, max, &value));
    *out = static_cast<int>(value);
    return Status::Ok();
  }

  Status StringList(const YAML::Node& node, const std::string& path,
                    std::vector<std::string>* out) const {
    if (node.IsScalar()) {
      out->push_back(node.Scalar());
      return Status::Ok();
    }
    if (!node.IsSequence()) return Error(node, path, "expected a string or a list of strings");
    for (size_t i = 0; i < node.size(); ++i) {
      std::string item;
      AIRM_RETURN_IF_ERROR(String(node[i], path + "[" + std::to_string(i) + "]", &item));
      out->push_back(item);
    }
    return Status::Ok();
  }

  Status StringMap(const YAML::Node& node, const std::string& path,
                   std::map<std::string, std::string>* out) const {
    if (!node.IsMap()) return Error(node, path, "expected a mapping of names to strings");
    for (const auto& item : node) {
      const std::string key = item.first.Scalar();
      std::string value;
      AIRM_RETURN_IF_ERROR(String(item.second, path + "." + key, &value));
      (*out)[key] = value;
    }
    return Status::Ok();
  }

  Status Retry(const YAML::Node& node, const std::string& path, RetryPolicy* retry) const {
    if (!node.IsMap()) return Error(node, path, "expected a mapping");
    for (const auto& item : node) {
      const std::string key = item.first.Scalar();
      const std::string key_path = path + "." + key;
      if (key == "attempts") {
        AIRM_RETURN_IF_ERROR(Int(item.second, key_path, 1, 100, &retry->attempts));
      } else if (key == "initial_backoff_ms") {
        AIRM_RETURN_IF_ERROR(
            Integer(item.second, key_path, 0, 3'600'000, &retry->initial_backoff_ms));
      } else if (key == "max_backoff_ms") {
        AIRM_RETURN_IF_ERROR(Integer(item.second, key_path, 0, 3'600'000, &retry->max_backoff_ms));
      } else {
        return Error(item.first, key_path,
                     "unknown key (expected attempts, initial_backoff_ms, max_backoff_ms)");
      }
    }
    return Status::Ok();
  }

  Status Security(const YAML::Node& node, const std::string& path, SmtpSecurity* out) const {
    std::string text;
    AIRM_RETURN_IF_ERROR(String(node, path, &text));
    if (text == "none") {
      *out = SmtpSecurity::kNone;
    } else if (text == "starttls") {
      *out = SmtpSecurity::kStartTls;
    } else if (text == "tls") {
      *out = SmtpSecurity::kImplicitTls;
    } else {
      return Error(node, path, "expected none, starttls or tls, got '" + text + "'");
    }
    return Status::Ok();
  }

  Status ChannelEntry(const YAML::Node& node, const std::string& path, Channel* channel) const {
    if (!node.IsMap()) return Error(node, path, "expected a mapping with name and type");
    channel->line = Line(node);
    if (!node["type"]) return Error(node, path, "missing key 'type'");
    std::string type;
    AIRM_RETURN_IF_ERROR(String(node["type"], path + ".type", &type));
    if (type == "webhook") {
      channel->type = ChannelType::kWebhook;
    } else if (type == "slack") {
      channel->type = ChannelType::kSlack;
    } else if (type == "email") {
      channel->type = ChannelType::kEmail;
    } else if (type == "alertmanager") {
      channel->type = ChannelType::kAlertmanager;
    } else {
      return Error(node["type"], path + ".type",
                   "expected webhook, slack, email or alertmanager, got '" + type + "'");
    }
    EmailSettings& email = channel->email;
    for (const auto& item : node) {
      const std::string key = item.first.Scalar();
      const std::string key_path = path + "." + key;
      const YAML::Node& value = item.second;
      const bool is_email = channel->type == ChannelType::kEmail;
      const bool is_http = !is_email;
      Status status;
      if (key == "type") {
        continue;
      } else if (key == "name") {
        status = String(value, key_path, &channel->name);
      } else if (key == "timeout_seconds") {
        status = Int(value, key_path, 1, 3600, &channel->timeout_seconds);
      } else if (key == "ca_file") {
        status = String(value, key_path, &channel->ca_file);
      } else if (is_http && key == "url") {
        status = String(value, key_path, &channel->url);
      } else if (is_http && key == "url_env") {
        status = String(value, key_path, &channel->url_env);
      } else if (channel->type == ChannelType::kWebhook && key == "headers") {
        status = StringMap(value, key_path, &channel->headers);
      } else if (channel->type == ChannelType::kAlertmanager && key == "firing_ttl_seconds") {
        int64_t ttl = 0;
        status = Integer(value, key_path, 1, int64_t{366} * 24 * 3600, &ttl);
        channel->firing_ttl_seconds = ttl;
      } else if (is_email && key == "host") {
        status = String(value, key_path, &email.host);
      } else if (is_email && key == "port") {
        status = Int(value, key_path, 1, 65535, &email.port);
      } else if (is_email && key == "security") {
        status = Security(value, key_path, &email.security);
      } else if (is_email && key == "username") {
        status = String(value, key_path, &email.username);
      } else if (is_email && key == "password_env") {
        status = String(value, key_path, &email.password_env);
      } else if (is_email && key == "from") {
        status = String(value, key_path, &email.from);
      } else if (is_email && key == "to") {
        status = StringList(value, key_path, &email.to);
      } else {
        return Error(item.first, key_path, "unknown key for a channel of type " + type);
      }
      AIRM_RETURN_IF_ERROR(status);
    }
    Status valid = channel->Validate();
    if (!valid.ok()) return Error(node, path, valid.message());
    return Status::Ok();
  }

  Result<AlertingConfig> Document(const YAML::Node& doc) const {
    AlertingConfig config;
    if (!doc.IsMap() || !doc["alerting"]) return config;
    const YAML::Node alerting = doc["alerting"];
    if (alerting.IsNull()) return config;
    if (!alerting.IsMap()) return Error(alerting, "alerting", "expected a mapping");
    for (const auto& item : alerting) {
      const std::string key = item.first.Scalar();
      if (key == "retry") {
        AIRM_RETURN_IF_ERROR(Retry(item.second, "alerting.retry", &config.retry));
        Status valid = config.retry.Validate();
        if (!valid.ok()) return Error(item.second, "alerting.retry", valid.message());
      } else if (key == "channels") {
        const YAML::Node& list = item.second;
        if (!list.IsSequence()) return Error(list, "alerting.channels", "expected a list");
        std::set<std::string> names;
        for (size_t i = 0; i < list.size(); ++i) {
          const std::string path = "alerting.channels[" + std::to_string(i) + "]";
          Channel channel;
          AIRM_RETURN_IF_ERROR(ChannelEntry(list[i], path, &channel));
          if (!names.insert(channel.name).second) {
            return Error(list[i]["name"], path + ".name",
                         "duplicate channel name '" + channel.name + "'");
          }
          config.channels.push_back(std::move(channel));
        }
      } else {
        return Error(item.first, "alerting." + key, "unknown key (expected retry, channels)");
      }
    }
    return config;
  }

 private:
  const std::string& file_name_;
};

}  // namespace

const char* ChannelTypeName(ChannelType type) {
  switch (type) {
    case ChannelType::kWebhook:
      return "webhook";
    case ChannelType::kSlack:
      return "slack";
    case ChannelType::kEmail:
      return "email";
    case ChannelType::kAlertmanager:
      return "alertmanager";
  }
  return "webhook";
}

Status Channel::Validate() const {
  if (name.empty()) return Status::InvalidArgument("missing key 'name'");
  auto required = [&](const char* key) {
    return Status::InvalidArgument("channel '" + name + "' (" + ChannelTypeName(type) +
                                   "): missing key '" + key + "'");
  };
  if (timeout_seconds < 1) return Status::InvalidArgument("timeout_seconds must be at least 1");
  if (type == ChannelType::kEmail) {
    if (email.host.empty()) return required("host");
    if (email.from.empty()) return required("from");
    if (email.to.empty()) return required("to");
    if (!email.username.empty() && email.password_env.empty()) return required("password_env");
    if (email.port < 0 || email.port > 65535) return Status::InvalidArgument("port out of range");
    return Status::Ok();
  }
  if (url.empty() && url_env.empty()) return required("url' or 'url_env");
  if (!url.empty() && !url_env.empty()) {
    return Status::InvalidArgument("channel '" + name + "': give either url or url_env, not both");
  }
  if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return Status::InvalidArgument("channel '" + name +
                                   "': url must start with http:// or https://");
  }
  return Status::Ok();
}

Status RetryPolicy::Validate() const {
  if (attempts < 1) return Status::InvalidArgument("attempts must be at least 1");
  if (initial_backoff_ms < 0 || max_backoff_ms < 0) {
    return Status::InvalidArgument("backoff times must not be negative");
  }
  if (max_backoff_ms < initial_backoff_ms) {
    return Status::InvalidArgument("max_backoff_ms must be at least initial_backoff_ms");
  }
  return Status::Ok();
}

int64_t RetryPolicy::BackoffAfter(int attempt) const {
  int64_t wait = initial_backoff_ms;
  for (int i = 1; i < attempt && wait < max_backoff_ms; ++i) wait *= 2;
  return std::min(wait, max_backoff_ms);
}

const Channel* AlertingConfig::Find(std::string_view name) const {
  for (const Channel& channel : channels) {
    if (channel.name == name) return &channel;
  }
  return nullptr;
}

Result<AlertingConfig> ParseAlertingConfig(std::string_view yaml_text,
                                           const std::string& file_name) {
  ConfigReader reader(file_name);
  try {
    return reader.Document(YAML::Load(std::string(yaml_text)));
  } catch (const YAML::Exception& e) {
    return Status::ParseError(file_name + ":" + std::to_string(std::max(e.mark.line, 0) + 1) + ":" +
                              std::to_string(std::max(e.mark.column, 0) + 1) + ": " + e.msg);
  } catch (const std::exception& e) {
    return Status::ParseError(file_name + ": cannot read the alerting configuration: " + e.what());
  }
}

Result<AlertingConfig> LoadAlertingConfig(const std::string& path) {
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, "workspace file"));
  return ParseAlertingConfig(text, path);
}

}  // namespace airm::alerting
