#include "succession/metrics.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "succession/bench.h"
#include "succession/plan_evaluation.h"

namespace trellis::succession {
namespace {

// Each key post's plan, by the snapshot's post index, evaluated; and the plans that count
// nowhere. One definition for the metrics and the simulation, so both read plans alike.
struct KeyPostPlans {
  std::vector<const PlanContent*> content;  // nullptr: no plan
  std::vector<std::optional<PlanEvaluation>> evaluation;
  std::vector<SuccessionPlanId> not_counted;
};

KeyPostPlans PlansOfKeyPosts(const Snapshot& snapshot, std::span<const PlanContent> plans,
                             const FormulaSettings& settings) {
  KeyPostPlans out;
  out.content.assign(snapshot.posts().size(), nullptr);
  out.evaluation.resize(snapshot.posts().size());
  for (const PlanContent& plan : plans) {
    const std::optional<size_t> index = snapshot.PostIndex(plan.plan.post);
    if (!index || out.content[*index] != nullptr) {
      out.not_counted.push_back(plan.plan.id);
      continue;
    }
    out.content[*index] = &plan;
    out.evaluation[*index] = EvaluatePlan(snapshot, plan, settings);
  }
  return out;
}

// Indexes of the snapshot's posts in the order of their ids: every list comes out ordered.
std::vector<size_t> ByPostId(const Snapshot& snapshot) {
  std::vector<size_t> order(snapshot.posts().size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return snapshot.posts()[a].id < snapshot.posts()[b].id; });
  return order;
}

void Count(PipelineCell& cell, PostId post, bool covered, bool ready_now, double strength) {
  cell.posts.push_back(post);
  if (covered) cell.coverage.posts.push_back(post);
  if (ready_now) cell.ready_now_coverage.posts.push_back(post);
  cell.bench.total += strength;
  ++cell.bench.posts;
}

void Close(PostFigure& figure, size_t denominator) {
  figure.figure = {.numerator = figure.posts.size(), .denominator = denominator};
}

void Close(PipelineCell& cell) {
  Close(cell.coverage, cell.posts.size());
  Close(cell.ready_now_coverage, cell.posts.size());
}

}  // namespace

