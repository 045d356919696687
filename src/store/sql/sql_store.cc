#include "store/sql/sql_store.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <unordered_map>

#include "store/migrations/embedded.h"

namespace trellis::store::sql {
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

// org::InForce in SQL: start <= ? AND (end IS NULL OR ? < end). Bind the day twice.
std::string InForce(std::string_view start, std::string_view end) {
  const std::string e(end);
  return std::string(start) + " <= ? AND (" + e + " IS NULL OR ? < " + e + ")";
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

void AndContains(const Connection& connection, Conditions& where,
                 std::initializer_list<std::string_view> columns, const std::string& needle) {
  if (needle.empty()) return;
  std::string sql = "(";
  std::vector<Value> values;
  for (std::string_view column : columns) {
    if (values.size() > 0) sql += " OR ";
    sql += connection.Contains(column);
    values.push_back(needle);
  }
  where.And(sql + ")", std::move(values));
}

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

std::string ValuesList(size_t rows, size_t columns) {
  std::string row = "(";
  for (size_t c = 0; c < columns; ++c) row += c == 0 ? "?" : ", ?";
  row += ")";
  std::string list;
  list.reserve(rows * (row.size() + 2));
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) list += ", ";
    list += row;
  }
  return list;
}

tl::unexpected<Error> NotFound(std::string_view what) {
  return Fail(ErrorCode::kNotFound, std::string(what) + " not found");
}

Result<void> CheckPage(Page page) {
  if (page.limit < 0 || page.offset < 0)
    return Fail(ErrorCode::kInvalidInput, "page limit and offset must not be negative");
  return Ok();
}

