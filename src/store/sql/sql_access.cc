// SqlStore: users, sessions and the audit log.

#include <cctype>
#include <charconv>

#include "store/sql/sql_store.h"

namespace trellis::store::sql {
namespace {

using access::AuditEntry;
using access::IdRun;
using access::Session;
using access::User;

constexpr char kUserColumns[] =
    "u.id, u.trust_id, u.person_id, u.email, u.display_name, u.password_hash, u.role, "
    "u.disabled, u.created_at";
constexpr char kSessionColumns[] =
    "se.token_hash, se.user_id, se.csrf_token, se.created_at, se.last_seen, se.expires_at";
constexpr char kAuditColumns[] =
    "a.id, a.at, a.trust_id, a.user_id, a.actor, a.action, a.entity, a.entity_id, "
    "a.before_json, a.after_json, a.remote";

const std::string kInsertAudit =
    "INSERT INTO audit_log (at, trust_id, user_id, actor, action, entity, entity_id, "
    "before_json, after_json, remote) VALUES ";
constexpr size_t kAuditValues = 10;

// kInsertAudit for one entry, built once: every audited change appends through it.
const std::string& InsertOneAudit() {
  static const std::string sql = kInsertAudit + ValuesList(1, kAuditValues);
  return sql;
}

// An entry's values in kInsertAudit's order.
void AddAuditValues(std::vector<Value>& values, const AuditEntry& a) {
  values.push_back(Param(a.at));
  values.push_back(Param(a.trust));
  values.push_back(Param(a.user));
  values.push_back(Param(a.actor));
  values.push_back(Param(a.action));
  values.push_back(Param(a.entity));
  values.push_back(Param(a.entity_id));
  values.push_back(Param(a.before));
  values.push_back(Param(a.after));
  values.push_back(Param(a.remote));
}

// Sign-in names compare case-insensitively; keeping them lower-case lets the UNIQUE index
// enforce that. ASCII only, like the rest of an email address's usual form.
std::string LowerEmail(std::string email) {
  for (char& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return email;
}

WriteRules UserRules(const User& u) {
  std::optional<int64_t> trust;
  if (u.trust) trust = u.trust->value();
  std::optional<int64_t> person;
  if (u.person) person = u.person->value();
  WriteRules rules{
      {{"users.email", {"email", "already used by another user", LowerEmail(u.email)}}},
      {{"trusts",
        trust,
        std::nullopt,
        {"trust_id", "no such trust", trust ? std::to_string(*trust) : ""}}}};
  // A user's person must be in the user's own trust (a composite foreign key).
  rules.references.push_back(
      {"people",
       person,
       u.trust,
       {"person_id", "no such person in this trust", person ? std::to_string(*person) : ""}});
  return rules;
}

}  // namespace

Result<User> ReadUser(Row& r) {
  User u;
  u.id = r.Id<UserId>();
  u.trust = r.OptId<TrustId>();
  u.person = r.OptId<PersonId>();
  u.email = r.Text();
  u.display_name = r.Text();
  u.password_hash = r.Text();
  u.role = TRY(r.Enum<access::Role>());
  u.disabled = r.Bool();
  u.created_at = TRY(r.InstantValue());
  return u;
}

Result<Session> ReadSession(Row& r) {
  Session s;
  s.token_hash = r.Text();
  s.user = r.Id<UserId>();
  s.csrf_token = r.Text();
  s.created_at = TRY(r.InstantValue());
  s.last_seen = TRY(r.InstantValue());
  s.expires_at = TRY(r.InstantValue());
  return s;
}

Result<AuditEntry> ReadAuditEntry(Row& r) {
  AuditEntry a;
  a.id = r.Id<AuditEntryId>();
  a.at = TRY(r.InstantValue());
  a.trust = r.OptId<TrustId>();
  a.user = r.OptId<UserId>();
  a.actor = r.Text();
  a.action = r.Text();
  a.entity = r.Text();
  a.entity_id = r.Text();
  a.before = r.Text();
  a.after = r.Text();
  a.remote = r.Text();
  return a;
}

// ---- Users ----

Result<User> SqlStore::Insert(const User& u) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO users (trust_id, person_id, email, display_name, password_hash, role, "
            "disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {Param(u.trust), Param(u.person), Param(LowerEmail(u.email)), Param(u.display_name),
             Param(u.password_hash), Param(u.role), Param(u.disabled), Param(u.created_at)},
            UserRules(u)));
  return GetUser(UserId(new_id));
}

Result<void> SqlStore::Update(const User& u) {
  auto lease = TRY(Hold());
  // created_at records a fact about the past and is not rewritten.
  const int64_t changed =
      TRY(Write("UPDATE users SET trust_id = ?, person_id = ?, email = ?, display_name = ?, "
                "password_hash = ?, role = ?, disabled = ? WHERE id = ?",
                {Param(u.trust), Param(u.person), Param(LowerEmail(u.email)), Param(u.display_name),
                 Param(u.password_hash), Param(u.role), Param(u.disabled), Param(u.id)},
                UserRules(u)));
  if (changed == 0) return NotFound("user");
  return Ok();
}

