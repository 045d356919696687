// Development actions (development/action.h): what a person will do to grow, raised by hand,
// from the 9-box or from a succession plan's gaps. Writes go through development::ActionService;
// reads come from the store.
//
// An action is the person's development record, not confidential succession data in itself;
// but one that serves a succession plan says that the person is named on it. So:
//  - who sees an action: the whole-trust roles (trust admin, executive, platform admin) every
//    one; a headteacher those of the people holding a current post at their schools and of
//    their direct reports; a line manager those of their direct reports; everyone their own
//    and those they own (owner_id). Any other answers 404, as if it did not exist.
//  - its "source" and "plan_id": only callers who read the person's successor status
//    (http/reach.h, Reach for kReadSuccession: the whole trust, or a headteacher's staff less
//    themselves). For anyone else both are null on every action of that person alike, so
//    which of them serve a plan does not show either; the plan_id and source filters match
//    only what the caller sees.
//  - who raises an action and changes it in full (kDevelop): a trust admin (and platform
//    admin) for anyone; a headteacher for their staff and direct reports, not themselves; a
//    line manager for their direct reports. The action's owner may change its status and
//    outcome (403 for any other field); anyone else who sees it, 403.
//  - plan_id must name a plan the caller reads (PlanReach); another is "does not exist in
//    this trust".

#include <algorithm>
#include <unordered_set>

#include "http/action_json.h"
#include "http/input.h"
#include "http/reach.h"
#include "http/routes.h"

namespace trellis::http {
namespace {

using access::Permission;
using development::DevelopmentAction;
using nlohmann::json;

// What the caller may see and do with development actions (the rules above).
struct ActionAccess {
  bool whole_trust = false;      // sees every action
  bool develops_anyone = false;  // raises and changes anyone's
  std::optional<PersonId> self;
  std::unordered_set<PersonId> people;    // whose actions they see, besides their own and owned
  std::unordered_set<PersonId> develops;  // whose actions they raise and change in full
  Reach links;                            // whose "source" and "plan_id" they read

