#include "succession/ranking.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

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

// The formula's parts for one candidate; the gaps too when asked. The one place they are
// worked out, so that a candidate scored in bulk (ordering) and in full (kept) gets the same
// bits.
struct Parts {
  double match = 0, talent = 0, proximity = 0, score = 0;
};

Parts PartsOf(const KeyPost& post, const Candidate& x, int steps, const FormulaSettings& settings,
              std::vector<Gap>* gaps) {
  Parts parts;
  double weighted = 0, total_weight = 0;
  for (const auto& need : post.profile) {
    const int assessed = LevelOf(x, need.competency);
    weighted += need.weight * std::min(assessed, need.level) / need.level;
    total_weight += need.weight;
    if (gaps && assessed < need.level) gaps->push_back({need.competency, need.level, assessed});
  }
  parts.match = total_weight > 0 ? weighted / total_weight : 0.0;
  parts.talent = x.rating ? (x.rating->performance + x.rating->potential - 2) / 4.0 : 0.0;
  parts.proximity = steps == 1 ? settings.proximity_one_step
                  : steps == 2 ? settings.proximity_two_steps
                               : 0.0;
  parts.score = settings.match_weight * parts.match + settings.talent_weight * parts.talent +
                settings.proximity_weight * parts.proximity;
  return parts;
}

// The ranking order on the compared figures (Fixed score and match): RanksBefore's.
bool KeysBefore(int64_t a_score, int64_t a_match, const Candidate& ap, int64_t b_score,
                int64_t b_match, const Candidate& bp) {
  if (a_score != b_score) return a_score > b_score;
  if (a_match != b_match) return a_match > b_match;
  if (ap.joined != bp.joined) {
    if (!ap.joined) return false;  // an unknown start date ranks after any known one
    if (!bp.joined) return true;
    return *ap.joined < *bp.joined;
  }
  return ap.reference < bp.reference;
}

// A person a post reaches, with what ordering needs: gaps and readiness are worked out only
// for the candidates a ranking keeps.
struct Scored {
  size_t person = 0;  // index into the snapshot's people
  int steps = 0;
  int64_t score = 0;  // Fixed(score)
  int64_t match = 0;  // Fixed(match)
};

Scored ScoreForOrder(const Snapshot& snapshot, const KeyPost& post, size_t person, int steps,
                     const FormulaSettings& settings) {
  const Parts parts = PartsOf(post, snapshot.people()[person], steps, settings, nullptr);
  return {.person = person, .steps = steps, .score = Fixed(parts.score), .match = Fixed(parts.match)};
}

struct OrderOf {
  const Snapshot& snapshot;
  bool operator()(const Scored& a, const Scored& b) const {
    return KeysBefore(a.score, a.match, snapshot.people()[a.person], b.score, b.match,
                      snapshot.people()[b.person]);
  }
};

// Why a post reaches nobody whatever the people: a governance post without a body, a post
// off the ladder. Empty when it reaches whom Reach says.
std::optional<RankingNote> Unreachable(const KeyPost& post) {
  if (post.governance) return post.body ? std::nullopt : std::optional(RankingNote::kNoBody);
  if (!post.stage || org::Info(*post.stage).governance) return RankingNote::kNoCareerStage;
  return std::nullopt;
}

// Calls visit(person index, steps) once for each person `post` reaches, holders included:
// the members of a governance post's body (for the Board also the chairs of the trust's
// Local Governing Bodies), one step below; else the people of its trust one and two rungs
// below it. Nobody when Unreachable.
template <typename Visit>
void Reach(const Snapshot& snapshot, const KeyPost& post, Visit visit) {
  if (Unreachable(post)) return;
  if (post.governance) {
    std::vector<size_t> reached = snapshot.MembersOf(*post.body);
    if (post.board) {
      const auto& chairs = snapshot.LgbChairs(post.trust);
      reached.insert(reached.end(), chairs.begin(), chairs.end());
    }
    // A person reached twice (a Board member who chairs a Local Governing Body) counts once.
    std::sort(reached.begin(), reached.end());
    reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
    for (size_t i : reached) visit(i, 1);
    return;
  }
  const int rung = org::Info(*post.stage).rung;
  for (int steps : {1, 2})
    for (size_t i : snapshot.OnRung(post.trust, rung - steps)) visit(i, steps);
}

Ranking Unranked(const KeyPost& post) {
  Ranking ranking{.post = post.id};
  if (post.profile.empty()) ranking.notes.push_back(RankingNote::kNoRoleProfile);
  if (auto note = Unreachable(post)) ranking.notes.push_back(*note);
  return ranking;
}

// Posts whose rankings differ only by their holders: the same people reached (the same rungs
// of the same trust, or the same body) and the same role profile, requirement by requirement
// in the same order (so that every candidate's sums are the same bits). Scored once for all.
struct PostClass {
  std::vector<size_t> posts;    // indexes into the snapshot's posts
  std::vector<Scored> scored;   // everyone the posts reach, holders included
  std::vector<size_t> reached;  // their person indexes, sorted
};

struct ClassKey {
  const KeyPost* post;  // the first of the class: its trust, rung or body, and profile

  bool operator<(const ClassKey& other) const {
    const KeyPost& a = *post;
    const KeyPost& b = *other.post;
    auto rung = [](const KeyPost& p) { return p.governance ? 0 : org::Info(*p.stage).rung; };
    auto body = [](const KeyPost& p) { return p.governance ? p.body->value() : int64_t{0}; };
    const auto ka = std::make_tuple(a.governance, a.trust, rung(a), body(a), a.board);
    const auto kb = std::make_tuple(b.governance, b.trust, rung(b), body(b), b.board);
    if (ka != kb) return ka < kb;
    return std::lexicographical_compare(
        a.profile.begin(), a.profile.end(), b.profile.begin(), b.profile.end(),
        [](const Requirement& x, const Requirement& y) {
          return std::make_tuple(x.competency, x.level, x.weight) <
                 std::make_tuple(y.competency, y.level, y.weight);
        });
  }
};

