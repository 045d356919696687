#pragma once
// SqlStore: the one implementation of store::Store, in SQL, for every database behind a
// sql::Connection (SQLite, PostgreSQL). Private to store/; users open a store with
// OpenSqliteStore (store/sqlite/sqlite_store.h) or OpenPostgresqlStore
// (store/postgresql/postgresql_store.h).
//
// The SQL here is written once for both databases: `?` placeholders, RETURNING id, CASE for
// enum order. The few things no two databases write alike (case-insensitive search and
// order, a list of ids bound as one value, transaction start, the schema's migrations) are
// the Connection's.
//
// Threading: a pool of connections (pool.h). Every public method holds the calling thread's
// connection for its whole run; Transact holds it from BEGIN to COMMIT, so the work's own
// calls (on the same thread) re-enter freely while other threads use another connection or
// wait. Work must not hand `tx` to another thread and wait for it, which would deadlock.
//
// Nesting: Transact inside a transaction runs the inner work in a SAVEPOINT, so an inner
// failure undoes only the inner work's writes (and is returned to the outer work to handle);
// nothing is durable until the outermost transaction commits.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "store/sql/connection.h"
#include "store/sql/group_commit.h"
#include "store/sql/pool.h"
#include "store/sql/read_journal.h"
#include "store/sql/shared_read.h"
#include "store/store.h"

namespace trellis::store::sql {

// WHERE clause being assembled from constant SQL fragments and their bound values, in order.
class Conditions {
 public:
  void And(std::string_view condition, std::vector<Value> values = {});
  std::string Sql() const { return where_; }  // "" or " WHERE a AND b"
  const std::vector<Value>& values() const { return values_; }

 private:
  std::string where_;
  std::vector<Value> values_;
};

// How to explain a failed write: which unique constraint means which field, and which
// referenced records to look for when a foreign key fails.
struct UniqueRule {
  std::string_view columns;  // as the Connection names them in its message, e.g. "schools.urn"
  Problem problem;
};
struct Reference {
  std::string_view table;
  std::optional<int64_t> id;     // nothing to check when empty
  std::optional<TrustId> trust;  // the row must belong to this trust, when given
  Problem problem;
};
struct WriteRules {
  std::vector<UniqueRule> unique;
  std::vector<Reference> references;
};

class SqlStore final : public Store {
 public:
  // `first` is used first; `open` makes more connections, up to `connections` in all.
  SqlStore(std::unique_ptr<Connection> first, ConnectionPool::Opener open, int connections)
      : pool_(std::move(first), std::move(open), connections),
        audit_commits_([this](std::span<const access::AuditEntry> entries) {
          return CommitReadRecords(entries);
        }),
        version_reads_([this] { return ReadDataVersion(); }) {}

  Result<void> Transact(const std::function<Result<void>(Store& tx)>& work) override;
  Result<int> Migrate() override;
  Result<int> SchemaVersion() override;
  Result<void> Ping() override;
  Result<void> FlushCommits() override;
  Result<void> KeepReadRecordsIn(const std::string& dir) override;
  Result<void> SettleReadRecords() override;
  void SetReadRecordsWaitForDisk(bool wait) override { read_records_wait_ = wait; }
  Result<int64_t> DataVersion() override;
  Result<void> BackUpTo(const std::string& path) override;
  Result<void> RestoreFrom(const std::string& path) override;

  Result<org::Trust> Insert(const org::Trust& trust) override;
  Result<void> Update(const org::Trust& trust) override;
  Result<org::Trust> GetTrust(TrustId id) override;
  Result<std::vector<org::Trust>> ListTrusts() override;

  Result<org::School> Insert(const org::School& school) override;
  Result<void> Update(const org::School& school) override;
  Result<org::School> GetSchool(TrustId trust, SchoolId id) override;
  Result<std::optional<org::School>> FindSchoolByUrn(TrustId trust, int64_t urn) override;
  Result<Listing<org::School>> ListSchools(const SchoolFilter& filter) override;

