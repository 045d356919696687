#pragma once
// The fixture of the one contract suite for store::Store, shared by its files
// (store_contract_test.cc, store_succession_contract_test.cc): the backends it runs against,
// builders for fixtures, and matchers. Everything goes through the public interface;
// backend-specific checks (PRAGMAs, raw SQL) live beside each backend, e.g.
// store/sqlite/sqlite_store_test.cc.
//
// To add a backend, add one entry to Backends(): a factory for a fresh, empty database per
// test that can be opened more than once (to test reopening) and is dropped afterwards (or
// nothing, when the backend's server is not configured: the test is skipped). Each file
// instantiates its own fixtures over Backends(); a fixture deriving from StoreContract starts
// its SetUp with `StoreContract::SetUp(); if (IsSkipped()) return;`.
//
// PostgreSQL runs on the server the environment names (postgresql/test_database.h); CTest
// always starts one (the `postgres` fixture), so under CTest nothing is skipped.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "store/postgresql/postgresql_store.h"
#include "store/postgresql/test_database.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "store/store_test_support.h"

namespace trellis::store::contract {

using testing::At;
using testing::D;
using testing::Must;
using testing::TempDir;

using org::BodyKind;
using org::CareerStage;
using org::ContractType;
using org::MembershipRole;
using org::RoleFamily;

// ---- Backends ----

// One fresh, empty database for one test.
class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  // Opens a new store on this database; may be called again after the last one is closed.
  virtual Result<std::unique_ptr<Store>> Open() = 0;
};

struct Backend {
  std::string name;
  std::function<std::unique_ptr<TestDatabase>()> create;
};

class SqliteTestDatabase final : public TestDatabase {
 public:
  Result<std::unique_ptr<Store>> Open() override {
    return OpenSqliteStore((dir_.path() / "trellis.db").string());
  }

 private:
  TempDir dir_;
};

class PostgresqlTestDatabase final : public TestDatabase {
 public:
  explicit PostgresqlTestDatabase(std::unique_ptr<postgresql::TestDatabase> database)
      : database_(std::move(database)) {}
  Result<std::unique_ptr<Store>> Open() override { return OpenPostgresqlStore(database_->url()); }

 private:
  std::unique_ptr<postgresql::TestDatabase> database_;
};

// A fresh PostgreSQL database, or nothing when no server is configured.
inline std::unique_ptr<TestDatabase> CreatePostgresqlTestDatabase() {
  auto server = Must(postgresql::TestServer::FromEnvironment(), "PostgreSQL test server");
  if (!server) return nullptr;
  return std::make_unique<PostgresqlTestDatabase>(
      Must(postgresql::TestDatabase::Create(*server), "create a PostgreSQL test database"));
}

// So gtest names the backend in failure messages instead of dumping its bytes.
inline void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

inline std::vector<Backend> Backends() {
  return {
      {"Sqlite", [] { return std::make_unique<SqliteTestDatabase>(); }},
      {"Postgresql", [] { return CreatePostgresqlTestDatabase(); }},
  };
}

// ---- Builders ----

class SchoolBuilder {
 public:
  SchoolBuilder(TrustId trust, int64_t urn, std::string name) {
    s_.trust = trust;
    s_.urn = urn;
    s_.name = std::move(name);
    s_.phase = "Primary";
  }
  SchoolBuilder& Phase(std::string phase) {
    s_.phase = std::move(phase);
    return *this;
  }
  org::School Build() const { return s_; }

 private:
  org::School s_;
};

class PersonBuilder {
 public:
  PersonBuilder(TrustId trust, std::string reference) {
    p_.trust = trust;
    p_.reference = std::move(reference);
    p_.given_name = "Sam";
    p_.family_name = "Jones";
  }
  PersonBuilder& Named(std::string given, std::string family) {
    p_.given_name = std::move(given);
    p_.family_name = std::move(family);
    return *this;
  }
  PersonBuilder& Email(std::string email) {
    p_.email = std::move(email);
    return *this;
  }
  PersonBuilder& Stage(CareerStage stage) {
    p_.stage = stage;
    return *this;
  }
  PersonBuilder& Left(Date day) {
    p_.left_trust = day;
    return *this;
  }
  org::Person Build() const { return p_; }

 private:
  org::Person p_;
};

class PostBuilder {
 public:
  PostBuilder(TrustId trust, std::string reference) {
    p_.trust = trust;
    p_.reference = std::move(reference);
    p_.title = "Class teacher";
  }
  PostBuilder& Title(std::string title) {
    p_.title = std::move(title);
    return *this;
  }
  PostBuilder& At(SchoolId school) {
    p_.school = school;
    return *this;
  }
  PostBuilder& OfBody(BodyId body) {
    p_.body = body;
    return *this;
  }
  PostBuilder& Family(RoleFamily family) {
    p_.family = family;
    return *this;
  }
  PostBuilder& Key() {
    p_.key = true;
    return *this;
  }
  org::Post Build() const { return p_; }

