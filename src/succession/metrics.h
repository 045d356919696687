#pragma once
// The succession pipeline measured: the figures behind the dashboard and the Board's reports
// (coverage, ready-now coverage, bench strength, successor overload, the high-risk lists,
// overdue reviews), each with its numerator, its denominator and the posts or people behind
// it, so a screen can show the working and the list behind every number. And the bridge from
// plans to the attrition simulation. Pure computation over a Snapshot and plain values: no
// I/O; any number of threads may call these functions at once.
//
// Definitions (docs/formulas.md, "Pipeline metrics", has them with a worked example):
// - The key posts are the snapshot's posts. A post's plan is the first in `plans` whose post
//   it is (the store keeps one per post); a plan whose post is not a key post of the
//   snapshot, or a second plan of the same post, is listed in `plans_not_counted` and counts
//   nowhere. A key post with no plan is uncovered.
// - Named successors: as plan_evaluation.h says (internal and still in the trust and not a
//   holder of the post, or external; never a leaver). A ready-now successor is a named
//   successor whose effective readiness (the override, else the formula's suggestion; an
//   external candidate's judged readiness) is ready now.
// - Coverage = key posts with ≥ 1 named successor ÷ key posts; ready-now coverage = key posts
//   with ≥ 1 ready-now successor ÷ key posts. 0 of 0 when there are no key posts (the value
//   is then empty, never NaN).
// - Bench strength: bench.h (HRSG). A group's strength = Σ its posts' strengths ÷ its posts.
// - Successor overload: people named (as internal named successors) on the plans of more
//   than settings.overload_plans key posts ÷ people named internally on any.
// - A post's holder is its first holder, as the simulation takes it; risk of loss is each
//   person's LossRisk (one per person; given more, the latest assessed counts).
// - High-risk posts without a ready successor: key posts whose holder's risk of loss is
//   high and that have no ready-now successor ÷ key posts whose holder's risk is high.
//   Vacant key posts (no holder) are listed apart ÷ key posts.
// - Posts leaning on high-risk successors: key posts with ≥ 1 internal named successor
//   whose own risk of loss is high ÷ covered key posts; each (post, person) pair is listed.
// - Overdue reviews: plans of key posts whose review date has passed on `today` ÷ plans of
//   key posts. Key posts without a plan ÷ key posts.
// - Development actions on track: actions serving a counted plan (DevelopmentAction::plan),
//   cancelled ones left out, that are on track on `today` (development::IsOnTrack) ÷ those
//   actions.
// - The heatmap: one row per school (the KeyPost::school of its posts, and every school in
//   PipelineInput::schools even without key posts) after a trust-wide row for the posts
//   without a school, by role group; each cell measures its posts like `overall` does.
//
// Every list is ordered: posts by post id, people by person id, actions in the order given.
// Cost: one ComputeBench over the snapshot, then linear in key posts + plan entries + risks
// + actions (with one sort of the posts by id and of the heatmap rows by school).

#include <array>
#include <optional>
#include <span>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "development/action.h"
#include "succession/formula.h"
#include "succession/plan.h"
#include "succession/role_group.h"
#include "succession/simulation.h"
#include "succession/snapshot.h"

namespace trellis::succession {

// numerator ÷ denominator, kept apart so a screen can show "3 of 8".
struct Proportion {
  size_t numerator = 0;
  size_t denominator = 0;

  // Empty when the denominator is 0 ("0 of 0": nothing to measure), never NaN.
  std::optional<double> value() const;
  bool operator==(const Proportion&) const = default;
};

// A proportion of key posts with the posts that make its numerator (by post id):
// figure.numerator == posts.size().
struct PostFigure {
  Proportion figure;
  std::vector<PostId> posts;
};

// Bench strength of a group of key posts: total ÷ posts (GroupStrength's definition).
struct GroupBench {
  double total = 0;  // Σ bench strength of the group's posts
  size_t posts = 0;

