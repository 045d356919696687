// Backup and restore: `trellis backup` run against the store while the server acknowledges a
// stream of writes gives a copy consistent to one moment, and `trellis restore` brings the
// store back to exactly that copy.
//
// Consistency is judged by what each writer wrote: writers add people one after another, so
// a copy of one moment holds, for each writer, a prefix of its writes (never a later one
// without an earlier), every write acknowledged before the backup began, and nothing that
// was never sent.

#include <atomic>
#include <fstream>
#include <vector>

#include "live_server.h"

namespace trellis {
namespace {

class BackupAndRestore : public LiveServer {};

std::string Ref(int writer, int i) { return "W" + std::to_string(writer) + "-" + std::to_string(i); }

TEST_P(BackupAndRestore, ABackupUnderWriteLoadIsOneMomentAndRestoresExactly) {
  Start();
  const Signed s = SignIn();
  constexpr int kWriters = 4;
  std::atomic<bool> stop = false;
  // Per writer: how many writes were sent, and how many acknowledged (in order).
  std::vector<std::atomic<int>> sent(kWriters), acknowledged(kWriters);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      httplib::Client client("127.0.0.1", port_);
      for (int i = 0; !stop; ++i) {
        sent[w] = i + 1;
        auto r = client.Post("/api/v1/trusts/1/people", HeadersOf(s),
                             json{{"reference", Ref(w, i)}, {"given_name", "Bea"},
                                  {"family_name", "Backup"}}
                                 .dump(),
                             "application/json");
        if (!r || r->status != 201) break;
        acknowledged[w] = i + 1;
      }
    });
  std::this_thread::sleep_for(500ms);
  std::vector<int> acknowledged_before(kWriters);
  for (int w = 0; w < kWriters; ++w) acknowledged_before[w] = acknowledged[w];
  const auto backup = dir_ / (OnSqlite() ? "backup.db" : "backup.dump");
  ASSERT_EQ(Cli("backup " + backup.string()), 0);
  std::this_thread::sleep_for(300ms);  // writing goes on after the copy
  stop = true;
  for (auto& t : writers) t.join();
  Kill();

  if (OnSqlite()) {  // PostgreSQL's copy is checked by restoring it
    EXPECT_EQ(IntegrityCheck(backup), "ok");
  }
  const auto copied = ReferencesInBackup(backup);
  size_t in_copy = 0, acknowledged_in_all = 0;
  for (int w = 0; w < kWriters; ++w) {
    acknowledged_in_all += static_cast<size_t>(acknowledged[w].load());
    int prefix = 0;
    while (copied.contains(Ref(w, prefix))) ++prefix;
    in_copy += static_cast<size_t>(prefix);
    EXPECT_GE(prefix, acknowledged_before[w]) << "writer " << w << ": an acknowledged write is missing";
    EXPECT_LE(prefix, sent[w].load()) << "writer " << w;
    // Nothing after the prefix: the copy is of one moment.
    for (int i = prefix; i < sent[w]; ++i) EXPECT_FALSE(copied.contains(Ref(w, i))) << Ref(w, i);
  }
  EXPECT_EQ(copied.size(), in_copy) << "the copy holds people nobody wrote";
  ASSERT_GT(in_copy, 0u);
  std::cout << in_copy << " people in the backup of " << acknowledged_in_all
            << " acknowledged in all\n";
  ASSERT_LT(in_copy, acknowledged_in_all) << "no write came after the backup: the test proves nothing";

  // Restore into the store itself: the writes after the backup are gone, the copy is back,
  // and the server serves it.
  EXPECT_EQ(Cli("restore " + backup.string()), 3) << "restore without --yes is refused";
  EXPECT_EQ(StoredReferences().size(), acknowledged_in_all);
  ASSERT_EQ(Cli("restore --yes " + backup.string()), 0);
  EXPECT_EQ(IntegrityCheck(), "ok");
  EXPECT_EQ(StoredReferences(), copied);
  Start();
  EXPECT_EQ(References(SignIn()), copied);
  Kill();

  // A backup is never overwritten; a file that is not a backup changes nothing.
  EXPECT_EQ(Cli("backup " + backup.string()), 5);
  const auto junk = dir_ / "junk.db";  // neither a SQLite file nor a dump
  { std::ofstream(junk) << "not a database"; }
  EXPECT_EQ(Cli("restore --yes " + junk.string()), 3);
  EXPECT_EQ(Cli("restore --yes " + (dir_ / "missing.db").string()), 4);
  EXPECT_EQ(StoredReferences(), copied);
}

INSTANTIATE_TEST_SUITE_P(Databases, BackupAndRestore,
                         ::testing::Values(Database::kSqlite, Database::kPostgresql), DatabaseName);

}  // namespace
}  // namespace trellis
