#include "synth/text_output.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

namespace csip::bench {
namespace {

// Every day from 1990 to 2049 as text: ISO and UK forms side by side, 10 characters each.
class DateTexts {
  public:
    DateTexts() {
        const auto first = domain::Date::from_ymd(kFirstYear, 1, 1);
        const auto last = domain::Date::from_ymd(kLastYear, 12, 31);
        m_first = first ? first->days_since_epoch() : 0;
        const std::int32_t count = last ? last->days_since_epoch() - m_first + 1 : 0;
        m_texts.resize(static_cast<std::size_t>(count) * 20);
        for (std::int32_t i = 0; i < count; ++i) {
            const auto day = domain::Date::from_days(m_first + i);
            char* at = &m_texts[static_cast<std::size_t>(i) * 20];
            write_digits(at, day.year(), 4);
            at[4] = '-';
            write_digits(at + 5, day.month(), 2);
            at[7] = '-';
            write_digits(at + 8, day.day(), 2);
            write_digits(at + 10, day.day(), 2);
            at[12] = '/';
            write_digits(at + 13, day.month(), 2);
            at[15] = '/';
            write_digits(at + 16, day.year(), 4);
        }
    }

    // The text of `day` (ISO, or UK when `uk`), or empty outside the table.
    [[nodiscard]] std::string_view text(domain::Date day, bool uk) const {
        const std::int32_t i = day.days_since_epoch() - m_first;
        if (i < 0 || static_cast<std::size_t>(i) * 20 >= m_texts.size()) return {};
        return {&m_texts[static_cast<std::size_t>(i) * 20 + (uk ? 10 : 0)], 10};
    }

  private:
    static constexpr int kFirstYear = 1990;
    static constexpr int kLastYear = 2049;

    static void write_digits(char* at, int value, int width) {
        for (int k = width - 1; k >= 0; --k) {
            at[k] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    }

    std::int32_t m_first = 0;
    std::vector<char> m_texts;
};

const DateTexts& date_texts() {
    static const DateTexts texts;
    return texts;
}

}  // namespace

TextOutput::~TextOutput() {
    if (m_file != nullptr) std::fclose(m_file);
}

Result<void> TextOutput::open(const std::filesystem::path& path) {
    m_path = path.string();
    m_file = std::fopen(m_path.c_str(), "wb");
    if (m_file == nullptr) {
        return fail(ErrorKind::InvalidInput,
                    m_path + ": cannot write the file (" + std::strerror(errno) + ")", "output");
    }
    m_buffer.reserve(kBufferSize + 4096);
    m_written = 0;
    m_failed = false;
    return {};
}

void TextOutput::flush() {
    if (m_file != nullptr && !m_failed && !m_buffer.empty()) {
        if (std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size()) {
            m_failed = true;
        }
    }
    m_written += m_buffer.size();
    m_buffer.clear();
}

Result<void> TextOutput::close() {
    flush();
    if (m_file == nullptr) return fail(ErrorKind::InvalidInput, "no file is open", "output");
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (m_failed || !closed) {
        return fail(ErrorKind::Unavailable,
                    m_path + ": writing failed (" + std::strerror(errno) + "); is the disk full?",
                    "output");
    }
    return {};
}

void TextOutput::put_uint(std::uint64_t value) {
    std::array<char, 20> digits{};
    std::size_t n = 0;
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n > 0) m_buffer.push_back(digits[--n]);
    if (m_buffer.size() >= kBufferSize) flush();
}

void TextOutput::put_iso(domain::Date date) {
    const auto text = date_texts().text(date, false);
    put(text.empty() ? std::string_view(date.iso()) : text);
}

void TextOutput::put_uk(domain::Date date) {
    const auto text = date_texts().text(date, true);
    if (!text.empty()) return put(text);
    const std::string iso = date.iso();
    put(iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4));
}

}  // namespace csip::bench
