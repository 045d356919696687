// Export of succession records: risks of loss, key posts with their plans, and the successors
// named on each plan, in the columns the import takes.

#include <algorithm>

#include "exchange/cells.h"
#include "exchange/export_rows.h"

namespace trellis::exchange {
namespace {

// The plans of the trust's key posts with their post references, by post reference. A plan
// whose post is no longer key is left out: the import would make the post key again (key
// posts) or refuse it (successors), so it could not import back unchanged.
Result<std::vector<std::pair<std::string, succession::PlanContent>>> KeyPostPlans(
    store::Store& store, TrustId trust, Date today) {
  std::unordered_map<PostId, std::string> key_posts;
  for (auto& p : TRY(AllPosts(store, trust, today)))
    if (p.key) key_posts.emplace(p.id, std::move(p.reference));
  std::vector<std::pair<std::string, succession::PlanContent>> plans;
  for (auto& content : TRY(store.ListPlanContents(trust))) {
    const auto post = key_posts.find(content.plan.post);
    if (post != key_posts.end()) plans.emplace_back(post->second, std::move(content));
  }
  std::sort(plans.begin(), plans.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return plans;
}

}  // namespace

Result<void> EmitRisks(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  const auto people = TRY(PersonReferences(store, trust, today));
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : TRY(store.ListLossRisks(trust)))
    rows.push_back({Lookup(people, r.person), std::string(Code(r.risk)), CodeOrBlank(r.window),
                    r.note, r.assessed_on.ToIso()});
  SortRows(rows);
  for (const auto& row : rows) sink(row);
  return Ok();
}

Result<void> EmitKeyPosts(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  for (const auto& [post, content] : TRY(KeyPostPlans(store, trust, today))) {
    const succession::SuccessionPlan& p = content.plan;
    sink(std::vector<std::string>{post, CodeOrBlank(p.impact), FormatDate(p.review_on),
                                  FormatYesNo(p.consider_external), p.notes});
  }
  return Ok();
}

// By post reference, then rank.
Result<void> EmitSuccessors(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  const auto people = TRY(PersonReferences(store, trust, today));
  for (const auto& [post, content] : TRY(KeyPostPlans(store, trust, today)))
    for (const auto& c : content.candidates)  // by rank
      sink(std::vector<std::string>{post, std::to_string(c.rank), Lookup(people, c.person),
                                    c.external_name, c.external_source, CodeOrBlank(c.readiness),
                                    c.readiness_reason, FormatYesNo(c.emergency), c.notes});
  return Ok();
}

}  // namespace trellis::exchange
