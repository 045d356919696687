// The talent review: `trellis review cycles|open|move|grid|movement`. Ratings are confidential:
// the grid and movement are read through talent/review_reads.h, as the API reads them, and
// every read is audit-logged (ReviewService::RecordRatingsRead) as the API's are.

#include <iostream>
#include <memory>
#include <unordered_map>

#include "cli/commands.h"
#include "org/people.h"
#include "succession/trust_pipeline.h"
#include "talent/review_reads.h"

namespace trellis::cli {
namespace {

using exchange::Table;
using talent::ReviewCycle;

// CYCLE: the cycle's year (a trust has one a year) or, failing that, its id.
Result<ReviewCycle> FindCycle(store::Store& store, TrustId trust, const std::string& wanted) {
  const auto cycles = TRY(store.ListReviewCycles(trust));
  for (const auto& c : cycles)
    if (std::to_string(c.year) == wanted) return c;
  for (const auto& c : cycles)
    if (std::to_string(c.id.value()) == wanted) return c;
  return Fail(ErrorCode::kNotFound, "the trust has no review cycle of the year or id '" + wanted +
                                        "' (see `trellis review cycles`)");
}

template <typename E>
Result<std::optional<E>> EnumOption(const std::string& text, const std::string& option) {
  if (text.empty()) return std::optional<E>();
  if (auto value = ParseEnum<E>(text)) return value;
  return Fail(ErrorCode::kInvalidInput, "--" + option + " must be one of " + AllowedCodes<E>(),
              {{option, "must be one of " + AllowedCodes<E>(), text, {}}});
}

// --school URN, --stage S and --family F: whom a grid or movement counts.
struct Filters {
  std::string school, stage, family;
};

void AddFilterOptions(CLI::App* command, Filters& filters) {
  command->add_option("--school", filters.school, "only the staff of the school with this URN");
  command->add_option("--stage", filters.stage,
                      "only people at this career stage: " + AllowedCodes<org::CareerStage>());
  command->add_option(
      "--family", filters.family,
      "only people holding a post of this role family: " + AllowedCodes<org::RoleFamily>());
}

Result<talent::GridQuestion> QuestionOf(store::Store& store, TrustId trust,
                                        const Filters& filters) {
  talent::GridQuestion question{
      .school = std::nullopt,
      .stage = TRY(EnumOption<org::CareerStage>(filters.stage, "stage")),
      .family = TRY(EnumOption<org::RoleFamily>(filters.family, "family"))};
  if (!filters.school.empty()) question.school = TRY(SchoolByUrn(store, trust, filters.school));
  return question;
}

std::string BoxName(const ReviewCycle& cycle, talent::Box box) {
  return cycle.box_names[talent::BoxIndex(box)];
}

// The people of the trust among `ids`, by id: their names and references.
Result<org::PeopleById> PeopleNamed(app::App& app, TrustId trust, std::vector<PersonId> ids) {
  return org::PeopleOf(app.store(), trust, std::move(ids), app.clock().Today());
}

std::string NameOf(const org::PeopleById& people, PersonId id) {
  auto it = people.find(id);
  return it == people.end() ? std::string() : org::FullName(it->second);
}

std::string ReferenceOf(const org::PeopleById& people, PersonId id) {
  auto it = people.find(id);
  return it == people.end() ? std::string() : it->second.reference;
}

// ---- review cycles ----

void AddCycles(Commands& commands, CLI::App* review) {
  struct Options : TrustOptions {};
  auto o = std::make_shared<Options>();
  auto* command = AddTrustCommand(review, "cycles", "List the talent review cycles", *o);
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    auto& store = app.store();
    Table table{.name = "",
                .columns = {{"Year", true},
                            {"Name"},
                            {"Status"},
                            {"Opened"},
                            {"Closed"},
                            {"Ratings", true},
                            {"Meetings", true},
                            {"People see own box"}}};
    // Counts only: no rating is read, so there is nothing confidential to record.
    for (const auto& c : TRY(store.ListReviewCycles(trust))) {
      const auto ratings =
          TRY(store.ListRatings({.trust = trust, .cycle = c.id, .page = {.limit = 1}})).total;
      const auto meetings = TRY(store.ListCalibrationMeetings(trust, c.id)).size();
      table.rows.push_back({std::to_string(c.year), c.name, std::string(Code(c.status)),
                            c.opened_on.ToIso(), c.closed_on ? c.closed_on->ToIso() : "",
                            std::to_string(ratings), Count(meetings),
                            c.people_see_own_box ? "yes" : "no"});
    }
    Print({&table, 1}, o->output);
    return Ok();
  });
}

// ---- review open / move ----

