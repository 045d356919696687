// The importers of succession records: risks of loss, key posts with their succession plans,
// and the successors named on each plan. The rules are succession::PlanService's, from the
// pure functions it uses too (succession/validation.h), and a plan's candidate list is stored
// as PlanService stores it (succession::StoreCandidateList).

#include <algorithm>
#include <set>

#include "exchange/importer.h"
#include "org/json.h"
#include "org/record_writes.h"
#include "succession/json.h"
#include "succession/plan_service.h"
#include "succession/validation.h"

namespace trellis::exchange {
namespace {

// ------------------------------------------------------------------------------------ risks

// A person's risk of loss: at most one each, replaced by the file's.
class RiskImporter final : public Importer {
 public:
  RiskImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    for (auto& person : TRY(AllPeople(store, trust_, today_)))
      people_.emplace(person.reference, std::move(person));
    for (auto& risk : TRY(store.ListLossRisks(trust_)))
      stored_.emplace(risk.person, std::move(risk));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace risk_col;
    const auto person = r.Reference(kPerson, people_, kUnknownPerson);
    const succession::LossRisk* stored = person ? Find(stored_, person->id) : nullptr;
    succession::LossRisk risk = stored ? *stored : succession::LossRisk{.trust = trust_};
    if (person) risk.person = person->id;
    r.Read(kRisk, risk.risk, std::nullopt);
    r.Read(kWindow, risk.window);
    r.Read(kNote, risk.note);
    if (auto assessed_on = r.RequiredDate(kAssessedOn)) risk.assessed_on = *assessed_on;
    // PlanService::SetRisk's rules.
    auto checks = succession::Check(risk);
    org::NoteInFuture(checks, "assessed_on", risk.assessed_on, today_);
    // As SetRisk, for a risk the row sets: one it repeats may stay with someone since gone.
    if (person && !(stored && SameRecord(*stored, risk)))
      org::NoteLeft(checks, "person_id", *person, today_);
    r.Report(checks);
    if (person) first_rows_.Claim(person->id, r, kPerson, problems);
    if (r.ok()) plan_.Add(std::move(risk), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "loss_risk");
  }

 private:
  TrustId trust_;
  Date today_;
  StringMap<org::Person> people_;
  std::unordered_map<PersonId, succession::LossRisk> stored_;  // by person
  FirstRows<PersonId> first_rows_;
  Plan<succession::LossRisk> plan_;
};

// ---------------------------------------------------------------------------------- plans

// The trust's key posts by reference, and their plans (at most one per post).
struct PlansOfPosts {
  StringMap<org::Post> posts;
  std::unordered_map<PostId, succession::PlanContent> plans;

  [[nodiscard]] Result<void> Load(store::Store& store, TrustId trust, Date today) {
    for (auto& post : TRY(AllPosts(store, trust, today)))
      posts.emplace(post.reference, std::move(post));
    for (auto& content : TRY(store.ListPlanContents(trust)))
      plans.emplace(content.plan.post, std::move(content));
    return Ok();
  }

  const succession::PlanContent* PlanOf(PostId post) const { return Find(plans, post); }
};

// A key post and its succession plan: the post is made key when it is not, and its plan
// created or updated.
class KeyPostImporter final : public Importer {
 public:
  KeyPostImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override { return stored_.Load(store, trust_, today_); }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace key_post_col;
    const auto post = r.Reference(kPost, stored_.posts, kUnknownPost);
    const auto* content = post ? stored_.PlanOf(post->id) : nullptr;
    const succession::SuccessionPlan* stored = content ? &content->plan : nullptr;
    succession::SuccessionPlan plan =
        stored ? *stored : succession::SuccessionPlan{.trust = trust_, .created_on = today_};
    if (post) plan.post = post->id;
    r.Read(kImpact, plan.impact);
    r.Read(kReviewOn, plan.review_on);
    r.Read(kConsiderExternal, plan.consider_external, false);
    r.Read(kNotes, plan.notes);
    r.Report(succession::Check(plan));
    if (post) first_rows_.Claim(post->id, r, kPost, problems);
    if (!r.ok()) return;
    if (!post->key) {
      org::Post key = *post;
      key.key = true;
      made_key_.push_back({key, *post});
      if (stored && SameRecord(*stored, plan)) ++keyed_only_;
    }
    plan_.Add(std::move(plan), stored);
  }

