#pragma once
// The reports of seed 000's "Personnel" section (succession/reports.h) as they are delivered:
// read from the store, as JSON (the web's screens and print layout) or as a CSV or XLSX file
// (a download, or `trellis report … -o FILE`), with the audit entry of each read. One
// definition for the API (http/routes_reports.cc) and the command line, so that both give the
// same report.
//
// Confidential: who may read which report is the caller's decision (the API: http/reach.h;
// the command line is an operator's tool), and the caller records every read (RecordRead).

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/ids.h"
#include "core/result.h"
#include "org/record_writes.h"
#include "store/store.h"
#include "succession/plan_service.h"
#include "succession/reports.h"

namespace trellis::reports {

enum class Format { kJson, kCsv, kXlsx };

// Each report read and built on `today` from the trust's measured pipeline (and, for the
// committee's and a governing body's, its latest closed review cycle), in a fixed number of
// bulk reads. A governing body's report is empty when `school` is not one of the trust's.
[[nodiscard]] Result<succession::BoardReport> ReadBoardReport(store::Store& store, TrustId trust,
                                                              Date today);
[[nodiscard]] Result<succession::PayAndPersonnelReport> ReadPayAndPersonnelReport(
    store::Store& store, TrustId trust, Date today);
[[nodiscard]] Result<std::optional<succession::LocalGoverningBodyReport>>
ReadLocalGoverningBodyReport(store::Store& store, TrustId trust, SchoolId school, Date today);

// The report as JSON (docs/api.md, "Reports"). The Board's shows each holder's risk of loss;
// a governing body's never does.
nlohmann::json ToJson(const succession::BoardReport& report);
nlohmann::json ToJson(const succession::PayAndPersonnelReport& report);
nlohmann::json ToJson(const succession::LocalGoverningBodyReport& report);

// A report as a file: its name ("board-report-2026-09-01.csv": the report and its day) and
// its bytes (exchange/sheets.h for CSV and XLSX; JSON indented).
struct ReportFile {
  std::string name;
  std::string bytes;
};

// kTooLarge or kInternal when the XLSX writer fails (exchange::TablesToXlsx).
[[nodiscard]] Result<ReportFile> FileOf(const succession::BoardReport& report, Format format);
[[nodiscard]] Result<ReportFile> FileOf(const succession::PayAndPersonnelReport& report,
                                        Format format);
[[nodiscard]] Result<ReportFile> FileOf(const succession::LocalGoverningBodyReport& report,
                                        Format format);

// Appends the audit entry of a read of the report (PlanService::RecordRead,
// SuccessionRead::kReport): entity_id "board", "pay_and_personnel" or "local_governing_body
// school <id>", after {"format": "json" | "csv" | "xlsx"}.
[[nodiscard]] Result<void> RecordRead(succession::PlanService& plans, TrustId trust,
                                      const succession::BoardReport& report, Format format,
                                      const org::Actor& actor);
[[nodiscard]] Result<void> RecordRead(succession::PlanService& plans, TrustId trust,
                                      const succession::PayAndPersonnelReport& report,
                                      Format format, const org::Actor& actor);
[[nodiscard]] Result<void> RecordRead(succession::PlanService& plans, TrustId trust,
                                      const succession::LocalGoverningBodyReport& report,
                                      Format format, const org::Actor& actor);

}  // namespace trellis::reports

namespace trellis {
template <>
std::span<const EnumName<reports::Format>> EnumNames();
}  // namespace trellis
