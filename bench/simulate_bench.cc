// The simulate case's "ours, the simulation alone": trellis's attrition engine
// (succession::Simulate) on the inputs `trellis succession simulate --inputs-json FILE`
// wrote, the very file the numpy peer reads (bench/peers/simulate_numpy.py), timed inside the
// process as the peer times itself. Prints the same JSON as the peer: runs, years, seed,
// key_posts, people, per_year [{year, external_mean, external_standard_error, external_low,
// external_high, internal_mean, internal_standard_error}], seconds {load, warm_up (one
// untimed simulation first), simulate}.
//
// With the seed the inputs name, its means are the command's own digit for digit (the engine,
// input and seed are the same), which bench/run.sh checks: so the file holds all the command
// simulated.
//
//   trellis_simulate_bench INPUTS.json [--runs N] [--years Y] [--seed S]

#include <charconv>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/files.h"
#include "succession/json.h"
#include "succession/simulation.h"
#include "succession/trust_simulation.h"

namespace {

using nlohmann::json;
using Stopwatch = std::chrono::steady_clock;

double Seconds(Stopwatch::time_point from, Stopwatch::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

int Usage() {
  std::cerr << "usage: trellis_simulate_bench INPUTS.json [--runs N] [--years Y] [--seed S]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace trellis;
  if (argc < 2 || argc % 2 != 0) return Usage();
  const std::string path = argv[1];
  std::optional<int64_t> runs, years, seed;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string_view number = argv[i + 1];
    int64_t value = 0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (error != std::errc() || end != number.data() + number.size()) return Usage();
    if (flag == "--runs")
      runs = value;
    else if (flag == "--years")
      years = value;
    else if (flag == "--seed")
      seed = value;
    else
      return Usage();
  }

  const Stopwatch::time_point started = Stopwatch::now();
  const auto text = ReadWholeFile(path);
  if (!text) {
    std::cerr << text.error().message << "\n";
    return 4;
  }
  const json inputs = json::parse(*text, nullptr, false);
  if (inputs.is_discarded() || !inputs.is_object()) {
    std::cerr << path << " is not a JSON object\n";
    return 3;
  }
  auto input = succession::SimulationInputFromJson(inputs);
  auto settings = succession::SettingsFromJson(inputs.value("settings", json::object()));
  if (!input || !settings) {
    const Error& error = input ? settings.error() : input.error();
    std::cerr << error.message << "\n";
    for (const Problem& problem : error.details)
      std::cerr << "  " << problem.field << ": " << problem.reason << "\n";
    return 3;
  }
  const succession::SimulationOptions options{
      .runs = static_cast<int>(runs.value_or(inputs.value("runs", int64_t{10'000}))),
      .years = static_cast<int>(years.value_or(inputs.value("years", int64_t{5}))),
      .seed = static_cast<uint64_t>(seed.value_or(inputs.value("seed", int64_t{1}))),
      .threads = succession::SimulationThreads()};  // as `trellis succession simulate`
  // One simulation untimed first, as the numpy peer does: each side is timed warm (its code,
  // caches and the processor's clock), not on whatever its process start left. Cold, the first
  // of 10,000 runs took 10–19 ms against the second's 10 ms on the development machine.
  const Stopwatch::time_point loaded = Stopwatch::now();
  // (Should it fail, the timed one below fails alike and says why.)
  (void)succession::Simulate(*input, settings->simulation, options);
  const Stopwatch::time_point warmed = Stopwatch::now();
  auto result = succession::Simulate(*input, settings->simulation, options);
  const Stopwatch::time_point done = Stopwatch::now();
  if (!result) {
    std::cerr << result.error().message << "\n";
    return 3;
  }

  json per_year = json::array();
  for (const auto& y : result->per_year)
    per_year.push_back(succession::ToJson(y));
  const json out = {
      {"runs", result->runs},
      {"years", result->years},
      {"seed", result->seed},
      {"key_posts", input->posts.size()},
      {"people", input->people.size()},
      {"per_year", std::move(per_year)},
      {"seconds",
       {{"load", Seconds(started, loaded)},
        {"warm_up", Seconds(loaded, warmed)},
        {"simulate", Seconds(warmed, done)}}}};
  std::cout << out.dump(1) << "\n";
  return 0;
}
