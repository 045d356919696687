#include "demo/succession.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "demo/random.h"
#include "development/action_service.h"
#include "succession/plan_service.h"
#include "succession/ranking.h"
#include "succession/trust_snapshot.h"

namespace trellis::demo {
namespace {

using development::ActionKind;
using development::ActionService;
using development::ActionStatus;
using development::DevelopmentAction;
using succession::DepartureWindow;
using succession::Forum;
using succession::ImpactOfLoss;
using succession::LossRisk;
using succession::PlanCandidate;
using succession::PlanDiscussion;
using succession::PlanService;
using succession::RankedCandidate;
using succession::Readiness;
using succession::RiskOfLoss;
using succession::SuccessionPlan;

// Posts picked out for the story the demo tells (see succession.h), by their references in
// demo/plan.cc.
constexpr std::array<std::string_view, 3> kUncovered = {"P-FAR-CHAIR", "P-990105-LGB-CHAIR",
                                                        "P-990108-DHT2"};
constexpr std::string_view kLooksOutside = "P-TRUST-DOF";
constexpr std::string_view kFindingADirector = "P-FAR-CHAIR";
constexpr std::string_view kRetiring = "P-TRUST-CEO";

// Successor overload is "named on more than 2 plans" (docs/formulas.md): one person is named
// on three, everyone else on two at most.
constexpr int kOverloadedPlans = 3;
constexpr int kMostPlans = 2;

enum class PostKind {
  kTrustLeadership,
  kHeadship,
  kDeputyHeadship,
  kBoardOrCommittee,
  kLocalGoverningBody
};

struct PostInfo {
  std::string reference;
  PostKind kind = PostKind::kTrustLeadership;
};

constexpr std::array<const char*, 5> kOutcomes = {
    "Successors confirmed in this order; development actions agreed for the first choice.",
    "Agreed to keep the plan as it is and review it after the summer results.",
    "Asked for the first choice to lead a whole-school project this year.",
    "Agreed the emergency arrangement should the post fall vacant suddenly.",
    "Noted the gaps against the role profile; mentoring to be arranged across the trust.",
};
constexpr std::array<const char*, 2> kNobodyYetOutcomes = {
    "No internal successor yet; to be revisited after the next talent review.",
    "Agreed to look outside the trust should the post fall vacant.",
};

struct ActionTemplate {
  ActionKind kind;
  const char* prefix;
};
constexpr std::array<ActionTemplate, 6> kActionTemplates = {{
    {ActionKind::kStretchTask, "Stretch task: "},
    {ActionKind::kMentoring, "Mentoring from an experienced leader: "},
    {ActionKind::kShadowing, "Shadow the postholder: "},
    {ActionKind::kTrainingCourse, "Training course: "},
    {ActionKind::kCoaching, "Coaching: "},
    {ActionKind::kNpq, "NPQ in Executive Leadership module: "},
}};

bool IsGovernor(const succession::Candidate& person) {
  return person.stage && org::Info(*person.stage).governance;
}

Date AddDays(Date day, int days) { return Date(day.days() + std::chrono::days(days)); }

// The services' clock: the demo's day, at the time of `now` when that is the same day.
Instant ClockStart(Date today, Instant now) {
  if (DateOf(now) == today) return now;
  return Instant(std::chrono::sys_days(today.days())) + std::chrono::hours(9);
}

ImpactOfLoss ImpactOf(PostKind kind) {
  switch (kind) {
    case PostKind::kTrustLeadership:
    case PostKind::kHeadship:
      return ImpactOfLoss::kHigh;
    case PostKind::kDeputyHeadship:
    case PostKind::kBoardOrCommittee:
      return ImpactOfLoss::kMedium;
    case PostKind::kLocalGoverningBody:
      return ImpactOfLoss::kLow;
  }
  return ImpactOfLoss::kMedium;
}

// Where the plan is first discussed, and where it goes next.
std::pair<Forum, Forum> ForumsOf(PostKind kind) {
  switch (kind) {
    case PostKind::kTrustLeadership:
      return {Forum::kPayAndPersonnelCommittee, Forum::kTrustBoard};
    case PostKind::kHeadship:
    case PostKind::kLocalGoverningBody:
      return {Forum::kLocalGoverningBody, Forum::kTrustBoard};
    case PostKind::kDeputyHeadship:
      return {Forum::kSeniorLeadershipTeam, Forum::kLocalGoverningBody};
    case PostKind::kBoardOrCommittee:
      return {Forum::kTrustBoard, Forum::kOther};
  }
  return {Forum::kSeniorLeadershipTeam, Forum::kTrustBoard};
}

const char* AttendeesOf(Forum forum) {
  switch (forum) {
    case Forum::kSeniorLeadershipTeam:
      return "Headteacher, deputy and assistant headteachers";
    case Forum::kTrustBoard:
      return "Chair and directors of the Board, chief executive";
    case Forum::kPayAndPersonnelCommittee:
      return "Chair and members of the Pay and Personnel Committee, chief executive, HR lead";
    case Forum::kLocalGoverningBody:
      return "Chair and governors of the Local Governing Body, headteacher";
    case Forum::kOther:
      return "Chair of the Board and the governance professional";
  }
  return "";
}

std::string NotesOf(std::string_view reference) {
  if (reference == kRetiring)
    return "The chief executive has told the Chair of plans to retire at the end of next "
           "academic year.";
  if (reference == kLooksOutside)
    return "Nobody in the trust holds the finance qualifications the post needs; the Board "
           "agreed to look outside.";
  if (reference == kFindingADirector)
    return "The chair's second term ends next year and no director has an audit background "
           "yet; the Board will recruit a director who has.";
  return "";
}

class SuccessionWriter {
 public:
  SuccessionWriter(store::Store& tx, TrustId trust, uint64_t seed, Date today, Instant now)
      : tx_(tx),
        trust_(trust),
        today_(today),
        clock_(ClockStart(today, now)),
        plans_(tx, clock_),
        actions_(tx, clock_),
        rng_(seed ^ 0x5ecc0551a5e5eedULL) {}

