// Crash safety: the trellis server is killed with SIGKILL (no chance to flush or clean up)
// while it acknowledges a stream of writes, and again in the middle of a large import.
// After a restart every acknowledged write must be there, the import must be all or
// nothing, and the database's own check must pass. What makes this hold: one transaction per
// request, answered only after it commits, and on SQLite WAL with synchronous=FULL
// (docs/architecture.md, "Durability").
//
// The server runs as a real process (live_server.h), on SQLite and on PostgreSQL.

#include <atomic>
#include <vector>

#include "live_server.h"

namespace trellis {
namespace {

class CrashSafety : public LiveServer {};

TEST_P(CrashSafety, EveryAcknowledgedWriteSurvivesSigkill) {
  for (int round = 0; round < 3; ++round) {
    Start();
    const Signed s = SignIn();
    // Four writers add people as fast as the server acknowledges them; the server is killed
    // after a random moment, mid-stream.
    std::atomic<bool> stop = false;
    std::vector<std::vector<std::string>> acknowledged(4);
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
      writers.emplace_back([&, w] {
        httplib::Client client("127.0.0.1", port_);
        client.set_connection_timeout(2s);
        for (int i = 0; !stop; ++i) {
          const std::string ref = "R" + std::to_string(round) + "-W" + std::to_string(w) + "-" + std::to_string(i);
          auto r = client.Post("/api/v1/trusts/1/people", HeadersOf(s),
                               json{{"reference", ref}, {"given_name", "Ada"}, {"family_name", "Crash"}}.dump(),
                               "application/json");
          if (!r) break;  // the server is gone
          if (r->status == 201) acknowledged[w].push_back(ref);
        }
      });
    std::mt19937 rng(static_cast<unsigned>(round));
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + rng() % 700));
    Kill();
    stop = true;
    for (auto& t : writers) t.join();

    size_t total = 0;
    for (const auto& a : acknowledged) total += a.size();
    ASSERT_GT(total, 0u) << "no write was acknowledged before the kill";
    std::cout << "round " << round << ": " << total << " writes acknowledged before SIGKILL\n";
    EXPECT_EQ(IntegrityCheck(), "ok");

    Start();
    const auto stored = References(SignIn());
    for (const auto& a : acknowledged)
      for (const auto& ref : a) EXPECT_TRUE(stored.contains(ref)) << ref << " was acknowledged but lost";
    Kill();
  }
}

TEST_P(CrashSafety, EveryReadAnsweredIsInTheAuditLogAfterSigkill) {
  // The record of a read is written to the server's journal before the answer and moved into
  // the audit log in the background (store/sql/read_journal.h): killed before moving them,
  // the next server to start moves them.
  Start();
  const Signed s = SignIn();
  std::atomic<bool> stop = false;
  std::atomic<int> answered = 0;
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r)
    readers.emplace_back([&] {
      httplib::Client client("127.0.0.1", port_);
      client.set_connection_timeout(2s);
      while (!stop) {
        auto got = client.Get("/api/v1/trusts/1/pipeline", HeadersOf(s));
        if (!got) break;  // the server is gone
        if (got->status == 200) ++answered;
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  Kill();
  stop = true;
  for (auto& t : readers) t.join();
  ASSERT_GT(answered.load(), 0) << "no read was answered before the kill";
  EXPECT_EQ(IntegrityCheck(), "ok");

  Start();
  httplib::Client client("127.0.0.1", port_);
  auto found = client.Get("/api/v1/trusts/1/audit?action=read&entity=succession_pipeline&limit=1",
                          HeadersOf(SignIn()));
  ASSERT_TRUE(found && found->status == 200);
  // Reads under way at the kill may be recorded without having been answered; never fewer.
  const int recorded = json::parse(found->body)["total"];
  EXPECT_GE(recorded, answered.load());
  std::cout << answered.load() << " reads answered before SIGKILL; " << recorded << " recorded\n";
  Kill();
}

TEST_P(CrashSafety, AnImportKilledHalfwayLeavesNothingBehind) {
  // 250,000 people: long enough (a second or more) that a kill lands while the import is
  // running.
  const int rows = 250'000;
  int cut_off = 0;  // rounds where the kill landed before the import answered
  for (int delay_ms : {150, 500, 1500}) {
    // Fresh references each round, so an import that finished before the kill in one round
    // does not make the next round's import a no-op.
    std::string csv = "reference,given_name,family_name\n";
    for (int i = 0; i < rows; ++i)
      csv += "IMP" + std::to_string(delay_ms) + "-" + std::to_string(i) + ",Grace,Import\n";
    Start();
    const Signed s = SignIn();
    const size_t before = References(s).size();
    std::atomic<bool> answered = false;
    std::thread importer([&] {
      httplib::Client client("127.0.0.1", port_);
      client.set_read_timeout(60s);
      client.set_write_timeout(60s);
      answered = static_cast<bool>(client.Post("/api/v1/trusts/1/imports/people", HeadersOf(s), csv, "text/csv"));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    Kill();
    importer.join();
    if (!answered) ++cut_off;
    EXPECT_EQ(IntegrityCheck(), "ok");

    Start();
    const auto after = References(SignIn());
    // All or nothing: the import either finished before the kill or left no trace.
    EXPECT_TRUE(after.size() == before || after.size() == before + rows)
        << "half an import: " << after.size() - before << " of " << rows << " rows";
    std::cout << "kill after " << delay_ms << " ms: the import " << (answered ? "had finished" : "was cut off")
              << "; " << after.size() - before << " rows stored\n";
    Kill();
  }
  // Otherwise the test proved nothing: the imports must be slower than the first kill.
  EXPECT_GT(cut_off, 0) << "every import finished before the kill";
}

INSTANTIATE_TEST_SUITE_P(Databases, CrashSafety,
                         ::testing::Values(Database::kSqlite, Database::kPostgresql), DatabaseName);

}  // namespace
}  // namespace trellis
