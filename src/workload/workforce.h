#pragma once
// One group's synthetic workforce: its governance, central team and every school's staff,
// with a closed talent review, assessments against role profiles, risks of loss, key posts
// and the successors named on their plans. Pure and deterministic: the same group and seed
// give the same workforce on every platform (demo::Random, no std:: distributions), and a
// group's workforce depends on nothing but the group and the seed, so a trust generated
// alone is the same as in the national run.
//
// The staffing rules (docs/architecture.md, "The national workload"): per 1,000 school staff
// about 450 teachers (leaders included), 280 teaching assistants and 270 other support staff;
// one headteacher per school; deputies, assistant heads and middle leaders (TLRs) in
// proportion to the school's size; trust executive posts scaled to the trust's size;
// governors on the board, its committees and each school's Local Governing Body.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "org/model.h"
#include "succession/plan.h"
#include "workload/nation.h"

namespace trellis::workload {

// The talent review cycle the ratings belong to: 2021/22, closed before kAsOf.
inline constexpr int kReviewYear = 2021;

// What a post is, for the mix and the key posts.
enum class PostRole {
  kHeadteacher,
  kDeputyHead,
  kAssistantHead,
  kMiddleLeader,  // a teacher with a TLR: head of department or year, subject or phase leader
  kTeacher,
  kHlta,
  kTeachingAssistant,
  kBusinessManager,
  kSupportStaff,
  kExecutive,     // a trust executive post (CEO, CFO, …): key
  kCentralStaff,  // the trust's central team below its executives
  kBoardChair,
  kBoardViceChair,
  kTrustee,
  kLgbChair,
};

// The kinds of people the benchmark's mix counts: teachers (leaders included), teaching
// assistants, other support staff; and governors, who are not staff.
enum class PersonKind { kTeacher, kTeachingAssistant, kSupportStaff, kGovernor };

// Key posts: every headteacher, deputy headteacher and trust executive post.
bool IsKey(PostRole role);

// Indexes into a Workforce's vectors.
using Index = uint32_t;

struct Person {
  uint16_t given = 0;   // into demo::GivenNames()
  uint16_t family = 0;  // into demo::FamilyNames()
  // 0: given.family@…; n: given.family<n>@… (the same name again in the group). Governors
  // have no work email.
  uint16_t email_number = 0;
  PersonKind kind = PersonKind::kTeacher;
  std::optional<org::CareerStage> stage;
  Date joined;  // joined the trust (governors: first appointed)
};

struct Post {
  std::string reference;  // "P-140001-HT", "P-TR00746-CEO"
  std::string_view title;
  std::optional<size_t> school;  // into Group::schools
  std::optional<Index> body;     // governance posts: into Workforce::bodies
  PostRole role = PostRole::kTeacher;
  org::RoleFamily family = org::RoleFamily::kTeaching;
  std::optional<org::CareerStage> stage;  // entry rung
  std::string_view census_role;           // School Workforce Census role, or ""
  double fte = 1.0;
};

struct Holding {
  Index post = 0;
  Index person = 0;
  Date start;
  org::ContractType contract = org::ContractType::kPermanent;
  double fte = 1.0;
};

struct Body {
  std::string name;
  org::BodyKind kind = org::BodyKind::kBoard;
  std::optional<size_t> school;  // a Local Governing Body's
  std::optional<Index> parent;   // a committee's board
};

struct Membership {
  Index body = 0;
  Index person = 0;
  org::MembershipRole role = org::MembershipRole::kMember;
  Date term_start;
};

struct LineLink {
  Index manager = 0;
  Index report = 0;
  Date start;
};

// One requirement of a role profile: a competency of a shipped framework (talent/frameworks.h).
struct Requirement {
  std::string_view framework;
  std::string_view competency;
  int level = 1;
  double weight = 1.0;
};

// A profile of every post at a career stage: the same for every group.
struct RoleProfile {
  std::string_view name;
  org::CareerStage stage;
  std::span<const Requirement> requirements;
};
std::span<const RoleProfile> RoleProfiles();

struct Assessment {
  Index person = 0;
  const Requirement* requirement = nullptr;  // what was assessed (its framework, competency)
  int level = 1;
  Date assessed_on;
  Index assessor = 0;  // the person's line manager
};

struct Rating {  // of kReviewYear's closed cycle
  Index person = 0;
  int performance = 2;
  int potential = 2;
  Index rater = 0;  // the person's line manager
};
// The rationale a rater gives for a box (a sentence per box).
std::string_view RationaleFor(int performance, int potential);

struct Risk {
  Index person = 0;
  succession::RiskOfLoss risk = succession::RiskOfLoss::kLow;
  std::optional<succession::DepartureWindow> window;
  Date assessed_on;
};

struct KeyPost {
  Index post = 0;
  succession::ImpactOfLoss impact = succession::ImpactOfLoss::kMedium;
  Date review_on;
  bool consider_external = false;  // no successor named inside the group
};

struct Successor {
  Index post = 0;
  int rank = 1;
  Index person = 0;
  bool emergency = false;
};

struct Workforce {
  std::vector<int> pupils;  // per school, as Group::schools
  std::vector<Person> people;
  std::vector<Post> posts;
  std::vector<Holding> holdings;  // one per person, each current
  std::vector<Body> bodies;       // the board first, then committees, then LGBs
  std::vector<Membership> memberships;
  std::vector<LineLink> line_links;
  std::vector<Assessment> assessments;
  std::vector<Rating> ratings;
  std::vector<Risk> risks;
  std::vector<KeyPost> key_posts;     // in the order of posts
  std::vector<Successor> successors;  // by key post, then rank
};

// The workforce of `group` for `seed`.
Workforce Staff(const Group& group, uint64_t seed);

// What a workforce holds, for the manifest, the summary and the tests of the mix.
struct WorkforceCounts {
  int64_t schools = 0, people = 0;
  int64_t teachers = 0, teaching_assistants = 0, support_staff = 0, governors = 0;
  int64_t posts = 0, key_posts = 0, headteachers = 0, deputy_heads = 0, executive_posts = 0;
  int64_t bodies = 0, holdings = 0, memberships = 0, line_links = 0, assessments = 0, ratings = 0,
          risks = 0, successors = 0;

  int64_t staff() const { return teachers + teaching_assistants + support_staff; }
  WorkforceCounts& operator+=(const WorkforceCounts& other);
  bool operator==(const WorkforceCounts&) const = default;
};
WorkforceCounts Count(const Workforce& workforce);

// A person's reference, unique in the nation: the group's reference and the person's
// number, "TR00746-000123".
std::string PersonReference(const Group& group, Index person);

}  // namespace trellis::workload
