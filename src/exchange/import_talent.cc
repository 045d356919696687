// The importers of talent records: role profiles (a row per requirement), competency
// assessments, and the 9-box ratings of one review cycle.

#include <map>

#include "exchange/importer.h"
#include "org/field_problems.h"
#include "org/people.h"
#include "org/record_writes.h"
#include "talent/json.h"
#include "talent/review.h"
#include "talent/validation.h"

namespace trellis::exchange {
namespace {

// The competency a row names by its framework, framework version and competency columns.
std::optional<CompetencyId> ReadCompetency(RowReader& r, const CompetencyCatalogue& catalogue,
                                           size_t framework_column, size_t version_column,
                                           size_t competency_column) {
  const auto code = r.Text(framework_column);
  const auto competency = r.Text(competency_column);
  if (code.empty()) r.AddProblem(framework_column, "is required", code);
  if (competency.empty()) r.AddProblem(competency_column, "is required", competency);
  if (code.empty() || competency.empty()) return std::nullopt;
  auto match = catalogue.FindFramework(code, r.Text(version_column));
  if (!match.framework) {
    const size_t column = match.version_at_fault ? version_column : framework_column;
    r.AddProblem(column, std::move(match.reason), r.Text(column));
    r.Settle(competency_column);
    return std::nullopt;
  }
  auto id = catalogue.FindCompetency(*match.framework, competency);
  if (!id)
    r.AddProblem(
        competency_column,
        "framework " + match.framework->framework.code + " has no competency with this code",
        competency);
  return id;
}

// ---------------------------------------------------------------------------- role profiles

// A profile belongs to one post or one career stage: the key its rows are grouped by and a
// stored profile is found by (the store keeps one per post and one per stage).
int64_t TargetKey(const std::optional<PostId>& post, const std::optional<org::CareerStage>& stage) {
  return post ? post->value() : -static_cast<int64_t>(*stage);
}

class RoleProfileImporter final : public Importer {
 public:
  RoleProfileImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    for (const auto& post : TRY(AllPosts(store, trust_, today_)))
      posts_.emplace(post.reference, post.id);
    catalogue_ = TRY(CompetencyCatalogue::Load(store, trust_));
    for (auto& profile : TRY(AllRoleProfiles(store, trust_)))
      stored_.emplace(TargetKey(profile.post, profile.stage), std::move(profile));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& /*problems*/) override {
    using namespace role_profile_col;
    RequirementRow row{.cells = {r.row(), r.Cells()}, .name_given = r.present(kName)};
    row.name = r.Text(kName);
    row.post = r.OptionalReference(kPost, posts_, kUnknownPost);
    r.Read(kStage, row.stage);
    if (auto competency = ReadCompetency(r, catalogue_, kFramework, kFrameworkVersion, kCompetency))
      row.requirement.competency = *competency;
    if (auto level = r.RequiredSmallNumber(kLevel)) row.requirement.level = *level;
    r.Read(kWeight, row.requirement.weight, 1.0);
    if (r.ok()) rows_.push_back(std::move(row));
  }

  // Rows of one post (or stage) make its profile; the profile's rules (talent::Check) are
  // checked on the whole of it.
  void Finish(const Sheet& sheet, ProblemList& problems) override {
    std::map<int64_t, std::vector<const RequirementRow*>> groups;  // by target, in file order
    int64_t untargeted = 0;  // rows naming no post or stage, or both: a group each
    std::vector<int64_t> order;
    for (const RequirementRow& row : rows_) {
      const bool one_target = row.post.has_value() != row.stage.has_value();
      const int64_t key = one_target ? TargetKey(row.post, row.stage)
                                     : std::numeric_limits<int64_t>::min() + untargeted++;
      auto& group = groups[key];
      if (group.empty()) order.push_back(key);
      group.push_back(&row);
    }
    for (int64_t key : order) PlanProfile(key, groups.at(key), sheet, problems);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "role_profile");
  }

 private:
  struct RequirementRow {
    RowCells cells;
    bool name_given = false;
    std::string name;
    std::optional<PostId> post;
    std::optional<org::CareerStage> stage;
    talent::Requirement requirement;
  };

