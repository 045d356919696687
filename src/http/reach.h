#pragma once
// Whose confidential records a caller reads. product.md: "ratings, potential, risk of loss and
// successor status are visible only to trust admin, executive and the person's own
// headteacher". One definition for the talent review's routes and the succession routes, so
// that a headteacher reads the same people's ratings, risks and successor status.

#include <optional>
#include <unordered_set>
#include <vector>

#include "access/policy.h"
#include "core/result.h"
#include "http/api.h"

namespace trellis::http {

// Whose confidential records (ratings, risk of loss, successor status) the caller reads.
struct Reach {
  bool whole_trust = false;
  std::unordered_set<PersonId> people;

  bool Covers(PersonId person) const { return whole_trust || people.contains(person); }
  // For a store filter's `only`: empty for the whole trust, else the people, sorted.
  std::optional<std::vector<PersonId>> Only() const;
};

// For a caller whose role has `permission` (kReadRatings, kReadSuccession): trust admins,
// executives and platform admins, the whole trust; a headteacher, the people holding a current
// post at their schools today (also for past records: they read the history of their present
// staff), less themselves, whose ratings, risk and succession are for those above them. Anyone
// else: nobody. From the caller's scope, which read them (access::Scope::staff): no store read.
Reach ReachOf(const Context& ctx, access::Permission permission);

// The key posts whose succession plans the caller reads: for a caller with kReadSuccession,
// the whole trust, or a headteacher's posts at their own schools (the post's school, so not the
// posts of Local Governing Bodies, whose succession is governance, the Board's business) less
// the posts they hold themselves (who would replace them is for those above them).
struct PlanReach {
  bool whole_trust = false;
  std::unordered_set<SchoolId> schools;
  std::unordered_set<PostId> own_posts;

  bool Covers(const org::Post& post) const {
    return whole_trust ||
           (post.school && schools.contains(*post.school) && !own_posts.contains(post.id));
  }
};

// From the caller's scope (access::Scope::own_posts): no store read.
PlanReach PlanReachOf(const Context& ctx);

}  // namespace trellis::http
