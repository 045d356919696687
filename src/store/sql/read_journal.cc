#include "store/sql/read_journal.h"

#include "access/sessions.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace trellis::store::sql {
namespace {

constexpr std::string_view kHeader = "trellis read journal 1\n";
constexpr uint32_t kMarker = 0x314a5254;  // "TRJ1" as little-endian bytes
// marker, payload length, checksum
constexpr size_t kHeadBytes = sizeof(uint32_t) + sizeof(uint32_t) + sizeof(uint64_t);
// A record of a read is a few hundred bytes; anything this large is kept some other way.
constexpr size_t kMostPayloadBytes = 1 << 20;
// Read a journal this much at a time when moving it.
constexpr size_t kReadChunk = 8 << 20;

// FNV-1a: finds torn and stray bytes; nothing here defends against a forger, who could
// as well write to the database.
uint64_t Checksum(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

template <typename T>
void Put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

void PutText(std::string& out, const std::string& text) {
  Put(out, static_cast<uint32_t>(text.size()));
  out += text;
}

// Reads the fields back, refusing to run past the end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  template <typename T>
  bool Get(T& value) {
    if (rest_.size() < sizeof(T)) return false;
    std::memcpy(&value, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return true;
  }
  bool GetText(std::string& text) {
    uint32_t size = 0;
    if (!Get(size) || rest_.size() < size) return false;
    text.assign(rest_.substr(0, size));
    rest_.remove_prefix(size);
    return true;
  }
  bool AtEnd() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

std::optional<access::AuditEntry> DecodePayload(std::string_view payload) {
  Reader in(payload);
  access::AuditEntry entry;
  int64_t at = 0, trust = 0, user = 0;
  uint8_t present = 0;
  if (!in.Get(at) || !in.Get(present) || !in.Get(trust) || !in.Get(user)) return std::nullopt;
  entry.at = Instant(Instant::duration(at));
  if ((present & 1) != 0) entry.trust = TrustId(trust);
  if ((present & 2) != 0) entry.user = UserId(user);
  for (std::string* text : {&entry.actor, &entry.action, &entry.entity, &entry.entity_id,
                            &entry.before, &entry.after, &entry.remote})
    if (!in.GetText(*text)) return std::nullopt;
  if (!in.AtEnd()) return std::nullopt;
  return entry;
}

// The whole record beginning at `at`, and its length in bytes.
std::optional<std::pair<access::AuditEntry, size_t>> WholeRecordAt(std::string_view bytes,
                                                                   size_t at) {
  if (bytes.size() - at < kHeadBytes) return std::nullopt;
  Reader head(bytes.substr(at, kHeadBytes));
  uint32_t marker = 0, size = 0;
  uint64_t checksum = 0;
  if (!head.Get(marker) || !head.Get(size) || !head.Get(checksum)) return std::nullopt;
  if (marker != kMarker || size > kMostPayloadBytes || bytes.size() - at - kHeadBytes < size)
    return std::nullopt;
  const std::string_view payload = bytes.substr(at + kHeadBytes, size);
  if (Checksum(payload) != checksum) return std::nullopt;
  auto entry = DecodePayload(payload);
  if (!entry) return std::nullopt;
  return std::make_pair(std::move(*entry), kHeadBytes + size);
}

Error SystemError(const std::string& doing, const std::filesystem::path& path) {
  return Error{ErrorCode::kUnavailable,
               doing + " " + path.string() + ": " + std::strerror(errno), {}};
}

// Reads [from, to) of `fd`.
Result<std::string> ReadRange(int fd, int64_t from, int64_t to, const std::filesystem::path& path) {
  std::string bytes(static_cast<size_t>(to - from), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pread(fd, bytes.data() + done, bytes.size() - done,
                              static_cast<off_t>(from + static_cast<int64_t>(done)));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return tl::unexpected(SystemError("could not read", path));
    if (n == 0) break;  // shorter than it was a moment ago: whatever is there
    done += static_cast<size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

Result<int64_t> SizeOf(int fd, const std::filesystem::path& path) {
  struct stat about {};
  if (::fstat(fd, &about) != 0) return tl::unexpected(SystemError("could not look at", path));
  return static_cast<int64_t>(about.st_size);
}

}  // namespace

// One journal file, open (and locked: a live server's journal is never taken over).
struct ReadJournal::File {
  std::string name;
  std::filesystem::path path;
  int fd = -1;

  File(std::string n, std::filesystem::path p, int f) : name(std::move(n)), path(std::move(p)), fd(f) {}
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File() {
    if (fd >= 0) ::close(fd);  // releases the lock
  }
};

std::string EncodeJournalRecord(const access::AuditEntry& entry) {
  // One buffer: the head's length and checksum are filled in once the payload is in place.
  std::string record;
  record.reserve(kHeadBytes + 64 + entry.actor.size() + entry.action.size() +
                 entry.entity.size() + entry.entity_id.size() + entry.before.size() +
                 entry.after.size() + entry.remote.size());
  Put(record, kMarker);
  Put(record, uint32_t{0});
  Put(record, uint64_t{0});
  Put(record, static_cast<int64_t>(entry.at.time_since_epoch().count()));
  Put(record, static_cast<uint8_t>((entry.trust ? 1 : 0) | (entry.user ? 2 : 0)));
  Put(record, entry.trust ? entry.trust->value() : int64_t{0});
  Put(record, entry.user ? entry.user->value() : int64_t{0});
  for (const std::string* text : {&entry.actor, &entry.action, &entry.entity, &entry.entity_id,
                                  &entry.before, &entry.after, &entry.remote})
    PutText(record, *text);
  const std::string_view payload = std::string_view(record).substr(kHeadBytes);
  const auto size = static_cast<uint32_t>(payload.size());
  const uint64_t checksum = Checksum(payload);
  std::memcpy(record.data() + sizeof(kMarker), &size, sizeof(size));
  std::memcpy(record.data() + sizeof(kMarker) + sizeof(size), &checksum, sizeof(checksum));
  return record;
}

JournalStretch ReadJournalRecords(std::string_view bytes, int64_t from, bool finished) {
  JournalStretch stretch{.entries = {}, .end = from};
  char marker[sizeof(kMarker)];
  std::memcpy(marker, &kMarker, sizeof(kMarker));
  const std::string_view marker_bytes(marker, sizeof(marker));
  size_t at = 0;
  while (at < bytes.size()) {
    if (auto record = WholeRecordAt(bytes, at)) {
      stretch.entries.push_back(std::move(record->first));
      at += record->second;
      stretch.end = from + static_cast<int64_t>(at);
      continue;
    }
    // Torn. Appends are ordered, so a whole record after it means this one's write was cut
    // short and never will be finished: skip to the next whole record.
    std::optional<size_t> next;
    for (size_t look = bytes.find(marker_bytes, at + 1); look != std::string_view::npos;
         look = bytes.find(marker_bytes, look + 1)) {
      if (WholeRecordAt(bytes, look)) {
        next = look;
        break;
      }
    }
    if (!next) {
      if (finished) stretch.end = from + static_cast<int64_t>(bytes.size());
      break;
    }
    at = *next;
    stretch.end = from + static_cast<int64_t>(at);
  }
  return stretch;
}

ReadJournal::ReadJournal(std::filesystem::path dir, JournalHome& home, Options options)
    : dir_(std::move(dir)), home_(home), options_(options) {}

Result<std::unique_ptr<ReadJournal>> ReadJournal::Open(const std::filesystem::path& dir,
                                                       JournalHome& home, Options options) {
  std::error_code failed;
  std::filesystem::create_directories(dir, failed);
  if (failed)
    return Fail(ErrorCode::kUnavailable,
                "could not make the directory of read journals " + dir.string() + ": " +
                    failed.message());
  std::unique_ptr<ReadJournal> journal(new ReadJournal(dir, home, options));
  // Its own file first and locked, so that a server starting beside it leaves it alone.
  TRY(journal->StartFile());
  TRY(journal->TakeOverAbandoned());
  journal->mover_.emplace(options.move_every, [j = journal.get()] { j->MoveInBackground(); });
  return journal;
}

ReadJournal::~ReadJournal() {
  mover_.reset();
  std::lock_guard moving(moving_);
  if (!MoveCurrent()) return;  // the file stays, for the next server to move
  std::unique_lock writing(file_mutex_);
  auto file = std::move(file_);
  writing.unlock();
  static_cast<void>(Retire(*file, moved_to_));
}

std::string ReadJournal::name() const {
  std::shared_lock lock(file_mutex_);
  return file_->name;
}

Result<void> ReadJournal::StartFile() {
  const std::string name = access::RandomToken().substr(0, 16);  // 64 random bits
  const std::filesystem::path path = dir_ / (name + ".journal");
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return tl::unexpected(SystemError("could not make the read journal", path));
  auto file = std::make_shared<File>(name, path, fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
    return tl::unexpected(SystemError("could not lock the read journal", path));
  if (::write(fd, kHeader.data(), kHeader.size()) != static_cast<ssize_t>(kHeader.size()))
    return tl::unexpected(SystemError("could not write the read journal", path));
  std::unique_lock lock(file_mutex_);  // waits for writes to the old file to finish
  file_ = std::move(file);
  moved_to_ = static_cast<int64_t>(kHeader.size());
  return Ok();
}

Result<void> ReadJournal::Record(const access::AuditEntry& entry) {
  const std::string record = EncodeJournalRecord(entry);
  if (record.size() > kHeadBytes + kMostPayloadBytes)
    return Fail(ErrorCode::kTooLarge, "the record of a read is too large for the journal");
  std::shared_lock lock(file_mutex_);
  ssize_t written = 0;
  do {
    written = ::write(file_->fd, record.data(), record.size());
  } while (written < 0 && errno == EINTR);
  if (written != static_cast<ssize_t>(record.size()))
    return tl::unexpected(SystemError("could not write the record of a read to", file_->path));
  return Ok();
}

Result<void> ReadJournal::Settle() {
  std::lock_guard moving(moving_);
  return MoveCurrent();
}

Result<void> ReadJournal::Sync() {
  std::shared_lock lock(file_mutex_);
  if (::fdatasync(file_->fd) != 0)
    return tl::unexpected(SystemError("could not sync the read journal", file_->path));
  return Ok();
}

Result<void> ReadJournal::MoveCurrent() {
  std::shared_ptr<File> file;
  {
    std::shared_lock lock(file_mutex_);
    file = file_;
  }
  const int64_t size = TRY(SizeOf(file->fd, file->path));
  while (moved_to_ < size) {
    const int64_t to = std::min(size, moved_to_ + static_cast<int64_t>(kReadChunk));
    const std::string bytes = TRY(ReadRange(file->fd, moved_to_, to, file->path));
    JournalStretch stretch = ReadJournalRecords(bytes, moved_to_, false);
    if (stretch.end == moved_to_) break;  // a record still being written
    TRY(home_.Move(file->name, stretch.end, stretch.entries, false));
    moved_to_ = stretch.end;
  }
  if (moved_to_ < size || size < options_.rotate_at) return Ok();
  // All moved and large: start afresh, then move what slipped into the old file meanwhile.
  const int64_t old_moved_to = moved_to_;
  TRY(StartFile());
  return Retire(*file, old_moved_to);
}

Result<void> ReadJournal::Retire(File& file, int64_t moved_to) {
  const int64_t size = TRY(SizeOf(file.fd, file.path));
  const std::string bytes = TRY(ReadRange(file.fd, moved_to, std::max(moved_to, size), file.path));
  JournalStretch stretch = ReadJournalRecords(bytes, moved_to, true);
  // Durable before the file goes: this commit also syncs the moves before it.
  TRY(home_.Move(file.name, stretch.end, stretch.entries, true));
  if (::unlink(file.path.c_str()) != 0 && errno != ENOENT)
    return tl::unexpected(SystemError("could not remove the read journal", file.path));
  return home_.Forget(file.name);
}

Result<void> ReadJournal::TakeOverAbandoned() {
  std::error_code failed;
  for (const auto& found : std::filesystem::directory_iterator(dir_, failed)) {
    const std::filesystem::path& path = found.path();
    if (path.extension() != ".journal" || path.stem() == file_->name) continue;
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) continue;  // gone meanwhile: another server took it over
    File file(path.stem().string(), path, fd);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) continue;  // its server is alive
    const int64_t size = TRY(SizeOf(fd, path));
    const std::string header =
        TRY(ReadRange(fd, 0, std::min<int64_t>(size, static_cast<int64_t>(kHeader.size())), path));
    // A journal whose server died before writing its header holds nothing; a file that is
    // not a journal at all is not ours to remove.
    if (!std::string_view(kHeader).starts_with(header)) continue;
    const std::optional<int64_t> moved = TRY(home_.MovedTo(file.name));
    TRY(Retire(file, std::max(moved.value_or(0), static_cast<int64_t>(header.size()))));
  }
  if (failed)
    return Fail(ErrorCode::kUnavailable,
                "could not list the read journals in " + dir_.string() + ": " + failed.message());
  return Ok();
}

void ReadJournal::MoveInBackground() {
  std::lock_guard moving(moving_);
  // On failure the records stay in the file and the next round tries again; Settle reports
  // the failure to whoever needs the records in the audit log.
  static_cast<void>(MoveCurrent());
}

}  // namespace trellis::store::sql