std::vector<PostClass> ClassesOf(const Snapshot& snapshot, const FormulaSettings& settings) {
  std::vector<PostClass> classes;
  std::map<ClassKey, size_t> index;
  for (size_t p = 0; p < snapshot.posts().size(); ++p) {
    const KeyPost& post = snapshot.posts()[p];
    if (Unreachable(post)) continue;
    const auto [it, added] = index.try_emplace(ClassKey{&post}, classes.size());
    if (added) classes.emplace_back();
    classes[it->second].posts.push_back(p);
  }
  for (PostClass& c : classes) {
    const KeyPost& first = snapshot.posts()[c.posts.front()];
    Reach(snapshot, first, [&](size_t i, int steps) {
      c.scored.push_back(ScoreForOrder(snapshot, first, i, steps, settings));
      c.reached.push_back(i);
    });
    std::sort(c.reached.begin(), c.reached.end());
  }
  return classes;
}

// How many of the post's holders the class reaches: they are not the post's candidates.
size_t HoldersReached(const Snapshot& snapshot, const PostClass& c, const KeyPost& post) {
  size_t count = 0;
  for (auto h = post.holders.begin(); h != post.holders.end(); ++h) {
    if (std::find(post.holders.begin(), h, *h) != h) continue;  // listed twice: one person
    const Candidate* person = snapshot.FindPerson(*h);
    if (!person) continue;
    const auto i = static_cast<size_t>(person - snapshot.people().data());
    if (std::binary_search(c.reached.begin(), c.reached.end(), i)) ++count;
  }
  return count;
}

// Up to `limit` (0: all) of `ordered` that do not hold the post, in full.
void Keep(const Snapshot& snapshot, const KeyPost& post, const FormulaSettings& settings,
          const std::vector<Scored>& ordered, size_t limit, Ranking& ranking) {
  for (const Scored& s : ordered) {
    if (limit != 0 && ranking.candidates.size() == limit) break;
    const Candidate& x = snapshot.people()[s.person];
    if (!IsHolder(post, x.id)) ranking.candidates.push_back(Score(post, x, s.steps, settings));
  }
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
  const Parts parts = PartsOf(post, x, steps, settings, &r.gaps);
  r.match = parts.match;
  r.talent = parts.talent;
  r.proximity = parts.proximity;
  r.score = parts.score;
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
  return KeysBefore(Fixed(a.score), Fixed(a.match), ap, Fixed(b.score), Fixed(b.match), bp);
}

Ranking Rank(const Snapshot& snapshot, size_t post_index, const FormulaSettings& settings,
             size_t limit) {
  const KeyPost& post = snapshot.posts().at(post_index);
  Ranking ranking = Unranked(post);
  std::vector<Scored> scored;
  Reach(snapshot, post, [&](size_t i, int steps) {
    if (!IsHolder(post, snapshot.people()[i].id))
      scored.push_back(ScoreForOrder(snapshot, post, i, steps, settings));
  });
  ranking.eligible = scored.size();
  const size_t keep = limit == 0 ? scored.size() : std::min(limit, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep),
                    scored.end(), OrderOf{snapshot});
  scored.resize(keep);
  ranking.candidates.reserve(keep);
  Keep(snapshot, post, settings, scored, 0, ranking);
  return ranking;
}

std::vector<Ranking> RankEveryPost(const Snapshot& snapshot, const FormulaSettings& settings,
                                   size_t limit) {
  std::vector<Ranking> rankings;
  rankings.reserve(snapshot.posts().size());
  for (const KeyPost& post : snapshot.posts()) rankings.push_back(Unranked(post));
  for (PostClass& c : ClassesOf(snapshot, settings)) {
    // Order as much of the class as its posts can need: `limit` after their own holders.
    size_t most_holders = 0;
    for (size_t p : c.posts) most_holders = std::max(most_holders, snapshot.posts()[p].holders.size());
    const size_t ordered =
        limit == 0 ? c.scored.size() : std::min(limit + most_holders, c.scored.size());
    std::partial_sort(c.scored.begin(), c.scored.begin() + static_cast<std::ptrdiff_t>(ordered),
                      c.scored.end(), OrderOf{snapshot});
    c.scored.resize(ordered);
    for (size_t p : c.posts) {
      const KeyPost& post = snapshot.posts()[p];
      Ranking& ranking = rankings[p];
      ranking.eligible = c.reached.size() - HoldersReached(snapshot, c, post);
      ranking.candidates.reserve(std::min(ranking.eligible, limit == 0 ? ranking.eligible : limit));
      Keep(snapshot, post, settings, c.scored, limit, ranking);
    }
  }
  return rankings;
}

std::vector<std::vector<PersonId>> EligibleWithMatch(const Snapshot& snapshot,
                                                     const FormulaSettings& settings,
                                                     double min_match) {
  std::vector<std::vector<PersonId>> eligible(snapshot.posts().size());
  const int64_t threshold = Fixed(min_match);
  for (PostClass& c : ClassesOf(snapshot, settings)) {
    std::erase_if(c.scored, [&](const Scored& s) { return s.match < threshold; });
    std::sort(c.scored.begin(), c.scored.end(), OrderOf{snapshot});
    for (size_t p : c.posts) {
      const KeyPost& post = snapshot.posts()[p];
      for (const Scored& s : c.scored) {
        const PersonId id = snapshot.people()[s.person].id;
        if (!IsHolder(post, id)) eligible[p].push_back(id);
      }
    }
  }
  return eligible;
}

}  // namespace trellis::succession
