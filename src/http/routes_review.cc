// Routes of the talent review (9-box): review cycles, ratings and proposals, calibration
// meetings with their adjustments and rater outliers, the grid and movement between cycles.
// Writes go through talent::ReviewService; reads come from the store.
//
// Ratings are confidential (product.md, requirement 9). Who reads which is decided here:
//  - in full (proposal, rationale, calibrated and final box, adjustments, the grid,
//    meetings, outliers, movement): callers with kReadRatings, over their Reach — the whole
//    trust for trust admins, executives and platform admins; a headteacher's own staff
//    (people holding a current post at one of their schools, themselves excepted);
//  - one's own proposals (what one proposed, nothing calibrated): callers with
//    kProposeRatings, through /proposals;
//  - one's own box: anyone, through /people/{person_id}/ratings, for closed cycles whose
//    people_see_own_box is set — the final box and its name only.
// Everything else answers 404, as if it did not exist. Every answer that shows ratings is
// audit-logged (RecordRatingsRead, with ReviewService::RatingsReadEntry) naming what was read.

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/json.h"
#include "http/input.h"
#include "http/names.h"
#include "http/reach.h"
#include "http/routes.h"
#include "succession/trust_pipeline.h"
#include "talent/json.h"
#include "talent/nine_box.h"
#include "talent/review_reads.h"
#include "talent/validation.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;
using talent::Box;
using talent::CalibrationMeeting;
using talent::Rating;
using talent::ReviewCycle;

// ---- Who reads which ratings ----

// Whose ratings the caller reads in full (http/reach.h).
Reach RatingsReach(const Context& ctx) { return ReachOf(ctx, Permission::kReadRatings); }

// A headteacher reads their schools' own meetings; the trust's meeting, which weighs every
// school's ratings against each other, is for the whole-trust roles.
bool SeesMeeting(const Context& ctx, const CalibrationMeeting& meeting) {
  if (ctx.scope().whole_trust) return true;
  return meeting.school && ctx.scope().schools.contains(*meeting.school);
}

Result<void> RecordRatingsRead(Context& ctx, const std::string& what) {
  return http::RecordRead(ctx, ctx.services.review.RatingsReadEntry(*ctx.trust, what, ctx.who().actor));
}

// ---- JSON ----

Result<Names> NamesInRatings(Context& ctx, const std::vector<Rating>& ratings) {
  std::vector<PersonId> people;
  for (const Rating& r : ratings) {
    people.push_back(r.person);
    people.push_back(r.rater);
  }
  return NamesOf(ctx, std::move(people));
}

// {performance, potential, name}, named as `cycle` names its boxes.
json BoxJson(const ReviewCycle& cycle, Box box) {
  json out = talent::ToJson(box);
  out["name"] = cycle.box_names[talent::BoxIndex(box)];
  return out;
}

// A rating in full, with the names of the person and rater and where it stands now.
json RatingJson(const Rating& r, const ReviewCycle& cycle, const Names& names) {
  json out = talent::ToJson(r);
  out["person_name"] = NameIn(names, r.person);
  out["rater_name"] = NameIn(names, r.rater);
  out["current"] = BoxJson(cycle, r.Current());
  return out;
}

json PersonJson(PersonId person, const Names& names) {
  return {{"person_id", person.value()}, {"name", NameIn(names, person)}};
}

json CycleSummary(const ReviewCycle& cycle) {
  return {{"id", cycle.id.value()}, {"year", cycle.year}, {"name", cycle.name}};
}

// ---- Reading bodies ----

// "box_names": nine names in the order of a cycle's "boxes" (performance 1 potential 1,
// performance 1 potential 2, …, performance 3 potential 3). FieldReader reads scalars only,
// so the list is read here; the body without it goes to FieldReader.
std::optional<talent::BoxNames> ReadBoxNames(const json& body, std::vector<Problem>& problems) {
  auto it = body.find("box_names");
  if (it == body.end()) return std::nullopt;
  const bool nine_texts =
      it->is_array() && it->size() == talent::kBoxes &&
      std::all_of(it->begin(), it->end(), [](const json& v) { return v.is_string(); });
  if (!nine_texts) {
    problems.push_back(
        {"box_names", "must be a list of nine names, in the order of the cycle's boxes", "", {}});
    return std::nullopt;
  }
  talent::BoxNames names;
  for (size_t i = 0; i < names.size(); ++i) names[i] = (*it)[i].get<std::string>();
  return names;
}

