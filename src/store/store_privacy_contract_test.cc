// The store contract (store/store_contract.h) for personal data (UK GDPR): erasure in place,
// the audit log's redaction and search by mention, retention rules, the removals they make,
// and the claim of a scheduled run. On SQLite and PostgreSQL alike.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_contract.h"

namespace trellis::store {
namespace {

using namespace contract;  // NOLINT(google-build-using-namespace): the suite's own fixture

// Ann Smith has left; she was rated (and adjusted), assessed, judged at risk, named on a plan,
// given a development action and a sign-in with a session; Bob rated and assessed her, and
// both sat in a calibration meeting whose attendees name her.
class PrivacyContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (IsSkipped()) return;
    trust = NewTrust("Oak", "TR1");
    other = NewTrust("Elm", "TR2");
    ann = NewPerson(PersonBuilder(trust, "S-ANN").Named("Ann", "Smith").Email("Ann.Smith@oak.example")
                        .Left(D("2020-08-31")));
    bob = NewPerson(PersonBuilder(trust, "S-BOB").Named("Bob", "Brown").Email("bob@oak.example"));
    cycle = Must(store().Insert(talent::ReviewCycle{
                     .id = {}, .trust = trust, .year = 2019, .name = "Talent review 2019/20",
                     .status = talent::CycleStatus::kClosed, .opened_on = D("2019-09-15"),
                     .closed_on = D("2020-07-01"), .people_see_own_box = false,
                     .box_names = talent::DefaultBoxNames()}))
                .id;
    ann_rating = Must(store().Insert(Rated(ann, "Ann Smith led the phonics review"))).id;
    bob_rating = Must(store().Insert(Rated(bob, "Ann Smith says Bob coached her well"))).id;
    const auto meeting = Must(store().Insert(talent::CalibrationMeeting{
        .id = {}, .trust = trust, .cycle = cycle, .level = talent::MeetingLevel::kTrust,
        .school = {}, .held_on = D("2019-11-20"), .attendees = "Ann Smith, Bob Brown"}));
    user = NewUser(trust, "ann.smith@oak.example");
    auto linked = Must(store().GetUser(user));
    linked.person = ann;
    linked.display_name = "Ann Smith";
    Must(store().Update(linked));
    Must(store().Insert(access::Session{.token_hash = "hash", .user = user, .csrf_token = "c",
                                        .created_at = At("2020-06-01T08:00:00Z"),
                                        .last_seen = At("2020-06-01T08:00:00Z"),
                                        .expires_at = At("2030-06-01T08:00:00Z")}));
    Must(store().Insert(talent::RatingAdjustment{
        .id = {}, .trust = trust, .meeting = meeting.id, .rating = ann_rating,
        .before = {2, 2}, .after = {3, 2}, .reason = "Ann Smith's results", .by_user = user,
        .by = "Ann Smith", .at = At("2019-11-20T10:00:00Z")}));
    const auto framework = NewFramework(store(), std::nullopt, "ship");
    const CompetencyId competency = framework.competencies.front().id;
    for (PersonId who : {ann, bob})
      Must(store().Insert(talent::Assessment{.id = {}, .trust = trust, .person = who,
                                             .competency = competency, .level = 3,
                                             .assessor = who == ann ? bob : ann,
                                             .assessor_name = who == ann ? "Bob Brown" : "Ann Smith",
                                             .assessed_on = D("2020-01-10"),
                                             .evidence = "Observed lessons"}));
    Must(store().Insert(succession::LossRisk{.id = {}, .trust = trust, .person = ann,
                                             .risk = succession::RiskOfLoss::kHigh, .window = {},
                                             .note = "Moving to Leeds", .assessed_on = D("2020-03-01")}));
    const PostId head = NewPost(PostBuilder(trust, "P-HEAD").Title("Headteacher").Key());
    const auto plan = Must(store().Insert(succession::SuccessionPlan{
        .id = {}, .trust = trust, .post = head, .impact = {}, .consider_external = false,
        .review_on = {}, .notes = "Ann Smith first", .created_on = D("2020-01-01")}));
    Must(store().Insert(succession::PlanCandidate{
        .id = {}, .trust = trust, .plan = plan.id, .person = ann, .external_name = {},
        .external_source = {}, .notes = "Strong", .rank = 1,
        .readiness = succession::Readiness::kReadyNow, .readiness_reason = "Acting head",
        .emergency = true, .added_on = D("2020-01-01")}));
    Must(store().Insert(development::DevelopmentAction{
        .id = {}, .trust = trust, .person = ann, .kind = development::ActionKind::kShadowing,
        .title = "Shadow the head", .description = "Two days", .source = {}, .gap = {}, .plan = {},
        .owner = bob, .due_on = {}, .status = development::ActionStatus::kPlanned, .outcome = {},
        .raised_on = D("2020-01-01"), .completed_on = {}}));
  }

