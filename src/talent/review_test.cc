// Talent review: the pure rules (talent/review.h), the grid, rater outliers and movement
// (talent/nine_box.h, each worked by hand in the comments), and ReviewService against a real
// store: who may propose, calibration keeping before and after, closing, and which rating
// counts as the latest calibrated one.

#include <gtest/gtest.h>

#include <set>

#include "store/sqlite/sqlite_store.h"
#include "talent/nine_box.h"
#include "talent/review_service.h"
#include "talent/validation.h"

namespace trellis::talent {
namespace {

class FixedClock final : public Clock {
 public:
  Instant Now() const override { return now; }
  Instant now = *ParseInstant("2026-01-15T09:00:00Z");
};

Date D(const char* iso) { return *Date::Parse(iso); }

std::set<std::string> Fields(const std::vector<Problem>& problems) {
  std::set<std::string> out;
  for (const auto& p : problems) out.insert(p.field);
  return out;
}

Rating R(int64_t person, int64_t rater, Box box) {
  Rating r;
  r.person = PersonId(person);
  r.rater = PersonId(rater);
  r.proposal = box;
  return r;
}

// ---- Boxes and rules ----

TEST(NineBoxModel, BoxIndexIsPerformanceMajorAndInvertible) {
  EXPECT_EQ(BoxIndex({1, 1}), 0u);
  EXPECT_EQ(BoxIndex({1, 3}), 2u);
  EXPECT_EQ(BoxIndex({2, 1}), 3u);
  EXPECT_EQ(BoxIndex({3, 3}), 8u);
  for (size_t i = 0; i < kBoxes; ++i) EXPECT_EQ(BoxIndex(BoxAt(i)), i);
  EXPECT_FALSE(IsBox({0, 2}));
  EXPECT_FALSE(IsBox({2, 4}));
}

TEST(NineBoxModel, DefaultNamesAreDistinctWithStarTopRightAndRiskBottomLeft) {
  const BoxNames names = DefaultBoxNames();
  EXPECT_EQ(names[BoxIndex({3, 3})], "Star");
  EXPECT_EQ(names[BoxIndex({1, 1})], "Risk");
  EXPECT_EQ(names[BoxIndex({2, 2})], "Core player");
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), kBoxes);
}

TEST(ReviewRules, CycleFieldsAndClosingDate) {
  ReviewCycle c{.id = {}, .trust = TrustId(1), .year = 2025, .name = "Review 2025/26",
                .opened_on = D("2025-09-01")};
  EXPECT_TRUE(Check(c).empty());
  c.year = 1999;
  c.name = " ";
  c.box_names[1] = c.box_names[0];
  c.status = CycleStatus::kClosed;
  EXPECT_EQ(Fields(Check(c)), (std::set<std::string>{"year", "name", "box_names[1]", "closed_on"}));
  c = ReviewCycle{.year = 2025, .name = "x", .opened_on = D("2025-09-01"),
                  .closed_on = D("2025-08-01")};
  EXPECT_EQ(Fields(Check(c)), std::set<std::string>{"closed_on"});
}

TEST(ReviewRules, RatingAndAdjustmentFields) {
  Rating r = R(2, 3, {3, 1});
  r.cycle = ReviewCycleId(1);
  r.rationale = "Strong results";
  EXPECT_TRUE(Check(r).empty());
  r.proposal = {0, 4};
  r.rater = r.person;
  r.rationale = "";
  r.final = true;
  EXPECT_EQ(Fields(Check(r)),
            (std::set<std::string>{"performance", "potential", "rater_id", "rationale", "final"}));

  RatingAdjustment a{.meeting = CalibrationMeetingId(1), .rating = RatingId(1), .before = {2, 2},
                     .after = {2, 2}, .reason = "", .by = "ann"};
  EXPECT_EQ(Fields(Check(a)), (std::set<std::string>{"after", "reason"}));
  a.after = {3, 2};
  a.reason = "Evidence from the trust moderation";
  EXPECT_TRUE(Check(a).empty());

  CalibrationMeeting m{.cycle = ReviewCycleId(1), .level = MeetingLevel::kSchool, .held_on = D("2025-12-01")};
  EXPECT_EQ(Fields(Check(m)), std::set<std::string>{"school_id"});
  m.level = MeetingLevel::kTrust;
  m.school = SchoolId(3);
  EXPECT_EQ(Fields(Check(m)), std::set<std::string>{"school_id"});
}

