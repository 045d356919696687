#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/app.h"
#include "demo/demo.h"
#include "exchange/exchange.h"
#include "http/server.h"

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

org::Actor CliActor() { return {.user = {}, .name = "cli", .remote = {}}; }

// --trust takes an id or a reference; with none, the only trust there is.
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

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read " + path);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A password from the environment (for scripts) or, failing that, one line of stdin.
std::string ReadPassword() {
  if (auto env = Env("TRELLIS_PASSWORD")) return *env;
  if (isatty(STDIN_FILENO)) std::cerr << "Password: ";
  std::string line;
  std::getline(std::cin, line);
  return line;
}

std::atomic<http::Server*> g_running_server{nullptr};

extern "C" void StopOnSignal(int) {
  if (auto* server = g_running_server.load()) server->Stop();
}

struct Options {
  std::string config_file;
  std::map<std::string, std::string> flags;
};

Result<Config> LoadFrom(const Options& options) {
  ConfigSources sources;
  if (!options.config_file.empty()) sources.file = options.config_file;
  else if (std::ifstream("trellis.json")) sources.file = "trellis.json";
  sources.env = Env;
  sources.flags = options.flags;
  return LoadConfig(sources);
}

void SetLogLevel(const Config& config) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
}

Result<void> PrintDemo(const demo::DemoSummary& summary) {
  std::cout << (summary.already_present ? "The demo trust is already there"
                                        : "Created the demo trust")
            << ": " << summary.schools << " schools, " << summary.people << " people, "
            << summary.posts << " posts (" << summary.key_posts << " key), " << summary.bodies
            << " governance bodies.\n\nSign in with any of these (password for all: "
            << (summary.sign_ins.empty() ? "" : summary.sign_ins.front().password) << "):\n";
  for (const auto& s : summary.sign_ins)
    std::cout << "  " << std::left << std::setw(34) << s.email << Label(s.role) << " — " << s.who
              << "\n";
  return Ok();
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App cli{"trellis: succession planning and talent management for school trusts"};
  cli.require_subcommand(1);
  // Global options may come before or after the command: `trellis demo --store sqlite:x`.
  cli.fallthrough();
  Options options;
  std::string store_spec, log_level;
  cli.add_option("--config", options.config_file, "JSON configuration file (default: ./trellis.json if present)");
  cli.add_option("--store", store_spec, "where data lives: sqlite:PATH (default sqlite:trellis.db; env TRELLIS_STORE)");
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error or off");
  cli.footer("Exit codes: 0 ok, 1 unexpected failure, 2 usage, 3 input refused, 4 not found, "
             "5 conflict, 6 store or port unavailable. See docs/cli.md.");

  // serve
  auto* serve = cli.add_subcommand("serve", "Serve the web front end and the API");
  std::string listen, web_root;
  int port = -1, threads = -1;
  serve->add_option("--listen", listen, "address to listen on (default 127.0.0.1)");
  serve->add_option("--port", port, "port (default 8080; 0 picks a free one)");
  serve->add_option("--web-root", web_root, "folder of the built front end (default web/dist)");
  serve->add_option("--threads", threads, "worker threads (default 8)");

  auto* migrate = cli.add_subcommand("migrate", "Bring the store's schema up to date");
  auto* demo_cmd = cli.add_subcommand("demo", "Create the demo trust (once) and print its sign-ins");

  // import / export
  auto* import = cli.add_subcommand("import", "Import a CSV file; checks it whole and writes nothing if any row is wrong");
  std::string kind_code, file, trust_wanted, format = "csv", output;
  bool dry_run = false;
  import->add_option("kind", kind_code, "schools, gias, bodies, people, posts, holdings, memberships or line-links")
      ->required()
      ->check(CLI::IsMember({"schools", "gias", "bodies", "people", "posts", "holdings", "memberships", "line-links"}));
  import->add_option("file", file, "the CSV file")->required();
  import->add_option("--trust", trust_wanted, "trust id or reference (default: the only trust)");
  import->add_flag("--dry-run", dry_run, "check the file only");
  auto* export_cmd = cli.add_subcommand("export", "Export a list as CSV or XLSX");
  export_cmd->add_option("kind", kind_code, "schools, bodies, people, posts, holdings, memberships or line-links")
      ->required()
      ->check(CLI::IsMember({"schools", "bodies", "people", "posts", "holdings", "memberships", "line-links"}));
  export_cmd->add_option("--trust", trust_wanted, "trust id or reference (default: the only trust)");
  export_cmd->add_option("--format", format, "csv or xlsx")->check(CLI::IsMember({"csv", "xlsx"}));
  export_cmd->add_option("--output,-o", output, "file to write (default: standard output)");

  // trust
  auto* trust = cli.add_subcommand("trust", "Add or list trusts");
  trust->require_subcommand(1);
  auto* trust_add = trust->add_subcommand("add", "Add a trust");
  std::string trust_name, trust_reference;
  trust_add->add_option("--name", trust_name, "the trust's name")->required();
  trust_add->add_option("--reference", trust_reference, "DfE trust reference, e.g. TR00746");
  auto* trust_list = trust->add_subcommand("list", "List trusts");

  // user
  auto* user = cli.add_subcommand("user", "Add, change the password of, or list sign-ins");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add a sign-in (password from TRELLIS_PASSWORD or standard input)");
  std::string email, name, role_code = "staff", person_ref;
  user_add->add_option("--email", email, "sign-in email")->required();
  user_add->add_option("--name", name, "display name")->required();
  user_add->add_option("--role", role_code, "platform_admin, trust_admin, executive, headteacher, line_manager, staff or governor");
  user_add->add_option("--trust", trust_wanted, "trust id or reference (not for platform_admin)");
  user_add->add_option("--person", person_ref, "the person's staff reference (scoped roles)");
  auto* user_passwd = user->add_subcommand("passwd", "Set a sign-in's password (from TRELLIS_PASSWORD or standard input)");
  user_passwd->add_option("--email", email, "sign-in email")->required();
  auto* user_list = user->add_subcommand("list", "List sign-ins");
  user_list->add_option("--trust", trust_wanted, "only this trust's");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (!store_spec.empty()) options.flags["store"] = store_spec;
  if (!log_level.empty()) options.flags["log_level"] = log_level;
  if (!listen.empty()) options.flags["listen"] = listen;
  if (port >= 0) options.flags["port"] = std::to_string(port);
  if (!web_root.empty()) options.flags["web_root"] = web_root;
  if (threads > 0) options.flags["threads"] = std::to_string(threads);
  auto config = LoadFrom(options);
  if (!config) {
    Report(config.error());
    return kExitUsage;
  }
  SetLogLevel(*config);

  auto opened = app::App::Open(*config);
  if (!opened) return Report(opened.error());
  app::App& app = **opened;
  auto& store = app.store();

  auto run = [&]() -> Result<void> {
    if (*migrate) {
      std::cout << "Schema is at version " << TRY(store.SchemaVersion()) << ".\n";
    } else if (*demo_cmd) {
      auto summary = TRY(demo::CreateDemoTrust(
          store, {.today = app.clock().Today(), .now = app.clock().Now()}));
      TRY(PrintDemo(summary));
    } else if (*serve) {
      http::Server server(app.services());
      const int bound = TRY(server.Bind());
      g_running_server = &server;
      std::signal(SIGINT, StopOnSignal);
      std::signal(SIGTERM, StopOnSignal);
      std::cout << "trellis is serving on http://" << app.config().listen << ":" << bound
                << "/ (store " << app.config().store << "). Stop with Ctrl+C." << std::endl;
      spdlog::info("listening on {}:{}", app.config().listen, bound);
      server.Run();
      g_running_server = nullptr;
    } else if (*import) {
      auto kind = exchange::KindFromCode(kind_code);
      if (!kind) return Fail(ErrorCode::kInvalidInput, "unknown kind '" + kind_code + "'");
      const TrustId trust_id = TRY(PickTrust(store, trust_wanted));
      const std::string bytes = TRY(ReadFile(file));
      auto report = TRY(exchange::Import(store, *kind, bytes,
                                         {.trust = trust_id,
                                          .dry_run = dry_run,
                                          .today = app.clock().Today(),
                                          .now = app.clock().Now(),
                                          .actor = "cli"}));
      std::cout << (report.dry_run ? "Checked " : "Imported ") << report.rows << " rows of "
                << kind_code << ": " << report.created << " new, " << report.updated
                << " changed, " << report.unchanged << " unchanged"
                << (report.dry_run ? " (nothing written: --dry-run)" : "") << ".\n";
    } else if (*export_cmd) {
      auto kind = exchange::KindFromCode(kind_code);
      if (!kind) return Fail(ErrorCode::kInvalidInput, "unknown kind '" + kind_code + "'");
      const TrustId trust_id = TRY(PickTrust(store, trust_wanted));
      auto bytes = TRY(exchange::Export(store, *kind, trust_id,
                                        format == "xlsx" ? exchange::Format::kXlsx : exchange::Format::kCsv,
                                        app.clock().Today()));
      if (output.empty()) {
        std::cout << bytes;
      } else {
        std::ofstream out(output, std::ios::binary);
        out << bytes;
        if (!out) return Fail(ErrorCode::kInvalidInput, "cannot write " + output);
      }
    } else if (*trust_add) {
      auto made = TRY(app.org().Create(org::Trust{.id = {}, .name = trust_name, .reference = trust_reference, .created_at = {}}, CliActor()));
      std::cout << "Added trust " << made.id.value() << ": " << made.name << "\n";
    } else if (*trust_list) {
      for (const auto& t : TRY(store.ListTrusts()))
        std::cout << t.id.value() << "\t" << t.reference << "\t" << t.name << "\n";
    } else if (*user_add) {
      auto role = ParseEnum<access::Role>(role_code);
      if (!role) return Fail(ErrorCode::kInvalidInput, "unknown role '" + role_code + "'; use one of " + AllowedCodes<access::Role>());
      access::NewUser request{.email = email, .display_name = name, .role = *role};
      if (*role != access::Role::kPlatformAdmin) {
        request.trust = TRY(PickTrust(store, trust_wanted));
        if (!person_ref.empty()) {
          auto person = TRY(store.FindPersonByReference(*request.trust, person_ref));
          if (!person) return Fail(ErrorCode::kNotFound, "no person has the reference '" + person_ref + "'");
          request.person = person->id;
        }
      }
      request.password = ReadPassword();
      auto made = TRY(app.users().Add(request, CliActor()));
      std::cout << "Added " << made.email << " (" << Code(made.role) << ").\n";
    } else if (*user_passwd) {
      auto found = TRY(store.FindUserByEmail(email));
      if (!found) return Fail(ErrorCode::kNotFound, "no sign-in has the email " + email);
      access::UserChange change;
      change.password = ReadPassword();
      TRY(app.users().Change(found->id, change, CliActor()));
      std::cout << "Changed the password of " << found->email << "; their sessions have ended.\n";
    } else if (*user_list) {
      std::optional<TrustId> only;
      if (!trust_wanted.empty()) only = TRY(PickTrust(store, trust_wanted));
      auto users = TRY(store.ListUsers(only, {.limit = 1'000'000}));
      for (const auto& u : users.items)
        std::cout << u.email << "\t" << Code(u.role) << "\t"
                  << (u.trust ? std::to_string(u.trust->value()) : "-") << "\t"
                  << (u.disabled ? "disabled" : "active") << "\t" << u.display_name << "\n";
    }
    return Ok();
  };
  auto result = run();
  if (!result) return Report(result.error());
  return kExitOk;
}

}  // namespace trellis::cli
