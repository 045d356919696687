#include "succession/trust_snapshot.h"

#include <map>
#include <unordered_map>

namespace trellis::succession {
namespace {

std::vector<Requirement> Requirements(const talent::RoleProfile& profile) {
  std::vector<Requirement> out;
  out.reserve(profile.requirements.size());
  for (const auto& r : profile.requirements) out.push_back({r.competency, r.level, r.weight});
  return out;
}

}  // namespace

Result<Snapshot> BuildTrustSnapshot(store::Store& store, TrustId trust, Date today) {
  TRY(store.GetTrust(trust));

  // People and what is known of them.
  auto people = TRY(store.ListPeople({.trust = trust, .today = today, .page = store::kEveryRow}));
  std::vector<Candidate> candidates;
  candidates.reserve(people.items.size());
  std::unordered_map<PersonId, size_t> at;
  for (const auto& p : people.items) {
    at.emplace(p.id, candidates.size());
    candidates.push_back({.id = p.id,
                          .trust = trust,
                          .reference = p.reference,
                          .name = p.given_name + " " + p.family_name,
                          .stage = p.stage,
                          .joined = p.joined_trust});
  }
  for (const auto& level : TRY(store.LatestLevels(trust))) {
    auto it = at.find(level.person);
    if (it != at.end()) candidates[it->second].levels.push_back({level.competency, level.level});
  }
  for (const auto& rating : TRY(store.LatestCalibratedRatings(trust))) {
    auto it = at.find(rating.person);
    if (it != at.end()) candidates[it->second].rating = NineBox{rating.performance, rating.potential};
  }
  auto memberships =
      TRY(store.ListMemberships({.trust = trust, .current_on = today, .page = store::kEveryRow}));
  for (const auto& m : memberships.items) {
    auto it = at.find(m.person);
    if (it != at.end()) candidates[it->second].memberships.push_back({m.body, m.role});
  }

  // Bodies: which are Local Governing Bodies, and which is the Board.
  auto bodies = TRY(store.ListBodies({.trust = trust, .page = store::kEveryRow}));
  std::vector<BodyId> lgbs;
  std::unordered_map<BodyId, const org::Body*> body_of;
  for (const auto& b : bodies.items) {
    body_of.emplace(b.id, &b);
    if (b.kind == org::BodyKind::kLocalGoverningBody) lgbs.push_back(b.id);
  }

  // Key posts, their current holders and their effective role profiles.
  auto posts =
      TRY(store.ListPosts({.trust = trust, .key = true, .today = today, .page = store::kEveryRow}));
  auto holdings =
      TRY(store.ListHoldings({.trust = trust, .current_on = today, .page = store::kEveryRow}));
  std::unordered_map<PostId, std::vector<PersonId>> holders;
  for (const auto& h : holdings.items) holders[h.post].push_back(h.person);
  auto profiles = TRY(store.ListRoleProfiles({.trust = trust, .page = store::kEveryRow}));
  std::unordered_map<PostId, const talent::RoleProfile*> by_post;
  std::map<org::CareerStage, const talent::RoleProfile*> by_stage;
  for (const auto& profile : profiles.items) {
    if (profile.post) by_post.emplace(*profile.post, &profile);
    if (profile.stage) by_stage.emplace(*profile.stage, &profile);
  }
  std::vector<KeyPost> key_posts;
  key_posts.reserve(posts.items.size());
  for (const auto& post : posts.items) {
    KeyPost k{.id = post.id,
              .trust = trust,
              .school = post.school,
              .title = post.title,
              .stage = post.stage,
              .role_group = RoleGroupOf(post)};
    const auto body = post.body ? body_of.find(*post.body) : body_of.end();
    // A Local Governing Body's posts belong on its school's row of the dashboard.
    if (body != body_of.end() && !k.school) k.school = body->second->school;
    k.governance = post.family == org::RoleFamily::kGovernance;
    if (k.governance && post.body) {
      k.body = post.body;
      k.board = body != body_of.end() && body->second->kind == org::BodyKind::kBoard;
    }
    if (auto h = holders.find(post.id); h != holders.end()) k.holders = h->second;
    if (auto own = by_post.find(post.id); own != by_post.end()) {
      k.profile = Requirements(*own->second);
    } else if (post.stage) {
      if (auto inherited = by_stage.find(*post.stage); inherited != by_stage.end())
        k.profile = Requirements(*inherited->second);
    }
    key_posts.push_back(std::move(k));
  }
  return Snapshot(std::move(candidates), std::move(key_posts), std::move(lgbs));
}

}  // namespace trellis::succession