TEST(ReviewRules, ProposalsWhileOpenByTheCurrentLineManagerOrATrustAdmin) {
  ReviewCycle c;
  EXPECT_TRUE(CanPropose(c));
  c.status = CycleStatus::kCalibrating;
  EXPECT_EQ(CanPropose(c).error().code, ErrorCode::kConflict);

  const std::vector<org::LineLink> links = {
      {.manager = PersonId(1), .report = PersonId(2), .start = D("2024-09-01")},
      {.manager = PersonId(3), .report = PersonId(2), .start = D("2020-09-01"), .end = D("2024-09-01")}};
  const Date today = D("2026-01-15");
  EXPECT_TRUE(MayRate(ProposerRole::kLineManager, PersonId(1), PersonId(2), links, today));
  EXPECT_EQ(MayRate(ProposerRole::kLineManager, PersonId(3), PersonId(2), links, today).error().code,
            ErrorCode::kForbidden);  // a former line manager
  EXPECT_EQ(MayRate(ProposerRole::kLineManager, PersonId(2), PersonId(1), links, today).error().code,
            ErrorCode::kForbidden);  // the report rating the manager
  EXPECT_TRUE(MayRate(ProposerRole::kTrustAdmin, PersonId(9), PersonId(2), {}, today));
  EXPECT_EQ(MayRate(ProposerRole::kTrustAdmin, PersonId(2), PersonId(2), {}, today).error().code,
            ErrorCode::kForbidden);
}

TEST(ReviewRules, StatusMovesForwardOneStepAndSchoolsMeetBeforeTheTrust) {
  EXPECT_TRUE(CanMove(CycleStatus::kOpen, CycleStatus::kCalibrating));
  EXPECT_TRUE(CanMove(CycleStatus::kCalibrating, CycleStatus::kClosed));
  EXPECT_FALSE(CanMove(CycleStatus::kOpen, CycleStatus::kClosed));
  EXPECT_FALSE(CanMove(CycleStatus::kClosed, CycleStatus::kOpen));
  EXPECT_FALSE(CanMove(CycleStatus::kCalibrating, CycleStatus::kCalibrating));

  ReviewCycle c;
  EXPECT_EQ(CanMeet(c, MeetingLevel::kTrust, false).error().code, ErrorCode::kConflict);
  c.status = CycleStatus::kCalibrating;
  EXPECT_TRUE(CanMeet(c, MeetingLevel::kSchool, false));
  EXPECT_TRUE(CanMeet(c, MeetingLevel::kTrust, false));
  EXPECT_TRUE(CanMeet(c, MeetingLevel::kTrust, true));
  EXPECT_EQ(CanMeet(c, MeetingLevel::kSchool, true).error().code, ErrorCode::kConflict);
  c.status = CycleStatus::kClosed;
  EXPECT_FALSE(CanMeet(c, MeetingLevel::kTrust, true));
}

TEST(ReviewRules, FinalIsTheLatestAdjustmentElseTheProposal) {
  Rating proposed = R(1, 2, {2, 3});
  EXPECT_EQ(Finalised(proposed).calibrated, (Box{2, 3}));
  EXPECT_TRUE(Finalised(proposed).final);
  Rating adjusted = proposed;
  adjusted.calibrated = Box{2, 2};
  EXPECT_EQ(Finalised(adjusted).calibrated, (Box{2, 2}));
}

// ---- Grid, outliers, movement ----

TEST(NineBoxGrid, CountsPeopleInTheirCurrentBoxWithEveryFilterApplied) {
  std::vector<Rating> ratings = {R(1, 9, {2, 2}), R(2, 9, {2, 2}), R(3, 9, {3, 3}),
                                 R(4, 9, {1, 1}), R(5, 9, {2, 2})};
  ratings[4].calibrated = Box{3, 2};  // adjusted: counts where calibration put them
  const Grid all = BuildGrid(ratings);
  EXPECT_EQ(all.Total(), 5u);
  EXPECT_EQ(all.At({2, 2}), (std::vector<PersonId>{PersonId(1), PersonId(2)}));
  EXPECT_EQ(all.Count({3, 2}), 1u);
  EXPECT_EQ(all.Count({3, 3}), 1u);
  EXPECT_EQ(all.Count({1, 3}), 0u);

  GridFilter filter;
  filter.school = std::unordered_set<PersonId>{PersonId(1), PersonId(3), PersonId(4)};
  filter.stage = std::unordered_set<PersonId>{PersonId(3), PersonId(4), PersonId(5)};
  const Grid some = BuildGrid(ratings, filter);  // both: people 3 and 4
  EXPECT_EQ(some.Total(), 2u);
  EXPECT_EQ(some.Count({3, 3}), 1u);
  EXPECT_EQ(some.Count({1, 1}), 1u);
}

