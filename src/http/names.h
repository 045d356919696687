#pragma once
// The people (and schools) a response mentions, read in one store read rather than one per
// person; and ids as the audit log writes them.

#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "http/api.h"
#include "org/people.h"
#include "talent/competency_names.h"

namespace trellis::http {

using People = org::PeopleById;
using Names = std::unordered_map<PersonId, std::string>;

// Each of `people` of the caller's trust, as org::PeopleOf reads them.
[[nodiscard]] Result<People> PeopleOf(Context& ctx, std::vector<PersonId> people);

using org::FullName;

// The names of `people`, as PeopleOf reads them.
[[nodiscard]] Result<Names> NamesOf(Context& ctx, std::vector<PersonId> people);
Names NamesIn(const People& people);

// The name of `person`, empty when `names` lacks it.
std::string NameIn(const Names& names, PersonId person);

// The names of competencies the caller's trust sees (talent/competency_names.h).
class CompetencyNames : public talent::CompetencyNames {
 public:
  explicit CompetencyNames(Context& ctx)
      : talent::CompetencyNames(ctx.services.store, *ctx.trust) {}
};

// An id as text, for the audit log's entity ids and the "what" of a read.
template <typename Tag>
std::string IdText(Id<Tag> id) {
  return std::to_string(id.value());
}

// The names of the trust's schools, in one read.
[[nodiscard]] Result<std::unordered_map<SchoolId, std::string>> SchoolNames(Context& ctx);

}  // namespace trellis::http
