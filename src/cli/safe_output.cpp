#include "cli/safe_output.hpp"

#include "domain/text.hpp"

namespace csip::cli {

SafeOutput::~SafeOutput() { pass_on(true); }

SafeOutput::int_type SafeOutput::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    m_pending += traits_type::to_char_type(c);
    if (traits_type::to_char_type(c) == '\n') pass_on(false);
    return c;
}

std::streamsize SafeOutput::xsputn(const char* text, std::streamsize count) {
    m_pending.append(text, static_cast<std::size_t>(count));
    pass_on(false);
    return count;
}

int SafeOutput::sync() {
    pass_on(true);
    m_sink.flush();
    return m_sink ? 0 : -1;
}

void SafeOutput::pass_on(bool all) {
    const std::size_t end = all ? m_pending.size() : m_pending.rfind('\n') + 1;
    if (end == 0 || m_pending.empty()) return;
    m_sink << domain::escape_controls(std::string_view(m_pending).substr(0, end), true);
    m_pending.erase(0, end);
}

}  // namespace csip::cli