  Result<org::Body> Insert(const org::Body& body) override;
  Result<void> Update(const org::Body& body) override;
  Result<org::Body> GetBody(TrustId trust, BodyId id) override;
  Result<std::optional<org::Body>> FindBodyByName(TrustId trust, const std::string& name) override;
  Result<Listing<org::Body>> ListBodies(const BodyFilter& filter) override;

  Result<org::Person> Insert(const org::Person& person) override;
  Result<std::vector<PersonId>> InsertMany(std::span<const org::Person> people) override;
  Result<void> Update(const org::Person& person) override;
  Result<org::Person> GetPerson(TrustId trust, PersonId id) override;
  Result<std::optional<org::Person>> FindPersonByReference(TrustId trust,
                                                           const std::string& reference) override;
  Result<Listing<org::Person>> ListPeople(const PersonFilter& filter) override;

  Result<org::Post> Insert(const org::Post& post) override;
  Result<void> Update(const org::Post& post) override;
  Result<org::Post> GetPost(TrustId trust, PostId id) override;
  Result<std::optional<org::Post>> FindPostByReference(TrustId trust,
                                                       const std::string& reference) override;
  Result<Listing<org::Post>> ListPosts(const PostFilter& filter) override;

  Result<org::Holding> Insert(const org::Holding& holding) override;
  Result<void> Update(const org::Holding& holding) override;
  Result<org::Holding> GetHolding(TrustId trust, HoldingId id) override;
  Result<Listing<org::Holding>> ListHoldings(const HoldingFilter& filter) override;

  Result<org::Membership> Insert(const org::Membership& membership) override;
  Result<void> Update(const org::Membership& membership) override;
  Result<org::Membership> GetMembership(TrustId trust, MembershipId id) override;
  Result<Listing<org::Membership>> ListMemberships(const MembershipFilter& filter) override;

  Result<org::LineLink> Insert(const org::LineLink& link) override;
  Result<void> Update(const org::LineLink& link) override;
  Result<org::LineLink> GetLineLink(TrustId trust, LineLinkId id) override;
  Result<Listing<org::LineLink>> ListLineLinks(const LineLinkFilter& filter) override;

  Result<std::vector<HeadcountCell>> Headcount(TrustId trust,
                                               std::optional<std::vector<SchoolId>> schools,
                                               Date today) override;
  Result<KeyPostCounts> CountKeyPosts(TrustId trust, std::optional<std::vector<SchoolId>> schools,
                                      Date today) override;

  Result<talent::Framework> Insert(const talent::Framework& framework) override;
  Result<talent::Area> Insert(const talent::Area& area) override;
  Result<talent::Competency> Insert(const talent::Competency& competency) override;
  Result<std::vector<talent::Framework>> ListFrameworks(TrustId trust) override;
  Result<talent::FrameworkContent> GetFrameworkContent(TrustId trust, FrameworkId id) override;
  Result<std::optional<talent::Framework>> FindFramework(std::optional<TrustId> owner,
                                                         const std::string& code,
                                                         const std::string& version) override;
  Result<talent::Competency> GetCompetency(TrustId trust, CompetencyId id) override;

  Result<talent::RoleProfile> Insert(const talent::RoleProfile& profile) override;
  Result<void> Update(const talent::RoleProfile& profile) override;
  Result<talent::RoleProfile> GetRoleProfile(TrustId trust, RoleProfileId id) override;
  Result<Listing<talent::RoleProfile>> ListRoleProfiles(const RoleProfileFilter& filter) override;

  Result<talent::Assessment> Insert(const talent::Assessment& assessment) override;
  Result<void> Update(const talent::Assessment& assessment) override;
  Result<talent::Assessment> GetAssessment(TrustId trust, AssessmentId id) override;
  Result<Listing<talent::Assessment>> ListAssessments(const AssessmentFilter& filter) override;
  Result<std::vector<talent::LatestLevel>> LatestLevels(TrustId trust) override;

