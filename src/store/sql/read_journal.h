#pragma once
// The journal of the records of reads: where a server writes the audit entry of each
// confidential read before it answers, to be moved into the audit log in batches.
//
// Every serving of confidential data is audit-logged, and a crash of trellis must not lose
// the record of a read that was shown. Committing each record to the database before
// answering — even in groups (group_commit.h), even without waiting for the disk — cost a
// busy server half its throughput: the thread answering slept while another committed its
// entry (docs/adr/0009). Here the answering thread makes one write(2) of its record to a file
// of its own server's, in append mode, and goes on; once the operating system has the bytes,
// a crash of trellis cannot lose them. A background thread moves what has been written into
// the audit log every 50 ms, and records how far it has moved in the same transaction
// (JournalHome), so each record lands once whatever crashes when. A server that starts moves
// what a server that died left in its journal. Every second the server syncs the journal to
// disk with the database's read records (Store::FlushCommits): a power cut loses at most the
// last second's, as docs/adr/0008 already allowed.
//
// The file: a header line, then records, each a fixed head (a marker, the payload's length
// and a checksum) and the entry's fields. Writers never wait for one another in this process
// (the kernel orders appends), so a write cut short (a full disk) leaves a torn record among
// whole ones: reading skips to the next marker that begins a whole record. A torn record at
// the end is one still being written, or the last of a crashed machine.
//
// Nothing here knows SQL: JournalHome is the audit log (SqlStore).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "access/model.h"
#include "core/periodic.h"
#include "core/result.h"

namespace trellis::store::sql {

// Where a journal's records go, and how far each journal has gone.
class JournalHome {
 public:
  virtual ~JournalHome() = default;
  // How far `journal` has been moved (a byte offset), or nothing when it never has.
  [[nodiscard]] virtual Result<std::optional<int64_t>> MovedTo(const std::string& journal) = 0;
  // Appends `entries` to the audit log and records `journal` as moved to `moved_to`, in one
  // transaction; `durable`: before returning, on disk (otherwise within a second, as other
  // records of reads).
  [[nodiscard]] virtual Result<void> Move(const std::string& journal, int64_t moved_to,
                                          std::span<const access::AuditEntry> entries,
                                          bool durable) = 0;
  // Drops what is recorded about `journal`, whose file is gone.
  [[nodiscard]] virtual Result<void> Forget(const std::string& journal) = 0;
};

// The records read from a stretch of a journal: the whole ones, and where reading stopped.
struct JournalStretch {
  std::vector<access::AuditEntry> entries;
  int64_t end = 0;  // offset just past the last byte consumed
};

// One record's bytes as written to a journal.
std::string EncodeJournalRecord(const access::AuditEntry& entry);
// The whole records in `bytes`, which begin at offset `from` of a journal; torn records
// followed by whole ones are skipped. At a torn record with nothing whole after it, stops
// there (`finished` false: it may still be being written) or consumes the rest (`finished`:
// the journal's writer is gone).
JournalStretch ReadJournalRecords(std::string_view bytes, int64_t from, bool finished);

class ReadJournal {
 public:
  struct Options {
    std::chrono::milliseconds move_every{50};
    int64_t rotate_at = 16 << 20;  // bytes: a fully moved journal this large starts afresh
  };

  // Starts a journal of this server's own in `dir` (made if missing), moves into `home` what
  // dead servers' journals there hold, and starts moving this one's every `move_every`.
  [[nodiscard]] static Result<std::unique_ptr<ReadJournal>> Open(const std::filesystem::path& dir,
                                                                 JournalHome& home,
                                                                 Options options);
  // Stops moving, moves the rest and removes the file (left for the next server to move
  // should the audit log be unreachable).
  ~ReadJournal();
  ReadJournal(const ReadJournal&) = delete;
  ReadJournal& operator=(const ReadJournal&) = delete;

  // Writes the record of a read; once this returns it survives a crash of trellis. Fails (and
  // the caller must keep the entry some other way) when the file refuses the whole record.
  [[nodiscard]] Result<void> Record(const access::AuditEntry& entry);
  // Moves into the audit log everything recorded so far.
  [[nodiscard]] Result<void> Settle();
  // Makes what has been recorded so far durable on disk.
  [[nodiscard]] Result<void> Sync();

  // This server's journal's name (the file's, without ".journal").
  std::string name() const;

 private:
  struct File;
  ReadJournal(std::filesystem::path dir, JournalHome& home, Options options);

  // Starts a fresh file of this server's own and makes it the one written to.
  Result<void> StartFile();
  // Moves what the current file holds beyond what has been moved; caller holds moving_.
  Result<void> MoveCurrent();
  // Moves the rest of a file no one writes to any more, durably, then removes it.
  Result<void> Retire(File& file, int64_t moved_to);
  // Moves what dead servers left in `dir`.
  Result<void> TakeOverAbandoned();
  void MoveInBackground();

  const std::filesystem::path dir_;
  JournalHome& home_;
  const Options options_;

  mutable std::shared_mutex file_mutex_;  // writers share it; starting a file takes it whole
  std::shared_ptr<File> file_;    // the file written to
  std::mutex moving_;             // one move at a time
  int64_t moved_to_ = 0;          // how far file_ has been moved (under moving_)
  std::optional<Periodic> mover_;  // last: started once everything it uses is ready
};

}  // namespace trellis::store::sql
