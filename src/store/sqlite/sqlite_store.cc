#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "store/migrations/embedded.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace trellis::store {

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  auto connection = TRY(sqlite::Connection::Open(path));
  return std::unique_ptr<Store>(std::make_unique<sqlite::SqliteStore>(std::move(connection)));
}

}  // namespace trellis::store

namespace trellis::store::sqlite {
namespace {

using org::Body;
using org::Holding;
using org::LineLink;
using org::Membership;
using org::Person;
using org::Post;
using org::School;
using org::Trust;

constexpr char kTrustColumns[] = "t.id, t.name, t.reference, t.created_at";
constexpr char kSchoolColumns[] =
    "s.id, s.trust_id, s.urn, s.name, s.phase, s.type, s.status, s.local_authority, s.region, "
    "s.pupils, s.postcode, s.easting, s.northing";
constexpr char kBodyColumns[] = "b.id, b.trust_id, b.kind, b.name, b.school_id, b.parent_id";
constexpr char kPersonColumns[] =
    "pe.id, pe.trust_id, pe.reference, pe.given_name, pe.family_name, pe.email, pe.stage, "
    "pe.joined_trust, pe.left_trust";
constexpr char kPostColumns[] =
    "p.id, p.trust_id, p.reference, p.title, p.school_id, p.body_id, p.family, p.stage, "
    "p.workforce_census_role, p.fte, p.is_key";
constexpr char kHoldingColumns[] =
    "h.id, h.trust_id, h.post_id, h.person_id, h.start_date, h.end_date, h.contract, h.fte";
constexpr char kMembershipColumns[] =
    "m.id, m.trust_id, m.body_id, m.person_id, m.role, m.term_start, m.term_end";
constexpr char kLineLinkColumns[] =
    "l.id, l.trust_id, l.manager_id, l.report_id, l.start_date, l.end_date";

Result<Trust> ReadTrust(Row& r) {
  Trust t;
  t.id = r.Id<TrustId>();
  t.name = r.Text();
  t.reference = r.Text();
  t.created_at = TRY(r.InstantValue());
  return t;
}

Result<School> ReadSchool(Row& r) {
  School s;
  s.id = r.Id<SchoolId>();
  s.trust = r.Id<TrustId>();
  s.urn = r.Int();
  s.name = r.Text();
  s.phase = r.Text();
  s.type = r.Text();
  s.status = r.Text();
  s.local_authority = r.Text();
  s.region = r.Text();
  s.pupils = r.OptInt();
  s.postcode = r.Text();
  s.easting = r.OptInt();
  s.northing = r.OptInt();
  return s;
}

Result<Body> ReadBody(Row& r) {
  Body b;
  b.id = r.Id<BodyId>();
  b.trust = r.Id<TrustId>();
  b.kind = TRY(r.Enum<org::BodyKind>());
  b.name = r.Text();
  b.school = r.OptId<SchoolId>();
  b.parent = r.OptId<BodyId>();
  return b;
}

Result<Person> ReadPerson(Row& r) {
  Person p;
  p.id = r.Id<PersonId>();
  p.trust = r.Id<TrustId>();
  p.reference = r.Text();
  p.given_name = r.Text();
  p.family_name = r.Text();
  p.email = r.Text();
  p.stage = TRY(r.OptEnum<org::CareerStage>());
  p.joined_trust = TRY(r.OptDate());
  p.left_trust = TRY(r.OptDate());
  return p;
}

Result<Post> ReadPost(Row& r) {
  Post p;
  p.id = r.Id<PostId>();
  p.trust = r.Id<TrustId>();
  p.reference = r.Text();
  p.title = r.Text();
  p.school = r.OptId<SchoolId>();
  p.body = r.OptId<BodyId>();
  p.family = TRY(r.Enum<org::RoleFamily>());
  p.stage = TRY(r.OptEnum<org::CareerStage>());
  p.workforce_census_role = r.Text();
  p.fte = r.Real();
  p.key = r.Bool();
  return p;
}

Result<Holding> ReadHolding(Row& r) {
  Holding h;
  h.id = r.Id<HoldingId>();
  h.trust = r.Id<TrustId>();
  h.post = r.Id<PostId>();
  h.person = r.Id<PersonId>();
  h.start = TRY(r.DateValue());
  h.end = TRY(r.OptDate());
  h.contract = TRY(r.Enum<org::ContractType>());
  h.fte = r.Real();
  return h;
}

Result<Membership> ReadMembership(Row& r) {
  Membership m;
  m.id = r.Id<MembershipId>();
  m.trust = r.Id<TrustId>();
  m.body = r.Id<BodyId>();
  m.person = r.Id<PersonId>();
  m.role = TRY(r.Enum<org::MembershipRole>());
  m.term_start = TRY(r.DateValue());
  m.term_end = TRY(r.OptDate());
  return m;
}

Result<LineLink> ReadLineLink(Row& r) {
  LineLink l;
  l.id = r.Id<LineLinkId>();
  l.trust = r.Id<TrustId>();
  l.manager = r.Id<PersonId>();
  l.report = r.Id<PersonId>();
  l.start = TRY(r.DateValue());
  l.end = TRY(r.OptDate());
  return l;
}

// The codes of E in declaration order; `(SELECT key FROM json_each(?) WHERE value = col)` is
// then the enum's position, for sorting and picking "the first family".
template <typename E>
std::string EnumOrderJson() {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& name : EnumNames<E>()) array.push_back(std::string(name.code));
  return array.dump();
}

// org::InForce in SQL: start <= ? AND (end IS NULL OR ? < end). Bind the day twice.
std::string InForce(std::string_view start, std::string_view end) {
  const std::string e(end);
  return std::string(start) + " <= ? AND (" + e + " IS NULL OR ? < " + e + ")";
}

// Case-insensitive "contains" over any of `columns`. instr rather than LIKE, so % and _ in
// what the user typed match themselves. lower() folds ASCII only (SQLite without ICU).
void AndContains(Conditions& where, std::initializer_list<std::string_view> columns,
                 const std::string& needle) {
  if (needle.empty()) return;
  std::string sql = "(";
  std::vector<Value> values;
  for (std::string_view column : columns) {
    if (values.size() > 0) sql += " OR ";
    sql += "instr(lower(" + std::string(column) + "), lower(?)) > 0";
    values.push_back(needle);
  }
  where.And(sql + ")", std::move(values));
}


WriteRules SchoolRules(const School& s) {
  return {{{"schools.urn",
            {"urn", "already used by another school in this trust", std::to_string(s.urn)}}},
          {TrustRef(s.trust)}};
}

WriteRules BodyRules(const Body& b) {
  return {{{"bodies.name", {"name", "already used by another body in this trust", b.name}}},
          {TrustRef(b.trust),
           Ref("schools", b.school, b.trust, "school_id", "no such school in this trust"),
           Ref("bodies", b.parent, b.trust, "parent_id", "no such body in this trust")}};
}

WriteRules PersonRules(const Person& p) {
  return {{{"people.reference",
            {"reference", "already used by another person in this trust", p.reference}}},
          {TrustRef(p.trust)}};
}

WriteRules PostRules(const Post& p) {
  return {{{"posts.reference",
            {"reference", "already used by another post in this trust", p.reference}}},
          {TrustRef(p.trust),
           Ref("schools", p.school, p.trust, "school_id", "no such school in this trust"),
           Ref("bodies", p.body, p.trust, "body_id", "no such body in this trust")}};
}

WriteRules HoldingRules(const Holding& h) {
  return {{},
          {TrustRef(h.trust),
           Ref("posts", std::optional(h.post), h.trust, "post_id", "no such post in this trust"),
           Ref("people", std::optional(h.person), h.trust, "person_id",
               "no such person in this trust")}};
}

WriteRules MembershipRules(const Membership& m) {
  return {{},
          {TrustRef(m.trust),
           Ref("bodies", std::optional(m.body), m.trust, "body_id", "no such body in this trust"),
           Ref("people", std::optional(m.person), m.trust, "person_id",
               "no such person in this trust")}};
}

WriteRules LineLinkRules(const LineLink& l) {
  return {{},
          {TrustRef(l.trust),
           Ref("people", std::optional(l.manager), l.trust, "manager_id",
               "no such person in this trust"),
           Ref("people", std::optional(l.report), l.trust, "report_id",
               "no such person in this trust")}};
}

}  // namespace

