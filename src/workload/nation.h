#pragma once
// The schools of the national workload and who employs them: every school open on kAsOf,
// in its real trust where the 2016 links know one, the others grouped by their local
// authority as if it were a trust. Pure: built from parsed GIAS records, no I/O.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "workload/gias.h"

namespace trellis::workload {

// What a school teaches, as far as its name tells: the establishments file has no phase.
enum class Phase {
  kNursery,
  kInfant,
  kJunior,
  kFirst,
  kPrimary,
  kMiddle,
  kSecondary,
  kAllThrough,
  kSixthForm,
  kSpecial,  // special schools, pupil referral units, alternative provision
  kUnknown,  // a name that says no phase ("Hampstead School")
};

// The phase a school's name says, by the first rule whose words it contains (whole words,
// any case; docs/architecture.md, "The national workload"):
//  1. special, pupil referral, referral unit, PRU, hospital school, alternative provision,
//     short stay → special;
//  2. infant(s) and junior both → primary; infant(s) → infant; junior → junior;
//  3. first school, first and middle → first; middle → middle;
//  4. primary, prep, preparatory → primary;
//  5. nursery, children's centre, early years, kindergarten, pre-school, montessori → nursery;
//  6. sixth form, 6th form, 16-19 → sixth form; all-through → all-through;
//  7. secondary, high, grammar, upper, comprehensive, academy, college, UTC, university
//     technical, studio school → secondary;
//  8. anything else → unknown.
// A school-age word wins over "nursery" ("Oak Primary School and Nursery" is a primary).
Phase PhaseFromName(std::string_view name);

// The phase as GIAS's PhaseOfEducation names it, for the schools file: "Primary",
// "Secondary", "Not applicable" (special schools), … and "" for kUnknown.
std::string_view GiasPhase(Phase phase);

// The postcode area: the letters before the first digit ("LS" of "LS1 4AP", "B" of
// "B15 2TT"), upper case; empty when the postcode does not start that way.
std::string PostcodeArea(std::string_view postcode);

struct School {
  int64_t urn = 0;
  std::string name;
  std::string town;
  std::string postcode;
  std::string type;  // the academy's type from the 2016 links ("Academy Converter"), or ""
  Phase phase = Phase::kUnknown;
};

enum class GroupKind {
  kMultiAcademyTrust,
  kSingleAcademyTrust,
  kLocalAuthority,  // schools without a known trust, grouped by postcode area
};

// An employer of schools' staff: a real academy trust, or a local authority's schools.
struct Group {
  std::string reference;  // the trust's DfE group id ("TR00746"), or "LA-" + postcode area
  std::string name;
  GroupKind kind = GroupKind::kMultiAcademyTrust;
  std::vector<School> schools;  // by URN

  bool IsTrust() const { return kind != GroupKind::kLocalAuthority; }
};

struct Nation {
  std::vector<Group> groups;  // trusts by reference ("TR…"), then local authorities ("LA-…")
  // Open schools left out: no trust known and no postcode to find their local authority by
  // (British schools overseas, mostly).
  int64_t schools_left_out = 0;
};

// The nation as of kAsOf. Trusts come from the links file (multi- and single-academy alike);
// a trust none of whose schools is open is left out. Every other open school joins the group
// of its postcode area ("LA-LS"), a stand-in for its local authority, which the
// establishments file does not give; the group is named after the town most of its schools
// are in ("Leeds area schools").
Nation BuildNation(const Gias& gias);

// How much of the nation to generate.
struct Size {
  enum class Kind {
    kTrust,     // one real multi-academy trust of about ten schools
    kSchools,   // whole groups until at least `schools` schools
    kNational,  // every group
  };
  Kind kind = Kind::kNational;
  int64_t schools = 0;  // kSchools only

  bool operator==(const Size&) const = default;
};

// "trust", "schools:N" (N ≥ 1) or "national". kInvalidInput otherwise.
[[nodiscard]] Result<Size> ParseSize(std::string_view text);
std::string ToText(Size size);

// The groups of `size`, in the nation's order:
//  - trust: the multi-academy trust whose number of schools is nearest ten (the lowest
//    reference of those as near);
//  - schools:N: whole groups in a fixed order that mixes trusts and local authorities (by a
//    hash of the reference, FNV-1a scattered, the same on every platform) until at least N
//    schools;
//  - national: every group.
// The seed plays no part: the same size is always the same schools.
std::vector<const Group*> SelectGroups(const Nation& nation, Size size);

// FNV-1a, 64 bits: fixed, so orders and seeds built on it are the same everywhere.
uint64_t Fnv1a(std::string_view text);

}  // namespace trellis::workload
