// The Annex A reader, for the workbook (one sheet per list, read with XlsxWorkbook) and for a
// list saved as CSV. Headers are matched loosely, since councils' templates vary in wording:
// each column is found by phrases its normalised header contains. Dates may be Excel serial
// numbers or text; blank cells and error values (#N/A) count as empty; lettered codes
// ('b) No') are read without their letter.
#include "import/returns/annex_a.hpp"

#include <fstream>

#include "import/returns/csv_table.hpp"
#include "import/returns/reader_support.hpp"
#include "import/returns/values.hpp"
#include "import/returns/xlsx_workbook.hpp"

namespace csip::import::returns {
namespace {

enum class Kind { Id, Date, Flag };

struct ColumnSpec {
    std::string_view label;  // as Ofsted's template heads it
    std::vector<std::string_view> phrases;  // normalised phrases, any of which identifies it
    Kind kind;
    bool required;
};

enum class Column : std::size_t { Id = 0 };

struct ListSpec {
    int number;
    std::string_view title;
    std::vector<std::string_view> signature;  // phrases only this list's header holds
    std::vector<ColumnSpec> columns;  // the first is always the identifier
};

const ColumnSpec kChildId{"Child Unique ID", {"child unique id", "child id", "unique id", "child identifier"},
                          Kind::Id, true};

const std::vector<ListSpec>& list_specs() {
    static const std::vector<ListSpec> specs = {
        {1, "contacts", {"date of contact"},
         {kChildId, {"Date of Contact", {"date of contact", "contact date"}, Kind::Date, true}}},
        {2, "early help assessments", {"organisation completing assessment", "assessment completion date"},
         {kChildId,
          {"Assessment start date", {"assessment start date"}, Kind::Date, true},
          {"Assessment completion date", {"assessment completion date"}, Kind::Date, false}}},
        {3, "referrals", {"date of referral", "referral nfa"},
         {kChildId, {"Date of Referral", {"date of referral", "referral date"}, Kind::Date, true}}},
        {4, "assessments", {"continuous assessment", "date of authorisation"},
         {kChildId,
          {"Continuous Assessment Start Date", {"assessment start date"}, Kind::Date, true},
          {"Continuous Assessment Date of Authorisation", {"date of authorisation", "authorisation date"}, Kind::Date,
           false}}},
        {5, "section 47 enquiries", {"section 47 enquiry start date", "s47 start date"},
         {kChildId,
          {"Strategy discussion initiating Section 47 Enquiry Start Date",
           {"section 47 enquiry start date", "s47 start date"}, Kind::Date, true},
          {"Was an Initial Child Protection Conference deemed unnecessary?",
           {"conference deemed unnecessary", "icpc deemed unnecessary", "icpc not required"}, Kind::Flag, false},
          {"Date of Initial Child Protection Conference",
           {"date of initial child protection conference", "date of icpc", "icpc date"}, Kind::Date, false}}},
        {6, "children in need", {"cin start date"},
         {kChildId,
          {"CIN Start Date", {"cin start date"}, Kind::Date, true},
          {"Date Child Was Last Seen", {"date child was last seen", "last seen"}, Kind::Date, false},
          {"CIN Closure Date", {"cin closure date"}, Kind::Date, false}}},
        {7, "child protection", {"child protection plan start date", "cp plan start date"},
         {kChildId,
          {"Child Protection Plan Start Date", {"child protection plan start date", "cp plan start date"}, Kind::Date,
           true},
          {"Date of the Last Statutory Visit", {"last statutory visit"}, Kind::Date, false},
          {"Was the Child Seen Alone?", {"seen alone"}, Kind::Flag, false},
          {"Date of latest review conference", {"latest review conference"}, Kind::Date, false},
          {"Child Protection Plan End Date", {"child protection plan end date", "cp plan end date"}, Kind::Date,
           false}}},
        {8, "children looked after", {"date started to be looked after"},
         {kChildId,
          {"Date Started to be Looked After", {"date started to be looked after"}, Kind::Date, true},
          {"Date of Latest Statutory Review", {"latest statutory review"}, Kind::Date, false},
          {"Date of Last Social Work Visit", {"last social work visit"}, Kind::Date, false},
          {"Date of Last Health Assessment", {"last health assessment"}, Kind::Date, false},
          {"Date of Last Dental Check", {"last dental check"}, Kind::Date, false},
          {"Date Ceased to be Looked After", {"date ceased to be looked after"}, Kind::Date, false}}},
        {9, "care leavers", {"eligibility category", "activity status"},
         {kChildId,
          {"Latest Pathway Plan Review Date", {"pathway plan review date"}, Kind::Date, false},
          {"Latest Date of Contact", {"latest date of contact"}, Kind::Date, false}}},
        {10, "adoption", {"date of placement order", "placed for adoption"},
         {kChildId,
          {"Date the Child Entered Care", {"date the child entered care", "entered care"}, Kind::Date, false},
          {"Date of Placement Order", {"date of placement order"}, Kind::Date, false},
          {"Date Placed for Adoption", {"date placed for adoption"}, Kind::Date, false},
          {"Date of Adoption Order", {"date of adoption order"}, Kind::Date, false}}},
        {11, "adopters", {"adopter identifier", "adopter id"},
         {{"Individual adopter identifier", {"adopter identifier", "adopter id"}, Kind::Id, true},
          {"Date enquiry received", {"date enquiry received"}, Kind::Date, false},
          {"Date of Adoption Order", {"date of adoption order"}, Kind::Date, false}}},
    };
    return specs;
}

const ListSpec* spec_of(int number) {
    for (const auto& spec : list_specs()) {
        if (spec.number == number) return &spec;
    }
    return nullptr;
}

bool header_matches(const std::string& normalised, const ColumnSpec& column) {
    for (const auto phrase : column.phrases) {
        if (normalised.find(phrase) != std::string::npos) return true;
    }
    return false;
}

// For each column of the list, the header position that holds it.
std::vector<std::optional<std::size_t>> map_columns(const ListSpec& spec, const std::vector<std::string>& header) {
    std::vector<std::string> normalised;
    for (const auto& name : header) normalised.push_back(normalise_header(name));
    std::vector<std::optional<std::size_t>> positions;
    for (const auto& column : spec.columns) {
        std::optional<std::size_t> found;
        for (std::size_t i = 0; i < normalised.size() && !found; ++i) {
            if (header_matches(normalised[i], column)) found = i;
        }
        positions.push_back(found);
    }
    return positions;
}

// One value of a row, wherever it came from, with where to point a problem.
struct Field {
    std::string text;
    std::optional<double> number;  // a numeric cell
    bool error_value = false;       // #N/A and kin
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string place;
    std::string header;
};

class ListReader {
public:
    ListReader(const ListSpec& spec, ReportBuilder& report, domain::CaseData& out, DateSystem dates,
               std::string source_file)
        : m_spec(spec), m_report(report), m_out(out), m_dates(dates), m_source_file(std::move(source_file)) {}

