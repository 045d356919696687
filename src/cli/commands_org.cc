// The program's own commands and the organisation's: serve, migrate, backup, restore, demo,
// import, export, trust and user.

#include <optional>
#include <spdlog/spdlog.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <iomanip>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "demo/demo.h"
#include "exchange/audit_export.h"
#include "exchange/exchange.h"
#include "http/server.h"
#include "app/commit_flusher.h"
#include "core/files.h"
#include "core/periodic.h"
#include "privacy/schedule.h"

namespace trellis::cli {
namespace {

// A password from the environment (for scripts) or, failing that, one line of stdin.
std::string ReadPassword() {
  if (const char* env = std::getenv("TRELLIS_PASSWORD")) return env;
  if (isatty(STDIN_FILENO)) std::cerr << "Password: ";
  std::string line;
  std::getline(std::cin, line);
  return line;
}

std::atomic<http::Server*> g_running_server{nullptr};

extern "C" void StopOnSignal(int) {
  if (auto* server = g_running_server.load()) server->Stop();
}

// The codes of the exchange module's kinds (exchange.h), those `keep` accepts: new kinds
// appear here without a change to the command line.
template <typename Keep>
std::vector<std::string> KindCodes(Keep keep) {
  std::vector<std::string> codes;
  for (exchange::Kind kind : exchange::AllKinds())
    if (keep(kind)) codes.emplace_back(exchange::KindCode(kind));
  return codes;
}

std::string Listed(const std::vector<std::string>& codes) {
  std::string out;
  for (size_t i = 0; i < codes.size(); ++i)
    out += (i == 0 ? "" : i + 1 == codes.size() ? " or " : ", ") + codes[i];
  return out;
}

void PrintDemo(const demo::DemoSummary& summary) {
  std::cout << (summary.already_present ? "The demo trust is already there"
                                        : "Created the demo trust")
            << ": " << summary.schools << " schools, " << summary.people << " people, "
            << summary.posts << " posts (" << summary.key_posts << " key), " << summary.bodies
            << " governance bodies.\n\nSign in with any of these (password for all: "
            << (summary.sign_ins.empty() ? "" : summary.sign_ins.front().password) << "):\n";
  for (const auto& s : summary.sign_ins)
    std::cout << "  " << std::left << std::setw(34) << s.email << Label(s.role) << " — " << s.who
              << "\n";
}

void AddServe(Commands& commands) {
  auto* serve = commands.cli().add_subcommand("serve", "Serve the web front end and the API");
  // Each option is a configuration setting (core/config.h) by the same name.
  auto& flags = commands.config_flags();
  auto setting = [&flags](std::string name) {
    return [&flags, name](const std::string& value) { flags[name] = value; };
  };
  serve->add_option("--listen", "address to listen on (default 127.0.0.1)")
      ->each(setting("listen"));
  serve->add_option("--port", "port (default 8080; 0 picks a free one)")
      ->check(CLI::NonNegativeNumber)
      ->each(setting("port"));
  serve->add_option("--web-root", "folder of the built front end (default web/dist)")
      ->each(setting("web_root"));
  serve->add_option("--threads", "worker threads (default 64)")
      ->check(CLI::PositiveNumber)
      ->each(setting("threads"));
  commands.On(serve, [](app::App& app) -> Result<void> {
#ifdef __GLIBC__
    // glibc gives threads their own malloc arenas (up to 8 per core) and keeps what each
    // arena once held. A server's 64 threads each building, now and then, a large trust's
    // dashboard held 1.8 GB after serving every national trust once; with one arena per core,
    // 555 MB (docs/performance.md, memory). Threads beyond the cores cannot run at once anyway.
    mallopt(M_ARENA_MAX, static_cast<int>(std::max(2U, std::thread::hardware_concurrency())));
#endif
    http::Server server(app.services());
    const int bound = TRY(server.Bind());
    // Stopped (and any run under way finished) before the server and the store go.
    std::optional<privacy::RetentionSchedule> retention;
    if (app.config().retention_schedule)
      retention.emplace(app.store(), app.clock(), app.config().retention_hour);
    // Before the first request: the record of every read goes through it.
    app.store().SetReadRecordsWaitForDisk(app.config().read_records_durable);
    if (const auto journal = app::ReadJournalDir(app.config())) TRY(app.store().KeepReadRecordsIn(*journal));
    const app::CommitFlusher flusher(app.store());
#ifdef __GLIBC__
    // Hands memory the server has freed back to the system once a minute. glibc keeps freed
    // memory in its arenas for reuse, so a server's resident memory climbed to its busiest
    // moment's and stayed there: after a burst of the soak's load, 15 of its 45 MiB resident
    // were free (docs/reliability.md). malloc_trim takes each arena's lock briefly, which a
    // minute apart no request notices.
    const Periodic memory_returner(std::chrono::minutes(1), [] { malloc_trim(0); });
#endif
    g_running_server = &server;
    std::signal(SIGINT, StopOnSignal);
    std::signal(SIGTERM, StopOnSignal);
    std::cout << "trellis is serving on http://" << app.config().listen << ":" << bound
              << "/ (store " << app::DescribeStore(app.config().store) << "). Stop with Ctrl+C." << std::endl;
    spdlog::info("listening on {}:{}", app.config().listen, bound);
    server.Run();
    g_running_server = nullptr;
    return Ok();
  });
}

void AddImportExport(Commands& commands) {
  struct Options {
    std::string kind, file, trust, format = "csv", output;
    bool dry_run = false;
    std::optional<int> year;  // export ratings only
  };
  auto import_options = std::make_shared<Options>();
  const auto importable = KindCodes([](exchange::Kind) { return true; });
  auto* import = commands.cli().add_subcommand(
      "import", "Import a CSV file; checks it whole and writes nothing if any row is wrong");
  import->add_option("kind", import_options->kind, Listed(importable))
      ->required()
      ->check(CLI::IsMember(importable));
  import->add_option("file", import_options->file, "the CSV file")->required();
  AddTrustOption(import, import_options->trust);
  import->add_flag("--dry-run", import_options->dry_run, "check the file only");
  commands.On(import, [o = import_options](app::App& app) -> Result<void> {
    auto kind = exchange::KindFromCode(o->kind);
    if (!kind) return Fail(ErrorCode::kInvalidInput, "unknown kind '" + o->kind + "'");
    const TrustId trust = TRY(PickTrust(app.store(), o->trust));
    const std::string bytes = TRY(ReadWholeFile(o->file));
    auto report = TRY(exchange::Import(app.store(), *kind, bytes,
                                       {.trust = trust,
                                        .dry_run = o->dry_run,
                                        .today = app.clock().Today(),
                                        .now = app.clock().Now(),
                                        .actor = CliActor().name,
                                        .remote = CliActor().remote}));
    std::cout << (report.dry_run ? "Checked " : "Imported ") << report.rows << " rows of "
              << o->kind << ": " << report.created << " new, " << report.updated << " changed, "
              << report.unchanged << " unchanged"
              << (report.dry_run ? " (nothing written: --dry-run)" : "") << ".\n";
    return Ok();
  });

  auto export_options = std::make_shared<Options>();
  const auto exportable = KindCodes(exchange::CanExport);
  auto* export_cmd = commands.cli().add_subcommand("export", "Export a list as CSV or XLSX");
  export_cmd->add_option("kind", export_options->kind, Listed(exportable))
      ->required()
      ->check(CLI::IsMember(exportable));
  AddTrustOption(export_cmd, export_options->trust);
  export_cmd->add_option("--format", export_options->format, "csv or xlsx")
      ->check(CLI::IsMember({"csv", "xlsx"}));
  export_cmd->add_option("--output,-o", export_options->output,
                         "file to write (default: standard output)");
  export_cmd->add_option("--year", export_options->year,
                         "ratings only: the review cycle's year (default: the newest cycle)");
  commands.On(export_cmd, [o = export_options](app::App& app) -> Result<void> {
    auto kind = exchange::KindFromCode(o->kind);
    if (!kind) return Fail(ErrorCode::kInvalidInput, "unknown kind '" + o->kind + "'");
    if (o->year && *kind != exchange::Kind::kRatings)
      return Fail(ErrorCode::kInvalidInput, "--year is for an export of ratings only");
    if (!o->output.empty()) TRY(CheckWritable(o->output));
    const TrustId trust = TRY(PickTrust(app.store(), o->trust));
    const exchange::ExportOptions options{.year = o->year};
    auto bytes =
        TRY(exchange::Export(app.store(), *kind, trust,
                             o->format == "xlsx" ? exchange::Format::kXlsx : exchange::Format::kCsv,
                             app.clock().Today(), options));
    // Ratings, risks and plans leave the product only with a record of who took them.
    TRY(exchange::RecordExportRead(app.review(), app.plans(), *kind, trust, options, CliActor()));
    if (!o->output.empty()) return WriteFile(o->output, bytes);
    std::cout << bytes;
    return Ok();
  });
}

void AddTrust(Commands& commands) {
  auto* trust = commands.cli().add_subcommand("trust", "Add or list trusts");
  trust->require_subcommand(1);
  auto added = std::make_shared<org::Trust>();
  auto* add = trust->add_subcommand("add", "Add a trust");
  add->add_option("--name", added->name, "the trust's name")->required();
  add->add_option("--reference", added->reference, "DfE trust reference, e.g. TR00746");
  commands.On(add, [added](app::App& app) -> Result<void> {
    auto made = TRY(app.org().Create(*added, CliActor()));
    std::cout << "Added trust " << made.id.value() << ": " << made.name << "\n";
    return Ok();
  });
  auto* list = trust->add_subcommand("list", "List trusts");
  commands.On(list, [](app::App& app) -> Result<void> {
    for (const auto& t : TRY(app.store().ListTrusts()))
      std::cout << t.id.value() << "\t" << t.reference << "\t" << t.name << "\n";
    return Ok();
  });
}

void AddUser(Commands& commands) {
  struct Options {
    std::string email, name, role = "staff", trust, person;
  };
  auto o = std::make_shared<Options>();
  auto* user =
      commands.cli().add_subcommand("user", "Add, change the password of, or list sign-ins");
  user->require_subcommand(1);
  auto* add = user->add_subcommand(
      "add", "Add a sign-in (password from TRELLIS_PASSWORD or standard input)");
  add->add_option("--email", o->email, "sign-in email")->required();
  add->add_option("--name", o->name, "display name")->required();
  add->add_option(
      "--role", o->role,
      "platform_admin, trust_admin, executive, headteacher, line_manager, staff or governor");
  add->add_option("--trust", o->trust, "trust id or reference (not for platform_admin)");
  add->add_option("--person", o->person, "the person's staff reference (scoped roles)");
  commands.On(add, [o](app::App& app) -> Result<void> {
    auto role = ParseEnum<access::Role>(o->role);
    if (!role)
      return Fail(ErrorCode::kInvalidInput,
                  "unknown role '" + o->role + "'; use one of " + AllowedCodes<access::Role>());
    access::NewUser request{.email = o->email, .display_name = o->name, .role = *role};
    if (*role != access::Role::kPlatformAdmin) {
      request.trust = TRY(PickTrust(app.store(), o->trust));
      if (!o->person.empty()) {
        request.person = TRY(PersonByReference(app.store(), *request.trust, o->person)).id;
      }
    }
    request.password = ReadPassword();
    auto made = TRY(app.users().Add(request, CliActor()));
    std::cout << "Added " << made.email << " (" << Code(made.role) << ").\n";
    return Ok();
  });

  auto* passwd = user->add_subcommand(
      "passwd", "Set a sign-in's password (from TRELLIS_PASSWORD or standard input)");
  passwd->add_option("--email", o->email, "sign-in email")->required();
  commands.On(passwd, [o](app::App& app) -> Result<void> {
    auto found = TRY(app.store().FindUserByEmail(o->email));
    if (!found) return Fail(ErrorCode::kNotFound, "no sign-in has the email " + o->email);
    access::UserChange change;
    change.password = ReadPassword();
    TRY(app.users().Change(found->id, change, CliActor()));
    std::cout << "Changed the password of " << found->email << "; their sessions have ended.\n";
    return Ok();
  });

  auto* list = user->add_subcommand("list", "List sign-ins");
  list->add_option("--trust", o->trust, "only this trust's");
  commands.On(list, [o](app::App& app) -> Result<void> {
    std::optional<TrustId> only;
    if (!o->trust.empty()) only = TRY(PickTrust(app.store(), o->trust));
    auto users = TRY(app.store().ListUsers(only, {.limit = 1'000'000}));
    for (const auto& u : users.items)
      std::cout << u.email << "\t" << Code(u.role) << "\t"
                << (u.trust ? std::to_string(u.trust->value()) : "-") << "\t"
                << (u.disabled ? "disabled" : "active") << "\t" << u.display_name << "\n";
    return Ok();
  });
}

}  // namespace

// backup FILE, restore FILE --yes: the store as a whole (issue 5, "backup and restore").
void AddBackupAndRestore(Commands& commands) {
  auto backup_file = std::make_shared<std::string>();
  auto* backup = commands.cli().add_subcommand(
      "backup", "Copy the whole store to a new file, consistent to one moment, while it is in use");
  backup->add_option("file", *backup_file, "the backup file to create (never overwritten)")
      ->required();
  commands.On(backup, [backup_file](app::App& app) -> Result<void> {
    TRY(app.store().BackUpTo(*backup_file));
    std::cout << "Backed up " << app.config().store << " to " << *backup_file << ".\n";
    return Ok();
  });

  struct RestoreOptions {
    std::string file;
    bool yes = false;
  };
  auto restore_options = std::make_shared<RestoreOptions>();
  auto* restore = commands.cli().add_subcommand(
      "restore",
      "Replace everything in the store with a backup (stop the servers using the store first)");
  restore->add_option("file", restore_options->file, "a file made by `trellis backup`")
      ->required();
  restore->add_flag("--yes", restore_options->yes,
                    "confirm that the store's current contents are to be replaced");
  commands.On(restore, [o = restore_options](app::App& app) -> Result<void> {
    if (!o->yes)
      return Fail(ErrorCode::kInvalidInput,
                  "restore replaces everything in " + app.config().store +
                      " with the backup: add --yes to go ahead");
    TRY(app.store().RestoreFrom(o->file));
    std::cout << "Restored " << app.config().store << " from " << o->file << " (schema version "
              << TRY(app.store().SchemaVersion()) << ").\n";
    return Ok();
  });
}

void AddAudit(Commands& commands) {
  struct AuditOptions {
    std::string trust, entity, entity_id, action, mentioning, format = "csv", output;
  };
  auto options = std::make_shared<AuditOptions>();
  auto* audit = commands.cli().add_subcommand("audit", "The audit log");
  audit->require_subcommand(1);
  auto* export_cmd = audit->add_subcommand(
      "export", "Export a trust's audit log as CSV or XLSX, newest first (itself audited)");
  AddTrustOption(export_cmd, options->trust);
  export_cmd->add_option("--entity", options->entity, "only entries about this kind of record");
  export_cmd->add_option("--entity-id", options->entity_id, "only entries about this record");
  export_cmd->add_option("--action", options->action, "only this action (create, read, ...)");
  export_cmd->add_option("--mentioning", options->mentioning,
                         "only entries whose actor, before or after contains this text");
  export_cmd->add_option("--format", options->format, "csv or xlsx")
      ->check(CLI::IsMember({"csv", "xlsx"}));
  export_cmd->add_option("--output,-o", options->output,
                         "file to write (default: standard output)");
  commands.On(export_cmd, [o = options](app::App& app) -> Result<void> {
    if (!o->output.empty()) TRY(CheckWritable(o->output));
    const TrustId trust = TRY(PickTrust(app.store(), o->trust));
    auto bytes = TRY(exchange::ExportAudit(
        app.store(),
        {.trust = trust,
         .entity = o->entity,
         .entity_id = o->entity_id,
         .action = o->action,
         .mentioning = o->mentioning},
        o->format == "xlsx" ? exchange::Format::kXlsx : exchange::Format::kCsv, CliActor(),
        app.clock().Now()));
    if (!o->output.empty()) return WriteFile(o->output, bytes);
    std::cout << bytes;
    return Ok();
  });
}

void AddOrgCommands(Commands& commands) {
  AddServe(commands);
  AddBackupAndRestore(commands);
  commands.On(commands.cli().add_subcommand("migrate", "Bring the store's schema up to date"),
              [](app::App& app) -> Result<void> {
                std::cout << "Schema is at version " << TRY(app.store().SchemaVersion()) << ".\n";
                return Ok();
              });
  commands.On(
      commands.cli().add_subcommand("demo", "Create the demo trust (once) and print its sign-ins"),
      [](app::App& app) -> Result<void> {
        PrintDemo(TRY(demo::CreateDemoTrust(
            app.store(), {.today = app.clock().Today(), .now = app.clock().Now()})));
        return Ok();
      });
  AddImportExport(commands);
  AddTrust(commands);
  AddUser(commands);
  AddAudit(commands);
}

}  // namespace trellis::cli
