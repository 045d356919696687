#pragma once
// Reads of a trust's talent review for whoever shows it (the API's routes, the command line):
// the grid of a cycle and the movement between two cycles, with the filters that narrow them
// to a school's staff, a career stage or a role family.
//
// Ratings are confidential. These functions read them and record nothing: the caller decides
// who may see them (`only`: the people whose ratings the reader sees; empty for everyone) and
// records the read with ReviewService::RecordRatingsRead, naming it by the result's `what`.

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/result.h"
#include "org/model.h"
#include "store/store.h"
#include "talent/nine_box.h"
#include "talent/review.h"

namespace trellis::talent {

// The people holding a current post at `school` on `day`.
[[nodiscard]] Result<std::unordered_set<PersonId>> StaffOf(store::Store& store, TrustId trust,
                                                           SchoolId school, Date day);

// Whom a grid or a movement counts, as asked: each filter given narrows to the people it
// names, judged on the day read (a past cycle is seen through the trust as it is now).
struct GridQuestion {
  std::optional<SchoolId> school;         // holding a current post at the school
  std::optional<org::CareerStage> stage;  // at this career stage
  std::optional<org::RoleFamily> family;  // holding a current post of this family
};

// Every rating of `cycle`, of the people in `only` when given.
[[nodiscard]] Result<std::vector<Rating>> CycleRatings(store::Store& store, TrustId trust,
                                                       ReviewCycleId cycle,
                                                       std::optional<std::vector<PersonId>> only);

// The trust's cycle before `cycle` by year (whatever its status), if any.
[[nodiscard]] Result<std::optional<ReviewCycle>> PreviousCycle(store::Store& store, TrustId trust,
                                                               const ReviewCycle& cycle);

struct GridRead {
  Grid grid;
  std::string what;  // for the audit log: "cycle 3 grid, school 5"
};

// The grid of `cycle` on `today`.
[[nodiscard]] Result<GridRead> ReadGrid(store::Store& store, TrustId trust,
                                        const ReviewCycle& cycle, const GridQuestion& question,
                                        std::optional<std::vector<PersonId>> only, Date today);

struct MovementRead {
  std::optional<ReviewCycle> earlier;  // empty: no cycle before; nobody moved
  Movement movement;
  std::string what;  // for the audit log: "cycle 3 movement from cycle 2, stage …"
};

// Movement from `earlier` (empty: PreviousCycle of `later`) to `later` on `today`.
[[nodiscard]] Result<MovementRead> ReadMovement(store::Store& store, TrustId trust,
                                                const ReviewCycle& later,
                                                std::optional<ReviewCycle> earlier,
                                                const GridQuestion& question,
                                                std::optional<std::vector<PersonId>> only,
                                                Date today);

}  // namespace trellis::talent
