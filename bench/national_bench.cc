// The national cases "rank" and "bench strength & coverage" of ../shared/docs/benchmarks.md
// (issue 4, items 4-5): the succession engine over every trust of the national workload,
// against the same computation written as one SQL query, run by SQLite on the SQLite store and
// by PostgreSQL on the PostgreSQL store, in the same run; the results must match.
//
//   trellis_national_bench --store sqlite:PATH [--postgresql URL] [--out DIR]
//
// Both stores hold the workload `trellis load` put there (bench/README.md). Steps:
//  1. read every trust's snapshot, settings, plans and risks from each store (timed apart:
//     "read from the store", not part of our figures);
//  2. ours, timed over --runs runs: the top five successors of every key post (Rank, with each
//     trust's settings), and the pipeline of every trust (MeasurePipeline: bench strength,
//     coverage, ready-now coverage) summed over the nation;
//  3. the peers, timed over up to --peer-runs runs (fewer when a run is slow, see
//     --peer-budget): bench/sql/rank_top5.*.sql and bench/sql/bench_strength.*.sql;
//  4. checks: identical top-five lists for every key post; identical figures per key post, per
//     role group and for the nation (counts exact, bench strength within 1e-9);
//  5. writes DIR/rank.json and DIR/bench_strength.json and prints a markdown table.

#include <libpq-fe.h>
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/enum_names.h"
#include "core/files.h"
#include "store/postgresql/postgresql_store.h"
#include "store/sqlite/sqlite_store.h"
#include "succession/metrics.h"
#include "succession/ranking.h"
#include "succession/trust_snapshot.h"
#include "workload/gias.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using trellis::Date;
using trellis::PersonId;
using trellis::PostId;
using trellis::Result;
using trellis::TrustId;
namespace succession = trellis::succession;
namespace store = trellis::store;

constexpr size_t kTop = 5;

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "trellis_national_bench: " << message << "\n";
  std::exit(1);
}

template <typename T>
T Must(Result<T> result, const std::string& what) {
  if (!result) Die(what + ": " + result.error().message);
  return std::move(*result);
}

double SecondsOf(const std::function<void()>& work) {
  const auto started = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string Fixed(double value, int decimals) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(decimals) << value;
  return out.str();
}

// ---- The nation as the engine sees it ----

struct Trust {
  TrustId id;
  std::string reference;
  succession::Snapshot snapshot;
  succession::FormulaSettings settings;
  std::vector<succession::PlanContent> plans;
  std::vector<succession::LossRisk> risks;
};

struct Nation {
  std::vector<Trust> trusts;
  size_t people = 0, key_posts = 0;
  double read_s = 0;

  // For the differences printed: a post's trust and title, a person's reference.
  std::unordered_map<PostId, std::string> post_names;
  std::unordered_map<PersonId, std::string> references;
};

// Every trust's snapshot, settings, plans and risks on `today`: the reads the dashboard and
// the ranking make, trust by trust (succession/trust_snapshot.h, trust_pipeline.h).
Nation ReadNation(store::Store& store, Date today) {
  Nation nation;
  nation.read_s = SecondsOf([&] {
    for (const auto& t : Must(store.ListTrusts(), "listing the trusts")) {
      const std::string what = "reading trust " + t.reference;
      auto snapshot = Must(succession::BuildTrustSnapshot(store, t.id, today), what);
      auto settings = Must(store.GetFormulaSettings(t.id), what).formula;
      auto plans = Must(store.ListPlanContents(t.id), what);
      auto risks = Must(store.ListLossRisks(t.id), what);
      nation.trusts.push_back({.id = t.id,
                               .reference = t.reference,
                               .snapshot = std::move(snapshot),
                               .settings = settings,
                               .plans = std::move(plans),
                               .risks = std::move(risks)});
    }
  });
  for (const Trust& t : nation.trusts) {
    nation.people += t.snapshot.people().size();
    nation.key_posts += t.snapshot.posts().size();
    for (const auto& post : t.snapshot.posts())
      nation.post_names.emplace(post.id, t.reference + " " + post.title);
    for (const auto& person : t.snapshot.people())
      nation.references.emplace(person.id, person.reference);
  }
  return nation;
}

// ---- The figures compared ----

