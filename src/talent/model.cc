#include "talent/model.h"

#include <algorithm>
#include <tuple>

namespace trellis::talent {

LevelLabels DefaultLevelLabels() { return {"Developing", "Secure", "Strong", "Exemplary"}; }

bool IsLater(const Assessment& a, const Assessment& b) {
  return std::tie(a.assessed_on, a.id) > std::tie(b.assessed_on, b.id);
}

std::vector<Assessment> LatestOnly(std::vector<Assessment> assessments) {
  std::sort(assessments.begin(), assessments.end(), [](const Assessment& a, const Assessment& b) {
    if (a.person != b.person) return a.person < b.person;
    if (a.competency != b.competency) return a.competency < b.competency;
    return IsLater(a, b);  // the latest first within each pair
  });
  std::vector<Assessment> latest;
  for (auto& a : assessments)
    if (latest.empty() || latest.back().person != a.person ||
        latest.back().competency != a.competency)
      latest.push_back(std::move(a));
  return latest;
}

}  // namespace trellis::talent
