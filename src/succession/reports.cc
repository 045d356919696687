#include "succession/reports.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "succession/plan_evaluation.h"

namespace trellis::succession {
namespace {

// What every report looks up, indexed once.
class Index {
 public:
  explicit Index(const TrustPipeline& pipeline) : pipeline_(pipeline), risks_(pipeline.risks) {
    for (const PlanContent& plan : pipeline.plans) plans_.emplace(plan.plan.id, &plan);
    for (const auto& school : pipeline.schools) schools_.emplace(school.id, &school);
    for (const auto& action : pipeline.actions)
      if (action.plan) actions_[*action.plan].push_back(&action);
  }

  std::string Name(PersonId person) const {
    auto it = pipeline_.names.find(person);
    return it == pipeline_.names.end() ? std::string() : it->second;
  }

  std::string SchoolName(std::optional<SchoolId> school) const {
    if (!school) return {};
    auto it = schools_.find(*school);
    return it == schools_.end() ? std::string() : it->second->name;
  }

  const PlanContent* Plan(std::optional<SuccessionPlanId> plan) const {
    if (!plan) return nullptr;
    auto it = plans_.find(*plan);
    return it == plans_.end() ? nullptr : it->second;
  }

  std::span<const development::DevelopmentAction* const> ActionsOf(
      std::optional<SuccessionPlanId> plan) const {
    if (!plan) return {};
    auto it = actions_.find(*plan);
    if (it == actions_.end()) return {};
    return it->second;
  }

  const CurrentRisks& risks() const { return risks_; }

