// The trellis binary as a user runs it: help, exit codes, migrate, import and export.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/wait.h>

namespace trellis {
namespace {

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("trellis-cli-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs trellis with `args` against a store in the test's folder; returns the exit code.
  int Run(const std::string& args, std::string* out = nullptr) {
    const auto out_file = dir_ / "out.txt";
    const std::string command = std::string("cd ") + dir_.string() + " && TRELLIS_PASSWORD='a long and unusual phrase' " +
                                TRELLIS_BINARY + " --store sqlite:" + (dir_ / "t.db").string() + " " + args +
                                " > " + out_file.string() + " 2>&1";
    const int status = std::system(command.c_str());
    if (out) {
      std::ifstream in(out_file);
      *out = std::string(std::istreambuf_iterator<char>(in), {});
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  std::filesystem::path dir_;
};

TEST_F(Cli, HelpAndUsage) {
  std::string out;
  EXPECT_EQ(Run("--help", &out), 0);
  EXPECT_NE(out.find("import"), std::string::npos);
  EXPECT_EQ(Run("import --help", &out), 0);
  EXPECT_EQ(Run("no-such-command"), 2);
  EXPECT_EQ(Run("--port"), 2);
}

TEST_F(Cli, MigrateImportExportAndUsers) {
  std::string out;
  EXPECT_EQ(Run("migrate", &out), 0) << out;
  EXPECT_EQ(Run("import schools missing.csv", &out), 3) << out;  // no trust yet
  EXPECT_EQ(Run("trust add --name 'Pennine Trust' --reference TR01234", &out), 0) << out;
  EXPECT_EQ(Run("import schools missing.csv", &out), 4) << out;
  Write("bad.csv", "urn,name\n12,\n");
  EXPECT_EQ(Run("import schools bad.csv", &out), 3) << out;
  EXPECT_NE(out.find("row 2"), std::string::npos) << out;
  Write("good.csv", "urn,name,phase,postcode\n137001,Moorside Primary,Primary,HX1 1AA\n");
  EXPECT_EQ(Run("import schools good.csv --dry-run", &out), 0) << out;
  EXPECT_EQ(Run("import schools good.csv", &out), 0) << out;
  EXPECT_NE(out.find("1 new"), std::string::npos) << out;
  EXPECT_EQ(Run("import schools good.csv", &out), 0) << out;
  EXPECT_NE(out.find("1 unchanged"), std::string::npos) << out;
  EXPECT_EQ(Run("export schools", &out), 0);
  EXPECT_NE(out.find("Moorside Primary"), std::string::npos);
  EXPECT_EQ(Run("export schools --format xlsx -o s.xlsx", &out), 0) << out;
  EXPECT_GT(std::filesystem::file_size(dir_ / "s.xlsx"), 1000u);
  EXPECT_EQ(Run("user add --email hr@pennine.example --name HR --role trust_admin", &out), 0) << out;
  EXPECT_EQ(Run("user add --email hr@pennine.example --name HR --role trust_admin", &out), 5) << out;
  EXPECT_EQ(Run("user passwd --email hr@pennine.example", &out), 0) << out;
  EXPECT_EQ(Run("user list", &out), 0);
  EXPECT_NE(out.find("hr@pennine.example"), std::string::npos);
}

TEST_F(Cli, GenerateWritesAWorkloadThatImportsAndNeverOverwrites) {
  std::string out;
  EXPECT_EQ(Run("generate --size trust --out work", &out), 0) << out;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "work" / "manifest.json"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "work" / "TR00224" / "people.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "t.db")) << "generate opens no store";
  // A folder that holds something is never written into: a conflict, like backup's.
  EXPECT_EQ(Run("generate --size trust --out work", &out), 5) << out;
  std::ofstream(dir_ / "a-file") << "x";
  EXPECT_EQ(Run("generate --size trust --out a-file", &out), 3) << out;
  EXPECT_EQ(Run("generate --size most --out elsewhere", &out), 2) << out;

  // What it wrote is what `import` takes.
  EXPECT_EQ(Run("trust add --name 'Generated' --reference TR00224", &out), 0) << out;
  for (const char* kind : {"schools", "bodies", "people", "posts", "holdings"}) {
    EXPECT_EQ(Run(std::string("import ") + kind + " work/TR00224/" + kind + ".csv", &out), 0)
        << kind << ": " << out;
  }
}

TEST_F(Cli, LoadImportsAGeneratedWorkloadOnceAndAgainAsUnchanged) {
  std::string out;
  ASSERT_EQ(Run("generate --size trust --out work", &out), 0) << out;
  EXPECT_EQ(Run("load work", &out), 0) << out;
  EXPECT_NE(out.find("1 of 1 groups (TR00224, new trust)"), std::string::npos) << out;
  EXPECT_NE(out.find("1 group (1 new trust), 13 files"), std::string::npos) << out;
  EXPECT_NE(out.find(" 0 unchanged"), std::string::npos) << out;
  EXPECT_EQ(Run("trust list", &out), 0) << out;
  EXPECT_NE(out.find("TR00224\tThe Bishop Wheeler Catholic Academy Trust"), std::string::npos) << out;
  // The workload is in: its key posts rank, its pipeline measures.
  EXPECT_EQ(Run("succession pipeline --trust TR00224 --format json", &out), 0) << out;

  // A second load finds the trust and changes nothing.
  EXPECT_EQ(Run("load work", &out), 0) << out;
  EXPECT_NE(out.find("1 group (0 new trusts)"), std::string::npos) << out;
  EXPECT_NE(out.find(": 0 new, 0 changed, "), std::string::npos) << out;
  EXPECT_EQ(Run("trust list", &out), 0) << out;
  EXPECT_EQ(out.find("TR00224", out.find("TR00224") + 1), std::string::npos) << "one trust: " << out;

  // Not a workload: no such folder (4), a folder without a manifest (4), a manifest of
  // something else (3).
  EXPECT_EQ(Run("load nowhere", &out), 4) << out;
  std::filesystem::create_directories(dir_ / "empty");
  EXPECT_EQ(Run("load empty", &out), 4) << out;
  Write("empty/manifest.json", "{\"generator\": \"a spreadsheet\"}");
  EXPECT_EQ(Run("load empty", &out), 3) << out;
  EXPECT_NE(out.find("manifest.json"), std::string::npos) << out;
}

}  // namespace
}  // namespace trellis
