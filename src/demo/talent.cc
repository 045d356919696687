#include "demo/talent.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "demo/random.h"
#include "talent/frameworks.h"

namespace trellis::demo {
namespace {

using org::CareerStage;

struct Need {
  std::string_view code;
  int level;
  double weight = 1.0;
};

struct ProfileSpec {
  std::string_view post_reference;  // empty for a stage profile
  std::optional<CareerStage> stage;
  std::string_view name;
  std::vector<Need> needs;
};

const std::vector<ProfileSpec>& Profiles() {
  static const std::vector<ProfileSpec> kProfiles = {
      {"", CareerStage::kNewHeadteacher, "Headteacher",
       {{"3C-CH-1", 3}, {"3C-CH-2", 3}, {"3C-CA-1", 3, 2}, {"3C-CO-1", 3}, {"3C-CO-2", 3},
        {"NPQEL-01.2", 3, 2}, {"NPQEL-02.1", 3}, {"NPQEL-04.1", 3}, {"NPQEL-06.1", 2},
        {"NPQEL-07.1", 3, 2}}},
      {"", CareerStage::kNewSeniorLeader, "Deputy or assistant headteacher",
       {{"3C-CH-2", 3}, {"3C-CA-1", 2, 2}, {"3C-CO-2", 2}, {"NPQEL-02.2", 2}, {"NPQEL-03.1", 2},
        {"NPQEL-04.2", 2}, {"NPQEL-06.2", 2}}},
      {"P-TRUST-CEO", std::nullopt, "Chief Executive Officer",
       {{"3C-CH-1", 4}, {"3C-CA-1", 4, 2}, {"3C-CO-3", 4}, {"NPQEL-01.1", 4, 2},
        {"NPQEL-07.3", 3}, {"NPQEL-08.1", 3}, {"NPQEL-10.1", 4, 2}, {"NPQEL-10.2", 3}}},
      {"P-TRUST-DOF", std::nullopt, "Director of Finance",
       {{"3C-CH-2", 3}, {"3C-CA-1", 4, 2}, {"3C-CO-3", 3}, {"NPQEL-07.3", 4, 3},
        {"NPQEL-07.4", 4, 2}, {"NPQEL-10.2", 3}}},
      {"P-TRUST-DOP", std::nullopt, "Director of Primary",
       {{"3C-CA-1", 3, 2}, {"3C-CO-2", 3}, {"NPQEL-02.1", 3}, {"NPQEL-03.1", 3, 2},
        {"NPQEL-05.1", 3}, {"NPQEL-06.1", 3}, {"NPQEL-08.1", 3}}},
      {"P-TRUST-DOS", std::nullopt, "Director of Standards",
       {{"3C-CA-1", 3, 2}, {"NPQEL-02.2", 3}, {"NPQEL-03.3", 4, 2}, {"NPQEL-04.1", 3},
        {"NPQEL-06.2", 3}, {"NPQEL-08.3", 3}}},
      {"P-BOARD-CHAIR", std::nullopt, "Chair of the Board",
       {{"3C-CH-1", 3}, {"3C-CA-2", 4, 2}, {"3C-CO-2", 4}, {"3C-CO-3", 3}, {"NPQEL-01.1", 3},
        {"NPQEL-10.1", 4, 2}}},
  };
  return kProfiles;
}

// Who is assessed: the stage, the chance (in a hundred) of never having been assessed, and
// the range their typical level is drawn from.
struct Cohort {
  CareerStage stage;
  int never_assessed;
  int low, high;
  int every;  // take every n-th person of the stage (1: everyone)
};
constexpr Cohort kCohorts[] = {
    {CareerStage::kExperiencedSeniorLeader, 10, 2, 4, 1},
    {CareerStage::kNewSeniorLeader, 15, 2, 3, 1},
    {CareerStage::kExperiencedMiddleLeader, 15, 1, 3, 1},
    {CareerStage::kNewMiddleLeader, 25, 1, 3, 1},
    {CareerStage::kExperiencedTeacher, 35, 1, 3, 3},
};

Date DaysBefore(Date day, int days) { return Date(day.days() - std::chrono::days(days)); }

}  // namespace

Result<void> WriteTalent(store::Store& tx, TrustId trust, uint64_t seed, Date today) {
  // Competency ids by code, from both shipped frameworks.
  std::map<std::string, CompetencyId, std::less<>> competency;
  for (const auto& shipped : talent::ShippedFrameworks()) {
    auto found = TRY(tx.FindFramework(std::nullopt, std::string(shipped.code),
                                      std::string(shipped.version)));
    if (!found) return Fail(ErrorCode::kInternal, "shipped framework missing: " + std::string(shipped.code));
    for (const auto& c : TRY(tx.GetFrameworkContent(trust, found->id)).competencies)
      competency[c.code] = c.id;
  }
  auto id_of = [&](std::string_view code) -> Result<CompetencyId> {
    auto it = competency.find(code);
    if (it == competency.end()) return Fail(ErrorCode::kInternal, "no competency " + std::string(code));
    return it->second;
  };

  std::vector<CompetencyId> pool;  // what the pipeline is assessed against
  for (const ProfileSpec& spec : Profiles()) {
    talent::RoleProfile profile{.id = {}, .trust = trust, .post = {}, .stage = spec.stage,
                                .name = std::string(spec.name), .requirements = {}};
    if (!spec.post_reference.empty()) {
      auto post = TRY(tx.FindPostByReference(trust, std::string(spec.post_reference)));
      if (!post) return Fail(ErrorCode::kInternal, "no post " + std::string(spec.post_reference));
      profile.post = post->id;
    }
    for (const Need& need : spec.needs) {
      const CompetencyId id = TRY(id_of(need.code));
      profile.requirements.push_back({.competency = id, .level = need.level, .weight = need.weight});
      if (spec.stage && std::find(pool.begin(), pool.end(), id) == pool.end()) pool.push_back(id);
    }
    TRY(tx.Insert(profile));
  }

  Random rng(seed ^ 0x7a1e47c0ffee1234ULL);
  for (const Cohort& cohort : kCohorts) {
    auto people = TRY(tx.ListPeople(
        {.trust = trust, .stage = cohort.stage, .today = today, .page = store::kEveryRow}));
    for (size_t i = 0; i < people.items.size(); i += static_cast<size_t>(cohort.every)) {
      const org::Person& person = people.items[i];
      if (rng.Chance(cohort.never_assessed)) continue;
      auto managers = TRY(tx.ListLineLinks({.trust = trust, .report = person.id,
                                            .current_on = today, .page = {.limit = 1}}));
      std::optional<PersonId> assessor;
      std::string assessor_name = "Trust talent review panel";
      if (!managers.items.empty()) {
        assessor = managers.items.front().manager;
        const org::Person manager = TRY(tx.GetPerson(trust, *assessor));
        assessor_name = manager.given_name + " " + manager.family_name;
      }
      const int typical = rng.Between(cohort.low, cohort.high);
      std::vector<CompetencyId> chosen = pool;
      // A partial Fisher-Yates shuffle picks 3 to 8 distinct competencies.
      const int count = rng.Between(3, 8);
      for (int k = 0; k < count; ++k) {
        const int j = rng.Between(k, static_cast<int>(chosen.size()) - 1);
        std::swap(chosen[static_cast<size_t>(k)], chosen[static_cast<size_t>(j)]);
        const int level = std::clamp(typical + rng.Between(-1, 1), talent::kMinLevel, talent::kMaxLevel);
        const Date on = DaysBefore(today, rng.Between(20, 600));
        talent::Assessment a{.id = {}, .trust = trust, .person = person.id,
                             .competency = chosen[static_cast<size_t>(k)], .level = level,
                             .assessor = assessor, .assessor_name = assessor_name,
                             .assessed_on = on,
                             .evidence = "Annual talent review: observed practice and discussion."};
        // Some were assessed a year earlier too, usually a level lower: the latest counts.
        if (rng.Chance(25)) {
          talent::Assessment earlier = a;
          earlier.level = std::max(talent::kMinLevel, level - 1);
          earlier.assessed_on = DaysBefore(on, 365);
          earlier.evidence = "Previous year's talent review.";
          TRY(tx.Insert(earlier));
        }
        TRY(tx.Insert(a));
      }
    }
  }
  return Ok();
}

}  // namespace trellis::demo