Result<User> SqlStore::GetUser(UserId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.id = ?",
                       {Param(id)}, &ReadUser));
  if (!found) return NotFound("user");
  return *found;
}

Result<std::optional<User>> SqlStore::FindUserByEmail(const std::string& email) {
  auto lease = TRY(Hold());
  return One(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.email = ?",
             {Param(LowerEmail(email))}, &ReadUser);
}

Result<Listing<User>> SqlStore::ListUsers(std::optional<TrustId> trust, Page page) {
  auto lease = TRY(Hold());
  Conditions where;
  if (trust) where.And("u.trust_id = ?", {Param(*trust)});
  return List(kUserColumns, "users u", where, "u.email, u.id", {}, page, &ReadUser);
}

// ---- Sessions ----

Result<void> SqlStore::Insert(const Session& s) {
  auto lease = TRY(Hold());
  TRY(
      Write("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            {Param(s.token_hash), Param(s.user), Param(s.csrf_token), Param(s.created_at),
             Param(s.last_seen), Param(s.expires_at)},
            {{{"sessions.token_hash", {"token_hash", "already used by another session", ""}}},
             {{"users",
               s.user.value(),
               std::nullopt,
               {"user_id", "no such user", std::to_string(s.user.value())}}}}));
  return Ok();
}

Result<std::optional<Session>> SqlStore::FindSession(const std::string& token_hash) {
  auto lease = TRY(Hold());
  return One(std::string("SELECT ") + kSessionColumns + " FROM sessions se WHERE se.token_hash = ?",
             {Param(token_hash)}, &ReadSession);
}

Result<void> SqlStore::TouchSession(const std::string& token_hash, Instant last_seen) {
  auto lease = TRY(Hold());
  const int64_t changed = TRY(Write("UPDATE sessions SET last_seen = ? WHERE token_hash = ?",
                                    {Param(last_seen), Param(token_hash)}));
  if (changed == 0) return NotFound("session");
  return Ok();
}

Result<void> SqlStore::DeleteSession(const std::string& token_hash) {
  auto lease = TRY(Hold());
  // Deleting a session that is already gone is not an error: signing out twice is harmless.
  TRY(Write("DELETE FROM sessions WHERE token_hash = ?", {Param(token_hash)}));
  return Ok();
}

Result<void> SqlStore::DeleteSessionsOf(UserId user) {
  auto lease = TRY(Hold());
  TRY(Write("DELETE FROM sessions WHERE user_id = ?", {Param(user)}));
  return Ok();
}

Result<int64_t> SqlStore::DeleteSessionsBefore(Instant expires_before) {
  auto lease = TRY(Hold());
  // RFC 3339 UTC text at second precision sorts in time order.
  return Write("DELETE FROM sessions WHERE expires_at < ?", {Param(expires_before)});
}

// ---- Sign-in throttling ----

Result<int64_t> SqlStore::CountSignInFailure(const std::string& key, Instant at) {
  auto lease = TRY(Hold());
  // One upsert, so failures counted by two servers at once are both counted.
  std::optional<int64_t> failures;
  TRY(Query("INSERT INTO sign_in_failures (key, failures, last_failure_at) VALUES (?, 1, ?) "
            "ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1, "
            "last_failure_at = excluded.last_failure_at RETURNING failures",
            {Param(key), Param(at)}, [&](Row& row) -> Result<void> {
              failures = row.Int();
              return Ok();
            }));
  if (!failures) return Fail(ErrorCode::kInternal, "no count of sign-in failures returned");
  return *failures;
}

Result<void> SqlStore::BlockSignIns(const std::string& key, Instant until) {
  auto lease = TRY(Hold());
  TRY(Write("UPDATE sign_in_failures SET blocked_until = ? WHERE key = ?",
            {Param(until), Param(key)}));
  return Ok();
}

Result<std::optional<Instant>> SqlStore::SignInsBlockedUntil(const std::string& key) {
  auto lease = TRY(Hold());
  std::optional<Instant> until;
  TRY(Query("SELECT blocked_until FROM sign_in_failures WHERE key = ? AND blocked_until IS NOT NULL",
            {Param(key)}, [&](Row& row) -> Result<void> {
              until = TRY(row.InstantValue());
              return Ok();
            }));
  return until;
}

Result<void> SqlStore::ClearSignInFailures(const std::string& key) {
  auto lease = TRY(Hold());
  TRY(Write("DELETE FROM sign_in_failures WHERE key = ?", {Param(key)}));
  return Ok();
}