  void PlanProfile(int64_t key, const std::vector<const RequirementRow*>& rows, const Sheet& sheet,
                   ProblemList& problems) {
    const RequirementRow& first = *rows.front();
    const talent::RoleProfile* stored = Find(stored_, key);
    talent::RoleProfile profile = stored ? *stored : talent::RoleProfile{.trust = trust_};
    profile.post = first.post;
    profile.stage = first.stage;
    if (first.name_given) profile.name = first.name;
    profile.requirements.clear();
    bool named_alike = true;
    std::vector<const RowCells*> cells;
    for (const RequirementRow* row : rows) {
      if (row->name != first.name) {
        named_alike = false;
        problems.Add(row->cells.row, sheet.HeaderOf(role_profile_col::kName),
                     "differs from row " + std::to_string(first.cells.row) + " (\"" + first.name +
                         "\"): the rows of one post's or career stage's profile give one name",
                     row->name);
      }
      profile.requirements.push_back(row->requirement);
      cells.push_back(&row->cells);
    }
    const auto checks = talent::Check(profile);
    ReportGroup(sheet, checks, "requirements", cells, problems);
    if (named_alike && checks.empty()) plan_.Add(std::move(profile), stored);
  }

  TrustId trust_;
  Date today_;
  StringMap<PostId> posts_;
  CompetencyCatalogue catalogue_;
  std::unordered_map<int64_t, talent::RoleProfile> stored_;  // by TargetKey
  std::vector<RequirementRow> rows_;
  Plan<talent::RoleProfile> plan_;
};

// ------------------------------------------------------------------------------ assessments

class AssessmentImporter final : public Importer {
 public:
  AssessmentImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    const auto people = TRY(AllPeople(store, trust_, today_));
    ids_ = PersonIds(people);
    for (const auto& person : people) names_.emplace(person.id, org::FullName(person));
    catalogue_ = TRY(CompetencyCatalogue::Load(store, trust_));
    // Newest first, so that of records alike in the key the latest is the one matched.
    for (auto& a : TRY(AllAssessments(store, trust_)))
      stored_.emplace(KeyOf(a.person, a.competency, a.assessed_on, a.level), std::move(a));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace assessment_col;
    const auto person = r.Reference(kPerson, ids_, kUnknownPerson);
    const auto competency =
        ReadCompetency(r, catalogue_, kFramework, kFrameworkVersion, kCompetency);
    const auto level = r.RequiredSmallNumber(kLevel);
    const auto assessed_on = r.RequiredDate(kAssessedOn);
    const bool keyed = person && competency && level && assessed_on;
    const LinkKey key = keyed ? KeyOf(*person, *competency, *assessed_on, *level) : LinkKey{};
    const talent::Assessment* stored = keyed ? Find(stored_, key) : nullptr;
    talent::Assessment a = stored ? *stored : talent::Assessment{.trust = trust_};
    if (person) a.person = *person;
    if (competency) a.competency = *competency;
    if (level) a.level = *level;
    if (assessed_on) a.assessed_on = *assessed_on;
    if (r.present(kAssessor)) a.assessor = r.OptionalReference(kAssessor, ids_, kUnknownPerson);
    r.Read(kAssessorName, a.assessor_name);
    // The assessor's name, when the file names them by staff reference only.
    if (org::FieldProblems::IsBlank(a.assessor_name) && a.assessor)
      a.assessor_name = names_.at(*a.assessor);
    r.Read(kEvidence, a.evidence);
    auto checks = talent::Check(a);
    org::NoteInFuture(checks, "assessed_on", a.assessed_on, today_);
    r.Report(checks);
    if (keyed) first_rows_.Claim(key, r, kAssessedOn, problems);
    if (r.ok()) plan_.Add(std::move(a), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "assessment");
  }

 private:
  // An assessment is the same record when it judges the same person in the same competency
  // on the same day at the same level.
  static LinkKey KeyOf(PersonId person, CompetencyId competency, Date day, int level) {
    return {person.value(), competency.value(), DayNumber(day), level};
  }

  TrustId trust_;
  Date today_;
  StringMap<PersonId> ids_;
  std::unordered_map<PersonId, std::string> names_;
  CompetencyCatalogue catalogue_;
  std::unordered_map<LinkKey, talent::Assessment, LinkKeyHash> stored_;
  FirstRows<LinkKey, LinkKeyHash> first_rows_;
  Plan<talent::Assessment> plan_;
};

