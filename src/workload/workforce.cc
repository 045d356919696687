#include "workload/workforce.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "demo/names.h"
#include "demo/random.h"
#include "talent/frameworks.h"

namespace trellis::workload {
namespace {

using demo::Random;
using org::CareerStage;
using org::ContractType;
using org::RoleFamily;

// ---- Reference tables ------------------------------------------------------------------

constexpr std::string_view k3c = talent::kThreeCsCode;
constexpr std::string_view kNpqel = talent::kNpqelCode;

// What each rung of leadership asks, so that the ranking finds a realistic bench: the
// successors of a post are assessed against the profile of the post.
constexpr std::array kExecutiveRequirements = {
    Requirement{k3c, "3C-CA-1", 4, 2},       Requirement{k3c, "3C-CO-3", 3, 1},
    Requirement{kNpqel, "NPQEL-01.1", 4, 2}, Requirement{kNpqel, "NPQEL-07.3", 3, 1},
    Requirement{kNpqel, "NPQEL-08.1", 3, 1}, Requirement{kNpqel, "NPQEL-10.1", 3, 1},
};
constexpr std::array kHeadteacherRequirements = {
    Requirement{k3c, "3C-CH-1", 3, 1},       Requirement{k3c, "3C-CA-1", 3, 2},
    Requirement{k3c, "3C-CO-2", 3, 1},       Requirement{kNpqel, "NPQEL-01.2", 3, 2},
    Requirement{kNpqel, "NPQEL-02.1", 3, 1}, Requirement{kNpqel, "NPQEL-04.1", 3, 1},
    Requirement{kNpqel, "NPQEL-07.1", 3, 1},
};
constexpr std::array kSeniorLeaderRequirements = {
    Requirement{k3c, "3C-CH-2", 3, 1},       Requirement{k3c, "3C-CA-1", 2, 2},
    Requirement{k3c, "3C-CO-2", 2, 1},       Requirement{kNpqel, "NPQEL-02.2", 2, 1},
    Requirement{kNpqel, "NPQEL-03.1", 2, 1}, Requirement{kNpqel, "NPQEL-06.2", 2, 1},
};
constexpr std::array kProfiles = {
    RoleProfile{"Trust executive leader", CareerStage::kExecutiveLeader, kExecutiveRequirements},
    RoleProfile{"Headteacher", CareerStage::kNewHeadteacher, kHeadteacherRequirements},
    RoleProfile{"Deputy or assistant headteacher", CareerStage::kNewSeniorLeader,
                kSeniorLeaderRequirements},
};

// The size of a school by its phase: pupils drawn from low..high (the mean of two draws, so
// middling sizes are likelier), staff from pupils, and the shares of teachers and teaching
// assistants in its staff (the rest are other support staff). Primaries lean on teaching
// assistants, secondaries on support staff, special schools on both; over the nation the
// shares come to about 45% teachers, 28% teaching assistants and 27% others.
struct PhaseShape {
  int pupils_low, pupils_high;
  double pupils_per_staff;
  double teachers, assistants;
  bool secondary;  // departments, heads of year, technicians
};

PhaseShape ShapeOf(Phase phase) {
  switch (phase) {
    case Phase::kNursery:
      return {40, 160, 7.8, 0.30, 0.48, false};
    case Phase::kInfant:
    case Phase::kFirst:
      return {80, 340, 11.2, 0.43, 0.33, false};
    case Phase::kJunior:
      return {120, 460, 12.3, 0.43, 0.33, false};
    case Phase::kPrimary:
      return {50, 560, 11.8, 0.43, 0.33, false};
    case Phase::kMiddle:
      return {250, 800, 13.4, 0.48, 0.22, true};
    case Phase::kSecondary:
      return {400, 1600, 12.9, 0.48, 0.22, true};
    case Phase::kAllThrough:
      return {800, 2000, 12.9, 0.48, 0.22, true};
    case Phase::kSixthForm:
      return {200, 1800, 16.8, 0.55, 0.08, true};
    case Phase::kSpecial:
      return {40, 250, 3.4, 0.32, 0.45, false};
    case Phase::kUnknown:
      return {60, 600, 11.8, 0.45, 0.28, false};
  }
  return {60, 600, 11.8, 0.45, 0.28, false};
}

bool PrimaryLike(Phase phase) {
  return phase == Phase::kInfant || phase == Phase::kJunior || phase == Phase::kFirst ||
         phase == Phase::kPrimary;
}

constexpr auto kSubjectTeachers = std::to_array<std::string_view>({
    "Teacher of English",
    "Teacher of Mathematics",
    "Teacher of Science",
    "Teacher of English",
    "Teacher of Mathematics",
    "Teacher of Science",
    "Teacher of History",
    "Teacher of Geography",
    "Teacher of French",
    "Teacher of Spanish",
    "Teacher of Computing",
    "Teacher of Design and Technology",
    "Teacher of Art",
    "Teacher of Music",
    "Teacher of Drama",
    "Teacher of Physical Education",
    "Teacher of Religious Education",
    "Teacher of Biology",
    "Teacher of Chemistry",
    "Teacher of Physics",
});
constexpr auto kSecondaryMiddleLeaders = std::to_array<std::string_view>({
    "Head of English",
    "Head of Mathematics",
    "Head of Science",
    "SENCO",
    "Head of Year 7",
    "Head of Year 8",
    "Head of Year 9",
    "Head of Year 10",
    "Head of Year 11",
    "Head of Humanities",
    "Head of Modern Foreign Languages",
    "Head of Computing",
    "Head of Design and Technology",
    "Head of Creative Arts",
    "Head of Physical Education",
    "Head of Religious Education",
    "Head of Sixth Form",
    "Second in English",
    "Second in Mathematics",
    "Second in Science",
});
constexpr auto kPrimaryMiddleLeaders = std::to_array<std::string_view>({
    "SENCO",
    "English Leader",
    "Mathematics Leader",
    "Early Years Leader",
    "Key Stage 1 Leader",
    "Key Stage 2 Leader",
    "Science Leader",
    "Computing Leader",
    "Foundation Subjects Leader",
    "Physical Education Leader",
});

struct SupportRole {
  std::string_view title;
  std::string_view census;
  double fte;
  ContractType contract;
};
constexpr std::array kPrimarySupport = {
    SupportRole{"School Administrator", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Site Manager", "Other Support Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Midday Supervisor", "Other Support Staff", 0.25, ContractType::kCasual},
    SupportRole{"Learning Mentor", "Learning Mentor", 0.8, ContractType::kPermanent},
    SupportRole{"Cook", "Other Support Staff", 0.7, ContractType::kPermanent},
    SupportRole{"Midday Supervisor", "Other Support Staff", 0.25, ContractType::kCasual},
    SupportRole{"Office Assistant", "Administrative Staff", 0.6, ContractType::kPermanent},
    SupportRole{"Cleaner", "Other Support Staff", 0.5, ContractType::kPermanent},
    SupportRole{"Breakfast Club Assistant", "Other Support Staff", 0.3, ContractType::kCasual},
};
constexpr std::array kSecondarySupport = {
    SupportRole{"Finance Officer", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Data Manager", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Exams Officer", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Receptionist", "Administrative Staff", 0.8, ContractType::kPermanent},
    SupportRole{"Cover Supervisor", "Other Support Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Science Technician", "Technician", 1.0, ContractType::kPermanent},
    SupportRole{"IT Technician", "Technician", 1.0, ContractType::kPermanent},
    SupportRole{"Librarian", "Librarian", 0.8, ContractType::kPermanent},
    SupportRole{"Site Manager", "Other Support Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Pastoral Support Officer", "Learning Mentor", 1.0, ContractType::kPermanent},
    SupportRole{"Attendance Officer", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Administrative Assistant", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Design and Technology Technician", "Technician", 0.8, ContractType::kPermanent},
    SupportRole{"Careers Adviser", "Other Support Staff", 0.6, ContractType::kPermanent},
    SupportRole{"Site Assistant", "Other Support Staff", 1.0, ContractType::kPermanent},
    SupportRole{"School Nurse", "Matron / Nurse / Medical Staff", 0.6, ContractType::kPermanent},
    SupportRole{"Cleaner", "Other Support Staff", 0.5, ContractType::kPermanent},
    SupportRole{"Exams Invigilator", "Other Support Staff", 0.2, ContractType::kCasual},
    SupportRole{"Catering Assistant", "Other Support Staff", 0.6, ContractType::kPermanent},
    SupportRole{"Reprographics Assistant", "Administrative Staff", 0.6, ContractType::kPermanent},
};
constexpr std::array kCentralSupport = {
    SupportRole{"Finance Officer", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"HR Officer", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Payroll Officer", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"IT Manager", "Technician", 1.0, ContractType::kPermanent},
    SupportRole{"Governance Professional", "Administrative Staff", 0.8, ContractType::kPermanent},
    SupportRole{"Estates Officer", "Other Support Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Data Analyst", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Procurement Officer", "Administrative Staff", 1.0, ContractType::kPermanent},
    SupportRole{"Communications Officer", "Administrative Staff", 0.8, ContractType::kPermanent},
};

// Which schools' headteachers an executive line-manages (the chief executive manages those
// nobody else does).
enum class Oversees { kNone, kAllSchools, kPrimaries, kSecondaries };

// A trust executive post, present when the group has at least `min_schools` schools (and,
// for the directors of a phase, enough schools of it). Posts on the career ladder (a former
// headteacher's) sit at "CEO / executive headteacher"; the business posts are off it. The
// first post of each list is the chief executive's (a single-academy trust's is its head).
struct ExecutivePost {
  std::string_view code;  // in the post's reference
  std::string_view title;
  bool on_ladder;
  int min_schools;
  Oversees oversees = Oversees::kNone;
  int min_primaries = 0;
  int min_secondaries = 0;
  succession::ImpactOfLoss impact = succession::ImpactOfLoss::kMedium;
};
using succession::ImpactOfLoss;
constexpr std::array kTrustExecutives = {
    ExecutivePost{"CEO", "Chief Executive Officer", true, 1, Oversees::kNone, 0, 0,
                  ImpactOfLoss::kHigh},
    ExecutivePost{"CFO", "Chief Financial Officer", false, 1, Oversees::kNone, 0, 0,
                  ImpactOfLoss::kHigh},
    ExecutivePost{"COO", "Chief Operating Officer", false, 5},
    ExecutivePost{"DOE", "Director of Education", true, 8, Oversees::kAllSchools, 0, 0,
                  ImpactOfLoss::kHigh},
    ExecutivePost{"DOPE", "Director of People", false, 15},
    ExecutivePost{"DOP", "Director of Primary", true, 20, Oversees::kPrimaries, 5, 0},
    ExecutivePost{"DOS", "Director of Secondary", true, 20, Oversees::kSecondaries, 0, 3},
    ExecutivePost{"DOES", "Director of Estates", false, 30},
};
// A single-academy trust's headteacher is its chief executive (the accounting officer); the
// trust's one executive post beside the head is its finance lead.
constexpr std::array kSingleAcademyExecutives = {
    ExecutivePost{"CFO", "Chief Financial Officer", false, 1, Oversees::kNone, 0, 0,
                  ImpactOfLoss::kHigh},
};
constexpr std::array kLocalAuthorityExecutives = {
    ExecutivePost{"DOE", "Director of Education", true, 1, Oversees::kNone, 0, 0,
                  ImpactOfLoss::kHigh},
    ExecutivePost{"FIN", "Head of Schools Finance", false, 1, Oversees::kNone, 0, 0,
                  ImpactOfLoss::kHigh},
    ExecutivePost{"SIM", "Head of School Improvement", true, 10, Oversees::kAllSchools},
    ExecutivePost{"HR", "Head of Schools HR", false, 30},
    ExecutivePost{"PRI", "Head of Primary School Improvement", true, 60, Oversees::kPrimaries, 20,
                  0},
    ExecutivePost{"SEC", "Head of Secondary School Improvement", true, 60, Oversees::kSecondaries,
                  0, 5},
    ExecutivePost{"INC", "Head of Inclusion", true, 100},
};

constexpr std::array<double, 4> kPartTimeTeacherFte = {0.4, 0.5, 0.6, 0.8};
// Teaching assistants are mostly paid for term time and part of the day.
constexpr std::array<double, 6> kAssistantFte = {0.53, 0.62, 0.7, 0.81, 0.88, 1.0};
constexpr double kGovernanceFte = 0.1;

// Each rater's sentence for a box, by performance (rows) and potential (columns).
constexpr std::string_view kRationales[3][3] = {
    {"Below expectations this year; support plan agreed",
     "Inconsistent year; capable of more with support",
     "Outcomes below expectations but clear capacity to grow"},
    {"Solid and reliable in the current role", "Meets expectations; developing well",
     "Meets expectations and shows clear leadership potential"},
    {"Consistently strong in the current role", "Strong outcomes; ready for wider responsibility",
     "Outstanding year; ready for the next step now"},
};

// ---- Dates ---------------------------------------------------------------------------

Date Ymd(int year, unsigned month, unsigned day) { return *Date::FromYmd(year, month, day); }
Date AddDays(Date day, int days) { return Date(day.days() + std::chrono::days(days)); }

// The day someone started, `years` academic years before kAsOf's: most posts start in
// September, some in January or after Easter.
Date StartYearsAgo(Random& rng, int years) {
  const int autumn = kAsOf.year() - 1 - years;
  const int roll = rng.Between(1, 100);
  if (roll <= 82) return Ymd(autumn, 9, 1);
  if (roll <= 92) return Ymd(autumn + 1, 1, 4);
  return Ymd(autumn + 1, 4, 19);
}

// Years in a post: a skewed draw (the smaller of two), as people move on.
int YearsIn(Random& rng, int most) {
  const int first = rng.Between(0, most);
  const int second = rng.Between(0, most);
  return std::min(first, second);
}

// A draw from `weights` (any scale): the index picked.
size_t Weighted(Random& rng, std::initializer_list<int> weights) {
  int total = 0;
  for (int w : weights) total += w;
  int roll = rng.Between(1, total);
  size_t index = 0;
  for (int w : weights) {
    if (roll <= w) return index;
    roll -= w;
    ++index;
  }
  return index - 1;
}

std::string Numbered(std::string_view prefix, size_t number, int width) {
  std::string digits = std::to_string(number);
  std::string out(prefix);
  if (static_cast<int>(digits.size()) < width)
    out.append(static_cast<size_t>(width) - digits.size(), '0');
  return out + digits;
}

// ---- The builder ---------------------------------------------------------------------

// The senior staff of one school, for line management, successors and governance.
struct SchoolLeaders {
  std::optional<Index> head;  // the person
  std::optional<Index> head_post;
  std::vector<Index> deputies, assistants, middle;  // people
  std::vector<Index> deputy_posts;
  std::optional<Index> business_manager;
};

class Builder {
 public:
  Builder(const Group& group, uint64_t seed)
      : group_(group), rng_(seed ^ (Fnv1a(group.reference) * 0x9e3779b97f4a7c15ULL)) {}

  Workforce Build() && {
    w_.pupils.resize(group_.schools.size());
    leaders_.resize(group_.schools.size());
    AddGovernance();
    AddCentralTeam();
    for (size_t s = 0; s < group_.schools.size(); ++s) StaffSchool(s);
    ManageHeads();
    AddLocalGovernors();
    AddCommittees();
    for (Index p = 0; p < w_.people.size(); ++p) ReviewPerson(p);
    NameSuccessors();
    NumberEmails();
    return std::move(w_);
  }

 private:
  // ---- People, posts, holdings ----

  Index AddPerson(PersonKind kind, std::optional<CareerStage> stage, Date joined) {
    const auto given = demo::GivenNames().size(), family = demo::FamilyNames().size();
    w_.people.push_back(
        {.given = static_cast<uint16_t>(rng_.Between(0, static_cast<int>(given) - 1)),
         .family = static_cast<uint16_t>(rng_.Between(0, static_cast<int>(family) - 1)),
         .email_number = 0,
         .kind = kind,
         .stage = stage,
         .joined = joined});
    started_.push_back(joined);
    manager_.push_back(std::nullopt);
    return static_cast<Index>(w_.people.size() - 1);
  }

  Index AddPost(Post post) {
    w_.posts.push_back(std::move(post));
    return static_cast<Index>(w_.posts.size() - 1);
  }

  // How someone came to a post. Callers draw its fields in a braced list, whose order of
  // evaluation is fixed (function arguments' is not, and the draws must come in the same
  // order with every compiler).
  struct Tenure {
    int years = 0;    // in the post
    int earlier = 0;  // in the group before it (promoted from within), or 0
    ContractType contract = ContractType::kPermanent;
  };

  // Years in the group before a promotion, `percent` times in a hundred (else 0).
  int FromWithin(int percent, int most) { return rng_.Chance(percent) ? rng_.Between(1, most) : 0; }

  // Appoints a new person to `post`.
  Index Appoint(Index post, PersonKind kind, std::optional<CareerStage> stage, Tenure tenure) {
    const Date start = StartYearsAgo(rng_, tenure.years);
    const Date joined =
        tenure.earlier > 0 ? StartYearsAgo(rng_, tenure.years + tenure.earlier) : start;
    const Index person = AddPerson(kind, stage, joined);
    started_[person] = start;
    w_.holdings.push_back({.post = post,
                           .person = person,
                           .start = start,
                           .contract = tenure.contract,
                           .fte = w_.posts[post].fte});
    if (IsKey(w_.posts[post].role)) key_holders_.insert(person);
    return person;
  }

  void Manages(Index manager, Index report) {
    manager_[report] = manager;
    w_.line_links.push_back({.manager = manager,
                             .report = report,
                             .start = std::max(started_[manager], started_[report])});
  }

  // ---- Governance ----

  Index AddBody(std::string name, org::BodyKind kind, std::optional<size_t> school,
                std::optional<Index> parent) {
    w_.bodies.push_back(
        {.name = std::move(name), .kind = kind, .school = school, .parent = parent});
    return static_cast<Index>(w_.bodies.size() - 1);
  }

  Index AddGovernor(Index body, org::MembershipRole role, CareerStage stage) {
    const Date appointed = StartYearsAgo(rng_, YearsIn(rng_, 8));
    const Index person = AddPerson(PersonKind::kGovernor, stage, appointed);
    w_.memberships.push_back(
        {.body = body, .person = person, .role = role, .term_start = appointed});
    return person;
  }

  // A governance post held by `person` since they joined.
  void HoldGovernancePost(Index person, std::string reference, std::string_view title, Index body,
                          PostRole role, CareerStage stage) {
    const Index post = AddPost({.reference = std::move(reference),
                                .title = title,
                                .school = std::nullopt,
                                .body = body,
                                .role = role,
                                .family = RoleFamily::kGovernance,
                                .stage = stage,
                                .census_role = {},
                                .fte = kGovernanceFte});
    w_.holdings.push_back({.post = post,
                           .person = person,
                           .start = w_.people[person].joined,
                           .contract = ContractType::kVoluntary,
                           .fte = kGovernanceFte});
  }

  void AddGovernance() {
    const bool trust = group_.IsTrust();
    board_ = AddBody(trust ? "Board of Trustees" : "Schools Board", org::BodyKind::kBoard,
                     std::nullopt, std::nullopt);
    const int schools = static_cast<int>(group_.schools.size());
    const int trustees = group_.kind == GroupKind::kMultiAcademyTrust
                             ? std::clamp(4 + schools / 4, 4, 10)
                             : (trust ? 4 : 7);
    const std::string prefix = "P-" + group_.reference + "-";
    chair_ = AddGovernor(board_, org::MembershipRole::kChair, CareerStage::kBoardMember);
    HoldGovernancePost(chair_, prefix + "CHAIR", "Chair of the Board", board_,
                       PostRole::kBoardChair, CareerStage::kBoardMember);
    const Index vice =
        AddGovernor(board_, org::MembershipRole::kViceChair, CareerStage::kBoardMember);
    HoldGovernancePost(vice, prefix + "VICE-CHAIR", "Vice-chair of the Board", board_,
                       PostRole::kBoardViceChair, CareerStage::kBoardMember);
    trustees_ = {vice};
    for (int t = 1; t <= trustees; ++t) {
      const Index person =
          AddGovernor(board_, org::MembershipRole::kMember, CareerStage::kBoardMember);
      HoldGovernancePost(person, Numbered(prefix + "TRUSTEE", static_cast<size_t>(t), 2), "Trustee",
                         board_, PostRole::kTrustee, CareerStage::kBoardMember);
      trustees_.push_back(person);
    }
  }

  // Committees of the board where there are several schools to oversee: seed 000's Pay and
  // Personnel Committee (which receives the succession reports) and a finance committee,
  // each chaired by a trustee, with two more.
  void AddCommittees() {
    if (group_.kind == GroupKind::kSingleAcademyTrust || group_.schools.size() < 2) return;
    size_t next = 0;
    for (std::string_view name :
         {"Finance, Audit and Risk Committee", "Pay and Personnel Committee"}) {
      const Index committee =
          AddBody(std::string(name), org::BodyKind::kCommittee, std::nullopt, board_);
      for (int seat = 0; seat < 3; ++seat) {
        const Index person = trustees_[next++ % trustees_.size()];
        w_.memberships.push_back(
            {.body = committee,
             .person = person,
             .role = seat == 0 ? org::MembershipRole::kChair : org::MembershipRole::kMember,
             .term_start = w_.people[person].joined});
      }
    }
  }

  // Each school's Local Governing Body (a single-academy trust's board is its school's
  // governing body): a chair, a parent governor and the headteacher.
  void AddLocalGovernors() {
    if (group_.kind == GroupKind::kSingleAcademyTrust) {
      if (const auto head = leaders_.front().head)
        w_.memberships.push_back({.body = board_,
                                  .person = *head,
                                  .role = org::MembershipRole::kMember,
                                  .term_start = started_[*head]});
      return;
    }
    // Body names are unique in a trust, and some groups have two schools of one name.
    std::map<std::string_view, int> named;
    for (const auto& school : group_.schools) ++named[school.name];
    for (size_t s = 0; s < group_.schools.size(); ++s) {
      const School& school = group_.schools[s];
      std::string name = school.name + " LGB";
      if (named[school.name] > 1) name += " (" + std::to_string(school.urn) + ")";
      const Index body =
          AddBody(std::move(name), org::BodyKind::kLocalGoverningBody, s, std::nullopt);
      const Index chair =
          AddGovernor(body, org::MembershipRole::kChair, CareerStage::kLocalGoverningBodyMember);
      HoldGovernancePost(chair, "P-" + std::to_string(school.urn) + "-LGB-CHAIR",
                         "Chair of the Local Governing Body", body, PostRole::kLgbChair,
                         CareerStage::kLocalGoverningBodyMember);
      AddGovernor(body, org::MembershipRole::kMember, CareerStage::kLocalGoverningBodyMember);
      if (const auto head = leaders_[s].head)
        w_.memberships.push_back({.body = body,
                                  .person = *head,
                                  .role = org::MembershipRole::kMember,
                                  .term_start = started_[*head]});
    }
  }

  // ---- The central team ----

  std::span<const ExecutivePost> Executives() const {
    switch (group_.kind) {
      case GroupKind::kMultiAcademyTrust:
        return kTrustExecutives;
      case GroupKind::kSingleAcademyTrust:
        return kSingleAcademyExecutives;
      case GroupKind::kLocalAuthority:
        return kLocalAuthorityExecutives;
    }
    return {};
  }

  void AddCentralTeam() {
    int primaries = 0, secondaries = 0;
    for (const auto& school : group_.schools) {
      if (PrimaryLike(school.phase)) ++primaries;
      if (ShapeOf(school.phase).secondary) ++secondaries;
    }
    const int schools = static_cast<int>(group_.schools.size());
    std::optional<Index> chief;   // the first executive: everyone else's manager
    std::vector<Index> business;  // off-ladder executives: the central team's managers
    for (const ExecutivePost& e : Executives()) {
      if (schools < e.min_schools || primaries < e.min_primaries || secondaries < e.min_secondaries)
        continue;
      const auto stage = e.on_ladder ? std::optional(CareerStage::kExecutiveLeader) : std::nullopt;
      const Index post = AddPost({.reference = "P-" + group_.reference + "-" + std::string(e.code),
                                  .title = e.title,
                                  .school = std::nullopt,
                                  .body = std::nullopt,
                                  .role = PostRole::kExecutive,
                                  .family = RoleFamily::kLeadership,
                                  .stage = stage,
                                  .census_role = e.on_ladder ? "" : "Leadership - Non-Teacher",
                                  .fte = 1.0});
      const Index person =
          Appoint(post, e.on_ladder ? PersonKind::kTeacher : PersonKind::kSupportStaff, stage,
                  {.years = YearsIn(rng_, 10), .earlier = FromWithin(50, 8)});
      executive_impact_.emplace(post, e.impact);
      if (e.oversees == Oversees::kAllSchools) education_lead_ = person;
      if (e.oversees == Oversees::kPrimaries) primary_lead_ = person;
      if (e.oversees == Oversees::kSecondaries) secondary_lead_ = person;
      if (e.on_ladder) {
        ladder_executives_.push_back({post, person});
      } else {
        business_executives_.push_back({post, person});
        business.push_back(person);
      }
      if (chief)
        Manages(*chief, person);
      else if (group_.kind != GroupKind::kSingleAcademyTrust)
        Manages(chair_, person);
      if (!chief && group_.kind != GroupKind::kSingleAcademyTrust) chief = person;
    }
    chief_ = chief;

    const int central = group_.kind == GroupKind::kMultiAcademyTrust && schools >= 2
                            ? std::max(1, static_cast<int>(std::lround(0.6 * schools)))
                        : group_.kind == GroupKind::kLocalAuthority
                            ? static_cast<int>(std::lround(0.2 * schools))
                            : 0;
    for (int i = 0; i < central; ++i) {
      const SupportRole& role = kCentralSupport[static_cast<size_t>(i) % kCentralSupport.size()];
      const Index post = AddPost(
          {.reference = Numbered("P-" + group_.reference + "-C", static_cast<size_t>(i + 1), 3),
           .title = role.title,
           .school = std::nullopt,
           .body = std::nullopt,
           .role = PostRole::kCentralStaff,
           .family = RoleFamily::kSupport,
           .stage = std::nullopt,
           .census_role = role.census,
           .fte = role.fte});
      const Index person = Appoint(post, PersonKind::kSupportStaff, std::nullopt,
                                   {.years = YearsIn(rng_, 12), .contract = role.contract});
      Manages(business.empty() ? *chief_ : business[static_cast<size_t>(i) % business.size()],
              person);
    }
  }

  // Each head's line manager: the executive over their phase, else over every school, else
  // the chief executive; a single-academy trust's head answers to the chair, and its finance
  // lead to the head.
  void ManageHeads() {
    for (size_t s = 0; s < group_.schools.size(); ++s) {
      const auto head = leaders_[s].head;
      if (!head) continue;
      const Phase phase = group_.schools[s].phase;
      std::optional<Index> manager = chief_;
      if (education_lead_) manager = education_lead_;
      if (PrimaryLike(phase) && primary_lead_) manager = primary_lead_;
      if (ShapeOf(phase).secondary && secondary_lead_) manager = secondary_lead_;
      if (group_.kind == GroupKind::kSingleAcademyTrust) manager = chair_;
      Manages(*manager, *head);
    }
    if (group_.kind == GroupKind::kSingleAcademyTrust)
      for (const auto& [post, person] : business_executives_)
        if (const auto head = leaders_.front().head) Manages(*head, person);
  }

  // ---- A school ----

  Index SchoolPost(size_t s, std::string suffix, std::string_view title, PostRole role,
                   RoleFamily family, std::optional<CareerStage> stage, std::string_view census,
                   double fte = 1.0) {
    return AddPost({.reference = "P-" + std::to_string(group_.schools[s].urn) + "-" + suffix,
                    .title = title,
                    .school = s,
                    .body = std::nullopt,
                    .role = role,
                    .family = family,
                    .stage = stage,
                    .census_role = census,
                    .fte = fte});
  }

  void StaffSchool(size_t s) {
    const Phase phase = group_.schools[s].phase;
    const PhaseShape shape = ShapeOf(phase);
    const int first = rng_.Between(shape.pupils_low, shape.pupils_high);
    const int second = rng_.Between(shape.pupils_low, shape.pupils_high);
    const int pupils = (first + second) / 2;
    w_.pupils[s] = pupils;
    const double ratio = shape.pupils_per_staff * 100.0 / rng_.Between(90, 110);  // ±10%
    const int staff = std::max(5, static_cast<int>(std::lround(pupils / ratio)));
    int teachers = std::max(1, static_cast<int>(std::lround(staff * shape.teachers)));
    int assistants = static_cast<int>(std::lround(staff * shape.assistants));
    int support = staff - teachers - assistants;
    if (support < 1) {  // at least a business manager
      assistants -= 1 - support;
      support = 1;
    }

    // Leadership in proportion to size.
    const int rest = teachers - 1;
    int deputies = staff < 15    ? 0
                   : staff < 30  ? (rng_.Chance(50) ? 1 : 0)
                   : staff < 70  ? 1
                   : staff < 110 ? 2
                                 : 3;
    int assistant_heads = staff < 25   ? 0
                          : staff < 50 ? (rng_.Chance(40) ? 1 : 0)
                          : staff < 90 ? 1 + (rng_.Chance(50) ? 1 : 0)
                                       : std::min(6, 2 + (staff - 90) / 50);
    deputies = std::min(deputies, rest / 3);
    assistant_heads = std::min(assistant_heads, std::max(0, rest / 3 - deputies));
    const int below = rest - deputies - assistant_heads;
    const int middle = static_cast<int>(std::lround(below * (shape.secondary ? 0.3 : 0.2)));
    const int classroom = below - middle;

    SchoolLeaders& l = leaders_[s];
    const bool primary_like = !shape.secondary;

    // The headteacher: a third promoted from within the group.
    {
      const Index post =
          SchoolPost(s, "HT", "Headteacher", PostRole::kHeadteacher, RoleFamily::kLeadership,
                     CareerStage::kNewHeadteacher, "Headteacher");
      const int years = YearsIn(rng_, 16);
      l.head =
          Appoint(post, PersonKind::kTeacher,
                  years < 3 ? CareerStage::kNewHeadteacher : CareerStage::kEstablishedHeadteacher,
                  {.years = years, .earlier = FromWithin(33, 8)});
      l.head_post = post;
    }
    for (int d = 1; d <= deputies; ++d) {
      const Index post =
          SchoolPost(s, "DH" + std::to_string(d), "Deputy Headteacher", PostRole::kDeputyHead,
                     RoleFamily::kLeadership, CareerStage::kNewSeniorLeader, "Deputy Headteacher");
      const int years = YearsIn(rng_, 12);
      const Index person =
          Appoint(post, PersonKind::kTeacher,
                  years < 3 ? CareerStage::kNewSeniorLeader : CareerStage::kExperiencedSeniorLeader,
                  {.years = years, .earlier = FromWithin(50, 10)});
      Manages(*l.head, person);
      l.deputies.push_back(person);
      l.deputy_posts.push_back(post);
    }
    for (int a = 1; a <= assistant_heads; ++a) {
      const Index post = SchoolPost(s, "AH" + std::to_string(a), "Assistant Headteacher",
                                    PostRole::kAssistantHead, RoleFamily::kLeadership,
                                    CareerStage::kNewSeniorLeader, "Assistant Headteacher");
      const int years = YearsIn(rng_, 10);
      const Index person =
          Appoint(post, PersonKind::kTeacher,
                  years < 3 ? CareerStage::kNewSeniorLeader : CareerStage::kExperiencedSeniorLeader,
                  {.years = years, .earlier = FromWithin(60, 10)});
      Manages(*l.head, person);
      l.assistants.push_back(person);
    }
    std::vector<Index> senior = l.deputies;
    senior.insert(senior.end(), l.assistants.begin(), l.assistants.end());
    if (senior.empty()) senior.push_back(*l.head);

    const auto middle_titles = primary_like
                                   ? std::span<const std::string_view>(kPrimaryMiddleLeaders)
                                   : std::span<const std::string_view>(kSecondaryMiddleLeaders);
    for (int m = 0; m < middle; ++m) {
      const auto title = middle_titles[static_cast<size_t>(m) % middle_titles.size()];
      const Index post = SchoolPost(s, Numbered("ML", static_cast<size_t>(m + 1), 2), title,
                                    PostRole::kMiddleLeader, RoleFamily::kTeaching,
                                    CareerStage::kNewMiddleLeader, "Classroom Teacher");
      const int years = YearsIn(rng_, 14);
      const Index person =
          Appoint(post, PersonKind::kTeacher,
                  years < 3 ? CareerStage::kNewMiddleLeader : CareerStage::kExperiencedMiddleLeader,
                  {.years = years, .earlier = FromWithin(60, 10)});
      Manages(senior[static_cast<size_t>(m) % senior.size()], person);
      l.middle.push_back(person);
    }
    const std::vector<Index>& team_leads = l.middle.empty() ? senior : l.middle;

    for (int t = 0; t < classroom; ++t) {
      const auto title = primary_like
                             ? std::string_view("Class Teacher")
                             : kSubjectTeachers[static_cast<size_t>(t) % kSubjectTeachers.size()];
      const double fte =
          rng_.Chance(78) ? 1.0 : kPartTimeTeacherFte[static_cast<size_t>(rng_.Between(0, 3))];
      const Index post =
          SchoolPost(s, Numbered("T", static_cast<size_t>(t + 1), 3), title, PostRole::kTeacher,
                     RoleFamily::kTeaching, CareerStage::kTeacher, "Classroom Teacher", fte);
      // About one in ten is in their two early-career years; most are experienced.
      const size_t career = Weighted(rng_, {10, 30, 60});
      const int years = career == 0   ? rng_.Between(0, 1)
                        : career == 1 ? rng_.Between(2, 5)
                                      : rng_.Between(6, 30);
      const CareerStage stage = career == 0   ? CareerStage::kEarlyCareerTeacher
                                : career == 1 ? CareerStage::kTeacher
                                              : CareerStage::kExperiencedTeacher;
      const Index person = Appoint(
          post, PersonKind::kTeacher, stage,
          {.years = std::min(years, YearsIn(rng_, 20) + 1),
           .contract = rng_.Chance(6) ? ContractType::kFixedTerm : ContractType::kPermanent});
      Manages(team_leads[static_cast<size_t>(t) % team_leads.size()], person);
    }

    const bool nursery = phase == Phase::kNursery;
    const int hltas = static_cast<int>(std::lround(assistants * 0.12));
    for (int a = 0; a < assistants; ++a) {
      const bool higher = a < hltas;
      const double fte = kAssistantFte[static_cast<size_t>(
          rng_.Between(0, static_cast<int>(kAssistantFte.size()) - 1))];
      const Index post =
          SchoolPost(s, Numbered("TA", static_cast<size_t>(a + 1), 3),
                     higher    ? "Higher Level Teaching Assistant"
                     : nursery ? "Early Years Practitioner"
                               : "Teaching Assistant",
                     higher ? PostRole::kHlta : PostRole::kTeachingAssistant, RoleFamily::kSupport,
                     higher ? CareerStage::kHlta : CareerStage::kTeachingAssistant,
                     higher    ? "Higher Level Teaching Assistant"
                     : nursery ? "Early Years Practitioner"
                               : "Teaching Assistant",
                     fte);
      const Index person = Appoint(
          post, PersonKind::kTeachingAssistant,
          higher ? CareerStage::kHlta : CareerStage::kTeachingAssistant,
          {.years = YearsIn(rng_, 22),
           .contract = rng_.Chance(10) ? ContractType::kFixedTerm : ContractType::kPermanent});
      Manages(team_leads[static_cast<size_t>(a) % team_leads.size()], person);
    }

    {
      const Index post =
          SchoolPost(s, "BM", "School Business Manager", PostRole::kBusinessManager,
                     RoleFamily::kSupport, std::nullopt, "Bursar / School Business Manager");
      l.business_manager = Appoint(post, PersonKind::kSupportStaff, std::nullopt,
                                   {.years = YearsIn(rng_, 15), .earlier = FromWithin(30, 6)});
      Manages(*l.head, *l.business_manager);
    }
    const auto roles = primary_like ? std::span<const SupportRole>(kPrimarySupport)
                                    : std::span<const SupportRole>(kSecondarySupport);
    for (int i = 0; i + 1 < support; ++i) {
      const SupportRole& role = roles[static_cast<size_t>(i) % roles.size()];
      const Index post = SchoolPost(s, Numbered("S", static_cast<size_t>(i + 1), 3), role.title,
                                    PostRole::kSupportStaff, RoleFamily::kSupport, std::nullopt,
                                    role.census, role.fte);
      const Index person = Appoint(post, PersonKind::kSupportStaff, std::nullopt,
                                   {.years = YearsIn(rng_, 20), .contract = role.contract});
      Manages(*l.business_manager, person);
    }
  }

  // ---- Talent review, assessments, risks ----

  // The profile a person is assessed against: the rung they are aiming for.
  const RoleProfile* AimingFor(CareerStage stage) const {
    switch (stage) {
      case CareerStage::kNewHeadteacher:
      case CareerStage::kEstablishedHeadteacher:
        return &kProfiles[0];
      case CareerStage::kNewSeniorLeader:
      case CareerStage::kExperiencedSeniorLeader:
        return &kProfiles[1];
      case CareerStage::kNewMiddleLeader:
      case CareerStage::kExperiencedMiddleLeader:
        return &kProfiles[2];
      default:
        return nullptr;
    }
  }

  static bool Experienced(CareerStage stage) {
    return stage == CareerStage::kEstablishedHeadteacher ||
           stage == CareerStage::kExperiencedSeniorLeader ||
           stage == CareerStage::kExperiencedMiddleLeader || stage == CareerStage::kExecutiveLeader;
  }

  static bool Leader(const Person& person) {
    return person.stage &&
           org::Info(*person.stage).rung >= org::Info(CareerStage::kNewMiddleLeader).rung &&
           !org::Info(*person.stage).governance;
  }

  void ReviewPerson(Index p) {
    const Person& person = w_.people[p];
    const auto manager = manager_[p];
    if (!manager || person.kind == PersonKind::kGovernor) return;

    // The 2021/22 review: everyone with a line manager, but a few who started this year.
    if (!(started_[p] > Ymd(kAsOf.year(), 1, 1) && rng_.Chance(50)) && rng_.Chance(97)) {
      const int performance = 1 + static_cast<int>(Weighted(rng_, {8, 57, 35}));
      // Potential leans the way performance does.
      const size_t potential_index = performance == 1   ? Weighted(rng_, {50, 40, 10})
                                     : performance == 2 ? Weighted(rng_, {25, 55, 20})
                                                        : Weighted(rng_, {10, 45, 45});
      const int potential = 1 + static_cast<int>(potential_index);
      w_.ratings.push_back(
          {.person = p, .performance = performance, .potential = potential, .rater = *manager});
    }

    if (person.stage) {
      if (const RoleProfile* profile = AimingFor(*person.stage); profile && !rng_.Chance(12)) {
        const bool experienced = Experienced(*person.stage);
        for (const Requirement& requirement : profile->requirements) {
          if (rng_.Chance(10)) continue;
          const int delta = experienced ? static_cast<int>(Weighted(rng_, {0, 20, 50, 30})) - 2
                                        : static_cast<int>(Weighted(rng_, {10, 35, 40, 15})) - 2;
          w_.assessments.push_back(
              {.person = p,
               .requirement = &requirement,
               .level = std::clamp(requirement.level + delta, 1, 4),
               .assessed_on = AddDays(Ymd(kAsOf.year(), 3, 1), rng_.Between(0, 120)),
               .assessor = *manager});
        }
      }
    }

    if (Leader(person) || key_holders_.contains(p)) {
      Risk risk{.person = p, .assessed_on = AddDays(Ymd(kAsOf.year(), 5, 3), rng_.Between(0, 60))};
      switch (Weighted(rng_, {55, 33, 12})) {
        case 0:
          risk.risk = succession::RiskOfLoss::kLow;
          if (rng_.Chance(70)) risk.window = succession::DepartureWindow::kOverFiveYears;
          break;
        case 1:
          risk.risk = succession::RiskOfLoss::kMedium;
          risk.window = rng_.Chance(50) ? succession::DepartureWindow::kOneToTwoYears
                                        : succession::DepartureWindow::kTwoToFiveYears;
          break;
        default:
          risk.risk = succession::RiskOfLoss::kHigh;
          risk.window = rng_.Chance(60) ? succession::DepartureWindow::kWithinAYear
                                        : succession::DepartureWindow::kOneToTwoYears;
          break;
      }
      w_.risks.push_back(risk);
    }
  }

  // ---- Key posts and their successors ----

  // Names `candidates` on `post`'s plan (at most three), the first as the emergency successor
  // most of the time; a plan with nobody named looks outside.
  void Plan(Index post, ImpactOfLoss impact, std::vector<Index> candidates) {
    // About one plan in seven is still to be written: nobody named yet.
    if (rng_.Chance(15)) candidates.clear();
    if (candidates.size() > 3) candidates.resize(3);
    constexpr std::array kReviews = {std::array{2022u, 10u, 21u}, std::array{2022u, 12u, 16u},
                                     std::array{2023u, 3u, 31u}, std::array{2023u, 7u, 21u}};
    const auto& review = kReviews[static_cast<size_t>(rng_.Between(0, 3))];
    w_.key_posts.push_back({.post = post,
                            .impact = impact,
                            .review_on = Ymd(static_cast<int>(review[0]), review[1], review[2]),
                            .consider_external = candidates.empty()});
    const bool emergency = rng_.Chance(70);
    for (size_t i = 0; i < candidates.size(); ++i)
      w_.successors.push_back({.post = post,
                               .rank = static_cast<int>(i + 1),
                               .person = candidates[i],
                               .emergency = emergency && i == 0});
  }

  // Up to `count` of `pool` at random, none of them `except`.
  std::vector<Index> Pick(const std::vector<Index>& pool, size_t count,
                          std::optional<Index> except = {}) {
    std::vector<Index> picked;
    if (pool.empty()) return picked;
    for (size_t tries = 0; picked.size() < count && tries < count * 3; ++tries) {
      const Index p = pool[static_cast<size_t>(rng_.Between(0, static_cast<int>(pool.size()) - 1))];
      if (p != except && std::find(picked.begin(), picked.end(), p) == picked.end())
        picked.push_back(p);
    }
    return picked;
  }

  void NameSuccessors() {
    std::vector<Index> heads, senior_leaders, business_managers;
    for (const auto& l : leaders_) {
      if (l.head) heads.push_back(*l.head);
      senior_leaders.insert(senior_leaders.end(), l.deputies.begin(), l.deputies.end());
      senior_leaders.insert(senior_leaders.end(), l.assistants.begin(), l.assistants.end());
      if (l.business_manager) business_managers.push_back(*l.business_manager);
    }
    std::vector<Index> business_people;
    for (const auto& [post, person] : business_executives_) business_people.push_back(person);
    for (const auto& [post, person] : ladder_executives_) {
      // The executive over every school succeeds the chief executive; headteachers the
      // executives.
      std::vector<Index> candidates;
      if (education_lead_ && *education_lead_ != person && person == chief_)
        candidates.push_back(*education_lead_);
      for (Index head : Pick(heads, 2)) candidates.push_back(head);
      Plan(post, executive_impact_.at(post), candidates);
    }
    for (const auto& [post, person] : business_executives_) {
      std::vector<Index> candidates = Pick(business_people, 1, person);
      for (Index manager : Pick(business_managers, 1)) candidates.push_back(manager);
      Plan(post, executive_impact_.at(post), candidates);
    }
    for (size_t s = 0; s < leaders_.size(); ++s) {
      const SchoolLeaders& l = leaders_[s];
      std::vector<Index> candidates = l.deputies.empty() ? l.assistants : l.deputies;
      // Now and then a senior leader from anywhere in the group, as often another school's.
      if (rng_.Chance(35))
        for (Index other : Pick(senior_leaders, 1))
          if (std::find(candidates.begin(), candidates.end(), other) == candidates.end())
            candidates.push_back(other);
      Plan(*l.head_post, ImpactOfLoss::kHigh, candidates);
      for (size_t d = 0; d < l.deputy_posts.size(); ++d)
        Plan(l.deputy_posts[d], ImpactOfLoss::kMedium,
             l.assistants.empty() ? Pick(l.middle, 2) : l.assistants);
    }
    // Plans in the order of posts, as the files list them.
    std::stable_sort(w_.key_posts.begin(), w_.key_posts.end(),
                     [](const KeyPost& a, const KeyPost& b) { return a.post < b.post; });
    std::stable_sort(w_.successors.begin(), w_.successors.end(),
                     [](const Successor& a, const Successor& b) {
                       return a.post != b.post ? a.post < b.post : a.rank < b.rank;
                     });
  }

  // ---- Emails ----

  // given.family@…, numbered from the second person of a name.
  void NumberEmails() {
    std::unordered_map<uint32_t, uint16_t> seen;
    for (auto& person : w_.people) {
      if (person.kind == PersonKind::kGovernor) continue;
      const uint32_t name = (static_cast<uint32_t>(person.given) << 16) | person.family;
      uint16_t& count = seen[name];
      person.email_number = count == 0 ? 0 : static_cast<uint16_t>(count + 1);
      ++count;
    }
  }

  const Group& group_;
  Random rng_;
  Workforce w_;
  std::vector<Date> started_;                  // per person: start in their current post
  std::vector<std::optional<Index>> manager_;  // per person
  std::vector<SchoolLeaders> leaders_;         // per school
  Index board_ = 0;
  Index chair_ = 0;
  std::vector<Index> trustees_;
  std::optional<Index> chief_;
  // The executives over every school, the primaries and the secondaries (heads' managers).
  std::optional<Index> education_lead_, primary_lead_, secondary_lead_;
  std::vector<std::pair<Index, Index>> ladder_executives_, business_executives_;  // post, person
  std::unordered_map<Index, ImpactOfLoss> executive_impact_;                      // by post
  std::unordered_set<Index> key_holders_;  // people holding a key post
};

}  // namespace

bool IsKey(PostRole role) {
  return role == PostRole::kHeadteacher || role == PostRole::kDeputyHead ||
         role == PostRole::kExecutive;
}

std::span<const RoleProfile> RoleProfiles() { return kProfiles; }

std::string_view RationaleFor(int performance, int potential) {
  const auto row = static_cast<size_t>(std::clamp(performance, 1, 3) - 1);
  const auto column = static_cast<size_t>(std::clamp(potential, 1, 3) - 1);
  return kRationales[row][column];
}

Workforce Staff(const Group& group, uint64_t seed) { return Builder(group, seed).Build(); }

WorkforceCounts& WorkforceCounts::operator+=(const WorkforceCounts& o) {
  schools += o.schools;
  people += o.people;
  teachers += o.teachers;
  teaching_assistants += o.teaching_assistants;
  support_staff += o.support_staff;
  governors += o.governors;
  posts += o.posts;
  key_posts += o.key_posts;
  headteachers += o.headteachers;
  deputy_heads += o.deputy_heads;
  executive_posts += o.executive_posts;
  bodies += o.bodies;
  holdings += o.holdings;
  memberships += o.memberships;
  line_links += o.line_links;
  assessments += o.assessments;
  ratings += o.ratings;
  risks += o.risks;
  successors += o.successors;
  return *this;
}

WorkforceCounts Count(const Workforce& w) {
  WorkforceCounts c;
  c.schools = static_cast<int64_t>(w.pupils.size());
  c.people = static_cast<int64_t>(w.people.size());
  for (const auto& person : w.people) {
    switch (person.kind) {
      case PersonKind::kTeacher:
        ++c.teachers;
        break;
      case PersonKind::kTeachingAssistant:
        ++c.teaching_assistants;
        break;
      case PersonKind::kSupportStaff:
        ++c.support_staff;
        break;
      case PersonKind::kGovernor:
        ++c.governors;
        break;
    }
  }
  c.posts = static_cast<int64_t>(w.posts.size());
  for (const auto& post : w.posts) {
    if (IsKey(post.role)) ++c.key_posts;
    if (post.role == PostRole::kHeadteacher) ++c.headteachers;
    if (post.role == PostRole::kDeputyHead) ++c.deputy_heads;
    if (post.role == PostRole::kExecutive) ++c.executive_posts;
  }
  c.bodies = static_cast<int64_t>(w.bodies.size());
  c.holdings = static_cast<int64_t>(w.holdings.size());
  c.memberships = static_cast<int64_t>(w.memberships.size());
  c.line_links = static_cast<int64_t>(w.line_links.size());
  c.assessments = static_cast<int64_t>(w.assessments.size());
  c.ratings = static_cast<int64_t>(w.ratings.size());
  c.risks = static_cast<int64_t>(w.risks.size());
  c.successors = static_cast<int64_t>(w.successors.size());
  return c;
}

std::string PersonReference(const Group& group, Index person) {
  return Numbered(group.reference + "-", static_cast<size_t>(person) + 1, 6);
}

}  // namespace trellis::workload