Result<void> SqlStore::InTransaction(TxKind kind, const std::function<Result<void>()>& body) {
  ConnectionPool::Slot& slot = pool_.Held();
  Connection& connection = *slot.connection;
  const bool outermost = slot.depth == 0;
  // The savepoint's name is built from our own counter, never from input.
  const std::string savepoint = "trellis_" + std::to_string(slot.depth);
  if (outermost) {
    slot.changed_data = false;
    TRY(connection.Exec(std::string(kind == TxKind::kWrite ? connection.BeginWrite()
                                                           : connection.BeginRead())));
  } else {
    TRY(connection.Exec("SAVEPOINT " + savepoint));
  }
  ++slot.depth;
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
  --slot.depth;
  if (result && outermost && slot.changed_data) {
    // In the transaction that changed the data, so no reader sees the change without the new
    // version (store.h, DataVersion).
    result = connection.Exec("UPDATE data_version SET version = version + 1");
  }
  if (outermost) slot.changed_data = false;
  if (result) {
    result = connection.Exec(outermost ? "COMMIT" : "RELEASE " + savepoint);
    if (result) return Ok();
  }
  // Undo the work (a failed COMMIT leaves the transaction open, so this covers it too). A
  // failure here means the database has already rolled back by itself; the error to report
  // is the one that got us here.
  auto undone = connection.Exec(outermost ? "ROLLBACK"
                                          : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
  static_cast<void>(undone);
  return result;
}

Result<int64_t> SqlStore::Write(const std::string& sql, const std::vector<Value>& values,
                                const WriteRules& rules) {
  return RunWrite(sql, values, rules, false);
}

Result<int64_t> SqlStore::InsertRow(const std::string& sql, const std::vector<Value>& values,
                                    const WriteRules& rules) {
  return RunWrite(sql + " RETURNING id", values, rules, true);
}

bool AdvancesDataVersion(std::string_view sql) {
  // The table a write names: INSERT INTO t, UPDATE t, DELETE FROM t.
  std::string_view rest = sql;
  for (std::string_view verb : {"INSERT INTO ", "UPDATE ", "DELETE FROM "}) {
    if (rest.starts_with(verb)) {
      rest.remove_prefix(verb.size());
      break;
    }
  }
  const std::string_view table = rest.substr(0, rest.find_first_of(" (\n"));
  // A session ended (signed out, expired, a password changed) must be seen by every server
  // that keeps it signed in (access::Authenticator); starting or touching one need not.
  if (table == "sessions") return sql.starts_with("DELETE FROM ");
  // privacy_guard opens the audit log to redaction for a moment; retention_runs records
  // which day's retention run a server has claimed; read_journals how far each server's
  // journal of read records has been moved: none is data anything is computed from.
  for (std::string_view bookkeeping :
       {"audit_log", "audit_runs", "sessions", "sign_in_failures", "pending_sign_ins",
        "privacy_guard", "retention_runs", "read_journals", "schema_migrations", "data_version"}) {
    if (table == bookkeeping) return false;
  }
  return true;  // anything else, including what a later table adds: a change of data
}

void SqlStore::NoteWrite(std::string_view sql) {
  if (AdvancesDataVersion(sql)) pool_.Held().changed_data = true;
}

Result<int64_t> SqlStore::RunWrite(const std::string& sql, const std::vector<Value>& values,
                                   const WriteRules& rules, bool returning_id) {
  ConnectionPool::Slot& slot = pool_.Held();
  Connection& connection = *slot.connection;
  // The statement itself: the rows changed, or the new row's id.
  auto execute = [&]() -> Result<int64_t> {
    if (!returning_id) return connection.Execute(sql, values);
    std::optional<int64_t> id;
    TRY(connection.Query(sql, values, [&](const Cursor& row) -> Result<void> {
      id = row.Int(0);
      return Ok();
    }));
    if (!id) return Fail(ErrorCode::kInternal, "no id returned by: " + sql);
    return *id;
  };
  const bool trust_data = AdvancesDataVersion(sql);
  Result<int64_t> done = 0;
  if (slot.depth == 0 && trust_data) {
    // A change of data on its own commits with the data version's increase, in a transaction
    // of its own; a refusal undoes that whole, so the statement needs no savepoint, and it is
    // explained below once the transaction has gone.
    auto committed = InTransaction(TxKind::kWrite, [&]() -> Result<void> {
      done = execute();
      if (!done) return Fail(done.error());
      // A statement that changed no row (signing out twice) changed nothing to version.
      slot.changed_data = *done > 0;
      return Ok();
    });
    if (!committed && done) return Fail(std::move(committed).error());  // the commit failed
  } else {
    // Where a refused statement spoils its transaction, a savepoint keeps the rest usable:
    // for the explanation's own reads below, and for work that handles the refusal and goes on.
    const bool guarded = slot.depth > 0 && connection.FailedStatementAbortsTransaction();
    if (guarded) TRY(connection.Exec("SAVEPOINT trellis_write"));
    done = execute();
    if (guarded) {
      TRY(connection.Exec(done ? "RELEASE trellis_write"
                               : "ROLLBACK TO trellis_write; RELEASE trellis_write"));
    }
    if (done && trust_data && *done > 0) slot.changed_data = true;
  }
  if (done) return done;
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

Result<void> SqlStore::WriteMany(const std::function<Result<void>()>& work) {
  if (pool_.Held().depth > 0) return work();
  return InTransaction(TxKind::kWrite, work);
}

Result<void> SqlStore::QueryWrite(const std::string& sql, const std::vector<Value>& values,
                                  const std::function<Result<void>(const Cursor&)>& row) {
  ConnectionPool::Slot& slot = pool_.Held();
  Connection& connection = *slot.connection;
  const bool guarded = slot.depth > 0 && connection.FailedStatementAbortsTransaction();
  if (guarded) TRY(connection.Exec("SAVEPOINT trellis_write"));
  Result<void> done = connection.Query(sql, values, row);
  if (guarded) {
    TRY(connection.Exec(done ? "RELEASE trellis_write"
                             : "ROLLBACK TO trellis_write; RELEASE trellis_write"));
  }
  if (done) NoteWrite(sql);
  return done;
}

Error SqlStore::ExplainForeignKey(const WriteRules& rules) {
  // Databases do not reliably say which foreign key failed, so look for each referenced row.
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

Result<int64_t> SqlStore::QueryInt(const std::string& sql, const std::vector<Value>& values) {
  std::optional<int64_t> value;
  TRY(Conn().Query(sql, values, [&](const Cursor& row) -> Result<void> {
    if (!value) value = row.Int(0);
    return Ok();
  }));
  if (!value) return Fail(ErrorCode::kInternal, "no row from: " + sql);
  return *value;
}

Result<void> SqlStore::Query(const std::string& sql, const std::vector<Value>& values,
                             const std::function<Result<void>(Row&)>& read) {
  return Conn().Query(sql, values, [&](const Cursor& cursor) -> Result<void> {
    Row row(cursor);
    return read(row);
  });
}

Result<void> SqlStore::Transact(const std::function<Result<void>(Store& tx)>& work) {
  auto lease = TRY(Hold());
  return InTransaction(TxKind::kWrite, [&] { return work(*this); });
}

// ---- Schema ----

Result<int> SqlStore::SchemaVersion() {
  auto lease = TRY(Hold());
  if (!TRY(Conn().HasTable("schema_migrations"))) return 0;
  return static_cast<int>(
      TRY(QueryInt("SELECT coalesce(max(version), 0) FROM schema_migrations", {})));
}

Result<int> SqlStore::Migrate() {
  auto lease = TRY(Hold());
  Connection& connection = Conn();
  // Each step takes the migration lock first, so processes starting at once take turns.
  const auto locked = [&]() -> Result<void> {
    if (!connection.MigrationLock().empty())
      TRY(connection.Exec(std::string(connection.MigrationLock())));
    return Ok();
  };
  TRY(InTransaction(TxKind::kWrite, [&]() -> Result<void> {
    TRY(locked());
    return connection.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  }));
  const auto migrations = connection.Migrations();
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
      TRY(locked());
      // Asked inside the write transaction: another process may have applied it meanwhile.
      if (TRY(QueryInt("SELECT count(*) FROM schema_migrations WHERE version = ?",
                       {Param(migration.version)})) > 0)
        return Ok();
      auto applied = connection.Exec(std::string(migration.sql));
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

Result<void> SqlStore::BackUpTo(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    return Fail(ErrorCode::kConflict, path + " exists already: a backup never overwrites a file");
  auto lease = TRY(Hold());
  return Conn().BackUpTo(path);
}

Result<void> SqlStore::RestoreFrom(const std::string& path) {
  std::optional<int64_t> before;  // the data version before, when the store had one
  {
    auto lease = TRY(Hold());
    Connection& connection = Conn();
    const int version = TRY(connection.InspectCopy(path));
    const auto migrations = connection.Migrations();
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (version > latest)
      return Fail(ErrorCode::kInvalidInput,
                  path + " was made by a newer trellis (schema " + std::to_string(version) +
                      "; this one knows " + std::to_string(latest) + ")");
    // Caches elsewhere hold what they computed against the version before the restore; the
    // restored data must have a version none of them has seen, whatever the copy's own.
    if (TRY(connection.HasTable("data_version")))
      before = TRY(QueryInt("SELECT version FROM data_version", {}));
    TRY(connection.CopyFrom(path));
  }
  TRY(Migrate());  // creates data_version at 0 in a copy made before it existed
  if (!before) return Ok();
  auto lease = TRY(Hold());
  return InTransaction(TxKind::kWrite, [&]() -> Result<void> {
    const int64_t restored = TRY(QueryInt("SELECT version FROM data_version", {}));
    TRY(Write("UPDATE data_version SET version = ?", {std::max(*before, restored) + 1}));
    return Ok();
  });
}

Result<int64_t> SqlStore::DataVersion() {
  // Inside a transaction, on its own connection: the version of what it sees.
  if (pool_.HeldHere()) return ReadDataVersion();
  return version_reads_.Get();
}

Result<int64_t> SqlStore::ReadDataVersion() {
  auto lease = TRY(Hold());
  return QueryInt("SELECT version FROM data_version", {});
}

Result<void> SqlStore::Ping() {
  auto lease = TRY(Hold());
  TRY(QueryInt("SELECT 1", {}));
  return Ok();
}

// ---- Trusts ----

Result<Trust> SqlStore::Insert(const Trust& trust) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(InsertRow(
      "INSERT INTO trusts (name, reference, created_at) VALUES (?, ?, ?)",
      {Param(trust.name), Param(trust.reference), Param(trust.created_at)},
      {{{"trusts.reference", {"reference", "already used by another trust", trust.reference}}},
       {}}));
  return GetTrust(TrustId(new_id));
}

Result<void> SqlStore::Update(const Trust& trust) {
  auto lease = TRY(Hold());
  // created_at records a fact about the past and is not rewritten.
  const int64_t changed = TRY(Write(
      "UPDATE trusts SET name = ?, reference = ? WHERE id = ?",
      {Param(trust.name), Param(trust.reference), Param(trust.id)},
      {{{"trusts.reference", {"reference", "already used by another trust", trust.reference}}},
       {}}));
  if (changed == 0) return NotFound("trust");
  return Ok();
}

Result<Trust> SqlStore::GetTrust(TrustId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kTrustColumns + " FROM trusts t WHERE t.id = ?",
                       {Param(id)}, &ReadTrust));
  if (!found) return NotFound("trust");
  return *found;
}

Result<std::vector<Trust>> SqlStore::ListTrusts() {
  auto lease = TRY(Hold());
  std::vector<Trust> trusts;
  TRY(Query(std::string("SELECT ") + kTrustColumns + " FROM trusts t ORDER BY t.name, t.id", {},
            [&](Row& row) -> Result<void> {
              trusts.push_back(TRY(ReadTrust(row)));
              return Ok();
            }));
  return trusts;
}

// ---- Schools ----

Result<School> SqlStore::Insert(const School& s) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(InsertRow(
      "INSERT INTO schools (trust_id, urn, name, phase, type, status, local_authority, "
      "region, pupils, postcode, easting, northing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Param(s.trust), Param(s.urn), Param(s.name), Param(s.phase), Param(s.type), Param(s.status),
       Param(s.local_authority), Param(s.region), Param(s.pupils), Param(s.postcode),
       Param(s.easting), Param(s.northing)},
      SchoolRules(s)));
  return GetSchool(s.trust, SchoolId(new_id));
}

