// Routes for competency frameworks, role profiles and assessments. Frameworks and role
// profiles are the trust's reference data (any signed-in user of the trust reads them);
// assessments follow the assessed person's scope, and are written through
// talent::TalentService.

#include <algorithm>
#include <unordered_set>

#include "core/json.h"
#include "http/input.h"
#include "http/routes.h"
#include "talent/json.h"
#include "talent/validation.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;
using talent::Assessment;
using talent::RoleProfile;

// True for the roles that administer the trust's records (and may therefore say who
// assessed, rather than be recorded as the assessor themselves).
bool Administers(const Context& ctx) {
  return access::RoleAllows(ctx.who().user.role, Permission::kWriteOrg);
}

// ---- Frameworks ----

Result<Response> ListFrameworks(Context& ctx) {
  auto frameworks = TRY(ctx.services.store.ListFrameworks(*ctx.trust));
  json items = json::array();
  for (const auto& f : frameworks) items.push_back(talent::ToJson(f));
  return Response::Json(WholeList(std::move(items)));
}

Result<Response> GetFramework(Context& ctx) {
  auto id = TRY(PathId<FrameworkTag>(ctx, "framework_id"));
  return Response::Json(talent::ToJson(TRY(ctx.services.store.GetFrameworkContent(*ctx.trust, id))));
}

// ---- Role profiles ----

// Requirements are replaced as a whole when given.
void ReadRequirements(FieldReader& reader, const json& body, RoleProfile& p,
                      std::vector<Problem>& problems) {
  reader.Text("name", p.name);
  reader.OptionalRef("post_id", p.post);
  reader.OptionalEnum("stage", p.stage);
  // FieldReader knows scalar fields only; the list is read here, and "requirements" is
  // marked as seen by reading it through a scratch field.
  auto it = body.find("requirements");
  if (it == body.end()) return;
  if (!it->is_array()) {
    problems.push_back({"requirements", "must be a list of {competency_id, level, weight}", "", {}});
    return;
  }
  p.requirements.clear();
  for (size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    const std::string at = "requirements[" + std::to_string(i) + "]";
    talent::Requirement q;
    if (!item.is_object()) {
      problems.push_back({at, "must be an object {competency_id, level, weight}", "", {}});
      continue;
    }
    for (const auto& [key, value] : item.items())
      if (key != "competency_id" && key != "level" && key != "weight")
        problems.push_back({at + "." + key, "is not a field of a requirement", "", {}});
    auto id = item.find("competency_id");
    if (id == item.end() || !id->is_number_integer())
      problems.push_back({at + ".competency_id", "is required and must be a whole number", "", {}});
    else
      q.competency = CompetencyId(id->get<int64_t>());
    auto level = item.find("level");
    if (level == item.end() || !level->is_number_integer() || level->get<int64_t>() < 1 ||
        level->get<int64_t>() > 4)
      problems.push_back({at + ".level", "is required and must be a whole number from 1 to 4",
                          level == item.end() ? "" : level->dump(), {}});
    else
      q.level = static_cast<int>(level->get<int64_t>());
    auto weight = item.find("weight");
    if (weight != item.end()) {
      if (!weight->is_number())
        problems.push_back({at + ".weight", "must be a number", weight->dump(), {}});
      else
        q.weight = weight->get<double>();
    }
    p.requirements.push_back(q);
  }
}

// The body without "requirements", for FieldReader (which refuses fields it is not told of).
json WithoutRequirements(json body) {
  body.erase("requirements");
  return body;
}

Result<Response> ListRoleProfiles(Context& ctx) {
  auto page = TRY(QueryPage(ctx));
  auto listing = TRY(ctx.services.store.ListRoleProfiles(
      {.trust = *ctx.trust,
       .post = TRY(QueryId<PostTag>(ctx, "post_id")),
       .stage = TRY(QueryEnum<org::CareerStage>(ctx, "stage")),
       .page = page}));
  json items = json::array();
  for (const auto& p : listing.items) items.push_back(talent::ToJson(p));
  return Response::Json(Page(listing, page, items));
}