 private:
  const TrustPipeline& pipeline_;
  CurrentRisks risks_;
  std::unordered_map<SuccessionPlanId, const PlanContent*> plans_;
  std::unordered_map<SchoolId, const org::School*> schools_;
  std::unordered_map<SuccessionPlanId, std::vector<const development::DevelopmentAction*>> actions_;
};

// Adds `on_track` to a running "on track ÷ not cancelled".
void CountAction(Proportion& figure, const development::DevelopmentAction& action, bool on_track) {
  if (action.status == development::ActionStatus::kCancelled) return;
  ++figure.denominator;
  if (on_track) ++figure.numerator;
}

void Add(Proportion& total, const Proportion& part) {
  total.numerator += part.numerator;
  total.denominator += part.denominator;
}

KeyPostReport ReportPost(const TrustPipeline& pipeline, const Index& index,
                         const PostPipeline& line) {
  const KeyPost& key = pipeline.snapshot.posts()[*pipeline.snapshot.PostIndex(line.post)];
  KeyPostReport out{.post = line.post,
                    .title = key.title,
                    .school = line.school,
                    .school_name = index.SchoolName(line.school),
                    .role_group = line.role_group,
                    .holder = line.holder,
                    .holder_name = line.holder ? index.Name(*line.holder) : std::string(),
                    .holder_risk = line.holder_risk,
                    .plan = line.plan,
                    .review_overdue = line.review_overdue,
                    .named_successors = line.named_successors,
                    .ready_now_successors = line.ready_now_successors};
  if (line.holder)
    if (const LossRisk* risk = index.risks().Find(*line.holder))
      out.departure_window = risk->window;

  const PlanContent* plan = index.Plan(line.plan);
  if (!plan) return out;
  out.impact = plan->plan.impact;
  out.consider_external = plan->plan.consider_external;
  out.review_on = plan->plan.review_on;
  if (!plan->discussions.empty()) {
    out.last_discussed = plan->discussions.back().held_on;  // earliest first
    out.last_forum = plan->discussions.back().forum;
  }
  if (const auto evaluation = EvaluatePlan(pipeline.snapshot, *plan, pipeline.settings.formula)) {
    for (const CandidateEvaluation& c : evaluation->candidates) {
      if (!c.named_successor) continue;
      const auto it = std::find_if(plan->candidates.begin(), plan->candidates.end(),
                                   [&](const PlanCandidate& p) { return p.id == c.id; });
      out.successors.push_back({.person = c.person,
                                .name = c.person ? index.Name(*c.person) : it->external_name,
                                .rank = c.rank,
                                .readiness = c.readiness,
                                .readiness_judged = c.readiness_judged,
                                .emergency = it->emergency});
    }
  }
  for (const development::DevelopmentAction* action : index.ActionsOf(line.plan)) {
    const bool on_track = development::IsOnTrack(*action, pipeline.today);
    out.actions.push_back({.id = action->id,
                           .person = action->person,
                           .person_name = index.Name(action->person),
                           .kind = action->kind,
                           .title = action->title,
                           .status = action->status,
                           .due_on = action->due_on,
                           .on_track = on_track});
    CountAction(out.actions_on_track, *action, on_track);
  }
  return out;
}

// Trust-wide posts first, then by school name; within, by role group, title and id.
bool ReportOrder(const KeyPostReport& a, const KeyPostReport& b) {
  return std::forward_as_tuple(a.school.has_value(), a.school_name, a.school, a.role_group, a.title,
                               a.post) < std::forward_as_tuple(b.school.has_value(), b.school_name,
                                                               b.school, b.role_group, b.title,
                                                               b.post);
}

// The people with a final rating in the review's cycle.
std::unordered_set<PersonId> RatedIn(const ReviewRecords& review) {
  std::unordered_set<PersonId> rated;
  for (const talent::Rating& r : review.ratings)
    if (r.final) rated.insert(r.person);
  return rated;
}

// The figures of one school, with its staff's part in the review (`rated`: RatedIn(review)).
SchoolImplementation Implementation(const TrustPipeline& pipeline, const Index& index,
                                    const ReviewRecords& review,
                                    const std::unordered_set<PersonId>& rated,
                                    const org::School& school) {
  SchoolImplementation out{.school = school.id, .name = school.name};

  if (auto staff = review.staff.find(school.id); staff != review.staff.end()) {
    out.staff_rated.denominator = staff->second.size();
    out.staff_rated.numerator = static_cast<size_t>(std::count_if(
        staff->second.begin(), staff->second.end(), [&](PersonId p) { return rated.contains(p); }));
  }
  out.calibration_meeting_held =
      std::any_of(review.meetings.begin(), review.meetings.end(), [&](const auto& m) {
        return m.level == talent::MeetingLevel::kSchool && m.school == school.id;
      });

  for (const HeatmapRow& row : pipeline.metrics.heatmap) {
    if (row.school != school.id) continue;
    out.key_posts_with_successor = row.all.coverage.figure;
    out.key_posts_ready_now = row.all.ready_now_coverage.figure;
  }
  for (const PostPipeline& line : pipeline.metrics.posts) {
    if (line.school != school.id || !line.plan) continue;
    ++out.overdue_reviews.denominator;
    if (line.review_overdue) ++out.overdue_reviews.numerator;
    for (const development::DevelopmentAction* action : index.ActionsOf(line.plan))
      CountAction(out.actions_on_track, *action, development::IsOnTrack(*action, pipeline.today));
  }
  return out;
}

}  // namespace

const ReportedSuccessor* KeyPostReport::emergency() const {
  for (const ReportedSuccessor& s : successors)
    if (s.emergency) return &s;
  return nullptr;
}

void WithholdDetails(KeyPostReport& post) {
  post.successors.clear();
  post.actions.clear();
  post.details_withheld = true;
}

BoardReport BuildBoardReport(const TrustPipeline& pipeline) {
  const Index index(pipeline);
  BoardReport report{.on = pipeline.today};
  for (const PostPipeline& line : pipeline.metrics.posts) {
    const bool trust_role = !line.school || line.role_group == RoleGroup::kHeadship ||
                            line.role_group == RoleGroup::kTrustExecutive;
    if (!trust_role) continue;
    KeyPostReport post = ReportPost(pipeline, index, line);
    ++report.coverage.denominator;
    ++report.ready_now_coverage.denominator;
    if (post.covered()) ++report.coverage.numerator;
    if (post.ready_now_covered()) ++report.ready_now_coverage.numerator;
    Add(report.actions_on_track, post.actions_on_track);
    report.roles.push_back(std::move(post));
  }
  std::sort(report.roles.begin(), report.roles.end(), ReportOrder);
  return report;
}

PayAndPersonnelReport BuildPayAndPersonnelReport(const TrustPipeline& pipeline,
                                                 const ReviewRecords& review) {
  const Index index(pipeline);
  PayAndPersonnelReport report{.on = pipeline.today, .cycle = review.cycle};
  report.all_schools.name = "All schools";
  const std::unordered_set<PersonId> rated = RatedIn(review);
  for (const org::School& school : pipeline.schools) {
    SchoolImplementation figures = Implementation(pipeline, index, review, rated, school);
    Add(report.all_schools.staff_rated, figures.staff_rated);
    Add(report.all_schools.key_posts_with_successor, figures.key_posts_with_successor);
    Add(report.all_schools.key_posts_ready_now, figures.key_posts_ready_now);
    Add(report.all_schools.overdue_reviews, figures.overdue_reviews);
    Add(report.all_schools.actions_on_track, figures.actions_on_track);
    if (figures.calibration_meeting_held) ++report.meetings_held;
    report.schools.push_back(std::move(figures));
  }
  report.all_schools.calibration_meeting_held =
      !report.schools.empty() && report.meetings_held == report.schools.size();
  std::sort(report.schools.begin(), report.schools.end(),
            [](const SchoolImplementation& a, const SchoolImplementation& b) {
              return std::tie(a.name, a.school) < std::tie(b.name, b.school);
            });
  return report;
}

std::optional<LocalGoverningBodyReport> BuildLocalGoverningBodyReport(const TrustPipeline& pipeline,
                                                                      const ReviewRecords& review,
                                                                      SchoolId school) {
  const auto found = std::find_if(pipeline.schools.begin(), pipeline.schools.end(),
                                  [&](const org::School& s) { return s.id == school; });
  if (found == pipeline.schools.end()) return std::nullopt;
  const Index index(pipeline);
  LocalGoverningBodyReport report{
      .on = pipeline.today,
      .cycle = review.cycle,
      .school = Implementation(pipeline, index, review, RatedIn(review), *found)};
  for (const PostPipeline& line : pipeline.metrics.posts) {
    if (line.school != school) continue;
    KeyPostReport post = ReportPost(pipeline, index, line);
    post.holder_risk.reset();  // governors see no risk of loss (see the header)
    post.departure_window.reset();
    report.posts.push_back(std::move(post));
  }
  std::sort(report.posts.begin(), report.posts.end(), ReportOrder);
  return report;
}

}  // namespace trellis::succession
