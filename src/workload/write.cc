#include "workload/write.h"

#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <memory>
#include <span>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/json.h"
#include "demo/names.h"
#include "exchange/cells.h"
#include "exchange/columns.h"
#include "exchange/csv.h"
#include "exchange/exchange.h"

namespace trellis::workload {
namespace {

namespace fs = std::filesystem;
using exchange::Kind;

// The kinds a group's folder holds, in the order they import (docs/import-formats.md).
constexpr std::array kImportOrder = {
    Kind::kSchools,     Kind::kBodies,    Kind::kPeople,       Kind::kPosts,       Kind::kHoldings,
    Kind::kMemberships, Kind::kLineLinks, Kind::kRoleProfiles, Kind::kAssessments, Kind::kRatings,
    Kind::kRisks,       Kind::kKeyPosts,  Kind::kSuccessors,
};

constexpr size_t kFlushBytes = size_t{1} << 20;

std::string_view KindOfGroup(const Group& group) {
  return group.IsTrust() ? "trust" : "local-authority group";
}

// YYYY-MM-DD into `out`, without the allocation of Date::ToIso (millions of dates).
void AppendDate(std::string& out, Date day) {
  const std::chrono::year_month_day ymd{day.days()};
  const int year = static_cast<int>(ymd.year());
  const auto month = static_cast<unsigned>(ymd.month());
  const auto dom = static_cast<unsigned>(ymd.day());
  char buf[10] = {static_cast<char>('0' + year / 1000 % 10),
                  static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10),
                  static_cast<char>('0' + year % 10),
                  '-',
                  static_cast<char>('0' + month / 10),
                  static_cast<char>('0' + month % 10),
                  '-',
                  static_cast<char>('0' + dom / 10),
                  static_cast<char>('0' + dom % 10)};
  out.append(buf, sizeof buf);
}

// One CSV file written as it goes: a row's cells are set by their column (the indexes of
// exchange/columns.h), blank unless set, then appended to a buffer that goes to the file a
// megabyte at a time.
class CsvFile {
 public:
  CsvFile() = default;
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  ~CsvFile() {
    if (file_) std::fclose(file_);
  }

  [[nodiscard]] Result<void> Open(const fs::path& path, std::span<const std::string_view> header) {
    path_ = path;
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) return Fail(ErrorCode::kInternal, "cannot create " + path.string());
    cells_.assign(header.size(), {});
    for (size_t i = 0; i < header.size(); ++i) cells_[i] = header[i];
    return End();
  }

  [[nodiscard]] Result<void> Open(const fs::path& path, Kind kind) {
    std::vector<std::string_view> header;
    for (const auto& column : exchange::ColumnsOf(kind)) header.push_back(column.name);
    return Open(path, header);
  }

  // Text a spreadsheet would run as a formula goes behind a ' (exchange/cells.h), as exports do.
  CsvFile& Text(size_t column, std::string_view text) {
    if (!text.empty() && std::string_view("=+-@\t\r'").find(text.front()) != std::string_view::npos)
      cells_[column] = exchange::GuardFormula(text);
    else
      cells_[column].assign(text);
    return *this;
  }
  CsvFile& Number(size_t column, int64_t value) {
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
    cells_[column].assign(buf, end);
    return *this;
  }
  CsvFile& Decimal(size_t column, double value) {
    cells_[column] = exchange::FormatNumber(value);
    return *this;
  }
  CsvFile& Day(size_t column, Date day) {
    cells_[column].clear();
    AppendDate(cells_[column], day);
    return *this;
  }
  CsvFile& YesNo(size_t column, bool value) {
    cells_[column].assign(value ? "yes" : "no");
    return *this;
  }

  // Ends the row: its cells go to the buffer and are blank again.
  [[nodiscard]] Result<void> End() {
    exchange::csv::AppendRecord(buffer_, cells_);
    for (auto& cell : cells_) cell.clear();
    return buffer_.size() >= kFlushBytes ? Flush() : Ok();
  }