Result<Response> CreateRoleProfile(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  const json rest = WithoutRequirements(body);
  FieldReader reader(rest, FieldReader::Mode::kCreate);
  RoleProfile profile;
  std::vector<Problem> problems;
  ReadRequirements(reader, body, profile, problems);
  // The list's problems first, then the record's rules (Finish reports each field once).
  for (auto& p : talent::Check(profile)) problems.push_back(std::move(p));
  TRY(reader.Finish(std::move(problems)));
  auto stored = TRY(ctx.services.talent.Create(*ctx.trust, std::move(profile), ctx.who().actor));
  return Response::Json(talent::ToJson(stored), 201);
}

Result<Response> GetRoleProfile(Context& ctx) {
  auto id = TRY(PathId<RoleProfileTag>(ctx, "profile_id"));
  return Response::Json(talent::ToJson(TRY(ctx.services.store.GetRoleProfile(*ctx.trust, id))));
}

Result<Response> UpdateRoleProfile(Context& ctx) {
  auto id = TRY(PathId<RoleProfileTag>(ctx, "profile_id"));
  auto body = TRY(ParseObject(ctx));
  const json rest = WithoutRequirements(body);
  auto edit = [&](RoleProfile& profile) -> Result<void> {
    FieldReader reader(rest, FieldReader::Mode::kUpdate);
    std::vector<Problem> problems;
    ReadRequirements(reader, body, profile, problems);
    for (auto& p : talent::Check(profile)) problems.push_back(std::move(p));
    return reader.Finish(std::move(problems));
  };
  return Response::Json(
      talent::ToJson(TRY(ctx.services.talent.Update(*ctx.trust, id, edit, ctx.who().actor))));
}

// The post's effective profile, saying where it comes from. A post outside the caller's
// scope answers 404, as GET /posts/{post_id} does.
Result<Response> GetPostProfile(Context& ctx) {
  auto& store = ctx.services.store;
  auto post = TRY(store.GetPost(*ctx.trust, TRY(PathId<PostTag>(ctx, "post_id"))));
  if (!ctx.scope().Sees(post.id)) TRY(NotInScope());
  auto effective = TRY(talent::EffectiveProfile(store, *ctx.trust, post.id));
  json out = {
      {"post_id", post.id.value()}, {"post_title", post.title}, {"stage", OrNull(post.stage)}};
  if (!effective) {
    out["source"] = nullptr;
    out["profile"] = nullptr;
  } else {
    out["source"] = Code(effective->source);
    out["profile"] = talent::ToJson(effective->profile);
  }
  return Response::Json(out);
}

// ---- Assessments ----

void Read(FieldReader& r, Assessment& a) {
  r.Ref("person_id", a.person, true);
  r.Ref("competency_id", a.competency, true);
  int64_t level = a.level;
  r.Int("level", level, true);
  a.level = Narrow(level);
  r.OptionalRef("assessor_id", a.assessor);
  r.Text("assessor_name", a.assessor_name);
  r.Day("assessed_on", a.assessed_on, true);
  r.Text("evidence", a.evidence);
}

// The caller's own current line managers: a scoped role sees who they are, but neither
// reads nor writes their assessments.
Result<std::unordered_set<PersonId>> OwnManagers(Context& ctx) {
  std::unordered_set<PersonId> managers;
  const auto& scope = ctx.scope();
  if (scope.whole_trust || !scope.self) return managers;
  auto links = TRY(ctx.services.store.ListLineLinks({.trust = *ctx.trust,
                                                     .report = *scope.self,
                                                     .current_on = ctx.services.clock.Today(),
                                                     .page = {.limit = kAll}}));
  for (const auto& link : links.items) managers.insert(link.manager);
  return managers;
}

// Whose assessments the caller sees: the people of their scope, less their own managers.
Result<bool> ShowsAssessmentsOf(Context& ctx, PersonId person) {
  if (!ctx.scope().Sees(person)) return false;
  return !TRY(OwnManagers(ctx)).contains(person);
}

Result<std::vector<PersonId>> PeopleWhoseAssessmentsShow(Context& ctx) {
  const auto managers = TRY(OwnManagers(ctx));
  std::vector<PersonId> people;
  for (PersonId p : ctx.scope().people)
    if (!managers.contains(p)) people.push_back(p);
  std::sort(people.begin(), people.end());
  return people;
}

// Who may assess `person`: someone whose assessments the caller sees, never the caller
// themselves (403: no self-assessment through this route), otherwise 404 as if absent.
Result<void> MayAssess(Context& ctx, PersonId person) {
  if (ctx.scope().self && *ctx.scope().self == person)
    return Fail(ErrorCode::kForbidden, "You cannot assess yourself.");
  if (!TRY(ShowsAssessmentsOf(ctx, person))) return NotInScope();
  return Ok();
}