  Result<talent::ReviewCycle> Insert(const talent::ReviewCycle& cycle) override;
  Result<void> Update(const talent::ReviewCycle& cycle) override;
  Result<talent::ReviewCycle> GetReviewCycle(TrustId trust, ReviewCycleId id) override;
  Result<std::vector<talent::ReviewCycle>> ListReviewCycles(TrustId trust) override;
  Result<talent::Rating> Insert(const talent::Rating& rating) override;
  Result<void> Update(const talent::Rating& rating) override;
  Result<talent::Rating> GetRating(TrustId trust, RatingId id) override;
  Result<std::optional<talent::Rating>> FindRating(TrustId trust, ReviewCycleId cycle,
                                                   PersonId person) override;
  Result<Listing<talent::Rating>> ListRatings(const RatingFilter& filter) override;
  Result<std::vector<talent::LatestCalibratedRating>> LatestCalibratedRatings(
      TrustId trust) override;
  Result<talent::CalibrationMeeting> Insert(const talent::CalibrationMeeting& meeting) override;
  Result<talent::CalibrationMeeting> GetCalibrationMeeting(TrustId trust,
                                                           CalibrationMeetingId id) override;
  Result<std::vector<talent::CalibrationMeeting>> ListCalibrationMeetings(
      TrustId trust, ReviewCycleId cycle) override;
  Result<talent::RatingAdjustment> Insert(const talent::RatingAdjustment& adjustment) override;
  Result<Listing<talent::RatingAdjustment>> ListRatingAdjustments(
      const AdjustmentFilter& filter) override;

  Result<succession::LossRisk> Insert(const succession::LossRisk& risk) override;
  Result<void> Update(const succession::LossRisk& risk) override;
  Result<succession::LossRisk> GetLossRisk(TrustId trust, LossRiskId id) override;
  Result<std::optional<succession::LossRisk>> FindLossRisk(TrustId trust,
                                                           PersonId person) override;
  Result<void> DeleteLossRisk(TrustId trust, LossRiskId id) override;
  Result<Listing<succession::LossRisk>> ListLossRisks(const LossRiskFilter& filter) override;
  Result<std::vector<succession::LossRisk>> ListLossRisks(TrustId trust) override;
  Result<succession::SuccessionPlan> Insert(const succession::SuccessionPlan& plan) override;
  Result<void> Update(const succession::SuccessionPlan& plan) override;
  Result<succession::SuccessionPlan> GetSuccessionPlan(TrustId trust,
                                                       SuccessionPlanId id) override;
  Result<std::optional<succession::SuccessionPlan>> FindPlanForPost(TrustId trust,
                                                                    PostId post) override;
  Result<Listing<succession::SuccessionPlan>> ListSuccessionPlans(
      const SuccessionPlanFilter& filter) override;
  Result<succession::PlanContent> GetPlanContent(TrustId trust, SuccessionPlanId plan) override;
  Result<std::vector<succession::PlanContent>> ListPlanContents(TrustId trust) override;
  Result<succession::PlanCandidate> Insert(const succession::PlanCandidate& candidate) override;
  Result<void> Update(const succession::PlanCandidate& candidate) override;
  Result<succession::PlanCandidate> GetPlanCandidate(TrustId trust, PlanCandidateId id) override;
  Result<void> DeletePlanCandidate(TrustId trust, PlanCandidateId id) override;
  Result<Listing<succession::PlanCandidate>> ListPlanCandidates(
      const PlanCandidateFilter& filter) override;
  Result<succession::PlanDiscussion> Insert(const succession::PlanDiscussion& discussion) override;
  Result<void> Update(const succession::PlanDiscussion& discussion) override;
  Result<succession::PlanDiscussion> GetPlanDiscussion(TrustId trust,
                                                       PlanDiscussionId id) override;
  Result<Listing<succession::PlanDiscussion>> ListPlanDiscussions(
      const PlanDiscussionFilter& filter) override;
  Result<development::DevelopmentAction> Insert(
      const development::DevelopmentAction& action) override;
  Result<void> Update(const development::DevelopmentAction& action) override;
  Result<development::DevelopmentAction> GetDevelopmentAction(TrustId trust,
                                                              DevelopmentActionId id) override;
  Result<Listing<development::DevelopmentAction>> ListDevelopmentActions(
      const DevelopmentActionFilter& filter) override;
  Result<succession::SuccessionSettings> GetFormulaSettings(TrustId trust) override;
  Result<void> PutFormulaSettings(TrustId trust,
                                  const succession::SuccessionSettings& settings) override;
  Result<succession::PipelineSnapshot> Insert(
      const succession::PipelineSnapshot& snapshot) override;
  Result<std::vector<succession::PipelineSnapshot>> ListPipelineSnapshots(TrustId trust) override;