// ---------------------------------------------------------------------------------- ratings

// "2025", or as the academic year is written: "2025/26", "2025-26", "2025/2026".
std::optional<int> ParseAcademicYear(std::string_view text) {
  const std::string_view start = text.substr(0, 4);
  const auto year = ParseWholeNumber(start);
  if (start.size() != 4 || !year) return std::nullopt;
  if (text.size() == 4) return static_cast<int>(*year);
  const std::string_view rest = text.substr(4);
  if (rest.size() < 2 || (rest[0] != '/' && rest[0] != '-')) return std::nullopt;
  const auto next = ParseWholeNumber(rest.substr(1));
  if (!next || (*next != *year + 1 && *next != (*year + 1) % 100)) return std::nullopt;
  return static_cast<int>(*year);
}

// "2025/26".
std::string AcademicYear(int year) {
  const int next = (year + 1) % 100;
  return std::to_string(year) + "/" + (next < 10 ? "0" : "") + std::to_string(next);
}

// A ratings file is one review cycle's, by its year:
//  - no cycle that year: the import brings the year in as a closed cycle ("2025/26
//    (imported)", opened and closed on the day of the import) whose ratings are final as
//    given: how a trust brings last year's 9-box in from a spreadsheet;
//  - an open cycle: each row is a proposal made on the person's behalf, as a trust
//    administrator proposes (talent::CanPropose, talent::MayRate); a person's proposal
//    already there is re-proposed;
//  - a cycle calibrating or closed: its ratings change only through calibration, so a row
//    that would add or change one is refused. A row that says what is stored (the rating's
//    current box, rater, rationale and evidence) is unchanged, so a file brought in, or
//    exported, imports again as unchanged.
class RatingImporter final : public Importer {
 public:
  explicit RatingImporter(const ImportOptions& options) : options_(options) {}

  Result<void> Load(store::Store& store) override {
    ids_ = PersonIds(TRY(AllPeople(store, options_.trust, options_.today)));
    for (auto& cycle : TRY(store.ListReviewCycles(options_.trust)))
      cycles_.emplace(cycle.year, std::move(cycle));
    for (auto& rating : TRY(AllRatings(store, options_.trust, std::nullopt)))
      stored_.emplace(KeyOf(rating.cycle, rating.person), std::move(rating));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace rating_col;
    const auto year = ReadYear(r);
    const talent::ReviewCycle* cycle = year ? Find(cycles_, *year) : nullptr;
    const auto person = r.Reference(kPerson, ids_, kUnknownPerson);
    const auto rater = r.Reference(kRater, ids_, kUnknownPerson);
    const auto performance = r.RequiredSmallNumber(kPerformance);
    const auto potential = r.RequiredSmallNumber(kPotential);
    const talent::Rating* stored =
        cycle && person ? Find(stored_, KeyOf(cycle->id, *person)) : nullptr;
    talent::Rating rating = stored ? *stored : talent::Rating{.trust = options_.trust};
    if (cycle) rating.cycle = cycle->id;
    if (person) rating.person = *person;
    if (rater) rating.rater = *rater;
    if (performance) rating.proposal.performance = *performance;
    if (potential) rating.proposal.potential = *potential;
    r.Read(kRationale, rating.rationale);
    r.Read(kEvidence, rating.evidence);

    // The cycle a new year's ratings go into has no id until the import stores it.
    talent::Rating checked = rating;
    if (!cycle) checked.cycle = ReviewCycleId(std::numeric_limits<int64_t>::max());
    r.Report(talent::Check(checked));
    if (person) first_rows_.Claim(*person, r, kPerson, problems);
    if (!r.ok() || !year) return;

    if (!cycle) {
      rating.calibrated = rating.proposal;
      rating.final = true;
      rating.proposed_at = options_.now;
      plan_.Add(std::move(rating), nullptr);
      return;
    }
    if (stored && SaysWhatIsStored(*stored, rating)) {
      ++counts_.unchanged;
      return;
    }
    if (!talent::CanPropose(*cycle)) {
      r.AddProblem(kYear,
                   "the trust's review cycle for " + AcademicYear(*year) + " is " +
                       std::string(Code(cycle->status)) +
                       ": its ratings change only through calibration, not by import (this "
                       "row would " +
                       (stored ? "change" : "add") + " a rating)",
                   r.Text(kYear));
      return;
    }
    if (auto may = talent::MayRate(talent::ProposerRole::kTrustAdmin, rating.rater, rating.person,
                                   {}, options_.today);
        !may) {
      r.AddProblem(kRater, may.error().message, r.Text(kRater));
      return;
    }
    rating.proposed_at = options_.now;
    plan_.Add(std::move(rating), stored);
  }

