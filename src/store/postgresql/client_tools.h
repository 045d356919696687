#pragma once
// Running PostgreSQL's client programs (pg_dump, pg_restore, psql) for backup and restore:
// spawned directly with an argument vector, never through a shell, so no path or
// connection string is ever parsed as shell syntax.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace trellis::store::postgresql {

// How a client program ended.
struct ToolRun {
  int exit_code = -1;  // -1 when it was ended by a signal
  std::string output;  // everything it wrote to stdout
  std::string errors;  // everything it wrote to stderr, without surrounding white space
};

// The program to run for client tool `name`: the one in the newest
// /usr/lib/postgresql/<major>/bin that has it (a newer pg_dump reads older servers, not the
// reverse), else `name` itself, to be found on PATH.
std::string FindClientTool(std::string_view name);

// Runs `argv` with stdin empty and waits for it. `environment` holds NAME=value entries
// that are added to (or replace those of) this process's environment. kUnavailable only
// when the program cannot be started; how it ended is in the ToolRun.
[[nodiscard]] Result<ToolRun> RunTool(const std::vector<std::string>& argv,
                                      const std::vector<std::string>& environment);

// Runs `producer` with its stdout fed to `consumer`'s stdin. The consumer sees the end of
// its input only after the producer has succeeded; if the producer fails, the consumer is
// killed first, so it never takes a cut-off input for a whole one. The consumer's stdout is
// discarded.
struct PipedRun {
  ToolRun producer;
  ToolRun consumer;
};
[[nodiscard]] Result<PipedRun> RunPiped(const std::vector<std::string>& producer,
                                        const std::vector<std::string>& consumer,
                                        const std::vector<std::string>& environment);

}  // namespace trellis::store::postgresql