void AddOpen(Commands& commands, CLI::App* review) {
  struct Options : TrustOptions {
    std::string name;
    int year = 0;
    bool people_see_own_box = false;
  };
  auto o = std::make_shared<Options>();
  auto* command =
      AddTrustCommand(review, "open", "Open a talent review cycle for proposals", *o, false);
  command->add_option("--year", o->year, "the academic year's start: 2026 for 2026/27")->required();
  command->add_option("--name", o->name, "the cycle's name (default: Talent review YYYY/YY)");
  command->add_flag("--people-see-own-box", o->people_see_own_box,
                    "once closed, people see their own final box");
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    ReviewCycle cycle{
        .year = o->year, .name = o->name, .people_see_own_box = o->people_see_own_box};
    if (cycle.name.empty()) {
      const std::string next = std::to_string((o->year + 1) % 100);
      cycle.name =
          "Talent review " + std::to_string(o->year) + "/" + (next.size() < 2 ? "0" + next : next);
    }
    const ReviewCycle opened = TRY(app.review().Open(trust, cycle, CliActor()));
    std::cout << "Opened " << opened.name << " (year " << opened.year << ", id "
              << opened.id.value() << ") for proposals.\n";
    return Ok();
  });
}

void AddMove(Commands& commands, CLI::App* review) {
  struct Options : TrustOptions {
    std::string cycle, to;
  };
  auto o = std::make_shared<Options>();
  auto* command = AddTrustCommand(
      review, "move",
      "Move a cycle on: to calibrating (proposals close), or closed (ratings final)", *o, false);
  command->add_option("cycle", o->cycle, "the cycle's year or id")->required();
  command->add_option("status", o->to, "calibrating or closed")
      ->required()
      ->check(CLI::IsMember({"calibrating", "closed"}));
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    const ReviewCycle cycle = TRY(FindCycle(app.store(), trust, o->cycle));
    if (o->to == "calibrating") {
      const ReviewCycle moved = TRY(app.review().StartCalibration(trust, cycle.id, CliActor()));
      std::cout << moved.name << " is calibrating: proposals are closed.\n";
      return Ok();
    }
    // As the API closes a cycle: the pipeline's snapshot for the trend in the same
    // transaction.
    const ReviewCycle closed =
        TRY(succession::CloseReviewCycle(app.store(), trust, cycle.id, app.clock(), CliActor()));
    std::cout << closed.name << " is closed: every rating is final, and the succession "
              << "pipeline's figures are recorded for the trend.\n";
    return Ok();
  });
}

// ---- review grid ----

void AddGrid(Commands& commands, CLI::App* review) {
  struct Options : TrustOptions {
    std::string cycle;
    Filters filters;
    bool people = false;
  };
  auto o = std::make_shared<Options>();
  auto* command =
      AddTrustCommand(review, "grid", "The 9-box grid of a cycle: how many people in each box", *o);
  command->add_option("cycle", o->cycle, "the cycle's year or id")->required();
  AddFilterOptions(command, o->filters);
  command->add_flag("--people", o->people, "list the people in each box");
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    auto& store = app.store();
    const ReviewCycle cycle = TRY(FindCycle(store, trust, o->cycle));
    const talent::GridQuestion question = TRY(QuestionOf(store, trust, o->filters));
    const auto read =
        TRY(talent::ReadGrid(store, trust, cycle, question, std::nullopt, app.clock().Today()));
    const talent::Grid& grid = read.grid;
    std::vector<PersonId> placed;
    for (const auto& people : grid.people)
      placed.insert(placed.end(), people.begin(), people.end());
    const org::PeopleById people =
        o->people ? TRY(PeopleNamed(app, trust, placed)) : org::PeopleById();
    TRY(app.review().RecordRatingsRead(trust, read.what, CliActor()));

    std::vector<Table> tables;
    if (o->output == Output::kText) {
      // The grid as it is drawn: potential up, performance across.
      Table drawn{.name = "",
                  .columns = {{""}, {"Performance 1"}, {"Performance 2"}, {"Performance 3"}}};
      for (int potential = talent::kMaxScore; potential >= talent::kMinScore; --potential) {
        std::vector<std::string> row = {"Potential " + std::to_string(potential)};
        for (int performance = talent::kMinScore; performance <= talent::kMaxScore; ++performance) {
          const talent::Box box{performance, potential};
          row.push_back(BoxName(cycle, box) + ": " + Count(grid.Count(box)));
        }
        drawn.rows.push_back(std::move(row));
      }
      tables.push_back(std::move(drawn));
    } else {
      Table boxes{
          .name = "Boxes",
          .columns = {{"Performance", true}, {"Potential", true}, {"Box"}, {"People", true}}};
      for (size_t i = 0; i < talent::kBoxes; ++i) {
        const talent::Box box = talent::BoxAt(i);
        boxes.rows.push_back({std::to_string(box.performance), std::to_string(box.potential),
                              BoxName(cycle, box), Count(grid.people[i].size())});
      }
      tables.push_back(std::move(boxes));
    }
    if (o->people) {
      Table listed{
          .name = "People",
          .columns = {
              {"Box"}, {"Performance", true}, {"Potential", true}, {"Name"}, {"Reference"}}};
      // Best boxes first: top performance and potential down to the lowest.
      for (size_t i = talent::kBoxes; i-- > 0;) {
        const talent::Box box = talent::BoxAt(i);
        for (PersonId p : grid.people[i])
          listed.rows.push_back({BoxName(cycle, box), std::to_string(box.performance),
                                 std::to_string(box.potential), NameOf(people, p),
                                 ReferenceOf(people, p)});
      }
      tables.push_back(std::move(listed));
    }
    Print(tables, o->output,
          {cycle.name + " (" + std::string(Code(cycle.status)) + "): " + Count(grid.Total()) +
           " people in the grid"});
    return Ok();
  });
}

