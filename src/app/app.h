#pragma once
// Wiring: the only place that names concrete implementations. An App owns the clock, the
// store chosen by configuration, and the services built on them.

#include <memory>
#include <optional>
#include <string>

#include "access/sessions.h"
#include "access/users.h"
#include "core/clock.h"
#include "core/config.h"
#include "development/action_service.h"
#include "http/api.h"
#include "http/provider_transport.h"
#include "org/org_service.h"
#include "store/store.h"
#include "succession/plan_service.h"
#include "talent/review_service.h"
#include "talent/talent_service.h"

namespace trellis::app {

// Opens the store a specification names: "sqlite:PATH" or a PostgreSQL URL
// ("postgresql://USER@HOST:PORT/DB", libpq's URI form). kInvalidInput for an unknown kind.
// `sqlite_cache_mb`: Config::sqlite_cache_mb.
[[nodiscard]] Result<std::unique_ptr<store::Store>> OpenStore(const std::string& spec,
                                                            int sqlite_cache_mb);
// The specification as it may be shown or logged: a PostgreSQL URL without its password or
// query (which may hold one too); a SQLite path as it is.
std::string DescribeStore(const std::string& spec);
// Where a server journals the records of reads (Config::read_journal), or nothing.
std::optional<std::string> ReadJournalDir(const Config& config);

class App {
 public:
  // Opens the configured store, brings its schema up to date and installs the competency
  // frameworks shipped with trellis that it lacks.
  [[nodiscard]] static Result<std::unique_ptr<App>> Open(const Config& config,
                                                         std::unique_ptr<Clock> clock = nullptr);

  const Config& config() const { return config_; }
  const Clock& clock() const { return *clock_; }
  store::Store& store() { return *store_; }
  org::OrgService& org() { return org_; }
  talent::TalentService& talent() { return talent_; }
  talent::ReviewService& review() { return review_; }
  succession::PlanService& plans() { return plans_; }
  development::ActionService& actions() { return actions_; }
  access::UserService& users() { return users_; }
  access::Authenticator& auth() { return auth_; }
  http::Services services() {
    return {*store_, *clock_, org_, talent_, review_, plans_, actions_, auth_, config_, sso_};
  }

 private:
  App(Config config, std::unique_ptr<Clock> clock, std::unique_ptr<store::Store> store);

  Config config_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<store::Store> store_;
  org::OrgService org_;
  talent::TalentService talent_;
  talent::ReviewService review_;
  succession::PlanService plans_;
  development::ActionService actions_;
  access::UserService users_;
  access::Authenticator auth_;
  http::ProviderTransport transport_;
  sso::SingleSignOn sso_;
};

}  // namespace trellis::app
