#pragma once
// Inside the command line (src/cli/): how each file of commands registers its subcommands and
// what they share. cli.cc parses argv, opens the store and runs the one command parsed; the
// commands call the same domain functions as the API's routes, never HTTP and never SQL.

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "app/app.h"
#include "core/result.h"
#include "exchange/sheets.h"
#include "org/record_writes.h"

namespace trellis::cli {

// A command's work, run once the configuration is loaded and the store open.
using Run = std::function<Result<void>(app::App& app)>;
// The work of a command that needs neither the configuration nor the store (`generate`):
// run straight after parsing, so a store that cannot be opened does not stop it.
using StandaloneRun = std::function<Result<void>()>;
// The work of a command on one trust's records.
using TrustRun = std::function<Result<void>(app::App& app, TrustId trust)>;

// The subcommands registered, each with its work. Options are bound to values the Run
// closures own (shared_ptr), so they outlive parsing.
class Commands {
 public:
  Commands(CLI::App& cli, std::map<std::string, std::string>& config_flags)
      : cli_(cli), config_flags_(config_flags) {}

  CLI::App& cli() { return cli_; }
  // Configuration settings given as options of a command (serve's --port, …), by their
  // configuration names (core/config.h).
  std::map<std::string, std::string>& config_flags() { return config_flags_; }

  // `run` is the work of `command`, a subcommand without subcommands of its own.
  void On(CLI::App* command, Run run) { runs_.emplace_back(command, std::move(run)); }
  // `run` is the work of `command` on the trust --trust names (`wanted`, PickTrust). `wanted`
  // is read when the command runs: bind it to the options `run` holds.
  void OnTrust(CLI::App* command, const std::string& wanted, TrustRun run);
  // `run` is the work of `command`, which opens no store.
  void OnStandalone(CLI::App* command, StandaloneRun run) {
    standalone_.emplace_back(command, std::move(run));
  }
  // The work of the command parsed; nullptr when none was (the parser requires one), or when
  // it is a standalone command (ParsedStandalone).
  const Run* Parsed() const;
  const StandaloneRun* ParsedStandalone() const;

 private:
  CLI::App& cli_;
  std::map<std::string, std::string>& config_flags_;
  std::vector<std::pair<CLI::App*, Run>> runs_;
  std::vector<std::pair<CLI::App*, StandaloneRun>> standalone_;
};

// Each file of commands adds its own.
void AddOrgCommands(Commands& commands);     // serve, migrate, demo, import, export, trust, user
void AddReviewCommands(Commands& commands);  // review …
void AddSuccessionCommands(Commands& commands);  // succession …
void AddReportCommands(Commands& commands);      // report …
void AddWorkloadCommands(Commands& commands);    // generate, load
void AddPrivacyCommands(Commands& commands);     // person export|erase, retention …

// ---- What the commands share ----

// Who the audit log says acted or read: the command line ("cli", from "cli").
org::Actor CliActor();

// --trust ID|REFERENCE; left out, the only trust there is.
void AddTrustOption(CLI::App* command, std::string& wanted);
[[nodiscard]] Result<TrustId> PickTrust(store::Store& store, const std::string& wanted);

// The trust's school with this URN: kInvalidInput when `urn` is not a number, kNotFound when
// the trust has no such school.
[[nodiscard]] Result<SchoolId> SchoolByUrn(store::Store& store, TrustId trust,
                                           const std::string& urn);
// The trust's person with this reference: kNotFound when there is none.
[[nodiscard]] Result<org::Person> PersonByReference(store::Store& store, TrustId trust,
                                                    const std::string& reference);

// How a command prints its answer: aligned tables for a person, CSV or JSON for a program.
enum class Output { kText, kCsv, kJson };
// An option whose value is one of `choices`, given by its text.
template <typename E>
CLI::Option* AddChoice(CLI::App* command, const std::string& name, E& value,
                       const std::vector<std::pair<std::string, E>>& choices,
                       const std::string& description) {
  std::vector<std::string> texts;
  for (const auto& choice : choices) texts.push_back(choice.first);
  auto set = [&value, choices](const std::string& text) {
    for (const auto& choice : choices)
      if (choice.first == text) value = choice.second;
  };
  return command->add_option_function<std::string>(name, set, description)
      ->check(CLI::IsMember(texts));
}

// --format text|csv|json (default text).
void AddFormatOption(CLI::App* command, Output& output);

// What every command on one trust's records takes: --trust, and --format when it prints tables.
struct TrustOptions {
  std::string trust;
  Output output = Output::kText;
};
// Adds the subcommand `name` of `parent` with --trust and, when `tables`, --format.
CLI::App* AddTrustCommand(CLI::App* parent, const std::string& name, const std::string& description,
                          TrustOptions& options, bool tables = true);

// Prints `tables` to standard output in `output`:
//  - text: `heading` first (lines of context, text only), then each table under its name,
//    its columns aligned (numeric ones to the right), "(none)" for a table without rows;
//  - CSV: exchange::TablesToCsv (one table bare, several each behind its name);
//  - JSON: a table as an array of objects keyed by its columns' names in snake_case
//    (numeric cells as numbers, blank ones null); several as an object of such arrays keyed
//    by the tables' names in snake_case.
void Print(std::span<const exchange::Table> tables, Output output,
           const std::vector<std::string>& heading = {});

// A file a command writes with -o: checked before the command reads anything (so that a
// confidential read is not recorded for an answer nobody gets), written at the end.
// kInvalidInput when its folder does not exist or it cannot be written.
[[nodiscard]] Result<void> CheckWritable(const std::string& path);
[[nodiscard]] Result<void> WriteFile(const std::string& path, const std::string& bytes);

// Numbers as the tables show them.
std::string Number(double value, int decimals = 2);
std::string Count(size_t value);

}  // namespace trellis::cli
