#pragma once
// The data subject: one person of a trust, the user accounts linked to them, and how their
// personal data shows in the audit log. Shared by the subject-access export (which hands the
// entries over) and erasure (which redacts them), so both mean the same entries.

#include <string>
#include <vector>

#include "access/model.h"
#include "core/result.h"
#include "org/model.h"
#include "store/store.h"

namespace trellis::privacy {

struct Subject {
  org::Person person;
  std::vector<access::User> users;  // accounts linked to the person
  // What names them in text: "Given Family", their email and their accounts' emails
  // (non-empty ones only); found and replaced wherever they appear, ignoring ASCII case.
  std::vector<std::string> texts;
};

// kNotFound when the person is not in the trust.
[[nodiscard]] Result<Subject> SubjectOf(store::Store& store, TrustId trust, PersonId person);

// The audit entries of the trust about the subject or made by their accounts, newest first:
// entries about their person record, their risk of loss or their accounts; entries whose
// before or after holds a record of theirs (a "person_id" of theirs: holdings, ratings,
// candidacies, actions, ...); entries written by their accounts; and entries whose actor,
// before or after names them (Subject::texts) or holds their reference as a value.
[[nodiscard]] Result<std::vector<access::AuditEntry>> AuditEntriesAbout(store::Store& store,
                                                                        const Subject& subject);

// `entry` with the subject's personal data taken out, everything else kept: in a record of
// theirs (an object whose "person_id" is theirs, or the entry's own record when it is their
// person, risk or account), names, reference, email and free text become `replacement`;
// anywhere else their names and emails (Subject::texts) are replaced inside text, and a text
// that is exactly their reference is replaced whole; the actor becomes `replacement` when it
// is one of their accounts. Pure.
access::AuditEntry Redacted(const access::AuditEntry& entry, const Subject& subject,
                            const std::string& replacement);

}  // namespace trellis::privacy