// Each key post's top five, by post id.
using TopFive = std::map<PostId, std::vector<PersonId>>;

struct GroupFigures {
  int64_t posts = 0, covered = 0, ready_now = 0;
  double bench = 0;  // Σ bench strength of the group's posts
};

struct PostFigures {
  std::string role_group;
  bool covered = false, ready_now = false;
  double bench = 0;
};

struct PipelineFigures {
  std::map<PostId, PostFigures> posts;
  std::map<std::string, GroupFigures> role_groups;  // by role group code
  GroupFigures nation;
};

// ---- Ours ----

// The engine's answers, kept as it gives them while timed; turned into the figures compared
// afterwards. Every key post of a trust at once (RankEveryPost: posts that reach the same people
// on the same profile are scored once). The product ranks a key post on its own when its page
// asks; bench strength and coverage (the dashboard's) use the same classes of posts
// (EligibleWithMatch).
std::vector<succession::Ranking> RankEveryKeyPost(const Nation& nation) {
  std::vector<succession::Ranking> rankings;
  rankings.reserve(nation.key_posts);
  for (const Trust& t : nation.trusts)
    for (auto& ranking : succession::RankEveryPost(t.snapshot, t.settings, kTop))
      rankings.push_back(std::move(ranking));
  return rankings;
}

// The same post by post (Rank, as one key post's page asks): the figure before RankEveryPost,
// kept for the record.
std::vector<succession::Ranking> RankPostByPost(const Nation& nation) {
  std::vector<succession::Ranking> rankings;
  rankings.reserve(nation.key_posts);
  for (const Trust& t : nation.trusts)
    for (size_t p = 0; p < t.snapshot.posts().size(); ++p)
      rankings.push_back(succession::Rank(t.snapshot, p, t.settings, kTop));
  return rankings;
}

TopFive TopFiveOf(const std::vector<succession::Ranking>& rankings) {
  TopFive top;
  for (const auto& ranking : rankings) {
    std::vector<PersonId>& list = top[ranking.post];
    for (const auto& c : ranking.candidates) list.push_back(c.person);
  }
  return top;
}

std::vector<succession::PipelineMetrics> MeasureNation(const Nation& nation, Date today) {
  std::vector<succession::PipelineMetrics> metrics;
  metrics.reserve(nation.trusts.size());
  for (const Trust& t : nation.trusts)
    metrics.push_back(succession::MeasurePipeline(
        t.snapshot, {.plans = t.plans, .risks = t.risks}, t.settings, today));
  return metrics;
}

// The nation's figures: every trust's summed.
PipelineFigures FiguresOf(const std::vector<succession::PipelineMetrics>& metrics) {
  PipelineFigures figures;
  auto add = [](GroupFigures& to, const succession::PipelineCell& cell) {
    to.posts += static_cast<int64_t>(cell.posts.size());
    to.covered += static_cast<int64_t>(cell.coverage.figure.numerator);
    to.ready_now += static_cast<int64_t>(cell.ready_now_coverage.figure.numerator);
    to.bench += cell.bench.total;
  };
  for (const succession::PipelineMetrics& m : metrics) {
    for (const auto& line : m.posts)
      figures.posts[line.post] = {.role_group = std::string(trellis::Code(line.role_group)),
                                  .covered = line.named_successors > 0,
                                  .ready_now = line.ready_now_successors > 0,
                                  .bench = line.bench_strength};
    for (succession::RoleGroup group : succession::kRoleGroups)
      add(figures.role_groups[std::string(trellis::Code(group))],
          m.by_role_group[static_cast<size_t>(group)]);
    add(figures.nation, m.overall);
  }
  return figures;
}

// ---- The peers: one SQL query each ----

std::string ReadSql(const fs::path& path) {
  auto text = trellis::ReadWholeFile(path);
  if (!text) Die(text.error().message);
  return std::move(*text);
}

// A row of a peer's answer, its columns as text (empty optional: NULL).
using Row = std::vector<std::optional<std::string>>;
using OnRow = std::function<void(const Row&)>;

class Peer {
 public:
  virtual ~Peer() = default;
  virtual std::string name() const = 0;
  virtual std::string dialect() const = 0;  // the SQL files' suffix
  virtual void Run(const std::string& sql, Date today, const OnRow& on_row) = 0;
};

