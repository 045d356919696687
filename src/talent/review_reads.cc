#include "talent/review_reads.h"

namespace trellis::talent {
namespace {

std::string IdText(int64_t id) { return std::to_string(id); }

std::unordered_set<PersonId> IdsOf(const store::Listing<org::Person>& listing) {
  std::unordered_set<PersonId> out;
  for (const auto& p : listing.items) out.insert(p.id);
  return out;
}

// The filter's sets of people, and how the audit log names them: ", school 5, stage …".
Result<GridFilter> ReadFilter(store::Store& store, TrustId trust, const GridQuestion& question,
                              Date today, std::string& what) {
  GridFilter filter;
  if (question.school) {
    filter.school = TRY(StaffOf(store, trust, *question.school, today));
    what += ", school " + IdText(question.school->value());
  }
  if (question.stage) {
    filter.stage = IdsOf(TRY(store.ListPeople(
        {.trust = trust, .stage = question.stage, .today = today, .page = store::kEveryRow})));
    what += ", stage " + std::string(Code(*question.stage));
  }
  if (question.family) {
    filter.family = IdsOf(TRY(store.ListPeople(
        {.trust = trust, .family = question.family, .today = today, .page = store::kEveryRow})));
    what += ", family " + std::string(Code(*question.family));
  }
  return filter;
}

}  // namespace

Result<std::unordered_set<PersonId>> StaffOf(store::Store& store, TrustId trust, SchoolId school,
                                             Date day) {
  auto holdings = TRY(store.ListHoldings(
      {.trust = trust, .school = school, .current_on = day, .page = store::kEveryRow}));
  std::unordered_set<PersonId> staff;
  for (const auto& h : holdings.items) staff.insert(h.person);
  return staff;
}

Result<std::vector<Rating>> CycleRatings(store::Store& store, TrustId trust, ReviewCycleId cycle,
                                         std::optional<std::vector<PersonId>> only) {
  auto listing = TRY(store.ListRatings(
      {.trust = trust, .cycle = cycle, .only = std::move(only), .page = store::kEveryRow}));
  return std::move(listing.items);
}

Result<std::optional<ReviewCycle>> PreviousCycle(store::Store& store, TrustId trust,
                                                 const ReviewCycle& cycle) {
  // The store lists cycles newest year first.
  for (auto& c : TRY(store.ListReviewCycles(trust)))
    if (c.year < cycle.year) return std::optional<ReviewCycle>(std::move(c));
  return std::optional<ReviewCycle>();
}

Result<GridRead> ReadGrid(store::Store& store, TrustId trust, const ReviewCycle& cycle,
                          const GridQuestion& question, std::optional<std::vector<PersonId>> only,
                          Date today) {
  GridRead read{.grid = {}, .what = "cycle " + IdText(cycle.id.value()) + " grid"};
  const GridFilter filter = TRY(ReadFilter(store, trust, question, today, read.what));
  const auto ratings = TRY(CycleRatings(store, trust, cycle.id, std::move(only)));
  read.grid = BuildGrid(ratings, filter);
  return read;
}

Result<MovementRead> ReadMovement(store::Store& store, TrustId trust, const ReviewCycle& later,
                                  std::optional<ReviewCycle> earlier, const GridQuestion& question,
                                  std::optional<std::vector<PersonId>> only, Date today) {
  MovementRead read{.earlier = std::move(earlier),
                    .movement = {},
                    .what = "cycle " + IdText(later.id.value()) + " movement"};
  if (!read.earlier) read.earlier = TRY(PreviousCycle(store, trust, later));
  if (read.earlier) read.what += " from cycle " + IdText(read.earlier->id.value());
  const GridFilter filter = TRY(ReadFilter(store, trust, question, today, read.what));
  const auto before = read.earlier ? TRY(CycleRatings(store, trust, read.earlier->id, only))
                                   : std::vector<Rating>();
  const auto after = TRY(CycleRatings(store, trust, later.id, std::move(only)));
  read.movement = MovementBetween(before, after, filter);
  return read;
}

}  // namespace trellis::talent
