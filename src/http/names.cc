#include "http/names.h"

#include <algorithm>

#include "http/input.h"

namespace trellis::http {

Result<People> PeopleOf(Context& ctx, std::vector<PersonId> people) {
  People found;
  if (people.empty()) return found;
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  const auto count = static_cast<int64_t>(people.size());
  auto listing = TRY(ctx.services.store.ListPeople({.trust = *ctx.trust,
                                                    .only = std::move(people),
                                                    .include_leavers = true,
                                                    .today = ctx.services.clock.Today(),
                                                    .page = {.limit = count}}));
  for (auto& p : listing.items) found.emplace(p.id, std::move(p));
  return found;
}

std::string FullName(const org::Person& person) {
  return person.given_name + " " + person.family_name;
}

Result<Names> NamesOf(Context& ctx, std::vector<PersonId> people) {
  return NamesIn(TRY(PeopleOf(ctx, std::move(people))));
}

Names NamesIn(const People& people) {
  Names names;
  for (const auto& [id, person] : people) names.emplace(id, FullName(person));
  return names;
}

std::string NameIn(const Names& names, PersonId person) {
  auto it = names.find(person);
  return it == names.end() ? std::string() : it->second;
}

Result<std::string> CompetencyNames::Of(CompetencyId id) {
  auto it = names_.find(id);
  if (it != names_.end()) return it->second;
  auto competency = TRY(ctx_.services.store.GetCompetency(*ctx_.trust, id));
  return names_.emplace(id, competency.name).first->second;
}

Result<std::unordered_map<SchoolId, std::string>> SchoolNames(Context& ctx) {
  std::unordered_map<SchoolId, std::string> names;
  auto schools =
      TRY(ctx.services.store.ListSchools({.trust = *ctx.trust, .page = {.limit = kAll}}));
  for (const auto& s : schools.items) names[s.id] = s.name;
  return names;
}

}  // namespace trellis::http