    [[nodiscard]] std::string list_name() const {
        return "List " + std::to_string(m_spec.number) + " (" + std::string(m_spec.title) + ")";
    }

    // Checks one row; keeps it when its list is one csip keeps.
    void read_row(const std::vector<Field>& fields, std::uint32_t line) {
        m_report.count_read();
        const Field& id = fields[0];
        if (is_blank(id.text) && !id.number) {
            skip(list_name() + " row without an identifier", id, "the row has no " + std::string(m_spec.columns[0].label),
                 "give every row its identifier");
            return;
        }
        std::vector<std::optional<domain::Date>> dates(fields.size());
        std::vector<std::optional<bool>> flags(fields.size());
        for (std::size_t i = 1; i < fields.size(); ++i) {
            const auto& column = m_spec.columns[i];
            const Field& field = fields[i];
            const bool blank = !field.number && is_blank(field.text);
            if (blank) {
                if (column.required) {
                    skip(list_name() + " row without " + std::string(column.label), field,
                         std::string(column.label) + " is " + (trim(field.text).empty() ? "blank" : field.text),
                         "give the date for every row of the list");
                    return;
                }
                continue;
            }
            if (column.kind == Kind::Date) {
                dates[i] = date_of(field);
                if (!dates[i]) {
                    const bool leap_bug = field.number && *field.number >= 60.0 && *field.number < 61.0;
                    skip(
                        list_name() + " row with an unreadable date", field,
                        leap_bug
                            ? "date serial 60 is Excel's 29 February 1900, a day that never existed"
                            : "'" + printable(field.text) + "' is not a date",
                        "write the date as dd/mm/yyyy or YYYY-MM-DD, or format the cell as a date");
                    return;
                }
            } else if (column.kind == Kind::Flag) {
                flags[i] = parse_bool(field.text);
                if (!flags[i]) {
                    skip(list_name() + " row with an unreadable yes/no", field,
                         "'" + printable(field.text) + "' is not yes or no",
                         "write a) Yes or b) No, as Ofsted's template does");
                    return;
                }
            }
        }
        const std::string child = id.number ? format_number(*id.number) : std::string(trim(id.text));
        const domain::SourceRef source{m_source_file, line};
        if (m_spec.number == 4) {
            if (dates[2] && *dates[2] < *dates[1]) {
                skip("List 4 (assessments) row authorised before it started", fields[2],
                     "authorised " + dates[2]->iso() + ", before the start " + dates[1]->iso(),
                     "correct whichever of the two dates is wrong");
                return;
            }
            m_out.assessments.push_back({child, dates[1], dates[2], source});
            m_report.count_used();
        } else if (m_spec.number == 5) {
            if (dates[3] && *dates[3] < *dates[1]) {
                skip("List 5 (section 47 enquiries) row with its conference before its start", fields[3],
                     "initial conference " + dates[3]->iso() + ", before the enquiry began " + dates[1]->iso(),
                     "correct whichever of the two dates is wrong");
                return;
            }
            m_out.enquiries.push_back({child, dates[1], dates[3], flags[2].value_or(false), source});
            m_report.count_used();
        } else if (m_spec.number == 7 && dates[5] && *dates[5] < *dates[1]) {
            skip("List 7 (child protection) row with a plan that ended before it started", fields[5],
                 "plan ended " + dates[5]->iso() + ", before it started " + dates[1]->iso(),
                 "correct whichever of the two dates is wrong");
        } else {
            ++m_not_kept;
        }
    }

