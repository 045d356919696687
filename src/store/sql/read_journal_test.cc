#include "store/sql/read_journal.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "store/store_test_support.h"

namespace trellis::store::sql {
namespace {

using testing::TempDir;

// An audit log in memory, which can be told to refuse moves for a while.
class MemoryHome final : public JournalHome {
 public:
  Result<std::optional<int64_t>> MovedTo(const std::string& journal) override {
    std::lock_guard lock(mutex_);
    auto found = moved_to_.find(journal);
    if (found == moved_to_.end()) return std::optional<int64_t>();
    return std::optional<int64_t>(found->second);
  }
  Result<void> Move(const std::string& journal, int64_t moved_to,
                    std::span<const access::AuditEntry> entries, bool durable) override {
    std::lock_guard lock(mutex_);
    if (refusing_) return Fail(ErrorCode::kUnavailable, "the audit log is unreachable");
    if (moved_to_.contains(journal)) {
      EXPECT_GE(moved_to, moved_to_[journal]) << "moved backwards";
    }
    moved_to_[journal] = moved_to;
    entries_.insert(entries_.end(), entries.begin(), entries.end());
    if (durable) ++durable_moves_;
    return Ok();
  }
  Result<void> Forget(const std::string& journal) override {
    std::lock_guard lock(mutex_);
    forgotten_.insert(journal);
    moved_to_.erase(journal);
    return Ok();
  }

  void Refuse(bool refuse) {
    std::lock_guard lock(mutex_);
    refusing_ = refuse;
  }
  void SetMovedTo(const std::string& journal, int64_t at) {
    std::lock_guard lock(mutex_);
    moved_to_[journal] = at;
  }
  std::vector<access::AuditEntry> entries() {
    std::lock_guard lock(mutex_);
    return entries_;
  }
  // The entity ids moved, each with how many times.
  std::map<std::string, int> Moved() {
    std::map<std::string, int> counts;
    for (const auto& e : entries()) ++counts[e.entity_id];
    return counts;
  }
  std::set<std::string> forgotten() {
    std::lock_guard lock(mutex_);
    return forgotten_;
  }
  int durable_moves() {
    std::lock_guard lock(mutex_);
    return durable_moves_;
  }