std::optional<double> Proportion::value() const {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::optional<double> GroupBench::strength() const {
  if (posts == 0) return std::nullopt;
  return total / static_cast<double>(posts);
}

PipelineMetrics MeasurePipeline(const Snapshot& snapshot, const PipelineInput& input,
                                const FormulaSettings& settings, Date today) {
  const KeyPostPlans plans = PlansOfKeyPosts(snapshot, input.plans, settings);
  const CurrentRisks risks(input.risks);
  const BenchStrength bench = ComputeBench(snapshot, settings);

  PipelineMetrics m;
  m.plans_not_counted = plans.not_counted;
  std::map<std::optional<SchoolId>, HeatmapRow> rows;  // nullopt sorts first: trust-wide
  rows[std::nullopt];
  for (SchoolId school : input.schools) rows[school];
  std::unordered_map<PersonId, std::vector<PostId>> named_on;
  std::unordered_set<SuccessionPlanId> counted_plans;
  size_t high_risk_holders = 0;

  m.posts.reserve(snapshot.posts().size());
  for (size_t i : ByPostId(snapshot)) {
    const KeyPost& post = snapshot.posts()[i];
    PostPipeline line{.post = post.id, .school = post.school, .role_group = post.role_group};
    if (post.holders.empty()) {
      m.vacant.posts.push_back(post.id);
    } else {
      line.holder = post.holders.front();
      line.holder_risk = risks.Of(*line.holder);
    }

    if (const std::optional<PlanEvaluation>& evaluation = plans.evaluation[i]) {
      line.plan = evaluation->plan;
      counted_plans.insert(evaluation->plan);
      line.review_overdue = IsOverdue(plans.content[i]->plan, today);
      if (line.review_overdue) m.overdue_reviews.posts.push_back(post.id);
      bool leans_on_high_risk = false;
      for (const CandidateEvaluation& c : evaluation->candidates) {
        if (!c.named_successor) continue;
        ++line.named_successors;
        if (c.readiness == Readiness::kReadyNow) ++line.ready_now_successors;
        if (!c.person) continue;
        std::vector<PostId>& posts = named_on[*c.person];
        if (!posts.empty() && posts.back() == post.id) continue;  // named twice on one plan
        posts.push_back(post.id);
        if (risks.Of(*c.person) == RiskOfLoss::kHigh) {
          m.high_risk_successors.push_back({post.id, *c.person});
          leans_on_high_risk = true;
        }
      }
      if (leans_on_high_risk) m.leaning_on_high_risk_successors.posts.push_back(post.id);
    } else {
      m.without_plan.posts.push_back(post.id);
    }

    line.bench = bench.bench[i];
    line.bench_strength = bench.strength[i];
    const bool covered = line.named_successors > 0;
    const bool ready_now = line.ready_now_successors > 0;
    if (line.holder_risk == RiskOfLoss::kHigh) {
      ++high_risk_holders;
      if (!ready_now) m.high_risk_without_ready_successor.posts.push_back(post.id);
    }
    HeatmapRow& row = rows[post.school];
    const auto group = static_cast<size_t>(post.role_group);
    for (PipelineCell* cell :
         {&m.overall, &m.by_role_group[group], &row.all, &row.by_role_group[group]})
      Count(*cell, post.id, covered, ready_now, line.bench_strength);
    m.posts.push_back(std::move(line));
  }

  const size_t key_posts = m.posts.size();
  Close(m.overall);
  for (PipelineCell& cell : m.by_role_group) Close(cell);
  m.heatmap.reserve(rows.size());
  for (auto& [school, row] : rows) {
    row.school = school;
    Close(row.all);
    for (PipelineCell& cell : row.by_role_group) Close(cell);
    m.heatmap.push_back(std::move(row));
  }
  Close(m.vacant, key_posts);
  Close(m.without_plan, key_posts);
  Close(m.high_risk_without_ready_successor, high_risk_holders);
  Close(m.leaning_on_high_risk_successors, m.overall.coverage.posts.size());
  Close(m.overdue_reviews, counted_plans.size());

  for (auto& [person, posts] : named_on)
    if (static_cast<int64_t>(posts.size()) > settings.overload_plans)
      m.overloaded.push_back({person, std::move(posts)});
  std::sort(m.overloaded.begin(), m.overloaded.end(),
            [](const OverloadedSuccessor& a, const OverloadedSuccessor& b) {
              return a.person < b.person;
            });
  m.overload = {.numerator = m.overloaded.size(), .denominator = named_on.size()};

  for (const development::DevelopmentAction& action : input.actions) {
    if (!action.plan || !counted_plans.contains(*action.plan)) continue;
    if (action.status == development::ActionStatus::kCancelled) continue;
    (development::IsOnTrack(action, today) ? m.actions.on_track : m.actions.off_track)
        .push_back(action.id);
  }
  m.actions.figure = {.numerator = m.actions.on_track.size(),
                      .denominator = m.actions.on_track.size() + m.actions.off_track.size()};
  return m;
}

SimulationInput BuildSimulationInput(const Snapshot& snapshot, std::span<const PlanContent> plans,
                                     std::span<const LossRisk> risks,
                                     const FormulaSettings& settings) {
  const KeyPostPlans key_post_plans = PlansOfKeyPosts(snapshot, plans, settings);
  const CurrentRisks risk_of(risks);
  SimulationInput input;
  std::vector<PersonId> people;
  input.posts.reserve(snapshot.posts().size());
  for (size_t i : ByPostId(snapshot)) {
    const KeyPost& post = snapshot.posts()[i];
    SimulatedPost simulated{.id = post.id, .holders = post.holders};
    people.insert(people.end(), post.holders.begin(), post.holders.end());
    if (const std::optional<PlanEvaluation>& evaluation = key_post_plans.evaluation[i]) {
      for (const CandidateEvaluation& c : evaluation->candidates) {
        if (!c.named_successor || !c.person) continue;  // external candidates are not in the trust
        simulated.successors.push_back({*c.person, c.readiness});
        people.push_back(*c.person);
      }
    }
    input.posts.push_back(std::move(simulated));
  }
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  input.people.reserve(people.size());
  for (PersonId person : people) input.people.push_back({.id = person, .risk = risk_of.Of(person)});
  return input;
}

}  // namespace trellis::succession
