#include "http/reach.h"

#include <algorithm>

namespace trellis::http {
namespace {

constexpr int64_t kAll = 1'000'000;

}  // namespace

Result<std::unordered_set<PersonId>> StaffOf(Context& ctx, const std::vector<SchoolId>& schools,
                                             Date day) {
  std::unordered_set<PersonId> staff;
  for (SchoolId school : schools) {
    auto holdings = TRY(ctx.services.store.ListHoldings(
        {.trust = *ctx.trust, .school = school, .current_on = day, .page = {.limit = kAll}}));
    for (const auto& h : holdings.items) staff.insert(h.person);
  }
  return staff;
}

std::optional<std::vector<PersonId>> Reach::Only() const {
  if (whole_trust) return std::nullopt;
  std::vector<PersonId> only(people.begin(), people.end());
  std::sort(only.begin(), only.end());
  return only;
}

Result<Reach> ReachOf(Context& ctx, access::Permission permission) {
  Reach reach;
  if (!access::RoleAllows(ctx.who().user.role, permission)) return reach;
  const auto& scope = ctx.scope();
  reach.whole_trust = scope.whole_trust;
  if (reach.whole_trust) return reach;
  reach.people =
      TRY(StaffOf(ctx, {scope.schools.begin(), scope.schools.end()}, ctx.services.clock.Today()));
  if (scope.self) reach.people.erase(*scope.self);
  return reach;
}

Result<PlanReach> PlanReachOf(Context& ctx) {
  PlanReach reach;
  if (!access::RoleAllows(ctx.who().user.role, access::Permission::kReadSuccession)) return reach;
  const auto& scope = ctx.scope();
  reach.whole_trust = scope.whole_trust;
  if (reach.whole_trust) return reach;
  reach.schools = scope.schools;
  if (!scope.self) return reach;
  auto own = TRY(ctx.services.store.ListHoldings({.trust = *ctx.trust,
                                                  .person = *scope.self,
                                                  .current_on = ctx.services.clock.Today(),
                                                  .page = {.limit = kAll}}));
  for (const auto& h : own.items) reach.own_posts.insert(h.post);
  return reach;
}

}  // namespace trellis::http
