#pragma once
// The competency frameworks shipped with trellis, as data compiled into the binary (sources
// in data/README.md), and their idempotent installation into a store.

#include <span>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace trellis::talent {

inline constexpr std::string_view kThreeCsCode = "trellis-3c";
inline constexpr std::string_view kNpqelCode = "npqel-2020";

struct ShippedCompetency {
  std::string_view code;
  std::string_view name;
  std::string_view description;
};
struct ShippedArea {
  std::string_view name;
  std::span<const ShippedCompetency> competencies;
};
struct ShippedFramework {
  std::string_view code;
  std::string_view name;
  std::string_view version;
  std::string_view source;
  std::span<const ShippedArea> areas;
};

// Character / capability / connectivity (seed 000), then the NPQ in Executive Leadership
// (seed 001).
std::span<const ShippedFramework> ShippedFrameworks();

// Installs every shipped framework the store lacks (matched by code and version), each
// with its areas and competencies, in one transaction, with one audit entry ("install",
// actor "system", at `now`) per framework installed. Returns how many were installed: 0 when
// all were present, so calling it at every start is cheap and changes nothing.
[[nodiscard]] Result<int> InstallShippedFrameworks(store::Store& store, Instant now);

}  // namespace trellis::talent