Result<void> SqlStore::Update(const School& s) {
  auto lease = TRY(Hold());
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

Result<School> SqlStore::GetSchool(TrustId trust, SchoolId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(
      std::string("SELECT ") + kSchoolColumns + " FROM schools s WHERE s.id = ? AND s.trust_id = ?",
      {Param(id), Param(trust)}, &ReadSchool));
  if (!found) return NotFound("school");
  return *found;
}

Result<std::optional<School>> SqlStore::FindSchoolByUrn(TrustId trust, int64_t urn) {
  auto lease = TRY(Hold());
  return One(std::string("SELECT ") + kSchoolColumns +
                 " FROM schools s WHERE s.trust_id = ? AND s.urn = ?",
             {Param(trust), Param(urn)}, &ReadSchool);
}

Result<Listing<School>> SqlStore::ListSchools(const SchoolFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("s.trust_id = ?", {Param(f.trust)});
  AndContains(Conn(), where, {"s.name", "CAST(s.urn AS TEXT)"}, f.search);
  if (!f.phase.empty()) where.And(Conn().NoCase("s.phase") + " = " + Conn().NoCase("?"), {Param(f.phase)});
  if (f.only) where.And(Conn().InIds("s.id"), {IdsJson(*f.only)});
  return List(kSchoolColumns, "schools s", where, Conn().NoCase("s.name") + ", s.id", {}, f.page,
              &ReadSchool);
}