Result<int64_t> SqlStore::ForgetSignInFailuresBefore(Instant before) {
  auto lease = TRY(Hold());
  return Write(
      "DELETE FROM sign_in_failures WHERE last_failure_at < ? "
      "AND (blocked_until IS NULL OR blocked_until < ?)",
      {Param(before), Param(before)});
}

// ---- Single sign-ons begun ----

Result<void> SqlStore::Insert(const access::PendingSignIn& p) {
  auto lease = TRY(Hold());
  TRY(Write("INSERT INTO pending_sign_ins (state_hash, provider, code_verifier, nonce, "
            "browser_hash, return_to, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {Param(p.state_hash), Param(p.provider), Param(p.code_verifier), Param(p.nonce),
             Param(p.browser_hash), Param(p.return_to), Param(p.created_at), Param(p.expires_at)},
            {{{"pending_sign_ins.state_hash", {"state_hash", "already used by another sign-in", ""}}},
             {}}));
  return Ok();
}

Result<std::optional<access::PendingSignIn>> SqlStore::TakePendingSignIn(
    const std::string& state_hash, Instant now) {
  auto lease = TRY(Hold());
  // DELETE ... RETURNING: the read and the removal are one statement, so a state is used
  // once even when two servers are handed the same callback at the same moment.
  std::optional<access::PendingSignIn> taken;
  TRY(Query("DELETE FROM pending_sign_ins WHERE state_hash = ? RETURNING state_hash, provider, "
            "code_verifier, nonce, browser_hash, return_to, created_at, expires_at",
            {Param(state_hash)}, [&](Row& row) -> Result<void> {
              access::PendingSignIn p;
              p.state_hash = row.Text();
              p.provider = row.Text();
              p.code_verifier = row.Text();
              p.nonce = row.Text();
              p.browser_hash = row.Text();
              p.return_to = row.Text();
              p.created_at = TRY(row.InstantValue());
              p.expires_at = TRY(row.InstantValue());
              taken = std::move(p);
              return Ok();
            }));
  if (taken && taken->expires_at <= now) return std::nullopt;
  return taken;
}

Result<int64_t> SqlStore::DeletePendingSignInsBefore(Instant before) {
  auto lease = TRY(Hold());
  return Write("DELETE FROM pending_sign_ins WHERE expires_at < ?", {Param(before)});
}

// ---- Audit log ----

Result<void> SqlStore::Append(const AuditEntry& a) {
  // Outside a transaction (the record of a read, mostly): to this server's journal
  // (read_journal.h), or committed with whatever other entries other threads are appending
  // at the same moment (group_commit.h).
  if (!pool_.HeldHere()) {
    // Into this server's journal if it keeps one; should the file refuse it (a full disk),
    // committed as if there were none.
    if (read_journal_ && read_journal_->Record(a)) return Ok();
    return audit_commits_.Submit(a);
  }
  auto lease = TRY(Hold());
  std::vector<Value> values;
  AddAuditValues(values, a);
  TRY(Write(InsertOneAudit(), values));
  return Ok();
}

Result<void> SqlStore::AppendCovering(const AuditEntry& a, std::span<const IdRun> runs) {
  auto lease = TRY(Hold());
  return WriteMany([&]() -> Result<void> {
    std::vector<Value> values;
    AddAuditValues(values, a);
    const int64_t entry = TRY(InsertRow(InsertOneAudit(), values));
    for (const IdRun& run : runs)
      TRY(Write("INSERT INTO audit_runs (entry_id, first_id, last_id) VALUES (?, ?, ?)",
                {Param(entry), Param(run.first), Param(run.last)}));
    return Ok();
  });
}

Result<void> SqlStore::CommitReadRecords(std::span<const AuditEntry> entries) {
  if (read_records_wait_) return AppendMany(entries);
  return WithoutWaitingForDisk([&] { return AppendMany(entries); });
}

Result<void> SqlStore::WithoutWaitingForDisk(const std::function<Result<void>()>& work) {
  // Waiting for the disk here capped a server at (connections / one fsync) confidential
  // reads a second, however cheap each read: 64 / 3.75 ms on the benchmark machine.
  auto lease = TRY(Hold());
  Connection& connection = *pool_.Held().connection;
  TRY(connection.SetCommitsWaitForDisk(false));
  Result<void> committed = work();
  if (committed) unflushed_ = true;
  // Put back whatever happened: the connection goes on to commit changes, which must wait.
  Result<void> restored = connection.SetCommitsWaitForDisk(true);
  if (!committed) return committed;
  return restored;
}

Result<void> SqlStore::KeepReadRecordsIn(const std::string& dir) {
  if (read_journal_) return Fail(ErrorCode::kConflict, "this store already keeps a read journal");
  read_journal_ = TRY(ReadJournal::Open(dir, audit_log_home_, {}));
  return Ok();
}

