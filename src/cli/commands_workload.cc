// generate: the national workload (issue 4; docs/cli.md). It opens no store: it writes the
// files a user would import. load: those files imported into the store, group by group.

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "workload/gias.h"
#include "workload/load.h"
#include "workload/nation.h"
#include "workload/write.h"

namespace trellis::cli {
namespace {

// "1 school", "27122 schools".
std::string Counted(int64_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

double SecondsSince(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

void AddLoad(Commands& commands) {
  auto dir = std::make_shared<std::string>();
  auto* load = commands.cli().add_subcommand(
      "load",
      "Import a folder `trellis generate` wrote into the store: each group's trust (created "
      "when missing), then its files in import order, each checked whole as `import` does");
  load->add_option("dir", *dir, "the folder generate wrote")->required();
  commands.On(load, [dir](app::App& app) -> Result<void> {
    const auto started = std::chrono::steady_clock::now();
    // A line a second at most: the nation has thousands of groups.
    double last_line = 0;
    auto progress = [&](const workload::LoadedGroup& group) {
      const double now = SecondsSince(started);
      if (group.done != group.total && now - last_line < 1.0) return;
      last_line = now;
      std::cout << "  " << group.done << " of " << group.total << " groups (" << group.reference
                << (group.trust_created ? ", new trust" : "") << "), " << Number(now, 1) << " s"
                << std::endl;
    };
    const auto summary =
        TRY(workload::LoadWorkload(app.store(), app.clock(), CliActor(), *dir, progress));
    const auto& c = summary.counts;
    std::cout << "Loaded " << *dir << ": " << Counted(summary.groups, "group", "groups") << " ("
              << summary.trusts_created << " new " << (summary.trusts_created == 1 ? "trust" : "trusts")
              << "), " << Counted(c.files, "file", "files") << ", " << Counted(c.rows, "row", "rows")
              << ": " << c.created << " new, " << c.updated << " changed, " << c.unchanged
              << " unchanged; " << Number(SecondsSince(started), 1) << " s.\n";
    return Ok();
  });
}

}  // namespace

void AddWorkloadCommands(Commands& commands) {
  struct GenerateOptions {
    std::string size = "national";
    uint64_t seed = 1;
    std::string out;
  };
  auto options = std::make_shared<GenerateOptions>();
  auto* generate = commands.cli().add_subcommand(
      "generate",
      "Write a synthetic workforce for the real schools of England, as import files (the "
      "national workload of the benchmarks)");
  generate
      ->add_option("--size", options->size,
                   "trust (one multi-academy trust of about 10 schools), schools:N (whole "
                   "trusts until at least N schools) or national")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& text) {
            const auto size = workload::ParseSize(text);
            return size ? std::string() : size.error().message;
          },
          "trust|schools:N|national"));
  generate
      ->add_option("--seed", options->seed, "the seed: the same seed and size give the same files")
      ->capture_default_str();
  generate->add_option("--out", options->out, "a new or empty folder to write into")->required();

  commands.OnStandalone(generate, [options]() -> Result<void> {
    const workload::Size size = TRY(workload::ParseSize(options->size));
    TRY(workload::PrepareOutput(options->out));
    const auto started = std::chrono::steady_clock::now();
    const workload::Gias gias = TRY(workload::ShippedGias());
    const workload::Nation nation = workload::BuildNation(gias);
    const auto summary =
        TRY(workload::WriteWorkload(nation, {.seed = options->seed, .size = size}, options->out));
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    const auto& c = summary.counts;
    std::cout << "Generated " << workload::ToText(size) << " (seed " << options->seed << ") in "
              << options->out << ": " << Counted(summary.groups, "group", "groups") << " ("
              << Counted(summary.trusts, "trust", "trusts") << ", "
              << Counted(summary.local_authority_groups, "local-authority group",
                         "local-authority groups")
              << "), " << Counted(c.schools, "school", "schools") << ", "
              << Counted(c.people, "person", "people") << " (" << c.staff() << " staff, "
              << c.governors << " governors), " << Counted(c.key_posts, "key post", "key posts")
              << "; " << Number(static_cast<double>(summary.bytes) / 1e6, 1) << " MB in "
              << Number(took.count(), 1) << " s.\n";
    return Ok();
  });
  AddLoad(commands);
}

}  // namespace trellis::cli
