// Succession: the ranked candidates for a key post, computed by the engine over a snapshot
// of the trust. Confidential: every read is audit-logged.

#include <unordered_map>

#include "http/input.h"
#include "http/routes.h"
#include "succession/ranking.h"
#include "succession/trust_snapshot.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;

json SettingsJson(const succession::FormulaSettings& s) {
  return {{"match_weight", s.match_weight},
          {"talent_weight", s.talent_weight},
          {"proximity_weight", s.proximity_weight},
          {"proximity_one_step", s.proximity_one_step},
          {"proximity_two_steps", s.proximity_two_steps},
          {"ready_now_match", s.ready_now_match},
          {"ready_now_performance", s.ready_now_performance},
          {"one_to_two_years_match", s.one_to_two_years_match},
          {"bench_match", s.bench_match}};
}

Result<Response> RankCandidates(Context& ctx) {
  auto& store = ctx.services.store;
  const auto post_id = TRY(PathId<PostTag>(ctx, "post_id"));
  auto post = TRY(store.GetPost(*ctx.trust, post_id));
  auto limit = TRY(QueryInt(ctx, "limit")).value_or(10);
  if (limit < 1 || limit > 500)
    return Fail(ErrorCode::kInvalidInput, "query parameter limit must be from 1 to 500",
                {{"limit", "must be from 1 to 500", std::to_string(limit), {}}});
  if (!post.key)
    return Fail(ErrorCode::kValidationFailed, "Only key posts have succession candidates.",
                {{"post_id", "is not a key post", std::to_string(post_id.value()), {}}});

  const Date today = ctx.services.clock.Today();
  auto snapshot = TRY(succession::BuildTrustSnapshot(store, *ctx.trust, today));
  const auto index = snapshot.PostIndex(post_id);
  if (!index) return Fail(ErrorCode::kNotFound, "Not found.");
  // The trust's own weights and thresholds come with the settings screen; these are the
  // documented defaults.
  const succession::FormulaSettings settings;
  auto ranking = succession::Rank(snapshot, *index, settings, static_cast<size_t>(limit));

  std::unordered_map<CompetencyId, std::string> competency_names;
  auto name_of = [&](CompetencyId id) -> Result<std::string> {
    auto it = competency_names.find(id);
    if (it != competency_names.end()) return it->second;
    auto competency = TRY(store.GetCompetency(*ctx.trust, id));
    return competency_names.emplace(id, competency.name).first->second;
  };
  json candidates = json::array();
  for (const auto& c : ranking.candidates) {
    const auto* person = snapshot.FindPerson(c.person);  // ranked people come from it
    json gaps = json::array();
    for (const auto& g : c.gaps)
      gaps.push_back({{"competency_id", g.competency.value()},
                      {"competency", TRY(name_of(g.competency))},
                      {"required", g.required},
                      {"assessed", g.assessed}});
    candidates.push_back(
        {{"person_id", c.person.value()},
         {"name", person->name},
         {"reference", person->reference},
         {"stage", person->stage ? json(Code(*person->stage)) : json(nullptr)},
         {"score", c.score},
         {"match", c.match},
         {"talent", c.talent},
         {"proximity", c.proximity},
         {"steps", c.steps},
         {"rated", c.rated},
         {"suggested_readiness", Code(c.suggested)},
         {"gaps", std::move(gaps)}});
  }
  json notes = json::array();
  for (auto note : ranking.notes) notes.push_back({{"code", Code(note)}, {"text", Label(note)}});

  TRY(store.Append({.at = ctx.services.clock.Now(),
                    .trust = *ctx.trust,
                    .user = ctx.who().user.id,
                    .actor = ctx.who().user.email,
                    .action = "read",
                    .entity = "succession_candidates",
                    .entity_id = std::to_string(post_id.value()),
                    .remote = ctx.remote}));
  return Response::Json({{"post_id", post_id.value()},
                         {"title", post.title},
                         {"eligible", ranking.eligible},
                         {"notes", std::move(notes)},
                         {"formula", SettingsJson(settings)},
                         {"candidates", std::move(candidates)}});
}

}  // namespace

std::vector<Route> SuccessionRoutes() {
  const std::string t = "/api/v1/trusts/{trust_id}";
  return {
      {"GET", t + "/posts/{post_id}/candidates", Permission::kSuccession,
       "Rank the trust's candidates for a key post", RankCandidates},
  };
}

}  // namespace trellis::http