 private:
  std::mutex mutex_;
  bool refusing_ = false;
  std::map<std::string, int64_t> moved_to_;
  std::vector<access::AuditEntry> entries_;
  std::set<std::string> forgotten_;
  int durable_moves_ = 0;
};

access::AuditEntry Read(const std::string& id) {
  access::AuditEntry e;
  e.at = Instant(std::chrono::microseconds(1'790'000'000'123'456));
  e.trust = TrustId(3);
  e.user = UserId(7);
  e.actor = "hr@oakridge.example";
  e.action = "read";
  e.entity = "nine_box_grid";
  e.entity_id = id;
  e.after = R"({"school_id":8})";
  e.remote = "127.0.0.1";
  return e;
}

std::vector<std::filesystem::path> Journals(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> found;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".journal") found.push_back(entry.path());
  return found;
}

std::string Bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

constexpr std::string_view kHeader = "trellis read journal 1\n";

// Keeps looking until `done` holds, for at most ten seconds.
template <typename Done>
bool Eventually(Done done) {
  for (int i = 0; i < 1000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

TEST(ReadJournalRecords, ARecordReadsBackAsItWasWritten) {
  access::AuditEntry full = Read("42");
  full.before = std::string("bytes \0 and \xff too", 17);
  access::AuditEntry bare;  // no trust, no user, every text empty
  bare.at = Instant(std::chrono::seconds(0));
  const std::string bytes = EncodeJournalRecord(full) + EncodeJournalRecord(bare);
  const JournalStretch read = ReadJournalRecords(bytes, 100, false);
  ASSERT_EQ(read.entries.size(), 2u);
  EXPECT_EQ(read.end, 100 + static_cast<int64_t>(bytes.size()));
  const auto& a = read.entries[0];
  EXPECT_EQ(a.at, full.at);
  EXPECT_EQ(a.trust, full.trust);
  EXPECT_EQ(a.user, full.user);
  EXPECT_EQ(a.actor, full.actor);
  EXPECT_EQ(a.action, full.action);
  EXPECT_EQ(a.entity, full.entity);
  EXPECT_EQ(a.entity_id, full.entity_id);
  EXPECT_EQ(a.before, full.before);
  EXPECT_EQ(a.after, full.after);
  EXPECT_EQ(a.remote, full.remote);
  const auto& b = read.entries[1];
  EXPECT_FALSE(b.trust.has_value());
  EXPECT_FALSE(b.user.has_value());
  EXPECT_EQ(b.at, bare.at);
  EXPECT_TRUE(b.actor.empty() && b.entity_id.empty() && b.remote.empty());
}

TEST(ReadJournalRecords, ATornLastRecordWaitsUntilTheWriterIsGone) {
  const std::string one = EncodeJournalRecord(Read("1"));
  const std::string two = EncodeJournalRecord(Read("2"));
  for (size_t cut = 1; cut < two.size(); ++cut) {
    const std::string bytes = one + two.substr(0, cut);
    const JournalStretch waiting = ReadJournalRecords(bytes, 0, false);
    ASSERT_EQ(waiting.entries.size(), 1u) << "cut at " << cut;
    EXPECT_EQ(waiting.end, static_cast<int64_t>(one.size())) << "cut at " << cut;
    const JournalStretch finished = ReadJournalRecords(bytes, 0, true);
    ASSERT_EQ(finished.entries.size(), 1u) << "cut at " << cut;
    EXPECT_EQ(finished.end, static_cast<int64_t>(bytes.size())) << "cut at " << cut;
  }
}

TEST(ReadJournalRecords, ATornRecordAmongWholeOnesIsSkipped) {
  const std::string one = EncodeJournalRecord(Read("1"));
  const std::string torn = EncodeJournalRecord(Read("torn"));
  const std::string three = EncodeJournalRecord(Read("3"));
  // A write cut short by a full disk, then a stray copy of a marker in the middle of it.
  std::string damaged = torn.substr(0, torn.size() / 2);
  damaged.insert(5, torn.substr(0, 4));
  const std::string bytes = one + damaged + three;
  const JournalStretch read = ReadJournalRecords(bytes, 0, false);
  ASSERT_EQ(read.entries.size(), 2u);
  EXPECT_EQ(read.entries[0].entity_id, "1");
  EXPECT_EQ(read.entries[1].entity_id, "3");
  EXPECT_EQ(read.end, static_cast<int64_t>(bytes.size()));
}

TEST(ReadJournalRecords, AFlippedByteIsNotARecord) {
  std::string bytes = EncodeJournalRecord(Read("1"));
  bytes[bytes.size() - 3] ^= 0x20;
  EXPECT_TRUE(ReadJournalRecords(bytes, 0, false).entries.empty());
  EXPECT_TRUE(ReadJournalRecords(bytes, 0, true).entries.empty());
}

TEST(ReadJournal, RecordsFromManyThreadsAreMovedOnceEach) {
  TempDir dir;
  MemoryHome home;
  {
    auto journal = ReadJournal::Open(dir.path(), home, {.move_every = std::chrono::milliseconds(5)});
    ASSERT_TRUE(journal) << journal.error().message;
    std::vector<std::thread> readers;
    for (int t = 0; t < 8; ++t)
      readers.emplace_back([&, t] {
        for (int i = 0; i < 500; ++i)
          ASSERT_TRUE((*journal)->Record(Read(std::to_string(t) + "-" + std::to_string(i))));
      });
    for (auto& r : readers) r.join();
    ASSERT_TRUE((*journal)->Settle());
    const auto moved = home.Moved();
    EXPECT_EQ(moved.size(), 4000u);
    for (const auto& [id, times] : moved) EXPECT_EQ(times, 1) << id;
    EXPECT_EQ(Journals(dir.path()).size(), 1u);
  }
  // Closed: nothing left to move, the file gone and forgotten.
  EXPECT_EQ(home.Moved().size(), 4000u);
  EXPECT_TRUE(Journals(dir.path()).empty());
  EXPECT_EQ(home.forgotten().size(), 1u);
}

TEST(ReadJournal, MovesInTheBackgroundWithoutBeingAsked) {
  TempDir dir;
  MemoryHome home;
  auto journal = ReadJournal::Open(dir.path(), home, {.move_every = std::chrono::milliseconds(5)});
  ASSERT_TRUE(journal) << journal.error().message;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE((*journal)->Record(Read(std::to_string(i))));
  EXPECT_TRUE(Eventually([&] { return home.Moved().size() == 10; }));
}

TEST(ReadJournal, WhatCouldNotBeMovedStaysUntilItCanBe) {
  TempDir dir;
  MemoryHome home;
  auto journal = ReadJournal::Open(dir.path(), home, {.move_every = std::chrono::hours(1)});
  ASSERT_TRUE(journal) << journal.error().message;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE((*journal)->Record(Read(std::to_string(i))));
  home.Refuse(true);
  EXPECT_FALSE((*journal)->Settle());
  ASSERT_TRUE((*journal)->Record(Read("3")));
  home.Refuse(false);
  ASSERT_TRUE((*journal)->Settle());
  const auto moved = home.Moved();
  EXPECT_EQ(moved.size(), 4u);
  for (const auto& [id, times] : moved) EXPECT_EQ(times, 1) << id;
}

TEST(ReadJournal, ALargeMovedJournalStartsAfreshAndNothingIsLost) {
  TempDir dir;
  MemoryHome home;
  constexpr int kRounds = 10;
  {
    auto journal = ReadJournal::Open(
        dir.path(), home, {.move_every = std::chrono::milliseconds(1), .rotate_at = 2048});
    ASSERT_TRUE(journal) << journal.error().message;
    // Each round writes more than 2 KiB from four threads while the mover runs beside them;
    // once it is all moved, the journal starts afresh.
    for (int round = 0; round < kRounds; ++round) {
      std::vector<std::thread> readers;
      for (int t = 0; t < 4; ++t)
        readers.emplace_back([&, t] {
          for (int i = 0; i < 30; ++i)
            ASSERT_TRUE((*journal)->Record(
                Read(std::to_string(round) + "-" + std::to_string(t) + "-" + std::to_string(i))));
        });
      for (auto& r : readers) r.join();
      ASSERT_TRUE((*journal)->Settle());
      EXPECT_EQ(Journals(dir.path()).size(), 1u) << "retired journals are removed";
    }
    EXPECT_GE(home.forgotten().size(), static_cast<size_t>(kRounds)) << "never started afresh";
    // Each retired file went only once its moves were on disk.
    EXPECT_GE(home.durable_moves(), static_cast<int>(home.forgotten().size()));
  }
  const auto moved = home.Moved();
  EXPECT_EQ(moved.size(), kRounds * 4u * 30u);
  for (const auto& [id, times] : moved) EXPECT_EQ(times, 1) << id;
}

TEST(ReadJournal, WhatADeadServerLeftIsMovedFromWhereItStopped) {
  TempDir dir;
  MemoryHome home;
  const std::string one = EncodeJournalRecord(Read("1"));
  const std::string two = EncodeJournalRecord(Read("2"));
  const std::string three = EncodeJournalRecord(Read("3"));
  const std::string torn = EncodeJournalRecord(Read("4")).substr(0, 20);
  {
    std::ofstream out(dir.path() / "deadbeefdeadbeef.journal", std::ios::binary);
    out << kHeader << one << two << three << torn;
  }
  // Its server had moved the first record before it died.
  home.SetMovedTo("deadbeefdeadbeef", static_cast<int64_t>(kHeader.size() + one.size()));
  // Not a journal of ours, though named like one: left alone.
  { std::ofstream(dir.path() / "notes.journal") << "someone else's file\n"; }

  auto journal = ReadJournal::Open(dir.path(), home, {.move_every = std::chrono::hours(1)});
  ASSERT_TRUE(journal) << journal.error().message;
  const auto moved = home.Moved();
  EXPECT_EQ(moved, (std::map<std::string, int>{{"2", 1}, {"3", 1}}));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "deadbeefdeadbeef.journal"));
  EXPECT_TRUE(home.forgotten().contains("deadbeefdeadbeef"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "notes.journal"));
}

TEST(ReadJournal, ALiveServersJournalIsLeftToIt) {
  TempDir dir;
  MemoryHome first_home, second_home;
  auto first = ReadJournal::Open(dir.path(), first_home, {.move_every = std::chrono::hours(1)});
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE((*first)->Record(Read("first's")));
  auto second = ReadJournal::Open(dir.path(), second_home, {.move_every = std::chrono::hours(1)});
  ASSERT_TRUE(second) << second.error().message;
  ASSERT_TRUE((*second)->Record(Read("second's")));
  ASSERT_TRUE((*second)->Settle());
  EXPECT_EQ(second_home.Moved(), (std::map<std::string, int>{{"second's", 1}}));
  EXPECT_EQ(Journals(dir.path()).size(), 2u);
  ASSERT_TRUE((*first)->Settle());
  EXPECT_EQ(first_home.Moved(), (std::map<std::string, int>{{"first's", 1}}));
}

TEST(ReadJournal, RecordsSurviveTheProcessBeingKilled) {
  TempDir dir;
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // A server that records three reads and is killed without a chance to move them.
    MemoryHome home;
    auto journal = ReadJournal::Open(dir.path(), home, {.move_every = std::chrono::hours(1)});
    if (!journal) _exit(2);
    for (int i = 0; i < 3; ++i)
      if (!(*journal)->Record(Read(std::to_string(i)))) _exit(3);
    kill(getpid(), SIGKILL);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit " << WEXITSTATUS(status);
  ASSERT_EQ(Journals(dir.path()).size(), 1u);
  MemoryHome home;
  auto journal = ReadJournal::Open(dir.path(), home, {.move_every = std::chrono::hours(1)});
  ASSERT_TRUE(journal) << journal.error().message;
  EXPECT_EQ(home.Moved(), (std::map<std::string, int>{{"0", 1}, {"1", 1}, {"2", 1}}));
  EXPECT_EQ(Journals(dir.path()).size(), 1u) << "only the new server's own";
}

TEST(ReadJournal, SyncReachesTheFile) {
  TempDir dir;
  MemoryHome home;
  auto journal = ReadJournal::Open(dir.path(), home, {.move_every = std::chrono::hours(1)});
  ASSERT_TRUE(journal) << journal.error().message;
  ASSERT_TRUE((*journal)->Record(Read("1")));
  ASSERT_TRUE((*journal)->Sync());
  const std::string bytes = Bytes(dir.path() / ((*journal)->name() + ".journal"));
  EXPECT_EQ(bytes, std::string(kHeader) + EncodeJournalRecord(Read("1")));
}

TEST(ReadJournal, AnUnusableDirectoryIsAnError) {
  TempDir dir;
  { std::ofstream(dir.path() / "a-file") << "x"; }
  MemoryHome home;
  auto journal = ReadJournal::Open(dir.path() / "a-file" / "reads", home, {});
  ASSERT_FALSE(journal);
  EXPECT_EQ(journal.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(journal.error().message.find("a-file"), std::string::npos);
}

}  // namespace
}  // namespace trellis::store::sql
