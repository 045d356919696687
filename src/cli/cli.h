#pragma once
// The `trellis` command line: the only place that knows argv. Commands: docs/cli.md.

namespace trellis::cli {

// Exit codes (documented in docs/cli.md; one place maps errors to them: ExitCodeOf).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,      // unexpected failure (a bug, or a library error)
  kExitUsage = 2,        // bad command line or configuration
  kExitInvalid = 3,      // the input was refused (an import with problems, a bad value), or
                         // an -o file cannot be written
  kExitNotFound = 4,     // no such trust, user, file, school, post, cycle or plan
  kExitConflict = 5,     // duplicate key (email, URN, reference)
  kExitUnavailable = 6,  // store busy or unreachable, port in use
};

int Main(int argc, char** argv);

}  // namespace trellis::cli