// ---- Bodies ----

Result<Body> SqlStore::Insert(const Body& b) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(InsertRow(
      "INSERT INTO bodies (trust_id, kind, name, school_id, parent_id) VALUES (?, ?, ?, ?, ?)",
      {Param(b.trust), Param(b.kind), Param(b.name), Param(b.school), Param(b.parent)},
      BodyRules(b)));
  return GetBody(b.trust, BodyId(new_id));
}

Result<void> SqlStore::Update(const Body& b) {
  auto lease = TRY(Hold());
  const int64_t changed = TRY(Write(
      "UPDATE bodies SET kind = ?, name = ?, school_id = ?, parent_id = ? "
      "WHERE id = ? AND trust_id = ?",
      {Param(b.kind), Param(b.name), Param(b.school), Param(b.parent), Param(b.id), Param(b.trust)},
      BodyRules(b)));
  if (changed == 0) return NotFound("body");
  return Ok();
}

Result<Body> SqlStore::GetBody(TrustId trust, BodyId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(
      std::string("SELECT ") + kBodyColumns + " FROM bodies b WHERE b.id = ? AND b.trust_id = ?",
      {Param(id), Param(trust)}, &ReadBody));
  if (!found) return NotFound("body");
  return *found;
}

Result<std::optional<Body>> SqlStore::FindBodyByName(TrustId trust, const std::string& name) {
  auto lease = TRY(Hold());
  return One(
      std::string("SELECT ") + kBodyColumns + " FROM bodies b WHERE b.trust_id = ? AND b.name = ?",
      {Param(trust), Param(name)}, &ReadBody);
}

