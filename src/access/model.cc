#include "access/model.h"

#include <algorithm>
#include <array>

namespace trellis {

template <>
std::span<const EnumName<access::Role>> EnumNames() {
  using access::Role;
  static constexpr std::array<EnumName<Role>, 7> kNames = {{
      {Role::kPlatformAdmin, "platform_admin", "Platform administrator"},
      {Role::kTrustAdmin, "trust_admin", "Trust administrator (HR lead)"},
      {Role::kExecutive, "executive", "Executive (CEO, Board)"},
      {Role::kHeadteacher, "headteacher", "Headteacher"},
      {Role::kLineManager, "line_manager", "Line manager"},
      {Role::kStaff, "staff", "Member of staff"},
      {Role::kGovernor, "governor", "Governor or director"},
  }};
  return kNames;
}

}  // namespace trellis

namespace trellis::access {

std::vector<IdRun> RunsOf(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  std::vector<IdRun> runs;
  for (const int64_t id : ids) {
    if (!runs.empty() && id <= runs.back().last + 1) {
      runs.back().last = std::max(runs.back().last, id);
      continue;
    }
    runs.push_back({id, id});
  }
  return runs;
}

}  // namespace trellis::access
