#include "succession/validation.h"

#include <map>
#include <string>

#include "org/field_problems.h"
#include "org/record_writes.h"

namespace trellis::succession {

using org::FieldProblems;
using org::Presence;

std::vector<Problem> Check(const SuccessionPlan& plan) {
  FieldProblems p;
  p.RequiredId("post_id", plan.post);
  p.Paragraphs("notes", plan.notes);
  p.RequiredDate("created_on", plan.created_on);
  return p.Take();
}

std::vector<Problem> Check(const PlanCandidate& c) {
  FieldProblems p;
  const bool named_outsider = !FieldProblems::IsBlank(c.external_name);
  if (c.person && named_outsider)
    p.Add("external_name",
          "give person_id (someone in the trust) or external_name (someone from outside), "
          "not both");
  if (!c.person && !named_outsider)
    p.Add("person_id", "is required, or external_name for a successor from outside the trust");
  p.OptionalId("person_id", c.person);
  p.Line("external_name", c.external_name, Presence::kOptional);
  p.Line("external_source", c.external_source, Presence::kOptional);
  if (c.person && !FieldProblems::IsBlank(c.external_source))
    p.Add("external_source", "only a successor from outside the trust has a source");
  p.Paragraphs("notes", c.notes);
  if (c.rank < 1) p.Add("rank", "must be 1 or more", std::to_string(c.rank));

  const bool reason_given = !FieldProblems::IsBlank(c.readiness_reason);
  if (c.person) {
    if (c.readiness && !reason_given)
      p.Add("readiness_reason", "is required when readiness overrides the formula's suggestion");
    if (!c.readiness && reason_given)
      p.Add("readiness_reason",
            "explains a readiness override: give readiness too, or leave the reason empty");
  } else if (!c.readiness) {
    p.Add("readiness",
          "is required for a successor from outside the trust (the formula only knows the "
          "trust's own people)");
  }
  p.Paragraphs("readiness_reason", c.readiness_reason);
  p.RequiredDate("added_on", c.added_on);
  return p.Take();
}

std::vector<Problem> Check(const PlanDiscussion& d) {
  FieldProblems p;
  p.RequiredId("plan_id", d.plan);
  p.RequiredDate("held_on", d.held_on);
  p.Paragraphs("attendees", d.attendees);
  p.Paragraphs("outcome", d.outcome, Presence::kRequired);
  return p.Take();
}

std::vector<Problem> Check(const LossRisk& r) {
  FieldProblems p;
  p.RequiredId("person_id", r.person);
  p.Paragraphs("note", r.note);
  p.RequiredDate("assessed_on", r.assessed_on);
  return p.Take();
}

std::vector<Problem> CheckCandidateList(std::span<const PlanCandidate> candidates) {
  std::vector<Problem> problems;
  const size_t n = candidates.size();
  auto at = [](size_t i, const char* field) {
    return "candidates[" + std::to_string(i) + "]." + field;
  };
  std::map<int, size_t> given;  // rank -> how many candidates have it
  size_t emergencies = 0;
  for (const PlanCandidate& c : candidates) {
    ++given[c.rank];
    if (c.emergency) ++emergencies;
  }
  const std::string ranks_run =
      "ranks run from 1 to " + std::to_string(n) + " (the number of successors), each once";
  std::map<PersonId, size_t> people;
  for (size_t i = 0; i < n; ++i) {
    const PlanCandidate& c = candidates[i];
    if (c.rank < 1 || c.rank > static_cast<int>(n))
      problems.push_back({at(i, "rank"),
                          "must be from 1 to " + std::to_string(n) + ": " + ranks_run,
                          std::to_string(c.rank),
                          {}});
    else if (given[c.rank] > 1)
      problems.push_back(
          {at(i, "rank"),
           "is given to " + std::to_string(given[c.rank]) + " successors: " + ranks_run,
           std::to_string(c.rank),
           {}});
    if (c.emergency && emergencies > 1)
      problems.push_back({at(i, "emergency"),
                          "only one successor of a plan is the emergency successor (" +
                              std::to_string(emergencies) + " are marked)",
                          "yes",
                          {}});
    if (c.person && people[*c.person]++ > 0)
      problems.push_back({at(i, "person_id"),
                          "is already named on this plan",
                          std::to_string(c.person->value()),
                          {}});
  }
  return problems;
}

void CheckPlanPost(const org::Post& post, std::vector<Problem>& problems) {
  if (!post.key)
    problems.push_back({"post_id",
                        "is not a key post: succession plans are for key posts",
                        std::to_string(post.id.value()),
                        {}});
}

void CheckSuccessor(const org::Person& person, bool holds_post, Date today,
                    std::vector<Problem>& problems) {
  org::NoteLeft(problems, "person_id", person, today);
  if (holds_post)
    problems.push_back({"person_id",
                        "holds this post: a successor is someone else",
                        std::to_string(person.id.value()),
                        {}});
}

}  // namespace trellis::succession
