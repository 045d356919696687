// The writers behind every export and report download: CSV tables (alone, or several as
// sections), guarded against spreadsheet formulas except in numeric columns, and XLSX
// workbooks with a sheet per table.

#include "exchange/sheets.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exchange/csv.h"

namespace trellis::exchange {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

Table People() {
  return {.name = "People",
          .columns = {{"name"}, {"balance", true}},
          .rows = {{"Ada", "-1.5"}, {"=HYPERLINK(\"x\")", "2"}, {"@Bob"}}};
}

TEST(Sheets, OneTableIsAPlainCsvFileWithTextGuardedAndNumbersLeftAlone) {
  const Table tables[] = {People()};
  EXPECT_EQ(TablesToCsv(tables),
            "\xEF\xBB\xBF"
            "name,balance\r\n"
            "Ada,-1.5\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\",2\r\n"
            "'@Bob\r\n");
}

TEST(Sheets, SeveralTablesAreSectionsEachBehindItsName) {
  const Table tables[] = {
      People(),
      {.name = "-About", .columns = {{"measure"}, {"value"}}, .rows = {{"date", "2026-03-01"}}}};
  const std::string csv = TablesToCsv(tables);
  const auto parsed = csv::Parse(std::string_view(csv).substr(3));
  EXPECT_TRUE(parsed.issues.empty());
  ASSERT_EQ(parsed.records.size(), 9u);
  EXPECT_THAT(parsed.records[0], ElementsAre("People"));
  EXPECT_THAT(parsed.records[1], ElementsAre("name", "balance"));
  EXPECT_THAT(parsed.records[5], ElementsAre(""));         // the blank line between
  EXPECT_THAT(parsed.records[6], ElementsAre("'-About"));  // a title is text too
  EXPECT_THAT(parsed.records[8], ElementsAre("date", "2026-03-01"));
}

TEST(Sheets, TablesAreSheetsOfOneWorkbook) {
  const Table tables[] = {People(), {.name = "About", .columns = {{"measure"}}, .rows = {}}};
  auto xlsx = TablesToXlsx(tables);
  ASSERT_TRUE(xlsx) << xlsx.error().message;
  EXPECT_THAT(*xlsx, StartsWith("PK\x03\x04"));

  const Table twice[] = {People(), People()};
  auto refused = TablesToXlsx(twice);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  const Table bad_name[] = {{.name = "a/b", .columns = {{"x"}}, .rows = {}}};
  EXPECT_FALSE(TablesToXlsx(bad_name));
}

}  // namespace
}  // namespace trellis::exchange
