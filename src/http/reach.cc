#include "http/reach.h"

#include <algorithm>

namespace trellis::http {

std::optional<std::vector<PersonId>> Reach::Only() const {
  if (whole_trust) return std::nullopt;
  std::vector<PersonId> only(people.begin(), people.end());
  std::sort(only.begin(), only.end());
  return only;
}

Reach ReachOf(const Context& ctx, access::Permission permission) {
  Reach reach;
  if (!access::RoleAllows(ctx.who().user.role, permission)) return reach;
  const auto& scope = ctx.scope();
  reach.whole_trust = scope.whole_trust;
  if (reach.whole_trust) return reach;
  reach.people = scope.staff;
  if (scope.self) reach.people.erase(*scope.self);
  return reach;
}

PlanReach PlanReachOf(const Context& ctx) {
  PlanReach reach;
  if (!access::RoleAllows(ctx.who().user.role, access::Permission::kReadSuccession)) return reach;
  const auto& scope = ctx.scope();
  reach.whole_trust = scope.whole_trust;
  if (reach.whole_trust) return reach;
  reach.schools = scope.schools;
  reach.own_posts = scope.own_posts;
  return reach;
}

}  // namespace trellis::http
