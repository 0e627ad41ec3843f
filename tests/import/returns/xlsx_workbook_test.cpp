// XlsxWorkbook on packages built here with libzip: hostile parts (nested without end, or a zip
// bomb that unpacks to a thousand times its size) are refused with the part named and how to fix
// it, and nothing is read from them.
#include "import/returns/xlsx_workbook.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <stdexcept>

#include "../../support/temp_dir.hpp"

namespace csip::import::returns {
namespace {

using csip::testing::TempDir;

// Writes an .xlsx package holding `parts` (name -> content), deflated as Excel does.
void write_package(const std::filesystem::path& path,
                   const std::map<std::string, std::string>& parts) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr) throw std::runtime_error("cannot create " + path.string());
    for (const auto& [name, content] : parts) {
        zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
        const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            throw std::runtime_error("cannot add " + name);
        }
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
    }
    if (zip_close(archive) != 0) throw std::runtime_error("cannot write " + path.string());
}

const std::string kRelationships =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

std::string workbook_xml(const std::string& inside_sheets = {}) {
    return "<workbook><sheets><sheet name=\"List 1\" r:id=\"rId1\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/>" +
           inside_sheets + "</sheets></workbook>";
}

const std::string kSheet =
    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Child "
    "ID</t></is></c></row></sheetData></worksheet>";

std::string nested(const std::string& element, int depth) {
    std::string out;
    for (int i = 0; i < depth; ++i) out += "<" + element + ">";
    for (int i = 0; i < depth; ++i) out += "</" + element + ">";
    return out;
}

TEST(XlsxWorkbook, ReadsAPackageBuiltHere) {
    TempDir dir;
    write_package(dir / "book.xlsx", {{"xl/workbook.xml", workbook_xml()},
                                      {"xl/_rels/workbook.xml.rels", kRelationships},
                                      {"xl/worksheets/sheet1.xml", kSheet}});
    auto workbook = XlsxWorkbook::open(dir / "book.xlsx", "book.xlsx");
    ASSERT_TRUE(workbook.has_value()) << workbook.error().message;
    EXPECT_EQ(workbook->sheet_names(), std::vector<std::string>{"List 1"});
    std::vector<std::string> texts;
    std::uint64_t packed = 0;
    ASSERT_TRUE(workbook->read_sheet(
        "List 1",
        [&](const SheetRow& row) {
            for (const auto& cell : row.cells) texts.push_back(cell.text);
            return true;
        },
        packed));
    EXPECT_EQ(texts, std::vector<std::string>{"Child ID"});
}

