#include "succession/json.h"

#include <array>
#include <cmath>
#include <utility>

#include "core/json.h"

namespace trellis::succession {
namespace {

using nlohmann::json;

// Every setting once, by its name: ToJson and SettingsFromJson both walk these tables, so a
// new setting is added in one place.
template <typename S, typename V>
using Setting = std::pair<const char*, V S::*>;

constexpr std::array<Setting<FormulaSettings, double>, 8> kFormulaReals = {{
    {"match_weight", &FormulaSettings::match_weight},
    {"talent_weight", &FormulaSettings::talent_weight},
    {"proximity_weight", &FormulaSettings::proximity_weight},
    {"proximity_one_step", &FormulaSettings::proximity_one_step},
    {"proximity_two_steps", &FormulaSettings::proximity_two_steps},
    {"ready_now_match", &FormulaSettings::ready_now_match},
    {"one_to_two_years_match", &FormulaSettings::one_to_two_years_match},
    {"bench_match", &FormulaSettings::bench_match},
}};
constexpr std::array<Setting<FormulaSettings, int>, 2> kFormulaWholes = {{
    {"ready_now_performance", &FormulaSettings::ready_now_performance},
    {"overload_plans", &FormulaSettings::overload_plans},
}};
constexpr std::array<Setting<SimulationSettings, double>, 4> kSimulationReals = {{
    {"low_risk", &SimulationSettings::low_risk},
    {"medium_risk", &SimulationSettings::medium_risk},
    {"high_risk", &SimulationSettings::high_risk},
    {"default_risk", &SimulationSettings::default_risk},
}};

template <typename S, typename V, size_t N>
void Write(json& out, const S& settings, const std::array<Setting<S, V>, N>& table) {
  for (const auto& [name, member] : table) out[name] = settings.*member;
}

template <typename S, size_t N>
void ReadReals(const json& in, S& settings, const std::array<Setting<S, double>, N>& table,
               std::vector<Problem>& problems) {
  for (const auto& [name, member] : table) {
    if (!in.contains(name)) continue;
    const json& value = in.at(name);
    if (value.is_number())
      settings.*member = value.get<double>();
    else
      problems.push_back({name, "must be a number", value.dump(), {}});
  }
}

template <typename S, size_t N>
void ReadWholes(const json& in, S& settings, const std::array<Setting<S, int>, N>& table,
                std::vector<Problem>& problems) {
  for (const auto& [name, member] : table) {
    if (!in.contains(name)) continue;
    const json& value = in.at(name);
    // 3.0 is accepted as 3: JSON numbers do not say whether they are whole.
    const bool whole = value.is_number() &&
                       std::trunc(value.get<double>()) == value.get<double>() &&
                       std::abs(value.get<double>()) <= 1e9;  // and fits an int
    if (whole)
      settings.*member = static_cast<int>(value.get<double>());
    else
      problems.push_back({name, "must be a whole number", value.dump(), {}});
  }
}

}  // namespace

json ToJson(const LossRisk& r) {
  return {{"id", r.id.value()},
          {"trust_id", r.trust.value()},
          {"person_id", r.person.value()},
          {"risk", Code(r.risk)},
          {"window", OrNull(r.window)},
          {"note", r.note},
          {"assessed_on", r.assessed_on.ToIso()}};
}

json ToJson(const SuccessionPlan& p) {
  return {{"id", p.id.value()},
          {"trust_id", p.trust.value()},
          {"post_id", p.post.value()},
          {"impact", OrNull(p.impact)},
          {"consider_external", p.consider_external},
          {"review_on", OrNull(p.review_on)},
          {"notes", p.notes},
          {"created_on", p.created_on.ToIso()}};
}

json ToJson(const PlanCandidate& c) {
  return {{"id", c.id.value()},
          {"trust_id", c.trust.value()},
          {"plan_id", c.plan.value()},
          {"internal", c.internal()},
          {"person_id", OrNull(c.person)},
          {"external_name", c.external_name},
          {"external_source", c.external_source},
          {"notes", c.notes},
          {"rank", c.rank},
          {"readiness", OrNull(c.readiness)},
          {"readiness_reason", c.readiness_reason},
          {"emergency", c.emergency},
          {"added_on", c.added_on.ToIso()}};
}

json ToJson(const std::vector<PlanCandidate>& candidates) {
  json list = json::array();
  for (const PlanCandidate& c : candidates) list.push_back(ToJson(c));
  return list;
}

json ToJson(const PlanDiscussion& d) {
  return {{"id", d.id.value()},        {"trust_id", d.trust.value()},
          {"plan_id", d.plan.value()}, {"held_on", d.held_on.ToIso()},
          {"forum", Code(d.forum)},    {"attendees", d.attendees},
          {"outcome", d.outcome}};
}

json ToJson(const PlanContent& content) {
  json out = ToJson(content.plan);
  json candidates = json::array();
  for (const PlanCandidate& c : content.candidates) candidates.push_back(ToJson(c));
  json discussions = json::array();
  for (const PlanDiscussion& d : content.discussions) discussions.push_back(ToJson(d));
  out["candidates"] = std::move(candidates);
  out["discussions"] = std::move(discussions);
  return out;
}

json ToJson(const Proportion& proportion) {
  return {{"numerator", proportion.numerator},
          {"denominator", proportion.denominator},
          {"value", OrNull(proportion.value())}};
}

json ToJson(const GroupBench& bench) {
  return {{"total", bench.total}, {"posts", bench.posts}, {"value", OrNull(bench.strength())}};
}

json ToJson(const PipelineSnapshot& snapshot) {
  return {{"id", snapshot.id.value()},
          {"cycle_id", OrNull(snapshot.cycle)},
          {"taken_on", snapshot.taken_on.ToIso()},
          {"coverage", ToJson(snapshot.coverage)},
          {"ready_now_coverage", ToJson(snapshot.ready_now_coverage)},
          {"bench_strength", ToJson(snapshot.bench)},
          {"overload", ToJson(snapshot.overload)}};
}

json ToJson(const FormulaSettings& settings) {
  json out = json::object();
  Write(out, settings, kFormulaReals);
  Write(out, settings, kFormulaWholes);
  return out;
}

json ToJson(const SimulationSettings& settings) {
  json out = json::object();
  Write(out, settings, kSimulationReals);
  return out;
}

json ToJson(const SuccessionSettings& settings) {
  json out = ToJson(settings.formula);
  out.update(ToJson(settings.simulation));
  return out;
}

Result<SuccessionSettings> SettingsFromJson(const json& in) {
  if (!in.is_object())
    return Fail(ErrorCode::kValidationFailed, "The settings must be a JSON object.",
                {{"settings", "must be a JSON object", in.dump(), {}}});
  SuccessionSettings settings;
  std::vector<Problem> problems;
  ReadReals(in, settings.formula, kFormulaReals, problems);
  ReadWholes(in, settings.formula, kFormulaWholes, problems);
  ReadReals(in, settings.simulation, kSimulationReals, problems);
  if (!problems.empty()) return Refuse(std::move(problems));
  return settings;
}

}  // namespace trellis::succession