Result<Listing<Body>> SqlStore::ListBodies(const BodyFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("b.trust_id = ?", {Param(f.trust)});
  if (f.kind) where.And("b.kind = ?", {Param(*f.kind)});
  if (f.school) where.And("b.school_id = ?", {Param(*f.school)});
  if (f.only) where.And(Conn().InIds("b.id"), {IdsJson(*f.only)});
  return List(kBodyColumns, "bodies b", where,
              EnumOrder<org::BodyKind>("b.kind") + ", " + Conn().NoCase("b.name") + ", b.id", {},
              f.page, &ReadBody);
}

// ---- People ----

Result<Person> SqlStore::Insert(const Person& p) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO people (trust_id, reference, given_name, family_name, email, stage, "
            "joined_trust, left_trust) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {Param(p.trust), Param(p.reference), Param(p.given_name), Param(p.family_name),
             Param(p.email), Param(p.stage), Param(p.joined_trust), Param(p.left_trust)},
            PersonRules(p)));
  // Every field is stored as given, so the stored record is `p` with its new id: no read
  // back (an import of a million people inserts a million).
  Person stored = p;
  stored.id = PersonId(new_id);
  return stored;
}

Result<std::vector<PersonId>> SqlStore::InsertMany(std::span<const Person> people) {
  auto lease = TRY(Hold());
  std::vector<PersonId> ids(people.size());
  TRY(WriteMany([&]() -> Result<void> {
    // Where the database numbers new rows one past the largest id (SQLite), each statement's
    // rows took the ids after the largest before it, in order: checked by the last id, they
    // need not be returned (RETURNING was a tenth of a national import's writing).
    std::optional<int64_t> top;
    if (Conn().LastNumberedId()) {
      TRY(Query("SELECT coalesce(max(id), 0) FROM people", {}, [&](Row& row) -> Result<void> {
        top = row.Int();
        return Ok();
      }));
    }
    const std::string sql =
        "INSERT INTO people (trust_id, reference, given_name, family_name, email, stage, "
        "joined_trust, left_trust) VALUES " +
        ValuesList(kRowsPerStatement, 8) + (top ? "" : " RETURNING id, trust_id, reference");
    std::vector<Value> values;
    values.reserve(kRowsPerStatement * 8);
    size_t first = 0;
    for (; first + kRowsPerStatement <= people.size(); first += kRowsPerStatement) {
      const auto batch = people.subspan(first, kRowsPerStatement);
      values.clear();
      for (const Person& p : batch) {
        // The people outlive the statement: their texts are bound where they lie.
        values.push_back(Param(p.trust));
        values.push_back(Borrow(p.reference));
        values.push_back(Borrow(p.given_name));
        values.push_back(Borrow(p.family_name));
        values.push_back(Borrow(p.email));
        values.push_back(Param(p.stage));
        values.push_back(Param(p.joined_trust));
        values.push_back(Param(p.left_trust));
      }
      // Each returned row to its person by trust and reference (unique together). Both
      // databases return rows in the order given, which is tried first; the order is not
      // promised, so any other is searched for.
      size_t returned = 0;
      auto inserted = QueryWrite(sql, values, [&](const Cursor& row) -> Result<void> {
        auto is = [&](size_t i) {
          return batch[i].trust.value() == row.Int(1) && batch[i].reference == row.Text(2);
        };
        size_t at = returned < batch.size() && is(returned) ? returned : batch.size();
        for (size_t i = 0; at == batch.size() && i < batch.size(); ++i)
          if (is(i)) at = i;
        if (at == batch.size())
          return Fail(ErrorCode::kInternal, "an inserted person was not one of those given");
        ids[first + at] = PersonId(row.Int(0));
        ++returned;
        return Ok();
      });
      if (!inserted) {
        // Which person, and why, as Insert explains it (the statement changed nothing).
        for (const Person& p : batch) TRY(Insert(p));
        return Fail(std::move(inserted).error());
      }
      if (top) {
        for (size_t i = 0; i < kRowsPerStatement; ++i) ids[first + i] = PersonId(++*top);
        // The last id says the rows took the ids after the largest; the first, read back
        // once a call, that they took them in the order given.
        bool in_order = Conn().LastNumberedId() == top;
        if (in_order && first == 0) {
          const auto stored =
              TRY(FindPersonByReference(batch.front().trust, batch.front().reference));
          in_order = stored && stored->id == ids.front();
        }
        if (!in_order)
          return Fail(ErrorCode::kInternal, "the people inserted were not numbered in order");
      } else if (returned != kRowsPerStatement) {
        return Fail(ErrorCode::kInternal, "not every person inserted was returned");
      }
    }
    // The rest one by one, so that only one statement's text is ever prepared.
    for (; first < people.size(); ++first) ids[first] = TRY(Insert(people[first])).id;
    return Ok();
  }));
  return ids;
}

