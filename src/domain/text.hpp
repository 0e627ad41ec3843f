// What csip accepts as a person's words (a note, a title, a name), and how it shows text that an
// older release stored without that check. Every text a person or a file gives csip is valid
// UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF) and holds no control
// character but tab and line breaks (LF, or CR LF as a browser's textarea sends them): a NUL or
// an escape sequence is no part of a status update, and bytes that are not UTF-8 would make
// every JSON and XML document that quotes them unreadable.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace csip::domain {

// Why `text` is not acceptable, as the end of a sentence ("is not UTF-8 at byte 12: ..."), or
// nothing when it is.
[[nodiscard]] std::optional<std::string> text_problem(std::string_view text);

// `text` with each byte that does not begin a valid UTF-8 sequence replaced by U+FFFD and each
// control character but tab, LF and CR dropped: for writing documents from what is stored.
[[nodiscard]] std::string displayable(std::string_view text);

}  // namespace csip::domain
