#pragma once
// The JSON form of frameworks, role profiles and assessments: the API's representation and
// the audit log's before/after. Field names match docs/api.md.

#include <nlohmann/json.hpp>

#include "talent/model.h"
#include "talent/review.h"

namespace trellis::talent {

nlohmann::json ToJson(const Framework& framework);
nlohmann::json ToJson(const Area& area);
nlohmann::json ToJson(const Competency& competency);
// The framework with its areas, each with its competencies nested, in position order.
nlohmann::json ToJson(const FrameworkContent& content);
nlohmann::json ToJson(const RoleProfile& profile);
nlohmann::json ToJson(const Assessment& assessment);
nlohmann::json ToJson(Box box);  // {"performance", "potential"}
// With its nine box names as [{"performance", "potential", "name"}], in BoxIndex order.
nlohmann::json ToJson(const ReviewCycle& cycle);
nlohmann::json ToJson(const Rating& rating);
nlohmann::json ToJson(const CalibrationMeeting& meeting);
nlohmann::json ToJson(const RatingAdjustment& adjustment);

}  // namespace trellis::talent