// Worked by hand. Raters A (1), B (2), C (3) with five ratings each, D (4) with two:
//   A: (3,3) (3,3) (3,2) (3,2) (3,2)  mean performance 3, potential 2.4, top share 2/5
//   B: (2,2) ×5                       2, 2, 0
//   C: (2,2) ×3 (1,2) (3,2)           2, 2, 0
//   D: (1,1) ×2                       1, 1, 0
// Group of 17: performance 37/17 = 2.1765, potential 34/17 = 2, top share 2/17 = 0.1176.
// A: performance gap +0.8235 > 0.5 (flagged), potential gap +0.4 (not), top-share gap
// +0.2824 > 0.25 (flagged). B and C: gaps −0.1765, 0, −0.1176 (not flagged). D's gaps are
// large, but two ratings are fewer than five: listed, never flagged.
TEST(NineBoxOutliers, HandWorkedGroupOfFourRaters) {
  std::vector<Rating> ratings;
  for (Box b : {Box{3, 3}, Box{3, 3}, Box{3, 2}, Box{3, 2}, Box{3, 2}}) ratings.push_back(R(10, 1, b));
  for (int i = 0; i < 5; ++i) ratings.push_back(R(20 + i, 2, {2, 2}));
  for (Box b : {Box{2, 2}, Box{2, 2}, Box{2, 2}, Box{1, 2}, Box{3, 2}}) ratings.push_back(R(30, 3, b));
  ratings.push_back(R(40, 4, {1, 1}));
  ratings.push_back(R(41, 4, {1, 1}));
  ratings[0].calibrated = Box{1, 1};  // calibration does not change what the rater said

  const RaterOutliers out = FindRaterOutliers(ratings);
  EXPECT_EQ(out.ratings, 17u);
  EXPECT_NEAR(out.mean_performance, 37.0 / 17, 1e-9);
  EXPECT_NEAR(out.mean_potential, 2.0, 1e-9);
  EXPECT_NEAR(out.top_share, 2.0 / 17, 1e-9);
  ASSERT_EQ(out.raters.size(), 4u);

  const RaterDistribution& a = out.raters[0];
  EXPECT_EQ(a.rater, PersonId(1));
  EXPECT_NEAR(a.mean_performance, 3.0, 1e-9);
  EXPECT_NEAR(a.mean_potential, 2.4, 1e-9);
  EXPECT_NEAR(a.performance_gap, 3.0 - 37.0 / 17, 1e-9);
  EXPECT_NEAR(a.top_share_gap, 0.4 - 2.0 / 17, 1e-9);
  EXPECT_TRUE(a.flagged);
  ASSERT_EQ(a.reasons.size(), 2u);
  EXPECT_EQ(a.reasons[0], "Mean performance is 0.82 above the group's (limit 0.50).");
  EXPECT_EQ(a.reasons[1], "Share of top-box ratings is 0.28 above the group's (limit 0.25).");

  EXPECT_FALSE(out.raters[1].flagged);
  EXPECT_NEAR(out.raters[1].performance_gap, 2.0 - 37.0 / 17, 1e-9);
  EXPECT_FALSE(out.raters[2].flagged);
  EXPECT_FALSE(out.raters[3].flagged);
  EXPECT_FALSE(out.raters[3].enough_ratings);
  EXPECT_EQ(out.raters[3].ratings, 2u);

  // With a lower threshold, D (gap 1 − 2.1765 = −1.18) is flagged too.
  const RaterOutliers loose = FindRaterOutliers(ratings, {.min_ratings = 2});
  EXPECT_TRUE(loose.raters[3].flagged);
  EXPECT_TRUE(FindRaterOutliers({}).raters.empty());
}