  talent::Rating Rated(PersonId person, std::string rationale) {
    talent::Rating r;
    r.trust = trust;
    r.cycle = cycle;
    r.person = person;
    r.rater = person == ann ? bob : ann;
    r.proposal = {2, 2};
    r.rationale = std::move(rationale);
    r.evidence = "Observations";
    r.proposed_at = At("2019-10-01T09:00:00Z");
    return r;
  }

  privacy::PersonErasure ErasureOfAnn() const {
    return {.trust = trust, .person = ann, .on = D("2026-01-05"), .given_name = "Erased",
            .family_name = "person", .reference = "ERASED-1", .name_in_text = "Ann Smith",
            .replacement = "[erased]"};
  }

  TrustId trust, other;
  PersonId ann, bob;
  ReviewCycleId cycle;
  RatingId ann_rating, bob_rating;
  UserId user;
};

TEST_P(PrivacyContract, ErasureAnonymisesInPlaceAndKeepsEveryFigure) {
  Must(store().ErasePerson(ErasureOfAnn()));

  const auto person = Must(store().GetPerson(trust, ann));
  EXPECT_EQ(person.given_name, "Erased");
  EXPECT_EQ(person.family_name, "person");
  EXPECT_EQ(person.reference, "ERASED-1");
  EXPECT_EQ(person.email, "");
  EXPECT_EQ(person.left_trust, D("2020-08-31"));  // dates and categories stay
  EXPECT_EQ(Must(store().FindErasure(trust, ann)), D("2026-01-05"));
  EXPECT_EQ(Must(store().FindErasure(trust, bob)), std::nullopt);

  const auto rating = Must(store().GetRating(trust, ann_rating));
  EXPECT_EQ(rating.rationale, "");
  EXPECT_EQ(rating.evidence, "");
  EXPECT_EQ(rating.proposal, (talent::Box{2, 2}));  // the scores stay
  EXPECT_EQ(Must(store().GetRating(trust, bob_rating)).rationale,
            "[erased] says Bob coached her well");
  const auto adjustments = Must(store().ListRatingAdjustments({.trust = trust, .rating = ann_rating}));
  ASSERT_EQ(adjustments.items.size(), 1u);
  EXPECT_EQ(adjustments.items[0].reason, "[erased]");
  EXPECT_EQ(adjustments.items[0].by, "[erased]");
  EXPECT_EQ(adjustments.items[0].after, (talent::Box{3, 2}));
  EXPECT_EQ(Must(store().ListCalibrationMeetings(trust, cycle))[0].attendees, "[erased], Bob Brown");

  for (const auto& a : Must(store().ListAssessments({.trust = trust})).items) {
    EXPECT_EQ(a.level, 3);
    EXPECT_EQ(a.evidence, a.person == ann ? "" : "Observed lessons");
    EXPECT_EQ(a.assessor_name, a.assessor == ann ? "[erased]" : "Bob Brown");
  }
  const auto risk = Must(store().FindLossRisk(trust, ann));
  ASSERT_TRUE(risk);
  EXPECT_EQ(risk->risk, succession::RiskOfLoss::kHigh);
  EXPECT_EQ(risk->note, "");
  const auto named = Must(store().ListPlanCandidates({.trust = trust, .person = ann}));
  ASSERT_EQ(named.items.size(), 1u);
  EXPECT_EQ(named.items[0].notes, "");
  EXPECT_EQ(named.items[0].readiness, succession::Readiness::kReadyNow);
  EXPECT_EQ(named.items[0].readiness_reason, "[erased]");
  EXPECT_TRUE(named.items[0].emergency);
  EXPECT_EQ(Must(store().GetSuccessionPlan(trust, named.items[0].plan)).notes, "[erased] first");
  const auto actions = Must(store().ListDevelopmentActions({.trust = trust, .person = ann}));
  ASSERT_EQ(actions.items.size(), 1u);
  EXPECT_EQ(actions.items[0].title, "[erased]");
  EXPECT_EQ(actions.items[0].description, "");
  EXPECT_EQ(actions.items[0].kind, development::ActionKind::kShadowing);

  const auto account = Must(store().GetUser(user));
  EXPECT_TRUE(account.disabled);
  EXPECT_EQ(account.password_hash, "");
  EXPECT_EQ(account.display_name, "[erased]");
  EXPECT_EQ(account.email, "erased-user-" + std::to_string(user.value()) + "@erased.invalid");
  EXPECT_EQ(Must(store().FindSession("hash")), std::nullopt);

  // Nobody finds her by name, email or old reference any more.
  for (const char* search : {"Ann", "Smith", "ann.smith", "S-ANN"})
    EXPECT_EQ(Must(store().ListPeople({.trust = trust, .search = search, .include_leavers = true,
                                       .today = D("2026-01-05")}))
                  .total,
              0)
        << search;
  EXPECT_EQ(Must(store().FindPersonByReference(trust, "S-ANN")), std::nullopt);
}