class SqlitePeer final : public Peer {
 public:
  explicit SqlitePeer(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
      Die("cannot open " + path + ": " + sqlite3_errmsg(db_));
    // As a competent user would for a large analytical query: a page cache that holds the
    // working set, temporary b-trees (sorts, the automatic indexes) in memory, and the
    // planner's statistics (ANALYZE once, when the store has none yet: untimed).
    Exec("PRAGMA cache_size = -1048576");
    Exec("PRAGMA temp_store = MEMORY");
    bool analysed = false;
    Query("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'",
          [&](const Row&) { analysed = true; });
    if (!analysed) {
      std::cout << "SQLite: ANALYZE (once: the store had no statistics) ..." << std::flush;
      std::cout << " " << Fixed(SecondsOf([&] { Exec("ANALYZE"); }), 1) << " s\n";
    }
  }
  ~SqlitePeer() override { sqlite3_close(db_); }

  std::string name() const override { return std::string("SQLite ") + sqlite3_libversion(); }
  std::string dialect() const override { return "sqlite"; }

  void Run(const std::string& sql, Date today, const OnRow& on_row) override {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
      Die(std::string("SQLite: ") + sqlite3_errmsg(db_));
    const std::string day = today.ToIso();
    const int index = sqlite3_bind_parameter_index(statement, ":today");
    if (index > 0) sqlite3_bind_text(statement, index, day.c_str(), -1, SQLITE_TRANSIENT);
    Step(statement, on_row);
  }

 private:
  void Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "?";
      sqlite3_free(error);
      Die("SQLite: " + sql + ": " + message);
    }
  }
  void Query(const std::string& sql, const OnRow& on_row) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
      Die(std::string("SQLite: ") + sqlite3_errmsg(db_));
    Step(statement, on_row);
  }
  void Step(sqlite3_stmt* statement, const OnRow& on_row) {
    Row row;
    int status;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
      const int columns = sqlite3_column_count(statement);
      row.assign(static_cast<size_t>(columns), std::nullopt);
      for (int c = 0; c < columns; ++c) {
        if (sqlite3_column_type(statement, c) == SQLITE_NULL) continue;
        if (sqlite3_column_type(statement, c) == SQLITE_FLOAT) {
          // Every digit, so that the figure compared is the double SQLite computed.
          char text[32];
          std::snprintf(text, sizeof text, "%.17g", sqlite3_column_double(statement, c));
          row[static_cast<size_t>(c)] = text;
        } else {
          row[static_cast<size_t>(c)] =
              reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
        }
      }
      on_row(row);
    }
    if (status != SQLITE_DONE) Die(std::string("SQLite: ") + sqlite3_errmsg(db_));
    sqlite3_finalize(statement);
  }

  sqlite3* db_ = nullptr;
};

class PostgresqlPeer final : public Peer {
 public:
  explicit PostgresqlPeer(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
    if (PQstatus(connection_) != CONNECTION_OK)
      Die("cannot connect to " + url + ": " + PQerrorMessage(connection_));
    // As a competent user would for a large analytical query: sorts and hashes in memory
    // rather than spilled to disk, and fresh planner statistics (untimed).
    Exec("SET work_mem = '1GB'");
    std::cout << "PostgreSQL: ANALYZE ..." << std::flush;
    std::cout << " " << Fixed(SecondsOf([&] { Exec("ANALYZE"); }), 1) << " s\n";
    Query("SHOW server_version", [&](const Row& row) { version_ = row[0].value_or("?"); });
  }
  ~PostgresqlPeer() override { PQfinish(connection_); }

  std::string name() const override { return "PostgreSQL " + version_; }
  std::string dialect() const override { return "postgresql"; }

  void Run(const std::string& sql, Date today, const OnRow& on_row) override {
    const std::string day = today.ToIso();
    const char* values[] = {day.c_str()};
    Read(PQexecParams(connection_, sql.c_str(), 1, nullptr, values, nullptr, nullptr, 0), on_row);
  }

