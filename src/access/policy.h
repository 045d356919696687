#pragma once
// Who may do what, decided in one place. Each API route declares one Permission; a role
// either has it or not (RoleAllows). What part of the trust a permitted role then sees is
// its Scope, resolved from the store for the signed-in user: records outside it answer
// "not found", exactly as if they did not exist.

#include <optional>
#include <unordered_set>

#include "access/model.h"
#include "core/result.h"
#include "store/store.h"

namespace trellis::access {

enum class Permission {
  kPublic,         // no sign-in needed (health, sign-in, API description)
  kSignedIn,       // any signed-in user (their session, reference data)
  kReadTrust,      // the trust, its overview and its lists of schools and bodies
  kReadPeople,     // people, posts, holdings, memberships, line management (scoped)
  kWriteOrg,       // change the organisation and people (and role profiles, assessments)
  kAssess,         // record an assessment of someone in scope against a competency
  kManageUsers,    // add and change sign-ins
  kImport,         // import files
  kExport,         // export the whole trust's lists
  kReadAudit,      // read the audit log
  kManageTrusts,   // create trusts (the installation's administrator)
  kSuccession,     // confidential succession data across the trust only: rankings of
                   // candidates (which embed 9-box talent) and the formula settings behind
                   // them. Every read of a ranking is audited.
  kReadSuccession, // succession plans and risk of loss: the whole trust, or a headteacher's
                   // own school's key posts and staff (http/reach.h decides which). Every
                   // read is audited.
  kManageSuccession, // write succession plans, their candidates and discussions, risks of
                     // loss and the trust's formula settings
  kDevelop,        // raise development actions (a headteacher for their staff, a line
                   // manager for their reports, a trust admin for anyone)
  kReadRatings,    // 9-box ratings in full, the grid, calibration meetings with their rater
                   // outliers, movement: the whole trust, or a headteacher's own staff.
                   // Every read is audited (http/routes_review.cc decides whose ratings).
  kProposeRatings, // propose 9-box ratings (for one's reports; a headteacher for their
                   // school's staff; a trust admin for anyone) and read one's own proposals
  kManageReviews,  // open, change and move review cycles on; record calibration meetings
                   // and their adjustments
  kManagePersonalData, // UK GDPR, for the trust as controller: a person's subject-access
                       // export, their erasure, and the trust's retention rules and runs
};

bool RoleAllows(Role role, Permission permission);

// The part of one trust a user may see. `whole_trust` covers everything in `trust`;
// otherwise only the listed schools (fully), people, posts and bodies.
struct Scope {
  std::optional<TrustId> trust;  // empty: every trust (platform admin)
  bool whole_trust = false;
  std::optional<PersonId> self;  // the signed-in user's person, when linked
  std::unordered_set<SchoolId> schools;
  std::unordered_set<PersonId> people;
  std::unordered_set<PostId> posts;
  std::unordered_set<BodyId> bodies;
  // Read once here for whoever decides on confidential records (http/reach.h): the posts
  // `self` holds today, and the people holding a current post at `schools` today.
  std::unordered_set<PostId> own_posts;
  std::unordered_set<PersonId> staff;

  bool AllTrusts() const { return !trust.has_value(); }
  bool CoversTrust(TrustId id) const { return AllTrusts() || *trust == id; }
  bool Sees(PersonId id) const { return whole_trust || people.contains(id); }
  bool Sees(PostId id) const { return whole_trust || posts.contains(id); }
  bool Sees(BodyId id) const { return whole_trust || bodies.contains(id); }
  bool SeesSchoolInFull(SchoolId id) const { return whole_trust || schools.contains(id); }
};

// Resolves the scope of `user` on `today` from their person's current posts, reports and
// memberships. Everyone with a linked person sees themselves and their own line managers.
// A scoped role with no linked person sees nothing beyond the trust's lists.
[[nodiscard]] Result<Scope> ResolveScope(store::Store& store, const User& user, Date today);

}  // namespace trellis::access
