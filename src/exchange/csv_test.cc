#include "exchange/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace trellis::exchange::csv {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

using Records = std::vector<std::vector<std::string>>;

std::vector<std::string> Fields(const Reader& reader) {
  return {reader.fields().begin(), reader.fields().end()};
}

TEST(CsvReader, ReadsLfCrlfAndLoneCrEndings) {
  const Records expected = {{"a", "b"}, {"c", "d"}};
  EXPECT_EQ(Parse("a,b\nc,d\n").records, expected);
  EXPECT_EQ(Parse("a,b\r\nc,d\r\n").records, expected);
  EXPECT_EQ(Parse("a,b\rc,d\r").records, expected);
  EXPECT_EQ(Parse("a,b\r\nc,d").records, expected);  // no line break at the end
}

TEST(CsvReader, EmptyInputHasNoRecords) {
  EXPECT_THAT(Parse("").records, IsEmpty());
  Reader reader("");
  EXPECT_FALSE(reader.Next());
}

TEST(CsvReader, AnEmptyLineIsABlankRecord) {
  Reader reader("a\n\nb\n");
  ASSERT_TRUE(reader.Next());
  EXPECT_FALSE(reader.blank());
  ASSERT_TRUE(reader.Next());
  EXPECT_TRUE(reader.blank());
  EXPECT_THAT(Fields(reader), ElementsAre(""));
  EXPECT_EQ(reader.record_number(), 2);
  ASSERT_TRUE(reader.Next());
  EXPECT_THAT(Fields(reader), ElementsAre("b"));
  EXPECT_EQ(reader.record_number(), 3);
  EXPECT_FALSE(reader.Next());
}

TEST(CsvReader, EmptyFieldsAndTrailingComma) {
  EXPECT_EQ(Parse(",,\n").records, (Records{{"", "", ""}}));
  EXPECT_EQ(Parse("a,\n").records, (Records{{"a", ""}}));
  EXPECT_EQ(Parse("a,").records, (Records{{"a", ""}}));
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  const auto table = Parse("\"Smith, Jo\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\n");
  EXPECT_THAT(table.issues, IsEmpty());
  EXPECT_EQ(table.records, (Records{{"Smith, Jo", "say \"hi\"", "two\r\nlines", ""}}));
}

TEST(CsvReader, RecordNumbersAreSpreadsheetRowsAndLinesArePhysical) {
  Reader reader("h1,h2\n\"a\nb\nc\",x\nlast,y\n");
  ASSERT_TRUE(reader.Next());
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.record_number(), 2);
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.record_number(), 3);
  EXPECT_EQ(reader.line(), 5);
  EXPECT_THAT(Fields(reader), ElementsAre("last", "y"));
}

TEST(CsvReader, ReusesBuffersWithoutLeakingFields) {
  Reader reader("a,b,c\nd\n");
  ASSERT_TRUE(reader.Next());
  EXPECT_THAT(Fields(reader), SizeIs(3));
  ASSERT_TRUE(reader.Next());
  EXPECT_THAT(Fields(reader), ElementsAre("d"));
}

TEST(CsvReader, UnclosedQuoteIsReportedWithTheLineItOpensOn) {
  const auto table = Parse("a,b\nc,\"never\nclosed\n");
  ASSERT_THAT(table.issues, SizeIs(1));
  EXPECT_EQ(table.issues[0].record, 2);
  EXPECT_EQ(table.issues[0].line, 2);
  EXPECT_EQ(table.issues[0].field, 1u);
  EXPECT_THAT(table.issues[0].reason, HasSubstr("starts on line 2 has no closing quote"));
  EXPECT_EQ(table.records.back()[1], "never\nclosed\n");
}

TEST(CsvReader, QuoteInsideAnUnquotedFieldIsAnIssueButReadingGoesOn) {
  const auto table = Parse("a,b\"c,d\ne,f\n");
  ASSERT_THAT(table.issues, SizeIs(1));
  EXPECT_EQ(table.issues[0].record, 1);
  EXPECT_EQ(table.issues[0].field, 1u);
  EXPECT_EQ(table.records, (Records{{"a", "b\"c", "d"}, {"e", "f"}}));
}

TEST(CsvReader, TextAfterAClosingQuoteIsAnIssue) {
  const auto table = Parse("\"ab\"cd,e\nf\n");
  ASSERT_THAT(table.issues, SizeIs(1));
  EXPECT_THAT(table.issues[0].reason, HasSubstr("after the closing quote"));
  EXPECT_EQ(table.records, (Records{{"abcd", "e"}, {"f"}}));
}

TEST(CsvReader, AFieldOverTheLimitIsCutShortAndReported) {
  const auto table = Parse("abcdefghij,k\nnext\n", Limits{.max_field_bytes = 4});
  ASSERT_THAT(table.issues, SizeIs(1));
  EXPECT_EQ(table.issues[0].field, 0u);
  EXPECT_THAT(table.issues[0].reason, HasSubstr("longer than the limit of 4 bytes"));
  EXPECT_EQ(table.records, (Records{{"abcd", "k"}, {"next"}}));
}

TEST(CsvReader, ATenMegabyteFieldIsRefusedAndTheNextRowStillRead) {
  std::string text = "name,notes\nx,\"";
  text.append(10u << 20, 'y');
  text += "\"\nz,short\n";
  const auto table = Parse(text);
  ASSERT_THAT(table.issues, SizeIs(1));
  EXPECT_EQ(table.issues[0].record, 2);
  EXPECT_THAT(table.issues[0].reason, HasSubstr("1 MiB"));
  ASSERT_THAT(table.records, SizeIs(3));
  EXPECT_EQ(table.records[1][1].size(), size_t{1} << 20);
  EXPECT_EQ(table.records[2], (std::vector<std::string>{"z", "short"}));
}

TEST(CsvReader, TooManyFieldsAreDroppedAndReported) {
  const auto table = Parse("a,b,c,d,e\nf\n", Limits{.max_fields = 3});
  ASSERT_THAT(table.issues, SizeIs(1));
  EXPECT_EQ(table.issues[0].field, 3u);
  EXPECT_EQ(table.records, (Records{{"a", "b", "c"}, {"f"}}));
}

TEST(CsvWriter, QuotesOnlyWhatNeedsIt) {
  std::string out;
  AppendRecord(out,
               std::vector<std::string>{"plain", "a,b", "say \"hi\"", "two\nlines", "", " padded"});
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" padded\"\r\n");
}

TEST(CsvWriter, WhatItWritesReadsBackTheSame) {
  const Records records = {{"URN", "name"},
                           {"137000", "St Mary's, \"Upper\"\r\nSchool"},
                           {"", "\xC3\xA9\xE2\x80\x99"},
                           {"\r", "\n"}};
  std::string out;
  for (const auto& record : records) AppendRecord(out, record);
  const auto table = Parse(out);
  EXPECT_THAT(table.issues, IsEmpty());
  EXPECT_EQ(table.records, records);
}

}  // namespace
}  // namespace trellis::exchange::csv
