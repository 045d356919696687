#include "http/action_json.h"

#include "development/json.h"

namespace trellis::http {

using nlohmann::json;

Result<json> ActionJson(const development::DevelopmentAction& action, const Names& names,
                        CompetencyNames& competencies, bool links_visible) {
  json out = development::ToJson(action);
  out["person_name"] = NameIn(names, action.person);
  out["owner_name"] = action.owner ? json(NameIn(names, *action.owner)) : json(nullptr);
  out["gap_competency"] = action.gap ? json(TRY(competencies.Of(*action.gap))) : json(nullptr);
  if (!links_visible) {
    out["source"] = nullptr;
    out["plan_id"] = nullptr;
  }
  return out;
}

}  // namespace trellis::http