// ---- Plumbing ----

void Conditions::And(std::string_view condition, std::vector<Value> values) {
  where_ += where_.empty() ? " WHERE " : " AND ";
  where_ += condition;
  for (auto& v : values) values_.push_back(std::move(v));
}

Reference TrustRef(TrustId trust) {
  return {"trusts",
          trust.value(),
          std::nullopt,
          {"trust_id", "no such trust", std::to_string(trust.value())}};
}

tl::unexpected<Error> NotFound(std::string_view what) {
  return Fail(ErrorCode::kNotFound, std::string(what) + " not found");
}

Result<void> CheckPage(Page page) {
  if (page.limit < 0 || page.offset < 0)
    return Fail(ErrorCode::kInvalidInput, "page limit and offset must not be negative");
  return Ok();
}

Result<void> SqliteStore::InTransaction(TxKind kind, const std::function<Result<void>()>& body) {
  const bool outermost = depth_ == 0;
  // The savepoint's name is built from our own counter, never from input.
  const std::string savepoint = "trellis_" + std::to_string(depth_);
  if (outermost) {
    // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
    // writes can fail with SQLITE_BUSY at the write, which no busy timeout can resolve.
    TRY(connection_->Exec(kind == TxKind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN"));
  } else {
    TRY(connection_->Exec("SAVEPOINT " + savepoint));
  }
  ++depth_;
  Result<void> result;
  // The work is the caller's code; an exception from it must not leave the transaction open
  // nor escape the store.
  try {
    result = body();
  } catch (const std::exception& e) {
    result = Fail(ErrorCode::kInternal, std::string("transaction work threw: ") + e.what());
  } catch (...) {
    result = Fail(ErrorCode::kInternal, "transaction work threw");
  }
  --depth_;
  if (result) {
    result = connection_->Exec(outermost ? "COMMIT" : "RELEASE " + savepoint);
    if (result) return Ok();
  }
  // Undo the work (a failed COMMIT leaves the transaction open, so this covers it too). A
  // failure here means SQLite has already rolled back by itself; the error to report is the
  // one that got us here.
  auto undone = connection_->Exec(
      outermost ? "ROLLBACK" : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
  static_cast<void>(undone);
  return result;
}

Result<int64_t> SqliteStore::Write(const std::string& sql, const std::vector<Value>& values,
                                   const WriteRules& rules) {
  auto run = [&]() -> Result<void> {
    auto statement = TRY(connection_->Prepare(sql));
    TRY(statement.Bind(values));
    return statement.Run();
  };
  auto done = run();
  if (done) return connection_->Changes();
  Error error = std::move(done).error();
  if (error.code == ErrorCode::kConflict) {
    for (const UniqueRule& rule : rules.unique) {
      if (error.message.find(rule.columns) != std::string::npos)
        return Fail(ErrorCode::kConflict, rule.problem.field + " " + rule.problem.reason,
                    {rule.problem});
    }
  } else if (error.code == ErrorCode::kValidationFailed) {
    return Fail(ExplainForeignKey(rules));
  }
  return Fail(std::move(error));
}

Error SqliteStore::ExplainForeignKey(const WriteRules& rules) {
  // SQLite does not say which foreign key failed, so look for each referenced row.
  std::vector<Problem> problems;
  for (const Reference& ref : rules.references) {
    if (!ref.id) continue;
    std::string sql = "SELECT count(*) FROM " + std::string(ref.table) + " WHERE id = ?";
    std::vector<Value> values{*ref.id};
    if (ref.trust) {
      sql += " AND trust_id = ?";
      values.push_back(ref.trust->value());
    }
    auto found = QueryInt(sql, values);
    if (!found) return found.error();
    if (*found == 0) problems.push_back(ref.problem);
  }
  std::string message = "a referenced record does not exist";
  if (!problems.empty()) message = problems.front().field + ": " + problems.front().reason;
  return MakeError(ErrorCode::kValidationFailed, message, std::move(problems));
}

Result<int64_t> SqliteStore::QueryInt(const std::string& sql, const std::vector<Value>& values) {
  auto statement = TRY(connection_->Prepare(sql));
  TRY(statement.Bind(values));
  if (!TRY(statement.Step())) return Fail(ErrorCode::kInternal, "no row from: " + sql);
  const int64_t value = statement.Int(0);
  TRY(statement.Run());
  return value;
}

Result<void> SqliteStore::Query(const std::string& sql, const std::vector<Value>& values,
                                const std::function<Result<void>(Row&)>& read) {
  auto statement = TRY(connection_->Prepare(sql));
  TRY(statement.Bind(values));
  while (TRY(statement.Step())) {
    Row row(statement);
    TRY(read(row));
  }
  return Ok();
}

Result<void> SqliteStore::Transact(const std::function<Result<void>(Store& tx)>& work) {
  auto lock = Hold();
  return InTransaction(TxKind::kWrite, [&] { return work(*this); });
}

// ---- Schema ----

Result<int> SqliteStore::SchemaVersion() {
  auto lock = Hold();
  const int64_t tables = TRY(QueryInt(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
      {}));
  if (tables == 0) return 0;
  return static_cast<int>(
      TRY(QueryInt("SELECT coalesce(max(version), 0) FROM schema_migrations", {})));
}

Result<int> SqliteStore::Migrate() {
  auto lock = Hold();
  TRY(
      connection_->Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
  const auto migrations = SqliteMigrations();
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  const int current = TRY(SchemaVersion());
  if (current > latest) {
    return Fail(ErrorCode::kInternal, "the database has schema version " + std::to_string(current) +
                                          " but this trellis only knows " + std::to_string(latest) +
                                          "; upgrade trellis");
  }
  for (const EmbeddedMigration& migration : migrations) {
    // One transaction each, so a failure leaves the database at the last good version.
    TRY(InTransaction(TxKind::kWrite, [&]() -> Result<void> {
      // Asked inside the write transaction: another process may have applied it meanwhile.
      if (TRY(QueryInt("SELECT count(*) FROM schema_migrations WHERE version = ?",
                       {Param(migration.version)})) > 0)
        return Ok();
      auto applied = connection_->Exec(std::string(migration.sql));
      if (!applied) {
        Error error = std::move(applied).error();
        error.message = "migration " + std::string(migration.name) + " failed: " + error.message;
        return Fail(std::move(error));
      }
      // Wall-clock time is right here: it records when this database was changed, and is
      // never read back by trellis itself.
      TRY(Write("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                {Param(migration.version), Param(std::chrono::system_clock::now())}));
      return Ok();
    }));
  }
  return SchemaVersion();
}

// ---- Backup and restore ----

Result<void> SqliteStore::BackUpTo(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    return Fail(ErrorCode::kConflict, path + " exists already: a backup never overwrites a file");
  auto lock = Hold();
  // VACUUM INTO reads the database inside one read transaction, so the copy is the store as
  // it stood at that moment; in WAL mode other connections go on writing meanwhile. The
  // copy is also compacted. (It runs outside any transaction, as VACUUM must.)
  auto copied = Write("VACUUM INTO ?", {Param(path)});
  if (!copied) {
    Error error = std::move(copied).error();
    return Fail(ErrorCode::kUnavailable, "cannot write the backup to " + path + ": " + error.message);
  }
  return Ok();
}

Result<void> SqliteStore::RestoreFrom(const std::string& path) {
  const int version = TRY(Connection::InspectCopy(path));
  const auto migrations = SqliteMigrations();
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (version > latest)
    return Fail(ErrorCode::kInvalidInput,
                path + " was made by a newer trellis (schema " + std::to_string(version) +
                    "; this one knows " + std::to_string(latest) + ")");
  {
    auto lock = Hold();
    TRY(connection_->CopyFrom(path));
  }
  TRY(Migrate());
  return Ok();
}

Result<void> SqliteStore::Ping() {
  auto lock = Hold();
  TRY(QueryInt("SELECT 1", {}));
  return Ok();
}

// ---- Trusts ----

Result<Trust> SqliteStore::Insert(const Trust& trust) {
  auto lock = Hold();
  TRY(Write(
      "INSERT INTO trusts (name, reference, created_at) VALUES (?, ?, ?)",
      {Param(trust.name), Param(trust.reference), Param(trust.created_at)},
      {{{"trusts.reference", {"reference", "already used by another trust", trust.reference}}},
       {}}));
  return GetTrust(TrustId(connection_->LastInsertId()));
}

Result<void> SqliteStore::Update(const Trust& trust) {
  auto lock = Hold();
  // created_at records a fact about the past and is not rewritten.
  const int64_t changed = TRY(Write(
      "UPDATE trusts SET name = ?, reference = ? WHERE id = ?",
      {Param(trust.name), Param(trust.reference), Param(trust.id)},
      {{{"trusts.reference", {"reference", "already used by another trust", trust.reference}}},
       {}}));
  if (changed == 0) return NotFound("trust");
  return Ok();
}

Result<Trust> SqliteStore::GetTrust(TrustId id) {
  auto lock = Hold();
  auto found = TRY(One(std::string("SELECT ") + kTrustColumns + " FROM trusts t WHERE t.id = ?",
                       {Param(id)}, &ReadTrust));
  if (!found) return NotFound("trust");
  return *found;
}

Result<std::vector<Trust>> SqliteStore::ListTrusts() {
  auto lock = Hold();
  std::vector<Trust> trusts;
  TRY(Query(std::string("SELECT ") + kTrustColumns + " FROM trusts t ORDER BY t.name, t.id", {},
            [&](Row& row) -> Result<void> {
              trusts.push_back(TRY(ReadTrust(row)));
              return Ok();
            }));
  return trusts;
}

// ---- Schools ----

Result<School> SqliteStore::Insert(const School& s) {
  auto lock = Hold();
  TRY(Write(
      "INSERT INTO schools (trust_id, urn, name, phase, type, status, local_authority, "
      "region, pupils, postcode, easting, northing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Param(s.trust), Param(s.urn), Param(s.name), Param(s.phase), Param(s.type), Param(s.status),
       Param(s.local_authority), Param(s.region), Param(s.pupils), Param(s.postcode),
       Param(s.easting), Param(s.northing)},
      SchoolRules(s)));
  return GetSchool(s.trust, SchoolId(connection_->LastInsertId()));
}

Result<void> SqliteStore::Update(const School& s) {
  auto lock = Hold();
  const int64_t changed = TRY(Write(
      "UPDATE schools SET urn = ?, name = ?, phase = ?, type = ?, status = ?, local_authority = ?, "
      "region = ?, pupils = ?, postcode = ?, easting = ?, northing = ? WHERE id = ? AND trust_id = "
      "?",
      {Param(s.urn), Param(s.name), Param(s.phase), Param(s.type), Param(s.status),
       Param(s.local_authority), Param(s.region), Param(s.pupils), Param(s.postcode),
       Param(s.easting), Param(s.northing), Param(s.id), Param(s.trust)},
      SchoolRules(s)));
  if (changed == 0) return NotFound("school");
  return Ok();
}

Result<School> SqliteStore::GetSchool(TrustId trust, SchoolId id) {
  auto lock = Hold();
  auto found = TRY(One(
      std::string("SELECT ") + kSchoolColumns + " FROM schools s WHERE s.id = ? AND s.trust_id = ?",
      {Param(id), Param(trust)}, &ReadSchool));
  if (!found) return NotFound("school");
  return *found;
}

Result<std::optional<School>> SqliteStore::FindSchoolByUrn(TrustId trust, int64_t urn) {
  auto lock = Hold();
  return One(std::string("SELECT ") + kSchoolColumns +
                 " FROM schools s WHERE s.trust_id = ? AND s.urn = ?",
             {Param(trust), Param(urn)}, &ReadSchool);
}

Result<Listing<School>> SqliteStore::ListSchools(const SchoolFilter& f) {
  auto lock = Hold();
  Conditions where;
  where.And("s.trust_id = ?", {Param(f.trust)});
  AndContains(where, {"s.name", "CAST(s.urn AS TEXT)"}, f.search);
  if (!f.phase.empty()) where.And("s.phase = ? COLLATE NOCASE", {Param(f.phase)});
  if (f.only) where.And("s.id IN (SELECT value FROM json_each(?))", {IdsJson(*f.only)});
  return List(kSchoolColumns, "schools s", where, "s.name COLLATE NOCASE, s.id", {}, f.page,
              &ReadSchool);
}

// ---- Bodies ----

Result<Body> SqliteStore::Insert(const Body& b) {
  auto lock = Hold();
  TRY(Write(
      "INSERT INTO bodies (trust_id, kind, name, school_id, parent_id) VALUES (?, ?, ?, ?, ?)",
      {Param(b.trust), Param(b.kind), Param(b.name), Param(b.school), Param(b.parent)},
      BodyRules(b)));
  return GetBody(b.trust, BodyId(connection_->LastInsertId()));
}

Result<void> SqliteStore::Update(const Body& b) {
  auto lock = Hold();
  const int64_t changed = TRY(Write(
      "UPDATE bodies SET kind = ?, name = ?, school_id = ?, parent_id = ? "
      "WHERE id = ? AND trust_id = ?",
      {Param(b.kind), Param(b.name), Param(b.school), Param(b.parent), Param(b.id), Param(b.trust)},
      BodyRules(b)));
  if (changed == 0) return NotFound("body");
  return Ok();
}

Result<Body> SqliteStore::GetBody(TrustId trust, BodyId id) {
  auto lock = Hold();
  auto found = TRY(One(
      std::string("SELECT ") + kBodyColumns + " FROM bodies b WHERE b.id = ? AND b.trust_id = ?",
      {Param(id), Param(trust)}, &ReadBody));
  if (!found) return NotFound("body");
  return *found;
}

Result<std::optional<Body>> SqliteStore::FindBodyByName(TrustId trust, const std::string& name) {
  auto lock = Hold();
  return One(
      std::string("SELECT ") + kBodyColumns + " FROM bodies b WHERE b.trust_id = ? AND b.name = ?",
      {Param(trust), Param(name)}, &ReadBody);
}

Result<Listing<Body>> SqliteStore::ListBodies(const BodyFilter& f) {
  auto lock = Hold();
  Conditions where;
  where.And("b.trust_id = ?", {Param(f.trust)});
  if (f.kind) where.And("b.kind = ?", {Param(*f.kind)});
  if (f.school) where.And("b.school_id = ?", {Param(*f.school)});
  if (f.only) where.And("b.id IN (SELECT value FROM json_each(?))", {IdsJson(*f.only)});
  return List(kBodyColumns, "bodies b", where,
              "(SELECT key FROM json_each(?) WHERE value = b.kind), b.name COLLATE NOCASE, b.id",
              {EnumOrderJson<org::BodyKind>()}, f.page, &ReadBody);
}

// ---- People ----

Result<Person> SqliteStore::Insert(const Person& p) {
  auto lock = Hold();
  TRY(
      Write("INSERT INTO people (trust_id, reference, given_name, family_name, email, stage, "
            "joined_trust, left_trust) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {Param(p.trust), Param(p.reference), Param(p.given_name), Param(p.family_name),
             Param(p.email), Param(p.stage), Param(p.joined_trust), Param(p.left_trust)},
            PersonRules(p)));
  return GetPerson(p.trust, PersonId(connection_->LastInsertId()));
}

Result<void> SqliteStore::Update(const Person& p) {
  auto lock = Hold();
  const int64_t changed = TRY(Write(
      "UPDATE people SET reference = ?, given_name = ?, family_name = ?, email = ?, stage = ?, "
      "joined_trust = ?, left_trust = ? WHERE id = ? AND trust_id = ?",
      {Param(p.reference), Param(p.given_name), Param(p.family_name), Param(p.email),
       Param(p.stage), Param(p.joined_trust), Param(p.left_trust), Param(p.id), Param(p.trust)},
      PersonRules(p)));
  if (changed == 0) return NotFound("person");
  return Ok();
}

Result<Person> SqliteStore::GetPerson(TrustId trust, PersonId id) {
  auto lock = Hold();
  auto found = TRY(One(std::string("SELECT ") + kPersonColumns +
                           " FROM people pe WHERE pe.id = ? AND pe.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadPerson));
  if (!found) return NotFound("person");
  return *found;
}

Result<std::optional<Person>> SqliteStore::FindPersonByReference(TrustId trust,
                                                                 const std::string& reference) {
  auto lock = Hold();
  return One(std::string("SELECT ") + kPersonColumns +
                 " FROM people pe WHERE pe.trust_id = ? AND pe.reference = ?",
             {Param(trust), Param(reference)}, &ReadPerson);
}

Result<Listing<Person>> SqliteStore::ListPeople(const PersonFilter& f) {
  auto lock = Hold();
  Conditions where;
  where.And("pe.trust_id = ?", {Param(f.trust)});
  AndContains(where,
              {"pe.given_name", "pe.family_name", "pe.given_name || ' ' || pe.family_name",
               "pe.reference", "pe.email"},
              f.search);
  if (f.school || f.family) {
    // One current post must satisfy both, so "teaching staff at X" means teaching at X.
    std::string sql =
        "EXISTS (SELECT 1 FROM holdings h JOIN posts p ON p.id = h.post_id "
        "WHERE h.person_id = pe.id AND " +
        InForce("h.start_date", "h.end_date");
    std::vector<Value> values{Param(f.today), Param(f.today)};
    if (f.school) {
      sql += " AND p.school_id = ?";
      values.push_back(Param(*f.school));
    }
    if (f.family) {
      sql += " AND p.family = ?";
      values.push_back(Param(*f.family));
    }
    where.And(sql + ")", std::move(values));
  }
  if (f.stage) where.And("pe.stage = ?", {Param(*f.stage)});
  if (f.only) where.And("pe.id IN (SELECT value FROM json_each(?))", {IdsJson(*f.only)});
  if (!f.include_leavers)
    where.And("(pe.left_trust IS NULL OR pe.left_trust > ?)", {Param(f.today)});
  return List(kPersonColumns, "people pe", where,
              "pe.family_name COLLATE NOCASE, pe.given_name COLLATE NOCASE, pe.reference, pe.id",
              {}, f.page, &ReadPerson);
}

// ---- Posts ----

Result<Post> SqliteStore::Insert(const Post& p) {
  auto lock = Hold();
  TRY(Write(
      "INSERT INTO posts (trust_id, reference, title, school_id, body_id, family, stage, "
      "workforce_census_role, fte, is_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Param(p.trust), Param(p.reference), Param(p.title), Param(p.school), Param(p.body),
       Param(p.family), Param(p.stage), Param(p.workforce_census_role), Param(p.fte), Param(p.key)},
      PostRules(p)));
  return GetPost(p.trust, PostId(connection_->LastInsertId()));
}

Result<void> SqliteStore::Update(const Post& p) {
  auto lock = Hold();
  const int64_t changed = TRY(Write(
      "UPDATE posts SET reference = ?, title = ?, school_id = ?, body_id = ?, family = ?, "
      "stage = ?, workforce_census_role = ?, fte = ?, is_key = ? WHERE id = ? AND trust_id = ?",
      {Param(p.reference), Param(p.title), Param(p.school), Param(p.body), Param(p.family),
       Param(p.stage), Param(p.workforce_census_role), Param(p.fte), Param(p.key), Param(p.id),
       Param(p.trust)},
      PostRules(p)));
  if (changed == 0) return NotFound("post");
  return Ok();
}

Result<Post> SqliteStore::GetPost(TrustId trust, PostId id) {
  auto lock = Hold();
  auto found = TRY(
      One(std::string("SELECT ") + kPostColumns + " FROM posts p WHERE p.id = ? AND p.trust_id = ?",
          {Param(id), Param(trust)}, &ReadPost));
  if (!found) return NotFound("post");
  return *found;
}

Result<std::optional<Post>> SqliteStore::FindPostByReference(TrustId trust,
                                                             const std::string& reference) {
  auto lock = Hold();
  return One(std::string("SELECT ") + kPostColumns +
                 " FROM posts p WHERE p.trust_id = ? AND p.reference = ?",
             {Param(trust), Param(reference)}, &ReadPost);
}

Result<Listing<Post>> SqliteStore::ListPosts(const PostFilter& f) {
  auto lock = Hold();
  Conditions where;
  where.And("p.trust_id = ?", {Param(f.trust)});
  AndContains(where, {"p.title", "p.reference"}, f.search);
  if (f.school) where.And("p.school_id = ?", {Param(*f.school)});
  if (f.body) where.And("p.body_id = ?", {Param(*f.body)});
  if (f.family) where.And("p.family = ?", {Param(*f.family)});
  if (f.key) where.And("p.is_key = ?", {Param(*f.key)});
  if (f.vacant) {
    const std::string held = "EXISTS (SELECT 1 FROM holdings h WHERE h.post_id = p.id AND " +
                             InForce("h.start_date", "h.end_date") + ")";
    where.And(*f.vacant ? "NOT " + held : held, {Param(f.today), Param(f.today)});
  }
  if (f.only) where.And("p.id IN (SELECT value FROM json_each(?))", {IdsJson(*f.only)});
  return List(kPostColumns, "posts p", where, "p.title COLLATE NOCASE, p.reference, p.id", {},
              f.page, &ReadPost);
}

// ---- Holdings ----

Result<Holding> SqliteStore::Insert(const Holding& h) {
  auto lock = Hold();
  TRY(
      Write("INSERT INTO holdings (trust_id, post_id, person_id, start_date, end_date, contract, "
            "fte) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {Param(h.trust), Param(h.post), Param(h.person), Param(h.start), Param(h.end),
             Param(h.contract), Param(h.fte)},
            HoldingRules(h)));
  return GetHolding(h.trust, HoldingId(connection_->LastInsertId()));
}

Result<void> SqliteStore::Update(const Holding& h) {
  auto lock = Hold();
  const int64_t changed =
      TRY(Write("UPDATE holdings SET post_id = ?, person_id = ?, start_date = ?, end_date = ?, "
                "contract = ?, fte = ? WHERE id = ? AND trust_id = ?",
                {Param(h.post), Param(h.person), Param(h.start), Param(h.end), Param(h.contract),
                 Param(h.fte), Param(h.id), Param(h.trust)},
                HoldingRules(h)));
  if (changed == 0) return NotFound("holding");
  return Ok();
}

Result<Holding> SqliteStore::GetHolding(TrustId trust, HoldingId id) {
  auto lock = Hold();
  auto found = TRY(One(std::string("SELECT ") + kHoldingColumns +
                           " FROM holdings h WHERE h.id = ? AND h.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadHolding));
  if (!found) return NotFound("holding");
  return *found;
}

Result<Listing<Holding>> SqliteStore::ListHoldings(const HoldingFilter& f) {
  auto lock = Hold();
  Conditions where;
  where.And("h.trust_id = ?", {Param(f.trust)});
  if (f.post) where.And("h.post_id = ?", {Param(*f.post)});
  if (f.person) where.And("h.person_id = ?", {Param(*f.person)});
  if (f.school) where.And("p.school_id = ?", {Param(*f.school)});
  if (f.current_on)
    where.And(InForce("h.start_date", "h.end_date"), {Param(*f.current_on), Param(*f.current_on)});
  return List(kHoldingColumns, "holdings h JOIN posts p ON p.id = h.post_id", where,
              "h.start_date DESC, h.id DESC", {}, f.page, &ReadHolding);
}

// ---- Memberships ----

Result<Membership> SqliteStore::Insert(const Membership& m) {
  auto lock = Hold();
  TRY(
      Write("INSERT INTO memberships (trust_id, body_id, person_id, role, term_start, term_end) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {Param(m.trust), Param(m.body), Param(m.person), Param(m.role), Param(m.term_start),
             Param(m.term_end)},
            MembershipRules(m)));
  return GetMembership(m.trust, MembershipId(connection_->LastInsertId()));
}

Result<void> SqliteStore::Update(const Membership& m) {
  auto lock = Hold();
  const int64_t changed =
      TRY(Write("UPDATE memberships SET body_id = ?, person_id = ?, role = ?, term_start = ?, "
                "term_end = ? WHERE id = ? AND trust_id = ?",
                {Param(m.body), Param(m.person), Param(m.role), Param(m.term_start),
                 Param(m.term_end), Param(m.id), Param(m.trust)},
                MembershipRules(m)));
  if (changed == 0) return NotFound("membership");
  return Ok();
}

Result<Membership> SqliteStore::GetMembership(TrustId trust, MembershipId id) {
  auto lock = Hold();
  auto found = TRY(One(std::string("SELECT ") + kMembershipColumns +
                           " FROM memberships m WHERE m.id = ? AND m.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadMembership));
  if (!found) return NotFound("membership");
  return *found;
}

Result<Listing<Membership>> SqliteStore::ListMemberships(const MembershipFilter& f) {
  auto lock = Hold();
  Conditions where;
  where.And("m.trust_id = ?", {Param(f.trust)});
  if (f.body) where.And("m.body_id = ?", {Param(*f.body)});
  if (f.person) where.And("m.person_id = ?", {Param(*f.person)});
  if (f.current_on)
    where.And(InForce("m.term_start", "m.term_end"), {Param(*f.current_on), Param(*f.current_on)});
  return List(kMembershipColumns, "memberships m", where, "m.term_start DESC, m.id DESC", {},
              f.page, &ReadMembership);
}

// ---- Line management ----

Result<LineLink> SqliteStore::Insert(const LineLink& l) {
  auto lock = Hold();
  TRY(
      Write("INSERT INTO line_links (trust_id, manager_id, report_id, start_date, end_date) "
            "VALUES (?, ?, ?, ?, ?)",
            {Param(l.trust), Param(l.manager), Param(l.report), Param(l.start), Param(l.end)},
            LineLinkRules(l)));
  return GetLineLink(l.trust, LineLinkId(connection_->LastInsertId()));
}

Result<void> SqliteStore::Update(const LineLink& l) {
  auto lock = Hold();
  const int64_t changed =
      TRY(Write("UPDATE line_links SET manager_id = ?, report_id = ?, start_date = ?, end_date = ? "
                "WHERE id = ? AND trust_id = ?",
                {Param(l.manager), Param(l.report), Param(l.start), Param(l.end), Param(l.id),
                 Param(l.trust)},
                LineLinkRules(l)));
  if (changed == 0) return NotFound("line link");
  return Ok();
}

Result<LineLink> SqliteStore::GetLineLink(TrustId trust, LineLinkId id) {
  auto lock = Hold();
  auto found = TRY(One(std::string("SELECT ") + kLineLinkColumns +
                           " FROM line_links l WHERE l.id = ? AND l.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadLineLink));
  if (!found) return NotFound("line link");
  return *found;
}

Result<Listing<LineLink>> SqliteStore::ListLineLinks(const LineLinkFilter& f) {
  auto lock = Hold();
  Conditions where;
  where.And("l.trust_id = ?", {Param(f.trust)});
  if (f.manager) where.And("l.manager_id = ?", {Param(*f.manager)});
  if (f.report) where.And("l.report_id = ?", {Param(*f.report)});
  if (f.current_on)
    where.And(InForce("l.start_date", "l.end_date"), {Param(*f.current_on), Param(*f.current_on)});
  return List(kLineLinkColumns, "line_links l", where, "l.start_date DESC, l.id DESC", {}, f.page,
              &ReadLineLink);
}

// ---- Figures ----

Result<std::vector<HeadcountCell>> SqliteStore::Headcount(
    TrustId trust, std::optional<std::vector<SchoolId>> schools, Date today) {
  auto lock = Hold();
  // `current`: each person with a post in force today (in the schools asked about), with the
  // position of their first family in enum order.
  std::string sql =
      "WITH current AS ("
      " SELECT h.person_id AS person_id,"
      "  min((SELECT key FROM json_each(?) WHERE value = p.family)) AS family_rank"
      " FROM holdings h JOIN posts p ON p.id = h.post_id"
      " WHERE h.trust_id = ? AND " +
      InForce("h.start_date", "h.end_date");
  std::vector<Value> values{EnumOrderJson<org::RoleFamily>(), Param(trust), Param(today),
                            Param(today)};
  if (schools) {
    sql += " AND p.school_id IN (SELECT value FROM json_each(?))";
    values.push_back(IdsJson(*schools));
  }
  sql +=
      " GROUP BY h.person_id)"
      " SELECT pe.stage, c.family_rank, count(*) FROM current c"
      " JOIN people pe ON pe.id = c.person_id"
      " WHERE pe.left_trust IS NULL OR pe.left_trust > ?"
      " GROUP BY pe.stage, c.family_rank";
  values.push_back(Param(today));

  const auto families = EnumNames<org::RoleFamily>();
  std::vector<HeadcountCell> cells;
  TRY(Query(sql, values, [&](Row& row) -> Result<void> {
    HeadcountCell cell;
    cell.stage = TRY(row.OptEnum<org::CareerStage>());
    if (auto rank = row.OptInt();
        rank && *rank >= 0 && *rank < static_cast<int64_t>(families.size())) {
      cell.family = families[static_cast<size_t>(*rank)].value;
    }
    cell.people = row.Int();
    cells.push_back(cell);
    return Ok();
  }));
  // Ladder order, with "not recorded" last; then family order.
  std::sort(cells.begin(), cells.end(), [](const HeadcountCell& a, const HeadcountCell& b) {
    auto key = [](const HeadcountCell& c) {
      return std::tuple(!c.stage.has_value(), c.stage.value_or(org::CareerStage{}),
                        !c.family.has_value(), c.family.value_or(org::RoleFamily{}));
    };
    return key(a) < key(b);
  });
  return cells;
}

Result<KeyPostCounts> SqliteStore::CountKeyPosts(TrustId trust,
                                                 std::optional<std::vector<SchoolId>> schools,
                                                 Date today) {
  auto lock = Hold();
  std::string sql =
      "SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM holdings h WHERE h.post_id = p.id"
      " AND " +
      InForce("h.start_date", "h.end_date") +
      ")), 0) FROM posts p WHERE p.trust_id = ? AND p.is_key = 1";
  std::vector<Value> values{Param(today), Param(today), Param(trust)};
  if (schools) {
    sql += " AND p.school_id IN (SELECT value FROM json_each(?))";
    values.push_back(IdsJson(*schools));
  }
  KeyPostCounts counts;
  TRY(Query(sql, values, [&](Row& row) -> Result<void> {
    counts.key_posts = row.Int();
    counts.held = row.Int();
    return Ok();
  }));
  counts.vacant = counts.key_posts - counts.held;
  return counts;
}

}  // namespace trellis::store::sqlite