TEST(NineBoxMovement, FromBoxToBoxPerPersonAndInTotal) {
  // Person 1: (2,2) → (3,2) up; 2: (3,3) → (2,3) down; 3: (1,2) → (1,2) same;
  // 4: (3,1) → (2,2) across (both sum to 4); 5 rated later only; 6 earlier only.
  const std::vector<Rating> earlier = {R(1, 9, {2, 2}), R(2, 9, {3, 3}), R(3, 9, {1, 2}),
                                       R(4, 9, {3, 1}), R(6, 9, {2, 2})};
  std::vector<Rating> later = {R(1, 9, {2, 2}), R(2, 9, {3, 3}), R(3, 9, {1, 2}),
                               R(4, 9, {2, 2}), R(5, 9, {2, 2})};
  later[0].calibrated = Box{3, 2};
  later[1].calibrated = Box{2, 3};
  const Movement m = MovementBetween(earlier, later);
  EXPECT_EQ(m.up, 1u);
  EXPECT_EQ(m.down, 1u);
  EXPECT_EQ(m.same, 1u);
  EXPECT_EQ(m.across, 1u);
  EXPECT_EQ(m.only_earlier, 1u);
  EXPECT_EQ(m.only_later, 1u);
  EXPECT_EQ(m.flows[BoxIndex({2, 2})][BoxIndex({3, 2})], 1u);
  EXPECT_EQ(m.flows[BoxIndex({3, 3})][BoxIndex({2, 3})], 1u);
  EXPECT_EQ(m.flows[BoxIndex({1, 2})][BoxIndex({1, 2})], 1u);
  ASSERT_EQ(m.people.size(), 4u);
  EXPECT_EQ(m.people[0].person, PersonId(1));
  EXPECT_EQ(m.people[0].direction, Direction::kUp);
  EXPECT_EQ(m.people[3].direction, Direction::kAcross);

  GridFilter only_one;
  only_one.family = std::unordered_set<PersonId>{PersonId(2)};
  const Movement filtered = MovementBetween(earlier, later, only_one);
  EXPECT_EQ(filtered.people.size(), 1u);
  EXPECT_EQ(filtered.down, 1u);
  EXPECT_EQ(filtered.only_later, 0u);
}

// ---- ReviewService ----

class ReviewServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::OpenSqliteStore(":memory:"));
    ASSERT_TRUE(store_->Migrate());
    service_ = std::make_unique<ReviewService>(*store_, clock_);
    trust_ = store_->Insert(org::Trust{.id = {}, .name = "Oak", .reference = "", .created_at = {}})->id;
    north_ = store_->Insert(org::School{.trust = trust_, .urn = 100001, .name = "North"})->id;
    south_ = store_->Insert(org::School{.trust = trust_, .urn = 100002, .name = "South"})->id;
    manager_ = Person("M1");
    report_ = Person("R1");
    other_ = Person("R2");
    Works(manager_, north_, "P-M1");
    Works(report_, north_, "P-R1");
    Works(other_, south_, "P-R2");
    ASSERT_TRUE(store_->Insert(org::LineLink{.trust = trust_, .manager = manager_, .report = report_,
                                             .start = D("2024-09-01")}));
  }

  PersonId Person(const char* reference) {
    return store_->Insert(org::Person{.trust = trust_, .reference = reference, .given_name = "A",
                                      .family_name = reference})->id;
  }
  void Works(PersonId person, SchoolId school, const char* post_reference) {
    const PostId post = store_->Insert(org::Post{.trust = trust_, .reference = post_reference,
                                                 .title = "Teacher", .school = school})->id;
    ASSERT_TRUE(store_->Insert(org::Holding{.trust = trust_, .post = post, .person = person,
                                            .start = D("2020-09-01")}));
  }
  ReviewCycle OpenCycle(int year) {
    auto c = service_->Open(trust_, ReviewCycle{.year = year, .name = "Review " + std::to_string(year)}, actor_);
    EXPECT_TRUE(c) << c.error().message;
    return *c;
  }
  Proposal For(PersonId person, PersonId rater, Box box) {
    return Proposal{person, rater, box, "Consistently good outcomes", "Lesson visits"};
  }
  int64_t Audited(const char* entity, const char* action) {
    return store_->ListAudit({.entity = entity, .action = action})->total;
  }

  FixedClock clock_;
  org::Actor actor_{.user = {}, .name = "test", .remote = {}};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ReviewService> service_;
  TrustId trust_;
  SchoolId north_, south_;
  PersonId manager_, report_, other_;
};