 private:
  void Exec(const std::string& sql) { Query(sql, [](const Row&) {}); }
  void Query(const std::string& sql, const OnRow& on_row) {
    Read(PQexec(connection_, sql.c_str()), on_row);
  }
  void Read(PGresult* result, const OnRow& on_row) {
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      const std::string message = PQresultErrorMessage(result);
      PQclear(result);
      Die("PostgreSQL: " + message);
    }
    Row row;
    for (int r = 0; r < PQntuples(result); ++r) {
      row.assign(static_cast<size_t>(PQnfields(result)), std::nullopt);
      for (int c = 0; c < PQnfields(result); ++c)
        if (!PQgetisnull(result, r, c)) row[static_cast<size_t>(c)] = PQgetvalue(result, r, c);
      on_row(row);
    }
    PQclear(result);
  }

  PGconn* connection_;
  std::string version_ = "?";
};

int64_t Whole(const std::optional<std::string>& cell) {
  if (!cell) Die("a NULL where a number was expected");
  if (*cell == "t" || *cell == "true") return 1;  // PostgreSQL's booleans
  if (*cell == "f" || *cell == "false") return 0;
  return std::stoll(*cell);
}

double Real(const std::optional<std::string>& cell) {
  if (!cell) Die("a NULL where a number was expected");
  return std::stod(*cell);
}

TopFive PeerTopFive(Peer& peer, const std::string& sql, Date today) {
  TopFive top;
  peer.Run(sql, today, [&](const Row& row) {
    top[PostId(Whole(row[0]))].push_back(PersonId(Whole(row[2])));
  });
  return top;
}

PipelineFigures PeerPipeline(Peer& peer, const std::string& sql, Date today) {
  PipelineFigures figures;
  peer.Run(sql, today, [&](const Row& row) {
    const std::string level = row[0].value_or("");
    const GroupFigures group{.posts = Whole(row[3]),
                             .covered = Whole(row[4]),
                             .ready_now = Whole(row[5]),
                             .bench = Real(row[6])};
    if (level == "post")
      figures.posts[PostId(Whole(row[1]))] = {.role_group = row[2].value_or(""),
                                              .covered = group.covered == 1,
                                              .ready_now = group.ready_now == 1,
                                              .bench = group.bench};
    else if (level == "role_group")
      figures.role_groups[row[2].value_or("")] = group;
    else
      figures.nation = group;
  });
  // Role groups without key posts are 0 of 0, as ours lists them.
  for (succession::RoleGroup group : succession::kRoleGroups)
    figures.role_groups[std::string(trellis::Code(group))];
  return figures;
}

// ---- Checks ----

constexpr size_t kShownDifferences = 10;

// The differences between ours and the peer's, the first few described; empty when none.
struct Differences {
  size_t count = 0;
  std::vector<std::string> shown;

  void Add(const std::string& what) {
    if (count++ < kShownDifferences) shown.push_back(what);
  }
  std::string Summary() const {
    if (count == 0) return "identical";
    std::string out = std::to_string(count) + " differences; first: ";
    for (size_t i = 0; i < shown.size(); ++i) out += (i ? "; " : "") + shown[i];
    return out;
  }
};

std::string Listed(const Nation& nation, const std::vector<PersonId>& people) {
  std::string out = "[";
  for (size_t i = 0; i < people.size(); ++i) {
    auto it = nation.references.find(people[i]);
    out += (i ? " " : "") +
           (it != nation.references.end() ? it->second : "#" + std::to_string(people[i].value()));
  }
  return out + "]";
}

std::string PostName(const Nation& nation, PostId post) {
  auto it = nation.post_names.find(post);
  return "post " + std::to_string(post.value()) +
         (it != nation.post_names.end() ? " (" + it->second + ")" : "");
}

Differences Compare(const Nation& nation, const TopFive& ours, const TopFive& peer) {
  Differences d;
  for (const auto& [post, list] : ours) {
    auto it = peer.find(post);
    const std::vector<PersonId> none;
    const std::vector<PersonId>& theirs = it == peer.end() ? none : it->second;
    if (list != theirs)
      d.Add(PostName(nation, post) + ": ours " + Listed(nation, list) + ", SQL " +
            Listed(nation, theirs));
  }
  for (const auto& [post, list] : peer)
    if (!ours.contains(post)) d.Add(PostName(nation, post) + ": not a key post of ours, SQL " +
                                    Listed(nation, list));
  return d;
}

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(a)); }

