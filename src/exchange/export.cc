// Export: a trust's records of one kind, in the columns the import takes.

#include <algorithm>
#include <functional>
#include <tuple>
#include <unordered_map>

#include "exchange/cells.h"
#include "exchange/columns.h"
#include "exchange/export_rows.h"
#include "exchange/sheets.h"

namespace trellis::exchange {
namespace {

std::string NumberOrBlank(const std::optional<int64_t>& value) {
  return value ? std::to_string(*value) : std::string();
}

struct Names {
  std::unordered_map<SchoolId, std::string> school_urns;
  std::unordered_map<BodyId, std::string> bodies;
  std::unordered_map<PersonId, std::string> people;
  std::unordered_map<PostId, std::string> posts;
};

Result<void> EmitSchools(store::Store& store, TrustId trust, const RowSink& sink) {
  auto schools = TRY(AllSchools(store, trust));
  std::sort(schools.begin(), schools.end(),
            [](const auto& a, const auto& b) { return a.urn < b.urn; });
  for (const auto& s : schools)
    sink(std::vector<std::string>{std::to_string(s.urn), s.name, s.phase, s.type, s.status,
                                  s.local_authority, s.region, NumberOrBlank(s.pupils), s.postcode,
                                  NumberOrBlank(s.easting), NumberOrBlank(s.northing)});
  return Ok();
}

Result<void> EmitBodies(store::Store& store, TrustId trust, const RowSink& sink) {
  Names names;
  for (const auto& s : TRY(AllSchools(store, trust)))
    names.school_urns.emplace(s.id, std::to_string(s.urn));
  auto bodies = TRY(AllBodies(store, trust));
  for (const auto& b : bodies) names.bodies.emplace(b.id, b.name);
  // The Board, then its committees, then local governing bodies: parents before children.
  std::sort(bodies.begin(), bodies.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
  });
  for (const auto& b : bodies)
    sink(std::vector<std::string>{b.name, std::string(Code(b.kind)),
                                  Lookup(names.school_urns, b.school),
                                  Lookup(names.bodies, b.parent)});
  return Ok();
}

Result<void> EmitPeople(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  auto people = TRY(AllPeople(store, trust, today));
  std::sort(people.begin(), people.end(),
            [](const auto& a, const auto& b) { return a.reference < b.reference; });
  for (const auto& p : people)
    sink(std::vector<std::string>{p.reference, p.given_name, p.family_name, p.email,
                                  CodeOrBlank(p.stage), FormatDate(p.joined_trust),
                                  FormatDate(p.left_trust)});
  return Ok();
}

Result<void> EmitPosts(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  Names names;
  for (const auto& s : TRY(AllSchools(store, trust)))
    names.school_urns.emplace(s.id, std::to_string(s.urn));
  for (const auto& b : TRY(AllBodies(store, trust))) names.bodies.emplace(b.id, b.name);
  auto posts = TRY(AllPosts(store, trust, today));
  std::sort(posts.begin(), posts.end(),
            [](const auto& a, const auto& b) { return a.reference < b.reference; });
  for (const auto& p : posts)
    sink(std::vector<std::string>{p.reference, p.title, Lookup(names.school_urns, p.school),
                                  Lookup(names.bodies, p.body), std::string(Code(p.family)),
                                  CodeOrBlank(p.stage), p.workforce_census_role,
                                  FormatNumber(p.fte), FormatYesNo(p.key)});
  return Ok();
}

Result<void> EmitHoldings(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  Names names;
  names.posts = TRY(PostReferences(store, trust, today));
  names.people = TRY(PersonReferences(store, trust, today));
  std::vector<std::vector<std::string>> rows;
  for (const auto& h : TRY(AllHoldings(store, trust)))
    rows.push_back({Lookup(names.posts, h.post), Lookup(names.people, h.person), h.start.ToIso(),
                    FormatDate(h.end), std::string(Code(h.contract)), FormatNumber(h.fte)});
  SortRows(rows);
  for (const auto& row : rows) sink(row);
  return Ok();
}

Result<void> EmitMemberships(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  Names names;
  for (const auto& b : TRY(AllBodies(store, trust))) names.bodies.emplace(b.id, b.name);
  names.people = TRY(PersonReferences(store, trust, today));
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : TRY(AllMemberships(store, trust)))
    rows.push_back({Lookup(names.bodies, m.body), Lookup(names.people, m.person),
                    std::string(Code(m.role)), m.term_start.ToIso(), FormatDate(m.term_end)});
  SortRows(rows);
  for (const auto& row : rows) sink(row);
  return Ok();
}

Result<void> EmitLineLinks(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  const auto people = TRY(PersonReferences(store, trust, today));
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : TRY(AllLineLinks(store, trust)))
    rows.push_back(
        {Lookup(people, l.manager), Lookup(people, l.report), l.start.ToIso(), FormatDate(l.end)});
  SortRows(rows);
  for (const auto& row : rows) sink(row);
  return Ok();
}

