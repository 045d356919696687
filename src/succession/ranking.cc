#include "succession/ranking.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace trellis {

template <>
std::span<const EnumName<succession::RankingNote>> EnumNames() {
  using succession::RankingNote;
  static constexpr std::array<EnumName<RankingNote>, 3> kNames = {{
      {RankingNote::kNoRoleProfile, "no_role_profile",
       "The post has no role profile, so every match is 0: add one to rank on competencies."},
      {RankingNote::kNoCareerStage, "no_career_stage",
       "The post has no career stage, so the ladder cannot suggest candidates: name them by hand."},
      {RankingNote::kNoBody, "no_body",
       "This governance post is not attached to a body, so there are no members to rank."},
  }};
  return kNames;
}

}  // namespace trellis

namespace trellis::succession {
namespace {

int LevelOf(const Candidate& c, CompetencyId competency) {
  auto it = std::lower_bound(c.levels.begin(), c.levels.end(), competency,
                             [](const AssessedLevel& l, CompetencyId id) { return l.competency < id; });
  return it != c.levels.end() && it->competency == competency ? it->level : 0;
}

// Scores compared to 1e-9: sums of the same parts in another order must tie.
int64_t Fixed(double value) { return std::llround(value * 1e9); }

bool IsHolder(const KeyPost& post, PersonId id) {
  return std::find(post.holders.begin(), post.holders.end(), id) != post.holders.end();
}

}  // namespace

std::optional<int> StepsTo(const KeyPost& post, const Candidate& person) {
  if (post.governance) return 1;
  // A non-governance post at a governance stage is off the ladder, as Rank treats it.
  if (!post.stage || !person.stage || org::Info(*post.stage).governance) return std::nullopt;
  return org::StepsBetween(*person.stage, *post.stage);
}

bool IsEligible(const Snapshot& snapshot, const KeyPost& post, const Candidate& person) {
  if (person.trust != post.trust || IsHolder(post, person.id)) return false;
  if (post.governance) {
    if (!post.body) return false;
    return std::any_of(person.memberships.begin(), person.memberships.end(),
                       [&](const Membership& m) {
                         if (m.role == org::MembershipRole::kClerk) return false;
                         if (m.body == *post.body) return true;
                         return post.board && m.role == org::MembershipRole::kChair &&
                                snapshot.IsLocalGoverningBody(m.body);
                       });
  }
  const std::optional<int> steps = StepsTo(post, person);
  return steps == 1 || steps == 2;
}

RankedCandidate Score(const KeyPost& post, const Candidate& x, int steps,
                      const FormulaSettings& settings) {
  RankedCandidate r{.person = x.id, .steps = steps, .rated = x.rating.has_value()};
  double weighted = 0, total_weight = 0;
  for (const auto& need : post.profile) {
    const int assessed = LevelOf(x, need.competency);
    weighted += need.weight * std::min(assessed, need.level) / need.level;
    total_weight += need.weight;
    if (assessed < need.level) r.gaps.push_back({need.competency, need.level, assessed});
  }
  r.match = total_weight > 0 ? weighted / total_weight : 0.0;
  r.talent = x.rating ? (x.rating->performance + x.rating->potential - 2) / 4.0 : 0.0;
  r.proximity = steps == 1 ? settings.proximity_one_step
              : steps == 2 ? settings.proximity_two_steps
                           : 0.0;
  r.score = settings.match_weight * r.match + settings.talent_weight * r.talent +
            settings.proximity_weight * r.proximity;
  const bool performs = x.rating && x.rating->performance >= settings.ready_now_performance;
  if (Fixed(r.match) >= Fixed(settings.ready_now_match) && performs && steps == 1)
    r.suggested = Readiness::kReadyNow;
  else if (Fixed(r.match) >= Fixed(settings.one_to_two_years_match))
    r.suggested = Readiness::kOneToTwoYears;
  else
    r.suggested = Readiness::kThreePlusYears;
  return r;
}

bool RanksBefore(const RankedCandidate& a, const Candidate& ap, const RankedCandidate& b,
                 const Candidate& bp) {
  if (Fixed(a.score) != Fixed(b.score)) return Fixed(a.score) > Fixed(b.score);
  if (Fixed(a.match) != Fixed(b.match)) return Fixed(a.match) > Fixed(b.match);
  if (ap.joined != bp.joined) {
    if (!ap.joined) return false;  // an unknown start date ranks after any known one
    if (!bp.joined) return true;
    return *ap.joined < *bp.joined;
  }
  return ap.reference < bp.reference;
}

Ranking Rank(const Snapshot& snapshot, size_t post_index, const FormulaSettings& settings,
             size_t limit) {
  const KeyPost& post = snapshot.posts().at(post_index);
  Ranking ranking{.post = post.id};
  if (post.profile.empty()) ranking.notes.push_back(RankingNote::kNoRoleProfile);

  struct Scored {
    RankedCandidate ranked;
    const Candidate* person;
  };
  std::vector<Scored> scored;
  auto consider = [&](size_t index, int steps) {
    const Candidate& x = snapshot.people()[index];
    if (!IsHolder(post, x.id)) scored.push_back({Score(post, x, steps, settings), &x});
  };

  if (post.governance) {
    if (!post.body) {
      ranking.notes.push_back(RankingNote::kNoBody);
    } else {
      std::vector<size_t> reached = snapshot.MembersOf(*post.body);
      if (post.board) {
        const auto& chairs = snapshot.LgbChairs(post.trust);
        reached.insert(reached.end(), chairs.begin(), chairs.end());
      }
      // A person reached twice (a Board member who chairs a Local Governing Body) counts once.
      std::sort(reached.begin(), reached.end());
      reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
      for (size_t i : reached) consider(i, 1);
    }
  } else if (!post.stage || org::Info(*post.stage).governance) {
    ranking.notes.push_back(RankingNote::kNoCareerStage);
  } else {
    const int rung = org::Info(*post.stage).rung;
    for (int steps : {1, 2})
      for (size_t i : snapshot.OnRung(post.trust, rung - steps)) consider(i, steps);
  }

  ranking.eligible = scored.size();
  auto before = [](const Scored& a, const Scored& b) {
    return RanksBefore(a.ranked, *a.person, b.ranked, *b.person);
  };
  const size_t keep = limit == 0 ? scored.size() : std::min(limit, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep),
                    scored.end(), before);
  ranking.candidates.reserve(keep);
  for (size_t i = 0; i < keep; ++i) ranking.candidates.push_back(std::move(scored[i].ranked));
  return ranking;
}

}  // namespace trellis::succession
