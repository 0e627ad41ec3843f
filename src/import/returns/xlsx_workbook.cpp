#include "import/returns/xlsx_workbook.hpp"

#include <zip.h>

#include <map>

#include "import/problem.hpp"
#include "import/returns/xml_stream.hpp"

namespace csip::import::returns {
namespace {

constexpr std::size_t kBlock = std::size_t{1} << 20;

std::string mebibytes(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// Streams one part of the package through `stream`, within `limits`; an error names the part.
Result<void> stream_part(zip* archive, const std::string& label, const std::string& part,
                         XmlStream& stream, const ArchiveLimits& limits,
                         std::uint64_t* compressed_bytes = nullptr) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive, part.c_str(), 0, &stat) != 0) {
        return fail(ErrorKind::InvalidInput, label + ": the workbook has no part " + part +
                                                 "; save it again from Excel as an .xlsx workbook", label);
    }
    const auto too_large = [&] {
        return fail(
            ErrorKind::InvalidInput,
            label + ": " + part + " in the workbook unpacks to more than " +
                mebibytes(limits.max_part_bytes) +
                ", more than csip reads from one part of a workbook, so nothing was read; save the "
                "lists as separate workbooks, or check that this is the Annex A workbook",
            label);
    };
    if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > limits.max_part_bytes) return too_large();
    // A part of no packed bytes unpacks to nothing; counting it as one keeps the ratio defined.
    const std::uint64_t packed =
        (stat.valid & ZIP_STAT_COMP_SIZE) != 0 && stat.comp_size > 0 ? stat.comp_size : 1;
    zip_file_t* file = zip_fopen(archive, part.c_str(), 0);
    if (file == nullptr) {
        return fail(ErrorKind::InvalidInput, label + ": cannot read " + part + " in the workbook (" +
                                                 zip_strerror(archive) + "); save it again from Excel", label);
    }
    std::vector<char> block(kBlock);
    std::uint64_t unpacked = 0;
    bool ok = true;
    while (ok) {
        const zip_int64_t got = zip_fread(file, block.data(), block.size());
        if (got < 0) {
            zip_fclose(file);
            return fail(ErrorKind::InvalidInput, label + ": " + part + " in the workbook is damaged; save it again",
                        label);
        }
        // Counted as read, not taken from the header, which a hostile file can make up.
        unpacked += static_cast<std::uint64_t>(got);
        if (unpacked > limits.max_part_bytes) {
            zip_fclose(file);
            return too_large();
        }
        if (unpacked > limits.ratio_grace_bytes && unpacked / packed >= limits.max_ratio) {
            zip_fclose(file);
            return fail(ErrorKind::InvalidInput,
                        label + ": " + part + " in the workbook unpacks to more than " +
                            std::to_string(limits.max_ratio) + " times its packed size (" +
                            std::to_string(packed) +
                            " bytes), as a zip bomb does and no spreadsheet does, so nothing was "
                            "read; save the "
                            "workbook again from Excel as an .xlsx workbook",
                        label);
        }
        ok = stream.feed(block.data(), static_cast<std::size_t>(got), got == 0);
        if (got == 0) break;
    }
    zip_fclose(file);
    if (compressed_bytes != nullptr && (stat.valid & ZIP_STAT_COMP_SIZE) != 0) *compressed_bytes += stat.comp_size;
    if (stream.stopped()) return {};
    if (stream.nested_too_deep()) {
        const auto at = stream.error_position();
        return fail(
            ErrorKind::InvalidInput,
            label + ": " + part + " in the workbook nests elements more than " +
                std::to_string(XmlStream::kMaxDepth) + " deep (at line " + std::to_string(at.line) +
                ", column " + std::to_string(at.column) +
                "), which no spreadsheet does, so nothing was read; save the workbook again from "
                "Excel as an .xlsx workbook",
            label);
    }
    if (!ok) {
        return fail(ErrorKind::InvalidInput,
                    label + ": " + part + " in the workbook is not well-formed XML (" + stream.error() +
                        "); save the workbook again from Excel",
                    label);
    }
    return {};
}

class WorkbookHandler final : public XmlHandler {
public:
    std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
    bool date1904 = false;
    void on_start(std::string_view name, const std::vector<XmlAttribute>& attributes, XmlPosition) override {
        if (name == "sheet") {
            std::string sheet_name, id;
            for (const auto& attribute : attributes) {
                if (attribute.name == "name") sheet_name = attribute.value;
                if (attribute.name == "id") id = attribute.value;
            }
            sheets.emplace_back(std::move(sheet_name), std::move(id));
        } else if (name == "workbookPr") {
            for (const auto& attribute : attributes) {
                if (attribute.name == "date1904") date1904 = attribute.value == "1" || attribute.value == "true";
            }
        }
    }
    void on_end(std::string_view, std::string_view, XmlPosition) override {}
};

