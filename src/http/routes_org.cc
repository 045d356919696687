// Routes for the trust's organisation: trusts, schools, governance bodies and memberships,
// people, posts, holdings and line management. Reads are filtered by the caller's scope;
// writes go through org::OrgService.

#include <unordered_map>

#include "http/input.h"
#include "http/names.h"
#include "http/routes.h"
#include "org/json.h"
#include "org/validation.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;
using org::Body;
using org::Holding;
using org::LineLink;
using org::Membership;
using org::Person;
using org::Post;
using org::School;

template <typename Tag>
std::vector<Id<Tag>> Sorted(const std::unordered_set<Id<Tag>>& ids) {
  std::vector<Id<Tag>> out(ids.begin(), ids.end());
  std::sort(out.begin(), out.end());
  return out;
}

// ---- Reading records from request bodies ----

void Read(FieldReader& r, School& s) {
  r.Int("urn", s.urn, true);
  r.Text("name", s.name, true);
  r.Text("phase", s.phase);
  r.Text("type", s.type);
  r.Text("status", s.status);
  r.Text("local_authority", s.local_authority);
  r.Text("region", s.region);
  r.OptionalInt("pupils", s.pupils);
  r.Text("postcode", s.postcode);
  r.OptionalInt("easting", s.easting);
  r.OptionalInt("northing", s.northing);
}

void Read(FieldReader& r, Body& b) {
  r.Enum("kind", b.kind, true);
  r.Text("name", b.name, true);
  r.OptionalRef("school_id", b.school);
  r.OptionalRef("parent_id", b.parent);
}

void Read(FieldReader& r, Person& p) {
  r.Text("reference", p.reference, true);
  r.Text("given_name", p.given_name, true);
  r.Text("family_name", p.family_name, true);
  r.Text("email", p.email);
  r.OptionalEnum("stage", p.stage);
  r.OptionalDay("joined_trust", p.joined_trust);
  r.OptionalDay("left_trust", p.left_trust);
}

void Read(FieldReader& r, Post& p) {
  r.Text("reference", p.reference, true);
  r.Text("title", p.title, true);
  r.OptionalRef("school_id", p.school);
  r.OptionalRef("body_id", p.body);
  r.Enum("family", p.family, true);
  r.OptionalEnum("stage", p.stage);
  r.Text("workforce_census_role", p.workforce_census_role);
  r.Number("fte", p.fte);
  r.Flag("key", p.key);
}

void Read(FieldReader& r, Holding& h) {
  r.Ref("post_id", h.post, true);
  r.Ref("person_id", h.person, true);
  r.Day("start", h.start, true);
  r.OptionalDay("end", h.end);
  r.Enum("contract", h.contract);
  r.Number("fte", h.fte);
}

void Read(FieldReader& r, Membership& m) {
  r.Ref("body_id", m.body, true);
  r.Ref("person_id", m.person, true);
  r.Enum("role", m.role, true);
  r.Day("term_start", m.term_start, true);
  r.OptionalDay("term_end", m.term_end);
}

void Read(FieldReader& r, LineLink& l) {
  r.Ref("manager_id", l.manager, true);
  r.Ref("report_id", l.report, true);
  r.Day("start", l.start, true);
  r.OptionalDay("end", l.end);
}

// POST: a new record from the body.
template <typename T>
Result<Response> CreateFrom(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  T record;
  Read(reader, record);
  TRY(reader.Finish(org::Check(record)));
  auto stored = TRY(ctx.services.org.Create(*ctx.trust, std::move(record), ctx.who().actor));
  return Response::Json(org::ToJson(stored), 201);
}

// PATCH: the stored record with the body's fields changed, read and written in one
// transaction by the service.
template <typename T, typename IdT>
Result<Response> UpdateFrom(Context& ctx, IdT id) {
  auto body = TRY(ParseObject(ctx));
  auto edit = [&](T& record) -> Result<void> {
    FieldReader reader(body, FieldReader::Mode::kUpdate);
    Read(reader, record);
    return reader.Finish(org::Check(record));
  };
  auto stored = TRY(ctx.services.org.Update(*ctx.trust, id, edit, ctx.who().actor));
  return Response::Json(org::ToJson(stored));
}

