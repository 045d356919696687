#include "exchange/audit_export.h"

#include <nlohmann/json.hpp>
#include <vector>

#include "exchange/sheets.h"

namespace trellis::exchange {
namespace {

const std::vector<SheetColumn>& AuditColumns() {
  static const std::vector<SheetColumn> columns = {
      {"id", true},      {"at", false},        {"actor", false},  {"user_id", true},
      {"action", false}, {"entity", false},    {"entity_id", false}, {"remote", false},
      {"before", false}, {"after", false}};
  return columns;
}

std::vector<std::string> RowOf(const access::AuditEntry& e) {
  return {std::to_string(e.id.value()),
          ToIso(e.at),
          e.actor,
          e.user ? std::to_string(e.user->value()) : std::string(),
          e.action,
          e.entity,
          e.entity_id,
          e.remote,
          e.before,
          e.after};
}

std::string FilterJson(const store::AuditFilter& filter) {
  nlohmann::json after = {{"entity", filter.entity},
                          {"entity_id", filter.entity_id},
                          {"action", filter.action},
                          {"mentioning", filter.mentioning}};
  if (filter.user) after["user_id"] = filter.user->value();
  return after.dump();
}

}  // namespace

Result<std::string> ExportAudit(store::Store& store, store::AuditFilter filter, Format format,
                                const org::Actor& actor, Instant now) {
  filter.page = {.limit = kMostAuditEntriesInAFile, .offset = 0};
  store::Listing<access::AuditEntry> listing;
  TRY(store.Transact([&](store::Store& tx) -> Result<void> {
    listing = TRY(tx.ListAudit(filter));
    return tx.Append(org::AuditEntryOf(actor, now, filter.trust, "read", "audit_log", "export",
                                       "", FilterJson(filter)));
  }));
  if (format == Format::kCsv) {
    CsvWriter csv;
    csv.Begin(AuditColumns());
    for (const auto& entry : listing.items) csv.Row(RowOf(entry));
    return std::move(csv).Finish();
  }
  auto xlsx = TRY(XlsxWriter::Open());
  xlsx.Begin("Audit log", AuditColumns());
  for (const auto& entry : listing.items) xlsx.Row(RowOf(entry));
  return std::move(xlsx).Finish();
}

}  // namespace trellis::exchange
