#pragma once
// What every JSON form (org/json.h, succession/json.h, development/json.h, ...) spells the
// same way: an optional id, date, enum or number is its value, or null when empty.

#include <nlohmann/json.hpp>
#include <optional>
#include <type_traits>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/ids.h"

namespace trellis {

template <typename Tag>
nlohmann::json OrNull(const std::optional<Id<Tag>>& id) {
  return id ? nlohmann::json(id->value()) : nlohmann::json(nullptr);
}

inline nlohmann::json OrNull(const std::optional<Date>& day) {
  return day ? nlohmann::json(day->ToIso()) : nlohmann::json(nullptr);
}

// An enum as its code (core/enum_names.h).
template <typename E>
requires std::is_enum_v<E> nlohmann::json OrNull(const std::optional<E>& value) {
  return value ? nlohmann::json(Code(*value)) : nlohmann::json(nullptr);
}

template <typename T>
requires std::is_arithmetic_v<T> nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace trellis
