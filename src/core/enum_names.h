#pragma once
// One table per enum gives its stable code (API, CSV, SQL) and its label (screens). Each
// enum declares its table once by specialising EnumNames<E>; Code, Label and ParseEnum then
// work for all of them.

#include <algorithm>
#include <cctype>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace trellis {

template <typename E>
struct EnumName {
  E value;
  std::string_view code;
  std::string_view label;
};

// Specialise: template <> std::span<const EnumName<X>> EnumNames<X>();
template <typename E>
std::span<const EnumName<E>> EnumNames();

template <typename E>
std::string_view Code(E value) {
  for (const auto& n : EnumNames<E>())
    if (n.value == value) return n.code;
  return {};
}

template <typename E>
std::string_view Label(E value) {
  for (const auto& n : EnumNames<E>())
    if (n.value == value) return n.label;
  return {};
}

namespace detail {
inline std::string FoldName(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '-') c = '_';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}
}  // namespace detail

// Accepts the code or the label, ignoring case and treating spaces and hyphens as '_'.
template <typename E>
std::optional<E> ParseEnum(std::string_view text) {
  // The code as written (an export's, most files' form) without folding anything: an import
  // of a million people reads a million stages.
  for (const auto& n : EnumNames<E>())
    if (n.code == text) return n.value;
  const std::string folded = detail::FoldName(text);
  for (const auto& n : EnumNames<E>())
    if (n.code == folded || detail::FoldName(n.label) == folded) return n.value;
  return std::nullopt;
}

// "a, b or c": the codes a field accepts, for error messages.
template <typename E>
std::string AllowedCodes() {
  std::string out;
  auto names = EnumNames<E>();
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i].code;
  }
  return out;
}

}  // namespace trellis
