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

#include "domain/result.hpp"

namespace csip::domain {

// Why `text` is not acceptable, as the end of a sentence that names it ("is not UTF-8 text at
// byte 12", "holds a control character at byte 3, which is no part of text"), or nothing when it
// is. The caller says how to put it right, in its own terms.
[[nodiscard]] std::optional<std::string> text_problem(std::string_view text);

// InvalidInput naming `field` ("the officer title is not UTF-8 text at byte 3: type it again as
// plain text") when text_problem finds something in `text`: for every text a person gives
// through a form, the API or the command line. `label` is how the message names the field.
[[nodiscard]] Result<void> check_text(std::string_view text, const std::string& field,
                                      std::string_view label);

// `text` with each byte that does not begin a valid UTF-8 sequence replaced by U+FFFD and each
// control character but tab, LF and CR dropped: for writing documents from what is stored.
[[nodiscard]] std::string displayable(std::string_view text);

// `text` with every control character shown as an escape, so that printing it can never move a
// terminal's cursor, change its colours or retitle its window: `\x1b` for the C0 controls and
// DEL, `\u009b` for the C1 controls (U+0080 to U+009F; 0x9B is a terminal's CSI), and `\xff`
// for each byte that does not begin a valid UTF-8 sequence. With `keep_layout`, tab and line feed
// are written as they are (and CR before LF); without it they are shown as `\t`, `\n`, `\r`.
[[nodiscard]] std::string escape_controls(std::string_view text, bool keep_layout);

}  // namespace csip::domain
