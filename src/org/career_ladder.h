#pragma once
// The career ladder of seed 000 Appendix 2: twelve ordered rungs from teaching assistant to
// CEO / executive headteacher, with the two governance roles beside it (not on it). A post
// sits at the entry rung of its role (a headteacher post at "new headteacher"); a person at
// their own rung. Reference data: the same for every trust.

#include <optional>
#include <span>
#include <string_view>

namespace trellis::org {

enum class CareerStage {
  kTeachingAssistant = 1,
  kHlta,
  kEarlyCareerTeacher,
  kTeacher,
  kExperiencedTeacher,
  kNewMiddleLeader,
  kExperiencedMiddleLeader,
  kNewSeniorLeader,          // new deputy or assistant headteacher
  kExperiencedSeniorLeader,  // experienced deputy or assistant headteacher
  kNewHeadteacher,
  kEstablishedHeadteacher,
  kExecutiveLeader,          // CEO or executive headteacher
  // Governance roles, beside the ladder.
  kLocalGoverningBodyMember,
  kBoardMember,
};

struct CareerStageInfo {
  CareerStage stage;
  std::string_view code;   // stable identifier used in the API and CSV files
  std::string_view label;  // as a person would say it
  int rung;                // 1..12 on the ladder; governance roles rank 1..2 on their own track
  bool governance;
};

// All stages, ladder first (low to high), then governance.
std::span<const CareerStageInfo> CareerStages();
const CareerStageInfo& Info(CareerStage stage);
std::optional<CareerStage> CareerStageFromCode(std::string_view code);
// Accepts a code or a label, ignoring case ("New headteacher", "new_headteacher").
std::optional<CareerStage> CareerStageFromText(std::string_view text);

// Steps from `from` up to `to` on the same track (ladder or governance); nullopt across tracks.
std::optional<int> StepsBetween(CareerStage from, CareerStage to);

}  // namespace trellis::org
