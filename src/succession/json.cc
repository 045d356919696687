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

json ToJson(const SimulationInput& input) {
  json people = json::array();
  for (const SimulatedPerson& person : input.people) {
    json item = {{"id", person.id.value()}, {"risk", OrNull(person.risk)}};
    if (person.leave_probability) item["leave_probability"] = *person.leave_probability;
    people.push_back(std::move(item));
  }
  json posts = json::array();
  for (const SimulatedPost& post : input.posts) {
    json holders = json::array();
    for (PersonId holder : post.holders) holders.push_back(holder.value());
    json successors = json::array();
    for (const NamedSuccessor& successor : post.successors)
      successors.push_back(
          {{"person", successor.person.value()}, {"readiness", Code(successor.readiness)}});
    posts.push_back({{"id", post.id.value()},
                     {"holders", std::move(holders)},
                     {"successors", std::move(successors)}});
  }
  return {{"people", std::move(people)}, {"posts", std::move(posts)}};
}

namespace {

// Reads the fields of one JSON value, adding a problem for each that is missing or not of
// its kind (and leaving the target alone).
class FieldsOf {
 public:
  FieldsOf(const json& value, std::string field, std::vector<Problem>& problems)
      : value_(value), field_(std::move(field)), problems_(problems) {
    if (!value_.is_object()) Add(field_, "must be an object");
  }

  template <typename I>
  void Id(const char* name, I& out) {
    const json* v = Member(name);
    if (v == nullptr) return;
    if (v->is_number_integer())
      out = I(v->get<int64_t>());
    else
      Add(Name(name), "must be a whole number", *v);
  }
  template <typename E>
  void Enum(const char* name, std::optional<E>& out, bool nullable) {
    const json* v = Member(name);
    if (v == nullptr || (nullable && v->is_null())) return;
    if (auto value = v->is_string() ? ParseEnum<E>(v->get<std::string>()) : std::nullopt)
      out = *value;
    else
      Add(Name(name), "must be one of " + AllowedCodes<E>(), *v);
  }
  void OptionalNumber(const char* name, std::optional<double>& out) {
    if (!value_.is_object() || !value_.contains(name) || value_.at(name).is_null()) return;
    const json& v = value_.at(name);
    if (v.is_number())
      out = v.get<double>();
    else
      Add(Name(name), "must be a number", v);
  }
  // The array `name`, or nullptr (with a problem).
  const json* Array(const char* name) {
    const json* v = Member(name);
    if (v == nullptr) return nullptr;
    if (v->is_array()) return v;
    Add(Name(name), "must be an array", *v);
    return nullptr;
  }
  std::string Name(const char* name) const {
    return field_.empty() ? std::string(name) : field_ + "." + name;
  }

 private:
  const json* Member(const char* name) {
    if (!value_.is_object()) return nullptr;
    if (value_.contains(name)) return &value_.at(name);
    Add(Name(name), "is required");
    return nullptr;
  }
  void Add(std::string field, std::string reason, const json& value = nullptr) {
    problems_.push_back(
        {std::move(field), std::move(reason), value.is_null() ? std::string() : value.dump(), {}});
  }

  const json& value_;
  std::string field_;
  std::vector<Problem>& problems_;
};

std::string Item(const std::string& list, size_t i) { return list + "[" + std::to_string(i) + "]"; }

}  // namespace

Result<SimulationInput> SimulationInputFromJson(const json& in) {
  std::vector<Problem> problems;
  SimulationInput input;
  FieldsOf top(in, "", problems);
  if (const json* people = top.Array("people")) {
    for (size_t i = 0; i < people->size(); ++i) {
      FieldsOf fields((*people)[i], Item("people", i), problems);
      SimulatedPerson person;
      fields.Id("id", person.id);
      fields.Enum("risk", person.risk, true);
      fields.OptionalNumber("leave_probability", person.leave_probability);
      input.people.push_back(person);
    }
  }
  if (const json* posts = top.Array("posts")) {
    for (size_t p = 0; p < posts->size(); ++p) {
      const std::string field = Item("posts", p);
      FieldsOf fields((*posts)[p], field, problems);
      SimulatedPost post;
      fields.Id("id", post.id);
      if (const json* holders = fields.Array("holders")) {
        for (size_t h = 0; h < holders->size(); ++h) {
          if ((*holders)[h].is_number_integer())
            post.holders.push_back(PersonId((*holders)[h].get<int64_t>()));
          else
            problems.push_back(
                {Item(field + ".holders", h), "must be a whole number", (*holders)[h].dump(), {}});
        }
      }
      if (const json* successors = fields.Array("successors")) {
        for (size_t k = 0; k < successors->size(); ++k) {
          FieldsOf named((*successors)[k], Item(field + ".successors", k), problems);
          NamedSuccessor successor;
          std::optional<Readiness> readiness;
          named.Id("person", successor.person);
          named.Enum("readiness", readiness, false);
          if (readiness) successor.readiness = *readiness;
          post.successors.push_back(successor);
        }
      }
      input.posts.push_back(std::move(post));
    }
  }
  if (!problems.empty())
    return Fail(ErrorCode::kValidationFailed, "The simulation input cannot be read.",
                std::move(problems));
  return input;
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

nlohmann::json ToJson(const SimulatedYear& y) {
  return {{"year", y.year},
          {"external_mean", y.external_mean},
          {"external_standard_error", y.external_standard_error},
          {"external_low", y.external_low},
          {"external_high", y.external_high},
          {"internal_mean", y.internal_mean},
          {"internal_standard_error", y.internal_standard_error}};
}

}  // namespace trellis::succession