// ---- review movement ----

void AddMovement(Commands& commands, CLI::App* review) {
  struct Options : TrustOptions {
    std::string cycle, from;
    Filters filters;
    bool people = false;
  };
  auto o = std::make_shared<Options>();
  auto* command =
      AddTrustCommand(review, "movement",
                      "Movement between boxes since the previous cycle (or --from another)", *o);
  command->add_option("cycle", o->cycle, "the later cycle's year or id")->required();
  command->add_option("--from", o->from,
                      "the earlier cycle's year or id (default: the cycle before by year)");
  AddFilterOptions(command, o->filters);
  command->add_flag("--people", o->people, "list each person rated in both, with their move");
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    auto& store = app.store();
    const ReviewCycle later = TRY(FindCycle(store, trust, o->cycle));
    std::optional<ReviewCycle> from;
    if (!o->from.empty()) from = TRY(FindCycle(store, trust, o->from));
    const talent::GridQuestion question = TRY(QuestionOf(store, trust, o->filters));
    const auto read = TRY(talent::ReadMovement(store, trust, later, std::move(from), question,
                                               std::nullopt, app.clock().Today()));
    const talent::Movement& movement = read.movement;
    std::vector<PersonId> moved;
    for (const auto& m : movement.people) moved.push_back(m.person);
    const org::PeopleById people =
        o->people ? TRY(PeopleNamed(app, trust, moved)) : org::PeopleById();
    TRY(app.review().RecordRatingsRead(trust, read.what, CliActor()));

    // Each side is named as its own cycle names its boxes.
    const ReviewCycle& earlier = read.earlier ? *read.earlier : later;
    const Table summary{.name = "Summary",
                        .columns = {{"Movement"}, {"People", true}},
                        .rows = {{"up", Count(movement.up)},
                                 {"down", Count(movement.down)},
                                 {"same", Count(movement.same)},
                                 {"across", Count(movement.across)},
                                 {"rated only in " + earlier.name, Count(movement.only_earlier)},
                                 {"rated only in " + later.name, Count(movement.only_later)}}};
    Table flows{.name = "Flows", .columns = {{"From"}, {"To"}, {"People", true}}};
    for (size_t f = 0; f < talent::kBoxes; ++f)
      for (size_t t = 0; t < talent::kBoxes; ++t)
        if (movement.flows[f][t] > 0)
          flows.rows.push_back({BoxName(earlier, talent::BoxAt(f)),
                                BoxName(later, talent::BoxAt(t)), Count(movement.flows[f][t])});
    std::vector<Table> tables = {summary, flows};
    if (o->people) {
      Table listed{.name = "People",
                   .columns = {{"Name"}, {"Reference"}, {"From"}, {"To"}, {"Direction"}}};
      for (const auto& m : movement.people)
        listed.rows.push_back({NameOf(people, m.person), ReferenceOf(people, m.person),
                               BoxName(earlier, m.from), BoxName(later, m.to),
                               std::string(Code(m.direction))});
      tables.push_back(std::move(listed));
    }
    Print(tables, o->output,
          {read.earlier ? "Movement from " + read.earlier->name + " to " + later.name
                        : later.name + " has no cycle before it: nobody moved"});
    return Ok();
  });
}

}  // namespace

void AddReviewCommands(Commands& commands) {
  auto* review = commands.cli().add_subcommand(
      "review", "The talent review (9-box): cycles, the grid and movement (confidential)");
  review->require_subcommand(1);
  AddCycles(commands, review);
  AddOpen(commands, review);
  AddMove(commands, review);
  AddGrid(commands, review);
  AddMovement(commands, review);
}

}  // namespace trellis::cli