  [[nodiscard]] Result<void> Close() {
    TRY(Flush());
    const bool failed = std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed) return Fail(ErrorCode::kInternal, "cannot write " + path_.string());
    return Ok();
  }

  int64_t bytes() const { return bytes_; }

 private:
  [[nodiscard]] Result<void> Flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
      return Fail(ErrorCode::kInternal, "cannot write " + path_.string());
    bytes_ += static_cast<int64_t>(buffer_.size());
    buffer_.clear();
    return Ok();
  }

  fs::path path_;
  std::FILE* file_ = nullptr;
  std::vector<std::string> cells_;
  std::string buffer_;
  int64_t bytes_ = 0;
};

// The part of a name an email address takes: lower case letters, digits and hyphens.
std::string EmailPart(std::string_view name) {
  std::string out;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-') out += static_cast<char>(std::tolower(byte));
  }
  return out;
}

// What every group's files share: the name tables' email forms.
struct Names {
  std::vector<std::string> given, family;
  Names() {
    for (auto name : demo::GivenNames()) given.push_back(EmailPart(name));
    for (auto name : demo::FamilyNames()) family.push_back(EmailPart(name));
  }
};

// A formatter of numbers (FTE) that were formatted before: a workload has a dozen values.
class Decimals {
 public:
  const std::string& Of(double value) {
    for (const auto& [v, text] : seen_)
      if (v == value) return text;
    seen_.emplace_back(value, exchange::FormatNumber(value));
    return seen_.back().second;
  }

 private:
  std::vector<std::pair<double, std::string>> seen_;
};

// Writes one group's files.
class GroupWriter {
 public:
  GroupWriter(const Group& group, const Workforce& w, const Names& names, Decimals& decimals)
      : group_(group), w_(w), names_(names), decimals_(decimals) {
    references_.reserve(w.people.size());
    for (Index p = 0; p < w.people.size(); ++p) references_.push_back(PersonReference(group, p));
    std::string domain = "@";
    for (char c : group.reference)
      domain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    domain_ = domain + ".example";
  }

  // A kind without records has no file: the import refuses a file with no data rows.
  [[nodiscard]] Result<int64_t> Write(const fs::path& folder, CsvFile& nation_people) {
    int64_t bytes = 0;
    for (Kind kind : kImportOrder) {
      if (RecordsOf(kind) == 0) continue;
      CsvFile file;
      TRY(file.Open(folder / (std::string(exchange::KindCode(kind)) + ".csv"), kind));
      TRY(Rows(kind, file));
      if (kind == Kind::kPeople) TRY(People(nation_people));
      TRY(file.Close());
      bytes += file.bytes();
    }
    return bytes;
  }

 private:
  const std::string& Ref(Index person) const { return references_[person]; }
  const std::string& PostRef(Index post) const { return w_.posts[post].reference; }

  size_t RecordsOf(Kind kind) const {
    switch (kind) {
      case Kind::kSchools:
        return group_.schools.size();
      case Kind::kBodies:
        return w_.bodies.size();
      case Kind::kPeople:
        return w_.people.size();
      case Kind::kPosts:
        return w_.posts.size();
      case Kind::kHoldings:
        return w_.holdings.size();
      case Kind::kMemberships:
        return w_.memberships.size();
      case Kind::kLineLinks:
        return w_.line_links.size();
      case Kind::kRoleProfiles:
        return RoleProfiles().size();
      case Kind::kAssessments:
        return w_.assessments.size();
      case Kind::kRatings:
        return w_.ratings.size();
      case Kind::kRisks:
        return w_.risks.size();
      case Kind::kKeyPosts:
        return w_.key_posts.size();
      case Kind::kSuccessors:
        return w_.successors.size();
      case Kind::kGias:
        break;
    }
    return 0;
  }