  // A plan unchanged whose post becomes key again counts as updated.
  Counts counts() const override {
    return {plan_.created, plan_.updated + keyed_only_, plan_.unchanged - keyed_only_};
  }

  // Posts first: a plan is for a key post.
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    for (const auto& change : made_key_) {
      TRY(tx.Update(change.record));
      TRY(audit.Append(tx, "post", change.record.id.value(), org::ToJson(change.before).dump(),
                       org::ToJson(change.record).dump()));
    }
    return plan_.Apply(tx, audit, "succession_plan");
  }

 private:
  TrustId trust_;
  Date today_;
  PlansOfPosts stored_;
  FirstRows<PostId> first_rows_;
  std::vector<Changed<org::Post>> made_key_;
  int64_t keyed_only_ = 0;
  Plan<succession::SuccessionPlan> plan_;
};

// ------------------------------------------------------------------------------- successors

// The successors named on key posts' plans: the rows of one post are its plan's whole list of
// candidates, replacing the one stored (a candidate already named, the same person or the same
// outsider by name, keeps their record and the day they were added). The plan is created when
// the post has none.
class SuccessorImporter final : public Importer {
 public:
  SuccessorImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    TRY(stored_.Load(store, trust_, today_));
    for (auto& person : TRY(AllPeople(store, trust_, today_)))
      people_.emplace(person.reference, std::move(person));
    for (const auto& h : TRY(AllHoldings(store, trust_)))
      if (org::InForce(h, today_)) holders_.insert({h.post.value(), h.person.value()});
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace successor_col;
    const auto post = r.Reference(kPost, stored_.posts, kUnknownPost);
    const auto rank = r.RequiredSmallNumber(kRank);
    const auto person = r.OptionalReference(kPerson, people_, kUnknownPerson);
    const std::string external_name(r.Text(kExternalName));
    const auto* content = post ? stored_.PlanOf(post->id) : nullptr;
    const succession::PlanCandidate* stored =
        content ? Named(*content, person ? std::optional(person->id) : std::nullopt, external_name)
                : nullptr;
    succession::PlanCandidate c =
        stored ? *stored : succession::PlanCandidate{.trust = trust_, .added_on = today_};
    c.person = person ? std::optional(person->id) : std::nullopt;
    c.external_name = external_name;
    if (rank) c.rank = *rank;
    r.Read(kExternalSource, c.external_source);
    r.Read(kReadiness, c.readiness);
    r.Read(kReadinessReason, c.readiness_reason);
    r.Read(kEmergency, c.emergency, false);
    r.Read(kNotes, c.notes);

