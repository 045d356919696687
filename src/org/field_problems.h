#pragma once
// Collects the problems of a record's fields for the field rules of every domain (org,
// talent, succession, development): each check adds at most one problem per field, named as
// the API names it, so a refusal lists every problem at once (Refuse in core/result.h).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"

namespace trellis::org {

enum class Presence { kRequired, kOptional };

class FieldProblems {
 public:
  static constexpr size_t kMaxLine = 200;   // names, titles
  static constexpr size_t kMaxText = 4000;  // notes, descriptions, evidence

  void Add(std::string field, std::string reason, std::string value = {});
  // One line of text: not blank when required, no control characters, at most `max` bytes.
  void Line(const std::string& field, const std::string& value, Presence presence,
            size_t max = kMaxLine);
  // True when `value` has no control characters; otherwise adds that problem for `field` and
  // returns false, so the caller checks the value's shape no further (one problem per field).
  bool SingleLine(const std::string& field, std::string_view value);
  // Free text over several lines: not blank when required; line breaks and tabs are fine,
  // other control characters (NUL, escape, ...) are not; at most `max` bytes.
  void Paragraphs(const std::string& field, const std::string& value,
                  Presence presence = Presence::kOptional, size_t max = kMaxText);

  // An id or a date the record cannot do without (a default-constructed one is missing).
  template <typename Tag>
  void RequiredId(const std::string& field, Id<Tag> id) {
    if (!id.valid()) Add(field, "is required");
  }
  void RequiredDate(const std::string& field, Date day) {
    if (day == Date{}) Add(field, "is required");
  }
  // An id the record may do without, but that must be a real one when given.
  template <typename Tag>
  void OptionalId(const std::string& field, const std::optional<Id<Tag>>& id) {
    if (id && !id->valid()) Add(field, "must be a positive id", std::to_string(id->value()));
  }

  bool empty() const { return list_.empty(); }
  std::vector<Problem> Take() { return std::move(list_); }

  // Empty or only white space.
  static bool IsBlank(const std::string& value);

 private:
  std::vector<Problem> list_;
};

}  // namespace trellis::org
