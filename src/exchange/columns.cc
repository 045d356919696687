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
