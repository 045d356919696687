// The command line: global options, the one parse of argv, the configuration, the store, and
// the one place errors become exit codes. The commands themselves are in commands_*.cc.

#include "cli/cli.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "app/app.h"
#include "cli/commands.h"

namespace trellis::cli {
namespace {

int ExitCodeOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
    case ErrorCode::kValidationFailed:
    case ErrorCode::kTooLarge:
      return kExitInvalid;
    case ErrorCode::kNotFound:
      return kExitNotFound;
    case ErrorCode::kMethodNotAllowed:
      return kExitUsage;
    case ErrorCode::kConflict:
      return kExitConflict;
    case ErrorCode::kUnavailable:
    case ErrorCode::kRateLimited:
      return kExitUnavailable;
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kForbidden:
    case ErrorCode::kInternal:
      return kExitFailure;
  }
  return kExitFailure;
}

// Prints an error and every detail to stderr; returns its exit code.
int Report(const Error& error) {
  std::cerr << "trellis: " << error.message << "\n";
  for (const auto& p : error.details) {
    std::cerr << "  ";
    if (p.row) std::cerr << "row " << *p.row << ", ";
    std::cerr << p.field;
    if (!p.value.empty()) std::cerr << " '" << p.value << "'";
    std::cerr << ": " << p.reason << "\n";
  }
  return ExitCodeOf(error.code);
}

std::optional<std::string> Env(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  return value ? std::optional<std::string>(value) : std::nullopt;
}

Result<Config> LoadFrom(const std::string& config_file,
                        const std::map<std::string, std::string>& flags) {
  ConfigSources sources;
  if (!config_file.empty())
    sources.file = config_file;
  else if (std::ifstream("trellis.json"))
    sources.file = "trellis.json";
  sources.env = Env;
  sources.flags = flags;
  return LoadConfig(sources);
}

}  // namespace

const Run* Commands::Parsed() const {
  for (const auto& [command, run] : runs_)
    if (command->parsed()) return &run;
  return nullptr;
}

const StandaloneRun* Commands::ParsedStandalone() const {
  for (const auto& [command, run] : standalone_)
    if (command->parsed()) return &run;
  return nullptr;
}

void Commands::OnTrust(CLI::App* command, const std::string& wanted, TrustRun run) {
  On(command, [&wanted, run = std::move(run)](app::App& app) -> Result<void> {
    return run(app, TRY(PickTrust(app.store(), wanted)));
  });
}

org::Actor CliActor() { return {.user = {}, .name = "cli", .remote = "cli"}; }

void AddTrustOption(CLI::App* command, std::string& wanted) {
  command->add_option("--trust", wanted, "trust id or reference (default: the only trust)");
}

CLI::App* AddTrustCommand(CLI::App* parent, const std::string& name, const std::string& description,
                          TrustOptions& options, bool tables) {
  auto* command = parent->add_subcommand(name, description);
  AddTrustOption(command, options.trust);
  if (tables) AddFormatOption(command, options.output);
  return command;
}

Result<TrustId> PickTrust(store::Store& store, const std::string& wanted) {
  auto trusts = TRY(store.ListTrusts());
  for (const auto& t : trusts)
    if (!wanted.empty() && (std::to_string(t.id.value()) == wanted || t.reference == wanted))
      return t.id;
  if (wanted.empty() && trusts.size() == 1) return trusts.front().id;
  if (wanted.empty())
    return Fail(ErrorCode::kInvalidInput,
                trusts.empty() ? "there is no trust yet: add one with `trellis trust add`"
                               : "there are several trusts: choose one with --trust ID|REFERENCE");
  return Fail(ErrorCode::kNotFound, "no trust has the id or reference '" + wanted + "'");
}

Result<org::Person> PersonByReference(store::Store& store, TrustId trust,
                                      const std::string& reference) {
  auto person = TRY(store.FindPersonByReference(trust, reference));
  if (!person) return Fail(ErrorCode::kNotFound, "no person has the reference '" + reference + "'");
  return *person;
}

Result<SchoolId> SchoolByUrn(store::Store& store, TrustId trust, const std::string& urn) {
  int64_t number = 0;
  const auto parsed = std::from_chars(urn.data(), urn.data() + urn.size(), number);
  if (urn.empty() || parsed.ec != std::errc() || parsed.ptr != urn.data() + urn.size())
    return Fail(ErrorCode::kInvalidInput, "--school takes a school's URN, a number",
                {{"school", "must be a URN", urn, {}}});
  auto school = TRY(store.FindSchoolByUrn(trust, number));
  if (!school) return Fail(ErrorCode::kNotFound, "the trust has no school with URN " + urn);
  return school->id;
}

int Main(int argc, char** argv) {
  CLI::App cli{"trellis: succession planning and talent management for school trusts"};
  cli.require_subcommand(1);
  // Global options may come before or after the command: `trellis demo --store sqlite:x`.
  // Subcommands added after this inherit it.
  cli.fallthrough();
  std::string config_file, store_spec, log_level;
  cli.add_option("--config", config_file,
                 "JSON configuration file (default: ./trellis.json if present)");
  cli.add_option("--store", store_spec,
                 "where data lives: sqlite:PATH or postgresql://USER@HOST:PORT/DB (default "
                 "sqlite:trellis.db; env TRELLIS_STORE)");
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error or off");
  cli.footer(
      "Exit codes: 0 ok, 1 unexpected failure, 2 usage, 3 input refused (or an -o file "
      "that cannot be written), 4 not found, 5 conflict, 6 store or port unavailable. "
      "See docs/cli.md.");

  std::map<std::string, std::string> flags;
  Commands commands(cli, flags);
  AddOrgCommands(commands);
  AddReviewCommands(commands);
  AddSuccessionCommands(commands);
  AddReportCommands(commands);
  AddWorkloadCommands(commands);
  AddPrivacyCommands(commands);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (const StandaloneRun* standalone = commands.ParsedStandalone()) {
    auto result = (*standalone)();
    return result ? kExitOk : Report(result.error());
  }
  const Run* run = commands.Parsed();
  if (!run) {
    std::cerr << cli.help();
    return kExitUsage;
  }

  if (!store_spec.empty()) flags["store"] = store_spec;
  if (!log_level.empty()) flags["log_level"] = log_level;
  auto config = LoadFrom(config_file, flags);
  if (!config) {
    Report(config.error());
    return kExitUsage;
  }
  spdlog::set_level(spdlog::level::from_str(config->log_level));

  auto opened = app::App::Open(*config);
  if (!opened) return Report(opened.error());
  auto result = (*run)(**opened);
  if (!result) return Report(result.error());
  return kExitOk;
}

}  // namespace trellis::cli