Result<Response> ListAssessments(Context& ctx) {
  auto page = TRY(QueryPage(ctx));
  store::AssessmentFilter filter{.trust = *ctx.trust,
                                 .person = TRY(QueryId<PersonTag>(ctx, "person_id")),
                                 .competency = TRY(QueryId<CompetencyTag>(ctx, "competency_id")),
                                 .latest_only = TRY(QueryBool(ctx, "latest")).value_or(false),
                                 .page = page};
  if (!ctx.scope().whole_trust) filter.only = TRY(PeopleWhoseAssessmentsShow(ctx));
  auto listing = TRY(ctx.services.store.ListAssessments(filter));
  json items = json::array();
  for (const auto& a : listing.items) items.push_back(talent::ToJson(a));
  return Response::Json(Page(listing, page, items));
}

Result<Response> GetAssessment(Context& ctx) {
  auto id = TRY(PathId<AssessmentTag>(ctx, "assessment_id"));
  auto assessment = TRY(ctx.services.store.GetAssessment(*ctx.trust, id));
  if (!TRY(ShowsAssessmentsOf(ctx, assessment.person))) TRY(NotInScope());
  return Response::Json(talent::ToJson(assessment));
}

Result<Response> CreateAssessment(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  Assessment assessment;
  Read(reader, assessment);
  // Unless an administrator says otherwise, the caller is the assessor.
  const auto& who = ctx.who();
  if (!Administers(ctx) || !assessment.assessor) assessment.assessor = who.user.person;
  if (!Administers(ctx) || assessment.assessor_name.empty())
    assessment.assessor_name = who.user.display_name.empty() ? who.user.email : who.user.display_name;
  if (assessment.person.valid()) TRY(MayAssess(ctx, assessment.person));
  TRY(reader.Finish(talent::Check(assessment)));
  auto stored = TRY(ctx.services.talent.Create(*ctx.trust, std::move(assessment), who.actor));
  return Response::Json(talent::ToJson(stored), 201);
}

Result<Response> UpdateAssessment(Context& ctx) {
  auto id = TRY(PathId<AssessmentTag>(ctx, "assessment_id"));
  auto body = TRY(ParseObject(ctx));
  auto edit = [&](Assessment& assessment) -> Result<void> {
    FieldReader reader(body, FieldReader::Mode::kUpdate);
    Read(reader, assessment);
    return reader.Finish(talent::Check(assessment));
  };
  return Response::Json(
      talent::ToJson(TRY(ctx.services.talent.Update(*ctx.trust, id, edit, ctx.who().actor))));
}

}  // namespace

std::vector<Route> TalentRoutes() {
  const std::string t = "/api/v1/trusts/{trust_id}";
  return {
      {"GET", t + "/frameworks", Permission::kReadTrust, "List competency frameworks", ListFrameworks},
      {"GET", t + "/frameworks/{framework_id}", Permission::kReadTrust, "Get a framework with its areas and competencies", GetFramework},
      {"GET", t + "/role-profiles", Permission::kReadTrust, "List role profiles", ListRoleProfiles},
      {"POST", t + "/role-profiles", Permission::kWriteOrg, "Add a role profile", CreateRoleProfile},
      {"GET", t + "/role-profiles/{profile_id}", Permission::kReadTrust, "Get a role profile", GetRoleProfile},
      {"PATCH", t + "/role-profiles/{profile_id}", Permission::kWriteOrg, "Change a role profile", UpdateRoleProfile},
      {"GET", t + "/posts/{post_id}/profile", Permission::kReadPeople, "The role profile that applies to a post", GetPostProfile},
      {"GET", t + "/assessments", Permission::kReadPeople, "List competency assessments", ListAssessments},
      {"POST", t + "/assessments", Permission::kAssess, "Record a competency assessment", CreateAssessment},
      {"GET", t + "/assessments/{assessment_id}", Permission::kReadPeople, "Get a competency assessment", GetAssessment},
      {"PATCH", t + "/assessments/{assessment_id}", Permission::kWriteOrg, "Change a competency assessment", UpdateAssessment},
  };
}

}  // namespace trellis::http
