#pragma once
// The one storage interface of trellis. SQLite implements it (store/sqlite/); PostgreSQL
// will too. Nothing outside store/ and app/ knows which one is in use, and no SQL leaves
// store/.
//
// Contract for every method:
//  - Reads of a missing id, or of an id that belongs to another trust than the one passed,
//    fail with kNotFound.
//  - Writes that break a uniqueness rule (URN or reference within a trust, user email)
//    fail with kConflict naming the field.
//  - kUnavailable when the database is busy beyond its timeout or cannot be reached.
//  - Thread safe: any thread may call any method. Work inside Transact sees its own writes
//    and is applied all or nothing.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "access/model.h"
#include "core/result.h"
#include "development/action.h"
#include "org/model.h"
#include "privacy/model.h"
#include "succession/pipeline_snapshot.h"
#include "succession/plan.h"
#include "succession/settings.h"
#include "talent/model.h"
#include "talent/review.h"

namespace trellis::store {

struct Page {
  int64_t limit = 50;  // at most this many items
  int64_t offset = 0;
};

// Every row at once, for reads that need the whole set (a trust's people for the ranking, an
// export's rows, the records a rule is checked against), never for a list a user pages
// through: the one "all" every such read uses.
inline constexpr Page kEveryRow{.limit = 1'000'000'000, .offset = 0};

template <typename T>
struct Listing {
  std::vector<T> items;
  int64_t total = 0;  // how many match, ignoring the page
};

struct SchoolFilter {
  TrustId trust;
  std::string search;  // name or URN contains
  std::string phase;
  std::optional<std::vector<SchoolId>> only;  // restrict to these (scope)
  Page page{.limit = 1000};
};

struct PersonFilter {
  TrustId trust;
  std::string search;                           // name, reference or email contains
  std::optional<SchoolId> school;               // holds a current post there
  std::optional<org::CareerStage> stage;
  std::optional<org::RoleFamily> family;        // holds a current post of this family
  std::optional<std::vector<PersonId>> only;    // restrict to these (scope)
  bool include_leavers = false;
  Date today;                                   // "current" is judged on this day
  std::optional<Date> left_by;                  // only leavers who left on or before this day
                                                // (whatever include_leavers says)
  std::optional<bool> erased;                   // only people erased (true) or not (false)
  Page page;
};

struct PostFilter {
  TrustId trust;
  std::string search;  // title or reference contains
  std::optional<SchoolId> school;
  std::optional<BodyId> body;
  std::optional<org::RoleFamily> family;
  std::optional<bool> key;
  std::optional<bool> vacant;                   // no current holder on `today`
  std::optional<std::vector<PostId>> only;
  Date today;
  Page page;
};

struct BodyFilter {
  TrustId trust;
  std::optional<org::BodyKind> kind;
  std::optional<SchoolId> school;
  std::optional<std::vector<BodyId>> only;
  Page page{.limit = 1000};
};

struct HoldingFilter {
  TrustId trust;
  std::optional<PostId> post;
  std::optional<PersonId> person;
  std::optional<std::vector<PersonId>> people;  // only these people's (a page of a list)
  std::optional<SchoolId> school;    // of the post
  std::optional<Date> current_on;    // only holdings in force on this day
  Page page{.limit = 1000};
};

struct MembershipFilter {
  TrustId trust;
  std::optional<BodyId> body;
  std::optional<PersonId> person;
  std::optional<Date> current_on;
  Page page{.limit = 1000};
};

struct LineLinkFilter {
  TrustId trust;
  std::optional<PersonId> manager;
  std::optional<PersonId> report;
  std::optional<Date> current_on;
  Page page{.limit = 1000};
};

struct RoleProfileFilter {
  TrustId trust;
  std::optional<PostId> post;
  std::optional<org::CareerStage> stage;
  Page page{.limit = 1000};
};

struct AssessmentFilter {
  TrustId trust;
  std::optional<PersonId> person;
  std::optional<CompetencyId> competency;
  std::optional<std::vector<PersonId>> only;  // restrict to these people (scope)
  bool latest_only = false;  // only the latest of each (person, competency): talent::IsLater
  Page page;
};

struct RatingFilter {
  TrustId trust;
  std::optional<ReviewCycleId> cycle;
  std::optional<PersonId> person;
  std::optional<PersonId> rater;
  std::optional<std::vector<PersonId>> only;  // restrict to these people (scope)
  Page page{.limit = 10000};
};

struct AdjustmentFilter {
  TrustId trust;
  std::optional<ReviewCycleId> cycle;  // of the meeting
  std::optional<CalibrationMeetingId> meeting;
  std::optional<RatingId> rating;
  Page page{.limit = 10000};
};

struct SuccessionPlanFilter {
  TrustId trust;
  std::optional<PostId> post;
  std::optional<std::vector<PostId>> only;  // restrict to the plans of these posts (scope)
  Page page{.limit = 1000};
};

struct PlanCandidateFilter {
  TrustId trust;
  std::optional<SuccessionPlanId> plan;
  std::optional<PersonId> person;  // the plans a person is named on
  Page page{.limit = 1000};
};

struct PlanDiscussionFilter {
  TrustId trust;
  std::optional<SuccessionPlanId> plan;
  std::optional<succession::Forum> forum;
  Page page{.limit = 1000};
};

struct LossRiskFilter {
  TrustId trust;
  std::optional<succession::RiskOfLoss> risk;
  std::optional<std::vector<PersonId>> only;  // restrict to these people (scope)
  Page page{.limit = 1000};
};

struct DevelopmentActionFilter {
  TrustId trust;
  std::optional<PersonId> person;
  std::optional<SuccessionPlanId> plan;
  std::optional<PersonId> owner;
  std::optional<development::ActionStatus> status;
  std::optional<development::ActionSource> source;
  std::optional<std::vector<PersonId>> only;  // restrict to these people's actions (scope)
  Page page;
};

struct AuditFilter {
  std::optional<TrustId> trust;
  std::optional<UserId> user;
  std::string entity;
  // Entries about this record: its own, and those covering it (AppendCovering).
  std::string entity_id;
  std::string action;
  // Only entries whose actor, before or after contains this text, ignoring ASCII case (a data
  // protection officer's search for a name or an email).
  std::string mentioning;
  Page page;
};

// Headcount of current staff grouped by their own career stage and the role family of a
// post they hold (a person holding posts of two families counts once, under the first by
// family order). Empty stage or family means "not recorded".
struct HeadcountCell {
  std::optional<org::CareerStage> stage;
  std::optional<org::RoleFamily> family;
  int64_t people = 0;
};

struct KeyPostCounts {
  int64_t key_posts = 0;
  int64_t held = 0;
  int64_t vacant = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `work` in one transaction against `tx` (use it, not this store, inside). Commits when
  // work succeeds; rolls back and returns its error otherwise.
  [[nodiscard]] virtual Result<void> Transact(const std::function<Result<void>(Store& tx)>& work) = 0;

  // Schema: applies every migration not yet applied; returns the resulting version.
  [[nodiscard]] virtual Result<int> Migrate() = 0;
  [[nodiscard]] virtual Result<int> SchemaVersion() = 0;
  // A cheap round trip, for /readyz.
  [[nodiscard]] virtual Result<void> Ping() = 0;
  // Makes durable on disk the audit entries appended outside a transaction (the records of
  // reads), which are committed without waiting for the disk: Append returns once they are
  // safe from a crash of trellis, and a server calls this every second so that a power cut
  // loses at most the last second's (docs/adr/0008). Everything else is durable at commit.
  [[nodiscard]] virtual Result<void> FlushCommits() = 0;
  // From now on, the records of reads (entries appended outside a transaction) are written to
  // a journal file of this process's own in `dir` before Append returns, and moved into the
  // audit log in the background within 50 ms (store/sql/read_journal.h, docs/adr/0009); what
  // journals of processes that died left in `dir` is moved now. For `trellis serve`. ListAudit
  // outside a transaction moves what is waiting first; so does SettleReadRecords.
  [[nodiscard]] virtual Result<void> KeepReadRecordsIn(const std::string& dir) = 0;
  // Moves into the audit log the records of reads waiting in this process's journal: call it
  // before a transaction that must see every record (an erasure, a subject-access export).
  [[nodiscard]] virtual Result<void> SettleReadRecords() = 0;
  // Whether the records of reads committed to the database (not journalled) wait for the disk
  // before Append returns, as every change does (true), or are synced within a second by
  // FlushCommits (false, the default: docs/adr/0008). Config read_records_durable.
  virtual void SetReadRecordsWaitForDisk(bool wait) = 0;
  // The version of the trust data: every committed write of anything but the audit log,
  // sessions and sign-in failures makes it larger, in the same transaction as the write,
  // whichever process or server wrote it (a restore too); so does a session's end, so that
  // a server may keep who is signed in against it too. What is computed from data read
  // after the version may be kept against it and reused while the version stays the same.
  // (Read the version first: data read before it may be older than it says.) Outside a
  // transaction the answer may be shared with callers asking at the same moment, but always
  // comes from a read begun after the call.
  [[nodiscard]] virtual Result<int64_t> DataVersion() = 0;

  // Backup and restore (`trellis backup|restore`). BackUpTo writes a copy of the whole store
  // as it stood at one moment to a new file at `path`, while other processes go on reading
  // and writing: kConflict when `path` exists, kUnavailable when it cannot be written.
  // RestoreFrom replaces everything in the store with the contents of such a copy, then
  // brings its schema up to date; the copy is checked first (kInvalidInput when it is not a
  // sound trellis store, or is newer than this trellis; kNotFound when missing), and a
  // refused copy changes nothing. Run it with no server using the store.
  [[nodiscard]] virtual Result<void> BackUpTo(const std::string& path) = 0;
  [[nodiscard]] virtual Result<void> RestoreFrom(const std::string& path) = 0;

  // Trusts.
  [[nodiscard]] virtual Result<org::Trust> Insert(const org::Trust& trust) = 0;
  [[nodiscard]] virtual Result<void> Update(const org::Trust& trust) = 0;
  [[nodiscard]] virtual Result<org::Trust> GetTrust(TrustId id) = 0;
  [[nodiscard]] virtual Result<std::vector<org::Trust>> ListTrusts() = 0;

  // Schools.
  [[nodiscard]] virtual Result<org::School> Insert(const org::School& school) = 0;
  [[nodiscard]] virtual Result<void> Update(const org::School& school) = 0;
  [[nodiscard]] virtual Result<org::School> GetSchool(TrustId trust, SchoolId id) = 0;
  [[nodiscard]] virtual Result<std::optional<org::School>> FindSchoolByUrn(TrustId trust, int64_t urn) = 0;
  [[nodiscard]] virtual Result<Listing<org::School>> ListSchools(const SchoolFilter& filter) = 0;

  // Governance bodies.
  [[nodiscard]] virtual Result<org::Body> Insert(const org::Body& body) = 0;
  [[nodiscard]] virtual Result<void> Update(const org::Body& body) = 0;
  [[nodiscard]] virtual Result<org::Body> GetBody(TrustId trust, BodyId id) = 0;
  [[nodiscard]] virtual Result<std::optional<org::Body>> FindBodyByName(TrustId trust, const std::string& name) = 0;
  [[nodiscard]] virtual Result<Listing<org::Body>> ListBodies(const BodyFilter& filter) = 0;

  // People.
  [[nodiscard]] virtual Result<org::Person> Insert(const org::Person& person) = 0;
  // Many people at once (an import's): each as Insert would, in order, in a few statements
  // instead of one each; their new ids, in the order given (every field is stored as given).
  // The first person who cannot be written fails it as Insert would. Outside Transact it is
  // all or nothing; inside, those written before the failure stay in the transaction, which
  // the caller then undoes (as Transact does when its work fails).
  [[nodiscard]] virtual Result<std::vector<PersonId>> InsertMany(std::span<const org::Person> people) = 0;
  [[nodiscard]] virtual Result<void> Update(const org::Person& person) = 0;
  [[nodiscard]] virtual Result<org::Person> GetPerson(TrustId trust, PersonId id) = 0;
  [[nodiscard]] virtual Result<std::optional<org::Person>> FindPersonByReference(TrustId trust, const std::string& reference) = 0;
  [[nodiscard]] virtual Result<Listing<org::Person>> ListPeople(const PersonFilter& filter) = 0;

  // Posts.
  [[nodiscard]] virtual Result<org::Post> Insert(const org::Post& post) = 0;
  [[nodiscard]] virtual Result<void> Update(const org::Post& post) = 0;
  [[nodiscard]] virtual Result<org::Post> GetPost(TrustId trust, PostId id) = 0;
  [[nodiscard]] virtual Result<std::optional<org::Post>> FindPostByReference(TrustId trust, const std::string& reference) = 0;
  [[nodiscard]] virtual Result<Listing<org::Post>> ListPosts(const PostFilter& filter) = 0;

  // Post holdings.
  [[nodiscard]] virtual Result<org::Holding> Insert(const org::Holding& holding) = 0;
  [[nodiscard]] virtual Result<void> Update(const org::Holding& holding) = 0;
  [[nodiscard]] virtual Result<org::Holding> GetHolding(TrustId trust, HoldingId id) = 0;
  [[nodiscard]] virtual Result<Listing<org::Holding>> ListHoldings(const HoldingFilter& filter) = 0;

  // Memberships of governance bodies.
  [[nodiscard]] virtual Result<org::Membership> Insert(const org::Membership& membership) = 0;
  [[nodiscard]] virtual Result<void> Update(const org::Membership& membership) = 0;
  [[nodiscard]] virtual Result<org::Membership> GetMembership(TrustId trust, MembershipId id) = 0;
  [[nodiscard]] virtual Result<Listing<org::Membership>> ListMemberships(const MembershipFilter& filter) = 0;

  // Line management.
  [[nodiscard]] virtual Result<org::LineLink> Insert(const org::LineLink& link) = 0;
  [[nodiscard]] virtual Result<void> Update(const org::LineLink& link) = 0;
  [[nodiscard]] virtual Result<org::LineLink> GetLineLink(TrustId trust, LineLinkId id) = 0;
  [[nodiscard]] virtual Result<Listing<org::LineLink>> ListLineLinks(const LineLinkFilter& filter) = 0;

  // Figures for the trust overview; `schools` limits them to those schools' posts.
  [[nodiscard]] virtual Result<std::vector<HeadcountCell>> Headcount(TrustId trust, std::optional<std::vector<SchoolId>> schools, Date today) = 0;
  [[nodiscard]] virtual Result<KeyPostCounts> CountKeyPosts(TrustId trust, std::optional<std::vector<SchoolId>> schools, Date today) = 0;

  // ---- Competencies, role profiles, assessments ----
  //
  // Frameworks without a trust are shipped with trellis: every trust sees them, and
  // nothing here changes or removes them (there is no Update or Delete). A trust's own
  // frameworks are visible to that trust only; "visible" below means one or the other.

  // Inserts a framework (shipped when its trust is empty). kConflict when the owner already
  // has one with the same code and version.
  [[nodiscard]] virtual Result<talent::Framework> Insert(const talent::Framework& framework) = 0;
  // Inserts an area or a competency into an existing framework (kValidationFailed when the
  // framework or, for a competency, the area of that framework does not exist; kConflict
  // for a competency code used twice in one framework).
  [[nodiscard]] virtual Result<talent::Area> Insert(const talent::Area& area) = 0;
  [[nodiscard]] virtual Result<talent::Competency> Insert(const talent::Competency& competency) = 0;
  // Shipped and the trust's own frameworks, shipped first, then by name.
  [[nodiscard]] virtual Result<std::vector<talent::Framework>> ListFrameworks(TrustId trust) = 0;
  // The framework with its areas and competencies; kNotFound unless visible to `trust`.
  [[nodiscard]] virtual Result<talent::FrameworkContent> GetFrameworkContent(TrustId trust, FrameworkId id) = 0;
  // The framework `owner` (empty: shipped) has with this code and version, if any.
  [[nodiscard]] virtual Result<std::optional<talent::Framework>> FindFramework(std::optional<TrustId> owner, const std::string& code, const std::string& version) = 0;
  // kNotFound unless the competency's framework is visible to `trust`.
  [[nodiscard]] virtual Result<talent::Competency> GetCompetency(TrustId trust, CompetencyId id) = 0;

  // Role profiles, with their requirements (written and read as a whole). kConflict when
  // the post, or the career stage, already has a profile in the trust.
  [[nodiscard]] virtual Result<talent::RoleProfile> Insert(const talent::RoleProfile& profile) = 0;
  [[nodiscard]] virtual Result<void> Update(const talent::RoleProfile& profile) = 0;
  [[nodiscard]] virtual Result<talent::RoleProfile> GetRoleProfile(TrustId trust, RoleProfileId id) = 0;
  // Profiles of posts first (by post id), then of stages (by ladder order).
  [[nodiscard]] virtual Result<Listing<talent::RoleProfile>> ListRoleProfiles(const RoleProfileFilter& filter) = 0;

  // Assessments. Listed newest first (assessed_on, then id, both descending).
  [[nodiscard]] virtual Result<talent::Assessment> Insert(const talent::Assessment& assessment) = 0;
  [[nodiscard]] virtual Result<void> Update(const talent::Assessment& assessment) = 0;
  [[nodiscard]] virtual Result<talent::Assessment> GetAssessment(TrustId trust, AssessmentId id) = 0;
  [[nodiscard]] virtual Result<Listing<talent::Assessment>> ListAssessments(const AssessmentFilter& filter) = 0;
  // The latest level of every competency for every person of the trust who has one, in one
  // read (for the ranking snapshot), ordered by person then competency.
  [[nodiscard]] virtual Result<std::vector<talent::LatestLevel>> LatestLevels(TrustId trust) = 0;

  // ---- Talent review ----
  //
  // Ratings are confidential (product.md): nothing here filters by role, so callers decide
  // who may read them, and talent::ReviewService audit-logs reads. The process rules (who
  // proposes, when meetings adjust, what closing does) are ReviewService's; the store keeps
  // values sound (scores 1..3, one rating per person per cycle, rows within one trust).

  // Review cycles. kConflict (field "year") when the trust already has a cycle that year.
  [[nodiscard]] virtual Result<talent::ReviewCycle> Insert(const talent::ReviewCycle& cycle) = 0;
  [[nodiscard]] virtual Result<void> Update(const talent::ReviewCycle& cycle) = 0;
  [[nodiscard]] virtual Result<talent::ReviewCycle> GetReviewCycle(TrustId trust, ReviewCycleId id) = 0;
  // Newest year first.
  [[nodiscard]] virtual Result<std::vector<talent::ReviewCycle>> ListReviewCycles(TrustId trust) = 0;

  // Ratings. kConflict (field "person_id") when the person already has one in the cycle;
  // kValidationFailed when the cycle, person or rater is not in the trust.
  [[nodiscard]] virtual Result<talent::Rating> Insert(const talent::Rating& rating) = 0;
  [[nodiscard]] virtual Result<void> Update(const talent::Rating& rating) = 0;
  [[nodiscard]] virtual Result<talent::Rating> GetRating(TrustId trust, RatingId id) = 0;
  [[nodiscard]] virtual Result<std::optional<talent::Rating>> FindRating(TrustId trust, ReviewCycleId cycle, PersonId person) = 0;
  // Ordered by cycle (newest year first), then person id.
  [[nodiscard]] virtual Result<Listing<talent::Rating>> ListRatings(const RatingFilter& filter) = 0;
  // For every person of the trust with a final rating, the one from their most recent
  // closed cycle (by year), in one read for the ranking snapshot; ordered by person id.
  [[nodiscard]] virtual Result<std::vector<talent::LatestCalibratedRating>> LatestCalibratedRatings(TrustId trust) = 0;

  // Calibration meetings. kValidationFailed when the cycle or school is not in the trust.
  [[nodiscard]] virtual Result<talent::CalibrationMeeting> Insert(const talent::CalibrationMeeting& meeting) = 0;
  [[nodiscard]] virtual Result<talent::CalibrationMeeting> GetCalibrationMeeting(TrustId trust, CalibrationMeetingId id) = 0;
  // A cycle's meetings, earliest first (held_on, then id).
  [[nodiscard]] virtual Result<std::vector<talent::CalibrationMeeting>> ListCalibrationMeetings(TrustId trust, ReviewCycleId cycle) = 0;

  // Rating adjustments: append-only (no Update). kValidationFailed when the meeting or
  // rating is not in the trust. Listed oldest first (id order).
  [[nodiscard]] virtual Result<talent::RatingAdjustment> Insert(const talent::RatingAdjustment& adjustment) = 0;
  [[nodiscard]] virtual Result<Listing<talent::RatingAdjustment>> ListRatingAdjustments(const AdjustmentFilter& filter) = 0;

  // ---- Succession plans, risk of loss, development actions ----
  //
  // Confidential, like ratings (product.md): nothing here filters by role; callers decide
  // who may read, and succession::PlanService audit-logs reads. The process rules (a plan is
  // for a key post, ranks run 1..n and close up, the emergency flag moves, status moves of an
  // action) are the services'; the store keeps values sound and rows within one trust.
  // Writes that name a record of another trust (a person, post, plan, owner) fail with
  // kValidationFailed naming the field.

  // Risks of loss: at most one per person (kConflict, field "person_id"). Deleting one clears
  // the person's risk; the audit log keeps what it was.
  [[nodiscard]] virtual Result<succession::LossRisk> Insert(const succession::LossRisk& risk) = 0;
  [[nodiscard]] virtual Result<void> Update(const succession::LossRisk& risk) = 0;
  [[nodiscard]] virtual Result<succession::LossRisk> GetLossRisk(TrustId trust, LossRiskId id) = 0;
  [[nodiscard]] virtual Result<std::optional<succession::LossRisk>> FindLossRisk(TrustId trust, PersonId person) = 0;
  [[nodiscard]] virtual Result<void> DeleteLossRisk(TrustId trust, LossRiskId id) = 0;
  // Ordered by person id.
  [[nodiscard]] virtual Result<Listing<succession::LossRisk>> ListLossRisks(const LossRiskFilter& filter) = 0;
  // Every risk of the trust in one read (metrics, simulation), ordered by person id.
  [[nodiscard]] virtual Result<std::vector<succession::LossRisk>> ListLossRisks(TrustId trust) = 0;

  // Succession plans: at most one per post (kConflict, field "post_id"); kValidationFailed
  // when the post is not in the trust. Listed by their post's title, then reference.
  [[nodiscard]] virtual Result<succession::SuccessionPlan> Insert(const succession::SuccessionPlan& plan) = 0;
  [[nodiscard]] virtual Result<void> Update(const succession::SuccessionPlan& plan) = 0;
  [[nodiscard]] virtual Result<succession::SuccessionPlan> GetSuccessionPlan(TrustId trust, SuccessionPlanId id) = 0;
  [[nodiscard]] virtual Result<std::optional<succession::SuccessionPlan>> FindPlanForPost(TrustId trust, PostId post) = 0;
  [[nodiscard]] virtual Result<Listing<succession::SuccessionPlan>> ListSuccessionPlans(const SuccessionPlanFilter& filter) = 0;
  // The plan with its candidates (by rank) and discussions (earliest first, then id).
  [[nodiscard]] virtual Result<succession::PlanContent> GetPlanContent(TrustId trust, SuccessionPlanId plan) = 0;
  // Every plan of the trust with its content, in the order of ListSuccessionPlans, in a fixed
  // number of reads whatever the number of plans (metrics, simulation).
  [[nodiscard]] virtual Result<std::vector<succession::PlanContent>> ListPlanContents(TrustId trust) = 0;

  // Plan candidates. A rank is unique within its plan (kConflict, field "rank"), a person is
  // named once per plan (kConflict, "person_id"), and a plan has at most one emergency
  // successor (kConflict, "emergency"). A candidate is a person of the trust or an outsider
  // by name, never both nor neither, and an outsider has a readiness; a write breaking that
  // is refused. Deleting a candidate removes it (its history is the audit log's); the ranks
  // of the others are left as they are.
  [[nodiscard]] virtual Result<succession::PlanCandidate> Insert(const succession::PlanCandidate& candidate) = 0;
  [[nodiscard]] virtual Result<void> Update(const succession::PlanCandidate& candidate) = 0;
  [[nodiscard]] virtual Result<succession::PlanCandidate> GetPlanCandidate(TrustId trust, PlanCandidateId id) = 0;
  [[nodiscard]] virtual Result<void> DeletePlanCandidate(TrustId trust, PlanCandidateId id) = 0;
  // Ordered by plan id, then rank.
  [[nodiscard]] virtual Result<Listing<succession::PlanCandidate>> ListPlanCandidates(const PlanCandidateFilter& filter) = 0;

  // Plan discussions. kValidationFailed when the plan is not in the trust; the outcome may
  // not be blank. Listed earliest first (held_on, then id).
  [[nodiscard]] virtual Result<succession::PlanDiscussion> Insert(const succession::PlanDiscussion& discussion) = 0;
  [[nodiscard]] virtual Result<void> Update(const succession::PlanDiscussion& discussion) = 0;
  [[nodiscard]] virtual Result<succession::PlanDiscussion> GetPlanDiscussion(TrustId trust, PlanDiscussionId id) = 0;
  [[nodiscard]] virtual Result<Listing<succession::PlanDiscussion>> ListPlanDiscussions(const PlanDiscussionFilter& filter) = 0;

  // Development actions. kValidationFailed when the person, owner or plan is not in the
  // trust or the gap's competency does not exist (whether the trust may see it is
  // ActionService's check); completed_on is set exactly when the status is completed.
  // Listed by due date (none last), then id.
  [[nodiscard]] virtual Result<development::DevelopmentAction> Insert(const development::DevelopmentAction& action) = 0;
  [[nodiscard]] virtual Result<void> Update(const development::DevelopmentAction& action) = 0;
  [[nodiscard]] virtual Result<development::DevelopmentAction> GetDevelopmentAction(TrustId trust, DevelopmentActionId id) = 0;
  [[nodiscard]] virtual Result<Listing<development::DevelopmentAction>> ListDevelopmentActions(const DevelopmentActionFilter& filter) = 0;

  // The trust's settings of the succession formulas: the documented defaults until some are
  // put (kNotFound when the trust does not exist). Put replaces them whole; values are not
  // range-checked here (succession::Check is PlanService's).
  [[nodiscard]] virtual Result<succession::SuccessionSettings> GetFormulaSettings(TrustId trust) = 0;
  [[nodiscard]] virtual Result<void> PutFormulaSettings(TrustId trust, const succession::SuccessionSettings& settings) = 0;

  // Pipeline snapshots: the headline figures at a moment, for the dashboard's trend. Append
  // only (no Update or Delete). At most one per review cycle (kConflict, field "cycle_id");
  // kValidationFailed when the cycle is not in the trust. Figures that cannot be measured (a
  // numerator above its denominator, a negative bench) are refused as kInternal: the caller
  // takes them from succession::MeasurePipeline, never from a user.
  [[nodiscard]] virtual Result<succession::PipelineSnapshot> Insert(const succession::PipelineSnapshot& snapshot) = 0;
  // The trust's snapshots, oldest first (taken_on, then id).
  [[nodiscard]] virtual Result<std::vector<succession::PipelineSnapshot>> ListPipelineSnapshots(TrustId trust) = 0;

  // Users.
  [[nodiscard]] virtual Result<access::User> Insert(const access::User& user) = 0;
  [[nodiscard]] virtual Result<void> Update(const access::User& user) = 0;
  [[nodiscard]] virtual Result<access::User> GetUser(UserId id) = 0;
  [[nodiscard]] virtual Result<std::optional<access::User>> FindUserByEmail(const std::string& email) = 0;
  // trust empty: every user (platform admins only ever ask for that).
  [[nodiscard]] virtual Result<Listing<access::User>> ListUsers(std::optional<TrustId> trust, Page page) = 0;

  // Sessions.
  [[nodiscard]] virtual Result<void> Insert(const access::Session& session) = 0;
  [[nodiscard]] virtual Result<std::optional<access::Session>> FindSession(const std::string& token_hash) = 0;
  [[nodiscard]] virtual Result<void> TouchSession(const std::string& token_hash, Instant last_seen) = 0;
  [[nodiscard]] virtual Result<void> DeleteSession(const std::string& token_hash) = 0;
  [[nodiscard]] virtual Result<void> DeleteSessionsOf(UserId user) = 0;
  [[nodiscard]] virtual Result<int64_t> DeleteSessionsBefore(Instant expires_before) = 0;

  // Single sign-ons begun and not yet finished. TakePendingSignIn reads and deletes the one
  // with this state hash in one statement, so of two callbacks with the same state (a replay,
  // or two servers at once) only one gets it; one whose expires_at is not after `now` is
  // deleted and not returned. DeletePendingSignInsBefore forgets those that expired before
  // `before` (abandoned sign-ins), returning how many.
  [[nodiscard]] virtual Result<void> Insert(const access::PendingSignIn& pending) = 0;
  [[nodiscard]] virtual Result<std::optional<access::PendingSignIn>> TakePendingSignIn(
      const std::string& state_hash, Instant now) = 0;
  [[nodiscard]] virtual Result<int64_t> DeletePendingSignInsBefore(Instant before) = 0;

  // Failed sign-ins, counted in the store so that every server behind one database throttles
  // alike. `key` names what is throttled (access::SignInThrottle passes a hash, never an email
  // or address in the clear). CountSignInFailure adds one failure at `at` in one statement
  // (two servers counting at once both count) and returns the failures counted so far;
  // BlockSignIns records when the key may try again; ClearSignInFailures forgets the key;
  // ForgetSignInFailuresBefore forgets keys whose last failure is older than `before` and are
  // not blocked then, returning how many.
  [[nodiscard]] virtual Result<int64_t> CountSignInFailure(const std::string& key, Instant at) = 0;
  [[nodiscard]] virtual Result<void> BlockSignIns(const std::string& key, Instant until) = 0;
  [[nodiscard]] virtual Result<std::optional<Instant>> SignInsBlockedUntil(const std::string& key) = 0;
  [[nodiscard]] virtual Result<void> ClearSignInFailures(const std::string& key) = 0;
  [[nodiscard]] virtual Result<int64_t> ForgetSignInFailuresBefore(Instant before) = 0;

  // Audit log: append and read only; there is no way to change or remove an entry.
  [[nodiscard]] virtual Result<void> Append(const access::AuditEntry& entry) = 0;
  // Many entries at once, in order (an import's): as Append for each; all or nothing as
  // InsertMany.
  [[nodiscard]] virtual Result<void> AppendMany(std::span<const access::AuditEntry> entries) = 0;
  // One entry about many records of its entity at once (an import's creations), with the
  // runs of their ids, which ListAudit's entity_id filter then finds it by; all or nothing.
  [[nodiscard]] virtual Result<void> AppendCovering(const access::AuditEntry& entry,
                                                    std::span<const access::IdRun> runs) = 0;
  [[nodiscard]] virtual Result<Listing<access::AuditEntry>> ListAudit(const AuditFilter& filter) = 0;

  // ---- Personal data (UK GDPR: privacy/) ----
  //
  // The only writes that change the append-only audit log and rating adjustments: each runs
  // in one transaction that lets the append-only triggers through while it runs, and no
  // longer (migration 0010). privacy::Erase and privacy::RunRetention call them, and nothing
  // else may.

  // Anonymises a person in place, keeping every number, category, date and link so that
  // counts, grids and pipelines still add up: the person's names and reference become the
  // erasure's, their email is emptied; the free text about them (their assessments' evidence,
  // ratings' rationale and evidence, risk's note, candidacies' notes and readiness reasons,
  // development actions' descriptions and outcomes) is emptied, and text that must not be
  // blank (adjustment reasons, action titles, an override's reason) becomes the replacement;
  // their name as assessor, and as the user who adjusted a rating, becomes the replacement;
  // `name_in_text` is replaced wherever the trust's free text holds it (meetings' and
  // discussions' attendees and outcomes, plans' notes, anyone's evidence and rationale);
  // their user accounts are disabled with no password, their email and display name
  // replaced, and their sessions ended. Records the erasure (FindErasure). kNotFound when the
  // person is not in the trust; kConflict (field "person_id") when already erased.
  [[nodiscard]] virtual Result<void> ErasePerson(const privacy::PersonErasure& erasure) = 0;
  // The day the person was erased, if they were.
  [[nodiscard]] virtual Result<std::optional<Date>> FindErasure(TrustId trust, PersonId person) = 0;
  // Rewrites the actor, before and after of each entry (by id, within its trust) with the
  // given ones; nothing else of an entry changes. An id not in the log is ignored.
  [[nodiscard]] virtual Result<void> RedactAudit(std::span<const access::AuditEntry> entries) = 0;

  // The trust's retention rules (all off until put; kNotFound when the trust does not exist).
  // Put replaces them whole; values outside privacy's limits are refused as kInternal (the
  // caller checks them first: privacy::CheckRules).
  [[nodiscard]] virtual Result<privacy::RetentionRules> GetRetentionRules(TrustId trust) = 0;
  [[nodiscard]] virtual Result<void> PutRetentionRules(TrustId trust, const privacy::RetentionRules& rules) = 0;
  // Removes the ratings (with their adjustments), assessments and risks of loss of everyone
  // of the trust who left on or before `left_by`; how many of each.
  [[nodiscard]] virtual Result<privacy::ReviewDataRemoved> RemoveLeaversReviewData(TrustId trust, Date left_by) = 0;
  // Removes the trust's audit entries written before `before`; how many.
  [[nodiscard]] virtual Result<int64_t> RemoveAuditBefore(TrustId trust, Instant before) = 0;
  // Claims the scheduled retention run of the trust on `day`: true for the first claim, false
  // when the day is already claimed (by this or another server). Call it inside the run's
  // transaction, so that a run that fails leaves the day unclaimed.
  [[nodiscard]] virtual Result<bool> ClaimRetentionRun(TrustId trust, Date day, Instant at) = 0;
};

}  // namespace trellis::store