void CompareGroup(Differences& d, const std::string& name, const GroupFigures& a,
                  const GroupFigures& b) {
  auto counts = [&](const char* what, int64_t x, int64_t y) {
    if (x != y) d.Add(name + " " + what + ": ours " + std::to_string(x) + ", SQL " + std::to_string(y));
  };
  counts("key posts", a.posts, b.posts);
  counts("covered", a.covered, b.covered);
  counts("ready now", a.ready_now, b.ready_now);
  // Σ bench strength, and the group's strength (the ratio) to 1e-9.
  const double sa = a.posts ? a.bench / static_cast<double>(a.posts) : 0;
  const double sb = b.posts ? b.bench / static_cast<double>(b.posts) : 0;
  if (!Near(a.bench, b.bench) || std::fabs(sa - sb) > 1e-9)
    d.Add(name + " bench strength: ours " + Fixed(a.bench, 12) + ", SQL " + Fixed(b.bench, 12));
}

Differences Compare(const Nation& nation, const PipelineFigures& ours,
                    const PipelineFigures& peer) {
  Differences d;
  for (const auto& [post, a] : ours.posts) {
    auto it = peer.posts.find(post);
    if (it == peer.posts.end()) {
      d.Add(PostName(nation, post) + ": missing from SQL");
      continue;
    }
    const PostFigures& b = it->second;
    if (a.role_group != b.role_group || a.covered != b.covered || a.ready_now != b.ready_now ||
        std::fabs(a.bench - b.bench) > 1e-9)
      d.Add(PostName(nation, post) + ": ours " + a.role_group + " covered " +
            std::to_string(a.covered) + " ready " + std::to_string(a.ready_now) + " bench " +
            Fixed(a.bench, 12) + ", SQL " + b.role_group + " covered " +
            std::to_string(b.covered) + " ready " + std::to_string(b.ready_now) + " bench " +
            Fixed(b.bench, 12));
  }
  if (peer.posts.size() != ours.posts.size())
    d.Add("key posts: ours " + std::to_string(ours.posts.size()) + ", SQL " +
          std::to_string(peer.posts.size()));
  for (const auto& [group, a] : ours.role_groups)
    CompareGroup(d, group, a, peer.role_groups.count(group) ? peer.role_groups.at(group)
                                                            : GroupFigures{});
  CompareGroup(d, "nation", ours.nation, peer.nation);
  return d;
}

// ---- Runs, the report ----

struct Timing {
  std::vector<double> runs;
  double median() const { return Median(runs); }
};

// Runs `work` `runs` times, or fewer once `budget_s` is spent (at least once).
Timing Time(int runs, double budget_s, const std::function<void()>& work) {
  Timing timing;
  double spent = 0;
  for (int i = 0; i < runs && (i == 0 || spent < budget_s); ++i) {
    const double s = SecondsOf(work);
    timing.runs.push_back(s);
    spent += s;
  }
  return timing;
}

std::string Machine() {
  std::string model = "unknown CPU";
  std::ifstream cpu("/proc/cpuinfo");
  for (std::string line; std::getline(cpu, line);)
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  double gib = 0;
  std::ifstream mem("/proc/meminfo");
  for (std::string line; std::getline(mem, line);)
    if (line.rfind("MemTotal:", 0) == 0) gib = std::stod(line.substr(9)) / (1024.0 * 1024.0);
  return model + ", " + std::to_string(std::thread::hardware_concurrency()) + " cores, " +
         Fixed(gib, 0) + " GiB";
}

std::string TodayIso() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

struct PeerResult {
  std::string name;
  Timing timing;
  bool matched = false;
  std::string detail;
};

struct CaseResult {
  std::string key;  // "rank", "bench_strength"
  std::string title;
  std::string ours_what;
  Timing ours;
  std::vector<PeerResult> peers;
  std::string target_text;
  bool target_met = false;
  std::string notes;
};