  Result<access::User> Insert(const access::User& user) override;
  Result<void> Update(const access::User& user) override;
  Result<access::User> GetUser(UserId id) override;
  Result<std::optional<access::User>> FindUserByEmail(const std::string& email) override;
  Result<Listing<access::User>> ListUsers(std::optional<TrustId> trust, Page page) override;

  Result<void> Insert(const access::Session& session) override;
  Result<std::optional<access::Session>> FindSession(const std::string& token_hash) override;
  Result<void> TouchSession(const std::string& token_hash, Instant last_seen) override;
  Result<void> DeleteSession(const std::string& token_hash) override;
  Result<void> DeleteSessionsOf(UserId user) override;
  Result<int64_t> DeleteSessionsBefore(Instant expires_before) override;
  Result<void> Insert(const access::PendingSignIn& pending) override;
  Result<std::optional<access::PendingSignIn>> TakePendingSignIn(const std::string& state_hash,
                                                                  Instant now) override;
  Result<int64_t> DeletePendingSignInsBefore(Instant before) override;
  Result<int64_t> CountSignInFailure(const std::string& key, Instant at) override;
  Result<void> BlockSignIns(const std::string& key, Instant until) override;
  Result<std::optional<Instant>> SignInsBlockedUntil(const std::string& key) override;
  Result<void> ClearSignInFailures(const std::string& key) override;
  Result<int64_t> ForgetSignInFailuresBefore(Instant before) override;

  Result<void> Append(const access::AuditEntry& entry) override;
  Result<void> AppendMany(std::span<const access::AuditEntry> entries) override;
  Result<void> AppendCovering(const access::AuditEntry& entry,
                              std::span<const access::IdRun> runs) override;
  Result<Listing<access::AuditEntry>> ListAudit(const AuditFilter& filter) override;

  Result<void> ErasePerson(const privacy::PersonErasure& erasure) override;
  Result<std::optional<Date>> FindErasure(TrustId trust, PersonId person) override;
  Result<void> RedactAudit(std::span<const access::AuditEntry> entries) override;
  Result<privacy::RetentionRules> GetRetentionRules(TrustId trust) override;
  Result<void> PutRetentionRules(TrustId trust, const privacy::RetentionRules& rules) override;
  Result<privacy::ReviewDataRemoved> RemoveLeaversReviewData(TrustId trust, Date left_by) override;
  Result<int64_t> RemoveAuditBefore(TrustId trust, Instant before) override;
  Result<bool> ClaimRetentionRun(TrustId trust, Date day, Instant at) override;

 private:
  // The calling thread's connection, held until the lease ends (see the top of this file).
  Result<ConnectionPool::Lease> Hold() { return pool_.Acquire(); }
  // The connection the calling thread holds.
  Connection& Conn() { return *pool_.Held().connection; }

  enum class TxKind { kRead, kWrite };
  // Runs `body` in a transaction (the connection's BeginWrite or BeginRead), or in a
  // savepoint when one is already open. The caller holds a connection.
  Result<void> InTransaction(TxKind kind, const std::function<Result<void>()>& body);