// What a scoped role may see of records that link two things: both ends (a holding, a line
// management link), or the body (a membership; one's own memberships are always visible).
bool Visible(const access::Scope& scope, const Membership& m) {
  return scope.Sees(m.body) || m.person == scope.self;
}
bool Visible(const access::Scope& scope, const Holding& h) {
  return scope.Sees(h.post) && scope.Sees(h.person);
}
bool Visible(const access::Scope& scope, const LineLink& l) {
  return scope.Sees(l.manager) && scope.Sees(l.report);
}


// ---- Trusts ----

Result<Response> ListTrusts(Context& ctx) {
  json items = json::array();
  if (ctx.scope().AllTrusts()) {
    for (const auto& t : TRY(ctx.services.store.ListTrusts())) items.push_back(org::ToJson(t));
  } else {
    items.push_back(org::ToJson(TRY(ctx.services.store.GetTrust(*ctx.scope().trust))));
  }
  return Response::Json(WholeList(std::move(items)));
}

Result<Response> CreateTrust(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  org::Trust trust;
  reader.Text("name", trust.name, true);
  reader.Text("reference", trust.reference);
  TRY(reader.Finish());
  return Response::Json(org::ToJson(TRY(ctx.services.org.Create(trust, ctx.who().actor))), 201);
}

Result<Response> GetTrust(Context& ctx) {
  return Response::Json(org::ToJson(TRY(ctx.services.store.GetTrust(*ctx.trust))));
}

Result<Response> UpdateTrust(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  auto edit = [&](org::Trust& trust) -> Result<void> {
    FieldReader reader(body, FieldReader::Mode::kUpdate);
    reader.Text("name", trust.name, true);
    reader.Text("reference", trust.reference);
    return reader.Finish(org::Check(trust));
  };
  return Response::Json(org::ToJson(TRY(ctx.services.org.Update(*ctx.trust, edit, ctx.who().actor))));
}

json HeadcountJson(const std::vector<store::HeadcountCell>& cells) {
  json out = json::array();
  for (const auto& c : cells)
    out.push_back({{"stage", c.stage ? json(Code(*c.stage)) : json(nullptr)},
                   {"family", c.family ? json(Code(*c.family)) : json(nullptr)},
                   {"people", c.people}});
  return out;
}

int64_t Total(const std::vector<store::HeadcountCell>& cells) {
  int64_t n = 0;
  for (const auto& c : cells) n += c.people;
  return n;
}

Result<Response> Overview(Context& ctx) {
  auto& store = ctx.services.store;
  const auto& scope = ctx.scope();
  const Date today = Today(ctx);
  auto trust = TRY(store.GetTrust(*ctx.trust));
  auto schools = TRY(store.ListSchools({.trust = *ctx.trust, .page = {.limit = kAll}}));
  std::optional<std::vector<SchoolId>> limit_to;
  std::string scope_name = "trust";
  if (!scope.whole_trust) {
    limit_to = Sorted(scope.schools);
    scope_name = scope.schools.empty() ? "self" : "schools";
  }
  json school_items = json::array();
  for (const auto& s : schools.items) {
    json item = org::ToJson(s);
    if (scope.SeesSchoolInFull(s.id))
      item["headcount"] = Total(TRY(store.Headcount(*ctx.trust, std::vector{s.id}, today)));
    else
      item["headcount"] = nullptr;
    school_items.push_back(std::move(item));
  }
  json body = {{"trust", org::ToJson(trust)}, {"schools", school_items}, {"scope", scope_name}};
  if (scope_name == "self") {
    body["headcount"] = json::array();
    body["key_posts"] = nullptr;
  } else {
    body["headcount"] = HeadcountJson(TRY(store.Headcount(*ctx.trust, limit_to, today)));
    auto key = TRY(store.CountKeyPosts(*ctx.trust, limit_to, today));
    body["key_posts"] = {{"key_posts", key.key_posts}, {"held", key.held}, {"vacant", key.vacant}};
  }
  return Response::Json(body);
}

// ---- Schools ----

