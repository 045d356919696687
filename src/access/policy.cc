#include "access/policy.h"

namespace trellis::access {
namespace {

constexpr int64_t kAll = 1'000'000;  // page size meaning "all" for scope lookups

}  // namespace

bool RoleAllows(Role role, Permission permission) {
  switch (permission) {
    case Permission::kPublic:
    case Permission::kSignedIn:
    case Permission::kReadTrust:
    case Permission::kReadPeople:
      return true;
    case Permission::kWriteOrg:
    case Permission::kManageUsers:
    case Permission::kImport:
    case Permission::kReadAudit:
      return role == Role::kPlatformAdmin || role == Role::kTrustAdmin;
    case Permission::kAssess:
      return role == Role::kPlatformAdmin || role == Role::kTrustAdmin ||
             role == Role::kExecutive || role == Role::kHeadteacher ||
             role == Role::kLineManager;
    case Permission::kExport:
      return role == Role::kPlatformAdmin || role == Role::kTrustAdmin || role == Role::kExecutive;
    case Permission::kManageTrusts:
      return role == Role::kPlatformAdmin;
    case Permission::kSuccession:
      return role == Role::kPlatformAdmin || role == Role::kTrustAdmin || role == Role::kExecutive;
    case Permission::kReadSuccession:
    case Permission::kReadRatings:
      return role == Role::kPlatformAdmin || role == Role::kTrustAdmin ||
             role == Role::kExecutive || role == Role::kHeadteacher;
    case Permission::kProposeRatings:
    case Permission::kDevelop:
      return role == Role::kPlatformAdmin || role == Role::kTrustAdmin ||
             role == Role::kHeadteacher || role == Role::kLineManager;
    case Permission::kManageReviews:
    case Permission::kManageSuccession:
    case Permission::kManagePersonalData:
      return role == Role::kPlatformAdmin || role == Role::kTrustAdmin;
  }
  return false;
}

Result<Scope> ResolveScope(store::Store& store, const User& user, Date today) {
  Scope scope;
  if (user.role == Role::kPlatformAdmin) {
    scope.whole_trust = true;
    return scope;
  }
  if (!user.trust) return scope;  // A trust role without a trust sees nothing.
  const TrustId trust = *user.trust;
  scope.trust = trust;
  if (user.role == Role::kTrustAdmin || user.role == Role::kExecutive) {
    scope.whole_trust = true;
    return scope;
  }
  if (!user.person) return scope;
  const PersonId self = *user.person;
  scope.self = self;
  scope.people.insert(self);

  // Adds the holders and posts of the holdings `filter` finds; returns the holders.
  auto add_holdings = [&](const store::HoldingFilter& filter) -> Result<std::vector<PersonId>> {
    auto holdings = TRY(store.ListHoldings(filter));
    std::vector<PersonId> holders;
    for (const auto& h : holdings.items) {
      scope.people.insert(h.person);
      scope.posts.insert(h.post);
      holders.push_back(h.person);
    }
    return holders;
  };
  auto add_members = [&](BodyId body) -> Result<void> {
    scope.bodies.insert(body);
    auto members = TRY(store.ListMemberships(
        {.trust = trust, .body = body, .current_on = today, .page = {.limit = kAll}}));
    for (const auto& m : members.items) scope.people.insert(m.person);
    // Posts at the body (its chair, say) come with it.
    auto posts = TRY(store.ListPosts(
        {.trust = trust, .body = body, .today = today, .page = {.limit = kAll}}));
    for (const auto& p : posts.items) scope.posts.insert(p.id);
    return Ok();
  };

  // Everyone sees their own current posts.
  auto own = TRY(store.ListHoldings(
      {.trust = trust, .person = self, .current_on = today, .page = {.limit = kAll}}));
  for (const auto& h : own.items) {
    scope.posts.insert(h.post);
    scope.own_posts.insert(h.post);
  }
  // And who line-manages them.
  auto managers = TRY(store.ListLineLinks(
      {.trust = trust, .report = self, .current_on = today, .page = {.limit = kAll}}));
  for (const auto& link : managers.items) scope.people.insert(link.manager);

  switch (user.role) {
    case Role::kHeadteacher: {
      for (const auto& h : own.items) {
        auto post = TRY(store.GetPost(trust, h.post));
        if (post.school) scope.schools.insert(*post.school);
      }
      for (SchoolId school : scope.schools) {
        auto posts = TRY(store.ListPosts(
            {.trust = trust, .school = school, .today = today, .page = {.limit = kAll}}));
        for (const auto& p : posts.items) scope.posts.insert(p.id);
        const auto staff = TRY(add_holdings(
            {.trust = trust, .school = school, .current_on = today, .page = {.limit = kAll}}));
        scope.staff.insert(staff.begin(), staff.end());
        auto bodies = TRY(store.ListBodies({.trust = trust, .school = school}));
        for (const auto& b : bodies.items) TRY(add_members(b.id));
      }
      break;
    }
    case Role::kLineManager: {
      auto links = TRY(store.ListLineLinks(
          {.trust = trust, .manager = self, .current_on = today, .page = {.limit = kAll}}));
      for (const auto& link : links.items) {
        scope.people.insert(link.report);
        TRY(add_holdings({.trust = trust, .person = link.report, .current_on = today,
                          .page = {.limit = kAll}}));
      }
      break;
    }
    case Role::kGovernor: {
      auto memberships = TRY(store.ListMemberships(
          {.trust = trust, .person = self, .current_on = today, .page = {.limit = kAll}}));
      for (const auto& m : memberships.items) TRY(add_members(m.body));
      break;
    }
    default:
      break;
  }
  return scope;
}

}  // namespace trellis::access
