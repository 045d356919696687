#include "exchange/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace trellis::exchange {
namespace {

TEST(Encoding, StripsAUtf8ByteOrderMark) {
  EXPECT_EQ(StripBom("\xEF\xBB\xBFURN,name"), "URN,name");
  EXPECT_EQ(StripBom("URN,name"), "URN,name");
  EXPECT_EQ(StripBom("\xEF\xBB"), "\xEF\xBB");
}

TEST(Encoding, RecognisesUtf16) {
  EXPECT_TRUE(LooksLikeUtf16(std::string("\xFF\xFEU\0R\0", 6)));
  EXPECT_TRUE(LooksLikeUtf16("\xFE\xFF"));
  EXPECT_FALSE(LooksLikeUtf16("URN"));
}

TEST(Encoding, AcceptsWellFormedUtf8) {
  EXPECT_EQ(FirstInvalidUtf8(""), std::nullopt);
  EXPECT_EQ(FirstInvalidUtf8("plain ascii, long enough for the fast path"), std::nullopt);
  // é, ’, €, 𝄞 (four bytes), U+10FFFF.
  EXPECT_EQ(
      FirstInvalidUtf8("Zo\xC3\xAB \xE2\x80\x99 \xE2\x82\xAC \xF0\x9D\x84\x9E \xF4\x8F\xBF\xBF"),
      std::nullopt);
}

TEST(Encoding, FindsTheFirstInvalidByte) {
  EXPECT_EQ(FirstInvalidUtf8("Zo\xEB"), 2u);                  // Latin-1 ë
  EXPECT_EQ(FirstInvalidUtf8("abcdefghijklmnop\x92s"), 16u);  // after the fast path
  EXPECT_EQ(FirstInvalidUtf8("\x80"), 0u);                    // lone continuation
  EXPECT_EQ(FirstInvalidUtf8("\xC0\x80"), 0u);                // overlong NUL
  EXPECT_EQ(FirstInvalidUtf8("\xE0\x80\x80"), 0u);            // overlong
  EXPECT_EQ(FirstInvalidUtf8("\xED\xA0\x80"), 0u);            // surrogate
  EXPECT_EQ(FirstInvalidUtf8("\xF4\x90\x80\x80"), 0u);        // above U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(FirstInvalidUtf8("ok\xE2\x80"), 2u);  // cut short at the end
  EXPECT_EQ(FirstInvalidUtf8("\xC3\xA9\xC3"), 2u);
}

TEST(Encoding, DecodesWindows1252) {
  EXPECT_EQ(Windows1252ToUtf8("plain"), "plain");
  EXPECT_EQ(Windows1252ToUtf8("Th\xE9r\xE8se\x92s"), "Th\xC3\xA9r\xC3\xA8se\xE2\x80\x99s");
  EXPECT_EQ(Windows1252ToUtf8("\x80\x96\x9F\xFF"), "\xE2\x82\xAC\xE2\x80\x93\xC5\xB8\xC3\xBF");
  // Bytes Windows-1252 leaves undefined become C1 controls.
  EXPECT_EQ(Windows1252ToUtf8("\x81\x9D"), "\xC2\x81\xC2\x9D");
}

TEST(Encoding, DecodingAnyBytesGivesUtf8) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  EXPECT_EQ(FirstInvalidUtf8(Windows1252ToUtf8(every_byte)), std::nullopt);
}

TEST(Encoding, GiasFilesAreUtf8WhenTheyCanBeAndWindows1252Otherwise) {
  EXPECT_EQ(Utf8OrWindows1252("\xEF\xBB\xBFZo\xC3\xAB"), "Zo\xC3\xAB");
  EXPECT_EQ(Utf8OrWindows1252("Zo\xEB"), "Zo\xC3\xAB");
}

TEST(Encoding, PositionsCountLinesAndBytes) {
  const std::string text = "ab\ncd\r\nef\rgh";
  EXPECT_EQ(PositionOf(text, 0).line, 1);
  EXPECT_EQ(PositionOf(text, 1).column, 2);
  EXPECT_EQ(PositionOf(text, 4).line, 2);
  EXPECT_EQ(PositionOf(text, 4).column, 2);
  EXPECT_EQ(PositionOf(text, 7).line, 3);
  EXPECT_EQ(PositionOf(text, 10).line, 4);
  EXPECT_EQ(PositionOf(text, 10).column, 1);
}

TEST(Encoding, ExcerptsNeverSplitACharacter) {
  EXPECT_EQ(Excerpt("short"), "short");
  EXPECT_EQ(Excerpt("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
  EXPECT_EQ(Excerpt(std::string(500, 'x')).size(), 100u + 3u);
  // Not UTF-8: shown as Windows-1252 would show it.
  EXPECT_EQ(Excerpt("Zo\xEB"), "Zo\xC3\xAB");
}

}  // namespace
}  // namespace trellis::exchange
