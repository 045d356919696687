#include "org/validation.h"

#include <array>
#include <cctype>
#include <string>

#include "org/field_problems.h"

namespace trellis::org {
namespace {

constexpr size_t kMaxReference = 40;

constexpr std::array<std::string_view, 18> kCensusRoles = {
    "Headteacher",
    "Executive Headteacher",
    "Deputy Headteacher",
    "Assistant Headteacher",
    "Leading Practitioner",
    "Classroom Teacher",
    "Teaching Assistant",
    "Higher Level Teaching Assistant",
    "Special Educational Needs Support Staff",
    "Early Years Practitioner",
    "Learning Mentor",
    "Librarian",
    "Administrative Staff",
    "Technician",
    "Bursar / School Business Manager",
    "Leadership - Non-Teacher",
    "Matron / Nurse / Medical Staff",
    "Other Support Staff",
};

void CheckFte(FieldProblems& p, double fte) {
  if (!(fte > 0.0 && fte <= 1.0))
    p.Add("fte", "must be more than 0 and at most 1", std::to_string(fte));
}

void CheckEndsAfter(FieldProblems& p, const std::string& field, const std::optional<Date>& end,
                    Date start) {
  if (end && *end <= start) p.Add(field, "must be after the start", end->ToIso());
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

std::span<const std::string_view> WorkforceCensusRoles() { return kCensusRoles; }

std::string_view CanonicalWorkforceCensusRole(std::string_view text) {
  for (auto role : kCensusRoles)
    if (EqualsIgnoringCase(role, text)) return role;
  return {};
}

bool HasControlCharacters(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return true;
  }
  return false;
}

std::string ShowControlCharacters(std::string_view text) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

bool LooksLikeEmail(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= text.size() || text.size() > 254)
    return false;
  if (text.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = text.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  for (char c : text)
    if (std::isspace(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) < 0x20)
      return false;
  return true;
}

// UK postcodes: outward code (2–4 characters, starting with a letter) and inward code
// (digit, two letters), with one optional space. Checked loosely on shape only.
bool LooksLikePostcode(std::string_view text) {
  std::string compact;
  for (char c : text)
    if (c != ' ') compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (compact.size() < 5 || compact.size() > 7) return false;
  if (!std::isalpha(static_cast<unsigned char>(compact[0]))) return false;
  const size_t n = compact.size();
  if (!std::isdigit(static_cast<unsigned char>(compact[n - 3])) ||
      !std::isalpha(static_cast<unsigned char>(compact[n - 2])) ||
      !std::isalpha(static_cast<unsigned char>(compact[n - 1])))
    return false;
  for (char c : compact)
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

std::vector<Problem> Check(const Trust& trust) {
  FieldProblems p;
  p.Line("name", trust.name, Presence::kRequired);
  p.Line("reference", trust.reference, Presence::kOptional, kMaxReference);
  return p.Take();
}

std::vector<Problem> Check(const School& s) {
  FieldProblems p;
  if (s.urn < 100000 || s.urn > 999999)
    p.Add("urn", "must be a 6-digit DfE unique reference number", std::to_string(s.urn));
  p.Line("name", s.name, Presence::kRequired);
  p.Line("phase", s.phase, Presence::kOptional, 100);
  p.Line("type", s.type, Presence::kOptional, 100);
  p.Line("status", s.status, Presence::kOptional, 100);
  p.Line("local_authority", s.local_authority, Presence::kOptional, 100);
  p.Line("region", s.region, Presence::kOptional, 100);
  if (s.pupils && (*s.pupils < 0 || *s.pupils > 10000))
    p.Add("pupils", "must be from 0 to 10000", std::to_string(*s.pupils));
  if (p.SingleLine("postcode", s.postcode) && !s.postcode.empty() && !LooksLikePostcode(s.postcode))
    p.Add("postcode", "is not a UK postcode", s.postcode);
  if (s.easting && (*s.easting < 0 || *s.easting > 700000))
    p.Add("easting", "must be from 0 to 700000 (British National Grid)",
          std::to_string(*s.easting));
  if (s.northing && (*s.northing < 0 || *s.northing > 1300000))
    p.Add("northing", "must be from 0 to 1300000 (British National Grid)",
          std::to_string(*s.northing));
  return p.Take();
}

std::vector<Problem> Check(const Body& b) {
  FieldProblems p;
  p.Line("name", b.name, Presence::kRequired);
  if (b.kind == BodyKind::kLocalGoverningBody && !b.school)
    p.Add("school_id", "a Local Governing Body must name its school");
  if (b.kind != BodyKind::kLocalGoverningBody && b.school)
    p.Add("school_id", "only a Local Governing Body belongs to a school");
  if (b.kind == BodyKind::kBoard && b.parent) p.Add("parent_id", "the Board has no parent body");
  if (b.parent && b.parent == b.id && b.id.valid()) p.Add("parent_id", "cannot be the body itself");
  return p.Take();
}

std::vector<Problem> Check(const Person& person) {
  FieldProblems p;
  p.Line("reference", person.reference, Presence::kRequired, kMaxReference);
  p.Line("given_name", person.given_name, Presence::kRequired);
  p.Line("family_name", person.family_name, Presence::kRequired);
  if (p.SingleLine("email", person.email) && !person.email.empty() && !LooksLikeEmail(person.email))
    p.Add("email", "is not an email address", person.email);
  if (person.joined_trust && person.left_trust && *person.left_trust < *person.joined_trust)
    p.Add("left_trust", "must not be before joined_trust", person.left_trust->ToIso());
  return p.Take();
}

std::vector<Problem> Check(const Post& post) {
  FieldProblems p;
  p.Line("reference", post.reference, Presence::kRequired, kMaxReference);
  p.Line("title", post.title, Presence::kRequired);
  if (post.school && post.body) p.Add("body_id", "a post sits at a school or a body, not both");
  if (post.stage) {
    const bool governance_stage = Info(*post.stage).governance;
    if (governance_stage != (post.family == RoleFamily::kGovernance))
      p.Add("stage",
            governance_stage ? "a governance stage needs the governance role family"
                             : "a governance post takes a governance stage",
            std::string(Code(*post.stage)));
  }
  if (p.SingleLine("workforce_census_role", post.workforce_census_role) &&
      !post.workforce_census_role.empty() &&
      CanonicalWorkforceCensusRole(post.workforce_census_role).empty())
    p.Add("workforce_census_role", "is not a School Workforce Census role",
          post.workforce_census_role);
  CheckFte(p, post.fte);
  return p.Take();
}

std::vector<Problem> Check(const Holding& h) {
  FieldProblems p;
  p.RequiredId("post_id", h.post);
  p.RequiredId("person_id", h.person);
  CheckEndsAfter(p, "end", h.end, h.start);
  CheckFte(p, h.fte);
  return p.Take();
}

std::vector<Problem> Check(const Membership& m) {
  FieldProblems p;
  p.RequiredId("body_id", m.body);
  p.RequiredId("person_id", m.person);
  CheckEndsAfter(p, "term_end", m.term_end, m.term_start);
  return p.Take();
}

std::vector<Problem> Check(const LineLink& l) {
  FieldProblems p;
  p.RequiredId("manager_id", l.manager);
  p.RequiredId("report_id", l.report);
  if (l.manager.valid() && l.manager == l.report)
    p.Add("manager_id", "a person cannot line-manage themselves");
  CheckEndsAfter(p, "end", l.end, l.start);
  return p.Take();
}

}  // namespace trellis::org