Result<void> SqlStore::Update(const Person& p) {
  auto lease = TRY(Hold());
  const int64_t changed = TRY(Write(
      "UPDATE people SET reference = ?, given_name = ?, family_name = ?, email = ?, stage = ?, "
      "joined_trust = ?, left_trust = ? WHERE id = ? AND trust_id = ?",
      {Param(p.reference), Param(p.given_name), Param(p.family_name), Param(p.email),
       Param(p.stage), Param(p.joined_trust), Param(p.left_trust), Param(p.id), Param(p.trust)},
      PersonRules(p)));
  if (changed == 0) return NotFound("person");
  return Ok();
}

Result<Person> SqlStore::GetPerson(TrustId trust, PersonId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kPersonColumns +
                           " FROM people pe WHERE pe.id = ? AND pe.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadPerson));
  if (!found) return NotFound("person");
  return *found;
}

Result<std::optional<Person>> SqlStore::FindPersonByReference(TrustId trust,
                                                                 const std::string& reference) {
  auto lease = TRY(Hold());
  return One(std::string("SELECT ") + kPersonColumns +
                 " FROM people pe WHERE pe.trust_id = ? AND pe.reference = ?",
             {Param(trust), Param(reference)}, &ReadPerson);
}

Result<Listing<Person>> SqlStore::ListPeople(const PersonFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("pe.trust_id = ?", {Param(f.trust)});
  AndContains(Conn(), where,
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
  if (f.only) where.And(Conn().InIds("pe.id"), {IdsJson(*f.only)});
  if (!f.include_leavers && !f.left_by)
    where.And("(pe.left_trust IS NULL OR pe.left_trust > ?)", {Param(f.today)});
  if (f.left_by)
    where.And("pe.left_trust IS NOT NULL AND pe.left_trust <= ?", {Param(*f.left_by)});
  if (f.erased)
    where.And(std::string(*f.erased ? "" : "NOT ") +
              "EXISTS (SELECT 1 FROM person_erasures er WHERE er.trust_id = pe.trust_id AND "
              "er.person_id = pe.id)");
  return List(kPersonColumns, "people pe", where,
              Conn().NoCase("pe.family_name") + ", " + Conn().NoCase("pe.given_name") +
                  ", pe.reference, pe.id",
              {}, f.page, &ReadPerson);
}

// ---- Posts ----

Result<Post> SqlStore::Insert(const Post& p) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(InsertRow(
      "INSERT INTO posts (trust_id, reference, title, school_id, body_id, family, stage, "
      "workforce_census_role, fte, is_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Param(p.trust), Param(p.reference), Param(p.title), Param(p.school), Param(p.body),
       Param(p.family), Param(p.stage), Param(p.workforce_census_role), Param(p.fte), Param(p.key)},
      PostRules(p)));
  return GetPost(p.trust, PostId(new_id));
}

