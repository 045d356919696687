// Import: decode, parse and check the whole file against what is stored, then apply every
// change in one transaction. Each kind is an Importer (importer.h; one file of importers per
// domain); Import drives them all the same way.

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "exchange/csv.h"
#include "exchange/encoding.h"
#include "exchange/importer.h"

namespace trellis::exchange {
namespace {

constexpr std::string_view kSaveAsUtf8 =
    "save the file from your spreadsheet as \"CSV UTF-8 (Comma delimited)\" and import that";

// A file that is not UTF-8: one problem per cell that is not, showing the cell as Windows-1252
// (what it most likely is) so the user can find it.
void ReportEncoding(std::string_view text, ProblemList& problems) {
  csv::Reader reader(text);
  std::vector<std::string> header;
  bool found = false;
  while (reader.Next()) {
    const auto fields = reader.fields();
    if (reader.record_number() == kHeaderRow) header.assign(fields.begin(), fields.end());
    for (size_t i = 0; i < fields.size(); ++i) {
      if (!FirstInvalidUtf8(fields[i])) continue;
      found = true;
      const std::string column = i < header.size() && !Trim(header[i]).empty()
                                     ? Excerpt(Trim(header[i]))
                                     : ColumnNumber(i);
      problems.Add(reader.record_number(), column,
                   "is not UTF-8 text (the file was probably saved as plain \"CSV\"); " +
                       std::string(kSaveAsUtf8),
                   fields[i]);
    }
  }
  if (!found) {
    const auto at = PositionOf(text, FirstInvalidUtf8(text).value_or(0));
    problems.Add(std::nullopt, {},
                 "the file is not UTF-8 text (line " + std::to_string(at.line) + ", byte " +
                     std::to_string(at.column) + "); " + std::string(kSaveAsUtf8));
  }
}

// The importer of `kind`, from the file of importers of its domain.
std::unique_ptr<Importer> MakeImporter(Kind kind, const ImportOptions& options,
                                       std::optional<std::string> gias_trust) {
  if (auto org = MakeOrgImporter(kind, options, std::move(gias_trust))) return org;
  if (auto talent = MakeTalentImporter(kind, options)) return talent;
  return MakeSuccessionImporter(kind, options);
}

bool IsBlankText(std::string_view text) { return Trim(text).empty(); }

// Rows between the parts a WritesAsItReads importer seals.
constexpr int64_t kRowsPerPart = 10'000;

// Reads every data row after the header into `importer` (whose Load has run), then its
// whole-file checks; returns the number of data rows. Each problem goes to `problems`.
// `part_checked`, if given, is called every kRowsPerPart rows and says whether to go on.
int64_t CheckRows(csv::Reader& reader, const Sheet& sheet, Importer& importer,
                  ProblemList& problems, const std::function<bool()>& part_checked = {}) {
  int64_t rows = 0;
  while (reader.Next()) {
    const auto fields = reader.fields();
    const int64_t row = reader.record_number();
    if (reader.issues().empty() && reader.blank()) continue;
    if (part_checked && rows > 0 && rows % kRowsPerPart == 0 && !part_checked()) break;
    ++rows;
    if (!reader.issues().empty()) {
      for (const auto& issue : reader.issues())
        problems.Add(row, sheet.HeaderAt(issue.field), issue.reason,
                     issue.field < fields.size() ? std::string_view(fields[issue.field]) : "");
      continue;
    }
    if (fields.size() != sheet.width()) {
      // Cells past the header's last column are tolerated when empty (some spreadsheets
      // write trailing commas); anything else means the columns are out of line.
      size_t last = fields.size();
      while (last > sheet.width() && Trim(fields[last - 1]).empty()) --last;
      if (last != sheet.width()) {
        const size_t first_odd = std::min(last, sheet.width());
        problems.Add(row, sheet.HeaderAt(first_odd),
                     "the row has " + std::to_string(last) + " cells but the header row has " +
                         std::to_string(sheet.width()) +
                         "; check for a missing or extra comma, or a stray quote");
        continue;
      }
    }
    RowReader row_reader(sheet, problems, row, fields);
    importer.Row(row_reader, problems);
  }
  if (rows == 0) problems.Add(std::nullopt, {}, "the file has a header row but no data rows");
  if (problems.empty()) importer.Finish(sheet, problems);
  return rows;
}

// CheckRows on a thread of its own while this thread, which holds the import's transaction,
// writes each part of the plan as the checks seal it (Importer::WritesAsItReads): the national
// people file is checked and written at once, not one after the other. The checks run at most
// kPartsAhead parts ahead of the writing, so a file larger than memory's share for it is held
// a few parts at a time (and those parts' memory is reused, Plan::Seal). From the first
// problem on nothing more is written, and the caller's refusal undoes what was, so a file with
// a problem still writes nothing. Returns the number of data rows.
constexpr size_t kPartsAhead = 2;

Result<int64_t> CheckWhileWriting(csv::Reader& reader, const Sheet& sheet, Importer& importer,
                                  ProblemList& problems, store::Store& tx, const Audit& audit) {
  std::mutex mutex;
  std::condition_variable changed;
  size_t sealed = 0;      // parts the checks have sealed
  size_t written = 0;     // parts the writing is done with
  bool clean = true;      // no problem yet when the last part was sealed
  bool checked = false;   // every row checked
  bool give_up = false;   // the writing failed: check no further
  int64_t rows = 0;
  std::exception_ptr thrown;
  std::thread checks([&] {
    try {
      rows = CheckRows(reader, sheet, importer, problems, [&] {
        const bool ok = problems.empty();
        if (ok)
          importer.Seal();
        else
          importer.DropPlanned();
        std::unique_lock lock(mutex);
        clean = ok;
        ++sealed;
        changed.notify_all();
        changed.wait(lock, [&] { return give_up || sealed - written <= kPartsAhead; });
        return !give_up;
      });
    } catch (...) {
      thrown = std::current_exception();
    }
    {
      std::lock_guard lock(mutex);
      checked = true;
    }
    changed.notify_all();
  });
  auto stop_checks = [&] {
    {
      std::lock_guard lock(mutex);
      give_up = true;
    }
    changed.notify_all();
  };
  Result<void> result = Ok();
  try {
    for (bool done = false; !done;) {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return checked || sealed > written; });
      const size_t taken = sealed;
      done = checked;
      // Once every row is checked the problems are final: none may be written past one.
      const bool write = clean && result.has_value() && (!done || problems.empty());
      lock.unlock();
      if (write) result = importer.WriteSealed(tx, audit);
      lock.lock();
      written = taken;
      lock.unlock();
      changed.notify_all();
      if (!result) stop_checks();
    }
  } catch (...) {
    stop_checks();
    checks.join();
    throw;
  }
  checks.join();
  if (thrown) std::rethrow_exception(thrown);
  TRY(result);
  return rows;
}

}  // namespace

