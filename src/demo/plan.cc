#include "demo/plan.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "demo/demo.h"
#include "demo/names.h"
#include "demo/random.h"

namespace trellis::demo {
namespace {

using org::BodyKind;
using org::CareerStage;
using org::ContractType;
using org::MembershipRole;
using org::RoleFamily;

constexpr TrustId kPlanTrust{1};
constexpr std::string_view kEmailDomain = "oakridge.example";
constexpr std::string_view kLocalAuthority = "Leeds";
constexpr std::string_view kRegion = "Yorkshire and the Humber";
// Governors and directors are volunteers; their posts carry a nominal time commitment
// (about two hours a week) so that FTE totals are not inflated by them.
constexpr double kVolunteerFte = 0.05;
// Governors and directors are appointed for four-year terms.
constexpr int kTermYears = 4;
// Leaders count as experienced after this many years in post.
constexpr int kExperiencedAfterYears = 3;

constexpr std::array<DemoAccount, 7> kAccounts = {{
    {access::Role::kPlatformAdmin, "platform.admin@trellis.example",
     "Platform administrator (every trust)"},
    {access::Role::kTrustAdmin, "hr.lead@oakridge.example", "HR lead of Oakridge Learning Trust"},
    {access::Role::kExecutive, "ceo@oakridge.example",
     "Chief Executive Officer of Oakridge Learning Trust"},
    {access::Role::kHeadteacher, "head.ashfield@oakridge.example",
     "Headteacher of Ashfield Primary Academy"},
    {access::Role::kLineManager, "line.manager@oakridge.example",
     "Deputy Headteacher of Ashfield Primary Academy, line manager of its middle leaders"},
    {access::Role::kStaff, "teacher@oakridge.example", "Class teacher at Ashfield Primary Academy"},
    {access::Role::kGovernor, "governor@oakridge.example",
     "Parent governor on Ashfield Primary Academy Local Governing Body"},
}};

// Positions in kAccounts of the sign-ins whose email is also the person's own.
constexpr size_t kChiefExecutiveAccount = 2;
constexpr size_t kHeadteacherAccount = 3;

struct SchoolSpec {
  int64_t urn;
  std::string_view name;
  bool primary;
  std::string_view type;
  std::string_view postcode;
  int64_t easting;
  int64_t northing;
  int pupils_low;
  int pupils_high;
};

// Fictional schools in Leeds. URNs 9901xx lie well above the range GIAS issues to schools
// (about 100000 to 150000 today), so the demo is unlikely to clash with a real school.
constexpr std::array<SchoolSpec, 8> kSchools = {{
    {990101, "Ashfield Primary Academy", true, "Academy converter", "LS8 3QB", 432150, 436820, 380,
     420},
    {990102, "Brookside Primary Academy", true, "Academy sponsor led", "LS12 4LT", 426410, 432780,
     200, 260},
    {990103, "Elmwood Primary Academy", true, "Academy converter", "LS17 6HN", 430870, 440950, 300,
     450},
    {990104, "Larkspur Primary Academy", true, "Academy sponsor led", "LS14 2AX", 436920, 435310,
     200, 330},
    {990105, "Willowbrook Primary Academy", true, "Academy converter", "LS10 3JP", 431480, 429960,
     250, 400},
    {990106, "Oakridge Academy", false, "Academy converter", "LS6 2RE", 428230, 436140, 1250, 1400},
    {990107, "Millbeck Academy", false, "Academy sponsor led", "LS11 8PS", 429340, 430510, 900,
     1100},
    {990108, "Beckfield Academy", false, "Academy converter", "LS16 7DU", 426950, 438720, 1000,
     1300},
}};

constexpr size_t kAshfield = 0;
// A little realism the demo should always show: a headteacher in their first years, a
// school whose Local Governing Body has lost its chair, and a secondary school recruiting a
// deputy headteacher. The last two leave key posts vacant.
constexpr size_t kNewHeadSchool = 3;
constexpr size_t kVacantChairSchool = 4;
constexpr size_t kVacantDeputySchool = 6;
// Ashfield's Year 4 teacher signs in as the demo member of staff (never an ECT: see
// StaffPrimary, which puts ECTs in the last classes).
constexpr size_t kAccountTeacherClass = 4;

struct Department {
  std::string_view head_title;
  std::array<std::string_view, 3> subjects;  // unused trailing entries are empty
  int weight;                                // share of the school's teachers
};

constexpr std::array<Department, 10> kDepartments = {{
    {"Head of English", {"English"}, 8},
    {"Head of Mathematics", {"Mathematics"}, 8},
    {"Head of Science", {"Biology", "Chemistry", "Physics"}, 8},
    {"Head of Humanities", {"History", "Geography"}, 6},
    {"Head of Modern Foreign Languages", {"French", "Spanish"}, 4},
    {"Head of Computing", {"Computing"}, 2},
    {"Head of Design and Technology", {"Design and Technology"}, 2},
    {"Head of Creative Arts", {"Art", "Music", "Drama"}, 4},
    {"Head of Physical Education", {"Physical Education"}, 4},
    {"Head of Religious Education", {"Religious Education"}, 2},
}};

struct SupportRole {
  std::string_view title;
  std::string_view census;
  double fte;
  ContractType contract;
};

constexpr std::array<SupportRole, 6> kPrimarySupport = {{
    {"School Business Manager", "Bursar / School Business Manager", 1.0, ContractType::kPermanent},
    {"School Administrator", "Administrative Staff", 1.0, ContractType::kPermanent},
    {"Site Manager", "Other Support Staff", 1.0, ContractType::kPermanent},
    {"Learning Mentor", "Learning Mentor", 0.8, ContractType::kPermanent},
    {"Midday Supervisor", "Other Support Staff", 0.25, ContractType::kCasual},
    {"Office Assistant", "Administrative Staff", 0.6, ContractType::kPermanent},
}};

constexpr std::array<SupportRole, 28> kSecondarySupport = {{
    {"School Business Manager", "Bursar / School Business Manager", 1.0, ContractType::kPermanent},
    {"Finance Officer", "Administrative Staff", 1.0, ContractType::kPermanent},
    {"Data Manager", "Administrative Staff", 1.0, ContractType::kPermanent},
    {"Exams Officer", "Administrative Staff", 1.0, ContractType::kPermanent},
    {"Attendance Officer", "Administrative Staff", 1.0, ContractType::kPermanent},
    {"Receptionist", "Administrative Staff", 0.8, ContractType::kPermanent},
    {"Administrative Assistant", "Administrative Staff", 1.0, ContractType::kPermanent},
    {"Cover Supervisor", "Other Support Staff", 1.0, ContractType::kPermanent},
    {"Cover Supervisor", "Other Support Staff", 1.0, ContractType::kPermanent},
    {"Science Technician", "Technician", 1.0, ContractType::kPermanent},
    {"Science Technician", "Technician", 0.6, ContractType::kPermanent},
    {"Design and Technology Technician", "Technician", 0.8, ContractType::kPermanent},
    {"IT Technician", "Technician", 1.0, ContractType::kPermanent},
    {"Librarian", "Librarian", 0.8, ContractType::kPermanent},
    {"Site Manager", "Other Support Staff", 1.0, ContractType::kPermanent},
    {"Site Assistant", "Other Support Staff", 1.0, ContractType::kPermanent},
    {"Pastoral Support Officer", "Learning Mentor", 1.0, ContractType::kPermanent},
    {"Pastoral Support Officer", "Learning Mentor", 1.0, ContractType::kFixedTerm},
    {"School Nurse", "Matron / Nurse / Medical Staff", 0.6, ContractType::kPermanent},
    {"Careers Adviser", "Other Support Staff", 0.6, ContractType::kPermanent},
    {"Reprographics Assistant", "Administrative Staff", 0.6, ContractType::kPermanent},
    {"Administrative Assistant", "Administrative Staff", 0.8, ContractType::kPermanent},
    {"IT Technician", "Technician", 1.0, ContractType::kFixedTerm},
    {"Site Assistant", "Other Support Staff", 0.8, ContractType::kPermanent},
    {"Cover Supervisor", "Other Support Staff", 1.0, ContractType::kFixedTerm},
    {"Exams Invigilator", "Other Support Staff", 0.2, ContractType::kCasual},
    {"Exams Invigilator", "Other Support Staff", 0.2, ContractType::kCasual},
    {"Science Technician", "Technician", 0.5, ContractType::kFixedTerm},
}};

constexpr std::array<double, 4> kPartTimeTeacherFte = {0.4, 0.5, 0.6, 0.8};
// Teaching assistants are mostly paid for term time and part of the day.
constexpr std::array<double, 5> kAssistantFte = {0.53, 0.62, 0.7, 0.81, 0.88};

// The kinds of school post a promoted leader may have held before, for history.
enum class PostKind { kHead, kDeputy, kAssistant, kMiddle, kTeacher, kAssistantStaff, kOther };

Date AddDays(Date day, int days) { return Date(day.days() + std::chrono::days(days)); }

Date AddYears(Date day, int years) {
  const std::chrono::year_month_day ymd(day.days());
  auto moved = ymd + std::chrono::years(years);
  if (!moved.ok()) moved = moved.year() / moved.month() / std::chrono::last;  // 29 February
  return Date(std::chrono::sys_days(moved));
}

Date SeptemberFirst(int year) { return *Date::FromYmd(year, 9, 1); }

std::string EmailPart(std::string_view name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-') out += static_cast<char>(std::tolower(u));
  }
  return out;
}

std::string Numbered(std::string_view prefix, int number, int width) {
  std::string digits = std::to_string(number);
  if (static_cast<int>(digits.size()) < width)
    digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  return std::string(prefix) + digits;
}

// Splits `count` in proportion to `weights` (largest remainder), so every department gets
// its fair share of a school's teachers.
std::vector<int> Apportion(int count, std::span<const Department> departments) {
  int total = 0;
  for (const auto& d : departments) total += d.weight;
  std::vector<int> shares;
  std::vector<std::pair<int, size_t>> remainders;  // (remainder, index), largest first
  int given = 0;
  for (size_t i = 0; i < departments.size(); ++i) {
    const int exact = count * departments[i].weight;
    shares.push_back(exact / total);
    given += exact / total;
    remainders.emplace_back(exact % total, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; given < count; ++i, ++given)
    ++shares[remainders[i % remainders.size()].second];
  return shares;
}

struct PostSpec {
  std::string reference;
  std::string title;
  RoleFamily family = RoleFamily::kTeaching;
  std::optional<CareerStage> stage;
  std::string_view census;
  double fte = 1.0;
  bool key = false;
  std::optional<SchoolId> school;
  std::optional<BodyId> body;
};

// Who a school's people are, as the rest of the planner needs them.
struct SchoolStaff {
  PersonId head;
  std::vector<PersonId> deputies;  // current holders only
  std::vector<PersonId> teachers;
  std::vector<PersonId> assistants;
  PersonId account_teacher;
  PersonId clerk;  // a member of the school office clerks its Local Governing Body
};

// A leader promoted within their school; their earlier post is found once every post
// exists (AddPromotionHistory).
struct Promotion {
  PersonId person;
  size_t school;
  PostKind from;
  Date joined;
  Date promoted;
};

struct Report {
  PersonId manager;
  PersonId report;
};

class Planner {
 public:
  Planner(uint64_t seed, Date today)
      : rng_(seed), today_(today), school_year_(SeptemberFirst(today.year())) {
    if (today_ < school_year_) school_year_ = SeptemberFirst(today.year() - 1);
  }

  DemoPlan Plan() && {
    AddTrustAndSchools();
    AddBodies();
    StaffCentralTeam();
    staff_.resize(kSchools.size());
    for (size_t s = 0; s < kSchools.size(); ++s) {
      if (kSchools[s].primary)
        StaffPrimary(s);
      else
        StaffSecondary(s);
    }
    AddLeaversFromVacantPosts();
    AddPromotionHistory();
    AddOtherLeavers();
    AddBoardAndCommittees();
    for (size_t s = 0; s < kSchools.size(); ++s) AddLocalGoverningBody(s);
    AddLineLinks();
    plan_.account_people = {std::nullopt,
                            hr_lead_,
                            ceo_,
                            staff_[kAshfield].head,
                            staff_[kAshfield].deputies.front(),
                            staff_[kAshfield].account_teacher,
                            ashfield_parent_governor_};
    return std::move(plan_);
  }

 private:
  // ---- Dates -------------------------------------------------------------------------

  // 1 September, `years_ago` school years before the current one: teachers and leaders
  // mostly start at the beginning of a school year.
  Date TermStart(int years_ago) const { return AddYears(school_year_, -years_ago); }
  Date DaysAgo(int days) const { return AddDays(today_, -days); }
  // A day between `low` and `high` years ago.
  Date YearsAgo(int low, int high) {
    return DaysAgo(rng_.Between(low * 365 + 7, high * 365 + 364));
  }

  // ---- Records -----------------------------------------------------------------------

  void AddTrustAndSchools() {
    plan_.trust.id = kPlanTrust;
    plan_.trust.name = std::string(kDemoTrustName);
    plan_.trust.reference = std::string(kDemoTrustReference);
    for (const auto& spec : kSchools) {
      org::School school;
      school.id = SchoolId(static_cast<int64_t>(plan_.schools.size()) + 1);
      school.trust = kPlanTrust;
      school.urn = spec.urn;
      school.name = std::string(spec.name);
      school.phase = spec.primary ? "Primary" : "Secondary";
      school.type = std::string(spec.type);
      school.local_authority = std::string(kLocalAuthority);
      school.region = std::string(kRegion);
      school.pupils = rng_.Between(spec.pupils_low, spec.pupils_high);
      school.postcode = std::string(spec.postcode);
      school.easting = spec.easting;
      school.northing = spec.northing;
      plan_.schools.push_back(std::move(school));
    }
  }

  BodyId AddBody(BodyKind kind, std::string name, std::optional<SchoolId> school,
                 std::optional<BodyId> parent) {
    org::Body body;
    body.id = BodyId(static_cast<int64_t>(plan_.bodies.size()) + 1);
    body.trust = kPlanTrust;
    body.kind = kind;
    body.name = std::move(name);
    body.school = school;
    body.parent = parent;
    plan_.bodies.push_back(std::move(body));
    return plan_.bodies.back().id;
  }

  void AddBodies() {
    board_ = AddBody(BodyKind::kBoard, "Board of Directors", std::nullopt, std::nullopt);
    pay_committee_ =
        AddBody(BodyKind::kCommittee, "Pay and Personnel Committee", std::nullopt, board_);
    finance_committee_ =
        AddBody(BodyKind::kCommittee, "Finance, Audit and Risk Committee", std::nullopt, board_);
    standards_committee_ =
        AddBody(BodyKind::kCommittee, "Standards Committee", std::nullopt, board_);
    for (size_t s = 0; s < kSchools.size(); ++s)
      local_bodies_.push_back(AddBody(BodyKind::kLocalGoverningBody, LocalBodyName(s),
                                      plan_.schools[s].id, std::nullopt));
  }

  static std::string LocalBodyName(size_t school) {
    return std::string(kSchools[school].name) + " Local Governing Body";
  }

  std::pair<std::string, std::string> DrawName() {
    for (int attempt = 0;; ++attempt) {
      std::string given(rng_.Pick(GivenNames()));
      std::string family(rng_.Pick(FamilyNames()));
      // Every person gets a distinct name, so that lists and pickers are never ambiguous.
      // The lists allow some twenty thousand names, so a free one turns up quickly.
      if (full_names_.insert(given + " " + family).second || attempt > 1000)
        return {std::move(given), std::move(family)};
    }
  }

  std::string UniqueEmail(const std::string& given, const std::string& family) {
    const std::string local = EmailPart(given) + "." + EmailPart(family);
    std::string email = local + "@" + std::string(kEmailDomain);
    for (int n = 2; !emails_.insert(email).second; ++n)
      email = local + std::to_string(n) + "@" + std::string(kEmailDomain);
    return email;
  }

  enum class Track { kStaff, kGovernor };

  PersonId AddPerson(Track track, std::optional<CareerStage> stage, Date joined) {
    auto [given, family] = DrawName();
    org::Person person;
    person.id = PersonId(static_cast<int64_t>(plan_.people.size()) + 1);
    person.trust = kPlanTrust;
    person.reference = track == Track::kStaff ? Numbered("OAK", ++staff_references_, 4)
                                              : Numbered("GOV", ++governor_references_, 4);
    person.email = UniqueEmail(given, family);
    person.given_name = std::move(given);
    person.family_name = std::move(family);
    person.stage = stage;
    person.joined_trust = joined;
    plan_.people.push_back(std::move(person));
    return plan_.people.back().id;
  }

  org::Person& PersonOf(PersonId id) { return plan_.people[static_cast<size_t>(id.value() - 1)]; }
  const org::Post& PostOf(PostId id) const {
    return plan_.posts[static_cast<size_t>(id.value() - 1)];
  }

  void SetEmail(PersonId id, std::string_view email) {
    emails_.insert(std::string(email));
    PersonOf(id).email = std::string(email);
  }

  PostId AddPost(PostSpec spec) {
    org::Post post;
    post.id = PostId(static_cast<int64_t>(plan_.posts.size()) + 1);
    post.trust = kPlanTrust;
    post.reference = std::move(spec.reference);
    post.title = std::move(spec.title);
    post.school = spec.school;
    post.body = spec.body;
    post.family = spec.family;
    post.stage = spec.stage;
    post.workforce_census_role = std::string(spec.census);
    post.fte = spec.fte;
    post.key = spec.key;
    plan_.posts.push_back(std::move(post));
    current_holding_.emplace_back();
    return plan_.posts.back().id;
  }

  PostId AddSchoolPost(size_t school, PostKind kind, PostSpec spec) {
    spec.school = plan_.schools[school].id;
    const PostId id = AddPost(std::move(spec));
    pools_[{school, kind}].push_back(id);
    return id;
  }

  void Hold(PostId post, PersonId person, Date start, std::optional<Date> end,
            ContractType contract) {
    org::Holding holding;
    holding.id = HoldingId(static_cast<int64_t>(plan_.holdings.size()) + 1);
    holding.trust = kPlanTrust;
    holding.post = post;
    holding.person = person;
    holding.start = start;
    holding.end = end;
    holding.contract = contract;
    holding.fte = PostOf(post).fte;
    if (!end) current_holding_[static_cast<size_t>(post.value() - 1)] = plan_.holdings.size();
    plan_.holdings.push_back(holding);
  }

  void Member(BodyId body, PersonId person, MembershipRole role, Date start,
              std::optional<Date> end) {
    org::Membership membership;
    membership.id = MembershipId(static_cast<int64_t>(plan_.memberships.size()) + 1);
    membership.trust = kPlanTrust;
    membership.body = body;
    membership.person = person;
    membership.role = role;
    membership.term_start = start;
    membership.term_end = end;
    plan_.memberships.push_back(membership);
  }

  void Manages(PersonId manager, PersonId report) { reports_.push_back({manager, report}); }

  // A new member of staff who joined the trust to take up `post` on `start`.
  PersonId Appoint(PostId post, std::optional<CareerStage> stage, Date start,
                   ContractType contract = ContractType::kPermanent) {
    const PersonId person = AddPerson(Track::kStaff, stage, start);
    Hold(post, person, start, std::nullopt, contract);
    return person;
  }

  // A leader `years_in_post` school years into their post; about half were promoted from
  // a `from` post in the same school after some years there.
  PersonId AppointLeader(size_t school, PostId post, PostKind from, CareerStage new_stage,
                         CareerStage experienced_stage, int years_in_post) {
    const Date start = TermStart(years_in_post);
    const CareerStage stage =
        years_in_post >= kExperiencedAfterYears ? experienced_stage : new_stage;
    const PersonId person = Appoint(post, stage, start);
    if (rng_.Chance(45)) {
      const int years_before = std::min(years_in_post + rng_.Between(2, 7), 20);
      promotions_.push_back({person, school, from, TermStart(years_before), start});
    }
    return person;
  }

  PersonId AppointTeacher(PostId post, bool early_career) {
    if (early_career)
      return Appoint(post, CareerStage::kEarlyCareerTeacher, TermStart(rng_.Between(0, 1)));
    const int years = rng_.Chance(60) ? rng_.Between(0, 6) : rng_.Between(4, 18);
    const bool experienced = years >= 6 || rng_.Chance(40);
    return Appoint(post, experienced ? CareerStage::kExperiencedTeacher : CareerStage::kTeacher,
                   TermStart(years),
                   rng_.Chance(12) ? ContractType::kFixedTerm : ContractType::kPermanent);
  }

  double TeacherFte() {
    return rng_.Chance(85) ? 1.0 : rng_.Pick(std::span<const double>(kPartTimeTeacherFte));
  }

  ContractType AssistantContract() {
    const int roll = rng_.Between(1, 100);
    return roll <= 80   ? ContractType::kPermanent
           : roll <= 95 ? ContractType::kFixedTerm
                        : ContractType::kCasual;
  }

  PersonId AppointAssistant(size_t school, const std::string& reference, std::string title,
                            std::string_view census) {
    const PostId post = AddSchoolPost(school, PostKind::kAssistantStaff,
                                      {.reference = reference,
                                       .title = std::move(title),
                                       .family = RoleFamily::kSupport,
                                       .stage = CareerStage::kTeachingAssistant,
                                       .census = census,
                                       .fte = rng_.Pick(std::span<const double>(kAssistantFte))});
    // Drawn one statement at a time: the order in which a call's arguments are evaluated is
    // unspecified (GCC and Clang differ), and the demo must be the same whoever compiles it.
    // This order is the one GCC happened to use, so the demo stays as it was.
    const ContractType contract = AssistantContract();
    const Date start = YearsAgo(0, 15);
    return Appoint(post, CareerStage::kTeachingAssistant, start, contract);
  }

  PersonId AppointHlta(size_t school, const std::string& reference) {
    const PostId post = AddSchoolPost(school, PostKind::kOther,
                                      {.reference = reference,
                                       .title = "Higher Level Teaching Assistant",
                                       .family = RoleFamily::kSupport,
                                       .stage = CareerStage::kHlta,
                                       .census = "Higher Level Teaching Assistant",
                                       .fte = 1.0});
    const int years = rng_.Between(1, 10);
    const PersonId person = Appoint(post, CareerStage::kHlta, TermStart(years));
    if (rng_.Chance(50))
      promotions_.push_back({person, school, PostKind::kAssistantStaff,
                             TermStart(years + rng_.Between(2, 6)), TermStart(years)});
    return person;
  }

  // Support staff report to the School Business Manager, who is the first of `roles`; the
  // one at `clerk_index` also clerks the Local Governing Body.
  void StaffSupport(size_t school, std::span<const SupportRole> roles, int count,
                    size_t clerk_index, const std::string& urn) {
    SchoolStaff& staff = staff_[school];
    PersonId business_manager;
    for (int i = 0; i < count; ++i) {
      const SupportRole& role = roles[static_cast<size_t>(i)];
      const PostId post = AddSchoolPost(school, PostKind::kOther,
                                        {.reference = "P-" + urn + Numbered("-SS", i + 1, 2),
                                         .title = std::string(role.title),
                                         .family = RoleFamily::kSupport,
                                         .census = role.census,
                                         .fte = role.fte});
      const PersonId person = Appoint(post, std::nullopt, YearsAgo(0, 16), role.contract);
      if (i == 0) {
        business_manager = person;
        Manages(staff.head, person);
      } else {
        Manages(business_manager, person);
      }
      if (static_cast<size_t>(i) == clerk_index) staff.clerk = person;
    }
  }

  // ---- The central team --------------------------------------------------------------

  void StaffCentralTeam() {
    auto trust_post = [&](std::string reference, std::string title, RoleFamily family,
                          std::optional<CareerStage> stage, bool key, double fte = 1.0) {
      return AddPost({.reference = std::move(reference),
                      .title = std::move(title),
                      .family = family,
                      .stage = stage,
                      .fte = fte,
                      .key = key});
    };
    ceo_ = Appoint(trust_post("P-TRUST-CEO", "Chief Executive Officer", RoleFamily::kLeadership,
                              CareerStage::kExecutiveLeader, true),
                   CareerStage::kExecutiveLeader, TermStart(rng_.Between(6, 9)));
    SetEmail(ceo_, kAccounts[kChiefExecutiveAccount].email);
    const PersonId finance = Appoint(trust_post("P-TRUST-DOF", "Director of Finance",
                                                RoleFamily::kLeadership, std::nullopt, true),
                                     std::nullopt, YearsAgo(3, 8));
    director_of_primary_ =
        Appoint(trust_post("P-TRUST-DOP", "Director of Primary", RoleFamily::kLeadership,
                           CareerStage::kExecutiveLeader, true),
                CareerStage::kExecutiveLeader, TermStart(rng_.Between(2, 6)));
    director_of_standards_ =
        Appoint(trust_post("P-TRUST-DOS", "Director of Standards", RoleFamily::kLeadership,
                           CareerStage::kExecutiveLeader, true),
                CareerStage::kExecutiveLeader, TermStart(rng_.Between(1, 5)));
    hr_lead_ =
        Appoint(trust_post("P-TRUST-HR", "HR Lead", RoleFamily::kLeadership, std::nullopt, false),
                std::nullopt, YearsAgo(2, 9));
    governance_professional_ = Appoint(trust_post("P-TRUST-GOV", "Governance Professional",
                                                  RoleFamily::kSupport, std::nullopt, false),
                                       std::nullopt, YearsAgo(2, 7));
    const PersonId finance_officer = Appoint(
        trust_post("P-TRUST-FIN1", "Finance Officer", RoleFamily::kSupport, std::nullopt, false),
        std::nullopt, YearsAgo(1, 7));
    const PersonId hr_officer = Appoint(
        trust_post("P-TRUST-HR1", "HR Officer", RoleFamily::kSupport, std::nullopt, false, 0.8),
        std::nullopt, YearsAgo(1, 5));
    const PersonId estates = Appoint(
        trust_post("P-TRUST-EST", "Estates Manager", RoleFamily::kSupport, std::nullopt, false),
        std::nullopt, YearsAgo(2, 8));

    for (PersonId p : {finance, director_of_primary_, director_of_standards_, hr_lead_,
                       governance_professional_})
      Manages(ceo_, p);
    Manages(finance, finance_officer);
    Manages(finance, estates);
    Manages(hr_lead_, hr_officer);
  }

  // ---- Schools -----------------------------------------------------------------------

  int Pupils(size_t school) const { return static_cast<int>(*plan_.schools[school].pupils); }

  void StaffPrimary(size_t s) {
    const std::string urn = std::to_string(kSchools[s].urn);
    auto ref = [&](std::string_view suffix) { return "P-" + urn + "-" + std::string(suffix); };
    SchoolStaff& staff = staff_[s];

    const int head_years = s == kNewHeadSchool ? rng_.Between(0, 1)
                           : s == kAshfield    ? rng_.Between(6, 12)
                                               : rng_.Between(3, 14);
    staff.head = AppointLeader(s,
                               AddSchoolPost(s, PostKind::kHead,
                                             {.reference = ref("HT"),
                                              .title = "Headteacher",
                                              .family = RoleFamily::kLeadership,
                                              .stage = CareerStage::kNewHeadteacher,
                                              .census = "Headteacher",
                                              .key = true}),
                               PostKind::kDeputy, CareerStage::kNewHeadteacher,
                               CareerStage::kEstablishedHeadteacher, head_years);
    Manages(director_of_primary_, staff.head);
    if (s == kAshfield) SetEmail(staff.head, kAccounts[kHeadteacherAccount].email);

    const PersonId deputy =
        AppointLeader(s,
                      AddSchoolPost(s, PostKind::kDeputy,
                                    {.reference = ref("DHT"),
                                     .title = "Deputy Headteacher",
                                     .family = RoleFamily::kLeadership,
                                     .stage = CareerStage::kNewSeniorLeader,
                                     .census = "Deputy Headteacher",
                                     .key = true}),
                      PostKind::kMiddle, CareerStage::kNewSeniorLeader,
                      CareerStage::kExperiencedSeniorLeader, rng_.Between(0, 9));
    staff.deputies.push_back(deputy);
    Manages(staff.head, deputy);

    constexpr std::array<std::string_view, 2> kAssistantTitles = {
        "Assistant Headteacher (Inclusion)", "Assistant Headteacher (Curriculum)"};
    const int assistant_heads = rng_.Between(1, 2);
    for (int i = 0; i < assistant_heads; ++i) {
      const PersonId assistant = AppointLeader(
          s,
          AddSchoolPost(s, PostKind::kAssistant,
                        {.reference = ref(Numbered("AHT", i + 1, 1)),
                         .title = std::string(kAssistantTitles[static_cast<size_t>(i)]),
                         .family = RoleFamily::kLeadership,
                         .stage = CareerStage::kNewSeniorLeader,
                         .census = "Assistant Headteacher"}),
          PostKind::kMiddle, CareerStage::kNewSeniorLeader, CareerStage::kExperiencedSeniorLeader,
          rng_.Between(0, 7));
      Manages(staff.head, assistant);
    }

    // Middle leaders: the SENCo and two phase leaders, sometimes an Early Years or subject
    // lead. All report to the deputy headteacher.
    std::vector<std::string_view> middle_titles = {"SENCo", "Key Stage 1 Phase Leader",
                                                   "Key Stage 2 Phase Leader"};
    constexpr std::array<std::string_view, 3> kExtraLeads = {"Early Years Lead", "Mathematics Lead",
                                                             "English Lead"};
    if (rng_.Chance(60))
      middle_titles.push_back(rng_.Pick(std::span<const std::string_view>(kExtraLeads)));
    std::map<std::string_view, PersonId> middle;
    for (size_t i = 0; i < middle_titles.size(); ++i) {
      // One draw per statement (see AppointAssistant), in the order GCC used.
      const int years_in_post = rng_.Between(0, 10);
      const double fte = rng_.Chance(85) ? 1.0 : 0.8;
      const PersonId leader =
          AppointLeader(s,
                        AddSchoolPost(s, PostKind::kMiddle,
                                      {.reference = ref(Numbered("ML", static_cast<int>(i) + 1, 2)),
                                       .title = std::string(middle_titles[i]),
                                       .family = RoleFamily::kTeaching,
                                       .stage = CareerStage::kNewMiddleLeader,
                                       .census = "Classroom Teacher",
                                       .fte = fte}),
                        PostKind::kTeacher, CareerStage::kNewMiddleLeader,
                        CareerStage::kExperiencedMiddleLeader, years_in_post);
      middle[middle_titles[i]] = leader;
      Manages(deputy, leader);
    }
    const PersonId senco = middle.at("SENCo");
    const PersonId key_stage_1 = middle.at("Key Stage 1 Phase Leader");
    const PersonId key_stage_2 = middle.at("Key Stage 2 Phase Leader");
    const PersonId early_years =
        middle.contains("Early Years Lead") ? middle.at("Early Years Lead") : key_stage_1;

    // Classes from Reception to Year 6, a second form in some year groups in larger
    // schools. Early-career teachers take the last classes listed.
    const int classes = std::clamp(10 + (Pupils(s) - 200) * 3 / 250, 10, 13);
    const int early_career = rng_.Between(1, 2);
    PersonId reception_teacher;
    for (int i = 0; i < classes; ++i) {
      const int year = i % 7;
      const bool ect = i >= classes - early_career;
      const PostId post = AddSchoolPost(
          s, PostKind::kTeacher,
          {.reference = ref(Numbered("T", i + 1, 2)),
           .title = year == 0 ? "Reception Teacher" : "Year " + std::to_string(year) + " Teacher",
           .family = RoleFamily::kTeaching,
           .stage = ect ? CareerStage::kEarlyCareerTeacher : CareerStage::kTeacher,
           .census = "Classroom Teacher",
           .fte = ect ? 1.0 : TeacherFte()});
      const PersonId teacher = AppointTeacher(post, ect);
      staff.teachers.push_back(teacher);
      if (static_cast<size_t>(i) == kAccountTeacherClass) staff.account_teacher = teacher;
      if (year == 0 && !reception_teacher.valid()) reception_teacher = teacher;
      Manages(year == 0 ? early_years : year <= 2 ? key_stage_1 : key_stage_2, teacher);
    }

    // Teaching assistants: SEN assistants work to the SENCo, class assistants to a class
    // teacher, the Early Years practitioner to the Reception teacher.
    const int assistants = rng_.Between(12, 14);
    for (int i = 0; i < assistants; ++i) {
      const std::string reference = ref(Numbered("TA", i + 1, 2));
      PersonId assistant;
      if (i < 3) {
        assistant = AppointAssistant(s, reference, "SEN Teaching Assistant",
                                     "Special Educational Needs Support Staff");
        Manages(senco, assistant);
      } else if (i == 3) {
        assistant =
            AppointAssistant(s, reference, "Early Years Practitioner", "Early Years Practitioner");
        Manages(reception_teacher, assistant);
      } else {
        assistant = AppointAssistant(s, reference, "Teaching Assistant", "Teaching Assistant");
        Manages(staff.teachers[static_cast<size_t>(i) % staff.teachers.size()], assistant);
      }
      staff.assistants.push_back(assistant);
    }
    const int higher_level = rng_.Between(2, 3);
    for (int i = 0; i < higher_level; ++i)
      Manages(senco, AppointHlta(s, ref(Numbered("HLTA", i + 1, 1))));

    constexpr size_t kSchoolAdministrator = 1;
    StaffSupport(s, kPrimarySupport, rng_.Between(5, 6), kSchoolAdministrator, urn);
  }

  void StaffSecondary(size_t s) {
    const std::string urn = std::to_string(kSchools[s].urn);
    auto ref = [&](std::string_view suffix) { return "P-" + urn + "-" + std::string(suffix); };
    SchoolStaff& staff = staff_[s];

    staff.head = AppointLeader(s,
                               AddSchoolPost(s, PostKind::kHead,
                                             {.reference = ref("HT"),
                                              .title = "Headteacher",
                                              .family = RoleFamily::kLeadership,
                                              .stage = CareerStage::kNewHeadteacher,
                                              .census = "Headteacher",
                                              .key = true}),
                               PostKind::kDeputy, CareerStage::kNewHeadteacher,
                               CareerStage::kEstablishedHeadteacher, rng_.Between(3, 12));
    Manages(director_of_standards_, staff.head);

    constexpr std::array<std::string_view, 2> kDeputyTitles = {"Deputy Headteacher (Curriculum)",
                                                               "Deputy Headteacher (Pastoral)"};
    for (size_t i = 0; i < kDeputyTitles.size(); ++i) {
      const PostId post =
          AddSchoolPost(s, PostKind::kDeputy,
                        {.reference = ref(Numbered("DHT", static_cast<int>(i) + 1, 1)),
                         .title = std::string(kDeputyTitles[i]),
                         .family = RoleFamily::kLeadership,
                         .stage = CareerStage::kNewSeniorLeader,
                         .census = "Deputy Headteacher",
                         .key = true});
      if (s == kVacantDeputySchool && i == 1) {
        vacant_deputy_post_ = post;
        continue;
      }
      const PersonId deputy =
          AppointLeader(s, post, PostKind::kAssistant, CareerStage::kNewSeniorLeader,
                        CareerStage::kExperiencedSeniorLeader, rng_.Between(0, 8));
      staff.deputies.push_back(deputy);
      Manages(staff.head, deputy);
    }

    constexpr std::array<std::string_view, 4> kAssistantTitles = {
        "Assistant Headteacher (Teaching and Learning)",
        "Assistant Headteacher (Behaviour and Attendance)", "Assistant Headteacher (Key Stage 4)",
        "Assistant Headteacher (Inclusion)"};
    std::vector<PersonId> senior = staff.deputies;
    const int assistant_heads = rng_.Between(3, 4);
    for (int i = 0; i < assistant_heads; ++i) {
      const PersonId assistant = AppointLeader(
          s,
          AddSchoolPost(s, PostKind::kAssistant,
                        {.reference = ref(Numbered("AHT", i + 1, 1)),
                         .title = std::string(kAssistantTitles[static_cast<size_t>(i)]),
                         .family = RoleFamily::kLeadership,
                         .stage = CareerStage::kNewSeniorLeader,
                         .census = "Assistant Headteacher"}),
          PostKind::kMiddle, CareerStage::kNewSeniorLeader, CareerStage::kExperiencedSeniorLeader,
          rng_.Between(0, 7));
      senior.push_back(assistant);
      Manages(staff.deputies.front(), assistant);
    }

    // Middle leaders: heads of department, the SENCo and heads of year report to the senior
    // team in turn; seconds in department to their head of department.
    int middle_count = 0;
    auto appoint_middle = [&](std::string title) {
      ++middle_count;
      return AppointLeader(s,
                           AddSchoolPost(s, PostKind::kMiddle,
                                         {.reference = ref(Numbered("ML", middle_count, 2)),
                                          .title = std::move(title),
                                          .family = RoleFamily::kTeaching,
                                          .stage = CareerStage::kNewMiddleLeader,
                                          .census = "Classroom Teacher"}),
                           PostKind::kTeacher, CareerStage::kNewMiddleLeader,
                           CareerStage::kExperiencedMiddleLeader, rng_.Between(0, 10));
    };
    std::vector<PersonId> department_heads;
    for (const auto& department : kDepartments) {
      department_heads.push_back(appoint_middle(std::string(department.head_title)));
      Manages(senior[department_heads.size() % senior.size()], department_heads.back());
    }
    const PersonId senco = appoint_middle("SENCo");
    Manages(senior.back(), senco);
    for (int year = 7; year <= 11; ++year)
      Manages(senior[static_cast<size_t>(year) % senior.size()],
              appoint_middle("Head of Year " + std::to_string(year)));
    const int seconds = rng_.Between(0, 2);
    constexpr std::array<size_t, 2> kSecondDepartments = {1, 0};  // Mathematics, English
    for (int i = 0; i < seconds; ++i) {
      const size_t d = kSecondDepartments[static_cast<size_t>(i)];
      const std::string subject(kDepartments[d].subjects[0]);
      Manages(department_heads[d], appoint_middle("Second in " + subject));
    }

    // Teachers, shared between departments by weight; a few are early-career teachers.
    const int teachers = std::clamp(50 + (Pupils(s) - 900) * 6 / 500, 50, 56);
    std::vector<bool> early_career(static_cast<size_t>(teachers), false);
    for (int placed = 0, wanted = rng_.Between(3, 5); placed < wanted;) {
      const auto i = static_cast<size_t>(rng_.Between(0, teachers - 1));
      if (!early_career[i]) {
        early_career[i] = true;
        ++placed;
      }
    }
    const std::vector<int> shares = Apportion(teachers, kDepartments);
    size_t index = 0;
    for (size_t d = 0; d < kDepartments.size(); ++d) {
      const auto& subjects = kDepartments[d].subjects;
      const auto subject_count = static_cast<size_t>(
          std::count_if(subjects.begin(), subjects.end(), [](auto s2) { return !s2.empty(); }));
      for (int k = 0; k < shares[d]; ++k, ++index) {
        const bool ect = early_career[index];
        const PostId post = AddSchoolPost(
            s, PostKind::kTeacher,
            {.reference = ref(Numbered("T", static_cast<int>(index) + 1, 2)),
             .title = "Teacher of " + std::string(subjects[static_cast<size_t>(k) % subject_count]),
             .family = RoleFamily::kTeaching,
             .stage = ect ? CareerStage::kEarlyCareerTeacher : CareerStage::kTeacher,
             .census = "Classroom Teacher",
             .fte = ect ? 1.0 : TeacherFte()});
        const PersonId teacher = AppointTeacher(post, ect);
        staff.teachers.push_back(teacher);
        Manages(department_heads[d], teacher);
      }
    }

    // Teaching assistants (two of them higher level) work to the SENCo.
    const int assistants = rng_.Between(15, 17);
    for (int i = 0; i < assistants; ++i) {
      if (i < 2) {
        Manages(senco, AppointHlta(s, ref(Numbered("HLTA", i + 1, 1))));
        continue;
      }
      const bool special = i % 2 == 0;
      const PersonId assistant = AppointAssistant(
          s, ref(Numbered("TA", i - 1, 2)),
          special ? "SEN Teaching Assistant" : "Teaching Assistant",
          special ? "Special Educational Needs Support Staff" : "Teaching Assistant");
      staff.assistants.push_back(assistant);
      Manages(senco, assistant);
    }

    constexpr size_t kAdministrativeAssistant = 6;
    StaffSupport(s, kSecondarySupport, rng_.Between(25, 28), kAdministrativeAssistant, urn);
  }

  // ---- History: leavers and promotions -------------------------------------------------

  PersonId AddLeaver(Track track, std::optional<CareerStage> stage, PostId post, Date joined,
                     Date left, ContractType contract) {
    const PersonId person = AddPerson(track, stage, joined);
    PersonOf(person).left_trust = left;
    Hold(post, person, joined, left, contract);
    posts_with_history_.insert(post);
    return person;
  }

  void AddLeaversFromVacantPosts() {
    const Date left = DaysAgo(rng_.Between(40, 120));
    AddLeaver(Track::kStaff, CareerStage::kExperiencedSeniorLeader, vacant_deputy_post_,
              AddYears(left, -rng_.Between(5, 12)), left, ContractType::kPermanent);
  }

  // Gives each promoted leader their earlier post in the same school: one of the `from`
  // kind whose present holder started after the promotion, so no post ever has two holders
  // at once. When there is none, the leader simply joined the trust into their present post.
  void AddPromotionHistory() {
    for (const Promotion& promotion : promotions_) {
      const auto pool = pools_.find({promotion.school, promotion.from});
      if (pool == pools_.end()) continue;
      const std::vector<PostId>& posts = pool->second;
      const auto offset = static_cast<size_t>(rng_.Between(0, static_cast<int>(posts.size()) - 1));
      for (size_t i = 0; i < posts.size(); ++i) {
        const PostId post = posts[(offset + i) % posts.size()];
        const auto holding = current_holding_[static_cast<size_t>(post.value() - 1)];
        if (posts_with_history_.contains(post) || !holding ||
            plan_.holdings[*holding].start < promotion.promoted)
          continue;
        Hold(post, promotion.person, promotion.joined, promotion.promoted,
             ContractType::kPermanent);
        posts_with_history_.insert(post);
        PersonOf(promotion.person).joined_trust = promotion.joined;
        break;
      }
    }
  }

  // A handful of teachers and assistants who left; each post's present holder started the
  // day they left.
  void AddOtherLeavers() {
    std::vector<PostId> candidates;
    const Date recent = AddYears(today_, -4);
    const Date settled = DaysAgo(30);
    for (size_t s = 0; s < kSchools.size(); ++s)
      for (PostKind kind : {PostKind::kTeacher, PostKind::kAssistantStaff})
        for (PostId post : pools_[{s, kind}]) {
          const auto holding = current_holding_[static_cast<size_t>(post.value() - 1)];
          if (!holding || posts_with_history_.contains(post)) continue;
          const org::Holding& h = plan_.holdings[*holding];
          if (h.start >= recent && h.start < settled) candidates.push_back(post);
        }
    constexpr int kLeavers = 6;
    for (int i = 0; i < kLeavers && !candidates.empty(); ++i) {
      const auto pick =
          static_cast<size_t>(rng_.Between(0, static_cast<int>(candidates.size()) - 1));
      const PostId post = candidates[pick];
      candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(pick));
      const Date left =
          plan_.holdings[*current_holding_[static_cast<size_t>(post.value() - 1)]].start;
      const bool teacher = PostOf(post).family == RoleFamily::kTeaching;
      const CareerStage stage = !teacher          ? CareerStage::kTeachingAssistant
                                : rng_.Chance(50) ? CareerStage::kExperiencedTeacher
                                                  : CareerStage::kTeacher;
      AddLeaver(Track::kStaff, stage, post, AddYears(left, -rng_.Between(2, 9)), left,
                ContractType::kPermanent);
    }
  }

  // ---- Governance ----------------------------------------------------------------------

  struct Governor {
    PersonId person;
    Date term_start;
  };

  // A governor or director in their current four-year term; some are in their second.
  Governor AppointGovernor(CareerStage stage, BodyId body, PostSpec post_spec,
                           MembershipRole role) {
    const Date term_start = DaysAgo(rng_.Between(30, kTermYears * 365 - 30));
    const Date joined = rng_.Chance(35) ? AddYears(term_start, -kTermYears) : term_start;
    const PersonId person = AddPerson(Track::kGovernor, stage, joined);
    post_spec.family = RoleFamily::kGovernance;
    post_spec.stage = stage;
    post_spec.fte = kVolunteerFte;
    post_spec.body = body;
    Hold(AddPost(std::move(post_spec)), person, joined, std::nullopt, ContractType::kVoluntary);
    Member(body, person, role, term_start, AddYears(term_start, kTermYears));
    return {person, term_start};
  }

  Date HoldingStartOf(PersonId person) const {
    for (size_t i = plan_.holdings.size(); i-- > 0;) {
      const auto& h = plan_.holdings[i];
      if (h.person == person && !h.end) return h.start;
    }
    return today_;
  }

  void AddBoardAndCommittees() {
    const Governor chair =
        AppointGovernor(CareerStage::kBoardMember, board_,
                        {.reference = "P-BOARD-CHAIR", .title = "Chair of the Board", .key = true},
                        MembershipRole::kChair);
    const Governor vice =
        AppointGovernor(CareerStage::kBoardMember, board_,
                        {.reference = "P-BOARD-VICE", .title = "Vice-Chair of the Board"},
                        MembershipRole::kViceChair);
    std::vector<Governor> directors;
    for (int i = 0; i < 7; ++i)
      directors.push_back(
          AppointGovernor(CareerStage::kBoardMember, board_,
                          {.reference = Numbered("P-BOARD-D", i + 1, 2), .title = "Director"},
                          MembershipRole::kMember));
    const Date clerk_since = HoldingStartOf(governance_professional_);
    Member(board_, governance_professional_, MembershipRole::kClerk, clerk_since, std::nullopt);

    // Each committee: a director in the chair (a key post), three more members from the
    // Board, clerked by the governance professional.
    struct CommitteeSpec {
      BodyId body;
      std::string_view reference;
      std::string_view chair_title;
      size_t chair;
      std::array<size_t, 3> members;  // indices into `board`
    };
    std::vector<Governor> board = {chair, vice};
    board.insert(board.end(), directors.begin(), directors.end());
    const std::array<CommitteeSpec, 3> committees = {{
        {pay_committee_, "P-PPC-CHAIR", "Chair of the Pay and Personnel Committee", 2, {0, 3, 4}},
        {finance_committee_,
         "P-FAR-CHAIR",
         "Chair of the Finance, Audit and Risk Committee",
         5,
         {1, 6, 7}},
        {standards_committee_, "P-STD-CHAIR", "Chair of the Standards Committee", 8, {1, 3, 6}},
    }};
    for (const auto& committee : committees) {
      const Governor& head = board[committee.chair];
      const PostId post = AddPost({.reference = std::string(committee.reference),
                                   .title = std::string(committee.chair_title),
                                   .family = RoleFamily::kGovernance,
                                   .stage = CareerStage::kBoardMember,
                                   .fte = kVolunteerFte,
                                   .key = true,
                                   .body = committee.body});
      Hold(post, head.person, head.term_start, std::nullopt, ContractType::kVoluntary);
      Member(committee.body, head.person, MembershipRole::kChair, head.term_start,
             AddYears(head.term_start, kTermYears));
      for (size_t m : committee.members)
        Member(committee.body, board[m].person, MembershipRole::kMember, board[m].term_start,
               AddYears(board[m].term_start, kTermYears));
      Member(committee.body, governance_professional_, MembershipRole::kClerk, clerk_since,
             std::nullopt);
    }
  }

  void AddLocalGoverningBody(size_t s) {
    const BodyId body = local_bodies_[s];
    const std::string name = LocalBodyName(s);
    const std::string prefix = "P-" + std::to_string(kSchools[s].urn) + "-LGB-";
    const CareerStage stage = CareerStage::kLocalGoverningBodyMember;

    const PostSpec chair_post = {
        .reference = prefix + "CHAIR", .title = "Chair of " + name, .key = true};
    if (s == kVacantChairSchool) {
      // The chair stood down this year; the vice-chair acts until the Board appoints.
      const Date left = DaysAgo(rng_.Between(40, 120));
      const Date joined = AddYears(left, -rng_.Between(3, 7));
      PostSpec spec = chair_post;
      spec.family = RoleFamily::kGovernance;
      spec.stage = stage;
      spec.fte = kVolunteerFte;
      spec.body = body;
      const PersonId former = AddLeaver(Track::kGovernor, stage, AddPost(std::move(spec)), joined,
                                        left, ContractType::kVoluntary);
      Member(body, former, MembershipRole::kChair, joined, left);
    } else {
      AppointGovernor(stage, body, chair_post, MembershipRole::kChair);
    }
    AppointGovernor(stage, body, {.reference = prefix + "VICE", .title = "Vice-Chair of " + name},
                    MembershipRole::kViceChair);

    // The headteacher sits on the body ex officio; a member of staff is elected by staff.
    const SchoolStaff& staff = staff_[s];
    Member(body, staff.head, MembershipRole::kMember, HoldingStartOf(staff.head), std::nullopt);
    std::vector<PersonId> electable = staff.teachers;
    electable.insert(electable.end(), staff.assistants.begin(), staff.assistants.end());
    const PersonId staff_governor = rng_.Pick(std::span<const PersonId>(electable));
    const Date elected =
        std::max(HoldingStartOf(staff_governor), DaysAgo(rng_.Between(30, 3 * 365)));
    Member(body, staff_governor, MembershipRole::kMember, elected, AddYears(elected, kTermYears));

    for (int i = 0; i < 2; ++i) {
      const Governor parent = AppointGovernor(
          stage, body, {.reference = prefix + Numbered("PG", i + 1, 1), .title = "Parent Governor"},
          MembershipRole::kMember);
      if (s == kAshfield && i == 0) ashfield_parent_governor_ = parent.person;
    }
    const int community = rng_.Between(1, 3);
    for (int i = 0; i < community; ++i)
      AppointGovernor(
          stage, body,
          {.reference = prefix + Numbered("CG", i + 1, 1), .title = "Community Governor"},
          MembershipRole::kMember);

    Member(body, staff.clerk, MembershipRole::kClerk, HoldingStartOf(staff.clerk), std::nullopt);
  }

  // ---- Line management -----------------------------------------------------------------

  // Each link starts when both people were in their present posts.
  void AddLineLinks() {
    for (const Report& r : reports_) {
      org::LineLink link;
      link.id = LineLinkId(static_cast<int64_t>(plan_.line_links.size()) + 1);
      link.trust = kPlanTrust;
      link.manager = r.manager;
      link.report = r.report;
      link.start = std::max(HoldingStartOf(r.manager), HoldingStartOf(r.report));
      plan_.line_links.push_back(link);
    }
  }

  Random rng_;
  Date today_;
  Date school_year_;  // 1 September of the current school year
  DemoPlan plan_;
  std::set<std::string> full_names_;
  std::set<std::string> emails_;
  int staff_references_ = 0;
  int governor_references_ = 0;

  BodyId board_, pay_committee_, finance_committee_, standards_committee_;
  std::vector<BodyId> local_bodies_;
  PersonId ceo_, director_of_primary_, director_of_standards_, hr_lead_, governance_professional_;
  PersonId ashfield_parent_governor_;
  PostId vacant_deputy_post_;
  std::vector<SchoolStaff> staff_;

  std::vector<Promotion> promotions_;
  std::vector<Report> reports_;
  std::map<std::pair<size_t, PostKind>, std::vector<PostId>> pools_;
  std::set<PostId> posts_with_history_;
  std::vector<std::optional<size_t>> current_holding_;  // per post: index into holdings
};

}  // namespace

std::span<const DemoAccount> DemoAccounts() { return kAccounts; }

DemoPlan PlanDemoTrust(uint64_t seed, Date today) { return Planner(seed, today).Plan(); }

}  // namespace trellis::demo
