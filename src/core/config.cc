#include "core/config.h"

#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace trellis {
namespace {

const std::vector<ConfigKey> kConfigKeys = {
    {"store", "TRELLIS_STORE", "where data lives: sqlite:PATH or postgresql://USER@HOST:PORT/DB"},
    {"listen", "TRELLIS_LISTEN", "address to listen on"},
    {"port", "TRELLIS_PORT", "TCP port to listen on"},
    {"web_root", "TRELLIS_WEB_ROOT", "folder of the built web front end (empty: API only)"},
    {"threads", "TRELLIS_THREADS", "HTTP worker threads"},
    {"session_idle_minutes", "TRELLIS_SESSION_IDLE_MINUTES", "minutes before an unused session ends"},
    {"session_max_hours", "TRELLIS_SESSION_MAX_HOURS", "hours before any session ends"},
    {"secure_cookies", "TRELLIS_SECURE_COOKIES", "mark cookies Secure (serve behind TLS)"},
    {"max_request_bytes", "TRELLIS_MAX_REQUEST_BYTES", "largest request body accepted"},
    {"log_level", "TRELLIS_LOG_LEVEL", "trace, debug, info, warn, error or off"},
    {"trusted_proxies", "TRELLIS_TRUSTED_PROXIES",
     "addresses of proxies whose X-Forwarded-For names the client, comma-separated"},
    {"retention_schedule", "TRELLIS_RETENTION_SCHEDULE",
     "serve runs each trust's retention rules daily (true or false)"},
    {"retention_hour", "TRELLIS_RETENTION_HOUR", "hour of the day (UTC, 0-23) the daily run starts"},
};

Result<long long> ParseInteger(const std::string& text, long long min, long long max,
                               const std::string& where) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
    return Fail(ErrorCode::kInvalidInput,
                where + ": expected a whole number from " + std::to_string(min) + " to " +
                    std::to_string(max) + ", got '" + text + "'");
  return value;
}

Result<bool> ParseBool(const std::string& text, const std::string& where) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return false;
  return Fail(ErrorCode::kInvalidInput, where + ": expected true or false, got '" + text + "'");
}

// Sets one key from its text form; `where` names the source for error messages.
Result<void> Apply(Config& config, const std::string& key, const std::string& value,
                   const std::string& where) {
  const std::string at = where + " " + key;
  if (key == "store") {
    const bool sqlite = value.rfind("sqlite:", 0) == 0 && value.size() > 7;
    const bool postgresql =
        value.rfind("postgresql://", 0) == 0 || value.rfind("postgres://", 0) == 0;
    // The value is not echoed: a mistyped PostgreSQL URL may carry a password.
    if (!sqlite && !postgresql)
      return Fail(ErrorCode::kInvalidInput,
                  at + ": expected sqlite:PATH or postgresql://USER@HOST:PORT/DB");
    config.store = value;
  } else if (key == "listen") {
    config.listen = value;
  } else if (key == "port") {
    config.port = static_cast<int>(TRY(ParseInteger(value, 0, 65535, at)));
  } else if (key == "web_root") {
    config.web_root = value;
  } else if (key == "threads") {
    config.threads = static_cast<int>(TRY(ParseInteger(value, 1, 256, at)));
  } else if (key == "session_idle_minutes") {
    config.session_idle_minutes = static_cast<int>(TRY(ParseInteger(value, 1, 7 * 24 * 60, at)));
  } else if (key == "session_max_hours") {
    config.session_max_hours = static_cast<int>(TRY(ParseInteger(value, 1, 24 * 30, at)));
  } else if (key == "retention_schedule") {
    config.retention_schedule = TRY(ParseBool(value, at));
  } else if (key == "retention_hour") {
    config.retention_hour = static_cast<int>(TRY(ParseInteger(value, 0, 23, at)));
  } else if (key == "secure_cookies") {
    config.secure_cookies = TRY(ParseBool(value, at));
  } else if (key == "max_request_bytes") {
    config.max_request_bytes = TRY(ParseInteger(value, 1024, 1LL << 32, at));
  } else if (key == "trusted_proxies") {
    config.trusted_proxies.clear();
    std::stringstream list(value);
    for (std::string address; std::getline(list, address, ',');) {
      const auto first = address.find_first_not_of(' ');
      const auto last = address.find_last_not_of(' ');
      if (first == std::string::npos) continue;
      config.trusted_proxies.push_back(address.substr(first, last - first + 1));
    }
  } else if (key == "log_level") {
    static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
    bool known = false;
    for (const char* level : kLevels) known = known || value == level;
    if (!known) return Fail(ErrorCode::kInvalidInput, at + ": unknown level '" + value + "'");
    config.log_level = value;
  } else {
    return Fail(ErrorCode::kInvalidInput, where + ": unknown setting '" + key + "'");
  }
  return Ok();
}

Result<void> ApplyFile(Config& config, const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kInvalidInput, "cannot read configuration file " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    return Fail(ErrorCode::kInvalidInput, path + ": not a JSON object");
  for (const auto& [key, value] : json.items()) {
    std::string as_text = value.is_string() ? value.get<std::string>() : value.dump();
    TRY(Apply(config, key, as_text, path));
  }
  return Ok();
}

}  // namespace

const std::vector<ConfigKey>& ConfigKeys() { return kConfigKeys; }

Result<Config> LoadConfig(const ConfigSources& sources) {
  Config config;
  if (sources.file) TRY(ApplyFile(config, *sources.file));
  if (sources.env) {
    for (const auto& key : kConfigKeys) {
      if (auto value = sources.env(key.env)) TRY(Apply(config, key.name, *value, key.env));
    }
  }
  for (const auto& [key, value] : sources.flags) TRY(Apply(config, key, value, "--" + key));
  return config;
}

}  // namespace trellis
