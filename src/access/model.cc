#include "access/model.h"

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