  Result<void> Write() {
    TRY(ReadPosts());
    const succession::Snapshot snapshot = TRY(succession::BuildTrustSnapshot(tx_, trust_, today_));
    const succession::FormulaSettings formula = TRY(tx_.GetFormulaSettings(trust_)).formula;
    for (size_t i = 0; i < snapshot.posts().size(); ++i) TRY(WritePlan(snapshot, i, formula));
    return WriteRisks(snapshot);
  }

 private:
  Result<void> ReadPosts() {
    std::map<BodyId, org::BodyKind> body_kinds;
    for (const auto& body : TRY(tx_.ListBodies({.trust = trust_, .page = store::kEveryRow})).items)
      body_kinds.emplace(body.id, body.kind);
    for (const auto& post :
         TRY(tx_.ListPosts(
                 {.trust = trust_, .key = true, .today = today_, .page = store::kEveryRow}))
             .items) {
      PostInfo info{.reference = post.reference};
      if (post.body) {
        info.kind = body_kinds.at(*post.body) == org::BodyKind::kLocalGoverningBody
                        ? PostKind::kLocalGoverningBody
                        : PostKind::kBoardOrCommittee;
      } else if (post.school) {
        info.kind =
            post.title.starts_with("Headteacher") ? PostKind::kHeadship : PostKind::kDeputyHeadship;
      }
      posts_.emplace(post.id, std::move(info));
    }
    return Ok();
  }

  bool MayName(PersonId person) const {
    const auto it = times_named_.find(person);
    const int times = it == times_named_.end() ? 0 : it->second;
    return times < (person == overloaded_ ? kOverloadedPlans : kMostPlans);
  }

  // Now and then a leader overrides the formula, and says why. On the retiring chief
  // executive's plan nobody is ready now: that is the risk the demo shows.
  void JudgeReadiness(PlanCandidate& c, Readiness suggested, int roll, bool none_ready_now) {
    if (roll <= 18) {
      switch (suggested) {
        case Readiness::kThreePlusYears:
          c.readiness = Readiness::kOneToTwoYears;
          c.readiness_reason = "Acting up this year has brought their readiness forward.";
          break;
        case Readiness::kOneToTwoYears:
          c.readiness = none_ready_now ? Readiness::kThreePlusYears : Readiness::kReadyNow;
          c.readiness_reason = none_ready_now
                                   ? "Has asked to stay in their current role for two more years."
                                   : "Acted up in the role for a term, and did it well.";
          break;
        case Readiness::kReadyNow:
          c.readiness = Readiness::kOneToTwoYears;
          c.readiness_reason =
              "Strong in post but new to the phase: a year of wider experience first.";
          break;
      }
    }
    if (none_ready_now && succession::EffectiveReadiness(c, suggested) == Readiness::kReadyNow) {
      c.readiness = Readiness::kOneToTwoYears;
      c.readiness_reason = "Not yet: needs a year leading a second school first.";
    }
  }