TEST_F(ReviewServiceTest, ALineManagerProposesForTheirReportOnlyAndReProposingUpdates) {
  const ReviewCycle cycle = OpenCycle(2025);
  EXPECT_EQ(cycle.status, CycleStatus::kOpen);
  EXPECT_EQ(cycle.opened_on, D("2026-01-15"));
  EXPECT_EQ(service_->Open(trust_, ReviewCycle{.year = 2025, .name = "Again"}, actor_).error().code,
            ErrorCode::kConflict);

  auto first = service_->Propose(trust_, cycle.id, For(report_, manager_, {2, 3}), ProposerRole::kLineManager, actor_);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->proposal, (Box{2, 3}));
  EXPECT_FALSE(first->calibrated);

  auto not_theirs = service_->Propose(trust_, cycle.id, For(other_, manager_, {2, 2}), ProposerRole::kLineManager, actor_);
  ASSERT_FALSE(not_theirs);
  EXPECT_EQ(not_theirs.error().code, ErrorCode::kForbidden);
  auto admin = service_->Propose(trust_, cycle.id, For(other_, manager_, {2, 2}), ProposerRole::kTrustAdmin, actor_);
  ASSERT_TRUE(admin) << admin.error().message;

  auto again = service_->Propose(trust_, cycle.id, For(report_, manager_, {3, 3}), ProposerRole::kLineManager, actor_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->proposal, (Box{3, 3}));
  EXPECT_EQ(store_->ListRatings({.trust = trust_, .cycle = cycle.id})->total, 2);
  EXPECT_EQ(Audited("rating", "create"), 2);
  EXPECT_EQ(Audited("rating", "update"), 1);

  auto bad = service_->Propose(trust_, cycle.id, {report_, manager_, {4, 0}, "", ""}, ProposerRole::kLineManager, actor_);
  ASSERT_FALSE(bad);
  EXPECT_EQ(Fields(bad.error().details), (std::set<std::string>{"performance", "potential", "rationale"}));
  auto nobody = service_->Propose(trust_, cycle.id, For(PersonId(999), manager_, {2, 2}), ProposerRole::kTrustAdmin, actor_);
  ASSERT_FALSE(nobody);
  EXPECT_EQ(Fields(nobody.error().details), std::set<std::string>{"person_id"});

  ASSERT_TRUE(service_->StartCalibration(trust_, cycle.id, actor_));
  EXPECT_EQ(service_->Propose(trust_, cycle.id, For(report_, manager_, {1, 1}), ProposerRole::kLineManager, actor_)
                .error().code,
            ErrorCode::kConflict);
}

TEST_F(ReviewServiceTest, CalibrationKeepsBeforeAndAfterAndClosingMakesRatingsFinal) {
  const ReviewCycle cycle = OpenCycle(2025);
  const Rating mine = *service_->Propose(trust_, cycle.id, For(report_, manager_, {2, 3}), ProposerRole::kLineManager, actor_);
  const Rating theirs = *service_->Propose(trust_, cycle.id, For(other_, manager_, {2, 2}), ProposerRole::kTrustAdmin, actor_);

  EXPECT_EQ(service_->RecordMeeting(trust_, {.cycle = cycle.id, .level = MeetingLevel::kSchool, .school = north_, .held_on = D("2026-01-10")}, actor_)
                .error().code,
            ErrorCode::kConflict);  // still open
  ASSERT_TRUE(service_->StartCalibration(trust_, cycle.id, actor_));
  auto north = service_->RecordMeeting(trust_, {.cycle = cycle.id, .level = MeetingLevel::kSchool, .school = north_, .held_on = D("2026-01-10"), .attendees = "Head, deputies"}, actor_);
  ASSERT_TRUE(north) << north.error().message;

  auto moved = service_->Adjust(trust_, north->id, mine.id, {3, 3}, "Led the school's Ofsted preparation", actor_);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->before, (Box{2, 3}));
  EXPECT_EQ(moved->after, (Box{3, 3}));
  EXPECT_EQ(moved->by, "test");
  auto elsewhere = service_->Adjust(trust_, north->id, theirs.id, {1, 1}, "x", actor_);
  ASSERT_FALSE(elsewhere);  // South's person in North's meeting
  EXPECT_EQ(Fields(elsewhere.error().details), std::set<std::string>{"rating_id"});
  auto no_reason = service_->Adjust(trust_, north->id, mine.id, {2, 2}, "  ", actor_);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(Fields(no_reason.error().details), std::set<std::string>{"reason"});

  auto board = service_->RecordMeeting(trust_, {.cycle = cycle.id, .level = MeetingLevel::kTrust, .held_on = D("2026-01-14")}, actor_);
  ASSERT_TRUE(board) << board.error().message;
  EXPECT_EQ(service_->RecordMeeting(trust_, {.cycle = cycle.id, .level = MeetingLevel::kSchool, .school = south_, .held_on = D("2026-01-15")}, actor_)
                .error().code,
            ErrorCode::kConflict);  // schools meet before the trust
  EXPECT_EQ(service_->Adjust(trust_, north->id, mine.id, {2, 2}, "late", actor_).error().code, ErrorCode::kConflict);
  auto again = service_->Adjust(trust_, board->id, mine.id, {3, 2}, "Potential judged against trust peers", actor_);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->before, (Box{3, 3}));  // the before of a second adjustment is the first's after

  const auto history = *store_->ListRatingAdjustments({.trust = trust_, .rating = mine.id});
  ASSERT_EQ(history.total, 2);
  EXPECT_EQ(history.items[0].before, (Box{2, 3}));
  EXPECT_EQ(history.items[1].after, (Box{3, 2}));
  EXPECT_EQ(store_->GetRating(trust_, mine.id)->proposal, (Box{2, 3}));  // the proposal is kept

  auto closed = service_->Close(trust_, cycle.id, actor_);
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->status, CycleStatus::kClosed);
  EXPECT_EQ(closed->closed_on, D("2026-01-15"));
  const Rating final_mine = *store_->GetRating(trust_, mine.id);
  EXPECT_TRUE(final_mine.final);
  EXPECT_EQ(final_mine.calibrated, (Box{3, 2}));
  const Rating final_theirs = *store_->GetRating(trust_, theirs.id);
  EXPECT_TRUE(final_theirs.final);
  EXPECT_EQ(final_theirs.calibrated, (Box{2, 2}));  // never adjusted: the proposal
  EXPECT_EQ(Audited("rating", "finalise"), 2);
  EXPECT_EQ(Audited("rating_adjustment", "create"), 2);
  EXPECT_EQ(Audited("review_cycle", "closed"), 1);
  EXPECT_EQ(service_->Adjust(trust_, board->id, mine.id, {1, 1}, "after closing", actor_).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(service_->Close(trust_, cycle.id, actor_).error().code, ErrorCode::kConflict);
}