json WithoutBoxNames(json body) {
  body.erase("box_names");
  return body;
}

// ---- Cycles ----

Result<ReviewCycle> PathCycle(Context& ctx) {
  return ctx.services.store.GetReviewCycle(*ctx.trust,
                                           TRY(PathId<ReviewCycleTag>(ctx, "cycle_id")));
}

Result<Response> ListCycles(Context& ctx) {
  json items = json::array();
  for (const auto& c : TRY(ctx.services.store.ListReviewCycles(*ctx.trust)))
    items.push_back(talent::ToJson(c));
  return Response::Json(WholeList(std::move(items)));
}

Result<Response> GetCycle(Context& ctx) {
  return Response::Json(talent::ToJson(TRY(PathCycle(ctx))));
}

Result<Response> OpenCycle(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  const json fields = WithoutBoxNames(body);
  FieldReader reader(fields, FieldReader::Mode::kCreate);
  ReviewCycle cycle;
  int64_t year = 0;
  reader.Int("year", year, true);
  cycle.year = Narrow(year);
  reader.Text("name", cycle.name, true);
  reader.Flag("people_see_own_box", cycle.people_see_own_box);
  std::vector<Problem> problems;
  if (auto names = ReadBoxNames(body, problems)) cycle.box_names = *names;
  cycle.opened_on = Today(ctx);  // as the service will set it; Check wants one
  for (auto& p : talent::Check(cycle)) problems.push_back(std::move(p));
  TRY(reader.Finish(std::move(problems)));
  return Response::Json(
      talent::ToJson(TRY(ctx.services.review.Open(*ctx.trust, cycle, ctx.who().actor))), 201);
}

// Only the fields sent change; the service applies them to the stored cycle in its own
// transaction, so a concurrent change to another field is not lost.
Result<Response> ChangeCycle(Context& ctx) {
  const ReviewCycle stored = TRY(PathCycle(ctx));
  auto body = TRY(ParseObject(ctx));
  const json fields = WithoutBoxNames(body);
  FieldReader reader(fields, FieldReader::Mode::kUpdate);
  ReviewCycle changed = stored;
  reader.Text("name", changed.name, true);
  reader.Flag("people_see_own_box", changed.people_see_own_box);
  std::vector<Problem> problems;
  const auto names = ReadBoxNames(body, problems);
  if (names) changed.box_names = *names;
  for (auto& p : talent::Check(changed)) problems.push_back(std::move(p));
  TRY(reader.Finish(std::move(problems)));
  talent::CycleSettings settings;
  if (fields.contains("name")) settings.name = changed.name;
  if (fields.contains("people_see_own_box"))
    settings.people_see_own_box = changed.people_see_own_box;
  settings.box_names = names;
  return Response::Json(talent::ToJson(
      TRY(ctx.services.review.Change(*ctx.trust, stored.id, settings, ctx.who().actor))));
}

Result<Response> StartCalibration(Context& ctx) {
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  TRY(NoFields(ctx));
  return Response::Json(talent::ToJson(
      TRY(ctx.services.review.StartCalibration(*ctx.trust, cycle.id, ctx.who().actor))));
}

// Closing also records the succession pipeline's snapshot (succession::CloseReviewCycle).
Result<Response> CloseCycle(Context& ctx) {
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  TRY(NoFields(ctx));
  return Response::Json(talent::ToJson(TRY(succession::CloseReviewCycle(
      ctx.services.store, *ctx.trust, cycle.id, ctx.services.clock, ctx.who().actor))));
}

// ---- Ratings ----

