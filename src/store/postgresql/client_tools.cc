#include "store/postgresql/client_tools.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <memory>
#include <utility>

namespace trellis::store::postgresql {
namespace {

constexpr size_t kChunk = 64 * 1024;

// A file descriptor, closed when it goes.
class Descriptor {
 public:
  Descriptor() = default;
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() { Close(); }

  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void Reset(int fd) {
    Close();
    fd_ = fd;
  }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

// A started program with this process's ends of its standard streams. One still running
// when this goes (an early return on an error) is killed and reaped, never left behind.
class Child {
 public:
  Child() = default;
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    Kill();
    Wait();
  }

  // Blocks until it ends: its exit code, or -1 when a signal ended it.
  int Wait() {
    if (pid_ <= 0) return exit_code_;
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return exit_code_;
  }
  void Kill() {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
  }
  void Started(pid_t pid) { pid_ = pid; }

  Descriptor input;   // its stdin (a non-blocking socket) when it is fed
  Descriptor output;  // its stdout when captured
  Descriptor errors;  // its stderr

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

std::string_view NameOf(std::string_view entry) { return entry.substr(0, entry.find('=')); }

// This process's environment with `overrides` (NAME=value) put in.
std::vector<std::string> EnvironmentWith(const std::vector<std::string>& overrides) {
  std::vector<std::string> entries;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    bool replaced = false;
    for (const std::string& o : overrides) replaced = replaced || NameOf(o) == NameOf(entry);
    if (!replaced) entries.emplace_back(entry);
  }
  entries.insert(entries.end(), overrides.begin(), overrides.end());
  return entries;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

tl::unexpected<Error> CannotRun(const std::string& program, int error) {
  return Fail(ErrorCode::kUnavailable,
              "cannot run " + program + ": " + std::string(std::strerror(error)));
}

// Starts `argv`. Its stdin is empty unless `fed`; its stdout is captured when `captured`,
// else discarded; its stderr is always captured.
Result<std::unique_ptr<Child>> Spawn(const std::vector<std::string>& argv,
                                     const std::vector<std::string>& environment, bool fed,
                                     bool captured) {
  auto child = std::make_unique<Child>();
  Descriptor child_in, child_out, child_err;
  int ends[2];
  if (fed) {
    // A socket rather than a pipe, so that writing to a consumer that has died can be told
    // not to raise SIGPIPE (MSG_NOSIGNAL) without touching the process's signal handling.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
      return CannotRun(argv[0], errno);
    child_in.Reset(ends[0]);
    child->input.Reset(ends[1]);
    ::fcntl(child->input.get(), F_SETFL, ::fcntl(child->input.get(), F_GETFL) | O_NONBLOCK);
  } else {
    child_in.Reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (!child_in.open()) return CannotRun(argv[0], errno);
  }
  if (captured) {
    if (::pipe2(ends, O_CLOEXEC) != 0) return CannotRun(argv[0], errno);
    child->output.Reset(ends[0]);
    child_out.Reset(ends[1]);
  } else {
    child_out.Reset(::open("/dev/null", O_WRONLY | O_CLOEXEC));
    if (!child_out.open()) return CannotRun(argv[0], errno);
  }
  if (::pipe2(ends, O_CLOEXEC) != 0) return CannotRun(argv[0], errno);
  child->errors.Reset(ends[0]);
  child_err.Reset(ends[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, child_in.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, child_out.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, child_err.get(), STDERR_FILENO);
  // Descriptors this process opened without close-on-exec (sockets of a server) stay here.
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  // A server may block signals in its threads or ignore SIGPIPE; the program starts clean.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  for (const int s : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&signals, s);
  posix_spawnattr_setsigdefault(&attributes, &signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<std::string> args = argv;
  std::vector<std::string> env = EnvironmentWith(environment);
  const std::vector<char*> arg_pointers = Pointers(args);
  const std::vector<char*> env_pointers = Pointers(env);
  pid_t pid = -1;
  const bool search_path = argv[0].find('/') == std::string::npos;
  const int rc = search_path ? ::posix_spawnp(&pid, args[0].c_str(), &actions, &attributes,
                                              arg_pointers.data(), env_pointers.data())
                             : ::posix_spawn(&pid, args[0].c_str(), &actions, &attributes,
                                             arg_pointers.data(), env_pointers.data());
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return CannotRun(argv[0], rc);
  child->Started(pid);
  return child;
}

// Reads what is ready on `fd` into `sink` (or nowhere when null), closing `fd` at its end.
void ReadSome(Descriptor& fd, std::string* sink) {
  char buffer[kChunk];
  const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
  if (n > 0) {
    if (sink != nullptr) sink->append(buffer, static_cast<size_t>(n));
  } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
    fd.Close();
  }
}

void PollOnce(std::vector<pollfd>& fds) {
  if (fds.empty()) return;
  while (::poll(fds.data(), fds.size(), -1) < 0 && errno == EINTR) {
  }
}

bool Ready(const pollfd& p) { return (p.revents & (POLLIN | POLLOUT | POLLHUP | POLLERR)) != 0; }

std::string Trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::string FindClientTool(std::string_view name) {
  namespace fs = std::filesystem;
  std::error_code ec;
  int newest = -1;
  std::string found;
  for (fs::directory_iterator it("/usr/lib/postgresql", ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string major = it->path().filename().string();
    int version = 0;
    const auto parsed = std::from_chars(major.data(), major.data() + major.size(), version);
    if (parsed.ec != std::errc() || parsed.ptr != major.data() + major.size()) continue;
    const fs::path tool = it->path() / "bin" / name;
    if (version > newest && ::access(tool.c_str(), X_OK) == 0) {
      newest = version;
      found = tool.string();
    }
  }
  return found.empty() ? std::string(name) : found;
}

Result<ToolRun> RunTool(const std::vector<std::string>& argv,
                        const std::vector<std::string>& environment) {
  auto child = TRY(Spawn(argv, environment, /*fed=*/false, /*captured=*/true));
  ToolRun run;
  while (child->output.open() || child->errors.open()) {
    std::vector<pollfd> fds;
    if (child->output.open()) fds.push_back({child->output.get(), POLLIN, 0});
    if (child->errors.open()) fds.push_back({child->errors.get(), POLLIN, 0});
    PollOnce(fds);
    for (const pollfd& p : fds) {
      if (!Ready(p)) continue;
      const bool output = p.fd == child->output.get();
      ReadSome(output ? child->output : child->errors, output ? &run.output : &run.errors);
    }
  }
  run.exit_code = child->Wait();
  run.errors = Trimmed(std::move(run.errors));
  return run;
}

Result<PipedRun> RunPiped(const std::vector<std::string>& producer_argv,
                          const std::vector<std::string>& consumer_argv,
                          const std::vector<std::string>& environment) {
  auto producer = TRY(Spawn(producer_argv, environment, /*fed=*/false, /*captured=*/true));
  auto consumer = TRY(Spawn(consumer_argv, environment, /*fed=*/true, /*captured=*/false));
  PipedRun run;
  std::string pending;  // read from the producer, not yet all written to the consumer
  size_t written = 0;
  bool producer_ended = false;
  while (true) {
    // With both its streams closed the producer has finished: it decides how the
    // consumer's input ends.
    if (!producer_ended && !producer->output.open() && !producer->errors.open()) {
      producer_ended = true;
      run.producer.exit_code = producer->Wait();
      if (run.producer.exit_code != 0) {
        // Dead before its input ends, so it cannot mistake what it got for everything.
        consumer->Kill();
        consumer->Wait();
      }
    }
    if (producer_ended && written == pending.size()) consumer->input.Close();
    if (!producer_ended && !consumer->input.open()) {
      // The consumer stopped reading (it failed): let the producer run out unheard.
      pending.clear();
      written = 0;
    }
    if (producer_ended && !consumer->input.open() && !consumer->errors.open()) break;

    std::vector<pollfd> fds;
    const bool want_more = written == pending.size();
    if (producer->output.open() && want_more) fds.push_back({producer->output.get(), POLLIN, 0});
    if (producer->errors.open()) fds.push_back({producer->errors.get(), POLLIN, 0});
    if (consumer->input.open() && !want_more) fds.push_back({consumer->input.get(), POLLOUT, 0});
    if (consumer->errors.open()) fds.push_back({consumer->errors.get(), POLLIN, 0});
    PollOnce(fds);
    for (const pollfd& p : fds) {
      if (!Ready(p)) continue;
      if (p.fd == producer->output.get()) {
        pending.clear();
        written = 0;
        ReadSome(producer->output, consumer->input.open() ? &pending : nullptr);
      } else if (p.fd == producer->errors.get()) {
        ReadSome(producer->errors, &run.producer.errors);
      } else if (p.fd == consumer->errors.get()) {
        ReadSome(consumer->errors, &run.consumer.errors);
      } else if (p.fd == consumer->input.get()) {
        const ssize_t n = ::send(consumer->input.get(), pending.data() + written,
                                 pending.size() - written, MSG_NOSIGNAL);
        if (n >= 0) {
          written += static_cast<size_t>(n);
        } else if (errno != EINTR && errno != EAGAIN) {
          consumer->input.Close();
        }
      }
    }
  }
  run.consumer.exit_code = consumer->Wait();
  run.producer.errors = Trimmed(std::move(run.producer.errors));
  run.consumer.errors = Trimmed(std::move(run.consumer.errors));
  return run;
}

}  // namespace trellis::store::postgresql