  Result<void> WritePlan(const succession::Snapshot& snapshot, size_t index,
                         const succession::FormulaSettings& formula) {
    const succession::KeyPost& key = snapshot.posts()[index];
    const PostInfo& info = posts_.at(key.id);
    const bool uncovered =
        std::find(kUncovered.begin(), kUncovered.end(), info.reference) != kUncovered.end();
    const bool looks_outside = info.reference == kLooksOutside;
    const bool retiring = info.reference == kRetiring;

    // Every draw of this plan, in a fixed order.
    const int wanted = rng_.Between(1, 3);
    const bool overdue = rng_.Chance(15) || retiring;  // the Board has let this one slip
    const int review_in = overdue ? -rng_.Between(10, 60) : rng_.Between(30, 330);
    const int first_held = rng_.Between(20, 200);
    const int second_held = rng_.Between(1, first_held - 1);
    const bool discussed_twice = rng_.Chance(50);
    const int first_outcome = rng_.Between(0, static_cast<int>(kOutcomes.size()) - 1);
    const int second_outcome = rng_.Between(0, static_cast<int>(kOutcomes.size()) - 1);
    const bool emergency = rng_.Chance(70);

    const SuccessionPlan plan = TRY(plans_.CreatePlan(
        trust_,
        SuccessionPlan{.post = key.id,
                       .impact = ImpactOf(info.kind),
                       .consider_external = looks_outside || info.reference == kFindingADirector,
                       .review_on = AddDays(today_, review_in),
                       .notes = NotesOf(info.reference)},
        actor_));

    std::vector<PlanCandidate> named;
    std::optional<RankedCandidate> first_choice;
    if (looks_outside) {
      named.push_back(TRY(plans_.AddCandidate(
          trust_, plan.id,
          PlanCandidate{.external_name = "Priya Raman",
                        .external_source = "Director of finance at a neighbouring trust, met "
                                           "through the Leeds trusts' finance network",
                        .notes = "Interested; would need a term's notice.",
                        .readiness = Readiness::kReadyNow},
          std::nullopt, actor_)));
    } else if (!uncovered) {
      const succession::Ranking ranking = succession::Rank(snapshot, index, formula);
      for (const RankedCandidate& ranked : ranking.candidates) {
        if (static_cast<int>(named.size()) == wanted) break;
        if (!MayName(ranked.person)) continue;
        // A body's staff members (its headteacher, a staff governor) may not chair it: a
        // governance post is left to the governors and directors.
        if (key.governance && !IsGovernor(*snapshot.FindPerson(ranked.person))) continue;
        const int override_roll = rng_.Between(1, 100);
        PlanCandidate c{.person = ranked.person, .emergency = named.empty() && emergency};
        JudgeReadiness(c, ranked.suggested, override_roll, retiring);
        named.push_back(TRY(plans_.AddCandidate(trust_, plan.id, c, std::nullopt, actor_)));
        if (!first_choice) first_choice = ranked;
        if (!overloaded_.valid() && info.kind == PostKind::kHeadship)
          overloaded_ = ranked.person;  // the trust's strongest deputy, asked for everywhere
        ++times_named_[ranked.person];
      }
    }
    if (first_choice && info.kind == PostKind::kHeadship && first_choice->person != overloaded_ &&
        !restless_successor_.valid())
      restless_successor_ = first_choice->person;

    const auto [first_forum, second_forum] = ForumsOf(info.kind);
    const auto outcome = [&](int drawn) {
      return named.empty()
                 ? kNobodyYetOutcomes[static_cast<size_t>(drawn) % kNobodyYetOutcomes.size()]
                 : kOutcomes[static_cast<size_t>(drawn)];
    };
    TRY(plans_.RecordDiscussion(trust_, plan.id,
                                PlanDiscussion{.held_on = AddDays(today_, -first_held),
                                               .forum = first_forum,
                                               .attendees = AttendeesOf(first_forum),
                                               .outcome = outcome(first_outcome)},
                                actor_));
    if (discussed_twice)
      TRY(plans_.RecordDiscussion(trust_, plan.id,
                                  PlanDiscussion{.held_on = AddDays(today_, -second_held),
                                                 .forum = second_forum,
                                                 .attendees = AttendeesOf(second_forum),
                                                 .outcome = outcome(second_outcome)},
                                  actor_));

    if (!first_choice) return Ok();
    const std::optional<PersonId> owner =
        key.holders.empty() ? std::nullopt : std::optional<PersonId>(key.holders.front());
    return WriteActions(plan.id, *first_choice, owner);
  }