TEST_F(ReviewServiceTest, LatestCalibratedRatingIsFromTheMostRecentClosedCycle) {
  auto run = [&](int year, Box box) {
    const ReviewCycle c = OpenCycle(year);
    EXPECT_TRUE(service_->Propose(trust_, c.id, For(report_, manager_, box), ProposerRole::kLineManager, actor_));
    return c;
  };
  const ReviewCycle older = run(2023, {1, 2});
  ASSERT_TRUE(service_->StartCalibration(trust_, older.id, actor_));
  ASSERT_TRUE(service_->Close(trust_, older.id, actor_));
  EXPECT_EQ(*store_->LatestCalibratedRatings(trust_),
            (std::vector<LatestCalibratedRating>{{report_, 1, 2, 2023, older.id}}));

  const ReviewCycle newer = run(2024, {3, 3});
  ASSERT_TRUE(service_->StartCalibration(trust_, newer.id, actor_));
  ASSERT_TRUE(service_->Close(trust_, newer.id, actor_));
  const ReviewCycle current = run(2025, {2, 2});  // open: does not count yet
  ASSERT_TRUE(current.id.valid());

  EXPECT_EQ(*store_->LatestCalibratedRatings(trust_),
            (std::vector<LatestCalibratedRating>{{report_, 3, 3, 2024, newer.id}}));
}

TEST_F(ReviewServiceTest, SettingsChangeAndReadsAreAudited) {
  const ReviewCycle cycle = OpenCycle(2025);
  BoxNames names = DefaultBoxNames();
  names[BoxIndex({3, 3})] = "Future leader";
  auto changed = service_->Change(trust_, cycle.id, {.people_see_own_box = true, .box_names = names}, actor_);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_TRUE(changed->people_see_own_box);
  EXPECT_EQ(store_->GetReviewCycle(trust_, cycle.id)->box_names[8], "Future leader");
  names[0] = "";
  EXPECT_EQ(service_->Change(trust_, cycle.id, {.box_names = names}, actor_).error().code,
            ErrorCode::kValidationFailed);
  ASSERT_TRUE(service_->RecordRatingsRead(trust_, "cycle " + std::to_string(cycle.id.value()), actor_));
  const auto reads = *store_->ListAudit({.entity = "rating", .action = "read"});
  ASSERT_EQ(reads.total, 1);
  EXPECT_EQ(reads.items[0].entity_id, "cycle " + std::to_string(cycle.id.value()));
}

}  // namespace
}  // namespace trellis::talent
