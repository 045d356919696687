#pragma once
// Name lists for the demo trust's fictional people: varied, as the staff and governors of
// a school trust in a large English city are. Any likeness to a real person is chance.

#include <span>
#include <string_view>

namespace trellis::demo {

std::span<const std::string_view> GivenNames();
std::span<const std::string_view> FamilyNames();

}  // namespace trellis::demo