class RelationshipsHandler final : public XmlHandler {
public:
    std::map<std::string, std::string> targets;
    void on_start(std::string_view name, const std::vector<XmlAttribute>& attributes, XmlPosition) override {
        if (name != "Relationship") return;
        std::string id, target;
        for (const auto& attribute : attributes) {
            if (attribute.name == "Id") id = attribute.value;
            if (attribute.name == "Target") target = attribute.value;
        }
        targets[id] = target;
    }
    void on_end(std::string_view, std::string_view, XmlPosition) override {}
};

class SharedStringsHandler final : public XmlHandler {
public:
    explicit SharedStringsHandler(std::vector<std::string>& strings) : m_strings(strings) {}
    void attach(XmlStream& stream) { m_stream = &stream; }
    void on_start(std::string_view name, const std::vector<XmlAttribute>&, XmlPosition) override {
        if (name == "si") m_strings.emplace_back();
    }
    void on_end(std::string_view name, std::string_view text, XmlPosition) override {
        // Text runs are <si><t> or <si><r><t>; <rPh> holds phonetic hints, not the text.
        if (name != "t" || m_strings.empty()) return;
        const auto parent = m_stream->parent();
        if (parent == "si" || (parent == "r" && m_stream->parent(2) == "si")) m_strings.back().append(text);
    }

private:
    std::vector<std::string>& m_strings;
    XmlStream* m_stream = nullptr;
};

class SheetHandler final : public XmlHandler {
public:
    SheetHandler(const std::vector<std::string>& strings, const std::function<bool(const SheetRow&)>& on_row)
        : m_strings(strings), m_on_row(on_row) {}
    void attach(XmlStream& stream) { m_stream = &stream; }

    void on_start(std::string_view name, const std::vector<XmlAttribute>& attributes, XmlPosition) override {
        if (name == "row") {
            m_row = SheetRow{};
            std::uint32_t number = 0;
            for (const auto& attribute : attributes) {
                if (attribute.name == "r") number = to_u32(attribute.value);
            }
            m_row.row = number != 0 ? number : m_last_row + 1;
            m_last_column = 0;
        } else if (name == "c") {
            m_type = "n";
            m_column = 0;
            for (const auto& attribute : attributes) {
                if (attribute.name == "t") m_type = attribute.value;
                if (attribute.name == "r") m_column = column_of_reference(attribute.value);
            }
            if (m_column == 0) m_column = m_last_column + 1;
            m_value.reset();
            m_inline.clear();
        }
    }

    void on_end(std::string_view name, std::string_view text, XmlPosition) override {
        if (name == "v" && m_stream->parent() == "c") {
            m_value = std::string(text);
        } else if (name == "t" && (m_stream->parent() == "is" || m_stream->parent(2) == "is")) {
            m_inline.append(text);
        } else if (name == "c") {
            finish_cell();
        } else if (name == "row") {
            m_last_row = m_row.row;
            if (!m_on_row(m_row)) m_stream->stop("stopped");
        }
    }

private:
    static std::uint32_t to_u32(std::string_view text) {
        std::uint32_t value = 0;
        for (char c : text) {
            if (c < '0' || c > '9' || value > 100'000'000) return 0;
            value = value * 10 + static_cast<std::uint32_t>(c - '0');
        }
        return value;
    }

    void finish_cell() {
        m_last_column = m_column;
        SheetCell cell;
        cell.column = m_column;
        if (m_type == "inlineStr") {
            cell.text = m_inline;
        } else if (!m_value) {
            return;
        } else if (m_type == "s") {
            const auto index = parse_number(*m_value);
            if (index && *index >= 0 && *index < static_cast<double>(m_strings.size())) {
                cell.text = m_strings[static_cast<std::size_t>(*index)];
            } else {
                cell.kind = SheetCell::Kind::Error;
                cell.text = "#REF!";
            }
        } else if (m_type == "b") {
            cell.kind = SheetCell::Kind::Boolean;
            cell.text = *m_value == "1" ? "TRUE" : "FALSE";
        } else if (m_type == "e") {
            cell.kind = SheetCell::Kind::Error;
            cell.text = *m_value;
        } else if (m_type == "str" || m_type == "d") {
            cell.text = *m_value;
        } else {
            cell.text = *m_value;
            if (const auto number = parse_number(*m_value)) {
                cell.kind = SheetCell::Kind::Number;
                cell.number = *number;
            }
        }
        m_row.cells.push_back(std::move(cell));
    }

    const std::vector<std::string>& m_strings;
    const std::function<bool(const SheetRow&)>& m_on_row;
    XmlStream* m_stream = nullptr;
    SheetRow m_row;
    std::uint32_t m_last_row = 0;
    std::uint32_t m_last_column = 0;
    std::uint32_t m_column = 0;
    std::string m_type;
    std::optional<std::string> m_value;
    std::string m_inline;
};

std::string part_of_target(std::string target) {
    if (!target.empty() && target.front() == '/') return target.substr(1);
    return "xl/" + target;
}

zip* open_archive(const std::filesystem::path& path) {
    int error = 0;
    return zip_open(path.c_str(), ZIP_RDONLY, &error);
}

}  // namespace

