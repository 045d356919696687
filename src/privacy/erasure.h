#pragma once
// Erasure (UK GDPR Article 17): a person anonymised in place, so that nothing held names them
// while the trust's history still adds up (counts, grids, pipeline snapshots, plans' ranks).
//
// What changes and what is kept is store::Store::ErasePerson's contract; here, the rules
// around it: who may be erased (not someone still in post or on a body: record their leaving
// first), the confirmation, the words put in place of their data, and the audit log's
// copies of it, redacted in the same transaction (docs/security.md says why).

#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "org/record_writes.h"
#include "privacy/subject.h"
#include "store/store.h"

namespace trellis::privacy {

// What replaces an erased person's names and text.
inline constexpr char kErasedGivenName[] = "Erased";
inline constexpr char kErasedFamilyName[] = "person";
inline constexpr char kErasedText[] = "[erased]";

struct ErasureRequest {
  TrustId trust;
  PersonId person;
  // The person's reference, typed again to confirm: a slip of an id must not erase someone.
  std::string confirm_reference;
};

struct ErasureReport {
  PersonId person;
  Date erased_on;
  std::string reference;        // the person's new reference ("ERASED-<id>")
  int64_t audit_entries_redacted = 0;
  int64_t user_accounts_disabled = 0;
};

// Erases the person in one transaction: their records (store::Store::ErasePerson), the
// audit entries about them (AuditEntriesAbout, Redacted), and one audit entry of the erasure
// itself (action "erase", entity "person", the id, and counts: no personal data).
// kNotFound when the person is not in the trust; kInvalidInput (field "confirm_reference")
// when the confirmation is not their reference; kConflict when they hold a post or sit on a
// body on `today`, or were erased already.
[[nodiscard]] Result<ErasureReport> Erase(store::Store& store, const ErasureRequest& request,
                                          const org::Actor& actor, Instant now);

// The parts of Erase a retention run shares (privacy/retention.cc), inside its transaction:
// whether the person holds a post or sits on a body on `today`; and the erasure itself with
// its audit entries, after the caller's checks (confirmation, not erased, not in post).
[[nodiscard]] Result<bool> InPostOrOnBody(store::Store& tx, const org::Person& person, Date today);
[[nodiscard]] Result<ErasureReport> EraseInTransaction(store::Store& tx, const Subject& subject,
                                                       const org::Actor& actor, Instant now);

}  // namespace trellis::privacy