    // PlanService's rules for one candidate; as AddCandidate, who may be named is checked when
    // they are named, so a candidate already on the plan who has since left stays.
    auto checks = succession::Check(c);
    if (post) succession::CheckPlanPost(*post, checks);
    if (post && person && !stored)
      succession::CheckSuccessor(*person, holders_.contains({post->id.value(), person->id.value()}),
                                 today_, checks);
    r.Report(checks);
    if (post && (person || !external_name.empty())) {
      const std::string who =
          person ? "person " + std::to_string(person->id.value()) : "outsider " + external_name;
      first_rows_.Claim(std::to_string(post->id.value()) + " " + who, r,
                        person ? kPerson : kExternalName, problems);
    }
    if (!r.ok()) return;
    auto [it, first] = lists_.try_emplace(post->id);
    if (first) order_.push_back(post->id);
    it->second.push_back({{r.row(), r.Cells()}, std::move(c)});
  }

  // Each post's rows as a whole: its plan's list rules, then what changes.
  void Finish(const Sheet& sheet, ProblemList& problems) override {
    for (PostId post : order_) {
      const std::vector<CandidateRow>& rows = lists_.at(post);
      std::vector<succession::PlanCandidate> wanted;
      std::vector<const RowCells*> cells;
      for (const auto& row : rows) {
        wanted.push_back(row.candidate);
        cells.push_back(&row.cells);
      }
      const auto checks = succession::CheckCandidateList(wanted);
      ReportGroup(sheet, checks, "candidates", cells, problems);
      if (!checks.empty()) continue;
      const succession::PlanContent* content = stored_.PlanOf(post);
      if (content && SameList(content->candidates, wanted)) {
        ++counts_.unchanged;
        continue;
      }
      ++(content ? counts_.updated : counts_.created);
      changes_.push_back({post, std::move(wanted)});
    }
  }

  Counts counts() const override { return counts_; }

  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    for (auto& change : changes_) {
      const succession::PlanContent* content = stored_.PlanOf(change.post);
      succession::SuccessionPlan plan;
      std::vector<succession::PlanCandidate> current;
      if (content) {
        plan = content->plan;
        current = content->candidates;
      } else {
        plan = TRY(tx.Insert(succession::SuccessionPlan{
            .trust = trust_, .post = change.post, .created_on = today_}));
        TRY(audit.Append(tx, "succession_plan", plan.id.value(), {},
                         succession::ToJson(plan).dump()));
      }
      for (auto& c : change.candidates) c.plan = plan.id;
      TRY(succession::StoreCandidateList(tx, current, change.candidates));
      const auto now =
          TRY(tx.ListPlanCandidates({.trust = trust_, .plan = plan.id, .page = store::kEveryRow}));
      TRY(audit.Append(tx, "succession_plan", plan.id.value(), ListJson(current),
                       ListJson(now.items)));
    }
    return Ok();
  }

 private:
  struct CandidateRow {
    RowCells cells;
    succession::PlanCandidate candidate;
  };
  struct Change {
    PostId post;
    std::vector<succession::PlanCandidate> candidates;
  };

  // The candidate of the plan a row names: the same person, or the same outsider by name.
  static const succession::PlanCandidate* Named(const succession::PlanContent& content,
                                                std::optional<PersonId> person,
                                                const std::string& external_name) {
    for (const auto& c : content.candidates) {
      if (person ? c.person == person : !c.person && c.external_name == external_name) return &c;
    }
    return nullptr;
  }

  // The stored list and the file's are the same when each candidate is (added_on aside), in
  // any order of rows.
  static bool SameList(const std::vector<succession::PlanCandidate>& stored,
                       const std::vector<succession::PlanCandidate>& wanted) {
    if (stored.size() != wanted.size()) return false;
    return std::all_of(wanted.begin(), wanted.end(), [&](const succession::PlanCandidate& w) {
      return std::any_of(stored.begin(), stored.end(),
                         [&](const succession::PlanCandidate& s) { return s == w; });
    });
  }

  // A plan's candidate list as the audit log shows it (as PlanService's entries do).
  static std::string ListJson(const std::vector<succession::PlanCandidate>& candidates) {
    return nlohmann::json{{"candidates", succession::ToJson(candidates)}}.dump();
  }

  TrustId trust_;
  Date today_;
  PlansOfPosts stored_;
  StringMap<org::Person> people_;
  std::set<std::pair<int64_t, int64_t>> holders_;  // (post, person) held today
  FirstRows<std::string> first_rows_;
  std::unordered_map<PostId, std::vector<CandidateRow>> lists_;
  std::vector<PostId> order_;  // posts in the order of the file
  std::vector<Change> changes_;
  Counts counts_;
};

}  // namespace

std::unique_ptr<Importer> MakeSuccessionImporter(Kind kind, const ImportOptions& options) {
  switch (kind) {
    case Kind::kRisks:
      return std::make_unique<RiskImporter>(options.trust, options.today);
    case Kind::kKeyPosts:
      return std::make_unique<KeyPostImporter>(options.trust, options.today);
    case Kind::kSuccessors:
      return std::make_unique<SuccessorImporter>(options.trust, options.today);
    default:
      return nullptr;
  }
}

}  // namespace trellis::exchange
