#pragma once
// The JSON form of development actions: the API's representation and the audit log's
// before/after. Field names are the ones validation problems name (snake_case).

#include <nlohmann/json.hpp>

#include "development/action.h"

namespace trellis::development {

nlohmann::json ToJson(const DevelopmentAction& action);

}  // namespace trellis::development
