#pragma once
// The real list of schools the national workload is built from: DfE's Get Information about
// Schools (GIAS) establishments as of 2022-07-06 and the academies' trusts as of December
// 2016, shipped in the binary (data/gias/, provenance in data/README.md).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace trellis::workload {

// The day of the establishments extract: what "open" means, and the day the generated
// workload is dated (its ratings, assessments and risks are all on or before it).
inline const Date kAsOf = *Date::FromYmd(2022, 7, 6);

// One row of establishments_2022-07-06.csv.
struct Establishment {
  int64_t urn = 0;
  std::string name;
  std::string town;
  std::string postcode;
  std::optional<Date> opened;
  std::optional<Date> closed;

  // Open on kAsOf: opened by then (or no opening date recorded) and not yet closed.
  bool OpenOn(Date day) const;
};

// One row of academy_trust_links_2016-12.csv that names a trust.
struct TrustLink {
  int64_t urn = 0;
  std::string school_type;      // "Academy Converter", "Academy Sponsor Led", …
  std::string trust_reference;  // DfE group id, "TR00746"
  std::string trust_name;
  bool multi_academy = false;  // a multi-academy trust (else single-academy)
};

struct Gias {
  std::vector<Establishment> establishments;  // in the file's order (by URN)
  std::vector<TrustLink> links;               // the first row of each URN, in the file's order
};

// Reads the two files. Rows without a trust in the links file are left out, and so is a
// URN's repeated row (the 2016 file lists a few academies twice, identically).
// kInvalidInput, with a problem per bad row, when a file lacks a column or a row has a URN
// or date that cannot be read.
[[nodiscard]] Result<Gias> ParseGias(std::string_view establishments_csv,
                                     std::string_view links_csv);

// The files shipped in the binary, parsed.
[[nodiscard]] Result<Gias> ShippedGias();

}  // namespace trellis::workload
