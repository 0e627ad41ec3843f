// TextOutput: a file written through one 1 MiB buffer, for national-size synthetic returns
// (hundreds of megabytes) written in well under a minute. Nothing but the buffer is held: the
// file streams out as it is generated. Dates are written from a table of their texts built
// once, since formatting each of tens of millions of dates is most of the work otherwise.
// A failed write (disk full) is remembered and reported by close().
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "domain/date.hpp"
#include "domain/result.hpp"

namespace csip::bench {

class TextOutput {
  public:
    TextOutput() = default;
    ~TextOutput();
    TextOutput(const TextOutput&) = delete;
    TextOutput& operator=(const TextOutput&) = delete;

    Result<void> open(const std::filesystem::path& path);
    // Writes what is buffered and closes the file; the first write error, if any.
    Result<void> close();

    void put(std::string_view text) {
        m_buffer.append(text);
        if (m_buffer.size() >= kBufferSize) flush();
    }
    void put(char c) {
        m_buffer.push_back(c);
        if (m_buffer.size() >= kBufferSize) flush();
    }
    void put_uint(std::uint64_t value);
    // YYYY-MM-DD, as the CIN census writes dates.
    void put_iso(domain::Date date);
    // dd/mm/yyyy, as the SSDA903 tables write dates.
    void put_uk(domain::Date date);

    [[nodiscard]] std::uint64_t bytes_written() const { return m_written + m_buffer.size(); }

  private:
    static constexpr std::size_t kBufferSize = std::size_t{1} << 20;
    void flush();

    std::FILE* m_file = nullptr;
    std::string m_buffer;
    std::string m_path;
    std::uint64_t m_written = 0;
    bool m_failed = false;
};

}  // namespace csip::bench