 private:
  org::Post p_;
};

inline org::Holding Holding(TrustId trust, PostId post, PersonId person, Date start,
                            std::optional<Date> end = std::nullopt) {
  org::Holding h;
  h.trust = trust;
  h.post = post;
  h.person = person;
  h.start = start;
  h.end = end;
  return h;
}

// ---- Fixture ----

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = GetParam().create();
    if (!database_) GTEST_SKIP() << postgresql::TestServer::kNotConfigured;
    Reopen();
  }

  void Reopen() {
    store_.reset();
    store_ = Must(database_->Open(), "open");
    Must(store_->Migrate(), "migrate");
  }

  Store& store() { return *store_; }

  TrustId NewTrust(std::string name = "Oak Learning Trust", std::string reference = "") {
    org::Trust t;
    t.name = std::move(name);
    t.reference = std::move(reference);
    t.created_at = At("2025-09-01T08:00:00Z");
    return Must(store().Insert(t)).id;
  }
  SchoolId NewSchool(const SchoolBuilder& b) { return Must(store().Insert(b.Build())).id; }
  PersonId NewPerson(const PersonBuilder& b) { return Must(store().Insert(b.Build())).id; }
  PostId NewPost(const PostBuilder& b) { return Must(store().Insert(b.Build())).id; }
  HoldingId NewHolding(const org::Holding& h) { return Must(store().Insert(h)).id; }
  BodyId NewBody(TrustId trust, std::string name, BodyKind kind = BodyKind::kBoard,
                 std::optional<SchoolId> school = std::nullopt,
                 std::optional<BodyId> parent = std::nullopt) {
    org::Body b;
    b.trust = trust;
    b.name = std::move(name);
    b.kind = kind;
    b.school = school;
    b.parent = parent;
    return Must(store().Insert(b)).id;
  }
  UserId NewUser(std::optional<TrustId> trust, std::string email,
                 access::Role role = access::Role::kStaff) {
    access::User u;
    u.trust = trust;
    u.email = std::move(email);
    u.display_name = "User";
    u.password_hash = "$argon2id$stub";
    u.role = role;
    u.created_at = At("2025-09-01T08:00:00Z");
    return Must(store().Insert(u)).id;
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<Store> store_;
};

template <typename T>
std::vector<std::string> Names(const Listing<T>& listing) {
  std::vector<std::string> names;
  for (const auto& item : listing.items) {
    if constexpr (requires { item.family_name; }) {
      names.push_back(item.given_name + " " + item.family_name);
    } else if constexpr (requires { item.title; }) {
      names.push_back(item.title);
    } else {
      names.push_back(item.name);
    }
  }
  return names;
}

template <typename T>
std::vector<int64_t> Ids(const Listing<T>& listing) {
  std::vector<int64_t> ids;
  for (const auto& item : listing.items) ids.push_back(item.id.value());
  return ids;
}

MATCHER_P(FailsWith, code, "") { return !arg && arg.error().code == code; }

MATCHER_P2(FailsOnField, code, field, "") {
  if (arg) return false;
  if (arg.error().code != code) {
    *result_listener << "code " << CodeName(arg.error().code) << ": " << arg.error().message;
    return false;
  }
  for (const Problem& p : arg.error().details)
    if (p.field == field) return true;
  *result_listener << "no problem names field " << field << ": " << arg.error().message;
  return false;
}

// A small framework (two areas, three competencies) owned by `owner` (empty: shipped).
inline talent::FrameworkContent NewFramework(Store& store, std::optional<TrustId> owner,
                                             std::string code) {
  talent::FrameworkContent out;
  out.framework = Must(store.Insert(talent::Framework{
      .id = {}, .trust = owner, .code = code, .name = "Values " + code, .version = "1"}));
  for (int a = 1; a <= 2; ++a)
    out.areas.push_back(Must(store.Insert(talent::Area{.id = {},
                                                       .framework = out.framework.id,
                                                       .name = "Area " + std::to_string(a),
                                                       .position = 3 - a})));
  int n = 0;
  for (const auto& area : out.areas)
    for (int c = 1; c <= (area.position == 1 ? 2 : 1); ++c)
      out.competencies.push_back(
          Must(store.Insert(talent::Competency{.id = {},
                                               .framework = out.framework.id,
                                               .area = area.id,
                                               .code = code + "-" + std::to_string(++n),
                                               .name = "C" + std::to_string(n),
                                               .description = "",
                                               .position = c})));
  return out;
}

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& backend) {
  return backend.param.name;
}

}  // namespace trellis::store::contract
