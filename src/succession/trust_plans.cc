#include "succession/trust_plans.h"

#include <algorithm>
#include <utility>

#include "succession/trust_snapshot.h"

namespace trellis::succession {
namespace {

// The school of each person's first current post as the store lists their holdings (none for
// a post at no school): one read per person (a plan names a few) and one for the posts.
Result<std::unordered_map<PersonId, SchoolId>> SchoolsOf(store::Store& store, TrustId trust,
                                                         const std::vector<PersonId>& people,
                                                         Date today) {
  std::unordered_map<PersonId, PostId> first_post;
  for (PersonId person : people) {
    auto held = TRY(store.ListHoldings(
        {.trust = trust, .person = person, .current_on = today, .page = store::kEveryRow}));
    if (!held.items.empty()) first_post.emplace(person, held.items.front().post);
  }
  std::vector<PostId> posts;
  for (const auto& entry : first_post) posts.push_back(entry.second);
  std::sort(posts.begin(), posts.end());
  std::unordered_map<PostId, std::optional<SchoolId>> school_of;
  if (!posts.empty()) {
    auto listing = TRY(store.ListPosts(
        {.trust = trust, .only = std::move(posts), .today = today, .page = store::kEveryRow}));
    for (const auto& p : listing.items) school_of.emplace(p.id, p.school);
  }
  std::unordered_map<PersonId, SchoolId> out;
  for (const auto& [person, post] : first_post)
    if (auto it = school_of.find(post); it != school_of.end() && it->second)
      out.emplace(person, *it->second);
  return out;
}

}  // namespace

Result<KeyPostPlans> ReadKeyPostPlans(store::Store& store, TrustId trust, Date today) {
  const Snapshot snapshot = TRY(BuildTrustSnapshot(store, trust, today));
  const FormulaSettings formula = TRY(store.GetFormulaSettings(trust)).formula;
  auto posts =
      TRY(store.ListPosts({.trust = trust, .key = true, .today = today, .page = store::kEveryRow}));
  std::unordered_map<PostId, PlanContent> plans;
  for (auto& content : TRY(store.ListPlanContents(trust)))
    plans.emplace(content.plan.post, std::move(content));

  KeyPostPlans out{.posts = {}, .risks = TRY(store.ListLossRisks(trust)), .names = {}};
  std::vector<PersonId> mentioned;
  for (auto& post : posts.items) {
    KeyPostPlan line{.post = {},
                     .school = SchoolServed(snapshot, post),
                     .holders = {},
                     .plan = std::nullopt,
                     .evaluations = {}};
    if (auto index = snapshot.PostIndex(post.id)) line.holders = snapshot.posts()[*index].holders;
    if (auto it = plans.find(post.id); it != plans.end()) {
      line.evaluations = EvaluateCandidates(snapshot, it->second, formula);
      for (const auto& c : it->second.candidates)
        if (c.person) mentioned.push_back(*c.person);
      line.plan = std::move(it->second);
    }
    mentioned.insert(mentioned.end(), line.holders.begin(), line.holders.end());
    line.post = std::move(post);
    out.posts.push_back(std::move(line));
  }
  for (auto& [id, person] : TRY(org::PeopleOf(store, trust, std::move(mentioned), today)))
    out.names.emplace(id, org::FullName(person));
  return out;
}

Result<PlanInFull> ReadPlanInFull(store::Store& store, TrustId trust, SuccessionPlanId plan,
                                  org::Post post, Date today) {
  PlanInFull full{.content = TRY(store.GetPlanContent(trust, plan))};
  const Snapshot snapshot = TRY(BuildTrustSnapshot(store, trust, today));
  const FormulaSettings formula = TRY(store.GetFormulaSettings(trust)).formula;
  full.evaluations = EvaluateCandidates(snapshot, full.content, formula);
  full.school = SchoolServed(snapshot, post);
  full.holdings =
      TRY(store.ListHoldings(
              {.trust = trust, .post = post.id, .current_on = today, .page = store::kEveryRow}))
          .items;
  for (const auto& h : full.holdings)
    if (auto risk = TRY(store.FindLossRisk(trust, h.person))) full.risks.emplace(h.person, *risk);
  full.actions =
      TRY(store.ListDevelopmentActions({.trust = trust, .plan = plan, .page = store::kEveryRow}))
          .items;

  std::vector<PersonId> internal;
  for (const auto& c : full.content.candidates)
    if (c.person) internal.push_back(*c.person);
  std::vector<PersonId> mentioned = development::PeopleIn(full.actions);
  for (const auto& h : full.holdings) mentioned.push_back(h.person);
  mentioned.insert(mentioned.end(), internal.begin(), internal.end());
  full.people = TRY(org::PeopleOf(store, trust, std::move(mentioned), today));
  full.candidate_schools = TRY(SchoolsOf(store, trust, internal, today));
  full.post = std::move(post);
  return full;
}

}  // namespace trellis::succession
