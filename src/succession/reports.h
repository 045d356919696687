#pragma once
// The reports seed 000's "Personnel" section asks for, assembled from a trust's measured
// pipeline (trust_pipeline.h) and its latest closed talent review:
// - the Board's: "succession plans are in place for all key Trust roles including Chair,
//   CEO, Director of Finance, Director of Primary, Director of Standards and school
//   headteachers" — every trust-wide and governance key post (the central team, the Board
//   and its committees), every trust-executive post and every headship: holder, risk of
//   loss, successors with readiness, emergency successor, development actions and status;
// - the Pay and Personnel Committee's: "ensuring that all schools have implemented the
//   Succession Policy" — per school, the talent review's completion in the latest closed
//   cycle, key posts with a successor, development actions on track;
// - a Local Governing Body's: "their school has implemented the succession planning policy
//   and has talent management systems in place" — the school's key posts and their plans,
//   its coverage, actions and talent review completion. Governors see aggregates: no 9-box
//   rating of anyone, and no risk of loss (a leaders' judgement about a person, which the
//   headteacher who prints the report for the governors may be the subject of).
//
// Plain values; the HTTP layer maps them to JSON, CSV and XLSX. Pure computation: any number
// of threads may call these functions at once.
//
// Definitions (docs/formulas.md, "Reports"):
// - A key post's successors are its plan's named successors (plan_evaluation.h: leavers and
//   the post's own holders never count), by rank, with the readiness that counts; its
//   emergency successor is the named successor flagged as one, if any.
// - A post's development actions are those serving its plan (DevelopmentAction::plan), in
//   the order given; on track as development::IsOnTrack; cancelled ones are listed but count
//   in neither part of "on track ÷ actions".
// - A school's staff are the people holding a post at the school on the day (ReviewRecords).
//   Talent review completion in a cycle = its staff with a final rating in the cycle ÷ its
//   staff; the school's calibration meeting was held when the cycle has a meeting of the
//   school's level for it. With no closed cycle, nobody is rated and no meeting held.
// - A school's key posts are those whose KeyPost::school is the school (its Local Governing
//   Body's chair among them), as on the dashboard's heatmap.

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "development/action.h"
#include "succession/metrics.h"
#include "succession/plan.h"
#include "succession/trust_pipeline.h"
#include "talent/review.h"

namespace trellis::succession {

struct ReportedSuccessor {
  std::optional<PersonId> person;  // empty: someone from outside the trust
  std::string name;
  int rank = 1;
  Readiness readiness = Readiness::kThreePlusYears;  // the readiness that counts
  bool readiness_judged = false;  // set by people (an override, or an outsider's) rather than
                                  // suggested by the formula
  bool emergency = false;
};

struct ReportedAction {
  DevelopmentActionId id;
  PersonId person;
  std::string person_name;
  development::ActionKind kind = development::ActionKind::kOther;
  std::string title;
  development::ActionStatus status = development::ActionStatus::kPlanned;
  std::optional<Date> due_on;
  bool on_track = false;  // development::IsOnTrack on the report's day
};

// One key post in a report: who holds it, its plan and what is being done about it.
struct KeyPostReport {
  PostId post;
  std::string title;
  std::optional<SchoolId> school;
  std::string school_name;  // empty for a trust-wide post
  RoleGroup role_group = RoleGroup::kOtherKeyPosts;
  std::optional<PersonId> holder;  // the first holder; empty: vacant
  std::string holder_name;
  std::optional<RiskOfLoss> holder_risk;  // always empty in a Local Governing Body's report
  std::optional<DepartureWindow> departure_window;  // likewise
  std::optional<SuccessionPlanId> plan;             // empty: no plan
  std::optional<ImpactOfLoss> impact;
  bool consider_external = false;
  std::optional<Date> review_on;
  bool review_overdue = false;
  std::optional<Date> last_discussed;  // the plan's latest discussion
  std::optional<Forum> last_forum;
  size_t named_successors = 0;                // as the dashboard counts them
  size_t ready_now_successors = 0;            // likewise
  std::vector<ReportedSuccessor> successors;  // named successors, by rank
  std::vector<ReportedAction> actions;
  Proportion actions_on_track;    // on track ÷ actions not cancelled
  bool details_withheld = false;  // WithholdDetails was applied

  // The named successor flagged for emergencies, if any.
  const ReportedSuccessor* emergency() const;
  bool covered() const { return named_successors > 0; }
  bool ready_now_covered() const { return ready_now_successors > 0; }
};

// Leaves out who is named and for whom the actions are (the successors and actions lists),
// keeping the counts and figures: for a reader who may know that a post is planned for but
// not who would replace whom (a headteacher, for their own post: http/reach.h).
void WithholdDetails(KeyPostReport& post);

struct BoardReport {
  Date on;
  // Trust-wide posts first (by role group, then title, then id), then the schools' posts by
  // school name (then role group, title, id).
  std::vector<KeyPostReport> roles;
  Proportion coverage;            // of these roles: with ≥ 1 named successor ÷ roles
  Proportion ready_now_coverage;  // with a ready-now named successor ÷ roles
  Proportion actions_on_track;    // over the roles' plans
};

// How far a school has put the policy into practice.
struct SchoolImplementation {
  SchoolId school;
  std::string name;
  Proportion staff_rated;  // staff with a final rating in the cycle ÷ staff
  bool calibration_meeting_held = false;
  Proportion key_posts_with_successor;  // the school's key posts: coverage
  Proportion key_posts_ready_now;       // ready-now coverage
  Proportion overdue_reviews;           // plans past their review date ÷ plans
  Proportion actions_on_track;          // over its key posts' plans
};

struct PayAndPersonnelReport {
  Date on;
  std::optional<talent::ReviewCycle> cycle;   // the latest closed cycle; empty: none yet
  std::vector<SchoolImplementation> schools;  // by name, then id
  // Every school together (the sums of the schools' parts; meetings held counted apart).
  SchoolImplementation all_schools;
  size_t meetings_held = 0;
};

struct LocalGoverningBodyReport {
  Date on;
  std::optional<talent::ReviewCycle> cycle;
  SchoolImplementation school;
  std::vector<KeyPostReport> posts;  // the school's key posts: by role group, title, id
};

[[nodiscard]] BoardReport BuildBoardReport(const TrustPipeline& pipeline);
[[nodiscard]] PayAndPersonnelReport BuildPayAndPersonnelReport(const TrustPipeline& pipeline,
                                                               const ReviewRecords& review);
// Empty when `school` is not one of the pipeline's schools.
[[nodiscard]] std::optional<LocalGoverningBodyReport> BuildLocalGoverningBodyReport(
    const TrustPipeline& pipeline, const ReviewRecords& review, SchoolId school);

}  // namespace trellis::succession
