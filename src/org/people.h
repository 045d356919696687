#pragma once
// The people a record mentions, read in one store read rather than one per person, and how a
// person is named wherever records are shown (the API, reports, the command line).

#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/result.h"
#include "org/model.h"
#include "store/store.h"

namespace trellis::org {

using PeopleById = std::unordered_map<PersonId, Person>;

// "Given Family".
std::string FullName(const Person& person);

// Each of `people` of the trust, leavers included (records such as ratings and plans outlive
// posts). Duplicates are fine; ids not of the trust are left out. Fails as the store does.
[[nodiscard]] Result<PeopleById> PeopleOf(store::Store& store, TrustId trust,
                                          std::vector<PersonId> people, Date today);

}  // namespace trellis::org
