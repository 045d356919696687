#include "privacy/archive.h"

#include <zip.h>

#include <memory>

namespace trellis::privacy {
namespace {

// An archive open on an in-memory source, discarded (never written) unless closed.
struct Discard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Archive = std::unique_ptr<zip_t, Discard>;

struct FreeSource {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using Source = std::unique_ptr<zip_source_t, FreeSource>;

tl::unexpected<Error> Failed(std::string_view what, zip_error_t* error) {
  return Fail(ErrorCode::kInternal, std::string(what) + ": " + zip_error_strerror(error));
}

}  // namespace

Result<std::string> WriteArchive(const std::vector<ArchiveFile>& files) {
  zip_error_t error;
  zip_error_init(&error);
  Source buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) return Failed("cannot start an archive", &error);
  // The archive takes a reference to the source and drops it when it is closed or
  // discarded; this one is ours, kept to read the finished bytes.
  zip_source_keep(buffer.get());
  Archive archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
  if (!archive) {
    zip_source_free(buffer.get());  // the reference the archive did not take
    return Failed("cannot start an archive", &error);
  }
  for (const auto& file : files) {
    // The bytes stay in `files` until zip_close, which is when libzip reads them.
    zip_source_t* source = zip_source_buffer(archive.get(), file.bytes.data(), file.bytes.size(), 0);
    if (!source) return Failed("cannot add " + file.name, zip_get_error(archive.get()));
    if (zip_file_add(archive.get(), file.name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      return Failed("cannot add " + file.name, zip_get_error(archive.get()));
    }
  }
  if (zip_close(archive.get()) != 0) return Failed("cannot finish the archive", zip_get_error(archive.get()));
  static_cast<void>(archive.release());  // closed: zip_close freed it

  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(buffer.get(), &stat) != 0 || zip_source_open(buffer.get()) != 0)
    return Failed("cannot read the archive", zip_source_error(buffer.get()));
  std::string bytes(stat.size, '\0');
  const zip_int64_t read = zip_source_read(buffer.get(), bytes.data(), stat.size);
  zip_source_close(buffer.get());
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size)
    return Failed("cannot read the archive", zip_source_error(buffer.get()));
  return bytes;
}

Result<std::vector<ArchiveFile>> ReadArchive(std::string_view zip) {
  zip_error_t error;
  zip_error_init(&error);
  Source buffer(zip_source_buffer_create(zip.data(), zip.size(), 0, &error));
  if (!buffer) return Fail(ErrorCode::kInvalidInput, "not a ZIP archive");
  zip_source_keep(buffer.get());
  Archive archive(zip_open_from_source(buffer.get(), ZIP_RDONLY | ZIP_CHECKCONS, &error));
  if (!archive) {
    zip_source_free(buffer.get());
    return Fail(ErrorCode::kInvalidInput,
                std::string("not a ZIP archive: ") + zip_error_strerror(&error));
  }
  std::vector<ArchiveFile> files;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    if (zip_stat_index(archive.get(), index, 0, &stat) != 0)
      return Fail(ErrorCode::kInvalidInput, "an unreadable entry in the archive");
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(archive.get(), index, 0),
                                                           &zip_fclose);
    if (!file) return Fail(ErrorCode::kInvalidInput, "an unreadable entry in the archive");
    ArchiveFile entry{.name = stat.name, .bytes = std::string(stat.size, '\0')};
    if (zip_fread(file.get(), entry.bytes.data(), stat.size) != static_cast<zip_int64_t>(stat.size))
      return Fail(ErrorCode::kInvalidInput, "an unreadable entry in the archive: " + entry.name);
    files.push_back(std::move(entry));
  }
  return files;
}

}  // namespace trellis::privacy