// `more` narrows `only` further (nullopt: no further).
std::optional<std::vector<PersonId>> Intersect(
    std::optional<std::vector<PersonId>> only,
    const std::optional<std::unordered_set<PersonId>>& more) {
  if (!more) return only;
  std::vector<PersonId> out;
  if (!only) {
    out.assign(more->begin(), more->end());
  } else {
    for (PersonId p : *only)
      if (more->contains(p)) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<Response> ListRatings(Context& ctx) {
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  auto page = TRY(QueryPage(ctx));
  const auto school = TRY(QueryId<SchoolTag>(ctx, "school_id"));
  store::RatingFilter filter{.trust = *ctx.trust,
                             .cycle = cycle.id,
                             .person = TRY(QueryId<PersonTag>(ctx, "person_id")),
                             .rater = TRY(QueryId<PersonTag>(ctx, "rater_id")),
                             .only = RatingsReach(ctx).Only(),
                             .page = page};
  std::string what = "cycle " + IdText(cycle.id);
  if (school) {
    const auto staff = TRY(talent::StaffOf(ctx.services.store, *ctx.trust, *school, Today(ctx)));
    filter.only = Intersect(std::move(filter.only), staff);
    what += ", school " + IdText(*school);
  }
  if (filter.person) what += ", person " + IdText(*filter.person);
  if (filter.rater) what += ", rater " + IdText(*filter.rater);
  auto listing = TRY(ctx.services.store.ListRatings(filter));
  const Names names = TRY(NamesInRatings(ctx, listing.items));
  json items = json::array();
  for (const Rating& r : listing.items) items.push_back(RatingJson(r, cycle, names));
  TRY(RecordRatingsRead(ctx, what));
  return Response::Json(Page(listing, page, std::move(items)));
}

// The rating of the path, 404 unless it is of the path's cycle and the caller reads it.
Result<Rating> PathRating(Context& ctx, const ReviewCycle& cycle) {
  const Rating rating =
      TRY(ctx.services.store.GetRating(*ctx.trust, TRY(PathId<RatingTag>(ctx, "rating_id"))));
  if (rating.cycle != cycle.id || !RatingsReach(ctx).Covers(rating.person)) TRY(NotInScope());
  return rating;
}

// An adjustment, with the meeting that made it.
json AdjustmentJson(const talent::RatingAdjustment& a, const CalibrationMeeting& meeting) {
  json out = talent::ToJson(a);
  out["meeting"] = {{"id", meeting.id.value()},
                    {"level", Code(meeting.level)},
                    {"school_id", OrNull(meeting.school)},
                    {"held_on", meeting.held_on.ToIso()}};
  return out;
}

Result<Response> GetRating(Context& ctx) {
  auto& store = ctx.services.store;
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  const Rating rating = TRY(PathRating(ctx, cycle));
  std::map<CalibrationMeetingId, CalibrationMeeting> meetings;
  for (auto& m : TRY(store.ListCalibrationMeetings(*ctx.trust, cycle.id)))
    meetings.emplace(m.id, std::move(m));
  json adjustments = json::array();
  auto made = TRY(store.ListRatingAdjustments({.trust = *ctx.trust, .rating = rating.id}));
  for (const auto& a : made.items)
    if (auto m = meetings.find(a.meeting); m != meetings.end())
      adjustments.push_back(AdjustmentJson(a, m->second));
  json out = RatingJson(rating, cycle, TRY(NamesInRatings(ctx, {rating})));
  out["adjustments"] = std::move(adjustments);
  TRY(RecordRatingsRead(ctx, "rating " + IdText(rating.id)));
  return Response::Json(out);
}

// A proposal as its rater reads it back: nothing a meeting decided.
json ProposalJson(const Rating& r, const ReviewCycle& cycle, const Names& names) {
  json out = PersonJson(r.person, names);
  out["rating_id"] = r.id.value();
  out["cycle_id"] = r.cycle.value();
  out["proposal"] = BoxJson(cycle, r.proposal);
  out["rationale"] = r.rationale;
  out["evidence"] = r.evidence;
  out["proposed_at"] = ToIso(r.proposed_at);
  return out;
}

Result<Response> ListProposals(Context& ctx) {
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  auto page = TRY(QueryPage(ctx));
  const auto self = ctx.scope().self;
  if (!self) return Response::Json(Page(store::Listing<Rating>{}, page, json::array()));
  auto listing = TRY(ctx.services.store.ListRatings(
      {.trust = *ctx.trust, .cycle = cycle.id, .rater = *self, .page = page}));
  const Names names = TRY(NamesInRatings(ctx, listing.items));
  json items = json::array();
  for (const Rating& r : listing.items) items.push_back(ProposalJson(r, cycle, names));
  TRY(RecordRatingsRead(ctx, "cycle " + IdText(cycle.id) + ", proposals of person " + IdText(*self)));
  return Response::Json(Page(listing, page, std::move(items)));
}

// Who proposes as what. Trust (and platform) admins for anyone, naming the rater or being it;
// a headteacher for anyone holding a post at their school today, as a trust admin would (the
// talent review of their staff is theirs: product.md); everyone else as the line manager,
// which the service checks.
talent::ProposerRole ProposerRoleOf(const Context& ctx, PersonId person) {
  if (access::RoleAllows(ctx.who().user.role, Permission::kManageReviews))
    return talent::ProposerRole::kTrustAdmin;
  if (ctx.who().user.role == access::Role::kHeadteacher && ctx.scope().staff.contains(person))
    return talent::ProposerRole::kTrustAdmin;
  return talent::ProposerRole::kLineManager;
}

Result<Response> Propose(Context& ctx) {
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  talent::Proposal proposal;
  int64_t performance = 0, potential = 0;
  std::optional<PersonId> named_rater;
  reader.Ref("person_id", proposal.person, true);
  reader.Int("performance", performance, true);
  reader.Int("potential", potential, true);
  reader.Text("rationale", proposal.rationale, true);
  reader.Text("evidence", proposal.evidence);
  reader.OptionalRef("rater_id", named_rater);
  proposal.box = {Narrow(performance), Narrow(potential)};

  const auto self = ctx.scope().self;
  const bool administers = access::RoleAllows(ctx.who().user.role, Permission::kManageReviews);
  std::vector<Problem> problems;
  if (administers) {
    if (named_rater)
      proposal.rater = *named_rater;
    else if (self)
      proposal.rater = *self;
    else
      problems.push_back(
          {"rater_id", "is required: your sign-in is not linked to a person", "", {}});
  } else if (named_rater && named_rater != self) {
    problems.push_back({"rater_id",
                        "you propose as yourself; only a trust administrator names the rater",
                        IdText(*named_rater),
                        {}});
  } else if (self) {
    proposal.rater = *self;
  }
  // A person outside the caller's scope answers as one who does not exist.
  if (proposal.person.valid() && !ctx.scope().Sees(proposal.person)) TRY(NotInScope());
  const Rating as_rated{.cycle = cycle.id,
                        .person = proposal.person,
                        .rater = proposal.rater,
                        .proposal = proposal.box,
                        .rationale = proposal.rationale,
                        .evidence = proposal.evidence};
  for (auto& p : talent::Check(as_rated)) {
    // Without a linked person the rater is unknown: said once, below, as a refusal.
    if (p.field != "rater_id" || proposal.rater.valid()) problems.push_back(std::move(p));
  }
  TRY(reader.Finish(std::move(problems)));
  if (!proposal.rater.valid())
    return Fail(ErrorCode::kForbidden,
                "Your sign-in is not linked to a person, so you cannot propose ratings.");

  const bool existed =
      TRY(ctx.services.store.FindRating(*ctx.trust, cycle.id, proposal.person)).has_value();
  const Rating stored = TRY(ctx.services.review.Propose(
      *ctx.trust, cycle.id, proposal, ProposerRoleOf(ctx, proposal.person), ctx.who().actor));
  // The answer is what the proposer has just said (the cycle is open, so nothing is
  // calibrated yet): writing it is audited, reading it back is not a further read.
  return Response::Json(RatingJson(stored, cycle, TRY(NamesInRatings(ctx, {stored}))),
                        existed ? 200 : 201);
}

// ---- Calibration meetings ----

Result<CalibrationMeeting> PathMeeting(Context& ctx, const ReviewCycle& cycle) {
  const CalibrationMeeting meeting = TRY(ctx.services.store.GetCalibrationMeeting(
      *ctx.trust, TRY(PathId<CalibrationMeetingTag>(ctx, "meeting_id"))));
  if (meeting.cycle != cycle.id) TRY(NotInScope());
  return meeting;
}

Result<Response> ListMeetings(Context& ctx) {
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  json items = json::array();
  for (const auto& m : TRY(ctx.services.store.ListCalibrationMeetings(*ctx.trust, cycle.id)))
    if (SeesMeeting(ctx, m)) items.push_back(talent::ToJson(m));
  return Response::Json(WholeList(std::move(items)));
}

Result<Response> RecordMeeting(Context& ctx) {
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  CalibrationMeeting meeting{.cycle = cycle.id};
  reader.Enum("level", meeting.level, true);
  reader.OptionalRef("school_id", meeting.school);
  reader.Day("held_on", meeting.held_on, true);
  reader.Text("attendees", meeting.attendees);
  TRY(reader.Finish(talent::Check(meeting)));
  auto stored = TRY(ctx.services.review.RecordMeeting(*ctx.trust, meeting, ctx.who().actor));
  return Response::Json(talent::ToJson(stored), 201);
}

json OutliersJson(const talent::RaterOutliers& o, const Names& names) {
  json raters = json::array();
  for (const auto& r : o.raters)
    raters.push_back({{"rater_id", r.rater.value()},
                      {"rater_name", NameIn(names, r.rater)},
                      {"ratings", r.ratings},
                      {"mean_performance", r.mean_performance},
                      {"mean_potential", r.mean_potential},
                      {"top_share", r.top_share},
                      {"performance_gap", r.performance_gap},
                      {"potential_gap", r.potential_gap},
                      {"top_share_gap", r.top_share_gap},
                      {"enough_ratings", r.enough_ratings},
                      {"flagged", r.flagged},
                      {"reasons", r.reasons}});
  return {{"ratings", o.ratings},
          {"mean_performance", o.mean_performance},
          {"mean_potential", o.mean_potential},
          {"top_share", o.top_share},
          {"raters", std::move(raters)}};
}

// The meeting, the ratings it covers (a school's: the people holding a post at the school
// on the meeting's day; the trust's: everyone rated) as they stand now, the outlier analysis
// of their raters, and the adjustments it made.
Result<Response> GetMeeting(Context& ctx) {
  auto& store = ctx.services.store;
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  const CalibrationMeeting meeting = TRY(PathMeeting(ctx, cycle));
  if (!SeesMeeting(ctx, meeting)) TRY(NotInScope());
  store::RatingFilter filter{
      .trust = *ctx.trust, .cycle = cycle.id, .only = RatingsReach(ctx).Only()};
  if (meeting.school)
    filter.only =
        Intersect(std::move(filter.only),
                  TRY(talent::StaffOf(store, *ctx.trust, *meeting.school, meeting.held_on)));
  filter.page.limit = kAll;
  const auto covered = TRY(store.ListRatings(filter));
  const Names names = TRY(NamesInRatings(ctx, covered.items));
  std::unordered_map<RatingId, const Rating*> by_id;
  json ratings = json::array();
  for (const Rating& r : covered.items) {
    by_id[r.id] = &r;
    ratings.push_back(RatingJson(r, cycle, names));
  }
  json adjustments = json::array();
  auto made = TRY(store.ListRatingAdjustments(
      {.trust = *ctx.trust, .meeting = meeting.id, .page = {.limit = kAll}}));
  for (const auto& a : made.items) {
    auto it = by_id.find(a.rating);
    if (it == by_id.end()) continue;  // someone the caller does not read (or who has left)
    json one = talent::ToJson(a);
    one["person_id"] = it->second->person.value();
    one["person_name"] = NameIn(names, it->second->person);
    adjustments.push_back(std::move(one));
  }
  json out = talent::ToJson(meeting);
  out["ratings"] = std::move(ratings);
  out["outliers"] = OutliersJson(talent::FindRaterOutliers(covered.items), names);
  out["adjustments"] = std::move(adjustments);
  TRY(RecordRatingsRead(ctx, "meeting " + IdText(meeting.id)));
  return Response::Json(out);
}

Result<Response> Adjust(Context& ctx) {
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  const CalibrationMeeting meeting = TRY(PathMeeting(ctx, cycle));
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  RatingId rating;
  int64_t performance = 0, potential = 0;
  std::string reason;
  reader.Ref("rating_id", rating, true);
  reader.Int("performance", performance, true);
  reader.Int("potential", potential, true);
  reader.Text("reason", reason, true);
  TRY(reader.Finish());
  auto stored = TRY(ctx.services.review.Adjust(*ctx.trust, meeting.id, rating,
                                               {Narrow(performance), Narrow(potential)}, reason,
                                               ctx.who().actor));
  return Response::Json(talent::ToJson(stored), 201);
}

// ---- The grid and movement ----

// The ?school_id=, ?stage= and ?family= filters.
Result<talent::GridQuestion> QueryGridQuestion(Context& ctx) {
  return talent::GridQuestion{.school = TRY(QueryId<SchoolTag>(ctx, "school_id")),
                              .stage = TRY(QueryEnum<org::CareerStage>(ctx, "stage")),
                              .family = TRY(QueryEnum<org::RoleFamily>(ctx, "family"))};
}

Result<Response> Grid(Context& ctx) {
  const ReviewCycle cycle = TRY(PathCycle(ctx));
  const talent::GridQuestion question = TRY(QueryGridQuestion(ctx));
  const auto read = TRY(talent::ReadGrid(ctx.services.store, *ctx.trust, cycle, question,
                                         RatingsReach(ctx).Only(), Today(ctx)));
  const talent::Grid& grid = read.grid;
  std::vector<PersonId> placed;
  for (const auto& people : grid.people) placed.insert(placed.end(), people.begin(), people.end());
  const Names names = TRY(NamesOf(ctx, placed));
  json boxes = json::array();
  for (size_t i = 0; i < talent::kBoxes; ++i) {
    json people = json::array();
    for (PersonId p : grid.people[i]) people.push_back(PersonJson(p, names));
    json box = BoxJson(cycle, talent::BoxAt(i));
    box["count"] = grid.people[i].size();
    box["people"] = std::move(people);
    boxes.push_back(std::move(box));
  }
  TRY(RecordRatingsRead(ctx, read.what));
  return Response::Json(
      {{"cycle_id", cycle.id.value()}, {"boxes", std::move(boxes)}, {"total", grid.Total()}});
}

Result<Response> Movement(Context& ctx) {
  const ReviewCycle later = TRY(PathCycle(ctx));
  std::optional<ReviewCycle> asked_from;
  if (auto id = TRY(QueryId<ReviewCycleTag>(ctx, "from_cycle_id")))
    asked_from = TRY(ctx.services.store.GetReviewCycle(*ctx.trust, *id));
  const talent::GridQuestion question = TRY(QueryGridQuestion(ctx));
  const auto read =
      TRY(talent::ReadMovement(ctx.services.store, *ctx.trust, later, std::move(asked_from),
                               question, RatingsReach(ctx).Only(), Today(ctx)));
  const std::optional<ReviewCycle>& earlier = read.earlier;
  const talent::Movement& movement = read.movement;
  // Each side is named as its own cycle names its boxes. Without an earlier cycle nobody
  // moved, so `from_names` names nothing.
  const ReviewCycle& from_names = earlier ? *earlier : later;

  json flows = json::array();
  for (size_t from = 0; from < talent::kBoxes; ++from)
    for (size_t to = 0; to < talent::kBoxes; ++to)
      if (movement.flows[from][to] > 0)
        flows.push_back({{"from", BoxJson(from_names, talent::BoxAt(from))},
                         {"to", BoxJson(later, talent::BoxAt(to))},
                         {"count", movement.flows[from][to]}});
  std::vector<PersonId> moved;
  for (const auto& m : movement.people) moved.push_back(m.person);
  const Names names = TRY(NamesOf(ctx, moved));
  json people = json::array();
  for (const auto& m : movement.people) {
    json one = PersonJson(m.person, names);
    one["from"] = BoxJson(from_names, m.from);
    one["to"] = BoxJson(later, m.to);
    one["direction"] = Code(m.direction);
    people.push_back(std::move(one));
  }
  TRY(RecordRatingsRead(ctx, read.what));
  return Response::Json({{"from_cycle", earlier ? CycleSummary(*earlier) : json(nullptr)},
                         {"to_cycle", CycleSummary(later)},
                         {"flows", std::move(flows)},
                         {"up", movement.up},
                         {"down", movement.down},
                         {"same", movement.same},
                         {"across", movement.across},
                         {"only_earlier", movement.only_earlier},
                         {"only_later", movement.only_later},
                         {"people", std::move(people)}});
}

// ---- A person's ratings across cycles ----

// Callers who read the person's ratings in full get every cycle's rating; the person
// themself (any role) gets, for each closed cycle that lets people see their own box, the
// final box and its name — not the proposal, rater, rationale or evidence, which stay with
// those who calibrate (the subject-access export is where everything held is disclosed).
// Anyone else: 404.
Result<Response> PersonRatings(Context& ctx) {
  auto& store = ctx.services.store;
  const auto person = TRY(store.GetPerson(*ctx.trust, TRY(PathId<PersonTag>(ctx, "person_id"))));
  const bool in_full = RatingsReach(ctx).Covers(person.id);
  const bool own = ctx.scope().self == person.id;
  if (!in_full && !own) TRY(NotInScope());
  std::map<ReviewCycleId, ReviewCycle> cycles;
  for (auto& c : TRY(store.ListReviewCycles(*ctx.trust))) cycles.emplace(c.id, std::move(c));
  auto ratings =
      TRY(store.ListRatings({.trust = *ctx.trust, .person = person.id, .page = {.limit = kAll}}));
  const Names names = in_full ? TRY(NamesInRatings(ctx, ratings.items)) : Names();
  json items = json::array();
  for (const Rating& r : ratings.items) {
    auto found = cycles.find(r.cycle);
    if (found == cycles.end()) continue;  // the store keeps every rating's cycle
    const ReviewCycle& cycle = found->second;
    json item;
    if (in_full) {
      item = RatingJson(r, cycle, names);
    } else {
      if (!r.final || !cycle.people_see_own_box) continue;
      item = {{"id", r.id.value()},
              {"cycle_id", r.cycle.value()},
              {"final", true},
              {"current", BoxJson(cycle, r.Current())}};
    }
    item["cycle"] = CycleSummary(cycle);
    items.push_back(std::move(item));
  }
  TRY(RecordRatingsRead(ctx, "person " + IdText(person.id) + (in_full ? "" : ", own box")));
  return Response::Json({{"person_id", person.id.value()},
                         {"name", FullName(person)},
                         {"view", in_full ? "full" : "own_box"},
                         {"items", std::move(items)}});
}

}  // namespace

std::vector<Route> ReviewRoutes() {
  const std::string t = "/api/v1/trusts/{trust_id}";
  const std::string c = t + "/review-cycles/{cycle_id}";
  return {
      {"GET", t + "/review-cycles", Permission::kReadTrust, "List talent review cycles",
       ListCycles},
      {"POST", t + "/review-cycles", Permission::kManageReviews, "Open a talent review cycle",
       OpenCycle},
      {"GET", c, Permission::kReadTrust, "Get a talent review cycle", GetCycle},
      {"PATCH", c, Permission::kManageReviews, "Change a talent review cycle's settings",
       ChangeCycle},
      {"POST", c + "/start-calibration", Permission::kManageReviews,
       "Close proposals and start calibrating", StartCalibration},
      {"POST", c + "/close", Permission::kManageReviews,
       "Close a cycle: every rating becomes final", CloseCycle},
      {"GET", c + "/ratings", Permission::kReadRatings,
       "List a cycle's 9-box ratings (confidential)", ListRatings},
      {"POST", c + "/ratings", Permission::kProposeRatings,
       "Propose (or re-propose) a 9-box rating", Propose},
      {"GET", c + "/ratings/{rating_id}", Permission::kReadRatings,
       "Get a rating with its adjustments (confidential)", GetRating},
      {"GET", c + "/proposals", Permission::kProposeRatings, "The proposals you made in a cycle",
       ListProposals},
      {"GET", c + "/meetings", Permission::kReadRatings, "List a cycle's calibration meetings",
       ListMeetings},
      {"POST", c + "/meetings", Permission::kManageReviews, "Record a calibration meeting",
       RecordMeeting},
      {"GET", c + "/meetings/{meeting_id}", Permission::kReadRatings,
       "A calibration meeting: its ratings, rater outliers and adjustments (confidential)",
       GetMeeting},
      {"POST", c + "/meetings/{meeting_id}/adjustments", Permission::kManageReviews,
       "Adjust a rating in a calibration meeting", Adjust},
      {"GET", c + "/grid", Permission::kReadRatings, "The 9-box grid of a cycle (confidential)",
       Grid, Reuse::kWhileDataUnchanged},
      {"GET", c + "/movement", Permission::kReadRatings,
       "Movement between two cycles (confidential)", Movement, Reuse::kWhileDataUnchanged},
      {"GET", t + "/people/{person_id}/ratings", Permission::kReadPeople,
       "A person's ratings across cycles (confidential; one's own box when the trust allows)",
       PersonRatings},
  };
}

}  // namespace trellis::http
