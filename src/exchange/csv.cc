#include "exchange/csv.h"

namespace trellis::exchange::csv {
namespace {

bool IsFieldEnd(char c) { return c == ',' || c == '\n' || c == '\r'; }

std::string DescribeBytes(size_t bytes) {
  constexpr size_t kMiB = size_t{1} << 20;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

Reader::Reader(std::string_view text, Limits limits) : text_(text), limits_(limits) {}

bool Reader::Next() {
  if (pos_ >= text_.size()) return false;
  ++record_;
  start_line_ = line_;
  count_ = 0;
  issues_.clear();
  std::string overflow;  // sink for fields beyond limits_.max_fields
  for (size_t index = 0;; ++index) {
    std::string* field = &overflow;
    if (index < limits_.max_fields) {
      if (fields_.size() <= index) fields_.emplace_back();
      field = &fields_[index];
      count_ = index + 1;
    } else if (index == limits_.max_fields) {
      AddIssue(index, "the row has more than " + std::to_string(limits_.max_fields) +
                          " fields; the rest were ignored");
    }
    field->clear();
    field_too_long_ = false;
    if (pos_ < text_.size() && text_[pos_] == '"')
      ReadQuoted(*field, index);
    else
      ReadUnquoted(*field, index);
    if (pos_ >= text_.size()) return true;
    if (text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    SkipLineEnd();
    return true;
  }
}

bool Reader::blank() const {
  for (const auto& field : fields())
    if (!field.empty()) return false;
  return true;
}

void Reader::ReadUnquoted(std::string& field, size_t index) {
  const size_t start = pos_;
  bool reported_quote = false;
  while (pos_ < text_.size() && !IsFieldEnd(text_[pos_])) {
    if (text_[pos_] == '"' && !reported_quote) {
      AddIssue(index,
               "a field that does not start with a quote has a quote in it; put the whole "
               "field in quotes and double the quote (\"\")");
      reported_quote = true;
    }
    ++pos_;
  }
  Append(field, index, text_.substr(start, pos_ - start));
}

void Reader::ReadQuoted(std::string& field, size_t index) {
  const int64_t opened_on = line_;
  ++pos_;  // the opening quote
  size_t segment = pos_;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '"') {
      Append(field, index, text_.substr(segment, pos_ - segment));
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        Append(field, index, "\"");
        pos_ += 2;
        segment = pos_;
        continue;
      }
      ++pos_;  // the closing quote
      if (pos_ < text_.size() && !IsFieldEnd(text_[pos_])) {
        AddIssue(index,
                 "there is text after the closing quote of a field; double any quote "
                 "inside a quoted field (\"\")");
        ReadUnquoted(field, index);
      }
      return;
    }
    if (c == '\n' || (c == '\r' && (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '\n'))) ++line_;
    ++pos_;
  }
  Append(field, index, text_.substr(segment, pos_ - segment));
  issues_.push_back({record_, opened_on, index,
                     "the quoted field that starts on line " + std::to_string(opened_on) +
                         " has no closing quote"});
}

void Reader::Append(std::string& field, size_t index, std::string_view bytes) {
  if (field_too_long_) return;
  if (field.size() + bytes.size() <= limits_.max_field_bytes) {
    field.append(bytes);
    return;
  }
  field.append(bytes.substr(0, limits_.max_field_bytes - field.size()));
  field_too_long_ = true;
  AddIssue(index,
           "the field is longer than the limit of " + DescribeBytes(limits_.max_field_bytes));
}

void Reader::SkipLineEnd() {
  // CRLF, LF or a lone CR each end one line.
  if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

void Reader::AddIssue(size_t index, std::string reason) {
  issues_.push_back({record_, line_, index, std::move(reason)});
}

Table Parse(std::string_view text, Limits limits) {
  Table table;
  Reader reader(text, limits);
  while (reader.Next()) {
    table.records.emplace_back(reader.fields().begin(), reader.fields().end());
    table.issues.insert(table.issues.end(), reader.issues().begin(), reader.issues().end());
  }
  return table;
}

void AppendRecord(std::string& out, std::span<const std::string> fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    const std::string& field = fields[i];
    const bool quote = field.find_first_of(",\"\r\n") != std::string::npos ||
                       (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (!quote) {
      out += field;
      continue;
    }
    out += '"';
    for (char c : field) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

}  // namespace trellis::exchange::csv
