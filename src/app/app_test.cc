#include "app/app.h"

#include <gtest/gtest.h>

namespace trellis::app {
namespace {

TEST(DescribeStore, NeverShowsAPassword) {
  EXPECT_EQ(DescribeStore("sqlite:/var/lib/trellis/trellis.db"), "sqlite:/var/lib/trellis/trellis.db");
  EXPECT_EQ(DescribeStore("postgresql://trellis@db:5432/trellis"), "postgresql://trellis@db:5432/trellis");
  EXPECT_EQ(DescribeStore("postgresql://trellis:s3cret@db:5432/trellis"),
            "postgresql://trellis@db:5432/trellis");
  EXPECT_EQ(DescribeStore("postgresql://trellis:p@ss@db/trellis"), "postgresql://trellis@db/trellis");
  EXPECT_EQ(DescribeStore("postgres://db/trellis?password=s3cret&sslmode=require"),
            "postgres://db/trellis");
}

TEST(OpenStore, AnUnknownKindIsRefusedWithoutEchoingIt) {
  auto store = OpenStore("mysql://root:s3cret@db/trellis", Config{}.sqlite_cache_mb);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(store.error().message.find("s3cret"), std::string::npos);
}

TEST(ReadJournalDir, BesideASqliteFileUnlessToldOtherwise) {
  Config config;
  config.store = "sqlite:/var/lib/trellis/trellis.db";
  EXPECT_EQ(ReadJournalDir(config), "/var/lib/trellis/trellis.db-reads");
  config.read_journal = "/srv/reads";
  EXPECT_EQ(ReadJournalDir(config), "/srv/reads");
  config.read_journal = "off";
  EXPECT_EQ(ReadJournalDir(config), std::nullopt);
  // Records synced before each answer cannot wait in a journal synced once a second.
  config.read_journal = "/srv/reads";
  config.read_records_durable = true;
  EXPECT_EQ(ReadJournalDir(config), std::nullopt);
}

TEST(ReadJournalDir, NoneOnPostgresqlOrInMemoryUnlessGiven) {
  Config config;
  config.store = "postgresql://trellis@db/trellis";
  EXPECT_EQ(ReadJournalDir(config), std::nullopt);
  config.read_journal = "/srv/reads";
  EXPECT_EQ(ReadJournalDir(config), "/srv/reads");
  config.read_journal.clear();
  config.store = "sqlite::memory:";
  EXPECT_EQ(ReadJournalDir(config), std::nullopt);
}

}  // namespace
}  // namespace trellis::app
