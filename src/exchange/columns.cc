#include "exchange/columns.h"

#include <array>
#include <cctype>

namespace trellis::exchange {
namespace {

constexpr std::array kSchools = {
    Column{"urn", "urn", "Unique reference number", true, true},
    Column{"name", "name", "School name|School|Establishment name", true},
    Column{"phase", "phase", "Phase of education"},
    Column{"type", "type", "Type of establishment|School type|Establishment type"},
    Column{"status", "status", "Establishment status"},
    Column{"local_authority", "local_authority", "LA"},
    Column{"region", "region", "GOR|Government office region"},
    Column{"pupils", "pupils", "Number of pupils", false, true},
    Column{"postcode", "postcode", "Post code"},
    Column{"easting", "easting", "", false, true},
    Column{"northing", "northing", "", false, true},
};

// DfE's headers in its all-establishments download.
constexpr std::array kGias = {
    Column{"URN", "urn", "", true, true},
    Column{"EstablishmentName", "name", "", true},
    Column{"TypeOfEstablishment (name)", "type", ""},
    Column{"EstablishmentStatus (name)", "status", ""},
    Column{"PhaseOfEducation (name)", "phase", ""},
    Column{"LA (name)", "local_authority", ""},
    Column{"GOR (name)", "region", ""},
    Column{"NumberOfPupils", "pupils", "", false, true},
    Column{"Postcode", "postcode", ""},
    Column{"Easting", "easting", "", false, true},
    Column{"Northing", "northing", "", false, true},
    Column{"Trusts (code)", "", ""},
    Column{"Trusts (name)", "", ""},
};

constexpr std::array kBodies = {
    Column{"name", "name", "Body name|Body", true},
    Column{"kind", "kind", "Body kind|Type", true},
    Column{"school_urn", "school_id", "School URN|URN|School"},
    Column{"parent", "parent_id", "Parent body|Parent name|Reports to"},
};

constexpr std::array kPeople = {
    Column{"reference", "reference",
           "Staff reference|Staff ref|Person reference|Staff number|"
           "Employee number|Payroll number",
           true},
    Column{"given_name", "given_name", "First name|Forename|Forenames|Given names", true},
    Column{"family_name", "family_name", "Surname|Last name|Family names", true},
    Column{"email", "email", "Email address|E-mail|E-mail address|Work email"},
    Column{"stage", "stage", "Career stage"},
    Column{"joined_trust", "joined_trust", "Joined|Date joined|Start date|Joined the trust"},
    Column{"left_trust", "left_trust", "Left|Date left|Leaving date|Left the trust"},
};

constexpr std::array kPosts = {
    Column{"reference", "reference", "Post reference|Post ref|Post number", true},
    Column{"title", "title", "Post title|Job title", true},
    Column{"school_urn", "school_id", "School URN|URN|School"},
    Column{"body", "body_id", "Body name|Governance body"},
    Column{"family", "family", "Role family", true},
    Column{"stage", "stage", "Career stage|Entry stage"},
    Column{"workforce_census_role", "workforce_census_role",
           "Workforce census role|Census role|SWC role"},
    Column{"fte", "fte", "Full-time equivalent", false, true},
    Column{"key", "key", "Key post"},
};

constexpr std::array kHoldings = {
    Column{"post_reference", "post_id", "Post ref|Post", true},
    Column{"person_reference", "person_id", "Staff reference|Staff ref|Person", true},
    Column{"start", "start", "Start date|From", true},
    Column{"end", "end", "End date|To|Until"},
    Column{"contract", "contract", "Contract type"},
    Column{"fte", "fte", "Full-time equivalent", false, true},
};

constexpr std::array kMemberships = {
    Column{"body", "body_id", "Body name|Governance body", true},
    Column{"person_reference", "person_id", "Staff reference|Staff ref|Person", true},
    Column{"role", "role", "Membership role", true},
    Column{"term_start", "term_start", "Term starts|Start date|Appointed", true},
    Column{"term_end", "term_end", "Term ends|End date"},
};

constexpr std::array kLineLinks = {
    Column{"manager_reference", "manager_id",
           "Manager staff reference|Line manager reference|Line manager|Manager", true},
    Column{"report_reference", "report_id",
           "Report staff reference|Direct report reference|Direct report|Report|Staff reference",
           true},
    Column{"start", "start", "Start date|From", true},
    Column{"end", "end", "End date|To|Until"},
};

// The talent review and succession files name people by staff reference, as the people file
// does, under the headers HR systems export it with.
constexpr std::string_view kStaffReferenceAliases =
    "Person reference|Person|Staff ref|Staff number|Employee number|Payroll number";

// One row per requirement; the rows of one post (or career stage) make its profile.
constexpr std::array kRoleProfiles = {
    Column{"profile_name", "name", "Profile|Role profile|Profile title"},
    Column{"post_reference", "post_id", "Post ref|Post"},
    Column{"stage", "stage", "Career stage"},
    Column{"framework", "", "Framework code", true},
    Column{"framework_version", "", "Version"},
    Column{"competency", "competency_id", "Competency code", true},
    Column{"level", "level", "Required level|Level required", true, true},
    Column{"weight", "weight", "Weighting", false, true},
};

constexpr std::array kAssessments = {
    Column{"staff_reference", "person_id", kStaffReferenceAliases, true},
    Column{"framework", "", "Framework code", true},
    Column{"framework_version", "", "Version"},
    Column{"competency", "competency_id", "Competency code", true},
    Column{"level", "level", "Assessed level", true, true},
    Column{"assessed_on", "assessed_on", "Assessment date|Date assessed|Date", true},
    Column{"assessor", "assessor_id", "Assessor reference|Assessor staff reference"},
    Column{"assessor_name", "assessor_name", "Assessed by"},
    Column{"evidence", "evidence", ""},
};

constexpr std::array kRatings = {
    Column{"year", "year", "Academic year|Review year|Cycle year|Cycle", true, true},
    Column{"staff_reference", "person_id", kStaffReferenceAliases, true},
    Column{"performance", "performance", "", true, true},
    Column{"potential", "potential", "", true, true},
    Column{"rater", "rater_id", "Rater reference|Rater staff reference|Rated by", true},
    Column{"rationale", "rationale", "Reason|Reasons", true},
    Column{"evidence", "evidence", ""},
};

constexpr std::array kRisks = {
    Column{"staff_reference", "person_id", kStaffReferenceAliases, true},
    Column{"risk", "risk", "Risk of loss", true},
    Column{"departure_window", "window", "Window|Likely to leave|Leaving window"},
    Column{"note", "note", "Notes"},
    Column{"assessed_on", "assessed_on", "Assessment date|Date assessed|Date", true},
};

constexpr std::array kKeyPosts = {
    Column{"post_reference", "post_id", "Post ref|Post", true},
    Column{"impact", "impact", "Impact of loss"},
    Column{"review_on", "review_on", "Review date|Next review"},
    Column{"consider_external", "consider_external",
           "Consider external candidates|External candidates|Look outside"},
    Column{"notes", "notes", ""},
};

constexpr std::array kSuccessors = {
    Column{"post_reference", "post_id", "Post ref|Post", true},
    Column{"rank", "rank", "Choice|Order", true, true},
    Column{"staff_reference", "person_id", kStaffReferenceAliases},
    Column{"external_name", "external_name", "External candidate|External successor"},
    Column{"external_source", "external_source", "Source"},
    Column{"readiness", "readiness", "Readiness override"},
    Column{"readiness_reason", "readiness_reason", "Reason for readiness|Override reason"},
    Column{"emergency", "emergency", "Emergency successor"},
    Column{"notes", "notes", ""},
};

}  // namespace

std::span<const Column> ColumnsOf(Kind kind) {
  switch (kind) {
    case Kind::kSchools:
      return kSchools;
    case Kind::kGias:
      return kGias;
    case Kind::kBodies:
      return kBodies;
    case Kind::kPeople:
      return kPeople;
    case Kind::kPosts:
      return kPosts;
    case Kind::kHoldings:
      return kHoldings;
    case Kind::kMemberships:
      return kMemberships;
    case Kind::kLineLinks:
      return kLineLinks;
    case Kind::kRoleProfiles:
      return kRoleProfiles;
    case Kind::kAssessments:
      return kAssessments;
    case Kind::kRatings:
      return kRatings;
    case Kind::kRisks:
      return kRisks;
    case Kind::kKeyPosts:
      return kKeyPosts;
    case Kind::kSuccessors:
      return kSuccessors;
  }
  return {};
}

std::string FoldHeader(std::string_view header) {
  std::string out;
  bool pending_gap = false;
  for (char c : header) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t') {
      pending_gap = !out.empty();
      continue;
    }
    if (pending_gap) out += '_';
    pending_gap = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool HeaderMatches(const Column& column, std::string_view folded_header) {
  if (FoldHeader(column.name) == folded_header) return true;
  std::string_view rest = column.aliases;
  while (!rest.empty()) {
    const size_t bar = rest.find('|');
    if (FoldHeader(rest.substr(0, bar)) == folded_header) return true;
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  return false;
}

}  // namespace trellis::exchange