Result<ImportReport> Import(store::Store& store, Kind kind, std::string_view file,
                            const ImportOptions& options) {
  const org::Trust trust = TRY(store.GetTrust(options.trust));
  ProblemList problems;
  auto refuse = [&]() { return Fail(problems.TakeError(kind)); };

  if (LooksLikeUtf16(file)) {
    problems.Add(std::nullopt, {},
                 "the file is UTF-16 text (Excel's \"Unicode Text\"); " + std::string(kSaveAsUtf8));
    return refuse();
  }
  std::string decoded;
  std::string_view text = StripBom(file);
  if (kind == Kind::kGias) {
    decoded = Utf8OrWindows1252(file);
    text = decoded;
  } else if (FirstInvalidUtf8(text)) {
    ReportEncoding(text, problems);
    return refuse();
  }
  if (IsBlankText(text)) {
    problems.Add(std::nullopt, {}, "the file is empty");
    return refuse();
  }

  std::optional<std::string> gias_trust;
  if (kind == Kind::kGias) {
    gias_trust = GiasTrustFilter(text, trust, problems);
    if (!problems.empty()) return refuse();
  }
  const auto importer = MakeImporter(kind, options, gias_trust);
  if (!importer) return Fail(ErrorCode::kInvalidInput, "no importer for this kind of file");

  csv::Reader reader(text);
  (void)reader.Next();  // not blank, so there is a first record
  for (const auto& issue : reader.issues())
    problems.Add(kHeaderRow, ColumnNumber(issue.field), issue.reason);
  if (reader.blank())
    problems.Add(kHeaderRow, {}, "the first row is empty; it must hold the column headers");
  const std::vector<std::string> header(reader.fields().begin(), reader.fields().end());
  const Sheet sheet(kind, header, problems);
  if (!problems.empty()) return refuse();

  // Everything that reads the store, from the listing of stored records to the last write,
  // happens in one transaction, so no other writer (the server and the command line at once)
  // can change a record between the check that decided "create" or "update" and the write.
  // A dry run writes nothing, so it checks against the store as it is, without taking the
  // write lock.
  ImportReport report{.kind = kind, .dry_run = options.dry_run};
  const Audit audit(options);
  auto check_and_apply = [&](store::Store& tx) -> Result<void> {
    TRY(importer->Load(tx));
    importer->Expect(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));
    if (!importer->WritesAsItReads())
      report.rows = CheckRows(reader, sheet, *importer, problems);
    else if (!options.dry_run)
      report.rows = TRY(CheckWhileWriting(reader, sheet, *importer, problems, tx, audit));
    else
      report.rows = CheckRows(reader, sheet, *importer, problems, [&] {
        importer->DropPlanned();
        return true;
      });
    if (!problems.empty()) return refuse();
    const Counts counts = importer->counts();
    report.created = counts.created;
    report.updated = counts.updated;
    report.unchanged = counts.unchanged;
    if (options.dry_run || counts.created + counts.updated == 0) return Ok();
    return importer->Apply(tx, audit);
  };
  if (options.dry_run)
    TRY(check_and_apply(store));
  else
    TRY(store.Transact(check_and_apply));
  return report;
}

}  // namespace trellis::exchange