Result<Response> ListSchools(Context& ctx) {
  auto page = TRY(QueryPage(ctx));
  auto listing = TRY(ctx.services.store.ListSchools({.trust = *ctx.trust,
                                                     .search = QueryText(ctx, "search"),
                                                     .phase = QueryText(ctx, "phase"),
                                                     .page = page}));
  json items = json::array();
  for (const auto& s : listing.items) items.push_back(org::ToJson(s));
  return Response::Json(Page(listing, page, items));
}

Result<Response> GetSchool(Context& ctx) {
  auto& store = ctx.services.store;
  auto school = TRY(store.GetSchool(*ctx.trust, TRY(PathId<SchoolTag>(ctx, "school_id"))));
  json body = org::ToJson(school);
  auto lgbs = TRY(store.ListBodies({.trust = *ctx.trust,
                                    .kind = org::BodyKind::kLocalGoverningBody,
                                    .school = school.id}));
  body["local_governing_body_id"] =
      lgbs.items.empty() ? json(nullptr) : json(lgbs.items.front().id.value());
  body["in_scope"] = ctx.scope().SeesSchoolInFull(school.id);
  if (ctx.scope().SeesSchoolInFull(school.id)) {
    auto key = TRY(store.CountKeyPosts(*ctx.trust, std::vector{school.id}, Today(ctx)));
    body["key_posts"] = {{"key_posts", key.key_posts}, {"held", key.held}, {"vacant", key.vacant}};
    body["headcount"] = Total(TRY(store.Headcount(*ctx.trust, std::vector{school.id}, Today(ctx))));
  }
  return Response::Json(body);
}

Result<Response> UpdateSchool(Context& ctx) {
  auto id = TRY(PathId<SchoolTag>(ctx, "school_id"));
  return UpdateFrom<School>(ctx, id);
}

// ---- Bodies and memberships ----

Result<Response> ListBodies(Context& ctx) {
  auto page = TRY(QueryPage(ctx));
  store::BodyFilter filter{.trust = *ctx.trust,
                           .kind = TRY(QueryEnum<org::BodyKind>(ctx, "kind")),
                           .school = TRY(QueryId<SchoolTag>(ctx, "school_id")),
                           .page = page};
  if (!ctx.scope().whole_trust) filter.only = Sorted(ctx.scope().bodies);
  auto listing = TRY(ctx.services.store.ListBodies(filter));
  json items = json::array();
  for (const auto& b : listing.items) items.push_back(org::ToJson(b));
  return Response::Json(Page(listing, page, items));
}

Result<Response> GetBody(Context& ctx) {
  auto& store = ctx.services.store;
  auto body = TRY(store.GetBody(*ctx.trust, TRY(PathId<BodyTag>(ctx, "body_id"))));
  if (!ctx.scope().Sees(body.id)) TRY(NotInScope());
  json out = org::ToJson(body);
  json members = json::array();
  auto list = TRY(store.ListMemberships(
      {.trust = *ctx.trust, .body = body.id, .current_on = Today(ctx), .page = {.limit = kAll}}));
  for (const auto& m : list.items) {
    if (!Visible(ctx.scope(), m)) continue;
    json item = org::ToJson(m);
    item["person_name"] = FullName(TRY(store.GetPerson(*ctx.trust, m.person)));
    members.push_back(std::move(item));
  }
  out["members"] = std::move(members);
  return Response::Json(out);
}

Result<Response> UpdateBody(Context& ctx) {
  auto id = TRY(PathId<BodyTag>(ctx, "body_id"));
  return UpdateFrom<Body>(ctx, id);
}

// Lists filtered by a visibility rule: straight from the store for the whole trust;
// otherwise everything matching, filtered, then paged here.
template <typename T, typename Filter, typename ListFn>
Result<Response> ScopedList(Context& ctx, Filter filter, ListFn list) {
  auto page = TRY(QueryPage(ctx));
  store::Listing<T> listing;
  if (ctx.scope().whole_trust) {
    filter.page = page;
    listing = TRY(list(filter));
  } else {
    filter.page = {.limit = kAll};
    auto all = TRY(list(filter));
    std::vector<T> visible;
    for (auto& item : all.items)
      if (Visible(ctx.scope(), item)) visible.push_back(std::move(item));
    listing = PageInMemory(std::move(visible), page);
  }
  json items = json::array();
  for (const auto& item : listing.items) items.push_back(org::ToJson(item));
  return Response::Json(Page(listing, page, items));
}