  bool SeesPerson(PersonId person) const {
    return whole_trust || people.contains(person) || self == person;
  }
  bool Owns(const DevelopmentAction& a) const { return self && a.owner == self; }
  bool Sees(const DevelopmentAction& a) const { return SeesPerson(a.person) || Owns(a); }
  bool Develops(PersonId person) const { return develops_anyone || develops.contains(person); }
};

Result<ActionAccess> AccessOf(Context& ctx) {
  const auto& scope = ctx.scope();
  const access::Role role = ctx.who().user.role;
  const bool develops = access::RoleAllows(role, Permission::kDevelop);
  ActionAccess access{.whole_trust = scope.whole_trust,
                      .develops_anyone = scope.whole_trust && develops,
                      .self = scope.self,
                      .links = ReachOf(ctx, Permission::kReadSuccession)};
  if (scope.whole_trust || !scope.self || !develops) return access;
  auto reports = TRY(ctx.services.store.ListLineLinks({.trust = *ctx.trust,
                                                       .manager = *scope.self,
                                                       .current_on = Today(ctx),
                                                       .page = {.limit = kAll}}));
  for (const auto& link : reports.items) access.people.insert(link.report);
  if (role == access::Role::kHeadteacher)
    access.people.insert(scope.staff.begin(), scope.staff.end());
  access.develops = access.people;
  access.develops.erase(*scope.self);
  return access;
}

// The store's order: by due date (none last), then id.
bool ListedBefore(const DevelopmentAction& a, const DevelopmentAction& b) {
  if (a.due_on.has_value() != b.due_on.has_value()) return a.due_on.has_value();
  if (a.due_on && *a.due_on != *b.due_on) return *a.due_on < *b.due_on;
  return a.id < b.id;
}

// The actions a scoped caller sees that match `filter` and, as the caller sees them, `plan`
// and `source`; in the store's order.
Result<std::vector<DevelopmentAction>> ScopedActions(
    Context& ctx, const ActionAccess& access, store::DevelopmentActionFilter filter,
    std::optional<SuccessionPlanId> plan, std::optional<development::ActionSource> source) {
  auto& store = ctx.services.store;
  filter.page = {.limit = kAll};
  std::vector<PersonId> people(access.people.begin(), access.people.end());
  if (access.self) people.push_back(*access.self);
  std::sort(people.begin(), people.end());
  store::DevelopmentActionFilter theirs = filter;
  theirs.only = std::move(people);
  std::vector<DevelopmentAction> found = TRY(store.ListDevelopmentActions(theirs)).items;
  if (access.self && (!filter.owner || filter.owner == access.self)) {
    filter.owner = access.self;
    for (auto& a : TRY(store.ListDevelopmentActions(filter)).items) found.push_back(std::move(a));
  }
  std::sort(found.begin(), found.end(), ListedBefore);
  found.erase(std::unique(found.begin(), found.end(),
                          [](const auto& a, const auto& b) { return a.id == b.id; }),
              found.end());
  std::erase_if(found, [&](const DevelopmentAction& a) {
    const bool links = access.links.Covers(a.person);
    return (plan && (!links || a.plan != plan)) || (source && (!links || a.source != source));
  });
  return found;
}

Result<json> ActionsJson(Context& ctx, const ActionAccess& access,
                         const std::vector<DevelopmentAction>& actions) {
  const Names names = TRY(NamesOf(ctx, PeopleIn(actions)));
  CompetencyNames competencies(ctx);
  json items = json::array();
  for (const auto& a : actions)
    items.push_back(TRY(ActionJson(a, names, competencies, access.links.Covers(a.person))));
  return items;
}

// Showing that an action serves a plan shows that its person is named on it: such reads are
// audit-logged as reads of those plans, in one entry.
Result<void> RecordPlanLinksRead(Context& ctx, const ActionAccess& access,
                                 const std::vector<DevelopmentAction>& actions) {
  std::vector<int64_t> plans;
  for (const auto& a : actions)
    if (a.plan && access.links.Covers(a.person)) plans.push_back(a.plan->value());
  if (plans.empty()) return Ok();
  std::sort(plans.begin(), plans.end());
  plans.erase(std::unique(plans.begin(), plans.end()), plans.end());
  std::string what = "development actions of plans";
  for (size_t i = 0; i < plans.size(); ++i)
    what += (i == 0 ? " " : ", ") + std::to_string(plans[i]);
  return ctx.services.plans.RecordPlansRead(*ctx.trust, what, ctx.who().actor);
}

Result<Response> ListActions(Context& ctx) {
  const auto page = TRY(QueryPage(ctx));
  const auto plan = TRY(QueryId<SuccessionPlanTag>(ctx, "plan_id"));
  const auto source = TRY(QueryEnum<development::ActionSource>(ctx, "source"));
  store::DevelopmentActionFilter filter{
      .trust = *ctx.trust,
      .person = TRY(QueryId<PersonTag>(ctx, "person_id")),
      .owner = TRY(QueryId<PersonTag>(ctx, "owner_id")),
      .status = TRY(QueryEnum<development::ActionStatus>(ctx, "status")),
  };
  const ActionAccess access = TRY(AccessOf(ctx));
  store::Listing<DevelopmentAction> listing;
  if (access.whole_trust) {
    filter.plan = plan;
    filter.source = source;
    filter.page = page;
    listing = TRY(ctx.services.store.ListDevelopmentActions(filter));
  } else {
    listing = PageInMemory(TRY(ScopedActions(ctx, access, filter, plan, source)), page);
  }
  json items = TRY(ActionsJson(ctx, access, listing.items));
  TRY(RecordPlanLinksRead(ctx, access, listing.items));
  return Response::Json(Page(listing, page, std::move(items)));
}

Result<DevelopmentAction> PathAction(Context& ctx, const ActionAccess& access) {
  DevelopmentAction action = TRY(ctx.services.store.GetDevelopmentAction(
      *ctx.trust, TRY(PathId<DevelopmentActionTag>(ctx, "action_id"))));
  if (!access.Sees(action)) TRY(NotInScope());
  return action;
}

Result<Response> GetAction(Context& ctx) {
  const ActionAccess access = TRY(AccessOf(ctx));
  const DevelopmentAction action = TRY(PathAction(ctx, access));
  json item = TRY(ActionsJson(ctx, access, {action}))[0];
  TRY(RecordPlanLinksRead(ctx, access, {action}));
  return Response::Json(item);
}

// The fields of an action a request may send (whose it is, where it came from and when it was
// raised are read too: the service refuses a change to them).
void ReadActionFields(FieldReader& r, DevelopmentAction& a) {
  r.Ref("person_id", a.person, true);
  r.Enum("kind", a.kind);
  r.Text("title", a.title, true);
  r.Text("description", a.description);
  r.Enum("source", a.source);
  r.OptionalRef("gap_competency_id", a.gap);
  r.OptionalRef("plan_id", a.plan);
  r.OptionalRef("owner_id", a.owner);
  r.OptionalDay("due_on", a.due_on);
  r.Enum("status", a.status);
  r.Text("outcome", a.outcome);
  r.Day("raised_on", a.raised_on);
}

// What a caller who does not read the person's successor status cannot see, they do not send
// either (were a change of source refused or not, it would tell what the source is).
void NoteHiddenFields(const ActionAccess& access, const json& body, PersonId person,
                      std::vector<Problem>& problems) {
  if (access.links.Covers(person)) return;
  for (const char* field : {"source", "plan_id"})
    if (body.contains(field))
      problems.push_back(
          {field, "is kept by those who read the person's succession plans", "", {}});
}

// A plan an action is linked to must be one the caller reads; another answers as one that
// does not exist.
Result<void> NoteUnreadablePlan(Context& ctx, SuccessionPlanId id, std::vector<Problem>& problems) {
  auto& store = ctx.services.store;
  const auto plan = store.GetSuccessionPlan(*ctx.trust, id);
  TRY(org::NoteMissing(problems, "plan_id", id.value(), plan));
  if (plan && !PlanReachOf(ctx).Covers(TRY(store.GetPost(*ctx.trust, plan->post))))
    problems.push_back({"plan_id", "does not exist in this trust", std::to_string(id.value()), {}});
  return Ok();
}

Result<Response> RaiseAction(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  DevelopmentAction action;
  ReadActionFields(reader, action);
  const ActionAccess access = TRY(AccessOf(ctx));
  // Someone outside the caller's scope answers as someone who does not exist; someone in it
  // but not theirs to develop, 403 below.
  if (action.person.valid() && !ctx.scope().Sees(action.person)) TRY(NotInScope());
  std::vector<Problem> problems;
  if (action.person.valid()) NoteHiddenFields(access, body, action.person, problems);
  if (action.plan) TRY(NoteUnreadablePlan(ctx, *action.plan, problems));
  TRY(reader.Finish(std::move(problems)));
  if (!access.Develops(action.person))
    return Fail(ErrorCode::kForbidden, "You may not raise development actions for this person.");
  const auto stored = TRY(ctx.services.actions.Raise(*ctx.trust, action, ctx.who().actor));
  return Response::Json(TRY(ActionsJson(ctx, access, {stored}))[0], 201);
}

// Only the fields sent change, read first onto the stored action so that one answer lists
// every problem, then again inside the service's transaction onto the action as it then is.
Result<Response> ChangeAction(Context& ctx) {
  const ActionAccess access = TRY(AccessOf(ctx));
  const DevelopmentAction stored = TRY(PathAction(ctx, access));
  auto body = TRY(ParseObject(ctx));
  auto read = [&body](DevelopmentAction& a) -> Result<void> {
    FieldReader reader(body, FieldReader::Mode::kUpdate);
    ReadActionFields(reader, a);
    return reader.Finish();
  };
  DevelopmentAction checked = stored;
  TRY(read(checked));
  std::vector<Problem> problems;
  NoteHiddenFields(access, body, stored.person, problems);
  if (checked.plan && checked.plan != stored.plan)
    TRY(NoteUnreadablePlan(ctx, *checked.plan, problems));
  if (!problems.empty()) return Refuse(std::move(problems));
  if (!access.Develops(stored.person)) {
    if (!access.Owns(stored))
      return Fail(ErrorCode::kForbidden, "You may not change this development action.");
    for (const auto& [field, value] : body.items())
      if (field != "status" && field != "outcome")
        return Fail(ErrorCode::kForbidden,
                    "As its owner you may change a development action's status and outcome "
                    "only.",
                    {{field, "may be changed only by those who develop the person", "", {}}});
  }
  const auto changed =
      TRY(ctx.services.actions.Change(*ctx.trust, stored.id, read, ctx.who().actor));
  return Response::Json(TRY(ActionsJson(ctx, access, {changed}))[0]);
}

}  // namespace

std::vector<Route> DevelopmentRoutes() {
  const std::string a = "/api/v1/trusts/{trust_id}/development-actions";
  return {
      {"GET", a, Permission::kReadPeople, "List the development actions you see", ListActions},
      {"POST", a, Permission::kDevelop, "Raise a development action", RaiseAction},
      {"GET", a + "/{action_id}", Permission::kReadPeople, "Get a development action", GetAction},
      {"PATCH", a + "/{action_id}", Permission::kReadPeople,
       "Change a development action (its owner: status and outcome)", ChangeAction},
  };
}

}  // namespace trellis::http
