#include "http/names.h"

#include "http/input.h"

namespace trellis::http {

Result<People> PeopleOf(Context& ctx, std::vector<PersonId> people) {
  return org::PeopleOf(ctx.services.store, *ctx.trust, std::move(people), Today(ctx));
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

Result<std::unordered_map<SchoolId, std::string>> SchoolNames(Context& ctx) {
  std::unordered_map<SchoolId, std::string> names;
  auto schools =
      TRY(ctx.services.store.ListSchools({.trust = *ctx.trust, .page = {.limit = kAll}}));
  for (const auto& s : schools.items) names[s.id] = s.name;
  return names;
}

}  // namespace trellis::http
