#pragma once
// The ranking engine's view of one or more trusts: plain values copied out of the store,
// indexed once so that ranking every key post is pure computation over memory (no I/O in
// its loops). Built by the caller; immutable afterwards, so any number of threads may read.

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "org/model.h"
#include "succession/role_group.h"

namespace trellis::succession {

// What a post's role profile asks for in one competency.
struct Requirement {
  CompetencyId competency;
  int level = 1;        // required level r_c, 1..4
  double weight = 1.0;  // w_c > 0
};

// A person's latest assessed level in one competency.
struct AssessedLevel {
  CompetencyId competency;
  int level = 0;  // 0..4
};

// The latest calibrated 9-box rating.
struct NineBox {
  int performance = 2;  // 1..3
  int potential = 2;    // 1..3
};

struct Membership {
  BodyId body;
  org::MembershipRole role = org::MembershipRole::kMember;
};

// A person who could succeed to a post: someone currently in the trust.
struct Candidate {
  PersonId id;
  TrustId trust;
  std::string reference;  // staff reference: the last tie-breaker
  std::string name;       // for display only; never used in ranking
  std::optional<org::CareerStage> stage;
  std::optional<Date> joined;  // earlier start in the trust ranks first on a tie
  std::optional<NineBox> rating;
  std::vector<AssessedLevel> levels;  // any order; the snapshot sorts them
  std::vector<Membership> memberships;  // current memberships of governance bodies
};

struct KeyPost {
  PostId id;
  TrustId trust;
  // The school the post serves, for the dashboard's rows: the post's own school, or for a
  // post at a Local Governing Body that body's school. Empty for a trust-wide post (the
  // central team) and for posts of the Board and its committees.
  std::optional<SchoolId> school;
  std::string title;
  std::optional<org::CareerStage> stage;  // entry rung of the role
  RoleGroup role_group = RoleGroup::kOtherKeyPosts;  // RoleGroupOf the post
  // A governance post (chair, vice-chair, committee chair) ranks the members of its body
  // instead of the ladder: `body` is that body and `board` says whether it is the Board.
  bool governance = false;
  std::optional<BodyId> body;
  bool board = false;
  std::vector<PersonId> holders;
  std::vector<Requirement> profile;
};

class Snapshot {
 public:
  // `lgb_bodies` are the Local Governing Bodies: their chairs are candidates for the Board's
  // governance posts.
  Snapshot(std::vector<Candidate> people, std::vector<KeyPost> posts,
           std::vector<BodyId> lgb_bodies);

  const std::vector<Candidate>& people() const { return people_; }
  const std::vector<KeyPost>& posts() const { return posts_; }
  const Candidate* FindPerson(PersonId id) const;
  std::optional<size_t> PostIndex(PostId id) const;

  // Indexes of candidates of `trust` on ladder rung `rung` (1..12).
  const std::vector<size_t>& OnRung(TrustId trust, int rung) const;
  // Indexes of the current members of a body (clerks excluded: they advise, not govern).
  const std::vector<size_t>& MembersOf(BodyId body) const;
  // Indexes of the chairs of the trust's Local Governing Bodies.
  const std::vector<size_t>& LgbChairs(TrustId trust) const;
  bool IsLocalGoverningBody(BodyId body) const { return lgbs_.contains(body); }

 private:
  std::vector<Candidate> people_;
  std::vector<KeyPost> posts_;
  std::unordered_map<PersonId, size_t> person_index_;
  std::unordered_map<PostId, size_t> post_index_;
  std::unordered_map<TrustId, std::vector<std::vector<size_t>>> by_rung_;  // [rung]
  std::unordered_map<BodyId, std::vector<size_t>> members_;
  std::unordered_map<TrustId, std::vector<size_t>> lgb_chairs_;
  std::unordered_set<BodyId> lgbs_;
};

}  // namespace trellis::succession
