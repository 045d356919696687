#pragma once
// The people (and schools) a response mentions, read in one store read rather than one per
// person; and ids as the audit log writes them.

#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "http/api.h"

namespace trellis::http {

using People = std::unordered_map<PersonId, org::Person>;
using Names = std::unordered_map<PersonId, std::string>;

// Each of `people` of the caller's trust, leavers included (records such as ratings and plans
// outlive posts). Duplicates are fine; unknown ids are left out.
[[nodiscard]] Result<People> PeopleOf(Context& ctx, std::vector<PersonId> people);

// "Given Family".
std::string FullName(const org::Person& person);

// The names of `people`, as PeopleOf reads them.
[[nodiscard]] Result<Names> NamesOf(Context& ctx, std::vector<PersonId> people);
Names NamesIn(const People& people);

// The name of `person`, empty when `names` lacks it.
std::string NameIn(const Names& names, PersonId person);

// The names of competencies (of frameworks the trust sees), each read once however often a
// response mentions it.
class CompetencyNames {
 public:
  explicit CompetencyNames(Context& ctx) : ctx_(ctx) {}

  // kNotFound unless the trust sees the competency.
  [[nodiscard]] Result<std::string> Of(CompetencyId id);

 private:
  Context& ctx_;
  std::unordered_map<CompetencyId, std::string> names_;
};

// An id as text, for the audit log's entity ids and the "what" of a read.
template <typename Tag>
std::string IdText(Id<Tag> id) {
  return std::to_string(id.value());
}

// The names of the trust's schools, in one read.
[[nodiscard]] Result<std::unordered_map<SchoolId, std::string>> SchoolNames(Context& ctx);

}  // namespace trellis::http
