#include "development/action.h"

#include <array>

namespace trellis {

template <>
std::span<const EnumName<development::ActionKind>> EnumNames() {
  using development::ActionKind;
  static constexpr std::array<EnumName<ActionKind>, 8> kNames = {{
      {ActionKind::kStretchTask, "stretch_task", "Stretch task"},
      {ActionKind::kMentoring, "mentoring", "Mentoring"},
      {ActionKind::kCoaching, "coaching", "Coaching"},
      {ActionKind::kTrainingCourse, "training_course", "Training course"},
      {ActionKind::kShadowing, "shadowing", "Shadowing"},
      {ActionKind::kSecondment, "secondment", "Secondment"},
      {ActionKind::kNpq, "npq", "NPQ"},
      {ActionKind::kOther, "other", "Other"},
  }};
  return kNames;
}

template <>
std::span<const EnumName<development::ActionStatus>> EnumNames() {
  using development::ActionStatus;
  static constexpr std::array<EnumName<ActionStatus>, 4> kNames = {{
      {ActionStatus::kPlanned, "planned", "Planned"},
      {ActionStatus::kInProgress, "in_progress", "In progress"},
      {ActionStatus::kCompleted, "completed", "Completed"},
      {ActionStatus::kCancelled, "cancelled", "Cancelled"},
  }};
  return kNames;
}

template <>
std::span<const EnumName<development::ActionSource>> EnumNames() {
  using development::ActionSource;
  static constexpr std::array<EnumName<ActionSource>, 3> kNames = {{
      {ActionSource::kManual, "manual", "Added by hand"},
      {ActionSource::kNineBox, "nine_box", "From the talent review"},
      {ActionSource::kSuccessionGap, "succession_gap", "From a succession gap"},
  }};
  return kNames;
}

}  // namespace trellis

namespace trellis::development {

bool IsOpen(const DevelopmentAction& action) {
  return action.status == ActionStatus::kPlanned || action.status == ActionStatus::kInProgress;
}

bool IsOverdue(const DevelopmentAction& action, Date today) {
  return IsOpen(action) && action.due_on && *action.due_on < today;
}

bool IsOnTrack(const DevelopmentAction& action, Date today) {
  if (action.status == ActionStatus::kCompleted) return true;
  return IsOpen(action) && !IsOverdue(action, today);
}

std::vector<PersonId> PeopleIn(std::span<const DevelopmentAction> actions) {
  std::vector<PersonId> people;
  for (const auto& a : actions) {
    people.push_back(a.person);
    if (a.owner) people.push_back(*a.owner);
  }
  return people;
}

}  // namespace trellis::development
