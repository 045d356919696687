#pragma once
// Text encodings of imported files. trellis stores UTF-8; spreadsheets save either UTF-8
// ("CSV UTF-8", often with a byte order mark) or the Windows code page ("CSV"), and DfE's GIAS
// downloads are Windows-1252. These functions tell the two apart and convert the second.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trellis::exchange {

// The UTF-8 byte order mark, as Excel's "CSV UTF-8" writes it.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// `text` without a leading UTF-8 byte order mark (unchanged when there is none).
std::string_view StripBom(std::string_view text);

// True when `text` starts with a UTF-16 byte order mark: Excel's "Unicode Text", which
// trellis does not read.
bool LooksLikeUtf16(std::string_view text);

// The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF, no truncated sequence); nullopt when all of
// `text` is UTF-8.
std::optional<size_t> FirstInvalidUtf8(std::string_view text);

// Windows-1252 to UTF-8. Every byte decodes: the five bytes Windows-1252 leaves undefined
// (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the C1 controls of the same value, as browsers do,
// so ISO 8859-1 text decodes correctly too.
std::string Windows1252ToUtf8(std::string_view text);

// GIAS downloads: `text` without its byte order mark, as UTF-8 when all of it is well-formed
// UTF-8, otherwise decoded as Windows-1252.
std::string Utf8OrWindows1252(std::string_view text);

// Where a byte offset falls, for messages: 1-based line (counting LF, CRLF and CR endings)
// and 1-based byte within that line.
struct TextPosition {
  int64_t line = 1;
  int64_t column = 1;
};
TextPosition PositionOf(std::string_view text, size_t offset);

// At most `max_chars` code points of `text`, ending in "…" when cut, never splitting a
// character. Text that is not UTF-8 is first decoded as Windows-1252, so the result is always
// UTF-8 (safe to put in JSON) and shows the user what their spreadsheet most likely held.
std::string Excerpt(std::string_view text, size_t max_chars = 100);

}  // namespace trellis::exchange
