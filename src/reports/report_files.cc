#include "reports/report_files.h"

#include <array>
#include <cmath>
#include <vector>

#include "core/json.h"
#include "exchange/cells.h"
#include "exchange/sheets.h"
#include "succession/json.h"
#include "succession/trust_pipeline.h"

namespace trellis::reports {
namespace {

using exchange::SheetColumn;
using exchange::Table;
using nlohmann::json;
using succession::KeyPostReport;
using succession::Proportion;
using succession::SchoolImplementation;

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

// The file of a report: its JSON, or its tables, named for the report and its day.
Result<ReportFile> File(const json& report, std::span<const Table> tables, Format format,
                        const std::string& name, Date on) {
  const std::string stem = name + "-" + on.ToIso();
  switch (format) {
    case Format::kJson:
      return ReportFile{.name = stem + ".json", .bytes = report.dump(2) + "\n"};
    case Format::kCsv:
      return ReportFile{.name = stem + ".csv", .bytes = exchange::TablesToCsv(tables)};
    case Format::kXlsx: {
      auto bytes = TRY(exchange::TablesToXlsx(tables));  // not inside the initializer: result.h
      return ReportFile{.name = stem + ".xlsx", .bytes = std::move(bytes)};
    }
  }
  return Fail(ErrorCode::kInternal, "unknown report format");
}

Result<void> Record(succession::PlanService& plans, TrustId trust, const std::string& report,
                    Format format, const org::Actor& actor) {
  return plans.RecordRead(trust, succession::SuccessionRead::kReport, report,
                          json{{"format", Code(format)}}.dump(), actor);
}

}  // namespace

// ---- Reads ----

Result<succession::BoardReport> ReadBoardReport(store::Store& store, TrustId trust, Date today) {
  return succession::BuildBoardReport(TRY(succession::ReadTrustPipeline(store, trust, today)));
}

Result<succession::PayAndPersonnelReport> ReadPayAndPersonnelReport(store::Store& store,
                                                                    TrustId trust, Date today) {
  const auto pipeline = TRY(succession::ReadTrustPipeline(store, trust, today));
  const auto review = TRY(succession::ReadLatestReview(store, trust, today));
  return succession::BuildPayAndPersonnelReport(pipeline, review);
}

Result<std::optional<succession::LocalGoverningBodyReport>> ReadLocalGoverningBodyReport(
    store::Store& store, TrustId trust, SchoolId school, Date today) {
  const auto pipeline = TRY(succession::ReadTrustPipeline(store, trust, today));
  const auto review = TRY(succession::ReadLatestReview(store, trust, today));
  return succession::BuildLocalGoverningBodyReport(pipeline, review, school);
}

// ---- JSON ----

json ToJson(const succession::BoardReport& report) {
  json roles = json::array();
  for (const auto& p : report.roles) roles.push_back(KeyPostJson(p, true));
  return {{"report", "board"},
          {"on", report.on.ToIso()},
          {"coverage", succession::ToJson(report.coverage)},
          {"ready_now_coverage", succession::ToJson(report.ready_now_coverage)},
          {"actions_on_track", succession::ToJson(report.actions_on_track)},
          {"roles", std::move(roles)}};
}

json ToJson(const succession::PayAndPersonnelReport& report) {
  json schools = json::array();
  for (const auto& s : report.schools) schools.push_back(SchoolJson(s));
  return {{"report", "pay_and_personnel"},
          {"on", report.on.ToIso()},
          {"cycle", CycleJson(report.cycle)},
          {"schools", std::move(schools)},
          {"all_schools", SchoolJson(report.all_schools)},
          {"meetings_held", report.meetings_held}};
}

json ToJson(const succession::LocalGoverningBodyReport& report) {
  json posts = json::array();
  for (const auto& p : report.posts) posts.push_back(KeyPostJson(p, false));
  return {{"report", "local_governing_body"},
          {"on", report.on.ToIso()},
          {"cycle", CycleJson(report.cycle)},
          {"school", SchoolJson(report.school)},
          {"posts", std::move(posts)}};
}

// ---- Files ----

Result<ReportFile> FileOf(const succession::BoardReport& report, Format format) {
  const Table tables[] = {KeyPostsTable("Key trust roles", report.roles, true)};
  return File(ToJson(report), tables, format, "board-report", report.on);
}

Result<ReportFile> FileOf(const succession::PayAndPersonnelReport& report, Format format) {
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
  return File(ToJson(report), tables, format, "pay-and-personnel-report", report.on);
}

Result<ReportFile> FileOf(const succession::LocalGoverningBodyReport& report, Format format) {
  const SchoolImplementation& figures = report.school;
  const Table school_table{
      .name = "School",
      .columns = {{"Measure"}, {"Value"}},
      .rows = {{"School", figures.name},
               {"Date", report.on.ToIso()},
               {"Talent review cycle", CycleText(report.cycle)},
               {"Staff with a final rating", Fraction(figures.staff_rated)},
               {"School calibration meeting held",
                exchange::FormatYesNo(figures.calibration_meeting_held)},
               {"Key posts with a successor", Fraction(figures.key_posts_with_successor)},
               {"Key posts with a ready-now successor", Fraction(figures.key_posts_ready_now)},
               {"Plans overdue for review", Fraction(figures.overdue_reviews)},
               {"Development actions on track", Fraction(figures.actions_on_track)}}};
  const Table tables[] = {KeyPostsTable("Key posts", report.posts, false), school_table};
  return File(ToJson(report), tables, format, "local-governing-body-report", report.on);
}

// ---- Reads recorded ----

Result<void> RecordRead(succession::PlanService& plans, TrustId trust,
                        const succession::BoardReport&, Format format, const org::Actor& actor) {
  return Record(plans, trust, "board", format, actor);
}

Result<void> RecordRead(succession::PlanService& plans, TrustId trust,
                        const succession::PayAndPersonnelReport&, Format format,
                        const org::Actor& actor) {
  return Record(plans, trust, "pay_and_personnel", format, actor);
}

Result<void> RecordRead(succession::PlanService& plans, TrustId trust,
                        const succession::LocalGoverningBodyReport& report, Format format,
                        const org::Actor& actor) {
  return Record(plans, trust,
                "local_governing_body school " + std::to_string(report.school.school.value()),
                format, actor);
}

}  // namespace trellis::reports

namespace trellis {

template <>
std::span<const EnumName<reports::Format>> EnumNames() {
  using reports::Format;
  static constexpr std::array<EnumName<Format>, 3> kNames = {{
      {Format::kJson, "json", "JSON"},
      {Format::kCsv, "csv", "CSV"},
      {Format::kXlsx, "xlsx", "XLSX"},
  }};
  return kNames;
}

}  // namespace trellis
