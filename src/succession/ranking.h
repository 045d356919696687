#pragma once
// The successor ranking engine: for a key post, every eligible person of its trust with
// their score and its parts, in order. Pure computation over a Snapshot.
//
// For key post p and candidate x (not a holder of p), with the trust's FormulaSettings:
//   match m     = Σ w_c·min(a_xc, r_c)/r_c ÷ Σ w_c over p's role profile (a_xc = x's latest
//                 assessed level, 0 when none); gaps = every c with a_xc < r_c
//   talent t    = (performance + potential − 2) / 4 from x's latest calibrated 9-box; 0 when
//                 x has none (and `rated` says so)
//   step s      = stage(p) − stage(x) on the ladder; eligible when s is 1 or 2;
//                 proximity q = proximity_one_step (s = 1) or proximity_two_steps (s = 2)
//   score       = match_weight·m + talent_weight·t + proximity_weight·q
// Ordered by score, then m (both descending), then earlier start in the trust, then staff
// reference. A governance post ranks the current members of its body instead (for the
// Board also the chairs of Local Governing Bodies), each with s = 1 and q = 1.
// Suggested readiness: ready now when m ≥ ready_now_match, performance ≥
// ready_now_performance and s = 1; 1–2 years when m ≥ one_to_two_years_match; else 3+.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "succession/formula.h"
#include "succession/snapshot.h"

namespace trellis::succession {

struct Gap {
  CompetencyId competency;
  int required = 0;
  int assessed = 0;  // 0 when never assessed
};

struct RankedCandidate {
  PersonId person;
  double score = 0;
  double match = 0;
  double talent = 0;
  double proximity = 0;
  int steps = 0;       // s: rungs below the post (1 for governance candidates)
  bool rated = false;  // has a calibrated 9-box rating; talent is 0 otherwise
  std::vector<Gap> gaps;
  Readiness suggested = Readiness::kThreePlusYears;
};

// Why a ranking may be thin, for the screen.
enum class RankingNote {
  kNoRoleProfile,  // every match is 0: the post has no role profile
  kNoCareerStage,  // a non-governance post without a stage: the ladder cannot suggest anyone
  kNoBody,         // a governance post not attached to a body
};

struct Ranking {
  PostId post;
  std::vector<RankedCandidate> candidates;  // best first, at most `limit`
  size_t eligible = 0;                      // how many were eligible in all
  std::vector<RankingNote> notes;
};

// Ranks the post at `post_index` of the snapshot. `limit` 0 means every eligible person.
Ranking Rank(const Snapshot& snapshot, size_t post_index, const FormulaSettings& settings,
             size_t limit = 0);

// Every post of the snapshot ranked, in the snapshot's order: for each post p the Ranking that
// Rank(snapshot, p, settings, limit) gives, worked out once for many posts. Posts that reach the
// same people with the same role profile (a trust's headships, its deputy headships) differ
// only by their holders: each such class of posts scores the people it reaches once, orders
// `limit` of them plus the most holders a post of the class has, and each post takes that order
// without its own holders. Cost: one scoring per class and person reached (Rank for every post:
// one per post and person reached), then `limit` plus holders per post.
std::vector<Ranking> RankEveryPost(const Snapshot& snapshot, const FormulaSettings& settings,
                                   size_t limit = 0);

// For every post of the snapshot, in its order: the people Rank would list for it whose match m
// is at least `min_match` (compared to 1e-9), best first — bench strength's benches (bench.h),
// scored once per class of posts as RankEveryPost scores them.
std::vector<std::vector<PersonId>> EligibleWithMatch(const Snapshot& snapshot,
                                                     const FormulaSettings& settings,
                                                     double min_match);

// The step s of `person` for `post` as the ranking judges it: rung(post) − rung(person) on the
// career ladder (negative when the person is above the post); 1 for a governance post, whose
// candidates the ranking treats as one step below it. Empty when the ladder cannot say: a
// non-governance post or a person without a stage on the ladder (a governance role is beside
// it, not on it).
std::optional<int> StepsTo(const KeyPost& post, const Candidate& person);

// Whether Rank considers `person` for `post`: of the post's trust and not a holder of it,
// and either s is 1 or 2 on the ladder, or, for a governance post, a current member of its
// body other than the clerk (for the Board also a chair of a Local Governing Body).
bool IsEligible(const Snapshot& snapshot, const KeyPost& post, const Candidate& person);

// Scores one candidate for one post (whether or not eligible by the ladder); used for
// people named by hand, such as an internal successor a leader has chosen. `steps` as
// StepsTo gives it; a person the ladder cannot place is scored with 0 (q = 0, never
// suggested ready now).
RankedCandidate Score(const KeyPost& post, const Candidate& candidate, int steps,
                      const FormulaSettings& settings);

// The ranking order: true when a ranks before b.
bool RanksBefore(const RankedCandidate& a, const Candidate& a_person, const RankedCandidate& b,
                 const Candidate& b_person);

}  // namespace trellis::succession

namespace trellis {
template <> std::span<const EnumName<succession::RankingNote>> EnumNames();
}  // namespace trellis