  [[nodiscard]] Result<void> Rows(Kind kind, CsvFile& f) {
    switch (kind) {
      case Kind::kSchools:
        return Schools(f);
      case Kind::kBodies:
        return Bodies(f);
      case Kind::kPeople:
        return People(f);
      case Kind::kPosts:
        return Posts(f);
      case Kind::kHoldings:
        return Holdings(f);
      case Kind::kMemberships:
        return Memberships(f);
      case Kind::kLineLinks:
        return LineLinks(f);
      case Kind::kRoleProfiles:
        return RoleProfileRows(f);
      case Kind::kAssessments:
        return Assessments(f);
      case Kind::kRatings:
        return Ratings(f);
      case Kind::kRisks:
        return Risks(f);
      case Kind::kKeyPosts:
        return KeyPosts(f);
      case Kind::kSuccessors:
        return Successors(f);
      case Kind::kGias:
        break;
    }
    return Ok();
  }

  [[nodiscard]] Result<void> Schools(CsvFile& f) {
    using namespace exchange::school_col;
    for (size_t s = 0; s < group_.schools.size(); ++s) {
      const School& school = group_.schools[s];
      f.Number(kUrn, school.urn)
          .Text(kName, school.name)
          .Text(kPhase, GiasPhase(school.phase))
          .Text(kType, school.type)
          .Text(kStatus, "Open")
          .Number(kPupils, w_.pupils[s])
          .Text(kPostcode, school.postcode);
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> Bodies(CsvFile& f) {
    using namespace exchange::body_col;
    for (const Body& body : w_.bodies) {
      f.Text(kName, body.name).Text(kKind, Code(body.kind));
      if (body.school) f.Number(kSchoolUrn, group_.schools[*body.school].urn);
      if (body.parent) f.Text(kParent, w_.bodies[*body.parent].name);
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> People(CsvFile& f) {
    using namespace exchange::person_col;
    std::string email;
    for (Index p = 0; p < w_.people.size(); ++p) {
      const Person& person = w_.people[p];
      f.Text(kReference, Ref(p))
          .Text(kGivenName, demo::GivenNames()[person.given])
          .Text(kFamilyName, demo::FamilyNames()[person.family])
          .Day(kJoined, person.joined);
      if (person.stage) f.Text(kStage, Code(*person.stage));
      if (person.kind != PersonKind::kGovernor) {
        email = names_.given[person.given];
        email += '.';
        email += names_.family[person.family];
        if (person.email_number > 0) email += std::to_string(person.email_number);
        email += domain_;
        f.Text(kEmail, email);
      }
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> Posts(CsvFile& f) {
    using namespace exchange::post_col;
    for (const Post& post : w_.posts) {
      f.Text(kReference, post.reference)
          .Text(kTitle, post.title)
          .Text(kFamily, Code(post.family))
          .Text(kCensusRole, post.census_role)
          .Text(kFte, decimals_.Of(post.fte))
          .YesNo(kKey, IsKey(post.role));
      if (post.school) f.Number(kSchoolUrn, group_.schools[*post.school].urn);
      if (post.body) f.Text(kBody, w_.bodies[*post.body].name);
      if (post.stage) f.Text(kStage, Code(*post.stage));
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> Holdings(CsvFile& f) {
    using namespace exchange::holding_col;
    for (const Holding& h : w_.holdings) {
      f.Text(kPost, PostRef(h.post))
          .Text(kPerson, Ref(h.person))
          .Day(kStart, h.start)
          .Text(kContract, Code(h.contract))
          .Text(kFte, decimals_.Of(h.fte));
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> Memberships(CsvFile& f) {
    using namespace exchange::membership_col;
    for (const Membership& m : w_.memberships) {
      f.Text(kBody, w_.bodies[m.body].name)
          .Text(kPerson, Ref(m.person))
          .Text(kRole, Code(m.role))
          .Day(kTermStart, m.term_start);
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> LineLinks(CsvFile& f) {
    using namespace exchange::line_link_col;
    for (const LineLink& l : w_.line_links) {
      f.Text(kManager, Ref(l.manager)).Text(kReport, Ref(l.report)).Day(kStart, l.start);
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> RoleProfileRows(CsvFile& f) {
    using namespace exchange::role_profile_col;
    for (const RoleProfile& profile : RoleProfiles())
      for (const Requirement& r : profile.requirements) {
        f.Text(kName, profile.name)
            .Text(kStage, Code(profile.stage))
            .Text(kFramework, r.framework)
            .Text(kCompetency, r.competency)
            .Number(kLevel, r.level)
            .Text(kWeight, decimals_.Of(r.weight));
        TRY(f.End());
      }
    return Ok();
  }

  [[nodiscard]] Result<void> Assessments(CsvFile& f) {
    using namespace exchange::assessment_col;
    for (const Assessment& a : w_.assessments) {
      f.Text(kPerson, Ref(a.person))
          .Text(kFramework, a.requirement->framework)
          .Text(kCompetency, a.requirement->competency)
          .Number(kLevel, a.level)
          .Day(kAssessedOn, a.assessed_on)
          .Text(kAssessor, Ref(a.assessor));
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> Ratings(CsvFile& f) {
    using namespace exchange::rating_col;
    for (const Rating& r : w_.ratings) {
      f.Number(kYear, kReviewYear)
          .Text(kPerson, Ref(r.person))
          .Number(kPerformance, r.performance)
          .Number(kPotential, r.potential)
          .Text(kRater, Ref(r.rater))
          .Text(kRationale, RationaleFor(r.performance, r.potential));
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> Risks(CsvFile& f) {
    using namespace exchange::risk_col;
    for (const Risk& r : w_.risks) {
      f.Text(kPerson, Ref(r.person)).Text(kRisk, Code(r.risk)).Day(kAssessedOn, r.assessed_on);
      if (r.window) f.Text(kWindow, Code(*r.window));
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> KeyPosts(CsvFile& f) {
    using namespace exchange::key_post_col;
    for (const KeyPost& k : w_.key_posts) {
      f.Text(kPost, PostRef(k.post))
          .Text(kImpact, Code(k.impact))
          .Day(kReviewOn, k.review_on)
          .YesNo(kConsiderExternal, k.consider_external);
      TRY(f.End());
    }
    return Ok();
  }

  [[nodiscard]] Result<void> Successors(CsvFile& f) {
    using namespace exchange::successor_col;
    for (const Successor& s : w_.successors) {
      f.Text(kPost, PostRef(s.post))
          .Number(kRank, s.rank)
          .Text(kPerson, Ref(s.person))
          .YesNo(kEmergency, s.emergency);
      TRY(f.End());
    }
    return Ok();
  }

  const Group& group_;
  const Workforce& w_;
  const Names& names_;
  Decimals& decimals_;
  std::vector<std::string> references_;  // per person
  std::string domain_;                   // "@tr00746.example"
};

nlohmann::json CountsJson(const WorkforceCounts& c) {
  return {{"schools", c.schools},
          {"people", c.people},
          {"staff", c.staff()},
          {"teachers", c.teachers},
          {"teaching_assistants", c.teaching_assistants},
          {"support_staff", c.support_staff},
          {"governors", c.governors},
          {"posts", c.posts},
          {"key_posts", c.key_posts},
          {"headteachers", c.headteachers},
          {"deputy_heads", c.deputy_heads},
          {"executive_posts", c.executive_posts},
          {"bodies", c.bodies},
          {"holdings", c.holdings},
          {"memberships", c.memberships},
          {"line_links", c.line_links},
          {"assessments", c.assessments},
          {"ratings", c.ratings},
          {"risks", c.risks},
          {"successors", c.successors}};
}

[[nodiscard]] Result<void> WriteManifest(const fs::path& out, const Nation& nation,
                                         const GenerateOptions& options,
                                         const GenerateSummary& summary) {
  nlohmann::json order = nlohmann::json::array();
  for (Kind kind : kImportOrder) order.push_back(std::string(exchange::KindCode(kind)) + ".csv");
  const nlohmann::json manifest = {
      {"generator", "trellis generate"},
      {"generator_version", kGeneratorVersion},
      {"seed", options.seed},
      {"size", ToText(options.size)},
      {"as_of", kAsOf.ToIso()},
      {"review_year", kReviewYear},
      {"groups", summary.groups},
      {"trusts", summary.trusts},
      {"local_authority_groups", summary.local_authority_groups},
      {"schools_left_out",
       options.size.kind == Size::Kind::kNational ? nation.schools_left_out : 0},
      {"counts", CountsJson(summary.counts)},
      {"import_order", order},
      {"files",
       {{"trusts.csv", "one row per group: reference, name, kind, schools, people, key_posts"},
        {"people.csv", "every group's people in one file; references unique in the nation"},
        {"<reference>/<kind>.csv",
         "a group's files, imported in import_order into a trust "
         "with that reference (trellis trust add --reference); a "
         "kind the group has no records of has no file"}}},
      {"sources",
       {"data/gias/establishments_2022-07-06.csv (DfE Get Information about Schools, Open "
        "Government Licence)",
        "data/gias/academy_trust_links_2016-12.csv (DfE GIAS academies and trusts, Open "
        "Government Licence)"}}};
  const std::string text = manifest.dump(2) + "\n";
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      std::fopen((out / "manifest.json").c_str(), "wb"), &std::fclose);
  if (!file || std::fwrite(text.data(), 1, text.size(), file.get()) != text.size())
    return Fail(ErrorCode::kInternal, "cannot write " + (out / "manifest.json").string());
  return Ok();
}

}  // namespace

Result<void> PrepareOutput(const fs::path& out) {
  std::error_code error;
  const auto status = fs::status(out, error);
  if (fs::exists(status)) {
    if (!fs::is_directory(status))
      return Fail(ErrorCode::kInvalidInput, out.string() + " is a file, not a folder",
                  {{"out", "must be a new or empty folder", out.string(), std::nullopt}});
    // Like `backup` onto an existing file: a conflict, never an overwrite.
    if (!fs::is_empty(out, error) || error)
      return Fail(ErrorCode::kConflict,
                  out.string() +
                      " is not empty: the workload is written only into a new or "
                      "empty folder",
                  {{"out", "must be a new or empty folder", out.string(), std::nullopt}});
    return Ok();
  }
  if (!fs::create_directories(out, error) || error)
    return Fail(ErrorCode::kInvalidInput,
                "cannot create " + out.string() + (error ? ": " + error.message() : ""),
                {{"out", "cannot be created", out.string(), std::nullopt}});
  return Ok();
}

Result<GenerateSummary> WriteWorkload(const Nation& nation, const GenerateOptions& options,
                                      const fs::path& out) {
  const std::vector<const Group*> groups = SelectGroups(nation, options.size);
  const Names names;
  Decimals decimals;
  GenerateSummary summary;

  CsvFile people;
  TRY(people.Open(out / "people.csv", Kind::kPeople));
  CsvFile index;
  constexpr std::array<std::string_view, 6> kIndexHeader = {"reference", "name",   "kind",
                                                            "schools",   "people", "key_posts"};
  TRY(index.Open(out / "trusts.csv", kIndexHeader));

  for (const Group* group : groups) {
    const Workforce workforce = Staff(*group, options.seed);
    const WorkforceCounts counts = Count(workforce);
    const fs::path folder = out / group->reference;
    std::error_code error;
    fs::create_directory(folder, error);
    if (error)
      return Fail(ErrorCode::kInternal,
                  "cannot create " + folder.string() + ": " + error.message());
    summary.bytes += TRY(GroupWriter(*group, workforce, names, decimals).Write(folder, people));

    index.Text(0, group->reference)
        .Text(1, group->name)
        .Text(2, KindOfGroup(*group))
        .Number(3, counts.schools)
        .Number(4, counts.people)
        .Number(5, counts.key_posts);
    TRY(index.End());
    ++summary.groups;
    ++(group->IsTrust() ? summary.trusts : summary.local_authority_groups);
    summary.counts += counts;
  }
  TRY(people.Close());
  TRY(index.Close());
  summary.bytes += people.bytes() + index.bytes();
  TRY(WriteManifest(out, nation, options, summary));
  return summary;
}

}  // namespace trellis::workload
