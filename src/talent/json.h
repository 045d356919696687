#pragma once
// The JSON form of frameworks, role profiles and assessments: the API's representation and
// the audit log's before/after. Field names match docs/api.md.

#include <nlohmann/json.hpp>

#include "talent/model.h"

namespace trellis::talent {

nlohmann::json ToJson(const Framework& framework);
nlohmann::json ToJson(const Area& area);
nlohmann::json ToJson(const Competency& competency);
// The framework with its areas, each with its competencies nested, in position order.
nlohmann::json ToJson(const FrameworkContent& content);
nlohmann::json ToJson(const RoleProfile& profile);
nlohmann::json ToJson(const Assessment& assessment);

}  // namespace trellis::talent
