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

}  // namespace trellis::org
