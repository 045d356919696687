#include "talent/nine_box.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace trellis {
template <>
std::span<const EnumName<talent::Direction>> EnumNames() {
  static constexpr std::array<EnumName<talent::Direction>, 4> kNames = {{
      {talent::Direction::kUp, "up", "Moved up"},
      {talent::Direction::kDown, "down", "Moved down"},
      {talent::Direction::kSame, "same", "Same box"},
      {talent::Direction::kAcross, "across", "Moved across"},
  }};
  return kNames;
}
}  // namespace trellis

namespace trellis::talent {
namespace {

constexpr Box kTopBox{.performance = kMaxScore, .potential = kMaxScore};

bool In(const std::optional<std::unordered_set<PersonId>>& set, PersonId person) {
  return !set || set->contains(person);
}

// "0.80" rather than "0.800000".
std::string Show(double value) {
  std::ostringstream out;
  out.precision(2);
  out << std::fixed << value;
  return out.str();
}

}  // namespace

bool GridFilter::Includes(PersonId person) const {
  return In(school, person) && In(stage, person) && In(family, person);
}

size_t Grid::Total() const {
  size_t total = 0;
  for (const auto& box : people) total += box.size();
  return total;
}

Grid BuildGrid(std::span<const Rating> ratings, const GridFilter& filter) {
  Grid grid;
  for (const Rating& r : ratings) {
    const Box box = r.Current();
    if (!IsBox(box) || !filter.Includes(r.person)) continue;
    grid.people[BoxIndex(box)].push_back(r.person);
  }
  return grid;
}

RaterOutliers FindRaterOutliers(std::span<const Rating> ratings, const OutlierRule& rule) {
  struct Sums {
    size_t n = 0;
    double performance = 0, potential = 0, top = 0;
    void Add(Box b) {
      ++n;
      performance += b.performance;
      potential += b.potential;
      if (b == kTopBox) top += 1;
    }
  };
  Sums group;
  std::map<PersonId, Sums> by_rater;
  for (const Rating& r : ratings) {
    if (!IsBox(r.proposal)) continue;
    group.Add(r.proposal);
    by_rater[r.rater].Add(r.proposal);
  }
  RaterOutliers out;
  out.ratings = group.n;
  if (group.n == 0) return out;
  const double n = static_cast<double>(group.n);
  out.mean_performance = group.performance / n;
  out.mean_potential = group.potential / n;
  out.top_share = group.top / n;
  for (const auto& [rater, s] : by_rater) {
    RaterDistribution d;
    const double k = static_cast<double>(s.n);
    d.rater = rater;
    d.ratings = s.n;
    d.mean_performance = s.performance / k;
    d.mean_potential = s.potential / k;
    d.top_share = s.top / k;
    d.performance_gap = d.mean_performance - out.mean_performance;
    d.potential_gap = d.mean_potential - out.mean_potential;
    d.top_share_gap = d.top_share - out.top_share;
    d.enough_ratings = s.n >= rule.min_ratings;
    if (d.enough_ratings) {
      auto gap = [&](double value, double limit, const char* what) {
        if (std::abs(value) <= limit) return;
        d.reasons.push_back(std::string(what) + " is " + Show(std::abs(value)) +
                            (value > 0 ? " above" : " below") + " the group's (limit " +
                            Show(limit) + ").");
      };
      gap(d.performance_gap, rule.mean_gap, "Mean performance");
      gap(d.potential_gap, rule.mean_gap, "Mean potential");
      gap(d.top_share_gap, rule.top_share_gap, "Share of top-box ratings");
      d.flagged = !d.reasons.empty();
    }
    out.raters.push_back(std::move(d));
  }
  return out;
}

Direction DirectionOf(Box from, Box to) {
  if (from == to) return Direction::kSame;
  const int before = from.performance + from.potential;
  const int after = to.performance + to.potential;
  if (after > before) return Direction::kUp;
  if (after < before) return Direction::kDown;
  return Direction::kAcross;
}

Movement MovementBetween(std::span<const Rating> earlier, std::span<const Rating> later,
                         const GridFilter& filter) {
  std::map<PersonId, Box> before;
  for (const Rating& r : earlier)
    if (IsBox(r.Current()) && filter.Includes(r.person)) before[r.person] = r.Current();
  std::map<PersonId, Box> after;
  for (const Rating& r : later)
    if (IsBox(r.Current()) && filter.Includes(r.person)) after[r.person] = r.Current();
  Movement m;
  for (const auto& [person, from] : before) {
    const auto found = after.find(person);
    if (found == after.end()) {
      ++m.only_earlier;
      continue;
    }
    const Box to = found->second;
    const Direction direction = DirectionOf(from, to);
    ++m.flows[BoxIndex(from)][BoxIndex(to)];
    m.people.push_back({person, from, to, direction});
    switch (direction) {
      case Direction::kUp:
        ++m.up;
        break;
      case Direction::kDown:
        ++m.down;
        break;
      case Direction::kSame:
        ++m.same;
        break;
      case Direction::kAcross:
        ++m.across;
        break;
    }
  }
  for (const auto& [person, to] : after)
    if (!before.contains(person)) ++m.only_later;
  return m;
}

}  // namespace trellis::talent
