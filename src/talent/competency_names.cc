#include "talent/competency_names.h"

namespace trellis::talent {

Result<std::string> CompetencyNames::Of(CompetencyId id) {
  auto it = names_.find(id);
  if (it != names_.end()) return it->second;
  auto competency = TRY(store_.GetCompetency(trust_, id));
  return names_.emplace(id, competency.name).first->second;
}

}  // namespace trellis::talent
