#include "core/config.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/files.h"

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
    {"request_time_limit_s", "TRELLIS_REQUEST_TIME_LIMIT_S",
     "seconds one request's database work may take before it is stopped (503)"},
    {"log_level", "TRELLIS_LOG_LEVEL", "trace, debug, info, warn, error or off"},
    {"trusted_proxies", "TRELLIS_TRUSTED_PROXIES",
     "addresses of proxies whose X-Forwarded-For names the client, comma-separated"},
    {"answer_cache_mb", "TRELLIS_ANSWER_CACHE_MB",
     "MiB of memory for answers reused while the data is unchanged (0: off)"},
    {"sqlite_cache_mb", "TRELLIS_SQLITE_CACHE_MB",
     "MiB of a SQLite file's pages each of its connections may keep in memory"},
    {"public_url", "TRELLIS_PUBLIC_URL",
     "the address browsers reach trellis at; OpenID providers send them back under it"},
    {"oidc_providers", "TRELLIS_OIDC_PROVIDERS",
     "OpenID Connect providers for single sign-on, a JSON array (docs/deploy.md)"},
    {"retention_schedule", "TRELLIS_RETENTION_SCHEDULE",
     "serve runs each trust's retention rules daily (true or false)"},
    {"retention_hour", "TRELLIS_RETENTION_HOUR", "hour of the day (UTC, 0-23) the daily run starts"},
    {"read_journal", "TRELLIS_READ_JOURNAL",
     "directory where serve journals the records of reads (default: beside a SQLite file; off)"},
    {"read_records_durable", "TRELLIS_READ_RECORDS_DURABLE",
     "each read's audit record on disk before its answer (true or false; slower)"},
};

using Env = std::function<std::optional<std::string>(const std::string&)>;

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

bool IsLoopbackHttp(const std::string& url) {
  for (const char* host : {"http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:",
                           "http://localhost/", "http://[::1]:", "http://[::1]/"})
    if (url.rfind(host, 0) == 0) return true;
  return false;
}

// https, or plain http to this machine only (a provider started by a test).
bool SecureOrLoopback(const std::string& url) {
  return (url.rfind("https://", 0) == 0 && url.size() > 8) || IsLoopbackHttp(url);
}

Result<std::string> ReadSecretFile(const std::string& path, const std::string& at) {
  auto read = ReadWholeFile(path);
  if (!read) return Fail(ErrorCode::kInvalidInput, at + ": cannot read the client secret file");
  std::string secret = std::move(*read);
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

std::vector<std::string> Strings(const nlohmann::json& list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& item : list)
    if (item.is_string() && !item.get<std::string>().empty()) out.push_back(item.get<std::string>());
  return out;
}

