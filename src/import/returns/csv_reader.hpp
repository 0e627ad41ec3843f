// CsvReader: an RFC 4180 tokenizer that streams a CSV file record by record, reading it in
// 1 MiB blocks so that memory holds one record, not the file. It accepts quoted fields with
// embedded commas, doubled quotes and newlines, a UTF-8 byte order mark, and CRLF, LF or CR line
// ends. Each field carries the line and column (1-based, in characters) where it starts, so that
// a problem can point at it. Lines with no content at all are skipped. (import/csv.hpp parses a
// whole text held in memory, which suits a plan; the returns can be national-size files.)
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace csip::import::returns {

struct CsvField {
    std::string text;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

struct CsvRecord {
    std::uint32_t line = 0;  // where the record starts
    std::vector<CsvField> fields;
    // Where the quoting broke the rules (text after a closing quote, or a quote never closed):
    // the line and the field (0-based); the field text is kept as read.
    std::optional<std::uint32_t> bad_quote_line;
    std::optional<std::size_t> bad_quote_field;
    bool unterminated_quote = false;

    // The field's text, or "" past the end of a short row.
    [[nodiscard]] const std::string& text(std::size_t index) const;
};

class CsvReader {
public:
    static constexpr std::size_t kBlockSize = std::size_t{1} << 20;

    explicit CsvReader(std::istream& in);

    // The next record with content; false at the end of the input.
    bool next(CsvRecord& record);
    [[nodiscard]] std::uint64_t bytes_read() const { return m_bytes_read; }

private:
    int get();
    int peek();
    void advance_position(int c);
    bool read_record(CsvRecord& record);

    std::istream& m_in;
    std::vector<char> m_block;
    std::size_t m_pos = 0;
    std::size_t m_len = 0;
    std::uint64_t m_bytes_read = 0;
    std::uint32_t m_line = 1;
    std::uint32_t m_column = 1;
    bool m_started = false;
    bool m_at_end = false;
};

// Splits the first record of `text` (a peek at the start of a file): the header row.
std::vector<std::string> first_csv_record(const std::string& text);

}  // namespace csip::import::returns
