#include "succession/trust_pipeline.h"

#include <algorithm>
#include <unordered_map>

#include "org/people.h"
#include "succession/json.h"
#include "succession/trust_snapshot.h"
#include "talent/review_service.h"

namespace trellis::succession {
namespace {

std::vector<SchoolId> IdsOf(const std::vector<org::School>& schools) {
  std::vector<SchoolId> ids;
  ids.reserve(schools.size());
  for (const auto& school : schools) ids.push_back(school.id);
  return ids;
}

}  // namespace

std::string TrustPipeline::NameOf(PersonId person) const {
  auto it = names.find(person);
  return it == names.end() ? std::string() : it->second;
}

std::string TrustPipeline::SchoolNameOf(const std::optional<SchoolId>& school) const {
  if (!school) return {};
  // `schools` is sorted by id.
  auto it = std::lower_bound(schools.begin(), schools.end(), *school,
                             [](const org::School& s, SchoolId id) { return s.id < id; });
  return it != schools.end() && it->id == *school ? it->name : std::string();
}

const KeyPost& TrustPipeline::KeyPostOf(PostId post) const {
  return snapshot.posts()[*snapshot.PostIndex(post)];
}

PipelineMetrics MeasuredOn(const TrustPipeline& pipeline) {
  const std::vector<SchoolId> schools = IdsOf(pipeline.schools);
  return MeasurePipeline(pipeline.snapshot,
                         {.plans = pipeline.plans,
                          .risks = pipeline.risks,
                          .actions = pipeline.actions,
                          .schools = schools},
                         pipeline.settings.formula, pipeline.today);
}

Result<TrustPipeline> ReadTrustPipeline(store::Store& store, TrustId trust, Date today) {
  Snapshot snapshot = TRY(BuildTrustSnapshot(store, trust, today));
  auto schools = TRY(store.ListSchools({.trust = trust, .page = store::kEveryRow})).items;
  std::sort(schools.begin(), schools.end(),
            [](const org::School& a, const org::School& b) { return a.id < b.id; });
  std::unordered_map<PersonId, std::string> names;
  for (const auto& p :
       TRY(store.ListPeople(
               {.trust = trust, .include_leavers = true, .today = today, .page = store::kEveryRow}))
           .items)
    names.emplace(p.id, org::FullName(p));
  // Every read before the braced initializer: a TRY returning from inside one leaves the
  // members already built undestroyed under clang.
  auto plans = TRY(store.ListPlanContents(trust));
  auto risks = TRY(store.ListLossRisks(trust));
  auto actions =
      TRY(store.ListDevelopmentActions({.trust = trust, .page = store::kEveryRow})).items;
  auto settings = TRY(store.GetFormulaSettings(trust));
  TrustPipeline pipeline{
      .snapshot = std::move(snapshot),
      .plans = std::move(plans),
      .risks = std::move(risks),
      .actions = std::move(actions),
      .schools = std::move(schools),
      .names = std::move(names),
      .settings = std::move(settings),
      .today = today,
      .metrics = {}};
  pipeline.metrics = MeasuredOn(pipeline);
  return pipeline;
}

Result<ReviewRecords> ReadLatestReview(store::Store& store, TrustId trust, Date today) {
  ReviewRecords review;
  // Newest year first: the first closed one is the latest.
  for (auto& cycle : TRY(store.ListReviewCycles(trust))) {
    if (cycle.status != talent::CycleStatus::kClosed) continue;
    review.cycle = std::move(cycle);
    break;
  }
  if (review.cycle) {
    review.ratings = TRY(store.ListRatings(
                             {.trust = trust, .cycle = review.cycle->id, .page = store::kEveryRow}))
                         .items;
    review.meetings = TRY(store.ListCalibrationMeetings(trust, review.cycle->id));
  }
  std::unordered_map<PostId, SchoolId> school_of;
  for (const auto& post :
       TRY(store.ListPosts({.trust = trust, .today = today, .page = store::kEveryRow})).items)
    if (post.school) school_of.emplace(post.id, *post.school);
  for (const auto& h :
       TRY(store.ListHoldings({.trust = trust, .current_on = today, .page = store::kEveryRow}))
           .items) {
    auto it = school_of.find(h.post);
    if (it != school_of.end()) review.staff[it->second].push_back(h.person);
  }
  for (auto& [school, people] : review.staff) {
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
  }
  return review;
}

Result<PipelineSnapshot> RecordPipelineSnapshot(store::Store& store, TrustId trust,
                                                std::optional<ReviewCycleId> cycle,
                                                const Clock& clock, const org::Actor& actor) {
  const Instant now = clock.Now();
  const Date today = DateOf(now);
  const TrustPipeline pipeline = TRY(ReadTrustPipeline(store, trust, today));
  PipelineSnapshot snapshot = HeadlineOf(pipeline.metrics, today);
  snapshot.trust = trust;
  snapshot.cycle = cycle;
  snapshot = TRY(store.Insert(snapshot));
  TRY(store.Append(org::AuditEntryOf(actor, now, trust, "create", "pipeline_snapshot",
                                     snapshot.id.value(), {}, ToJson(snapshot).dump())));
  return snapshot;
}

Result<talent::ReviewCycle> CloseReviewCycle(store::Store& store, TrustId trust,
                                             ReviewCycleId cycle, const Clock& clock,
                                             const org::Actor& actor) {
  talent::ReviewCycle closed;
  TRY(store.Transact([&](store::Store& tx) -> Result<void> {
    closed = TRY(talent::ReviewService(tx, clock).Close(trust, cycle, actor));
    TRY(RecordPipelineSnapshot(tx, trust, closed.id, clock, actor));
    return Ok();
  }));
  return closed;
}

}  // namespace trellis::succession