Result<OidcProvider::Trust> ParseProviderTrust(const nlohmann::json& entry, const std::string& at) {
  if (!entry.is_object() || !entry.contains("trust_id") || !entry["trust_id"].is_number_integer() ||
      entry["trust_id"].get<int64_t>() <= 0)
    return Fail(ErrorCode::kInvalidInput, at + ": each of \"trusts\" needs a \"trust_id\" (a trust's id)");
  OidcProvider::Trust trust{.trust = TrustId(entry["trust_id"].get<int64_t>()), .email_domains = {}};
  for (std::string domain : Strings(entry.value("email_domains", nlohmann::json::array()))) {
    std::transform(domain.begin(), domain.end(), domain.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (domain.find('@') != std::string::npos || domain.find('.') == std::string::npos)
      return Fail(ErrorCode::kInvalidInput, at + ": \"" + domain + "\" is not an email domain");
    trust.email_domains.push_back(domain);
  }
  if (trust.email_domains.empty())
    return Fail(ErrorCode::kInvalidInput,
                at + ": each of \"trusts\" needs \"email_domains\", the domains its staff's addresses end in");
  return trust;
}

Result<OidcProvider> ParseProvider(const nlohmann::json& item, const std::string& where, const Env& env) {
  static const std::set<std::string> kFields = {
      "name", "label", "issuer", "client_id", "client_secret_env", "client_secret_file",
      "scopes", "email_claim", "trusts"};
  if (!item.is_object()) return Fail(ErrorCode::kInvalidInput, where + ": each provider is a JSON object");
  OidcProvider p;
  p.name = item.value("name", "");
  const std::string at = where + " provider '" + p.name + "'";
  if (p.name.empty() || p.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    return Fail(ErrorCode::kInvalidInput, where + ": a provider's \"name\" is lower-case letters, digits and -");
  for (const auto& [field, value] : item.items())
    if (!kFields.contains(field))
      // "client_secret" itself is refused: a secret in a configuration file ends up in copies
      // and version control.
      return Fail(ErrorCode::kInvalidInput, at + ": unknown field '" + field + "'" +
                  (field == "client_secret" ? " (give client_secret_env or client_secret_file)" : ""));
  p.label = item.value("label", "");
  p.issuer = item.value("issuer", "");
  p.client_id = item.value("client_id", "");
  if (p.label.empty() || p.client_id.empty())
    return Fail(ErrorCode::kInvalidInput, at + ": needs a \"label\" and a \"client_id\"");
  if (!SecureOrLoopback(p.issuer))
    return Fail(ErrorCode::kInvalidInput, at + ": \"issuer\" must be an https:// address");
  const std::string secret_env = item.value("client_secret_env", "");
  const std::string secret_file = item.value("client_secret_file", "");
  if (secret_env.empty() == secret_file.empty())
    return Fail(ErrorCode::kInvalidInput, at + ": give one of client_secret_env or client_secret_file");
  if (!secret_env.empty()) {
    auto secret = env ? env(secret_env) : std::nullopt;
    if (!secret || secret->empty())
      return Fail(ErrorCode::kInvalidInput, at + ": the environment variable " + secret_env + " is not set");
    p.client_secret = *secret;
  } else {
    p.client_secret = TRY(ReadSecretFile(secret_file, at));
  }
  if (item.contains("scopes")) p.scopes = Strings(item["scopes"]);
  if (std::find(p.scopes.begin(), p.scopes.end(), "openid") == p.scopes.end())
    return Fail(ErrorCode::kInvalidInput, at + ": \"scopes\" must include openid");
  p.email_claim = item.value("email_claim", "email");
  if (p.email_claim != "email" && p.email_claim != "preferred_username")
    return Fail(ErrorCode::kInvalidInput, at + ": \"email_claim\" is email or preferred_username");
  if (!item.contains("trusts") || !item["trusts"].is_array() || item["trusts"].empty())
    return Fail(ErrorCode::kInvalidInput, at + ": needs \"trusts\", the trusts whose staff sign in with it");
  for (const auto& entry : item["trusts"]) p.trusts.push_back(TRY(ParseProviderTrust(entry, at)));
  return p;
}

Result<std::vector<OidcProvider>> ParseProviders(const std::string& value, const std::string& where,
                                                 const Env& env) {
  auto list = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (list.is_discarded() || !list.is_array())
    return Fail(ErrorCode::kInvalidInput, where + ": expected a JSON array of providers");
  std::vector<OidcProvider> providers;
  std::set<std::string> names;
  for (const auto& item : list) {
    auto provider = TRY(ParseProvider(item, where, env));
    if (!names.insert(provider.name).second)
      return Fail(ErrorCode::kInvalidInput, where + ": two providers are named '" + provider.name + "'");
    providers.push_back(std::move(provider));
  }
  return providers;
}

// Sets one key from its text form; `where` names the source for error messages; `env` finds
// the providers' client secrets.
Result<void> Apply(Config& config, const std::string& key, const std::string& value,
                   const std::string& where, const Env& env) {
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
  } else if (key == "read_journal") {
    config.read_journal = value;
  } else if (key == "read_records_durable") {
    config.read_records_durable = TRY(ParseBool(value, at));
  } else if (key == "request_time_limit_s") {
    config.request_time_limit_s = static_cast<int>(TRY(ParseInteger(value, 1, 3600, at)));
  } else if (key == "trusted_proxies") {
    config.trusted_proxies.clear();
    std::stringstream list(value);
    for (std::string address; std::getline(list, address, ',');) {
      const auto first = address.find_first_not_of(' ');
      const auto last = address.find_last_not_of(' ');
      if (first == std::string::npos) continue;
      config.trusted_proxies.push_back(address.substr(first, last - first + 1));
    }
  } else if (key == "answer_cache_mb") {
    config.answer_cache_mb = static_cast<int>(TRY(ParseInteger(value, 0, 64 * 1024, at)));
  } else if (key == "sqlite_cache_mb") {
    config.sqlite_cache_mb = static_cast<int>(TRY(ParseInteger(value, 1, 64 * 1024, at)));
  } else if (key == "public_url") {
    std::string url = value;
    while (!url.empty() && url.back() == '/') url.pop_back();
    if (!url.empty() && !SecureOrLoopback(url))
      return Fail(ErrorCode::kInvalidInput, at + ": expected an https:// address");
    config.public_url = url;
  } else if (key == "oidc_providers") {
    config.oidc_providers = TRY(ParseProviders(value, at, env));
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

Result<void> ApplyFile(Config& config, const std::string& path, const Env& env) {
  const auto text = ReadWholeFile(path);
  if (!text) return Fail(ErrorCode::kInvalidInput, "cannot read configuration file " + path);
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    return Fail(ErrorCode::kInvalidInput, path + ": not a JSON object");
  for (const auto& [key, value] : json.items()) {
    std::string as_text = value.is_string() ? value.get<std::string>() : value.dump();
    TRY(Apply(config, key, as_text, path, env));
  }
  return Ok();
}

}  // namespace

const std::vector<ConfigKey>& ConfigKeys() { return kConfigKeys; }

Result<Config> LoadConfig(const ConfigSources& sources) {
  Config config;
  if (sources.file) TRY(ApplyFile(config, *sources.file, sources.env));
  if (sources.env) {
    for (const auto& key : kConfigKeys) {
      if (auto value = sources.env(key.env)) TRY(Apply(config, key.name, *value, key.env, sources.env));
    }
  }
  for (const auto& [key, value] : sources.flags)
    TRY(Apply(config, key, value, "--" + key, sources.env));
  if (!config.oidc_providers.empty() && config.public_url.empty())
    return Fail(ErrorCode::kInvalidInput,
                "oidc_providers needs public_url, the address providers send browsers back to");
  return config;
}

}  // namespace trellis
