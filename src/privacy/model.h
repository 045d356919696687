#pragma once
// UK GDPR records the store keeps for privacy/: an erasure as the store applies it, a trust's
// retention rules, and what removing leavers' talent-review data removed. Plain values only
// (no .cc), so the store interface can name them without depending on privacy's services.

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/ids.h"

namespace trellis::privacy {

// What store::Store::ErasePerson writes in place of a person's personal data. privacy::Erase
// decides the words; the store applies them in one transaction (see ErasePerson's contract).
struct PersonErasure {
  TrustId trust;
  PersonId person;
  Date on;
  std::string given_name;    // the person's new names and reference
  std::string family_name;
  std::string reference;
  std::string name_in_text;  // the name as free text of the trust may hold it ("Ann Smith")
  std::string replacement;   // what replaces it there, and any other erased text
};

// A trust's retention rules: each rule is off (empty) or a number of whole years. None is on
// by default: a trust decides its own retention (it is the controller), and nothing is
// removed until it does.
struct RetentionRules {
  // Talent-review data of leavers (ratings with their calibration adjustments, assessments,
  // risk of loss) removed this many years after the day they left.
  std::optional<int> leaver_review_years;
  // Leavers erased (as privacy::Erase) this many years after the day they left.
  std::optional<int> leaver_erasure_years;
  // Audit entries removed this many years after they were written; at least
  // kLeastAuditYears, since the log is the trust's evidence of who did and saw what.
  std::optional<int> audit_years;

  bool operator==(const RetentionRules&) const = default;
};

inline constexpr int kLeastAuditYears = 6;
inline constexpr int kMostRetentionYears = 100;

// What removing leavers' talent-review data removed, per kind.
struct ReviewDataRemoved {
  int64_t ratings = 0;
  int64_t rating_adjustments = 0;
  int64_t assessments = 0;
  int64_t loss_risks = 0;
};

}  // namespace trellis::privacy