  // Runs a write; maps a failed constraint to kConflict / kValidationFailed using `rules`.
  // Returns the number of rows changed.
  Result<int64_t> Write(const std::string& sql, const std::vector<Value>& values,
                        const WriteRules& rules = {});
  // Runs an INSERT (with " RETURNING id" added) like Write; returns the new row's id.
  Result<int64_t> InsertRow(const std::string& sql, const std::vector<Value>& values,
                            const WriteRules& rules = {});
  Result<int64_t> QueryInt(const std::string& sql, const std::vector<Value>& values);
  // Runs `body` in a write transaction (a savepoint inside one) during which the append-only
  // tables may be changed (migration 0010's privacy_guard): for the privacy methods only.
  Result<void> WithAppendOnlyOpen(const std::function<Result<void>()>& body);
  // The work of a many-row write (InsertMany, AppendMany): in its own transaction when the
  // caller has none; else straight in the caller's, whose undoing undoes it, without a
  // savepoint of its own (one would keep a copy of every page it changes, tens of MB for a
  // large import). The caller holds a connection.
  Result<void> WriteMany(const std::function<Result<void>()>& work);
  // Runs a query that writes (an INSERT ... RETURNING), calling `row` on each row it returns;
  // where a refused statement spoils the transaction, inside a savepoint, as Write does.
  Result<void> QueryWrite(const std::string& sql, const std::vector<Value>& values,
                          const std::function<Result<void>(const Cursor&)>& row);
  // Runs a query and calls `read` on each row.
  Result<void> Query(const std::string& sql, const std::vector<Value>& values,
                     const std::function<Result<void>(Row&)>& read);

  // Count plus one page of rows: SELECT <columns> FROM <from> <where> ORDER BY <order>, with
  // `order_values` bound to the placeholders in <order>.
  template <typename T>
  Result<Listing<T>> List(std::string_view columns, std::string_view from, const Conditions& where,
                          std::string_view order, std::vector<Value> order_values, Page page,
                          Result<T> (*read)(Row&));
  template <typename T>
  Result<std::optional<T>> One(const std::string& sql, const std::vector<Value>& values,
                               Result<T> (*read)(Row&));

  Error ExplainForeignKey(const WriteRules& rules);
  // Replaces the stored requirements of a role profile with `profile`'s.
  Result<void> WriteRequirements(const talent::RoleProfile& profile);
  // Fills in the requirements of each profile from the store.
  Result<void> ReadRequirements(std::vector<talent::RoleProfile>& profiles);

  // Runs one write statement (`returning_id`: an INSERT ... RETURNING id, whose id is
  // returned; otherwise the rows changed), explaining a refused one with `rules`.
  Result<int64_t> RunWrite(const std::string& sql, const std::vector<Value>& values,
                           const WriteRules& rules, bool returning_id);

  // Marks the held connection's transaction as having changed trust data when `sql` writes
  // a table of trust data (not the audit log, sessions or sign-in failures).
  void NoteWrite(std::string_view sql);

  ConnectionPool pool_;
  // Audit entries appended outside any transaction (the record of each confidential read),
  // committed together when many arrive at once (group_commit.h).
  GroupCommit<access::AuditEntry> audit_commits_;
  // A group of them, committed without waiting for the disk (Store::FlushCommits).
  Result<void> CommitReadRecords(std::span<const access::AuditEntry> entries);
  // Runs `work`, which writes records of reads only, committing without waiting for the disk.
  Result<void> WithoutWaitingForDisk(const std::function<Result<void>()>& work);
  std::atomic<bool> unflushed_{false};  // read records committed since the last flush
  std::atomic<bool> read_records_wait_{false};  // SetReadRecordsWaitForDisk
  // The data version asked for outside any transaction (each request a server answers),
  // read once for all who ask at the same moment (shared_read.h).
  Result<int64_t> ReadDataVersion();
  SharedRead<int64_t> version_reads_;

  // The audit log as the home of a read journal's records (read_journal.h).
  class AuditLogHome final : public JournalHome {
   public:
    explicit AuditLogHome(SqlStore& store) : store_(store) {}
    Result<std::optional<int64_t>> MovedTo(const std::string& journal) override;
    Result<void> Move(const std::string& journal, int64_t moved_to,
                      std::span<const access::AuditEntry> entries, bool durable) override;
    Result<void> Forget(const std::string& journal) override;