Result<void> SqlStore::Update(const Post& p) {
  auto lease = TRY(Hold());
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

Result<Post> SqlStore::GetPost(TrustId trust, PostId id) {
  auto lease = TRY(Hold());
  auto found = TRY(
      One(std::string("SELECT ") + kPostColumns + " FROM posts p WHERE p.id = ? AND p.trust_id = ?",
          {Param(id), Param(trust)}, &ReadPost));
  if (!found) return NotFound("post");
  return *found;
}

Result<std::optional<Post>> SqlStore::FindPostByReference(TrustId trust,
                                                             const std::string& reference) {
  auto lease = TRY(Hold());
  return One(std::string("SELECT ") + kPostColumns +
                 " FROM posts p WHERE p.trust_id = ? AND p.reference = ?",
             {Param(trust), Param(reference)}, &ReadPost);
}

Result<Listing<Post>> SqlStore::ListPosts(const PostFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("p.trust_id = ?", {Param(f.trust)});
  AndContains(Conn(), where, {"p.title", "p.reference"}, f.search);
  if (f.school) where.And("p.school_id = ?", {Param(*f.school)});
  if (f.body) where.And("p.body_id = ?", {Param(*f.body)});
  if (f.family) where.And("p.family = ?", {Param(*f.family)});
  if (f.key) where.And("p.is_key = ?", {Param(*f.key)});
  if (f.vacant) {
    const std::string held = "EXISTS (SELECT 1 FROM holdings h WHERE h.post_id = p.id AND " +
                             InForce("h.start_date", "h.end_date") + ")";
    where.And(*f.vacant ? "NOT " + held : held, {Param(f.today), Param(f.today)});
  }
  if (f.only) where.And(Conn().InIds("p.id"), {IdsJson(*f.only)});
  return List(kPostColumns, "posts p", where, Conn().NoCase("p.title") + ", p.reference, p.id", {},
              f.page, &ReadPost);
}

// ---- Holdings ----

Result<Holding> SqlStore::Insert(const Holding& h) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO holdings (trust_id, post_id, person_id, start_date, end_date, contract, "
            "fte) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {Param(h.trust), Param(h.post), Param(h.person), Param(h.start), Param(h.end),
             Param(h.contract), Param(h.fte)},
            HoldingRules(h)));
  return GetHolding(h.trust, HoldingId(new_id));
}

Result<void> SqlStore::Update(const Holding& h) {
  auto lease = TRY(Hold());
  const int64_t changed =
      TRY(Write("UPDATE holdings SET post_id = ?, person_id = ?, start_date = ?, end_date = ?, "
                "contract = ?, fte = ? WHERE id = ? AND trust_id = ?",
                {Param(h.post), Param(h.person), Param(h.start), Param(h.end), Param(h.contract),
                 Param(h.fte), Param(h.id), Param(h.trust)},
                HoldingRules(h)));
  if (changed == 0) return NotFound("holding");
  return Ok();
}

Result<Holding> SqlStore::GetHolding(TrustId trust, HoldingId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kHoldingColumns +
                           " FROM holdings h WHERE h.id = ? AND h.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadHolding));
  if (!found) return NotFound("holding");
  return *found;
}

Result<Listing<Holding>> SqlStore::ListHoldings(const HoldingFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("h.trust_id = ?", {Param(f.trust)});
  if (f.post) where.And("h.post_id = ?", {Param(*f.post)});
  if (f.person) where.And("h.person_id = ?", {Param(*f.person)});
  if (f.people) where.And(Conn().InIds("h.person_id"), {IdsJson(*f.people)});
  if (f.school) where.And("p.school_id = ?", {Param(*f.school)});
  if (f.current_on)
    where.And(InForce("h.start_date", "h.end_date"), {Param(*f.current_on), Param(*f.current_on)});
  return List(kHoldingColumns, "holdings h JOIN posts p ON p.id = h.post_id", where,
              "h.start_date DESC, h.id DESC", {}, f.page, &ReadHolding);
}

// ---- Memberships ----

