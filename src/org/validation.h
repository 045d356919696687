#pragma once
// Field rules for each organisation record, independent of what is stored: the API and
// the importers both call these, so a value is accepted or refused the same way everywhere.
// Each returns every problem found (empty when the record is acceptable), with `field` set
// to the JSON/CSV field name. Rules that need the store (a referenced school exists, a
// reference is unused) belong to the callers.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "org/model.h"

namespace trellis::org {

std::vector<Problem> Check(const Trust& trust);
std::vector<Problem> Check(const School& school);
std::vector<Problem> Check(const Body& body);
std::vector<Problem> Check(const Person& person);
std::vector<Problem> Check(const Post& post);
std::vector<Problem> Check(const Holding& holding);
std::vector<Problem> Check(const Membership& membership);
std::vector<Problem> Check(const LineLink& link);

// School Workforce Census role names (DfE's census guide) a post may carry.
std::span<const std::string_view> WorkforceCensusRoles();
// The census role spelled as DfE spells it, matching case-insensitively; empty if unknown.
std::string_view CanonicalWorkforceCensusRole(std::string_view text);

// True when `text` holds a C0 control character (U+0000 to U+001F: NUL, tab, line breaks,
// ...) or DEL (U+007F). No record's text field may: a line break or NUL breaks the one-line
// fields of a CSV or XLSX export (an XLSX cell ends at a NUL) and of every page that shows them.
bool HasControlCharacters(std::string_view text);
// `text` with each control character written as an escape (\n, \r, \t, or \u00XX), so a
// problem can show the value without carrying the character itself.
std::string ShowControlCharacters(std::string_view text);

bool LooksLikeEmail(std::string_view text);
bool LooksLikePostcode(std::string_view text);

}  // namespace trellis::org