   private:
    SqlStore& store_;
  };
  AuditLogHome audit_log_home_{*this};
  // Last, so that it is gone (its records moved) before anything it uses.
  std::unique_ptr<ReadJournal> read_journal_;
};

// Whether `sql` (an INSERT, UPDATE or DELETE) changes what the data version versions: the
// trust data, and the end of a session (servers keep signed-in users against the version);
// the audit log, the rest of what happens to sessions (a sign-in, a touch), sign-in failures
// and the store's own bookkeeping do not.
bool AdvancesDataVersion(std::string_view sql);

// Row readers shared by the .cc files; each reads the columns its k*Columns constant lists.
Result<access::User> ReadUser(Row& row);
Result<access::Session> ReadSession(Row& row);
Result<access::AuditEntry> ReadAuditEntry(Row& row);

// Adds "one of `columns` contains `needle`, ignoring ASCII case" (nothing for an empty needle).
void AndContains(const Connection& connection, Conditions& where,
                 std::initializer_list<std::string_view> columns, const std::string& needle);

// Fails with kInvalidInput for a negative limit or offset (SQLite would read -1 as "no limit").
Result<void> CheckPage(Page page);

// kNotFound, saying "<what> not found".
tl::unexpected<Error> NotFound(std::string_view what);

// Rows per statement of the many-row writes (InsertMany, AppendMany): few statements, each
// far below the databases' limits on bound values (SQLite 32,766; PostgreSQL 65,535).
inline constexpr size_t kRowsPerStatement = 100;
// "(?, ?), (?, ?)" for 2 rows of 2 columns: an INSERT's VALUES for so many rows.
std::string ValuesList(size_t rows, size_t columns);

// A JSON array of ids bound to one placeholder and expanded by Connection::InIds: the way
// every variable-length list reaches SQL here, so no statement text depends on the list.
template <typename I>
std::string IdsJson(const std::vector<I>& ids) {
  std::string array = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) array += ",";
    array += std::to_string(ids[i].value());
  }
  return array + "]";
}

// An expression giving the position of `column`'s enum code in E's declaration order (for
// sorting and picking "the first family"): CASE column WHEN 'code' THEN 0 ... END. The codes
// are the program's constants, never input.
template <typename E>
std::string EnumOrder(std::string_view column) {
  std::string sql = "CASE " + std::string(column);
  int position = 0;
  for (const auto& name : EnumNames<E>())
    sql += " WHEN '" + std::string(name.code) + "' THEN " + std::to_string(position++);
  return sql + " END";
}

// The trust a written row belongs to, explained as field "trust_id" when it does not exist.
Reference TrustRef(TrustId trust);

// A reference to the row `id` of `table` (nothing to check when empty) that must belong to
// `trust`, explained as `field` with `reason` when it does not.
template <typename I>
Reference Ref(std::string_view table, std::optional<I> id, TrustId trust, std::string field,
              std::string reason) {
  std::optional<int64_t> raw;
  if (id) raw = id->value();
  return {table,
          raw,
          trust,
          {std::move(field), std::move(reason), raw ? std::to_string(*raw) : std::string()}};
}

template <typename T>
Result<Listing<T>> SqlStore::List(std::string_view columns, std::string_view from,
                                     const Conditions& where, std::string_view order,
                                     std::vector<Value> order_values, Page page,
                                     Result<T> (*read)(Row&)) {
  TRY(CheckPage(page));
  Listing<T> listing;
  // One read transaction, so the total and the page agree even with writers in other
  // processes.
  TRY(InTransaction(TxKind::kRead, [&]() -> Result<void> {
    const std::string tail = " FROM " + std::string(from) + where.Sql();
    listing.total = TRY(QueryInt("SELECT count(*)" + tail, where.values()));
    std::vector<Value> values = where.values();
    for (Value& v : order_values) values.push_back(std::move(v));
    values.push_back(page.limit);
    values.push_back(page.offset);
    return Query("SELECT " + std::string(columns) + tail + " ORDER BY " + std::string(order) +
                     " LIMIT ? OFFSET ?",
                 values, [&](Row& row) -> Result<void> {
                   listing.items.push_back(TRY(read(row)));
                   return Ok();
                 });
  }));
  return listing;
}

template <typename T>
Result<std::optional<T>> SqlStore::One(const std::string& sql, const std::vector<Value>& values,
                                          Result<T> (*read)(Row&)) {
  std::optional<T> found;
  TRY(Query(sql, values, [&](Row& row) -> Result<void> {
    found = TRY(read(row));
    return Ok();
  }));
  return found;
}

}  // namespace trellis::store::sql