Result<void> SqlStore::SettleReadRecords() {
  if (!read_journal_) return Ok();
  return read_journal_->Settle();
}

Result<std::optional<int64_t>> SqlStore::AuditLogHome::MovedTo(const std::string& journal) {
  auto lease = TRY(store_.Hold());
  return store_.One<int64_t>("SELECT moved_to FROM read_journals WHERE journal = ?",
                             {Param(journal)}, [](Row& row) -> Result<int64_t> { return row.Int(); });
}

Result<void> SqlStore::AuditLogHome::Move(const std::string& journal, int64_t moved_to,
                                          std::span<const AuditEntry> entries, bool durable) {
  auto lease = TRY(store_.Hold());
  // The entries and how far they reach, in one transaction: moved once, whatever fails when.
  auto move = [&] {
    return store_.WriteMany([&]() -> Result<void> {
      TRY(store_.AppendMany(entries));
      TRY(store_.Write("INSERT INTO read_journals (journal, moved_to) VALUES (?, ?) "
                       "ON CONFLICT (journal) DO UPDATE SET moved_to = excluded.moved_to",
                       {Param(journal), Param(moved_to)}));
      return Ok();
    });
  };
  return durable ? move() : store_.WithoutWaitingForDisk(move);
}

Result<void> SqlStore::AuditLogHome::Forget(const std::string& journal) {
  auto lease = TRY(store_.Hold());
  TRY(store_.Write("DELETE FROM read_journals WHERE journal = ?", {Param(journal)}));
  return Ok();
}

Result<void> SqlStore::FlushCommits() {
  // The journal first: its records are the ones not yet in the database at all.
  if (read_journal_) TRY(read_journal_->Sync());
  if (!unflushed_.exchange(false)) return Ok();
  auto lease = TRY(Hold());
  Result<void> flushed = pool_.Held().connection->FlushCommits();
  if (!flushed) unflushed_ = true;  // try again next time
  return flushed;
}

Result<void> SqlStore::AppendMany(std::span<const AuditEntry> entries) {
  auto lease = TRY(Hold());
  return WriteMany([&]() -> Result<void> {
    const std::string sql = kInsertAudit + ValuesList(kRowsPerStatement, kAuditValues);
    size_t first = 0;
    for (; first + kRowsPerStatement <= entries.size(); first += kRowsPerStatement) {
      std::vector<Value> values;
      values.reserve(kRowsPerStatement * kAuditValues);
      for (const AuditEntry& a : entries.subspan(first, kRowsPerStatement))
        AddAuditValues(values, a);
      TRY(Write(sql, values));
    }
    // The rest one by one, so that only one statement's text is ever prepared.
    for (; first < entries.size(); ++first) TRY(Append(entries[first]));
    return Ok();
  });
}

Result<Listing<AuditEntry>> SqlStore::ListAudit(const AuditFilter& f) {
  // Outside a transaction, the records of reads still in this server's journal first (inside
  // one, they could not be seen until it ended: SettleReadRecords before it).
  if (!pool_.HeldHere()) TRY(SettleReadRecords());
  auto lease = TRY(Hold());
  Conditions where;
  if (f.trust) where.And("a.trust_id = ?", {Param(*f.trust)});
  if (f.user) where.And("a.user_id = ?", {Param(*f.user)});
  if (!f.entity.empty()) where.And("a.entity = ?", {Param(f.entity)});
  if (!f.entity_id.empty()) {
    // A record's own entries, and those about many records whose runs hold its id.
    int64_t id = 0;
    const char* end = f.entity_id.data() + f.entity_id.size();
    const auto [stop, error] = std::from_chars(f.entity_id.data(), end, id);
    if (error == std::errc() && stop == end) {
      // As a list of ids rather than an OR, which would keep the planner off the entity
      // index and walk the trust's whole log (records of reads included).
      std::string own = "SELECT e.id FROM audit_log e WHERE e.entity_id = ?";
      std::vector<Value> values{Param(f.entity_id)};
      if (!f.entity.empty()) {
        own += " AND e.entity = ?";
        values.push_back(Param(f.entity));
      }
      values.push_back(Param(id));
      values.push_back(Param(id));
      where.And("a.id IN (" + own +
                    " UNION ALL SELECT r.entry_id FROM audit_runs r "
                    "WHERE r.first_id <= ? AND r.last_id >= ?)",
                std::move(values));
    } else {
      where.And("a.entity_id = ?", {Param(f.entity_id)});
    }
  }
  if (!f.action.empty()) where.And("a.action = ?", {Param(f.action)});
  AndContains(Conn(), where, {"a.actor", "a.before_json", "a.after_json"}, f.mentioning);
  return List(kAuditColumns, "audit_log a", where, "a.id DESC", {}, f.page, &ReadAuditEntry);
}

}  // namespace trellis::store::sql
