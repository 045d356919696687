#pragma once
// The columns of each kind of file: the one table that the importers read headers with, the
// exporters write headers from, and docs/import-formats.md describes. Keep them in step.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "exchange/exchange.h"

namespace trellis::exchange {

struct Column {
  std::string_view name;     // the header trellis writes (snake_case; GIAS: DfE's own)
  std::string_view field;    // the record field (as its domain's Check names it) it fills
  std::string_view aliases;  // other headers accepted, separated by '|'
  bool required = false;     // the column must be present, and its cells not blank
  bool numeric = false;      // written as a number in XLSX
};

// Column indexes, in the order of ColumnsOf(kind). One enum per kind.
namespace school_col {
enum : size_t {
  kUrn,
  kName,
  kPhase,
  kType,
  kStatus,
  kLocalAuthority,
  kRegion,
  kPupils,
  kPostcode,
  kEasting,
  kNorthing
};
}
namespace gias_col {
enum : size_t {
  kUrn,
  kName,
  kType,
  kStatus,
  kPhase,
  kLocalAuthority,
  kRegion,
  kPupils,
  kPostcode,
  kEasting,
  kNorthing,
  kTrustCode,
  kTrustName
};
}
namespace body_col {
enum : size_t { kName, kKind, kSchoolUrn, kParent };
}
namespace person_col {
enum : size_t { kReference, kGivenName, kFamilyName, kEmail, kStage, kJoined, kLeft };
}
namespace post_col {
enum : size_t { kReference, kTitle, kSchoolUrn, kBody, kFamily, kStage, kCensusRole, kFte, kKey };
}
namespace holding_col {
enum : size_t { kPost, kPerson, kStart, kEnd, kContract, kFte };
}
namespace membership_col {
enum : size_t { kBody, kPerson, kRole, kTermStart, kTermEnd };
}
namespace line_link_col {
enum : size_t { kManager, kReport, kStart, kEnd };
}
namespace role_profile_col {
enum : size_t { kName, kPost, kStage, kFramework, kFrameworkVersion, kCompetency, kLevel, kWeight };
}
namespace assessment_col {
enum : size_t {
  kPerson,
  kFramework,
  kFrameworkVersion,
  kCompetency,
  kLevel,
  kAssessedOn,
  kAssessor,
  kAssessorName,
  kEvidence
};
}
namespace rating_col {
enum : size_t { kYear, kPerson, kPerformance, kPotential, kRater, kRationale, kEvidence };
}
namespace risk_col {
enum : size_t { kPerson, kRisk, kWindow, kNote, kAssessedOn };
}
namespace key_post_col {
enum : size_t { kPost, kImpact, kReviewOn, kConsiderExternal, kNotes };
}
namespace successor_col {
enum : size_t {
  kPost,
  kRank,
  kPerson,
  kExternalName,
  kExternalSource,
  kReadiness,
  kReadinessReason,
  kEmergency,
  kNotes
};
}

std::span<const Column> ColumnsOf(Kind kind);

// How headers are compared: trimmed, lower case, runs of spaces, hyphens and underscores as
// one '_'. "Staff reference", "staff_reference" and " STAFF-REFERENCE " are the same header.
std::string FoldHeader(std::string_view header);

// True when `header` names `column` (its name or one of its aliases).
bool HeaderMatches(const Column& column, std::string_view folded_header);

}  // namespace trellis::exchange
