// XlsxWorkbook: reads an .xlsx workbook's sheets without a spreadsheet library: libzip opens the
// package, expat streams xl/workbook.xml (sheet names, date system), its relationships (which
// part holds which sheet), xl/sharedStrings.xml and then one sheet at a time, row by row. Cells
// come as text (shared, inline or formula strings), numbers, booleans or error values (#N/A);
// dates are numbers in the workbook's date system, which the caller converts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "import/returns/values.hpp"

struct zip;

namespace csip::import::returns {

struct SheetCell {
    enum class Kind { Text, Number, Boolean, Error };
    std::uint32_t column = 0;  // 1 = A
    Kind kind = Kind::Text;
    std::string text;  // the text, or the number as written in the file, or the error value
    double number = 0.0;
};

struct SheetRow {
    std::uint32_t row = 0;  // 1-based, as Excel numbers it
    std::vector<SheetCell> cells;  // in column order; empty cells absent

    [[nodiscard]] const SheetCell* cell(std::uint32_t column) const;
};

// What one part of the package may unpack to. An .xlsx is zip-compressed XML, and a hostile
// file can be made to unpack to a thousand times its size (a zip bomb: 1.5 MB that costs 1.5 GB
// of inflating and parsing). Each part is counted as it is read, whatever its header claims, and
// refused once it passes either limit. The ratio follows Apache POI's ZipSecureFile (a part may
// not inflate more than 100 times, once past a first megabyte that small parts are allowed);
// the size is ten times the largest sheet an Annex A list of a large council fills.
struct ArchiveLimits {
    std::uint64_t max_part_bytes = std::uint64_t{256} << 20;
    std::uint64_t max_ratio = 100;
    std::uint64_t ratio_grace_bytes = std::uint64_t{1} << 20;
};

class XlsxWorkbook {
public:
    // Opens the workbook and reads its sheet list and shared strings.
    static Result<XlsxWorkbook> open(const std::filesystem::path& path, const std::string& label,
                                     ArchiveLimits limits = {});
    // Only the sheet names, read from xl/workbook.xml (for recognising a workbook cheaply).
    static std::optional<std::vector<std::string>> sheet_names_of(const std::filesystem::path& path);

    XlsxWorkbook(XlsxWorkbook&& other) noexcept;
    XlsxWorkbook& operator=(XlsxWorkbook&& other) noexcept;
    XlsxWorkbook(const XlsxWorkbook&) = delete;
    XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;
    ~XlsxWorkbook();

    [[nodiscard]] const std::vector<std::string>& sheet_names() const { return m_sheet_names; }
    [[nodiscard]] DateSystem date_system() const { return m_date_system; }

    // Streams the rows of sheet `name` in file order to `on_row`, which returns false to stop.
    // `compressed_bytes` grows by the sheet's size in the package (for progress).
    Result<void> read_sheet(std::string_view name, const std::function<bool(const SheetRow&)>& on_row,
                            std::uint64_t& compressed_bytes);

private:
    XlsxWorkbook(zip* archive, std::string label, ArchiveLimits limits)
        : m_archive(archive), m_label(std::move(label)), m_limits(limits) {}

    zip* m_archive = nullptr;
    std::string m_label;
    ArchiveLimits m_limits;
    std::vector<std::string> m_sheet_names;
    std::vector<std::string> m_sheet_parts;  // the package part of each sheet, e.g. xl/worksheets/sheet1.xml
    std::vector<std::string> m_shared_strings;
    DateSystem m_date_system = DateSystem::Excel1900;
};

// 'B' -> 2, 'AA' -> 27: the column of a cell reference such as 'AA12'; 0 when there is none.
std::uint32_t column_of_reference(std::string_view reference);

}  // namespace csip::import::returns