TEST(XlsxWorkbook, RefusesAPartNestedDeeperThanAnySpreadsheetNamingThePartAndPlace) {
    TempDir dir;
    write_package(dir / "deep.xlsx", {{"xl/workbook.xml", workbook_xml(nested("x", 100'000))},
                                      {"xl/_rels/workbook.xml.rels", kRelationships},
                                      {"xl/worksheets/sheet1.xml", kSheet}});
    const auto workbook = XlsxWorkbook::open(dir / "deep.xlsx", "deep.xlsx");
    ASSERT_FALSE(workbook.has_value());
    EXPECT_NE(workbook.error().message.find("deep.xlsx: xl/workbook.xml in the workbook nests "
                                            "elements more than 256 deep (at line 1, "
                                            "column "),
              std::string::npos)
        << workbook.error().message;
    EXPECT_NE(workbook.error().message.find("save the workbook again from Excel"),
              std::string::npos);
}

TEST(XlsxWorkbook, RefusesASheetNestedDeeperThanAnySpreadsheet) {
    TempDir dir;
    write_package(dir / "deep.xlsx",
                  {{"xl/workbook.xml", workbook_xml()},
                   {"xl/_rels/workbook.xml.rels", kRelationships},
                   {"xl/worksheets/sheet1.xml",
                    "<worksheet>" + nested("sheetData", 100'000) + "</worksheet>"}});
    auto workbook = XlsxWorkbook::open(dir / "deep.xlsx", "deep.xlsx");
    ASSERT_TRUE(workbook.has_value()) << workbook.error().message;
    std::uint64_t packed = 0;
    const auto read = workbook->read_sheet(
        "List 1", [](const SheetRow&) { return true; }, packed);
    ASSERT_FALSE(read.has_value());
    EXPECT_NE(read.error().message.find(
                  "xl/worksheets/sheet1.xml in the workbook nests elements more than 256 deep"),
              std::string::npos)
        << read.error().message;
}

// A zip bomb: 20 MB of one character packs to about 20 kB. It is refused once a megabyte of it
// shows the ratio, not inflated and parsed to the end.
std::string bomb() { return "<sst>" + std::string(std::size_t{20} << 20, ' ') + "</sst>"; }

TEST(XlsxWorkbook, RefusesAPartThatUnpacksToAHundredTimesItsPackedSize) {
    TempDir dir;
    write_package(dir / "bomb.xlsx", {{"xl/workbook.xml", workbook_xml()},
                                      {"xl/_rels/workbook.xml.rels", kRelationships},
                                      {"xl/sharedStrings.xml", bomb()},
                                      {"xl/worksheets/sheet1.xml", kSheet}});
    ASSERT_LT(std::filesystem::file_size(dir / "bomb.xlsx"), std::uintmax_t{100'000});
    const auto workbook = XlsxWorkbook::open(dir / "bomb.xlsx", "bomb.xlsx");
    ASSERT_FALSE(workbook.has_value());
    EXPECT_NE(workbook.error().message.find("bomb.xlsx: xl/sharedStrings.xml in the workbook "
                                            "unpacks to more than 100 times its packed size ("),
              std::string::npos)
        << workbook.error().message;
    EXPECT_NE(
        workbook.error().message.find("so nothing was read; save the workbook again from Excel"),
        std::string::npos)
        << workbook.error().message;
}

TEST(XlsxWorkbook, RefusesASheetThatUnpacksToAHundredTimesItsPackedSize) {
    TempDir dir;
    write_package(dir / "bomb.xlsx", {{"xl/workbook.xml", workbook_xml()},
                                      {"xl/_rels/workbook.xml.rels", kRelationships},
                                      {"xl/worksheets/sheet1.xml", bomb()}});
    auto workbook = XlsxWorkbook::open(dir / "bomb.xlsx", "bomb.xlsx");
    ASSERT_TRUE(workbook.has_value()) << workbook.error().message;
    std::uint64_t packed = 0;
    const auto read = workbook->read_sheet(
        "List 1", [](const SheetRow&) { return true; }, packed);
    ASSERT_FALSE(read.has_value());
    EXPECT_NE(read.error().message.find(
                  "xl/worksheets/sheet1.xml in the workbook unpacks to more than 100 times"),
              std::string::npos)
        << read.error().message;
}

TEST(XlsxWorkbook, RefusesAPartThatUnpacksToMoreThanTheLimit) {
    TempDir dir;
    // Shared strings of every number to 400,000: about 7 MB that packs to far less than a
    // hundredth.
    std::string strings = "<sst>";
    for (int i = 0; i < 400'000; ++i) strings += "<si><t>" + std::to_string(i) + "</t></si>";
    strings += "</sst>";
    write_package(dir / "large.xlsx", {{"xl/workbook.xml", workbook_xml()},
                                       {"xl/_rels/workbook.xml.rels", kRelationships},
                                       {"xl/sharedStrings.xml", strings},
                                       {"xl/worksheets/sheet1.xml", kSheet}});
    ASSERT_TRUE(XlsxWorkbook::open(dir / "large.xlsx", "large.xlsx").has_value());
    ArchiveLimits limits;
    limits.max_part_bytes = std::uint64_t{4} << 20;
    const auto workbook = XlsxWorkbook::open(dir / "large.xlsx", "large.xlsx", limits);
    ASSERT_FALSE(workbook.has_value());
    EXPECT_NE(workbook.error().message.find("large.xlsx: xl/sharedStrings.xml in the workbook "
                                            "unpacks to more than 4 MiB, more than csip reads "
                                            "from one part of a workbook, so nothing was read"),
              std::string::npos)
        << workbook.error().message;
}

}  // namespace
}  // namespace csip::import::returns