Result<std::optional<Date>> CurrentOn(Context& ctx) {
  auto current = TRY(QueryBool(ctx, "current"));
  return current.value_or(false) ? std::optional<Date>(Today(ctx)) : std::nullopt;
}

Result<Response> ListMemberships(Context& ctx) {
  store::MembershipFilter filter{.trust = *ctx.trust,
                                 .body = TRY(QueryId<BodyTag>(ctx, "body_id")),
                                 .person = TRY(QueryId<PersonTag>(ctx, "person_id")),
                                 .current_on = TRY(CurrentOn(ctx))};
  return ScopedList<Membership>(ctx, filter, [&](const auto& f) {
    return ctx.services.store.ListMemberships(f);
  });
}

template <typename T>
Result<Response> GetVisible(Context& ctx, Result<T> found) {
  auto record = TRY(std::move(found));
  if (!Visible(ctx.scope(), record)) TRY(NotInScope());
  return Response::Json(org::ToJson(record));
}

Result<Response> GetMembership(Context& ctx) {
  auto id = TRY(PathId<MembershipTag>(ctx, "membership_id"));
  return GetVisible(ctx, ctx.services.store.GetMembership(*ctx.trust, id));
}

Result<Response> UpdateMembership(Context& ctx) {
  auto id = TRY(PathId<MembershipTag>(ctx, "membership_id"));
  return UpdateFrom<Membership>(ctx, id);
}

// ---- People ----

// The posts each of `people` holds today, as the people list and a person's page show them;
// in a fixed number of reads whatever the number of people (a page of the list is 50 people,
// and under load every read waits its turn for one of the store's connections).
Result<std::unordered_map<PersonId, json>> CurrentPosts(
    Context& ctx, const std::vector<PersonId>& people,
    const std::unordered_map<SchoolId, std::string>& school_names) {
  auto& store = ctx.services.store;
  std::unordered_map<PersonId, json> posts_of;
  for (PersonId person : people) posts_of[person] = json::array();
  if (people.empty()) return posts_of;
  auto holdings = TRY(store.ListHoldings(
      {.trust = *ctx.trust, .people = people, .current_on = Today(ctx), .page = {.limit = kAll}}));
  std::erase_if(holdings.items, [&](const org::Holding& h) { return !Visible(ctx.scope(), h); });
  if (holdings.items.empty()) return posts_of;
  std::vector<PostId> post_ids;
  for (const auto& h : holdings.items) post_ids.push_back(h.post);
  std::unordered_map<PostId, org::Post> posts;
  auto listed = TRY(store.ListPosts({.trust = *ctx.trust, .only = post_ids, .page = {.limit = kAll}}));
  for (auto& post : listed.items) posts.emplace(post.id, std::move(post));
  for (const auto& h : holdings.items) {
    const auto found = posts.find(h.post);
    if (found == posts.end()) return Fail(ErrorCode::kNotFound, "Not found.");
    const org::Post& post = found->second;
    json school_name = nullptr;
    if (post.school) {
      auto it = school_names.find(*post.school);
      if (it != school_names.end()) school_name = it->second;
    }
    json school_id = post.school ? json(post.school->value()) : json(nullptr);
    posts_of[h.person].push_back({{"post_id", post.id.value()},
                                  {"holding_id", h.id.value()},
                                  {"title", post.title},
                                  {"school_id", std::move(school_id)},
                                  {"school_name", school_name},
                                  {"family", Code(post.family)},
                                  {"key", post.key},
                                  {"start", h.start.ToIso()},
                                  {"fte", h.fte}});
  }
  return posts_of;
}

