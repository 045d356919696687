#include "workload/load.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/files.h"
#include "exchange/csv.h"
#include "exchange/exchange.h"
#include "org/org_service.h"

namespace trellis::workload {
namespace {

namespace fs = std::filesystem;

// What to import, in the manifest's order: each group's file of that name, as the kind its
// name says ("people.csv": people). The generator that wrote the folder decides the order, so
// a later one with another order is loaded its own way.
struct FileToImport {
  std::string name;
  exchange::Kind kind;
};

Result<std::vector<FileToImport>> ImportOrder(const fs::path& dir) {
  const fs::path path = dir / "manifest.json";
  const std::string text = TRY(ReadWholeFile(path));
  const nlohmann::json manifest = nlohmann::json::parse(text, nullptr, false);
  auto refuse = [&](const std::string& why) {
    return Fail(ErrorCode::kInvalidInput, path.string() + " " + why);
  };
  if (!manifest.is_object() || manifest.value("generator", "") != "trellis generate")
    return refuse("is not the manifest of a folder `trellis generate` wrote");
  const auto order = manifest.find("import_order");
  if (order == manifest.end() || !order->is_array() || order->empty())
    return refuse("has no import_order");
  std::vector<FileToImport> files;
  for (const auto& entry : *order) {
    const std::string name = entry.is_string() ? entry.get<std::string>() : std::string();
    constexpr std::string_view kCsv = ".csv";
    const std::string_view stem =
        name.ends_with(kCsv) ? std::string_view(name).substr(0, name.size() - kCsv.size()) : "";
    const auto kind = exchange::KindFromCode(stem);
    if (!kind) return refuse("names a file of no known kind in import_order: " + entry.dump());
    files.push_back({name, *kind});
  }
  return files;
}

struct GroupRow {
  std::string reference;
  std::string name;
};

// trusts.csv: the groups by their reference and name, in the file's order.
Result<std::vector<GroupRow>> Groups(const fs::path& dir) {
  const fs::path path = dir / "trusts.csv";
  const std::string text = TRY(ReadWholeFile(path));
  exchange::csv::Reader reader(text);
  std::optional<size_t> reference, name;
  std::vector<GroupRow> groups;
  while (reader.Next()) {
    const auto fields = reader.fields();
    if (!reader.issues().empty())
      return Fail(ErrorCode::kInvalidInput, path.string() + " row " +
                                                std::to_string(reader.record_number()) + ": " +
                                                reader.issues().front().reason);
    if (reader.record_number() == 1) {
      for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == "reference") reference = i;
        if (fields[i] == "name") name = i;
      }
      if (!reference || !name)
        return Fail(ErrorCode::kInvalidInput,
                    path.string() + " has no reference and name columns");
      continue;
    }
    if (reader.blank()) continue;
    if (fields.size() <= std::max(*reference, *name) || fields[*reference].empty())
      return Fail(ErrorCode::kInvalidInput, path.string() + " row " +
                                                std::to_string(reader.record_number()) +
                                                " has no reference");
    groups.push_back({fields[*reference], fields[*name]});
  }
  return groups;
}

// A file's failure, its message led by the file's path: the problems' rows are that file's.
Error InFile(const fs::path& path, Error error) {
  error.message = path.string() + ": " + error.message;
  return error;
}

}  // namespace

LoadCounts& LoadCounts::operator+=(const LoadCounts& other) {
  files += other.files;
  rows += other.rows;
  created += other.created;
  updated += other.updated;
  unchanged += other.unchanged;
  return *this;
}

Result<LoadSummary> LoadWorkload(store::Store& store, const Clock& clock, const org::Actor& actor,
                                 const fs::path& dir, const OnGroupLoaded& on_loaded) {
  std::error_code error;
  if (!fs::is_directory(dir, error))
    return Fail(ErrorCode::kNotFound, dir.string() + " is not a folder");
  const std::vector<FileToImport> order = TRY(ImportOrder(dir));
  const std::vector<GroupRow> groups = TRY(Groups(dir));

  // Trusts already in the store, by reference: a second load finds the first one's.
  std::map<std::string, TrustId, std::less<>> trusts;
  for (const org::Trust& trust : TRY(store.ListTrusts()))
    if (!trust.reference.empty()) trusts.emplace(trust.reference, trust.id);

  org::OrgService org(store, clock);
  LoadSummary summary;
  for (const GroupRow& group : groups) {
    LoadedGroup loaded{.reference = group.reference,
                       .done = summary.groups + 1,
                       .total = static_cast<int64_t>(groups.size())};
    auto found = trusts.find(group.reference);
    if (found == trusts.end()) {
      const org::Trust made =
          TRY(org.Create(org::Trust{.name = group.name, .reference = group.reference}, actor));
      found = trusts.emplace(made.reference, made.id).first;
      loaded.trust_created = true;
      ++summary.trusts_created;
    }
    for (const FileToImport& to_import : order) {
      // A kind the group has no records of has no file (write.h).
      const fs::path path = dir / group.reference / to_import.name;
      if (!fs::exists(path, error)) continue;
      const std::string file = TRY(ReadWholeFile(path));
      const exchange::ImportOptions options{.trust = found->second,
                                            .dry_run = false,
                                            .today = clock.Today(),
                                            .now = clock.Now(),
                                            .actor = actor.name,
                                            .user = actor.user,
                                            .remote = actor.remote};
      auto report = exchange::Import(store, to_import.kind, file, options);
      if (!report) return Fail(InFile(path, std::move(report).error()));
      loaded.counts += {.files = 1,
                        .rows = report->rows,
                        .created = report->created,
                        .updated = report->updated,
                        .unchanged = report->unchanged};
    }
    ++summary.groups;
    summary.counts += loaded.counts;
    if (on_loaded) on_loaded(loaded);
  }
  return summary;
}

}  // namespace trellis::workload
