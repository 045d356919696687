// How the commands print their answers and write their files (cli/commands.h).

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace trellis::cli {
namespace {

// Characters a terminal shows for `text`: UTF-8 code points (names have accents and dashes).
size_t Width(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string Padded(const std::string& text, size_t width, bool right) {
  const std::string fill(width > Width(text) ? width - Width(text) : 0, ' ');
  return right ? fill + text : text + fill;
}

void PrintText(const exchange::Table& table) {
  if (!table.name.empty()) std::cout << table.name << "\n";
  std::vector<size_t> widths;
  for (const auto& column : table.columns) widths.push_back(Width(column.name));
  for (const auto& row : table.rows)
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], Width(row[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : std::string();
      const bool last = c + 1 == widths.size();
      const bool right = table.columns[c].numeric;
      out += (c ? "  " : "") + (last && !right ? cell : Padded(cell, widths[c], right));
    }
    std::cout << out << "\n";
  };
  std::vector<std::string> header, rule;
  for (size_t c = 0; c < widths.size(); ++c) {
    header.push_back(table.columns[c].name);
    rule.push_back(std::string(widths[c], '-'));
  }
  line(header);
  line(rule);
  for (const auto& row : table.rows) line(row);
  if (table.rows.empty()) std::cout << "(none)\n";
}

// "Ready now (%)" → "ready_now": the JSON key of a column or table.
std::string Key(const std::string& name) {
  std::string key;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c == '%') {
      key += key.empty() || key.back() == '_' ? "percent" : "_percent";
    } else if (!key.empty() && key.back() != '_') {
      key += '_';
    }
  }
  while (!key.empty() && key.back() == '_') key.pop_back();
  return key;
}

// Objects keep their columns' order.
using Json = nlohmann::ordered_json;

Json Cell(const std::string& text, bool numeric) {
  if (!numeric) return text;
  if (text.empty()) return nullptr;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return text;
  if (value == std::floor(value) && std::abs(value) < 1e15) return static_cast<int64_t>(value);
  return value;
}

Json Rows(const exchange::Table& table) {
  Json rows = Json::array();
  for (const auto& row : table.rows) {
    Json object = Json::object();
    for (size_t c = 0; c < table.columns.size(); ++c)
      object[Key(table.columns[c].name)] =
          Cell(c < row.size() ? row[c] : std::string(), table.columns[c].numeric);
    rows.push_back(std::move(object));
  }
  return rows;
}

}  // namespace

void AddFormatOption(CLI::App* command, Output& output) {
  AddChoice(command, "--format", output,
            {{"text", Output::kText}, {"csv", Output::kCsv}, {"json", Output::kJson}},
            "text (aligned tables, the default), csv or json");
}

void Print(std::span<const exchange::Table> tables, Output output,
           const std::vector<std::string>& heading) {
  switch (output) {
    case Output::kText:
      for (const auto& line : heading) std::cout << line << "\n";
      for (size_t t = 0; t < tables.size(); ++t) {
        if (t > 0 || !heading.empty()) std::cout << "\n";
        PrintText(tables[t]);
      }
      break;
    case Output::kCsv:
      std::cout << exchange::TablesToCsv(tables);
      break;
    case Output::kJson: {
      Json out;
      if (tables.size() == 1) {
        out = Rows(tables.front());
      } else {
        out = Json::object();
        for (const auto& table : tables) out[Key(table.name)] = Rows(table);
      }
      std::cout << out.dump(2) << "\n";
      break;
    }
  }
  std::cout.flush();
}

Result<void> CheckWritable(const std::string& path) {
  const std::filesystem::path file(path);
  const std::filesystem::path folder =
      file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error))
    return Fail(ErrorCode::kInvalidInput,
                "cannot write " + path + ": there is no folder " + folder.string());
  const bool exists = std::filesystem::exists(file, error);
  if (exists ? ::access(file.c_str(), W_OK) != 0 : ::access(folder.c_str(), W_OK) != 0)
    return Fail(ErrorCode::kInvalidInput, "cannot write " + path + ": permission denied");
  return Ok();
}

Result<void> WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return Fail(ErrorCode::kInvalidInput, "cannot write " + path);
  return Ok();
}

std::string Number(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string Count(size_t value) { return std::to_string(value); }

}  // namespace trellis::cli