  // Development actions against the first choice's gaps: one or two, in every status.
  Result<void> WriteActions(SuccessionPlanId plan, const RankedCandidate& candidate,
                            std::optional<PersonId> owner) {
    const int count = rng_.Between(1, 2);
    for (size_t g = 0; g < candidate.gaps.size() && static_cast<int>(g) < count; ++g) {
      const int kind = rng_.Between(0, static_cast<int>(kActionTemplates.size()) - 1);
      const int raised_ago = rng_.Between(30, 240);
      const int due_after = rng_.Between(60, 270);
      const int status_roll = rng_.Between(1, 100);
      const ActionTemplate& how = kActionTemplates[static_cast<size_t>(kind)];
      const auto gap = TRY(tx_.GetCompetency(trust_, candidate.gaps[g].competency));
      const Date raised_on = AddDays(today_, -raised_ago);
      DevelopmentAction action{
          .person = candidate.person,
          .kind = how.kind,
          .title = how.prefix + gap.name,
          .description = "Agreed at the plan's review to close the gap in \"" + gap.name +
                         "\" (level " + std::to_string(candidate.gaps[g].assessed) + " of " +
                         std::to_string(candidate.gaps[g].required) + " required).",
          .source = development::ActionSource::kSuccessionGap,
          .gap = gap.id,
          .plan = plan,
          .owner = owner,
          .due_on = AddDays(raised_on, due_after),
          .status = status_roll <= 35 ? ActionStatus::kPlanned : ActionStatus::kInProgress,
          .raised_on = raised_on};
      const DevelopmentAction raised = TRY(actions_.Raise(trust_, action, actor_));
      if (status_roll <= 70) continue;
      const bool completed = status_roll <= 88;
      TRY(actions_.Change(
          trust_, raised.id,
          [&](DevelopmentAction& a) -> Result<void> {
            a.status = completed ? ActionStatus::kCompleted : ActionStatus::kCancelled;
            a.outcome = completed
                            ? "Done; the next assessment will show how far the gap has closed."
                            : "Stopped: the candidate took on an acting role instead.";
            return Ok();
          },
          actor_));
    }
    return Ok();
  }

  // Risks of the key posts' holders: most recorded, mostly low or medium; the chief executive
  // retiring within a year; one headship's first choice looking elsewhere.
  Result<void> WriteRisks(const succession::Snapshot& snapshot) {
    std::set<PersonId> done;
    for (const succession::KeyPost& key : snapshot.posts()) {
      if (key.holders.empty() || !done.insert(key.holders.front()).second) continue;
      const bool recorded = rng_.Chance(85);
      const int level = rng_.Between(1, 100);
      const int assessed_ago = rng_.Between(10, 150);
      LossRisk risk{.person = key.holders.front(), .assessed_on = AddDays(today_, -assessed_ago)};
      const PostInfo& info = posts_.at(key.id);
      // Governors and directors are volunteers: they go at the end of a term, not for a job.
      const bool volunteer =
          info.kind == PostKind::kBoardOrCommittee || info.kind == PostKind::kLocalGoverningBody;
      if (info.reference == kRetiring) {
        risk.risk = RiskOfLoss::kHigh;
        risk.window = DepartureWindow::kWithinAYear;
        risk.note = "Plans to retire at the end of next academic year.";
      } else if (!recorded) {
        continue;
      } else if (level <= 55) {
        risk.risk = RiskOfLoss::kLow;
        risk.window = DepartureWindow::kOverFiveYears;
        risk.note =
            volunteer ? "Happy to stand for another term." : "Settled and committed to the trust.";
      } else if (level <= 95) {
        risk.risk = RiskOfLoss::kMedium;
        risk.window = DepartureWindow::kTwoToFiveYears;
        risk.note = volunteer ? "Undecided about standing for another term."
                              : "Has mentioned interest in roles closer to home.";
      } else {
        risk.risk = RiskOfLoss::kHigh;
        risk.window = DepartureWindow::kOneToTwoYears;
        risk.note = volunteer ? "Not expected to stand again when the term ends."
                              : "Applying for posts outside the trust.";
      }
      TRY(plans_.SetRisk(trust_, risk, actor_));
    }
    if (!restless_successor_.valid()) return Ok();
    TRY(plans_.SetRisk(trust_,
                       LossRisk{.person = restless_successor_,
                                .risk = RiskOfLoss::kHigh,
                                .window = DepartureWindow::kOneToTwoYears,
                                .note = "Shortlisted for headships outside the trust.",
                                .assessed_on = AddDays(today_, -14)},
                       actor_));
    return Ok();
  }

  store::Store& tx_;
  TrustId trust_;
  Date today_;
  ManualClock clock_;
  PlanService plans_;
  ActionService actions_;
  Random rng_;
  const org::Actor actor_{.user = std::nullopt, .name = "demo", .remote = ""};
  std::unordered_map<PostId, PostInfo> posts_;
  std::unordered_map<PersonId, int> times_named_;
  PersonId overloaded_;
  PersonId restless_successor_;
};

}  // namespace

Result<void> WriteSuccession(store::Store& tx, TrustId trust, uint64_t seed, Date today,
                             Instant now) {
  return SuccessionWriter(tx, trust, seed, today, now).Write();
}

}  // namespace trellis::demo