TEST_P(PrivacyContract, ErasureIsOnceAndWithinTheTrust) {
  auto elsewhere = ErasureOfAnn();
  elsewhere.trust = other;
  EXPECT_THAT(store().ErasePerson(elsewhere), FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(Must(store().GetPerson(trust, ann)).given_name, "Ann");
  Must(store().ErasePerson(ErasureOfAnn()));
  EXPECT_THAT(store().ErasePerson(ErasureOfAnn()), FailsOnField(ErrorCode::kConflict, "person_id"));
}

TEST_P(PrivacyContract, PeopleFilteredByLeavingDayAndErasure) {
  Must(store().ErasePerson(ErasureOfAnn()));
  const PersonId cat = NewPerson(PersonBuilder(trust, "S-CAT").Left(D("2024-12-31")));
  auto ids = [&](const PersonFilter& f) {
    std::vector<PersonId> out;
    for (const auto& p : Must(store().ListPeople(f)).items) out.push_back(p.id);
    return out;
  };
  const Date today = D("2026-01-05");
  EXPECT_THAT(ids({.trust = trust, .today = today, .left_by = D("2024-12-31")}),
              ::testing::UnorderedElementsAre(ann, cat));
  EXPECT_THAT(ids({.trust = trust, .today = today, .left_by = D("2024-12-30")}),
              ::testing::ElementsAre(ann));
  EXPECT_THAT(ids({.trust = trust, .today = today, .left_by = D("2024-12-31"), .erased = false}),
              ::testing::ElementsAre(cat));
  EXPECT_THAT(ids({.trust = trust, .include_leavers = true, .today = today, .erased = true}),
              ::testing::ElementsAre(ann));
}

TEST_P(PrivacyContract, AuditFoundByMentionAndRedactedOnlyAsAsked) {
  auto entry = [&](std::optional<TrustId> t, std::string actor, std::string after) {
    access::AuditEntry e;
    e.at = At("2020-01-01T09:00:00Z");
    e.trust = t;
    e.actor = std::move(actor);
    e.action = "update";
    e.entity = "person";
    e.entity_id = std::to_string(ann.value());
    e.after = std::move(after);
    return e;
  };
  Must(store().Append(entry(trust, "bob@oak.example", R"({"given_name":"Ann","family_name":"Smith"})")));
  Must(store().Append(entry(trust, "ANN.SMITH@oak.example", "")));
  Must(store().Append(entry(other, "ann.smith@oak.example", "")));
  const auto found = Must(store().ListAudit({.trust = trust, .mentioning = "ann.smith@OAK.example"}));
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items[0].actor, "ANN.SMITH@oak.example");
  EXPECT_EQ(Must(store().ListAudit({.trust = trust, .mentioning = "\"Smith\""})).total, 1);
  // % and _ are themselves, not wildcards.
  EXPECT_EQ(Must(store().ListAudit({.trust = trust, .mentioning = "%"})).total, 0);

  auto redacted = found.items[0];
  redacted.actor = "[erased]";
  redacted.after = "{}";
  redacted.action = "not changed";
  Must(store().RedactAudit(std::vector{redacted}));
  const auto all = Must(store().ListAudit({.trust = trust}));
  ASSERT_EQ(all.total, 2);
  EXPECT_EQ(all.items[0].actor, "[erased]");
  EXPECT_EQ(all.items[0].after, "{}");
  EXPECT_EQ(all.items[0].action, "update");
  EXPECT_EQ(all.items[1].actor, "bob@oak.example");
  // Of another trust, an entry is left as it was.
  auto theirs = Must(store().ListAudit({.trust = other})).items[0];
  auto moved = theirs;
  moved.trust = trust;
  moved.actor = "[erased]";
  Must(store().RedactAudit(std::vector{moved}));
  EXPECT_EQ(Must(store().ListAudit({.trust = other})).items[0].actor, theirs.actor);
}