Result<void> EmitRows(store::Store& store, Kind kind, TrustId trust, Date today,
                      const ExportOptions& options, const RowSink& sink) {
  switch (kind) {
    case Kind::kSchools:
      return EmitSchools(store, trust, sink);
    case Kind::kBodies:
      return EmitBodies(store, trust, sink);
    case Kind::kPeople:
      return EmitPeople(store, trust, today, sink);
    case Kind::kPosts:
      return EmitPosts(store, trust, today, sink);
    case Kind::kHoldings:
      return EmitHoldings(store, trust, today, sink);
    case Kind::kMemberships:
      return EmitMemberships(store, trust, today, sink);
    case Kind::kLineLinks:
      return EmitLineLinks(store, trust, today, sink);
    case Kind::kRoleProfiles:
      return EmitRoleProfiles(store, trust, today, sink);
    case Kind::kAssessments:
      return EmitAssessments(store, trust, today, sink);
    case Kind::kRatings:
      return EmitRatings(store, trust, today, options.year, sink);
    case Kind::kRisks:
      return EmitRisks(store, trust, today, sink);
    case Kind::kKeyPosts:
      return EmitKeyPosts(store, trust, today, sink);
    case Kind::kSuccessors:
      return EmitSuccessors(store, trust, today, sink);
    case Kind::kGias:
      break;
  }
  return Fail(ErrorCode::kInvalidInput, "GIAS files can be imported but not exported");
}

std::vector<SheetColumn> SheetColumnsOf(Kind kind) {
  std::vector<SheetColumn> columns;
  for (const auto& column : ColumnsOf(kind))
    columns.push_back({.name = std::string(column.name), .numeric = column.numeric});
  return columns;
}

// Text cells go behind GuardFormula (CsvWriter), so no cell of the file runs as a spreadsheet
// formula. Numeric columns are left alone (they hold only numbers we formatted); dates, codes
// and yes/no never start with a formula character, so guarding every other column guards all
// the text a user typed, references to other records included.
Result<std::string> ExportCsv(store::Store& store, Kind kind, TrustId trust, Date today,
                              const ExportOptions& options) {
  CsvWriter writer;
  writer.Begin(SheetColumnsOf(kind));
  TRY(EmitRows(store, kind, trust, today, options,
               [&](std::span<const std::string> cells) { writer.Row(cells); }));
  return std::move(writer).Finish();
}

Result<std::string> ExportXlsx(store::Store& store, Kind kind, TrustId trust, Date today,
                               const ExportOptions& options) {
  auto writer = TRY(XlsxWriter::Open());
  writer.Begin(KindCode(kind), SheetColumnsOf(kind));
  TRY(EmitRows(store, kind, trust, today, options,
               [&](std::span<const std::string> cells) { writer.Row(cells); }));
  return std::move(writer).Finish();
}

}  // namespace

Result<std::unordered_map<PersonId, std::string>> PersonReferences(store::Store& store,
                                                                   TrustId trust, Date today) {
  std::unordered_map<PersonId, std::string> references;
  for (auto& p : TRY(AllPeople(store, trust, today)))
    references.emplace(p.id, std::move(p.reference));
  return references;
}

Result<std::unordered_map<PostId, std::string>> PostReferences(store::Store& store, TrustId trust,
                                                               Date today) {
  std::unordered_map<PostId, std::string> references;
  for (auto& p : TRY(AllPosts(store, trust, today)))
    references.emplace(p.id, std::move(p.reference));
  return references;
}

void SortRows(std::vector<std::vector<std::string>>& rows) { std::sort(rows.begin(), rows.end()); }

Result<std::string> Export(store::Store& store, Kind kind, TrustId trust, Format format, Date today,
                           const ExportOptions& options) {
  if (!CanExport(kind))
    return Fail(ErrorCode::kInvalidInput, "GIAS files can be imported but not exported");
  TRY(store.GetTrust(trust));
  switch (format) {
    case Format::kCsv:
      return ExportCsv(store, kind, trust, today, options);
    case Format::kXlsx:
      return ExportXlsx(store, kind, trust, today, options);
  }
  return Fail(ErrorCode::kInvalidInput, "unknown export format");
}

bool IsConfidential(Kind kind) {
  return kind == Kind::kRatings || kind == Kind::kRisks || kind == Kind::kKeyPosts ||
         kind == Kind::kSuccessors;
}

Result<void> RecordExportRead(talent::ReviewService& review, succession::PlanService& plans,
                              Kind kind, TrustId trust, const ExportOptions& options,
                              const org::Actor& actor) {
  switch (kind) {
    case Kind::kRatings:
      return review.RecordRatingsRead(
          trust,
          "export" + (options.year ? ", cycle of " + std::to_string(*options.year) : std::string()),
          actor);
    case Kind::kRisks:
      return plans.RecordRisksRead(trust, "export", actor);
    case Kind::kKeyPosts:
    case Kind::kSuccessors:
      return plans.RecordPlansRead(trust, "export", actor);
    default:
      return Ok();
  }
}

}  // namespace trellis::exchange
