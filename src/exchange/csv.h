#pragma once
// Comma-separated values as RFC 4180 describes them and spreadsheets write them: fields
// separated by commas, records ended by CRLF or LF (or a lone CR, as old Mac files do), a
// field in double quotes may hold commas, line breaks and doubled quotes (""). The reader
// only looks at the bytes ',', '"', CR and LF, so it works on UTF-8 and on single-byte code
// pages alike; decoding is the caller's business (exchange/encoding.h), and so is a byte order
// mark.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::exchange::csv {

// Guards against files that would exhaust memory. Over a limit, the reader reports an issue
// and keeps reading (the oversized field is cut short, surplus fields are dropped).
struct Limits {
  size_t max_field_bytes = size_t{1} << 20;  // 1 MiB
  size_t max_fields = 4096;                  // per record
};

// Something wrong with the shape of one record.
struct Issue {
  int64_t record = 0;  // 1-based record number: the spreadsheet row (the header is record 1)
  int64_t line = 0;    // 1-based line of the file where the fault is
  size_t field = 0;    // 0-based index of the field within the record
  std::string reason;  // a sentence for the user, e.g. "a quoted field has no closing quote"

  bool operator==(const Issue&) const = default;
};

// Reads one record at a time without copying the input, reusing its buffers from record to
// record, so a large file costs one pass and little memory. Not thread safe.
class Reader {
 public:
  // `text` must outlive the reader.
  explicit Reader(std::string_view text, Limits limits = {});

  // Moves to the next record; false when the input is exhausted. A malformed record is still
  // returned, as well as it could be read, with what was wrong in issues(); the reader then
  // carries on, so reading to the end finds every problem. An empty line is a record of one
  // empty field; a line break at the very end of the input does not start another record.
  bool Next();

  // The current record (valid until the next call to Next).
  std::span<const std::string> fields() const { return {fields_.data(), count_}; }
  int64_t record_number() const { return record_; }
  int64_t line() const { return start_line_; }  // the line on which the record starts
  const std::vector<Issue>& issues() const { return issues_; }

  // True when the record has no content: every field is empty.
  bool blank() const;

 private:
  void ReadQuoted(std::string& field, size_t index);
  void ReadUnquoted(std::string& field, size_t index);
  void Append(std::string& field, size_t index, std::string_view bytes);
  // Consumes the line ending (CRLF, LF or CR) at pos_.
  void SkipLineEnd();
  void AddIssue(size_t index, std::string reason);

  std::string_view text_;
  Limits limits_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  int64_t record_ = 0;
  int64_t start_line_ = 0;
  std::vector<std::string> fields_;  // fields_[0, count_) are the current record
  size_t count_ = 0;
  bool field_too_long_ = false;
  std::vector<Issue> issues_;
};

// The whole of `text` at once, for tests and small inputs.
struct Table {
  std::vector<std::vector<std::string>> records;
  std::vector<Issue> issues;
};
Table Parse(std::string_view text, Limits limits = {});

// Appends one record to `out` as RFC 4180 asks: a field is quoted when it holds a comma, a
// quote, CR or LF, or starts or ends with a space, its quotes doubled; the record ends in CRLF.
void AppendRecord(std::string& out, std::span<const std::string> fields);

}  // namespace trellis::exchange::csv