json ToJson(const CaseResult& c, const Nation& nation, const std::string& size,
            const std::string& machine, const json& read) {
  json peers = json::array();
  for (const auto& p : c.peers)
    peers.push_back({{"name", p.name},
                     {"median_s", p.timing.median()},
                     {"runs_s", p.timing.runs},
                     {"ratio", p.timing.median() / c.ours.median()},
                     {"matched", p.matched},
                     {"detail", p.detail}});
  return {{"case", c.key},
          {"size", size},
          {"people", nation.people},
          {"key_posts", nation.key_posts},
          {"machine", machine},
          {"date", TodayIso()},
          {"ours", {{"what", c.ours_what}, {"median_s", c.ours.median()}, {"runs_s", c.ours.runs}}},
          {"peers", peers},
          {"target", {{"text", c.target_text}, {"met", c.target_met}}},
          {"read_from_store", read},
          {"notes", c.notes}};
}

std::string Seconds(double s) { return s < 1 ? Fixed(s * 1000, 1) + " ms" : Fixed(s, 2) + " s"; }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The national rank and bench strength & coverage benchmarks against SQL"};
  std::string store_spec, postgresql, out = "bench/results", sql_dir = TRELLIS_BENCH_SQL_DIR;
  std::string size = "national", today_text = trellis::workload::kAsOf.ToIso();
  int runs = 5, peer_runs = 3;
  double peer_budget = 600;
  app.add_option("--store", store_spec, "sqlite:PATH, the SQLite store holding the workload")
      ->required();
  app.add_option("--postgresql", postgresql,
                 "postgresql://… URL of the PostgreSQL store holding the same workload");
  app.add_option("--out", out, "folder for rank.json and bench_strength.json")
      ->capture_default_str();
  app.add_option("--runs", runs, "timed runs of ours")->capture_default_str();
  app.add_option("--peer-runs", peer_runs, "timed runs of each SQL query at most")
      ->capture_default_str();
  app.add_option("--peer-budget", peer_budget,
                 "seconds: no further run of a SQL query once its runs have taken this long")
      ->capture_default_str();
  app.add_option("--today", today_text, "the day the workload is dated (current = on this day)")
      ->capture_default_str();
  app.add_option("--size", size, "the workload's size, for the JSON")->capture_default_str();
  app.add_option("--sql", sql_dir, "folder of the peers' SQL")->capture_default_str();
  bool ours_only = false;
  app.add_flag("--ours-only", ours_only,
               "time ours alone, no peers and no JSON (for profiling the engine)");
  CLI11_PARSE(app, argc, argv);

  if (store_spec.rfind("sqlite:", 0) != 0) Die("--store takes sqlite:PATH");
  const std::string sqlite_path = store_spec.substr(7);
  const auto today = Date::Parse(today_text);
  if (!today) Die("--today takes YYYY-MM-DD");
  const std::string machine = Machine();

  // 1. Read.
  auto sqlite_store = Must(store::OpenSqliteStore(sqlite_path), "opening " + sqlite_path);
  Must(sqlite_store->Migrate(), "migrating " + sqlite_path);
  std::cout << "Reading every trust from SQLite ..." << std::flush;
  const Nation nation = ReadNation(*sqlite_store, *today);
  sqlite_store.reset();
  std::cout << " " << nation.trusts.size() << " trusts, " << nation.people << " people, "
            << nation.key_posts << " key posts in " << Fixed(nation.read_s, 1) << " s\n";
  json read = {{"sqlite_s", nation.read_s}};
  std::optional<Nation> pg_nation;
  if (!postgresql.empty()) {
    auto pg_store = Must(store::OpenPostgresqlStore(postgresql), "opening " + postgresql);
    Must(pg_store->Migrate(), "migrating " + postgresql);
    std::cout << "Reading every trust from PostgreSQL ..." << std::flush;
    pg_nation = ReadNation(*pg_store, *today);
    std::cout << " " << pg_nation->trusts.size() << " trusts, " << pg_nation->people
              << " people, " << pg_nation->key_posts << " key posts in "
              << Fixed(pg_nation->read_s, 1) << " s\n";
    read["postgresql_s"] = pg_nation->read_s;
  }

  // 2. Ours.
  CaseResult rank{.key = "rank",
                  .title = "rank top 5, every key post",
                  .ours_what = "RankEveryPost (src/succession/ranking.h): the top five "
                               "successors of every key post, trust by trust with its "
                               "settings, from the snapshots in memory"};
  CaseResult bench{.key = "bench_strength",
                   .title = "bench strength & coverage, the nation",
                   .ours_what = "MeasurePipeline (src/succession/metrics.h) of every trust, "
                                "summed: bench strength, coverage and ready-now coverage of "
                                "every key post, per role group and for the nation"};
  std::vector<succession::Ranking> rankings;
  std::vector<succession::PipelineMetrics> metrics;
  std::cout << "Ours: rank ..." << std::flush;
  rank.ours = Time(runs, 1e9, [&] { rankings = RankEveryKeyPost(nation); });
  std::cout << " " << Seconds(rank.ours.median()) << "; bench strength & coverage ..."
            << std::flush;
  bench.ours = Time(runs, 1e9, [&] { metrics = MeasureNation(nation, *today); });
  std::cout << " " << Seconds(bench.ours.median()) << "; rank post by post ..." << std::flush;
  std::vector<succession::Ranking> one_by_one;
  const Timing post_by_post = Time(runs, 60, [&] { one_by_one = RankPostByPost(nation); });
  std::cout << " " << Seconds(post_by_post.median()) << "\n";
  if (ours_only) return 0;
  const TopFive our_top = TopFiveOf(rankings);
  if (TopFiveOf(one_by_one) != our_top) Die("RankEveryPost and Rank post by post disagree");
  const PipelineFigures our_pipeline = FiguresOf(metrics);

  // 3-4. The peers, each against ours from its own store (ids are the store's).
  std::vector<std::unique_ptr<Peer>> peers;
  peers.push_back(std::make_unique<SqlitePeer>(sqlite_path));
  if (pg_nation) peers.push_back(std::make_unique<PostgresqlPeer>(postgresql));
  for (size_t i = 0; i < peers.size(); ++i) {
    Peer& peer = *peers[i];
    const Nation& theirs = i == 0 ? nation : *pg_nation;
    const TopFive expected_top = i == 0 ? our_top : TopFiveOf(RankEveryKeyPost(theirs));
    const PipelineFigures expected_pipeline =
        i == 0 ? our_pipeline : FiguresOf(MeasureNation(theirs, *today));

    const fs::path rank_sql = fs::path(sql_dir) / ("rank_top5." + peer.dialect() + ".sql");
    const std::string rank_text = ReadSql(rank_sql);
    TopFive top;
    std::cout << peer.name() << ": rank ..." << std::flush;
    PeerResult ranked{.name = "the same ranking as one SQL query in " + peer.name()};
    ranked.timing = Time(peer_runs, peer_budget, [&] { top = PeerTopFive(peer, rank_text, *today); });
    const Differences rank_differences = Compare(theirs, expected_top, top);
    ranked.matched = rank_differences.count == 0;
    ranked.detail = "bench/sql/" + rank_sql.filename().string() + "; " +
                    std::to_string(ranked.timing.runs.size()) + " runs; " +
                    std::to_string(top.size()) + " posts with candidates; top-five lists " +
                    rank_differences.Summary();
    std::cout << " " << Seconds(ranked.timing.median()) << " ("
              << ranked.timing.runs.size() << " runs), " << rank_differences.Summary() << "\n";
    rank.peers.push_back(std::move(ranked));

    const fs::path bench_sql = fs::path(sql_dir) / ("bench_strength." + peer.dialect() + ".sql");
    const std::string bench_text = ReadSql(bench_sql);
    PipelineFigures figures;
    std::cout << peer.name() << ": bench strength & coverage ..." << std::flush;
    PeerResult benched{.name = "the same figures as one SQL query in " + peer.name()};
    benched.timing =
        Time(peer_runs, peer_budget, [&] { figures = PeerPipeline(peer, bench_text, *today); });
    const Differences bench_differences = Compare(theirs, expected_pipeline, figures);
    benched.matched = bench_differences.count == 0;
    const GroupFigures& n = figures.nation;
    benched.detail = "bench/sql/" + bench_sql.filename().string() + "; " +
                     std::to_string(benched.timing.runs.size()) + " runs; SQL's nation: " +
                     std::to_string(n.posts) + " key posts, coverage " +
                     std::to_string(n.covered) + " of " + std::to_string(n.posts) +
                     ", ready now " + std::to_string(n.ready_now) + " of " +
                     std::to_string(n.posts) + ", bench strength " + Fixed(n.bench, 6) + " / " +
                     std::to_string(n.posts) + "; per post, per role group and nation " +
                     bench_differences.Summary();
    std::cout << " " << Seconds(benched.timing.median()) << " ("
              << benched.timing.runs.size() << " runs), " << bench_differences.Summary() << "\n";
    bench.peers.push_back(std::move(benched));
  }

  // 5. Targets, JSON, table.
  auto all_at_least = [](const CaseResult& c, double ratio) {
    return std::all_of(c.peers.begin(), c.peers.end(), [&](const PeerResult& p) {
      return p.matched && p.timing.median() / c.ours.median() >= ratio;
    });
  };
  const bool both = pg_nation.has_value();
  rank.target_text =
      "at least 20x faster than SQL in SQLite and in PostgreSQL, identical lists, under 2 s";
  rank.target_met = both && all_at_least(rank, 20) && rank.ours.median() < 2.0;
  bench.target_text = "at least 10x faster than SQL in SQLite and in PostgreSQL, identical figures";
  bench.target_met = both && all_at_least(bench, 10);
  const std::string read_note =
      "Ours excludes reading the snapshots, plans and risks from the store (every trust: SQLite " +
      Fixed(nation.read_s, 1) + " s" +
      (both ? ", PostgreSQL " + Fixed(pg_nation->read_s, 1) + " s" : std::string()) +
      "); the peers read the tables as part of their query. Single-threaded ours; the SQL "
      "with the store's own indexes, SQLite with a 1 GiB page cache and temp_store=MEMORY, "
      "PostgreSQL with work_mem 1GB, both ANALYZEd (untimed). Current on " +
      today->ToIso() + "." + (both ? "" : " PostgreSQL was not measured (no --postgresql).");
  rank.notes = read_note + " Rank post by post (the engine before RankEveryPost scored each "
                           "class of posts once): " + Seconds(post_by_post.median()) + ", median of " +
              std::to_string(post_by_post.runs.size()) + " runs, the same lists.";
  {
    const GroupFigures& n = our_pipeline.nation;
    std::ostringstream figures;
    figures << " Ours for the nation: " << n.posts << " key posts, coverage " << n.covered
            << " of " << n.posts << ", ready-now coverage " << n.ready_now << " of " << n.posts
            << ", bench strength " << Fixed(n.bench, 3) << " over " << n.posts << " = "
            << Fixed(n.posts ? n.bench / static_cast<double>(n.posts) : 0, 4)
            << "; compared per key post (role group, covered, ready now, bench strength), per "
               "role group and for the nation.";
    bench.notes = read_note + figures.str();
  }

  fs::create_directories(out);
  for (const CaseResult* c : {&rank, &bench}) {
    const fs::path path = fs::path(out) / (c->key + ".json");
    std::ofstream(path) << ToJson(*c, nation, size, machine, read).dump(2) << "\n";
  }

  std::cout << "\n" << nation.people << " people, " << nation.key_posts << " key posts; " << machine
            << "\n\n| case | ours (median) | peer | peer (median) | ratio | matched | target |\n"
            << "|---|---|---|---|---|---|---|\n";
  for (const CaseResult* c : {&rank, &bench})
    for (const PeerResult& p : c->peers)
      std::cout << "| " << c->title << " | " << Seconds(c->ours.median()) << " | " << p.name
                << " | " << Seconds(p.timing.median()) << " (" << p.timing.runs.size()
                << " runs) | " << Fixed(p.timing.median() / c->ours.median(), 1) << "x | "
                << (p.matched ? "yes" : "NO") << " | " << (c->target_met ? "met" : "missed")
                << " |\n";
  std::cout << "\nread from the store: SQLite " << Seconds(nation.read_s)
            << (both ? ", PostgreSQL " + Seconds(pg_nation->read_s) : std::string()) << "\n";
  const bool matched = std::all_of(rank.peers.begin(), rank.peers.end(), [](auto& p) { return p.matched; }) &&
                       std::all_of(bench.peers.begin(), bench.peers.end(), [](auto& p) { return p.matched; });
  return matched ? 0 : 2;
}
