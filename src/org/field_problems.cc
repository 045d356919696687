#include "org/field_problems.h"

#include <cctype>

#include "org/validation.h"

namespace trellis::org {

void FieldProblems::Add(std::string field, std::string reason, std::string value) {
  list_.push_back({std::move(field), std::move(reason), std::move(value), {}});
}

void FieldProblems::Line(const std::string& field, const std::string& value, Presence presence,
                         size_t max) {
  if (presence == Presence::kRequired && IsBlank(value)) return Add(field, "is required");
  if (!SingleLine(field, value)) return;
  if (value.size() > max) Add(field, "must be at most " + std::to_string(max) + " characters");
}

bool FieldProblems::SingleLine(const std::string& field, std::string_view value) {
  if (!HasControlCharacters(value)) return true;
  Add(field, "must not contain control characters (such as line breaks or tabs)",
      ShowControlCharacters(value));
  return false;
}

void FieldProblems::Paragraphs(const std::string& field, const std::string& value,
                               Presence presence, size_t max) {
  if (presence == Presence::kRequired && IsBlank(value)) return Add(field, "is required");
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\r' && c != '\t') || byte == 0x7f)
      return Add(field, "must not contain control characters other than line breaks and tabs",
                 ShowControlCharacters(value));
  }
  if (value.size() > max) Add(field, "must be at most " + std::to_string(max) + " characters");
}

bool FieldProblems::IsBlank(const std::string& value) {
  for (char c : value)
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace trellis::org
