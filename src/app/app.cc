#include "app/app.h"

#include "store/postgresql/postgresql_store.h"
#include "store/sqlite/sqlite_store.h"

namespace trellis::app {

Result<std::unique_ptr<store::Store>> OpenStore(const std::string& spec, int sqlite_cache_mb) {
  if (spec.rfind("sqlite:", 0) == 0)
    return store::OpenSqliteStore(spec.substr(7), {.cache_mb = sqlite_cache_mb});
  if (spec.rfind("postgresql://", 0) == 0 || spec.rfind("postgres://", 0) == 0)
    return store::OpenPostgresqlStore(spec);
  // Never echo the rest: a mistyped URL may carry a password.
  return Fail(ErrorCode::kInvalidInput,
              "unknown kind of store; expected sqlite:PATH or postgresql://USER@HOST:PORT/DB");
}

std::string DescribeStore(const std::string& spec) {
  const size_t scheme = spec.find("://");
  if (scheme == std::string::npos) return spec;
  std::string rest = spec.substr(scheme + 3);
  rest = rest.substr(0, rest.find('?'));
  // user:password@host: the last @ ends the user part (a password may hold @).
  if (const size_t at = rest.rfind('@'); at != std::string::npos) {
    const size_t colon = rest.find(':');
    if (colon < at) rest = rest.substr(0, colon) + rest.substr(at);
  }
  return spec.substr(0, scheme + 3) + rest;
}

std::optional<std::string> ReadJournalDir(const Config& config) {
  // A journal is synced once a second, so it cannot keep records on disk before the answer.
  if (config.read_journal == "off" || config.read_records_durable) return std::nullopt;
  if (!config.read_journal.empty()) return config.read_journal;
  // Beside a SQLite file, as its -wal and -shm are. PostgreSQL serves several servers on
  // several machines: each must be given a local directory.
  const std::string_view sqlite = "sqlite:";
  if (!config.store.starts_with(sqlite)) return std::nullopt;
  const std::string path = config.store.substr(sqlite.size());
  if (path.empty() || path == ":memory:") return std::nullopt;
  return path + "-reads";
}

App::App(Config config, std::unique_ptr<Clock> clock, std::unique_ptr<store::Store> store)
    : config_(std::move(config)),
      clock_(std::move(clock)),
      store_(std::move(store)),
      org_(*store_, *clock_),
      talent_(*store_, *clock_),
      review_(*store_, *clock_),
      plans_(*store_, *clock_),
      actions_(*store_, *clock_),
      users_(*store_, *clock_),
      auth_(*store_, *clock_,
            access::SessionPolicy{.idle = std::chrono::minutes(config_.session_idle_minutes),
                                  .max = std::chrono::hours(config_.session_max_hours)}),
      sso_(*store_, *clock_, auth_, transport_, config_) {}

Result<std::unique_ptr<App>> App::Open(const Config& config, std::unique_ptr<Clock> clock) {
  auto store = TRY(OpenStore(config.store, config.sqlite_cache_mb));
  TRY(store->Migrate());
  if (!clock) clock = std::make_unique<SystemClock>();
  auto app = std::unique_ptr<App>(new App(config, std::move(clock), std::move(store)));
  // Reference data, not schema: kept out of the migrations so that a new shipped framework
  // (or version) needs no migration, and installed idempotently at every start.
  TRY(app->talent().InstallShippedFrameworks());
  return app;
}

}  // namespace trellis::app