  Counts counts() const override {
    return {plan_.created, plan_.updated, plan_.unchanged + counts_.unchanged};
  }

  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    if (new_cycle_) {
      const talent::ReviewCycle cycle = TRY(tx.Insert(*new_cycle_));
      TRY(audit.Append(tx, "review_cycle", cycle.id.value(), {}, talent::ToJson(cycle).dump()));
      plan_.ForEach([&](talent::Rating& rating) { rating.cycle = cycle.id; });
    }
    return plan_.Apply(tx, audit, "rating");
  }

 private:
  using RatingKey = std::pair<int64_t, int64_t>;
  struct RatingKeyHash {
    size_t operator()(const RatingKey& key) const noexcept {
      return std::hash<int64_t>{}(key.first) * 1000003u ^ std::hash<int64_t>{}(key.second);
    }
  };
  static RatingKey KeyOf(ReviewCycleId cycle, PersonId person) {
    return {cycle.value(), person.value()};
  }

  // Where a rating stands now (its latest adjustment, else its proposal) and who gave it why.
  static bool SaysWhatIsStored(const talent::Rating& stored, const talent::Rating& row) {
    return stored.Current() == row.proposal && stored.rater == row.rater &&
           stored.rationale == row.rationale && stored.evidence == row.evidence;
  }

  // The row's year, which must be the file's (the first row's); the first row also checks the
  // cycle a year without one would be brought in as.
  std::optional<int> ReadYear(RowReader& r) {
    using namespace rating_col;
    const auto text = r.Text(kYear);
    if (text.empty()) {
      r.AddProblem(kYear, "is required", text);
      return std::nullopt;
    }
    const auto year = ParseAcademicYear(text);
    if (!year) {
      r.AddProblem(kYear, "must be the academic year's start, such as 2025 (or 2025/26)", text);
      return std::nullopt;
    }
    if (!year_) {
      year_ = {*year, r.row()};
      if (!cycles_.contains(*year)) {
        new_cycle_ = talent::ReviewCycle{.trust = options_.trust,
                                         .year = *year,
                                         .name = AcademicYear(*year) + " (imported)",
                                         .status = talent::CycleStatus::kClosed,
                                         .opened_on = options_.today,
                                         .closed_on = options_.today};
        r.Report(talent::Check(*new_cycle_));
      }
    } else if (*year != year_->first) {
      r.AddProblem(kYear,
                   "is not the year of row " + std::to_string(year_->second) + " (" +
                       std::to_string(year_->first) +
                       "): a file holds the ratings of one review cycle",
                   text);
      return std::nullopt;
    }
    return year;
  }

  const ImportOptions& options_;
  StringMap<PersonId> ids_;
  std::unordered_map<int, talent::ReviewCycle> cycles_;  // by year
  std::unordered_map<RatingKey, talent::Rating, RatingKeyHash> stored_;
  std::optional<std::pair<int, int64_t>> year_;  // the file's year and the row it came from
  std::optional<talent::ReviewCycle> new_cycle_;
  FirstRows<PersonId> first_rows_;
  Plan<talent::Rating> plan_;
  Counts counts_;  // rows that repeat what a calibrating or closed cycle holds
};

}  // namespace

std::unique_ptr<Importer> MakeTalentImporter(Kind kind, const ImportOptions& options) {
  switch (kind) {
    case Kind::kRoleProfiles:
      return std::make_unique<RoleProfileImporter>(options.trust, options.today);
    case Kind::kAssessments:
      return std::make_unique<AssessmentImporter>(options.trust, options.today);
    case Kind::kRatings:
      return std::make_unique<RatingImporter>(options);
    default:
      return nullptr;
  }
}

}  // namespace trellis::exchange
