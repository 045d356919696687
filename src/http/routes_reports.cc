// The reports of seed 000's "Personnel" section (succession/reports.h): the Board's, the Pay
// and Personnel Committee's and a Local Governing Body's, each as JSON (the web's screens and
// print layout), CSV or XLSX (?format=, a download). Every read is audit-logged (action
// "read", entity "succession_report", entity_id naming the report, after {"format"}).
//
// Who reads which:
// - the Board's and the committee's: the whole-trust roles (kSuccession);
// - a Local Governing Body's: the whole-trust roles for any school, and a headteacher for
//   their own school(s) (kReadSuccession; another school answers 404). Without risk of loss
//   or any 9-box rating (governors see aggregates). For a headteacher, the posts whose plans
//   they may not read (http/reach.h: their own post, and the Local Governing Body's posts,
//   which are governance and the Board's business) keep their counts and figures but not who
//   is named nor the actions.

#include <cmath>
#include <string>
#include <unordered_map>

#include "core/json.h"
#include "exchange/cells.h"
#include "exchange/sheets.h"
#include "http/input.h"
#include "http/reach.h"
#include "http/routes.h"
#include "succession/json.h"
#include "succession/reports.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;
using succession::KeyPostReport;
using succession::Proportion;
using succession::SchoolImplementation;

enum class ReportFormat { kJson, kCsv, kXlsx };

Result<ReportFormat> FormatOf(const Context& ctx) {
  const std::string text = QueryText(ctx, "format");
  if (text.empty() || text == "json") return ReportFormat::kJson;
  if (text == "csv") return ReportFormat::kCsv;
  if (text == "xlsx") return ReportFormat::kXlsx;
  return Fail(ErrorCode::kInvalidInput, "format must be json, csv or xlsx",
              {{"format", "must be json, csv or xlsx", text, {}}});
}

std::string_view FormatCode(ReportFormat format) {
  switch (format) {
    case ReportFormat::kJson:
      return "json";
    case ReportFormat::kCsv:
      return "csv";
    case ReportFormat::kXlsx:
      return "xlsx";
  }
  return "json";
}

Result<void> RecordRead(Context& ctx, const std::string& report, ReportFormat format) {
  return ctx.services.store.Append(org::AuditEntryOf(
      ctx.who().actor, ctx.services.clock.Now(), *ctx.trust, "read", "succession_report", report,
      {}, json{{"format", FormatCode(format)}}.dump()));
}

// The report as a download: `name` and the day make the file's name.
Result<Response> Download(std::span<const exchange::Table> tables, ReportFormat format,
                          const std::string& name, Date on) {
  Response r;
  const bool xlsx = format == ReportFormat::kXlsx;
  r.body = xlsx ? TRY(exchange::TablesToXlsx(tables)) : exchange::TablesToCsv(tables);
  r.content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : "text/csv; charset=utf-8";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "-" +
                                                    on.ToIso() + (xlsx ? ".xlsx\"" : ".csv\""));
  return r;
}

// ---- JSON ----

json CycleJson(const std::optional<talent::ReviewCycle>& cycle) {
  if (!cycle) return nullptr;
  return {{"id", cycle->id.value()},
          {"year", cycle->year},
          {"name", cycle->name},
          {"closed_on", OrNull(cycle->closed_on)}};
}

json SuccessorJson(const succession::ReportedSuccessor& s) {
  return {{"person_id", OrNull(s.person)},     {"name", s.name},
          {"external", !s.person.has_value()}, {"rank", s.rank},
          {"readiness", Code(s.readiness)},    {"readiness_judged", s.readiness_judged},
          {"emergency", s.emergency}};
}

