#include "workload/gias.h"

#include <charconv>
#include <chrono>
#include <string>
#include <unordered_set>

#include "exchange/cells.h"
#include "exchange/csv.h"
#include "exchange/encoding.h"
#include "workload/gias_data.h"

namespace trellis::workload {
namespace {

// A file's header, and each wanted column's place in it.
class Header {
 public:
  Header(std::span<const std::string> fields) : fields_(fields.begin(), fields.end()) {}

  // The index of `name`; a problem (row 1) when the file has no such column.
  std::optional<size_t> Find(std::string_view name, const std::string& file,
                             std::vector<Problem>& problems) const {
    for (size_t i = 0; i < fields_.size(); ++i)
      if (exchange::Trim(fields_[i]) == name) return i;
    problems.push_back({std::string(name), "the " + file + " file has no such column", {}, 1});
    return std::nullopt;
  }

 private:
  std::vector<std::string> fields_;
};

std::optional<int64_t> ReadUrn(std::string_view text) {
  const auto urn = exchange::ParseWholeNumber(exchange::Trim(text));
  if (!urn || *urn < 100000 || *urn > 999999) return std::nullopt;
  return urn;
}

// GIAS writes dates as DD-MM-YYYY; the links file as YYYY-MM-DD. Empty is no date.
bool ReadDate(std::string_view text, std::optional<Date>& out) {
  text = exchange::Trim(text);
  out.reset();
  if (text.empty()) return true;
  if (text.size() == 10 && text[2] == '-' && text[5] == '-') {
    int d = 0, m = 0, y = 0;
    const char* p = text.data();
    if (std::from_chars(p, p + 2, d).ec != std::errc() ||
        std::from_chars(p + 3, p + 5, m).ec != std::errc() ||
        std::from_chars(p + 6, p + 10, y).ec != std::errc() || m < 1 || d < 1)
      return false;
    // Not Date::FromYmd, which starts in 1900: some schools opened in the 1800s.
    const std::chrono::year_month_day ymd{std::chrono::year{y},
                                          std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return false;
    out = Date(std::chrono::sys_days{ymd});
    return true;
  }
  out = Date::Parse(text);
  return out.has_value();
}

std::string_view Cell(std::span<const std::string> fields, size_t index) {
  return index < fields.size() ? std::string_view(fields[index]) : std::string_view();
}

void ParseEstablishments(std::string_view text, Gias& gias, std::vector<Problem>& problems) {
  const std::string file = "establishments";
  exchange::csv::Reader reader(exchange::StripBom(text));
  if (!reader.Next()) {
    problems.push_back({"establishments", "the file is empty", {}, std::nullopt});
    return;
  }
  const Header header(reader.fields());
  const auto urn = header.Find("urn", file, problems);
  const auto name = header.Find("name", file, problems);
  const auto town = header.Find("town", file, problems);
  const auto postcode = header.Find("postcode", file, problems);
  const auto opened = header.Find("open_date", file, problems);
  const auto closed = header.Find("close_date", file, problems);
  if (!urn || !name || !town || !postcode || !opened || !closed) return;
  while (reader.Next()) {
    if (reader.blank()) continue;
    const auto fields = reader.fields();
    const auto row = reader.record_number();
    Establishment e;
    if (const auto number = ReadUrn(Cell(fields, *urn)))
      e.urn = *number;
    else
      problems.push_back({"urn", "must be a 6-digit URN", std::string(Cell(fields, *urn)), row});
    e.name = exchange::Trim(Cell(fields, *name));
    e.town = exchange::Trim(Cell(fields, *town));
    e.postcode = exchange::Trim(Cell(fields, *postcode));
    if (!ReadDate(Cell(fields, *opened), e.opened))
      problems.push_back(
          {"open_date", "must be a date as DD-MM-YYYY", std::string(Cell(fields, *opened)), row});
    if (!ReadDate(Cell(fields, *closed), e.closed))
      problems.push_back(
          {"close_date", "must be a date as DD-MM-YYYY", std::string(Cell(fields, *closed)), row});
    gias.establishments.push_back(std::move(e));
  }
  for (const auto& issue : reader.issues())
    problems.push_back({"establishments", issue.reason, {}, issue.record});
}

void ParseLinks(std::string_view text, Gias& gias, std::vector<Problem>& problems) {
  const std::string file = "academy trust links";
  exchange::csv::Reader reader(exchange::StripBom(text));
  if (!reader.Next()) {
    problems.push_back({"academy trust links", "the file is empty", {}, std::nullopt});
    return;
  }
  const Header header(reader.fields());
  const auto urn = header.Find("URN", file, problems);
  const auto type = header.Find("school_type_name", file, problems);
  const auto reference = header.Find("trust_group_id", file, problems);
  const auto name = header.Find("trust_name", file, problems);
  const auto kind = header.Find("trust_group_type", file, problems);
  if (!urn || !type || !reference || !name || !kind) return;
  std::unordered_set<int64_t> seen;
  while (reader.Next()) {
    if (reader.blank()) continue;
    const auto fields = reader.fields();
    const auto number = ReadUrn(Cell(fields, *urn));
    if (!number) {
      problems.push_back({"URN", "must be a 6-digit URN", std::string(Cell(fields, *urn)),
                          reader.record_number()});
      continue;
    }
    const std::string_view trust = exchange::Trim(Cell(fields, *reference));
    if (trust.empty() || !seen.insert(*number).second) continue;
    gias.links.push_back(
        {.urn = *number,
         .school_type = std::string(exchange::Trim(Cell(fields, *type))),
         .trust_reference = std::string(trust),
         .trust_name = std::string(exchange::Trim(Cell(fields, *name))),
         .multi_academy = exchange::Trim(Cell(fields, *kind)) == "Multi-academy trust"});
  }
  for (const auto& issue : reader.issues())
    problems.push_back({"academy trust links", issue.reason, {}, issue.record});
}

}  // namespace

bool Establishment::OpenOn(Date day) const {
  return (!opened || *opened <= day) && (!closed || *closed > day);
}

Result<Gias> ParseGias(std::string_view establishments_csv, std::string_view links_csv) {
  Gias gias;
  std::vector<Problem> problems;
  ParseEstablishments(establishments_csv, gias, problems);
  ParseLinks(links_csv, gias, problems);
  if (!problems.empty()) {
    const auto count = problems.size();
    if (problems.size() > 100) problems.resize(100);
    return Fail(ErrorCode::kInvalidInput, std::to_string(count) + " problems in the GIAS files",
                std::move(problems));
  }
  return gias;
}

Result<Gias> ShippedGias() { return ParseGias(EstablishmentsCsv(), AcademyTrustLinksCsv()); }

}  // namespace trellis::workload
