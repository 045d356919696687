#pragma once
// The JSON form of each organisation record: the API's representation and the audit log's
// before/after. Field names are the same as in CSV files and in docs/api.md.

#include <nlohmann/json.hpp>

#include "org/model.h"

namespace trellis::org {

nlohmann::json ToJson(const Trust& trust);
nlohmann::json ToJson(const School& school);
nlohmann::json ToJson(const Body& body);
nlohmann::json ToJson(const Person& person);
nlohmann::json ToJson(const Post& post);
nlohmann::json ToJson(const Holding& holding);
nlohmann::json ToJson(const Membership& membership);
nlohmann::json ToJson(const LineLink& link);

}  // namespace trellis::org
