#pragma once
// A development action as the API shows it, alike in its own routes (routes_development.cc)
// and on a succession plan (routes_succession.cc).

#include <nlohmann/json.hpp>
#include <vector>

#include "core/result.h"
#include "development/action.h"
#include "http/names.h"

namespace trellis::http {

// development::ToJson with "person_name", "owner_name" (null without an owner) and
// "gap_competency" (the gap's competency's name, null without a gap). `names` must hold the
// person and owner (NamesOf(PeopleIn(...))). Without `links_visible` (the caller does not read
// the person's successor status) "source" and "plan_id" are null: on every action of the
// person alike, so that which of them serve a succession plan does not show either.
[[nodiscard]] Result<nlohmann::json> ActionJson(const development::DevelopmentAction& action,
                                                const Names& names, CompetencyNames& competencies,
                                                bool links_visible);

// The people the actions' JSON names.
using development::PeopleIn;

}  // namespace trellis::http
