#pragma once
// Pure computations over 9-box ratings (no I/O): the grid, rater outliers for calibration
// meetings, and movement between two cycles. Every rating is placed at its current box
// (Rating::Current: the latest adjustment, else the proposal; for a closed cycle the final
// box).

#include <array>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "talent/review.h"

namespace trellis::talent {

// ---- The grid ----

// Who to count. Each set given restricts to the people in it (the caller resolves who works
// at the school, is at the stage or holds a post of the role family); an empty optional
// does not restrict.
struct GridFilter {
  std::optional<std::unordered_set<PersonId>> school;
  std::optional<std::unordered_set<PersonId>> stage;
  std::optional<std::unordered_set<PersonId>> family;

  bool Includes(PersonId person) const;
};

// The 3×3 grid: the people in each box (in BoxIndex order), each box's people in the order
// the ratings came.
struct Grid {
  std::array<std::vector<PersonId>, kBoxes> people;

  const std::vector<PersonId>& At(Box box) const { return people[BoxIndex(box)]; }
  size_t Count(Box box) const { return At(box).size(); }
  size_t Total() const;
};

Grid BuildGrid(std::span<const Rating> ratings, const GridFilter& filter = {});

// ---- Rater outliers ----
//
// The rule, chosen to be explainable in a calibration meeting: compare each rater's ratings
// with the whole group's (all the ratings passed, the rater's own included).
//  - mean performance gap = rater's mean performance − group's mean performance;
//  - mean potential gap   = the same for potential;
//  - top-box share gap    = share of the rater's ratings in the top box (3, 3) − the group's.
// A rater is flagged when |a mean gap| > 0.5 (half a box) or |the top-box share gap| > 0.25
// (a quarter of their ratings). Raters with fewer than `min_ratings` ratings are listed but
// never flagged: a handful of ratings says little about a rater's habits.
// Proposals are what a rater said, so the computation uses each rating's proposal, not its
// calibrated value.
struct OutlierRule {
  size_t min_ratings = 5;
  double mean_gap = 0.5;
  double top_share_gap = 0.25;
};

struct RaterDistribution {
  PersonId rater;
  size_t ratings = 0;
  double mean_performance = 0;
  double mean_potential = 0;
  double top_share = 0;  // of the rater's ratings, the share proposed in the top box
  double performance_gap = 0;
  double potential_gap = 0;
  double top_share_gap = 0;
  bool enough_ratings = false;
  bool flagged = false;
  std::vector<std::string> reasons;  // one sentence per rule broken
};

struct RaterOutliers {
  size_t ratings = 0;
  double mean_performance = 0;
  double mean_potential = 0;
  double top_share = 0;
  std::vector<RaterDistribution> raters;  // by rater id
};

RaterOutliers FindRaterOutliers(std::span<const Rating> ratings, const OutlierRule& rule = {});

// ---- Movement between two cycles ----

// Up: to a box with a higher performance + potential; down: lower; same: the same box;
// across: another box with the same sum (e.g. high performance, low potential → the
// middle box), which is neither better nor worse.
enum class Direction { kUp, kDown, kSame, kAcross };
Direction DirectionOf(Box from, Box to);

struct PersonMovement {
  PersonId person;
  Box from;
  Box to;
  Direction direction = Direction::kSame;
};

struct Movement {
  // flows[from][to]: how many people moved from box `from` to box `to` (BoxIndex order).
  std::array<std::array<size_t, kBoxes>, kBoxes> flows{};
  std::vector<PersonMovement> people;  // rated in both cycles, by person id
  size_t up = 0, down = 0, same = 0, across = 0;
  size_t only_earlier = 0;  // rated in the earlier cycle only
  size_t only_later = 0;    // rated in the later cycle only
};

// `earlier` and `later` are the ratings of two cycles (one rating per person in each).
Movement MovementBetween(std::span<const Rating> earlier, std::span<const Rating> later,
                         const GridFilter& filter = {});

}  // namespace trellis::talent

namespace trellis {
template <>
std::span<const EnumName<talent::Direction>> EnumNames();
}  // namespace trellis