Result<Response> ListPeople(Context& ctx) {
  auto page = TRY(QueryPage(ctx));
  // Each TRY before the filter: a TRY that returns from inside a braced initializer leaves
  // the members already built (the search text) undestroyed under clang (a leak ASan found).
  const auto school = TRY(QueryId<SchoolTag>(ctx, "school_id"));
  const auto stage = TRY(QueryEnum<org::CareerStage>(ctx, "stage"));
  const auto family = TRY(QueryEnum<org::RoleFamily>(ctx, "family"));
  const bool include_leavers = TRY(QueryBool(ctx, "include_leavers")).value_or(false);
  store::PersonFilter filter{.trust = *ctx.trust,
                             .search = QueryText(ctx, "search"),
                             .school = school,
                             .stage = stage,
                             .family = family,
                             .include_leavers = include_leavers,
                             .today = Today(ctx),
                             .page = page};
  if (!ctx.scope().whole_trust) filter.only = Sorted(ctx.scope().people);
  auto listing = TRY(ctx.services.store.ListPeople(filter));
  std::vector<PersonId> listed;
  for (const auto& p : listing.items) listed.push_back(p.id);
  const auto names = TRY(SchoolNames(ctx));
  auto posts_of = TRY(CurrentPosts(ctx, listed, names));
  json items = json::array();
  for (const auto& p : listing.items) {
    json item = org::ToJson(p);
    item["posts"] = std::move(posts_of[p.id]);
    items.push_back(std::move(item));
  }
  return Response::Json(Page(listing, page, items));
}

Result<Response> GetPerson(Context& ctx) {
  auto& store = ctx.services.store;
  auto person = TRY(store.GetPerson(*ctx.trust, TRY(PathId<PersonTag>(ctx, "person_id"))));
  if (!ctx.scope().Sees(person.id)) TRY(NotInScope());
  const Date today = Today(ctx);
  json out = org::ToJson(person);
  const auto names = TRY(SchoolNames(ctx));
  auto posts_of = TRY(CurrentPosts(ctx, std::vector{person.id}, names));
  out["posts"] = std::move(posts_of[person.id]);
  json memberships = json::array();
  auto list = TRY(store.ListMemberships(
      {.trust = *ctx.trust, .person = person.id, .current_on = today, .page = {.limit = kAll}}));
  for (const auto& m : list.items) {
    if (!Visible(ctx.scope(), m)) continue;
    json item = org::ToJson(m);
    item["body_name"] = TRY(store.GetBody(*ctx.trust, m.body)).name;
    memberships.push_back(std::move(item));
  }
  out["memberships"] = std::move(memberships);
  auto people_of = [&](const store::LineLinkFilter& f, bool managers) -> Result<json> {
    json list_json = json::array();
    auto links = TRY(store.ListLineLinks(f));
    for (const auto& l : links.items) {
      const PersonId other = managers ? l.manager : l.report;
      if (!ctx.scope().Sees(other)) continue;
      list_json.push_back({{"person_id", other.value()},
                           {"name", FullName(TRY(store.GetPerson(*ctx.trust, other)))},
                           {"link_id", l.id.value()}});
    }
    return list_json;
  };
  out["line_managers"] = TRY(people_of(
      {.trust = *ctx.trust, .report = person.id, .current_on = today, .page = {.limit = kAll}}, true));
  out["reports"] = TRY(people_of(
      {.trust = *ctx.trust, .manager = person.id, .current_on = today, .page = {.limit = kAll}}, false));
  // So the person's page says they were erased rather than offering to erase them again.
  const auto erased = TRY(store.FindErasure(*ctx.trust, person.id));
  out["erased_on"] = erased ? json(erased->ToIso()) : json(nullptr);
  return Response::Json(out);
}

Result<Response> UpdatePerson(Context& ctx) {
  auto id = TRY(PathId<PersonTag>(ctx, "person_id"));
  return UpdateFrom<Person>(ctx, id);
}

// ---- Posts and holdings ----

Result<json> Holders(Context& ctx, PostId post, std::optional<Date> current_on) {
  auto& store = ctx.services.store;
  json out = json::array();
  auto holdings = TRY(store.ListHoldings(
      {.trust = *ctx.trust, .post = post, .current_on = current_on, .page = {.limit = kAll}}));
  for (const auto& h : holdings.items) {
    if (!ctx.scope().Sees(h.person)) continue;  // a former holder outside the caller's scope
    json item = {{"person_id", h.person.value()},
                 {"name", FullName(TRY(store.GetPerson(*ctx.trust, h.person)))},
                 {"holding_id", h.id.value()},
                 {"start", h.start.ToIso()},
                 {"end", h.end ? json(h.end->ToIso()) : json(nullptr)}};
    out.push_back(std::move(item));
  }
  return out;
}