    void finish() {
        m_report.not_kept(list_name() + " rows: checked, not kept (Annex A gives only the latest dates, which csip's "
                                        "case data cannot hold)",
                          m_not_kept);
    }

private:
    std::optional<domain::Date> date_of(const Field& field) const {
        if (field.number) return date_from_serial(*field.number, m_dates);
        if (auto date = parse_date(field.text)) return date;
        // A CSV saved from a sheet whose dates were never formatted holds their serials.
        if (auto serial = parse_number(field.text)) return date_from_serial(*serial, m_dates);
        return std::nullopt;
    }

    void skip(const std::string& reason, const Field& field, std::string message, std::string fix) {
        m_report.skip(reason, Problem{.file = {},
                                      .place = field.place,
                                      .line = field.line,
                                      .column = field.column,
                                      .column_name = field.header,
                                      .message = std::move(message),
                                      .fix = std::move(fix)});
    }

    const ListSpec& m_spec;
    ReportBuilder& m_report;
    domain::CaseData& m_out;
    DateSystem m_dates;
    std::string m_source_file;
    std::uint64_t m_not_kept = 0;
};

std::string cell_name(std::uint32_t column, std::uint32_t row) {
    std::string letters;
    for (std::uint32_t c = column; c > 0; c = (c - 1) / 26) {
        letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    }
    return letters + std::to_string(row);
}

std::string cell_text(const SheetCell& cell) {
    return cell.kind == SheetCell::Kind::Number ? format_number(cell.number) : cell.text;
}

Problem missing_columns_problem(const ListSpec& spec, const std::vector<std::optional<std::size_t>>& positions,
                                std::string place, std::uint32_t line) {
    std::string missing;
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        if (spec.columns[i].required && !positions[i]) {
            missing += (missing.empty() ? "'" : ", '") + std::string(spec.columns[i].label) + "'";
        }
    }
    Problem problem;
    problem.place = std::move(place);
    problem.line = line;
    problem.message = "the header row has no column " + missing;
    problem.fix = "head the columns as Ofsted's Annex A template does";
    return problem;
}

bool has_required(const ListSpec& spec, const std::vector<std::optional<std::size_t>>& positions) {
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        if (spec.columns[i].required && !positions[i]) return false;
    }
    return true;
}

