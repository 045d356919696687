#include "org/record_writes.h"

namespace trellis::org {

access::AuditEntry AuditEntryOf(const Actor& actor, Instant at, std::optional<TrustId> trust,
                                std::string action, std::string entity, std::string entity_id,
                                std::string before, std::string after) {
  return access::AuditEntry{.id = {},
                            .at = at,
                            .trust = trust,
                            .user = actor.user,
                            .actor = actor.name,
                            .action = std::move(action),
                            .entity = std::move(entity),
                            .entity_id = std::move(entity_id),
                            .before = std::move(before),
                            .after = std::move(after),
                            .remote = actor.remote};
}

void NoteInFuture(std::vector<Problem>& problems, std::string field, Date day, Date today) {
  if (day != Date{} && day > today)
    problems.push_back({std::move(field), "must not be in the future", day.ToIso(), {}});
}

void NoteLeft(std::vector<Problem>& problems, std::string field, const Person& person, Date today) {
  if (person.left_trust && *person.left_trust <= today)
    problems.push_back(
        {std::move(field), "has left the trust", std::to_string(person.id.value()), {}});
}

Result<void> NoteNotCurrent(store::Store& store, TrustId trust, std::string field, PersonId person,
                            Date today, std::vector<Problem>& problems) {
  if (!person.valid()) return Ok();
  const auto found = store.GetPerson(trust, person);
  if (found) NoteLeft(problems, field, *found, today);
  return NoteMissing(problems, std::move(field), person.value(), found);
}

}  // namespace trellis::org
