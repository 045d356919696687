#pragma once
// What every domain service's checked, audited writes share: who is acting, the audit
// entry a change leaves, and how a reference to a missing record becomes a field problem.

#include <optional>
#include <string>
#include <vector>

#include "access/model.h"
#include "core/result.h"
#include "store/store.h"

namespace trellis::org {

// Who is making a change, for the audit log.
struct Actor {
  std::optional<UserId> user;
  std::string name;    // the user's email, or "cli", "demo", "system"
  std::string remote;  // client address when over HTTP
};

access::AuditEntry AuditEntryOf(const Actor& actor, Instant at, std::optional<TrustId> trust,
                                std::string action, std::string entity, std::string entity_id,
                                std::string before = {}, std::string after = {});
inline access::AuditEntry AuditEntryOf(const Actor& actor, Instant at, std::optional<TrustId> trust,
                                       std::string action, std::string entity, int64_t entity_id,
                                       std::string before = {}, std::string after = {}) {
  return AuditEntryOf(actor, at, trust, std::move(action), std::move(entity),
                      std::to_string(entity_id), std::move(before), std::move(after));
}

// When `found` failed with kNotFound, adds the problem "does not exist in this trust" for
// `field` and succeeds; passes any other failure on.
template <typename T>
Result<void> NoteMissing(std::vector<Problem>& problems, std::string field, int64_t id,
                         const Result<T>& found) {
  if (found) return Ok();
  if (found.error().code != ErrorCode::kNotFound) return Fail(found.error());
  problems.push_back({std::move(field), "does not exist in this trust", std::to_string(id), {}});
  return Ok();
}

// Adds the problem "must not be in the future" for `field` when `day` is after `today`: for
// the day something happened (a discussion held, an assessment made, an action raised).
// Nothing for a missing date (the field rules report it).
void NoteInFuture(std::vector<Problem>& problems, std::string field, Date day, Date today);

// Adds the problem "has left the trust" for `field` when `person` had left it by `today`.
void NoteLeft(std::vector<Problem>& problems, std::string field, const Person& person, Date today);

// Adds a problem for `field` when `person` is not in the trust, or had left it by `today`
// (NoteLeft):
// for people a new record is about (a successor, whose development it is, who owns it).
// Nothing to check for an invalid id (the field rules report it); other store failures are
// passed on.
[[nodiscard]] Result<void> NoteNotCurrent(store::Store& store, TrustId trust, std::string field,
                                          PersonId person, Date today,
                                          std::vector<Problem>& problems);

}  // namespace trellis::org
