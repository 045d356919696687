#pragma once
// Import and export of a trust's data as files: CSV for every kind of record (the
// organisation, the talent review and succession planning), DfE's Get Information about
// Schools (GIAS) download for schools, and XLSX for exports. Columns, encodings, import order
// and the rules of each kind: docs/import-formats.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"
#include "succession/plan_service.h"
#include "talent/review_service.h"

namespace trellis::exchange {

enum class Kind {
  kSchools,
  kGias,
  kBodies,
  kPeople,
  kPosts,
  kHoldings,
  kMemberships,
  kLineLinks,
  kRoleProfiles,
  kAssessments,
  kRatings,
  kRisks,
  kKeyPosts,
  kSuccessors,
};

// Codes as in URLs and on the command line: "schools", "gias", "bodies", "people", "posts",
// "holdings", "memberships", "line-links", "role-profiles", "assessments", "ratings", "risks",
// "key-posts", "successors".
std::optional<Kind> KindFromCode(std::string_view code);
std::string_view KindCode(Kind kind);
// Every kind, in the order of the table of codes.
std::vector<Kind> AllKinds();
// Every kind but kGias (which is DfE's format, read only).
bool CanExport(Kind kind);

struct ImportOptions {
  TrustId trust;
  bool dry_run = false;  // check only; write nothing
  Date today;            // for "current" judgements
  Instant now;           // audit timestamps
  std::string actor;     // for the audit log: user's email, or "cli"
  std::optional<UserId> user;
  std::string remote;  // client address, or empty
};

struct ImportReport {
  Kind kind;
  bool dry_run = false;
  // rows: data rows read (blank lines and the header not counted). GIAS rows skipped by its
  // rules (other trusts' schools, closed schools not already stored) count in none of the
  // others. created, updated and unchanged count records, one per row, except where several
  // rows make one record: role profiles (a row per requirement) and successors (a plan's
  // candidate list, a row per candidate) count profiles and plans.
  int64_t rows = 0, created = 0, updated = 0, unchanged = 0;
};

// Reads `file` (the bytes of a CSV file) as `kind` into the trust, upserting by each kind's
// key (URN, staff or post reference, body name, ...).
//
// The file's encoding and header are checked first, without the store. Then, unless
// dry_run, one store transaction lists the stored records, checks every row against them and
// applies every change, so a concurrent writer cannot make a "create" or "update" decision
// stale between the check and the write. The audit log (action "import") gets an entry per
// updated record (before/after the record's JSON as its domain writes it) and, for each
// entity, one entry for all the records the file created ({"created": n, "ids": [[first,
// last], ...]}, entity_id empty; Store::ListAudit finds it under each id; a body, review
// cycle or succession plan has an entry of its own): entity
// "school", "body", "person", "post", "holding", "membership", "line_link",
// "role_profile", "assessment", "review_cycle" (a cycle a ratings file creates), "rating",
// "loss_risk" (filed under the person's id, as succession::PlanService files it),
// "succession_plan" (a key-posts file's plans, and a successors file's candidate lists:
// {"candidates": [...]} before and after, filed under the plan as PlanService files them) and
// "post" (a post a key-posts file makes key). A record equal to the stored one is
// left alone and counted unchanged, so importing the same file twice changes nothing. A
// dry run checks against the store as it is, outside any transaction, and writes nothing.
// A cell that starts with a ' followed by a formula character loses that one quote (see
// GuardFormula in exchange/cells.h), so a CSV export imports back unchanged.
//
// Any problem with the file writes nothing and fails with kValidationFailed, message
// "12 problems in the people file; nothing was written", details one Problem per problem:
// field = the column header (as written in the file), reason, value (at most 100
// characters), row = the spreadsheet row number (the header is row 1, the first data row
// row 2; empty for problems with the whole file). At most kMaxReportedProblems are listed;
// the message always gives the full count. kNotFound when the trust does not exist; other
// store failures pass through unchanged.
[[nodiscard]] Result<ImportReport> Import(store::Store& store, Kind kind, std::string_view file,
                                          const ImportOptions& options);

inline constexpr size_t kMaxReportedProblems = 1000;

enum class Format { kCsv, kXlsx };

// The trust's records of `kind`, with the columns the import takes, so an export imports
// back as "unchanged". CSV is UTF-8 with a byte order mark (so Excel reads it as UTF-8) and
// CRLF line endings, and text that a spreadsheet would run as a formula (starting with =, +,
// -, @, tab or CR) written behind a single quote; XLSX is one sheet with a bold header row,
// its text in string cells (never formulas). kInvalidInput for kGias.
//
// Ratings are one review cycle's: `year` (the academic year's start), or the trust's newest
// cycle when empty; a year without a cycle exports the header alone.
struct ExportOptions {
  std::optional<int> year;  // ratings only
};
[[nodiscard]] Result<std::string> Export(store::Store& store, Kind kind, TrustId trust,
                                         Format format, Date today,
                                         const ExportOptions& options = {});

// Whether a file of `kind` holds confidential records (ratings, risks of loss, plans and who
// is named on them), whose export counts as a read of them.
bool IsConfidential(Kind kind);
// Records an export of a confidential kind as a read of its records, through the service
// that records reads of them one at a time ("export", with the cycle for ratings); nothing
// for the other kinds. Every way out of the product (API, command line) calls it.
[[nodiscard]] Result<void> RecordExportRead(talent::ReviewService& review,
                                            succession::PlanService& plans, Kind kind,
                                            TrustId trust, const ExportOptions& options,
                                            const org::Actor& actor);

}  // namespace trellis::exchange
