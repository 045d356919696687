#pragma once
// The subject-access export (UK GDPR Article 15): everything trellis holds about one person,
// as one ZIP archive a trust's data protection officer hands over: person.json with every
// kind of record nested under the person, one CSV file per kind for a spreadsheet, and a
// README.txt saying what each file is.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "org/record_writes.h"
#include "store/store.h"

namespace trellis::privacy {

// One column of the schema that refers to a person (or to a user, who may be one), and where
// the export and erasure deal with it. A test compares this list with the columns the
// migrations create (tests/privacy/coverage_test.cc): a new table naming people fails it
// until the export and erasure know about it.
struct PersonColumn {
  std::string_view table;
  std::string_view column;
  std::string_view kind;  // the key of person.json (and CSV file) holding those rows, or ""
  std::string_view why_not_exported;  // when kind is "": why
};
const std::vector<PersonColumn>& PersonColumns();

// The kinds of person.json, in their order: the person first, the audit entries last.
const std::vector<std::string_view>& ExportKinds();

// Everything held about the person, keyed by ExportKinds (each an array of records as the API
// shows them, ratings with their adjustments nested; "person" an object). kNotFound when the
// person is not in the trust.
[[nodiscard]] Result<nlohmann::json> CollectPersonRecord(store::Store& store, TrustId trust,
                                                         PersonId person);

struct SubjectAccessArchive {
  std::string file_name;  // "subject-access-<reference>-<day>.zip", safe as a file name
  std::string bytes;      // the ZIP archive
};

// The archive of CollectPersonRecord, read in one transaction that also appends an audit
// entry of the export (action "read", entity "person", the person's id, "subject_access_export"
// in its after side): a read of confidential data on the record like any other.
[[nodiscard]] Result<SubjectAccessArchive> ExportPerson(store::Store& store, TrustId trust,
                                                        PersonId person, const org::Actor& actor,
                                                        Instant now);

}  // namespace trellis::privacy