Result<Membership> SqlStore::Insert(const Membership& m) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO memberships (trust_id, body_id, person_id, role, term_start, term_end) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {Param(m.trust), Param(m.body), Param(m.person), Param(m.role), Param(m.term_start),
             Param(m.term_end)},
            MembershipRules(m)));
  return GetMembership(m.trust, MembershipId(new_id));
}

Result<void> SqlStore::Update(const Membership& m) {
  auto lease = TRY(Hold());
  const int64_t changed =
      TRY(Write("UPDATE memberships SET body_id = ?, person_id = ?, role = ?, term_start = ?, "
                "term_end = ? WHERE id = ? AND trust_id = ?",
                {Param(m.body), Param(m.person), Param(m.role), Param(m.term_start),
                 Param(m.term_end), Param(m.id), Param(m.trust)},
                MembershipRules(m)));
  if (changed == 0) return NotFound("membership");
  return Ok();
}

Result<Membership> SqlStore::GetMembership(TrustId trust, MembershipId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kMembershipColumns +
                           " FROM memberships m WHERE m.id = ? AND m.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadMembership));
  if (!found) return NotFound("membership");
  return *found;
}

Result<Listing<Membership>> SqlStore::ListMemberships(const MembershipFilter& f) {
  auto lease = TRY(Hold());
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

Result<LineLink> SqlStore::Insert(const LineLink& l) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO line_links (trust_id, manager_id, report_id, start_date, end_date) "
            "VALUES (?, ?, ?, ?, ?)",
            {Param(l.trust), Param(l.manager), Param(l.report), Param(l.start), Param(l.end)},
            LineLinkRules(l)));
  return GetLineLink(l.trust, LineLinkId(new_id));
}

Result<void> SqlStore::Update(const LineLink& l) {
  auto lease = TRY(Hold());
  const int64_t changed =
      TRY(Write("UPDATE line_links SET manager_id = ?, report_id = ?, start_date = ?, end_date = ? "
                "WHERE id = ? AND trust_id = ?",
                {Param(l.manager), Param(l.report), Param(l.start), Param(l.end), Param(l.id),
                 Param(l.trust)},
                LineLinkRules(l)));
  if (changed == 0) return NotFound("line link");
  return Ok();
}

Result<LineLink> SqlStore::GetLineLink(TrustId trust, LineLinkId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kLineLinkColumns +
                           " FROM line_links l WHERE l.id = ? AND l.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadLineLink));
  if (!found) return NotFound("line link");
  return *found;
}

Result<Listing<LineLink>> SqlStore::ListLineLinks(const LineLinkFilter& f) {
  auto lease = TRY(Hold());
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

Result<std::vector<HeadcountCell>> SqlStore::Headcount(
    TrustId trust, std::optional<std::vector<SchoolId>> schools, Date today) {
  auto lease = TRY(Hold());
  // `current`: each person with a post in force today (in the schools asked about), with the
  // position of their first family in enum order.
  std::string sql =
      "WITH current AS ("
      " SELECT h.person_id AS person_id,"
      "  min(" + EnumOrder<org::RoleFamily>("p.family") + ") AS family_rank"
      " FROM holdings h JOIN posts p ON p.id = h.post_id"
      " WHERE h.trust_id = ? AND " +
      InForce("h.start_date", "h.end_date");
  std::vector<Value> values{Param(trust), Param(today),
                            Param(today)};
  if (schools) {
    sql += " AND " + Conn().InIds("p.school_id");
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

Result<KeyPostCounts> SqlStore::CountKeyPosts(TrustId trust,
                                                 std::optional<std::vector<SchoolId>> schools,
                                                 Date today) {
  auto lease = TRY(Hold());
  std::string sql =
      "SELECT count(*), coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM holdings h"
      " WHERE h.post_id = p.id AND " +
      InForce("h.start_date", "h.end_date") +
      ") THEN 1 ELSE 0 END), 0) FROM posts p WHERE p.trust_id = ? AND p.is_key = 1";
  std::vector<Value> values{Param(today), Param(today), Param(trust)};
  if (schools) {
    sql += " AND " + Conn().InIds("p.school_id");
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

}  // namespace trellis::store::sql