  std::optional<double> strength() const;  // empty for an empty group, never NaN
  bool operator==(const GroupBench&) const = default;
};

// Any group of key posts measured: the whole trust, a role group, a school, one cell of the
// heatmap.
struct PipelineCell {
  std::vector<PostId> posts;      // the group's key posts, by id
  PostFigure coverage;            // with ≥ 1 named successor ÷ the group's posts
  PostFigure ready_now_coverage;  // with ≥ 1 ready-now successor ÷ the group's posts
  GroupBench bench;
};

struct HeatmapRow {
  std::optional<SchoolId> school;                           // empty: the trust-wide row
  std::array<PipelineCell, kRoleGroupCount> by_role_group;  // indexed by RoleGroup's value
  PipelineCell all;                                         // the row's total
};

// One key post's line of the pipeline.
struct PostPipeline {
  PostId post;
  std::optional<SchoolId> school;
  RoleGroup role_group = RoleGroup::kOtherKeyPosts;
  std::optional<PersonId> holder;         // the first holder; empty: vacant
  std::optional<RiskOfLoss> holder_risk;  // empty: none recorded, or vacant
  std::optional<SuccessionPlanId> plan;   // empty: no plan
  size_t named_successors = 0;
  size_t ready_now_successors = 0;
  bool review_overdue = false;
  double bench_strength = 0;
  std::vector<PersonId> bench;  // as ComputeBench gives it: best first
};

// A person named as successor on more key posts' plans than the trust allows.
struct OverloadedSuccessor {
  PersonId person;
  std::vector<PostId> posts;  // by id
};

// An internal named successor of a post whose own risk of loss is high.
struct HighRiskSuccessor {
  PostId post;
  PersonId person;
  bool operator==(const HighRiskSuccessor&) const = default;
};

struct ActionsOnTrack {
  Proportion figure;
  std::vector<DevelopmentActionId> on_track;
  std::vector<DevelopmentActionId> off_track;  // open and past their due date
};

struct PipelineMetrics {
  std::vector<PostPipeline> posts;  // every key post, by id
  PipelineCell overall;             // coverage, ready-now coverage and bench of all key posts
  std::array<PipelineCell, kRoleGroupCount> by_role_group;  // indexed by RoleGroup's value
  std::vector<HeatmapRow> heatmap;  // the trust-wide row first, then schools by id

  Proportion overload;                           // overloaded people ÷ people named internally
  std::vector<OverloadedSuccessor> overloaded;   // by person id
  PostFigure high_risk_without_ready_successor;  // ÷ key posts with a high-risk holder
  PostFigure vacant;                             // ÷ key posts
  PostFigure leaning_on_high_risk_successors;    // ÷ covered key posts
  std::vector<HighRiskSuccessor> high_risk_successors;  // by post id, then rank on the plan
  PostFigure overdue_reviews;                           // ÷ plans of key posts
  PostFigure without_plan;                              // ÷ key posts
  ActionsOnTrack actions;
  std::vector<SuccessionPlanId> plans_not_counted;  // in the order given
};

struct PipelineInput {
  std::span<const PlanContent> plans;
  std::span<const LossRisk> risks;
  // Optional: the actions of the trust, for "actions on track" (only those serving a counted
  // plan are measured).
  std::span<const development::DevelopmentAction> actions = {};
  // Optional: the trust's schools, so that a school without key posts still has its row.
  std::span<const SchoolId> schools = {};
};

// Measures the pipeline of the snapshot's key posts on `today`.
PipelineMetrics MeasurePipeline(const Snapshot& snapshot, const PipelineInput& input,
                                const FormulaSettings& settings, Date today);

// The attrition simulation's input from the plans:
// - posts: the snapshot's key posts by post id (the order vacancies are filled in), each with
//   its holders and, as successors, its internal named successors in rank order with their
//   effective readiness. External candidates are left out (they are not in the trust, so
//   cannot be appointed from within), and so are leavers and the post's own holders.
// - people: every holder of a key post and every internal named successor, once each, by
//   person id, with their LossRisk's risk (none recorded: the default probability).
// Plans are chosen as MeasurePipeline chooses them.
SimulationInput BuildSimulationInput(const Snapshot& snapshot, std::span<const PlanContent> plans,
                                     std::span<const LossRisk> risks,
                                     const FormulaSettings& settings);

}  // namespace trellis::succession