TEST_P(PrivacyContract, RetentionRulesAreOffUntilPutAndKeptPerTrust) {
  EXPECT_EQ(Must(store().GetRetentionRules(trust)), privacy::RetentionRules{});
  const privacy::RetentionRules rules{.leaver_review_years = 2, .leaver_erasure_years = 7,
                                      .audit_years = 10};
  Must(store().PutRetentionRules(trust, rules));
  EXPECT_EQ(Must(store().GetRetentionRules(trust)), rules);
  EXPECT_EQ(Must(store().GetRetentionRules(other)), privacy::RetentionRules{});
  Must(store().PutRetentionRules(trust, {.leaver_review_years = 3}));
  EXPECT_EQ(Must(store().GetRetentionRules(trust)),
            (privacy::RetentionRules{.leaver_review_years = 3}));
  // The audit log's minimum holds whatever writes the rules.
  EXPECT_FALSE(store().PutRetentionRules(trust, {.audit_years = 5}));
  EXPECT_FALSE(store().PutRetentionRules(trust, {.leaver_review_years = 0}));
  EXPECT_THAT(store().GetRetentionRules(TrustId(9999)), FailsWith(ErrorCode::kNotFound));
  EXPECT_FALSE(store().PutRetentionRules(TrustId(9999), rules));
}

TEST_P(PrivacyContract, LeaversReviewDataRemovedByLeavingDay) {
  const auto none = Must(store().RemoveLeaversReviewData(trust, D("2020-08-30")));
  EXPECT_EQ(none.ratings + none.rating_adjustments + none.assessments + none.loss_risks, 0);
  const auto removed = Must(store().RemoveLeaversReviewData(trust, D("2020-08-31")));
  EXPECT_EQ(removed.ratings, 1);
  EXPECT_EQ(removed.rating_adjustments, 1);
  EXPECT_EQ(removed.assessments, 1);
  EXPECT_EQ(removed.loss_risks, 1);
  EXPECT_THAT(store().GetRating(trust, ann_rating), FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(Must(store().GetRating(trust, bob_rating)).person, bob);  // Bob stays
  EXPECT_EQ(Must(store().ListAssessments({.trust = trust})).total, 1);
  EXPECT_EQ(Must(store().FindLossRisk(trust, ann)), std::nullopt);
  EXPECT_EQ(Must(store().GetPerson(trust, ann)).given_name, "Ann");  // the person stays
  // Outside a removal, adjustments stay append-only.
  EXPECT_EQ(Must(store().ListRatingAdjustments({.trust = trust})).total, 0);
}

TEST_P(PrivacyContract, AuditEntriesRemovedBeforeAnInstantWithinTheTrust) {
  for (const char* at : {"2010-01-01T00:00:00Z", "2015-06-01T12:00:00Z", "2020-01-01T00:00:00Z"})
    for (TrustId t : {trust, other}) {
      access::AuditEntry e;
      e.at = At(at);
      e.trust = t;
      e.actor = "cli";
      e.action = "create";
      Must(store().Append(e));
    }
  EXPECT_EQ(Must(store().RemoveAuditBefore(trust, At("2015-06-01T12:00:00Z"))), 1);
  EXPECT_EQ(Must(store().ListAudit({.trust = trust})).total, 2);
  EXPECT_EQ(Must(store().ListAudit({.trust = other})).total, 3);
}

TEST_P(PrivacyContract, ARetentionRunIsClaimedOncePerTrustAndDay) {
  EXPECT_TRUE(Must(store().ClaimRetentionRun(trust, D("2026-01-05"), At("2026-01-05T02:00:00Z"))));
  EXPECT_FALSE(Must(store().ClaimRetentionRun(trust, D("2026-01-05"), At("2026-01-05T02:05:00Z"))));
  EXPECT_TRUE(Must(store().ClaimRetentionRun(other, D("2026-01-05"), At("2026-01-05T02:05:00Z"))));
  EXPECT_TRUE(Must(store().ClaimRetentionRun(trust, D("2026-01-06"), At("2026-01-06T02:00:00Z"))));
  // A claim undone with its transaction leaves the day free.
  auto undone = store().Transact([&](Store& tx) -> Result<void> {
    EXPECT_TRUE(Must(tx.ClaimRetentionRun(trust, D("2026-01-07"), At("2026-01-07T02:00:00Z"))));
    return Fail(ErrorCode::kInternal, "the run failed");
  });
  EXPECT_FALSE(undone);
  EXPECT_TRUE(Must(store().ClaimRetentionRun(trust, D("2026-01-07"), At("2026-01-07T03:00:00Z"))));
}

INSTANTIATE_TEST_SUITE_P(Backends, PrivacyContract, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace trellis::store
