// libFuzzer target for the CSV reader and the text encodings of exchange/: whatever the bytes,
// they must not crash, hang or break these properties:
//  - what the reader reads, the writer writes and the reader reads back the same;
//  - Windows-1252 decoding always gives well-formed UTF-8;
//  - Excerpt always gives well-formed UTF-8 (it goes into JSON error reports).
// Each input is read twice: with the real limits, and with tiny ones picked by its last byte,
// so the over-limit paths are reached too.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "exchange/csv.h"
#include "exchange/encoding.h"

namespace {

using trellis::exchange::csv::Limits;

void Check(bool condition) {
  if (!condition) std::abort();
}

Limits TinyLimits(uint8_t selector) {
  return {.max_field_bytes = size_t{1} + selector % 64, .max_fields = size_t{1} + selector / 64};
}

// Reading, writing and reading again gives the same records.
void CheckRoundTrip(std::string_view text, const Limits& limits) {
  namespace csv = trellis::exchange::csv;
  const auto table = csv::Parse(text, limits);
  for (const auto& issue : table.issues)
    Check(issue.record >= 1 && issue.record <= static_cast<int64_t>(table.records.size()));
  if (!table.issues.empty()) return;
  std::string written;
  for (const auto& record : table.records) csv::AppendRecord(written, record);
  const auto again = csv::Parse(written, limits);
  Check(again.issues.empty());
  Check(again.records == table.records);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ex = trellis::exchange;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const auto invalid = ex::FirstInvalidUtf8(input);
  Check(!invalid || *invalid < input.size());
  Check(!ex::FirstInvalidUtf8(ex::Windows1252ToUtf8(input)));
  Check(!ex::FirstInvalidUtf8(ex::Utf8OrWindows1252(input)));
  Check(!ex::FirstInvalidUtf8(ex::Excerpt(input, 10)));
  if (invalid) {
    const auto at = ex::PositionOf(input, *invalid);
    Check(at.line >= 1 && at.column >= 1);
  }

  CheckRoundTrip(ex::StripBom(input), Limits{});
  if (size > 0) CheckRoundTrip(input, TinyLimits(data[size - 1]));
  return 0;
}
