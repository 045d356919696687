// The reports of seed 000's "Personnel" section: `trellis report board|pay-and-personnel|
// local-governing-body`, the same reports the API serves (reports/report_files.h), each read
// audit-logged as the API logs it.

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "reports/report_files.h"

namespace trellis::cli {
namespace {

struct Options {
  std::string trust, school, output_file;
  reports::Format format = reports::Format::kJson;
};

void AddReportOptions(CLI::App* command, Options& o) {
  AddChoice(command, "--format", o.format,
            {{"json", reports::Format::kJson},
             {"csv", reports::Format::kCsv},
             {"xlsx", reports::Format::kXlsx}},
            "json (the default), csv or xlsx");
  command->add_option("--output,-o", o.output_file, "file to write (default: standard output)");
  AddTrustOption(command, o.trust);
}

// Records the read, then writes the report to -o FILE or standard output. The file was
// checked before anything was read.
template <typename Report>
Result<void> Deliver(app::App& app, TrustId trust, const Report& report, const Options& o) {
  TRY(reports::RecordRead(app.plans(), trust, report, o.format, CliActor()));
  const reports::ReportFile file = TRY(reports::FileOf(report, o.format));
  if (!o.output_file.empty()) {
    TRY(WriteFile(o.output_file, file.bytes));
    std::cerr << "Wrote " << o.output_file << "\n";
    return Ok();
  }
  std::cout << file.bytes;
  return Ok();
}

// What every report does before reading: the -o file checked.
Result<void> Prepare(const Options& o) {
  if (!o.output_file.empty()) TRY(CheckWritable(o.output_file));
  return Ok();
}

}  // namespace

void AddReportCommands(Commands& commands) {
  auto* report = commands.cli().add_subcommand(
      "report",
      "The Board's, the Pay and Personnel Committee's and a Local Governing Body's "
      "succession reports (confidential)");
  report->require_subcommand(1);

  auto board_options = std::make_shared<Options>();
  auto* board = report->add_subcommand(
      "board", "The Board's report: succession of every key trust role, with risk of loss");
  AddReportOptions(board, *board_options);
  commands.OnTrust(
      board, board_options->trust,
      [o = board_options](app::App& app, TrustId trust) -> Result<void> {
        TRY(Prepare(*o));
        return Deliver(app, trust,
                       TRY(reports::ReadBoardReport(app.store(), trust, app.clock().Today())), *o);
      });

  auto committee_options = std::make_shared<Options>();
  auto* committee = report->add_subcommand(
      "pay-and-personnel",
      "The Pay and Personnel Committee's report: each school's implementation of the policy");
  AddReportOptions(committee, *committee_options);
  commands.OnTrust(
      committee, committee_options->trust,
      [o = committee_options](app::App& app, TrustId trust) -> Result<void> {
        TRY(Prepare(*o));
        return Deliver(
            app, trust,
            TRY(reports::ReadPayAndPersonnelReport(app.store(), trust, app.clock().Today())), *o);
      });

  auto governors_options = std::make_shared<Options>();
  auto* governors = report->add_subcommand(
      "local-governing-body",
      "A Local Governing Body's report on its school (no risk of loss, no ratings)");
  governors->add_option("--school", governors_options->school, "the school's URN")->required();
  AddReportOptions(governors, *governors_options);
  commands.OnTrust(
      governors, governors_options->trust,
      [o = governors_options](app::App& app, TrustId trust) -> Result<void> {
        TRY(Prepare(*o));
        const SchoolId school = TRY(SchoolByUrn(app.store(), trust, o->school));
        const auto read = TRY(
            reports::ReadLocalGoverningBodyReport(app.store(), trust, school, app.clock().Today()));
        if (!read)
          return Fail(ErrorCode::kNotFound, "the trust has no school with URN " + o->school);
        return Deliver(app, trust, *read, *o);
      });
}

}  // namespace trellis::cli