json WithSchoolName(json item, const Post& post,
                    const std::unordered_map<SchoolId, std::string>& names) {
  item["school_name"] = nullptr;
  if (post.school) {
    auto it = names.find(*post.school);
    if (it != names.end()) item["school_name"] = it->second;
  }
  return item;
}

Result<Response> ListPosts(Context& ctx) {
  auto page = TRY(QueryPage(ctx));
  // Each TRY before the filter (see ListPeople).
  const auto school = TRY(QueryId<SchoolTag>(ctx, "school_id"));
  const auto body = TRY(QueryId<BodyTag>(ctx, "body_id"));
  const auto family = TRY(QueryEnum<org::RoleFamily>(ctx, "family"));
  const auto key = TRY(QueryBool(ctx, "key"));
  const auto vacant = TRY(QueryBool(ctx, "vacant"));
  store::PostFilter filter{.trust = *ctx.trust,
                           .search = QueryText(ctx, "search"),
                           .school = school,
                           .body = body,
                           .family = family,
                           .key = key,
                           .vacant = vacant,
                           .today = Today(ctx),
                           .page = page};
  if (!ctx.scope().whole_trust) filter.only = Sorted(ctx.scope().posts);
  auto listing = TRY(ctx.services.store.ListPosts(filter));
  auto names = TRY(SchoolNames(ctx));
  json items = json::array();
  for (const auto& p : listing.items) {
    json item = WithSchoolName(org::ToJson(p), p, names);
    item["holders"] = TRY(Holders(ctx, p.id, Today(ctx)));
    items.push_back(std::move(item));
  }
  return Response::Json(Page(listing, page, items));
}

Result<Response> GetPost(Context& ctx) {
  auto post = TRY(ctx.services.store.GetPost(*ctx.trust, TRY(PathId<PostTag>(ctx, "post_id"))));
  if (!ctx.scope().Sees(post.id)) TRY(NotInScope());
  json out = WithSchoolName(org::ToJson(post), post, TRY(SchoolNames(ctx)));
  out["holders"] = TRY(Holders(ctx, post.id, Today(ctx)));
  out["history"] = TRY(Holders(ctx, post.id, std::nullopt));
  return Response::Json(out);
}

Result<Response> UpdatePost(Context& ctx) {
  auto id = TRY(PathId<PostTag>(ctx, "post_id"));
  return UpdateFrom<Post>(ctx, id);
}

Result<Response> ListHoldings(Context& ctx) {
  store::HoldingFilter filter{.trust = *ctx.trust,
                              .post = TRY(QueryId<PostTag>(ctx, "post_id")),
                              .person = TRY(QueryId<PersonTag>(ctx, "person_id")),
                              .school = TRY(QueryId<SchoolTag>(ctx, "school_id")),
                              .current_on = TRY(CurrentOn(ctx))};
  return ScopedList<Holding>(ctx, filter, [&](const auto& f) {
    return ctx.services.store.ListHoldings(f);
  });
}

Result<Response> GetHolding(Context& ctx) {
  auto id = TRY(PathId<HoldingTag>(ctx, "holding_id"));
  return GetVisible(ctx, ctx.services.store.GetHolding(*ctx.trust, id));
}

Result<Response> UpdateHolding(Context& ctx) {
  auto id = TRY(PathId<HoldingTag>(ctx, "holding_id"));
  return UpdateFrom<Holding>(ctx, id);
}

// ---- Line management ----

Result<Response> ListLineLinks(Context& ctx) {
  store::LineLinkFilter filter{.trust = *ctx.trust,
                               .manager = TRY(QueryId<PersonTag>(ctx, "manager_id")),
                               .report = TRY(QueryId<PersonTag>(ctx, "report_id")),
                               .current_on = TRY(CurrentOn(ctx))};
  return ScopedList<LineLink>(ctx, filter, [&](const auto& f) {
    return ctx.services.store.ListLineLinks(f);
  });
}