// `with_risk`: the holder's risk of loss and departure window (never for governors).
json KeyPostJson(const KeyPostReport& p, bool with_risk) {
  json successors = json::array();
  for (const auto& s : p.successors) successors.push_back(SuccessorJson(s));
  json actions = json::array();
  for (const auto& a : p.actions)
    actions.push_back({{"id", a.id.value()},
                       {"person_id", a.person.value()},
                       {"name", a.person_name},
                       {"kind", Code(a.kind)},
                       {"title", a.title},
                       {"status", Code(a.status)},
                       {"due_on", OrNull(a.due_on)},
                       {"on_track", a.on_track}});
  const auto* emergency = p.emergency();
  json out = {{"post_id", p.post.value()},
              {"title", p.title},
              {"school_id", OrNull(p.school)},
              {"school_name", p.school_name},
              {"role_group", Code(p.role_group)},
              {"holder", p.holder ? json{{"person_id", p.holder->value()}, {"name", p.holder_name}}
                                  : json(nullptr)},
              {"plan_id", OrNull(p.plan)},
              {"impact", OrNull(p.impact)},
              {"consider_external", p.consider_external},
              {"review_on", OrNull(p.review_on)},
              {"review_overdue", p.review_overdue},
              {"last_discussed", OrNull(p.last_discussed)},
              {"last_forum", OrNull(p.last_forum)},
              {"named_successors", p.named_successors},
              {"ready_now_successors", p.ready_now_successors},
              {"successors", std::move(successors)},
              {"emergency_successor", emergency ? SuccessorJson(*emergency) : json(nullptr)},
              {"actions", std::move(actions)},
              {"actions_on_track", succession::ToJson(p.actions_on_track)},
              {"details_withheld", p.details_withheld}};
  if (with_risk) {
    out["holder_risk"] = OrNull(p.holder_risk);
    out["departure_window"] = OrNull(p.departure_window);
  }
  return out;
}

json SchoolJson(const SchoolImplementation& s) {
  return {{"school_id", s.school.valid() ? json(s.school.value()) : json(nullptr)},
          {"name", s.name},
          {"staff_rated", succession::ToJson(s.staff_rated)},
          {"calibration_meeting_held", s.calibration_meeting_held},
          {"key_posts_with_successor", succession::ToJson(s.key_posts_with_successor)},
          {"key_posts_ready_now", succession::ToJson(s.key_posts_ready_now)},
          {"overdue_reviews", succession::ToJson(s.overdue_reviews)},
          {"actions_on_track", succession::ToJson(s.actions_on_track)}};
}

// ---- Tables ----

using exchange::SheetColumn;
using exchange::Table;

std::string Count(size_t n) { return std::to_string(n); }

// A share as a percentage to one decimal place; blank for 0 of 0.
std::string Percent(const Proportion& p) {
  const auto value = p.value();
  if (!value) return {};
  return exchange::FormatNumber(std::round(*value * 1000) / 10);
}

std::string Fraction(const Proportion& p) {
  return Count(p.numerator) + " of " + Count(p.denominator);
}

