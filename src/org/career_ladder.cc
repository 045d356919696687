#include "org/career_ladder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace trellis::org {
namespace {

constexpr std::array<CareerStageInfo, 14> kStages = {{
    {CareerStage::kTeachingAssistant, "teaching_assistant", "Teaching assistant", 1, false},
    {CareerStage::kHlta, "hlta", "Higher level teaching assistant", 2, false},
    {CareerStage::kEarlyCareerTeacher, "early_career_teacher", "Early career teacher", 3, false},
    {CareerStage::kTeacher, "teacher", "Teacher", 4, false},
    {CareerStage::kExperiencedTeacher, "experienced_teacher", "Experienced teacher", 5, false},
    {CareerStage::kNewMiddleLeader, "new_middle_leader", "New middle leader", 6, false},
    {CareerStage::kExperiencedMiddleLeader, "experienced_middle_leader",
     "Experienced middle leader", 7, false},
    {CareerStage::kNewSeniorLeader, "new_senior_leader", "New deputy or assistant headteacher", 8,
     false},
    {CareerStage::kExperiencedSeniorLeader, "experienced_senior_leader",
     "Experienced deputy or assistant headteacher", 9, false},
    {CareerStage::kNewHeadteacher, "new_headteacher", "New headteacher", 10, false},
    {CareerStage::kEstablishedHeadteacher, "established_headteacher", "Established headteacher",
     11, false},
    {CareerStage::kExecutiveLeader, "executive_leader", "CEO or executive headteacher", 12, false},
    {CareerStage::kLocalGoverningBodyMember, "lgb_member", "Local Governing Body member", 1, true},
    {CareerStage::kBoardMember, "board_member", "Board member", 2, true},
}};

std::string Fold(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '-') c = '_';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::span<const CareerStageInfo> CareerStages() { return kStages; }

const CareerStageInfo& Info(CareerStage stage) {
  return kStages[static_cast<size_t>(stage) - 1];
}

std::optional<CareerStage> CareerStageFromCode(std::string_view code) {
  for (const auto& info : kStages)
    if (info.code == code) return info.stage;
  return std::nullopt;
}

std::optional<CareerStage> CareerStageFromText(std::string_view text) {
  const std::string folded = Fold(text);
  for (const auto& info : kStages)
    if (info.code == folded || Fold(info.label) == folded) return info.stage;
  return std::nullopt;
}

std::optional<int> StepsBetween(CareerStage from, CareerStage to) {
  const auto& a = Info(from);
  const auto& b = Info(to);
  if (a.governance != b.governance) return std::nullopt;
  return b.rung - a.rung;
}

}  // namespace trellis::org
