#pragma once
// Configuration: documented defaults, overridden by a JSON file, then by TRELLIS_*
// environment variables, then by command-line flags (each later source wins).
// README.md's Configuration table lists every key; keep it in step with kConfigKeys in
// config.cc.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"

namespace trellis {

// An OpenID Connect provider a trust's staff may sign in with (Microsoft Entra ID, Google
// Workspace; docs/deploy.md). Given in the `oidc_providers` setting as a JSON array.
struct OidcProvider {
  std::string name;    // in the paths: /auth/oidc/{name}/start and /auth/oidc/{name}/callback
  std::string label;   // on the sign-in button: "Sign in with {label}"
  std::string issuer;  // exactly as the provider's discovery document and ID tokens state it
  std::string client_id;
  // Read from the environment variable `client_secret_env` names or the file
  // `client_secret_file` names, never written in the configuration itself; never logged.
  std::string client_secret;
  std::vector<std::string> scopes{"openid", "email", "profile"};
  // Which claim holds the email address: "email" (then "email_verified" must be true) or
  // "preferred_username" (Microsoft Entra ID with a tenant-specific issuer).
  std::string email_claim = "email";
  // The trusts whose users may sign in through this provider, each with the email domains
  // that vouch for it: a user signs in when the provider's email is theirs, their trust is
  // listed here and the email's domain is one of that trust's.
  struct Trust {
    TrustId trust;
    std::vector<std::string> email_domains;  // lower-case
  };
  std::vector<Trust> trusts;
};

struct Config {
  std::string store = "sqlite:trellis.db";  // sqlite:PATH or postgresql://USER@HOST:PORT/DB
  std::string listen = "127.0.0.1";
  int port = 8080;
  std::string web_root = "web/dist";        // built front end; empty serves the API only
  // HTTP worker threads. httplib gives each open connection a thread while it is kept alive,
  // so this is also how many browsers (or proxy connections) are served at once.
  int threads = 64;
  int session_idle_minutes = 60;            // a session ends after this long unused
  int session_max_hours = 12;               // and after this long in any case
  bool secure_cookies = false;              // set Secure on cookies (when behind TLS)
  long long max_request_bytes = 64LL << 20; // largest request body accepted (imports)
  // How long one request's database work may take: past it the statement running is
  // stopped, its transaction rolled back, and the request answered 503 (core/deadline.h).
  // Generous: a large import takes seconds; a request that runs on is a fault or an attack.
  int request_time_limit_s = 30;
  // Addresses of reverse proxies and load balancers in front of this server: a request from
  // one of them is taken to come from the client its X-Forwarded-For names (for sign-in
  // throttling and the audit log). Empty: the connecting address is the client.
  std::vector<std::string> trusted_proxies;
  std::string log_level = "info";
  // Memory for answers kept for reuse (the 9-box grids, the succession dashboard, …), reused
  // while the data they were computed from is unchanged. 0 turns keeping them off.
  int answer_cache_mb = 64;
  // The most memory each connection to a SQLite file may hold of its pages (SQLite's page
  // cache; a server has a few connections, a command one or two). Pages are cached as they
  // are read, so memory grows with what is read until this bound. Large enough that a large
  // import's transaction does not spill pages to the WAL mid-way and write them again.
  int sqlite_cache_mb = 64;
  // The address browsers reach trellis at (https://trellis.example.org): where OpenID
  // providers send them back, {public_url}/auth/oidc/{name}/callback. Needed with providers.
  std::string public_url;
  std::vector<OidcProvider> oidc_providers;
  // `serve` runs every trust's retention rules once a day (privacy/schedule.h), from this
  // hour (UTC) on; several servers on one database run each trust once between them.
  bool retention_schedule = true;
  int retention_hour = 2;
  // Where `serve` journals the record of each read before answering (store/sql/read_journal.h):
  // a directory of its own on a local disk; empty: beside a SQLite file (PATH-reads), none on
  // PostgreSQL; "off": none (records of reads are committed to the database before answering).
  std::string read_journal;
  // Whether the record of every read is on disk before its answer, as every change is (no
  // journal; each group of records waits for an fsync): slower under load. Off: a crash of
  // trellis loses none, a power cut at most the last second's (docs/adr/0008, 0009).
  bool read_records_durable = false;
};

// Where each key's value may come from. `env` looks a variable up (std::getenv in main,
// a map in tests); `flags` holds values given on the command line by key name.
struct ConfigSources {
  std::optional<std::string> file;
  std::function<std::optional<std::string>(const std::string&)> env;
  std::map<std::string, std::string> flags;
};

// Fails with kInvalidInput naming the source and key when a value does not parse, the file
// cannot be read, or the file names a key trellis does not know.
[[nodiscard]] Result<Config> LoadConfig(const ConfigSources& sources);

// Every key with its environment variable name and a one-line description, for --help and docs.
struct ConfigKey {
  std::string name;
  std::string env;
  std::string description;
};
const std::vector<ConfigKey>& ConfigKeys();

}  // namespace trellis