const SheetCell* SheetRow::cell(std::uint32_t column) const {
    for (const auto& c : cells) {
        if (c.column == column) return &c;
    }
    return nullptr;
}

std::uint32_t column_of_reference(std::string_view reference) {
    std::uint32_t column = 0;
    for (char c : reference) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') break;
        column = column * 26 + static_cast<std::uint32_t>(c - 'A' + 1);
        if (column > 16384) return 0;  // past XFD, Excel's last column
    }
    return column;
}

Result<XlsxWorkbook> XlsxWorkbook::open(const std::filesystem::path& path, const std::string& label,
                                        ArchiveLimits limits) {
    zip* archive = open_archive(path);
    if (archive == nullptr) {
        return fail(ErrorKind::InvalidInput,
                    label + ": this is not an .xlsx workbook (it cannot be opened as one); save it from Excel as "
                            "'Excel Workbook (.xlsx)'",
                    label);
    }
    XlsxWorkbook workbook(archive, label, limits);

    WorkbookHandler sheets;
    {
        XmlStream stream(sheets);
        if (auto read = stream_part(archive, label, "xl/workbook.xml", stream, limits); !read)
            return fail(read.error());
    }
    RelationshipsHandler relationships;
    {
        XmlStream stream(relationships);
        if (auto read = stream_part(archive, label, "xl/_rels/workbook.xml.rels", stream, limits);
            !read) {
            return fail(read.error());
        }
    }
    workbook.m_date_system = sheets.date1904 ? DateSystem::Excel1904 : DateSystem::Excel1900;
    for (const auto& [name, id] : sheets.sheets) {
        const auto target = relationships.targets.find(id);
        workbook.m_sheet_names.push_back(name);
        workbook.m_sheet_parts.push_back(target == relationships.targets.end() ? std::string()
                                                                               : part_of_target(target->second));
    }
    // A workbook of numbers only has no shared strings part.
    if (zip_name_locate(archive, "xl/sharedStrings.xml", 0) >= 0) {
        SharedStringsHandler handler(workbook.m_shared_strings);
        XmlStream stream(handler);
        handler.attach(stream);
        if (auto read = stream_part(archive, label, "xl/sharedStrings.xml", stream, limits); !read)
            return fail(read.error());
    }
    return workbook;
}

std::optional<std::vector<std::string>> XlsxWorkbook::sheet_names_of(const std::filesystem::path& path) {
    zip* archive = open_archive(path);
    if (archive == nullptr) return std::nullopt;
    WorkbookHandler sheets;
    XmlStream stream(sheets);
    const auto read =
        stream_part(archive, path.string(), "xl/workbook.xml", stream, ArchiveLimits{});
    zip_discard(archive);
    if (!read) return std::nullopt;
    std::vector<std::string> names;
    for (auto& sheet : sheets.sheets) names.push_back(std::move(sheet.first));
    return names;
}

XlsxWorkbook::XlsxWorkbook(XlsxWorkbook&& other) noexcept
    : m_archive(std::exchange(other.m_archive, nullptr)),
      m_label(std::move(other.m_label)),
      m_limits(other.m_limits),
      m_sheet_names(std::move(other.m_sheet_names)),
      m_sheet_parts(std::move(other.m_sheet_parts)),
      m_shared_strings(std::move(other.m_shared_strings)),
      m_date_system(other.m_date_system) {}

XlsxWorkbook& XlsxWorkbook::operator=(XlsxWorkbook&& other) noexcept {
    if (this != &other) {
        if (m_archive != nullptr) zip_discard(m_archive);
        m_archive = std::exchange(other.m_archive, nullptr);
        m_label = std::move(other.m_label);
        m_limits = other.m_limits;
        m_sheet_names = std::move(other.m_sheet_names);
        m_sheet_parts = std::move(other.m_sheet_parts);
        m_shared_strings = std::move(other.m_shared_strings);
        m_date_system = other.m_date_system;
    }
    return *this;
}

XlsxWorkbook::~XlsxWorkbook() {
    // Read-only: nothing to write back, so discard rather than close.
    if (m_archive != nullptr) zip_discard(m_archive);
}

Result<void> XlsxWorkbook::read_sheet(std::string_view name, const std::function<bool(const SheetRow&)>& on_row,
                                      std::uint64_t& compressed_bytes) {
    for (std::size_t i = 0; i < m_sheet_names.size(); ++i) {
        if (m_sheet_names[i] != name) continue;
        if (m_sheet_parts[i].empty()) {
            return fail(ErrorKind::InvalidInput,
                        m_label + ": sheet '" + printable(name) +
                            "' has no part in the workbook; save it again",
                        m_label);
        }
        SheetHandler handler(m_shared_strings, on_row);
        XmlStream stream(handler);
        handler.attach(stream);
        return stream_part(m_archive, m_label, m_sheet_parts[i], stream, m_limits,
                           &compressed_bytes);
    }
    return fail(ErrorKind::NotFound,
                m_label + ": the workbook has no sheet '" + printable(name) + "'", m_label);
}

}  // namespace csip::import::returns