// Reads one sheet of the workbook as list `spec`.
Result<void> read_sheet(XlsxWorkbook& workbook, const std::string& sheet, const ListSpec& spec,
                        ReportBuilder& report, domain::CaseData& out, std::uint64_t& compressed_bytes) {
    ListReader reader(spec, report, out, workbook.date_system(), report.file() + " (" + sheet + ")");
    std::optional<std::vector<std::optional<std::size_t>>> positions;
    std::vector<std::string> header;
    std::uint32_t header_row = 0;
    std::uint32_t rows_seen = 0;
    bool header_bad = false;
    std::uint64_t rows_unread = 0;
    auto result = workbook.read_sheet(
        sheet,
        [&](const SheetRow& row) {
            if (row.cells.empty()) return true;
            if (!positions) {
                // The header is the first row that names the identifier, within the first ten.
                if (++rows_seen > 10) {
                    header_bad = true;
                    return false;
                }
                std::vector<std::string> names;
                for (const auto& cell : row.cells) {
                    if (names.size() < cell.column) names.resize(cell.column);
                    names[cell.column - 1] = cell_text(cell);
                }
                auto mapped = map_columns(spec, names);
                if (!mapped[0]) return true;
                header = std::move(names);
                header_row = row.row;
                positions = std::move(mapped);
                if (!has_required(spec, *positions)) {
                    header_bad = true;
                    return true;  // go on counting the rows that cannot be read
                }
                return true;
            }
            bool any = false;
            for (const auto& cell : row.cells) any = any || !is_blank(cell_text(cell));
            if (!any) return true;
            if (header_bad) {
                ++rows_unread;
                return true;
            }
            std::vector<Field> fields;
            for (std::size_t i = 0; i < spec.columns.size(); ++i) {
                Field field;
                field.line = row.row;
                const auto position = (*positions)[i];
                const auto column = position ? static_cast<std::uint32_t>(*position + 1) : 0;
                field.column = column;
                field.place = sheet + "!" + cell_name(column == 0 ? 1 : column, row.row);
                if (position) {
                    field.header = header[*position];
                    if (const SheetCell* cell = row.cell(column)) {
                        field.text = cell_text(*cell);
                        if (cell->kind == SheetCell::Kind::Number) field.number = cell->number;
                        field.error_value = cell->kind == SheetCell::Kind::Error;
                        if (field.error_value) field.text = cell->text;
                    }
                }
                fields.push_back(std::move(field));
            }
            reader.read_row(fields, row.row);
            report.progress(compressed_bytes);
            return true;
        },
        compressed_bytes);
    if (!result) return result;
    if (!positions || header_bad) {
        Problem problem = positions ? missing_columns_problem(spec, *positions, sheet, header_row)
                                    : Problem{.file = {},
                                              .place = sheet,
                                              .line = 1,
                                              .column = 0,
                                              .column_name = {},
                                              .message = "no header row naming '" +
                                                         std::string(spec.columns[0].label) +
                                                         "' in the first ten rows",
                                              .fix = "head the columns as Ofsted's Annex A template does"};
        report.count_read(rows_unread);
        report.skip(reader.list_name() + " sheet without its columns", std::move(problem));
        report.not_kept(reader.list_name() + " rows in a sheet whose columns could not be found", rows_unread);
        return {};
    }
    reader.finish();
    return {};
}

}  // namespace

