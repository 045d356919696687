#include "org/people.h"

#include <algorithm>

namespace trellis::org {

std::string FullName(const Person& person) { return person.given_name + " " + person.family_name; }

Result<PeopleById> PeopleOf(store::Store& store, TrustId trust, std::vector<PersonId> people,
                            Date today) {
  PeopleById found;
  if (people.empty()) return found;
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  const auto count = static_cast<int64_t>(people.size());
  auto listing = TRY(store.ListPeople({.trust = trust,
                                       .only = std::move(people),
                                       .include_leavers = true,
                                       .today = today,
                                       .page = {.limit = count}}));
  for (auto& p : listing.items) found.emplace(p.id, std::move(p));
  return found;
}

}  // namespace trellis::org
