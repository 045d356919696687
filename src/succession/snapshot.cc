#include "succession/snapshot.h"

#include <algorithm>
#include <unordered_set>

namespace trellis::succession {
namespace {

const std::vector<size_t> kNone;

}  // namespace

Snapshot::Snapshot(std::vector<Candidate> people, std::vector<KeyPost> posts,
                   std::vector<BodyId> lgb_bodies)
    : people_(std::move(people)),
      posts_(std::move(posts)),
      lgbs_(lgb_bodies.begin(), lgb_bodies.end()) {
  for (size_t i = 0; i < people_.size(); ++i) {
    Candidate& c = people_[i];
    std::sort(c.levels.begin(), c.levels.end(),
              [](const AssessedLevel& a, const AssessedLevel& b) { return a.competency < b.competency; });
    person_index_.emplace(c.id, i);
    if (c.stage && !org::Info(*c.stage).governance) {
      auto& rungs = by_rung_[c.trust];
      if (rungs.empty()) rungs.resize(13);
      rungs[static_cast<size_t>(org::Info(*c.stage).rung)].push_back(i);
    }
    for (const auto& m : c.memberships) {
      if (m.role == org::MembershipRole::kClerk) continue;
      members_[m.body].push_back(i);
      if (m.role == org::MembershipRole::kChair && lgbs_.contains(m.body))
        lgb_chairs_[c.trust].push_back(i);
    }
  }
  for (size_t i = 0; i < posts_.size(); ++i) post_index_.emplace(posts_[i].id, i);
}

const Candidate* Snapshot::FindPerson(PersonId id) const {
  auto it = person_index_.find(id);
  return it == person_index_.end() ? nullptr : &people_[it->second];
}

std::optional<size_t> Snapshot::PostIndex(PostId id) const {
  auto it = post_index_.find(id);
  if (it == post_index_.end()) return std::nullopt;
  return it->second;
}

const std::vector<size_t>& Snapshot::OnRung(TrustId trust, int rung) const {
  auto it = by_rung_.find(trust);
  if (it == by_rung_.end() || rung < 1 || rung > 12) return kNone;
  return it->second[static_cast<size_t>(rung)];
}

const std::vector<size_t>& Snapshot::MembersOf(BodyId body) const {
  auto it = members_.find(body);
  return it == members_.end() ? kNone : it->second;
}

const std::vector<size_t>& Snapshot::LgbChairs(TrustId trust) const {
  auto it = lgb_chairs_.find(trust);
  return it == lgb_chairs_.end() ? kNone : it->second;
}

}  // namespace trellis::succession
