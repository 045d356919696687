// UK GDPR from the command line (privacy/): a person's subject-access export and erasure, and
// the trust's retention rules and runs. The same domain functions as the API's routes; an
// export is audited as a read by "cli", erasure and retention as changes.

#include <iostream>

#include "cli/commands.h"
#include "privacy/erasure.h"
#include "privacy/retention.h"
#include "privacy/subject_access.h"

namespace trellis::cli {
namespace {

void AddPerson(Commands& commands) {
  struct Options {
    std::string trust, person, out;
    bool yes = false;
  };
  auto options = std::make_shared<Options>();
  auto* person = commands.cli().add_subcommand("person", "A person's personal data (UK GDPR)");
  person->require_subcommand(1);

  auto* export_cmd = person->add_subcommand(
      "export", "Everything held about a person, as a ZIP archive (subject access; audited)");
  AddTrustOption(export_cmd, options->trust);
  export_cmd->add_option("--person", options->person, "the person's staff reference")->required();
  export_cmd->add_option("--out,-o", options->out,
                         "file to write (default: subject-access-REF-DAY.zip here)");
  commands.OnTrust(export_cmd, options->trust, [o = options](app::App& app, TrustId trust) -> Result<void> {
    if (!o->out.empty()) TRY(CheckWritable(o->out));
    const auto found = TRY(PersonByReference(app.store(), trust, o->person));
    auto archive = TRY(privacy::ExportPerson(app.store(), trust, found.id, CliActor(), app.clock().Now()));
    const std::string path = o->out.empty() ? archive.file_name : o->out;
    TRY(WriteFile(path, archive.bytes));
    std::cout << "Wrote everything held about " << o->person << " to " << path << ".\n";
    return Ok();
  });

  auto* erase = person->add_subcommand(
      "erase", "Anonymise a person who has left, keeping the trust's figures (cannot be undone)");
  AddTrustOption(erase, options->trust);
  erase->add_option("--person", options->person, "the person's staff reference")->required();
  erase->add_flag("--yes", options->yes, "confirm: the erasure cannot be undone")->required();
  commands.OnTrust(erase, options->trust, [o = options](app::App& app, TrustId trust) -> Result<void> {
    const auto found = TRY(PersonByReference(app.store(), trust, o->person));
    const auto report = TRY(privacy::Erase(
        app.store(), {.trust = trust, .person = found.id, .confirm_reference = found.reference},
        CliActor(), app.clock().Now()));
    std::cout << "Erased " << o->person << " (person " << report.person.value()
              << "): now " << report.reference << "; " << report.audit_entries_redacted
              << " audit entries redacted, " << report.user_accounts_disabled
              << " sign-ins disabled.\n";
    return Ok();
  });
}

// One rule of `retention set`: --NAME-years N|off, changed only when given.
struct YearsOption {
  CLI::Option* option = nullptr;
  std::optional<int> years;
};

void AddYearsOption(CLI::App* command, const std::string& name, YearsOption& target,
                    const std::string& description) {
  target.option =
      command
          ->add_option_function<std::string>(
              "--" + name,
              [&target](const std::string& text) {
                target.years = text == "off" ? std::nullopt : std::optional<int>(std::stoi(text));
              },
              description + " (whole years, or off)")
          ->check(CLI::TypeValidator<int>() | CLI::IsMember({"off"}));
}

std::vector<exchange::Table> RulesTables(const privacy::RetentionRules& rules) {
  auto years = [](const std::optional<int>& y) { return y ? std::to_string(*y) : std::string("off"); };
  return {{.name = "Retention rules",
           .columns = {{"Rule", false}, {"Years", false}},
           .rows = {{"Talent-review data of leavers", years(rules.leaver_review_years)},
                    {"Erasure of leavers", years(rules.leaver_erasure_years)},
                    {"Audit entries", years(rules.audit_years)}}}};
}

exchange::Table RunTable(const std::vector<privacy::RetentionReport>& reports, bool dry_run) {
  exchange::Table table{.name = dry_run ? "Would remove" : "Removed",
                        .columns = {{"Trust", true},
                                    {"Ratings", true},
                                    {"Rating adjustments", true},
                                    {"Assessments", true},
                                    {"Risks of loss", true},
                                    {"People erased", true},
                                    {"Audit entries", true},
                                    {"Leavers still in post", true}},
                        .rows = {}};
  for (const auto& r : reports)
    table.rows.push_back({std::to_string(r.trust.value()), std::to_string(r.review_data.ratings),
                          std::to_string(r.review_data.rating_adjustments),
                          std::to_string(r.review_data.assessments),
                          std::to_string(r.review_data.loss_risks), std::to_string(r.people_erased),
                          std::to_string(r.audit_entries), std::to_string(r.people_kept_in_post)});
  return table;
}

void AddRetention(Commands& commands) {
  struct Options {
    TrustOptions trust;
    YearsOption review, erasure, audit;
    bool dry_run = false;
    std::string today;
  };
  auto options = std::make_shared<Options>();
  auto* retention = commands.cli().add_subcommand("retention", "The trust's retention rules (UK GDPR)");
  retention->require_subcommand(1);

  auto* rules = AddTrustCommand(retention, "rules", "Show the trust's retention rules", options->trust);
  commands.OnTrust(rules, options->trust.trust, [o = options](app::App& app, TrustId trust) -> Result<void> {
    Print(RulesTables(TRY(app.store().GetRetentionRules(trust))), o->trust.output);
    return Ok();
  });

  auto* set = AddTrustCommand(retention, "set", "Change the trust's retention rules (audited)",
                              options->trust);
  AddYearsOption(set, "leaver-review-years", options->review,
                 "remove leavers' ratings, assessments and risk of loss this long after they left");
  AddYearsOption(set, "leaver-erasure-years", options->erasure,
                 "erase leavers this long after they left");
  AddYearsOption(set, "audit-years", options->audit,
                 "remove audit entries this long after they were written (at least 6)");
  commands.OnTrust(set, options->trust.trust, [o = options](app::App& app, TrustId trust) -> Result<void> {
    // A rule not given keeps its stored value.
    auto stored = TRY(app.store().GetRetentionRules(trust));
    for (auto [given, rule] : {std::pair{&o->review, &stored.leaver_review_years},
                               std::pair{&o->erasure, &stored.leaver_erasure_years},
                               std::pair{&o->audit, &stored.audit_years}})
      if (given->option->count() > 0) *rule = given->years;
    TRY(privacy::PutRules(app.store(), trust, stored, CliActor(), app.clock().Now()));
    Print(RulesTables(stored), o->trust.output);
    return Ok();
  });

  auto* run = retention->add_subcommand(
      "run", "Apply the retention rules now and print what was removed (audited)");
  run->add_option("--trust", options->trust.trust, "trust id or reference (default: every trust)");
  AddFormatOption(run, options->trust.output);
  run->add_flag("--dry-run", options->dry_run, "remove nothing; print what would be removed");
  run->add_option("--today", options->today, "count the rules' years back from this day (YYYY-MM-DD)");
  commands.On(run, [o = options](app::App& app) -> Result<void> {
    Date today = app.clock().Today();
    if (!o->today.empty()) {
      const auto parsed = Date::Parse(o->today);
      if (!parsed)
        return Fail(ErrorCode::kInvalidInput, "--today takes a day as YYYY-MM-DD",
                    {{"today", "must be a day as YYYY-MM-DD", o->today, {}}});
      today = *parsed;
    }
    std::vector<TrustId> trusts;
    if (!o->trust.trust.empty()) {
      const TrustId picked = TRY(PickTrust(app.store(), o->trust.trust));
      trusts.push_back(picked);
    } else {
      for (const auto& t : TRY(app.store().ListTrusts())) trusts.push_back(t.id);
    }
    std::vector<privacy::RetentionReport> reports;
    for (const TrustId trust : trusts) {
      auto report = TRY(privacy::RunRetention(
          app.store(), trust,
          {.today = today,
           .now = app.clock().Now(),
           .mode = o->dry_run ? privacy::RunMode::kDryRun : privacy::RunMode::kApply,
           .claim = privacy::RunClaim::kByHand},
          CliActor()));
      if (report) reports.push_back(*report);
    }
    const std::vector<exchange::Table> tables{RunTable(reports, o->dry_run)};
    Print(tables, o->trust.output,
          {std::string(o->dry_run ? "Dry run" : "Retention run") + " on " + today.ToIso() +
           (o->dry_run ? ": nothing was removed." : ".")});
    return Ok();
  });
}

}  // namespace

void AddPrivacyCommands(Commands& commands) {
  AddPerson(commands);
  AddRetention(commands);
}

}  // namespace trellis::cli