Result<Response> GetLineLink(Context& ctx) {
  auto id = TRY(PathId<LineLinkTag>(ctx, "link_id"));
  return GetVisible(ctx, ctx.services.store.GetLineLink(*ctx.trust, id));
}

Result<Response> UpdateLineLink(Context& ctx) {
  auto id = TRY(PathId<LineLinkTag>(ctx, "link_id"));
  return UpdateFrom<LineLink>(ctx, id);
}

}  // namespace

std::vector<Route> OrgRoutes() {
  const std::string t = "/api/v1/trusts/{trust_id}";
  return {
      {"GET", "/api/v1/trusts", Permission::kSignedIn, "List the trusts you can see", ListTrusts},
      {"POST", "/api/v1/trusts", Permission::kManageTrusts, "Create a trust", CreateTrust},
      {"GET", t, Permission::kReadTrust, "Get a trust", GetTrust},
      {"PATCH", t, Permission::kWriteOrg, "Change a trust", UpdateTrust},
      {"GET", t + "/overview", Permission::kReadTrust, "Trust overview figures", Overview},
      {"GET", t + "/schools", Permission::kReadTrust, "List schools", ListSchools},
      {"POST", t + "/schools", Permission::kWriteOrg, "Add a school", CreateFrom<School>},
      {"GET", t + "/schools/{school_id}", Permission::kReadTrust, "Get a school", GetSchool},
      {"PATCH", t + "/schools/{school_id}", Permission::kWriteOrg, "Change a school", UpdateSchool},
      {"GET", t + "/bodies", Permission::kReadTrust, "List governance bodies", ListBodies},
      {"POST", t + "/bodies", Permission::kWriteOrg, "Add a governance body", CreateFrom<Body>},
      {"GET", t + "/bodies/{body_id}", Permission::kReadTrust, "Get a body and its members", GetBody},
      {"PATCH", t + "/bodies/{body_id}", Permission::kWriteOrg, "Change a body", UpdateBody},
      {"GET", t + "/memberships", Permission::kReadPeople, "List memberships", ListMemberships},
      {"POST", t + "/memberships", Permission::kWriteOrg, "Add a membership", CreateFrom<Membership>},
      {"GET", t + "/memberships/{membership_id}", Permission::kReadPeople, "Get a membership", GetMembership},
      {"PATCH", t + "/memberships/{membership_id}", Permission::kWriteOrg, "Change a membership", UpdateMembership},
      {"GET", t + "/people", Permission::kReadPeople, "List people", ListPeople},
      {"POST", t + "/people", Permission::kWriteOrg, "Add a person", CreateFrom<Person>},
      {"GET", t + "/people/{person_id}", Permission::kReadPeople, "Get a person", GetPerson},
      {"PATCH", t + "/people/{person_id}", Permission::kWriteOrg, "Change a person", UpdatePerson},
      {"GET", t + "/posts", Permission::kReadPeople, "List posts", ListPosts},
      {"POST", t + "/posts", Permission::kWriteOrg, "Add a post", CreateFrom<Post>},
      {"GET", t + "/posts/{post_id}", Permission::kReadPeople, "Get a post and its holders", GetPost},
      {"PATCH", t + "/posts/{post_id}", Permission::kWriteOrg, "Change a post", UpdatePost},
      {"GET", t + "/holdings", Permission::kReadPeople, "List post holdings", ListHoldings},
      {"POST", t + "/holdings", Permission::kWriteOrg, "Appoint a person to a post", CreateFrom<Holding>},
      {"GET", t + "/holdings/{holding_id}", Permission::kReadPeople, "Get a holding", GetHolding},
      {"PATCH", t + "/holdings/{holding_id}", Permission::kWriteOrg, "Change a holding", UpdateHolding},
      {"GET", t + "/line-links", Permission::kReadPeople, "List line management", ListLineLinks},
      {"POST", t + "/line-links", Permission::kWriteOrg, "Add a line management link", CreateFrom<LineLink>},
      {"GET", t + "/line-links/{link_id}", Permission::kReadPeople, "Get a line management link", GetLineLink},
      {"PATCH", t + "/line-links/{link_id}", Permission::kWriteOrg, "Change a line management link", UpdateLineLink},
  };
}

}  // namespace trellis::http