template <typename E>
std::string LabelOr(const std::optional<E>& value) {
  return value ? std::string(Label(*value)) : std::string();
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

std::string SuccessorText(const succession::ReportedSuccessor& s) {
  return s.name + " (" + std::string(Label(s.readiness)) + (s.person ? "" : ", from outside") + ")";
}

std::string SuccessorsText(const KeyPostReport& p) {
  if (p.details_withheld) return Count(p.named_successors) + " named";
  std::vector<std::string> parts;
  for (const auto& s : p.successors) parts.push_back(SuccessorText(s));
  return Joined(parts);
}

std::string ActionsText(const KeyPostReport& p) {
  std::vector<std::string> parts;
  for (const auto& a : p.actions)
    parts.push_back(a.title + " — " + a.person_name + " (" + std::string(Label(a.status)) +
                    (a.due_on ? ", due " + a.due_on->ToIso() : "") + ")");
  return Joined(parts);
}

std::string EmergencyText(const KeyPostReport& p) {
  if (p.details_withheld) return {};
  const auto* emergency = p.emergency();
  return emergency ? emergency->name : std::string();
}

// The columns every report's list of key posts has; the Board's adds the holder's risk.
Table KeyPostsTable(std::string name, const std::vector<KeyPostReport>& posts, bool with_risk) {
  Table table{.name = std::move(name)};
  table.columns = {{"Post"}, {"School"}, {"Role group"}, {"Holder"}};
  if (with_risk)
    table.columns.insert(table.columns.end(), {{"Risk of loss"}, {"Departure window"}});
  table.columns.insert(table.columns.end(), {{"Impact of loss"},
                                             {"Plan"},
                                             {"Named successors", true},
                                             {"Successors"},
                                             {"Ready-now successor"},
                                             {"Emergency successor"},
                                             {"Review due"},
                                             {"Review overdue"},
                                             {"Last discussed"},
                                             {"Actions on track", true},
                                             {"Actions", true},
                                             {"Development actions"}});
  for (const auto& p : posts) {
    std::vector<std::string> row = {p.title, p.school_name, std::string(Label(p.role_group)),
                                    p.holder ? p.holder_name : "Vacant"};
    if (with_risk) row.insert(row.end(), {LabelOr(p.holder_risk), LabelOr(p.departure_window)});
    row.insert(
        row.end(),
        {LabelOr(p.impact), exchange::FormatYesNo(p.plan.has_value()), Count(p.named_successors),
         SuccessorsText(p), exchange::FormatYesNo(p.ready_now_covered()), EmergencyText(p),
         exchange::FormatDate(p.review_on), exchange::FormatYesNo(p.review_overdue),
         exchange::FormatDate(p.last_discussed), Count(p.actions_on_track.numerator),
         Count(p.actions_on_track.denominator), ActionsText(p)});
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::vector<std::string> SchoolRow(const SchoolImplementation& s, std::string meeting) {
  return {s.name,
          Count(s.staff_rated.denominator),
          Count(s.staff_rated.numerator),
          Percent(s.staff_rated),
          std::move(meeting),
          Count(s.key_posts_with_successor.denominator),
          Count(s.key_posts_with_successor.numerator),
          Percent(s.key_posts_with_successor),
          Count(s.key_posts_ready_now.numerator),
          Count(s.overdue_reviews.denominator),
          Count(s.overdue_reviews.numerator),
          Count(s.actions_on_track.denominator),
          Count(s.actions_on_track.numerator),
          Percent(s.actions_on_track)};
}

const std::vector<SheetColumn>& SchoolColumns() {
  static const std::vector<SheetColumn> kColumns = {{"School"},
                                                    {"Staff", true},
                                                    {"Staff rated", true},
                                                    {"Staff rated (%)", true},
                                                    {"Calibration meeting held"},
                                                    {"Key posts", true},
                                                    {"With a successor", true},
                                                    {"With a successor (%)", true},
                                                    {"Ready now", true},
                                                    {"Plans", true},
                                                    {"Overdue reviews", true},
                                                    {"Actions", true},
                                                    {"Actions on track", true},
                                                    {"On track (%)", true}};
  return kColumns;
}

std::string CycleText(const std::optional<talent::ReviewCycle>& cycle) {
  return cycle ? cycle->name : "No review cycle has closed yet";
}

// ---- Routes ----

Result<Response> Board(Context& ctx) {
  const ReportFormat format = TRY(FormatOf(ctx));
  const auto pipeline = TRY(
      succession::ReadTrustPipeline(ctx.services.store, *ctx.trust, ctx.services.clock.Today()));
  const succession::BoardReport report = succession::BuildBoardReport(pipeline);
  TRY(RecordRead(ctx, "board", format));
  if (format != ReportFormat::kJson) {
    const Table tables[] = {KeyPostsTable("Key trust roles", report.roles, true)};
    return Download(tables, format, "board-report", report.on);
  }
  json roles = json::array();
  for (const auto& p : report.roles) roles.push_back(KeyPostJson(p, true));
  return Response::Json({{"report", "board"},
                         {"on", report.on.ToIso()},
                         {"coverage", succession::ToJson(report.coverage)},
                         {"ready_now_coverage", succession::ToJson(report.ready_now_coverage)},
                         {"actions_on_track", succession::ToJson(report.actions_on_track)},
                         {"roles", std::move(roles)}});
}

Result<Response> PayAndPersonnel(Context& ctx) {
  const ReportFormat format = TRY(FormatOf(ctx));
  const Date today = ctx.services.clock.Today();
  const auto pipeline = TRY(succession::ReadTrustPipeline(ctx.services.store, *ctx.trust, today));
  const auto review = TRY(succession::ReadLatestReview(ctx.services.store, *ctx.trust, today));
  const auto report = succession::BuildPayAndPersonnelReport(pipeline, review);
  TRY(RecordRead(ctx, "pay_and_personnel", format));
  if (format != ReportFormat::kJson) {
    Table schools{.name = "Schools", .columns = SchoolColumns()};
    for (const auto& s : report.schools)
      schools.rows.push_back(SchoolRow(s, exchange::FormatYesNo(s.calibration_meeting_held)));
    schools.rows.push_back(
        SchoolRow(report.all_schools, Fraction({report.meetings_held, report.schools.size()})));
    const Table about{.name = "About",
                      .columns = {{"Measure"}, {"Value"}},
                      .rows = {{"Report",
                                "Pay and Personnel Committee: schools' implementation "
                                "of the succession policy"},
                               {"Date", report.on.ToIso()},
                               {"Talent review cycle", CycleText(report.cycle)}}};
    const Table tables[] = {schools, about};
    return Download(tables, format, "pay-and-personnel-report", report.on);
  }
  json schools = json::array();
  for (const auto& s : report.schools) schools.push_back(SchoolJson(s));
  return Response::Json({{"report", "pay_and_personnel"},
                         {"on", report.on.ToIso()},
                         {"cycle", CycleJson(report.cycle)},
                         {"schools", std::move(schools)},
                         {"all_schools", SchoolJson(report.all_schools)},
                         {"meetings_held", report.meetings_held}});
}

Result<Response> LocalGoverningBody(Context& ctx) {
  const ReportFormat format = TRY(FormatOf(ctx));
  const auto school = TRY(QueryId<SchoolTag>(ctx, "school_id"));
  if (!school)
    return Fail(ErrorCode::kInvalidInput, "query parameter school_id is required",
                {{"school_id", "is required", "", {}}});
  const PlanReach reach = PlanReachOf(ctx);
  if (!reach.whole_trust && !reach.schools.contains(*school)) TRY(NotInScope());

  auto& store = ctx.services.store;
  const Date today = ctx.services.clock.Today();
  const auto pipeline = TRY(succession::ReadTrustPipeline(store, *ctx.trust, today));
  const auto review = TRY(succession::ReadLatestReview(store, *ctx.trust, today));
  auto report = succession::BuildLocalGoverningBodyReport(pipeline, review, *school);
  if (!report) TRY(NotInScope());
  if (!reach.whole_trust) {
    std::unordered_map<PostId, org::Post> posts;
    auto key_posts = TRY(store.ListPosts(
        {.trust = *ctx.trust, .key = true, .today = today, .page = {.limit = kAll}}));
    for (auto& p : key_posts.items) posts.emplace(p.id, std::move(p));
    for (KeyPostReport& line : report->posts) {
      auto it = posts.find(line.post);
      if (it == posts.end() || !reach.Covers(it->second)) succession::WithholdDetails(line);
    }
  }
  TRY(RecordRead(ctx, "local_governing_body school " + std::to_string(school->value()), format));

  const SchoolImplementation& figures = report->school;
  if (format != ReportFormat::kJson) {
    const Table school_table{
        .name = "School",
        .columns = {{"Measure"}, {"Value"}},
        .rows = {{"School", figures.name},
                 {"Date", report->on.ToIso()},
                 {"Talent review cycle", CycleText(report->cycle)},
                 {"Staff with a final rating", Fraction(figures.staff_rated)},
                 {"School calibration meeting held",
                  exchange::FormatYesNo(figures.calibration_meeting_held)},
                 {"Key posts with a successor", Fraction(figures.key_posts_with_successor)},
                 {"Key posts with a ready-now successor", Fraction(figures.key_posts_ready_now)},
                 {"Plans overdue for review", Fraction(figures.overdue_reviews)},
                 {"Development actions on track", Fraction(figures.actions_on_track)}}};
    const Table tables[] = {KeyPostsTable("Key posts", report->posts, false), school_table};
    return Download(tables, format, "local-governing-body-report", report->on);
  }
  json posts = json::array();
  for (const auto& p : report->posts) posts.push_back(KeyPostJson(p, false));
  return Response::Json({{"report", "local_governing_body"},
                         {"on", report->on.ToIso()},
                         {"cycle", CycleJson(report->cycle)},
                         {"school", SchoolJson(figures)},
                         {"posts", std::move(posts)}});
}

}  // namespace

std::vector<Route> ReportRoutes() {
  const std::string r = "/api/v1/trusts/{trust_id}/reports";
  return {
      {"GET", r + "/board", Permission::kSuccession,
       "The Board's report: succession of every key trust role (confidential)", Board},
      {"GET", r + "/pay-and-personnel", Permission::kSuccession,
       "The Pay and Personnel Committee's report: each school's implementation of the policy",
       PayAndPersonnel},
      {"GET", r + "/local-governing-body", Permission::kReadSuccession,
       "A Local Governing Body's report on its school (?school_id=)", LocalGoverningBody},
  };
}

}  // namespace trellis::http
