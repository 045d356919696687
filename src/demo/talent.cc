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

// Who is assessed, and against what: people are assessed against the role profiles of the
// rung they are aiming for (a deputy against the headteacher's profile, a headteacher against
// the trust's leadership posts), so that the ranking finds a realistic bench. `never_assessed`
// and `skipped` are chances in a hundred (of never having been assessed, and of one of the
// aimed-for competencies not being assessed yet); the typical level is drawn from low..high.
struct Cohort {
  CareerStage stage;
  std::vector<std::string_view> aiming_for;  // profile names (Profiles())
  int never_assessed;
  int skipped;
  int low, high;
  int every;  // take every n-th person of the stage (1: everyone)
};
const std::vector<Cohort>& Cohorts() {
  static const std::vector<Cohort> kCohorts = {
      {CareerStage::kEstablishedHeadteacher,
       {"Chief Executive Officer", "Director of Primary", "Director of Standards"}, 10, 15, 2, 4, 1},
      {CareerStage::kNewHeadteacher,
       {"Chief Executive Officer", "Director of Primary", "Director of Standards"}, 20, 30, 2, 3, 1},
      {CareerStage::kExperiencedSeniorLeader, {"Headteacher"}, 10, 10, 2, 4, 1},
      {CareerStage::kNewSeniorLeader, {"Headteacher"}, 15, 25, 2, 3, 1},
      {CareerStage::kExperiencedMiddleLeader, {"Deputy or assistant headteacher"}, 15, 15, 2, 3, 1},
      {CareerStage::kNewMiddleLeader, {"Deputy or assistant headteacher"}, 25, 30, 1, 3, 1},
      {CareerStage::kExperiencedTeacher, {"Deputy or assistant headteacher"}, 35, 40, 1, 3, 3},
      // Directors, in the Board's own annual review, against the chair's profile.
      {CareerStage::kBoardMember, {"Chair of the Board"}, 30, 20, 2, 4, 1},
  };
  return kCohorts;
}

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

  std::map<std::string_view, std::vector<CompetencyId>> needs_of;  // by profile name
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
      needs_of[spec.name].push_back(id);
    }
    TRY(tx.Insert(profile));
  }

  Random rng(seed ^ 0x7a1e47c0ffee1234ULL);
  for (const Cohort& cohort : Cohorts()) {
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
      std::vector<CompetencyId> aimed;  // in profile order, each once
      for (std::string_view profile : cohort.aiming_for)
        for (CompetencyId id : needs_of.at(profile))
          if (std::find(aimed.begin(), aimed.end(), id) == aimed.end()) aimed.push_back(id);
      for (CompetencyId aimed_at : aimed) {
        if (rng.Chance(cohort.skipped)) continue;
        const int level = std::clamp(typical + rng.Between(-1, 1), talent::kMinLevel, talent::kMaxLevel);
        const Date on = DaysBefore(today, rng.Between(20, 600));
        talent::Assessment a{.id = {}, .trust = trust, .person = person.id,
                             .competency = aimed_at, .level = level,
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
