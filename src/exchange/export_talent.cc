// Export of talent records: role profiles, competency assessments, one review cycle's 9-box
// ratings, in the columns the import takes.

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

#include "exchange/cells.h"
#include "exchange/export_rows.h"

namespace trellis::exchange {
namespace {

// The framework, version and competency codes of a competency (blank ones for a competency the
// trust no longer sees, which the import then refuses rather than guess).
std::array<std::string, 3> CodeCells(const CompetencyCatalogue& catalogue, CompetencyId id) {
  const auto codes = catalogue.CodesOf(id);
  if (!codes) return {};
  return {codes->framework, codes->version, codes->competency};
}

}  // namespace

// Profiles of posts by post reference, then of career stages up the ladder; each profile's
// requirements in its own order, which the import keeps.
Result<void> EmitRoleProfiles(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  const auto posts = TRY(PostReferences(store, trust, today));
  const auto catalogue = TRY(CompetencyCatalogue::Load(store, trust));
  auto profiles = TRY(AllRoleProfiles(store, trust));
  auto order = [&](const talent::RoleProfile& p) {
    return std::make_tuple(!p.post.has_value(), Lookup(posts, p.post),
                           p.stage ? static_cast<int>(*p.stage) : 0);
  };
  std::sort(profiles.begin(), profiles.end(),
            [&](const auto& a, const auto& b) { return order(a) < order(b); });
  for (const auto& p : profiles)
    for (const auto& need : p.requirements) {
      const auto codes = CodeCells(catalogue, need.competency);
      sink(std::vector<std::string>{p.name, Lookup(posts, p.post), CodeOrBlank(p.stage), codes[0],
                                    codes[1], codes[2], std::to_string(need.level),
                                    FormatNumber(need.weight)});
    }
  return Ok();
}

// One row per assessment, by person; of assessments alike in person, competency, day and
// level (the import's key) only the latest, the one an import matches.
Result<void> EmitAssessments(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  const auto people = TRY(PersonReferences(store, trust, today));
  const auto catalogue = TRY(CompetencyCatalogue::Load(store, trust));
  std::set<std::tuple<PersonId, CompetencyId, Date, int>> written;
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : TRY(AllAssessments(store, trust))) {  // newest first
    if (!written.insert({a.person, a.competency, a.assessed_on, a.level}).second) continue;
    const auto codes = CodeCells(catalogue, a.competency);
    rows.push_back({Lookup(people, a.person), codes[0], codes[1], codes[2], std::to_string(a.level),
                    a.assessed_on.ToIso(), Lookup(people, a.assessor), a.assessor_name,
                    a.evidence});
  }
  SortRows(rows);
  for (const auto& row : rows) sink(row);
  return Ok();
}

// Each rating where it stands (the final box of a closed cycle, the latest adjustment while
// calibrating, the proposal while open), by person.
Result<void> EmitRatings(store::Store& store, TrustId trust, Date today, std::optional<int> year,
                         const RowSink& sink) {
  const auto cycles = TRY(store.ListReviewCycles(trust));  // newest year first
  const auto cycle = std::find_if(cycles.begin(), cycles.end(),
                                  [&](const auto& c) { return !year || c.year == *year; });
  if (cycle == cycles.end()) return Ok();
  const auto people = TRY(PersonReferences(store, trust, today));
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : TRY(AllRatings(store, trust, cycle->id))) {
    const talent::Box box = r.Current();
    rows.push_back({std::to_string(cycle->year), Lookup(people, r.person),
                    std::to_string(box.performance), std::to_string(box.potential),
                    Lookup(people, r.rater), r.rationale, r.evidence});
  }
  SortRows(rows);
  for (const auto& row : rows) sink(row);
  return Ok();
}

}  // namespace trellis::exchange
