#include "exchange/exchange.h"

#include <array>
#include <utility>

namespace trellis::exchange {
namespace {

constexpr std::array<std::pair<Kind, std::string_view>, 14> kCodes = {{
    {Kind::kSchools, "schools"},
    {Kind::kGias, "gias"},
    {Kind::kBodies, "bodies"},
    {Kind::kPeople, "people"},
    {Kind::kPosts, "posts"},
    {Kind::kHoldings, "holdings"},
    {Kind::kMemberships, "memberships"},
    {Kind::kLineLinks, "line-links"},
    {Kind::kRoleProfiles, "role-profiles"},
    {Kind::kAssessments, "assessments"},
    {Kind::kRatings, "ratings"},
    {Kind::kRisks, "risks"},
    {Kind::kKeyPosts, "key-posts"},
    {Kind::kSuccessors, "successors"},
}};

}  // namespace

std::optional<Kind> KindFromCode(std::string_view code) {
  for (const auto& [kind, name] : kCodes)
    if (name == code) return kind;
  return std::nullopt;
}

std::string_view KindCode(Kind kind) {
  for (const auto& [k, name] : kCodes)
    if (k == kind) return name;
  return {};
}

std::vector<Kind> AllKinds() {
  std::vector<Kind> kinds;
  for (const auto& entry : kCodes) kinds.push_back(entry.first);
  return kinds;
}

bool CanExport(Kind kind) { return kind != Kind::kGias; }

}  // namespace trellis::exchange
