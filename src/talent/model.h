#pragma once
// Competencies, role profiles and assessments: what a post asks of its holder, and what is
// known of each person against it. Plain values; rules live in talent/validation.h and
// talent/talent_service.h. The succession engine (succession/snapshot.h) reads them.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "org/career_ladder.h"

namespace trellis::talent {

// Levels of every competency run from 1 to 4; "not assessed" is the absence of an
// assessment, never a stored level 0.
inline constexpr int kMinLevel = 1;
inline constexpr int kMaxLevel = 4;
using LevelLabels = std::array<std::string, kMaxLevel>;  // [0] is level 1

// The labels a framework uses unless it names its own.
LevelLabels DefaultLevelLabels();

// A competency framework. Shipped frameworks (no trust) come with trellis: read-only and
// visible to every trust. A trust's own frameworks are visible to that trust only.
struct Framework {
  FrameworkId id;
  std::optional<TrustId> trust;  // empty: shipped with trellis
  std::string code;              // e.g. "trellis-3c", "npqel-2020"; unique per owner and version
  std::string name;
  std::string version;
  std::string source;            // where its content comes from
  LevelLabels level_labels = DefaultLevelLabels();

  bool shipped() const { return !trust.has_value(); }
};

struct Area {
  AreaId id;
  FrameworkId framework;
  std::string name;
  int position = 0;  // order within the framework, from 1
};

struct Competency {
  CompetencyId id;
  FrameworkId framework;
  AreaId area;
  std::string code;  // unique within the framework, e.g. "NPQEL-01.1"
  std::string name;
  std::string description;
  int position = 0;  // order within its area, from 1
};

// A framework with everything in it, areas and competencies each in position order.
struct FrameworkContent {
  Framework framework;
  std::vector<Area> areas;
  std::vector<Competency> competencies;
};

struct Requirement {
  CompetencyId competency;
  int level = kMinLevel;  // required level, 1..4
  double weight = 1.0;    // > 0
};

// What a key post asks of its holder. A profile belongs to exactly one post, or to one
// career stage (then every post at that stage without its own profile inherits it).
struct RoleProfile {
  RoleProfileId id;
  TrustId trust;
  std::optional<PostId> post;
  std::optional<org::CareerStage> stage;
  std::string name;
  std::vector<Requirement> requirements;  // in the order given; one per competency
};

// One judgement of a person against a competency. The latest one counts (see IsLater).
struct Assessment {
  AssessmentId id;
  TrustId trust;
  PersonId person;
  CompetencyId competency;
  int level = kMinLevel;              // 1..4
  std::optional<PersonId> assessor;   // when the assessor is a person of the trust
  std::string assessor_name;
  Date assessed_on;
  std::string evidence;
};

// "The latest one counts": later assessed_on wins; on the same day the later record (the
// higher id) wins.
bool IsLater(const Assessment& a, const Assessment& b);

// Keeps only the latest assessment of each (person, competency), ordered by person then
// competency.
std::vector<Assessment> LatestOnly(std::vector<Assessment> assessments);

// A person's latest level in one competency: one row of the bulk read the ranking uses.
struct LatestLevel {
  PersonId person;
  CompetencyId competency;
  int level = 0;
  Date assessed_on;
  AssessmentId assessment;

  bool operator==(const LatestLevel&) const = default;
};

}  // namespace trellis::talent