std::string normalise_header(std::string_view header) {
    std::string out;
    bool space = false;
    for (char c : header) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

std::optional<int> annex_a_list_of_header(const std::vector<std::string>& header) {
    std::vector<std::string> normalised;
    for (const auto& name : header) normalised.push_back(normalise_header(name));
    // From List 11 down: a later list may carry a phrase of an earlier one (List 9's 'Latest
    // Date of Contact' holds List 1's 'date of contact'), never the reverse.
    const auto& specs = list_specs();
    for (auto it = specs.rbegin(); it != specs.rend(); ++it) {
        const auto& spec = *it;
        bool signed_here = false;
        for (const auto phrase : spec.signature) {
            for (const auto& name : normalised) signed_here = signed_here || name.find(phrase) != std::string::npos;
        }
        if (signed_here && has_required(spec, map_columns(spec, header))) return spec.number;
    }
    return std::nullopt;
}

std::optional<int> annex_a_list_of_sheet(std::string_view sheet_name) {
    const auto name = normalise_header(sheet_name);
    if (name.rfind("list ", 0) != 0) return std::nullopt;
    int number = 0;
    std::size_t i = 5;
    for (; i < name.size() && name[i] >= '0' && name[i] <= '9' && number < 100; ++i) number = number * 10 + (name[i] - '0');
    if (i == 5 || (i < name.size() && name[i] != ' ')) return std::nullopt;
    if (number < 1 || number > 11) return std::nullopt;
    return number;
}

Result<void> read_annex_a_workbook(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out) {
    auto opened = XlsxWorkbook::open(path, report.file());
    if (!opened) return fail(opened.error());
    auto& workbook = *opened;
    bool any_list = false;
    std::uint64_t compressed_bytes = 0;
    for (const auto& sheet : workbook.sheet_names()) {
        const auto number = annex_a_list_of_sheet(sheet);
        if (!number) continue;
        any_list = true;
        if (auto read = read_sheet(workbook, sheet, *spec_of(*number), report, out, compressed_bytes); !read) {
            return read;
        }
    }
    if (!any_list) {
        return not_this_format(report.file(), ReturnFormat::AnnexAWorkbook, "it has no sheet named List 1 ... List 11");
    }
    return {};
}

Result<void> read_annex_a_list(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::NotFound, report.file() + ": cannot open the file", report.file());
    CsvReader csv(in);
    CsvRecord record;
    if (!csv.next(record)) return not_this_format(report.file(), ReturnFormat::AnnexAList, "it is empty");
    const CsvHeader header(record);
    const auto number = annex_a_list_of_header(header.names());
    if (!number) {
        const std::string found = printable(header.joined(), 200);
        return not_this_format(report.file(), ReturnFormat::AnnexAList,
                               "its header row matches none of the lists; it reads: " + found);
    }
    const ListSpec& spec = *spec_of(*number);
    const auto positions = map_columns(spec, header.names());
    ListReader reader(spec, report, out, DateSystem::Excel1900, report.file());
    while (csv.next(record)) {
        std::vector<Field> fields;
        for (std::size_t i = 0; i < spec.columns.size(); ++i) {
            Field field;
            field.line = record.line;
            if (const auto position = positions[i]) {
                field.text = std::string(trim(record.text(*position)));
                field.column = static_cast<std::uint32_t>(*position + 1);
                if (*position < record.fields.size()) field.line = record.fields[*position].line;
                field.header = header.names()[*position];
            }
            fields.push_back(std::move(field));
        }
        if (auto bad = unreadable(record, header)) {
            report.count_read();
            report.skip(bad->reason, std::move(bad->problem));
            continue;
        }
        reader.read_row(fields, record.line);
        report.progress(csv.bytes_read());
    }
    reader.finish();
    return {};
}

}  // namespace csip::import::returns
