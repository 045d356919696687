#pragma once
// Development actions: the one shared record of "what this person will do to grow", raised
// from the 9-box grid, from a succession plan's gaps, or by hand. Later parts of the product
// (appraisal objectives, stretch tasks with their own terms, coaching, CPD, NPQs) link to
// or extend this record rather than keeping their own. Plain values and the pure rules over
// them; development/action_service.h writes them.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/ids.h"

namespace trellis::development {

// The kinds seed 000 names for bridging a gap.
enum class ActionKind {
  kStretchTask,
  kMentoring,
  kCoaching,
  kTrainingCourse,
  kShadowing,
  kSecondment,
  kNpq,
  kOther,
};

enum class ActionStatus { kPlanned, kInProgress, kCompleted, kCancelled };

// Where the action was raised: kept so reports can say how many plan gaps have actions.
enum class ActionSource { kManual, kNineBox, kSuccessionGap };

struct DevelopmentAction {
  DevelopmentActionId id;
  TrustId trust;
  PersonId person;                       // whose development it is
  ActionKind kind = ActionKind::kOther;
  std::string title;                     // required, e.g. "Lead the trust's Year 6 moderation"
  std::string description;
  ActionSource source = ActionSource::kManual;
  std::optional<CompetencyId> gap;       // the competency gap it addresses
  std::optional<SuccessionPlanId> plan;  // the succession plan it serves
  std::optional<PersonId> owner;         // who sees it through (often the line manager)
  std::optional<Date> due_on;
  ActionStatus status = ActionStatus::kPlanned;
  std::string outcome;                   // what came of it; expected once completed
  Date raised_on;
  std::optional<Date> completed_on;      // set exactly when status is completed
};

// Still to do: planned or in progress.
bool IsOpen(const DevelopmentAction& action);
// Past its due date on `today` and still open.
bool IsOverdue(const DevelopmentAction& action, Date today);
// On track on `today`: completed, or open and not overdue. Cancelled actions are neither on
// nor off track (reports leave them out).
bool IsOnTrack(const DevelopmentAction& action, Date today);

// The people the actions name: each action's person and owner (duplicates kept).
std::vector<PersonId> PeopleIn(std::span<const DevelopmentAction> actions);

}  // namespace trellis::development

namespace trellis {
template <> std::span<const EnumName<development::ActionKind>> EnumNames();
template <> std::span<const EnumName<development::ActionStatus>> EnumNames();
template <> std::span<const EnumName<development::ActionSource>> EnumNames();
}  // namespace trellis
