#include "import/returns/csv_reader.hpp"

#include <sstream>

namespace csip::import::returns {
namespace {

constexpr int kEnd = -1;

}  // namespace

const std::string& CsvRecord::text(std::size_t index) const {
    static const std::string kEmpty;
    return index < fields.size() ? fields[index].text : kEmpty;
}

CsvReader::CsvReader(std::istream& in) : m_in(in), m_block(kBlockSize) {}

int CsvReader::peek() {
    if (m_pos == m_len) {
        if (m_at_end) return kEnd;
        m_in.read(m_block.data(), static_cast<std::streamsize>(m_block.size()));
        m_len = static_cast<std::size_t>(m_in.gcount());
        m_pos = 0;
        m_bytes_read += m_len;
        if (m_len == 0) {
            m_at_end = true;
            return kEnd;
        }
    }
    return static_cast<unsigned char>(m_block[m_pos]);
}

int CsvReader::get() {
    const int c = peek();
    if (c != kEnd) {
        ++m_pos;
        advance_position(c);
    }
    return c;
}

void CsvReader::advance_position(int c) {
    if (c == '\n') {
        ++m_line;
        m_column = 1;
    } else if (c == '\r') {
        // A CR alone ends a line; in CRLF the LF does.
        if (peek() != '\n') {
            ++m_line;
            m_column = 1;
        }
    } else if ((c & 0xC0) != 0x80) {
        // Columns count characters: UTF-8 continuation bytes do not move the column.
        ++m_column;
    }
}

bool CsvReader::next(CsvRecord& record) {
    if (!m_started) {
        m_started = true;
        // A UTF-8 byte order mark, as Excel writes 'CSV UTF-8'.
        if (peek() == 0xEF) {
            const std::size_t saved = m_pos;
            if (m_len - m_pos >= 3 && static_cast<unsigned char>(m_block[m_pos + 1]) == 0xBB &&
                static_cast<unsigned char>(m_block[m_pos + 2]) == 0xBF) {
                m_pos += 3;
            } else {
                m_pos = saved;
            }
        }
    }
    while (read_record(record)) {
        for (const auto& field : record.fields) {
            if (!field.text.empty()) return true;
        }
        if (record.bad_quote_field) return true;
    }
    return false;
}

bool CsvReader::read_record(CsvRecord& record) {
    record.fields.clear();
    record.bad_quote_line.reset();
    record.bad_quote_field.reset();
    record.unterminated_quote = false;
    if (peek() == kEnd) return false;
    record.line = m_line;
    while (true) {
        CsvField field;
        field.line = m_line;
        field.column = m_column;
        int c = get();
        if (c == '"') {
            while (true) {
                c = get();
                if (c == kEnd) {
                    record.unterminated_quote = true;
                    record.bad_quote_line = field.line;
                    record.bad_quote_field = record.fields.size();
                    break;
                }
                if (c == '"') {
                    if (peek() == '"') {
                        get();
                        field.text.push_back('"');
                        continue;
                    }
                    break;
                }
                field.text.push_back(static_cast<char>(c));
            }
            // After the closing quote only a delimiter or a line end may follow.
            c = get();
            while (c != ',' && c != '\n' && c != '\r' && c != kEnd) {
                if (!record.bad_quote_field) {
                    record.bad_quote_line = m_line;
                    record.bad_quote_field = record.fields.size();
                }
                field.text.push_back(static_cast<char>(c));
                c = get();
            }
        } else {
            while (c != ',' && c != '\n' && c != '\r' && c != kEnd) {
                field.text.push_back(static_cast<char>(c));
                c = get();
            }
        }
        record.fields.push_back(std::move(field));
        if (c == ',') continue;
        if (c == '\r' && peek() == '\n') get();
        return true;
    }
}

std::vector<std::string> first_csv_record(const std::string& text) {
    std::istringstream in(text);
    CsvReader reader(in);
    CsvRecord record;
    std::vector<std::string> out;
    if (reader.next(record)) {
        for (auto& field : record.fields) out.push_back(std::move(field.text));
    }
    return out;
}

}  // namespace csip::import::returns
