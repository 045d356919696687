#pragma once
// The trust's organisation and people: the records every other module builds on.
// Plain values; rules about them live in org/validation.h and org/org_service.h.

#include <optional>
#include <string>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/ids.h"
#include "org/career_ladder.h"

namespace trellis::org {

enum class BodyKind { kBoard, kCommittee, kLocalGoverningBody };
enum class MembershipRole { kChair, kViceChair, kMember, kClerk };
enum class RoleFamily { kTeaching, kSupport, kLeadership, kGovernance };
enum class ContractType { kPermanent, kFixedTerm, kCasual, kVoluntary };

struct Trust {
  TrustId id;
  std::string name;
  std::string reference;  // DfE trust group id (e.g. TR00746) when known; unique
  Instant created_at;
};

struct School {
  SchoolId id;
  TrustId trust;
  int64_t urn = 0;  // DfE unique reference number; unique within the trust
  std::string name;
  std::string phase;            // GIAS PhaseOfEducation, e.g. "Primary", "Secondary"
  std::string type;             // GIAS TypeOfEstablishment, e.g. "Academy converter"
  std::string status = "Open";  // GIAS EstablishmentStatus
  std::string local_authority;
  std::string region;
  std::optional<int64_t> pupils;
  std::string postcode;
  std::optional<int64_t> easting;
  std::optional<int64_t> northing;
};

// A governance body: the Board of Directors, one of its committees, or a school's Local
// Governing Body. Names are unique within a trust.
struct Body {
  BodyId id;
  TrustId trust;
  BodyKind kind = BodyKind::kBoard;
  std::string name;
  std::optional<SchoolId> school;  // the school of a Local Governing Body
  std::optional<BodyId> parent;    // the board a committee reports to
};

struct Person {
  PersonId id;
  TrustId trust;
  std::string reference;  // staff (or governor) reference, unique within the trust
  std::string given_name;
  std::string family_name;
  std::string email;
  std::optional<CareerStage> stage;  // the person's own rung (or governance role)
  std::optional<Date> joined_trust;
  std::optional<Date> left_trust;
};

// A post: at a school, at a governance body, or (neither) at the trust itself.
struct Post {
  PostId id;
  TrustId trust;
  std::string reference;  // unique within the trust
  std::string title;
  std::optional<SchoolId> school;
  std::optional<BodyId> body;
  RoleFamily family = RoleFamily::kTeaching;
  std::optional<CareerStage> stage;    // entry rung of the role
  std::string workforce_census_role;   // School Workforce Census role, where one applies
  double fte = 1.0;
  bool key = false;
};

// Who holds a post, from when to when. Open-ended while end is empty.
struct Holding {
  HoldingId id;
  TrustId trust;
  PostId post;
  PersonId person;
  Date start;
  std::optional<Date> end;
  ContractType contract = ContractType::kPermanent;
  double fte = 1.0;
};

struct Membership {
  MembershipId id;
  TrustId trust;
  BodyId body;
  PersonId person;
  MembershipRole role = MembershipRole::kMember;
  Date term_start;
  std::optional<Date> term_end;
};

// `manager` line-manages `report` over [start, end).
struct LineLink {
  LineLinkId id;
  TrustId trust;
  PersonId manager;
  PersonId report;
  Date start;
  std::optional<Date> end;
};

// True while a dated record is in force on `day`.
template <typename T>
bool InForce(const T& record, Date day) {
  auto begin = [](const T& r) {
    if constexpr (requires { r.term_start; }) return r.term_start;
    else return r.start;
  };
  auto finish = [](const T& r) {
    if constexpr (requires { r.term_end; }) return r.term_end;
    else return r.end;
  };
  return begin(record) <= day && (!finish(record) || day < *finish(record));
}

}  // namespace trellis::org

namespace trellis {
template <> std::span<const EnumName<org::BodyKind>> EnumNames();
template <> std::span<const EnumName<org::MembershipRole>> EnumNames();
template <> std::span<const EnumName<org::RoleFamily>> EnumNames();
template <> std::span<const EnumName<org::ContractType>> EnumNames();
template <> std::span<const EnumName<org::CareerStage>> EnumNames();
}  // namespace trellis
