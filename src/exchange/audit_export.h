#pragma once
// The audit log as a file, for a trust admin to keep or hand to an inspector (UK GDPR
// accountability; an investigation). Taking the file is itself a read of confidential data
// (the log's before and after sides hold ratings, risks and plans), so it is audited.

#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "exchange/exchange.h"
#include "org/record_writes.h"
#include "store/store.h"

namespace trellis::exchange {

// The most entries one file holds (newest first); narrow the filter for more.
inline constexpr int64_t kMostAuditEntriesInAFile = 1'000'000;

// The entries `filter` selects (its page is ignored: newest first, up to
// kMostAuditEntriesInAFile), one row each: id, at, actor, user_id, action, entity,
// entity_id, remote, before, after. Appends an audit entry of the export (action "read",
// entity "audit_log", entity id "export", the filter in its after side) in the same
// transaction as the read, so every file taken is on the record.
[[nodiscard]] Result<std::string> ExportAudit(store::Store& store, store::AuditFilter filter,
                                              Format format, const org::Actor& actor,
                                              Instant now);

}  // namespace trellis::exchange
