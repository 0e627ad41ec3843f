// The Annex A reader, for the workbook (one sheet per list, read with XlsxWorkbook) and for a
// list saved as CSV. Headers are matched loosely, since councils' templates vary in wording:
// each typed column is found by the whole words its normalised header contains, the first
// phrase of its list that any header holds winning. Dates may be Excel serial numbers or text;
// blank cells and error values (#N/A) count as empty; lettered codes ('b) No') are read without
// their letter. The column sets are those of Ofsted's pre-2024 and 2024 templates, as Social
// Finance's liia-tools-pipeline lists them (liiatools/annex_a_pipeline/spec/Annex_A_schema.yml).
#include "import/returns/annex_a.hpp"

#include <array>
#include <cmath>
#include <fstream>
#include <utility>

#include "import/returns/csv_table.hpp"
#include "import/returns/reader_support.hpp"
#include "import/returns/values.hpp"
#include "import/returns/xlsx_workbook.hpp"

namespace csip::import::returns {
namespace {

// Which field of domain::AnnexAChild a column fills.
enum class Target {
    Id,
    Birth,
    Team,
    Worker,
    Start,
    End,
    LastVisit,
    LatestReview,
    HealthAssessment,
    DentalCheck,
    Placements,
    PreviousPlans,
    InTouch,
    SuitableAccommodation,
    NoConferenceNeeded,
    Activity,
};

enum class Kind { Id, Text, Date, Count, YesNo, InTouch, Suitability, Activity };

Kind kind_of(Target target) {
    switch (target) {
        case Target::Id:
            return Kind::Id;
        case Target::Team:
        case Target::Worker:
            return Kind::Text;
        case Target::Birth:
        case Target::Start:
        case Target::End:
        case Target::LastVisit:
        case Target::LatestReview:
        case Target::HealthAssessment:
        case Target::DentalCheck:
            return Kind::Date;
        case Target::Placements:
        case Target::PreviousPlans:
            return Kind::Count;
        case Target::NoConferenceNeeded:
            return Kind::YesNo;
        case Target::InTouch:
            return Kind::InTouch;
        case Target::SuitableAccommodation:
            return Kind::Suitability;
        case Target::Activity:
            return Kind::Activity;
    }
    return Kind::Text;
}

struct ColumnSpec {
    std::string_view label;                 // as Ofsted's template heads it
    std::vector<std::string_view> phrases;  // normalised phrases, the first found winning
    Target target;
    bool required = false;
};

struct ListSpec {
    int number;
    std::string_view title;
    std::vector<std::string_view> signature;  // phrases only this list's header holds
    std::vector<ColumnSpec> columns;          // the first is always the identifier
};

const ColumnSpec kChildId{"Child Unique ID",
                          {"child unique id", "child id", "unique id", "child identifier"},
                          Target::Id,
                          true};

// The columns any list may have, after its own: a list's own phrases claim a header first.
const std::array<ColumnSpec, 3> kEveryList{{
    {"Date of Birth", {"date of birth", "birth date", "dob"}, Target::Birth},
    {"Allocated Team", {"allocated team", "team"}, Target::Team},
    {"Allocated Worker",
     {"allocated worker", "allocated social worker", "social worker", "worker"},
     Target::Worker},
}};

std::vector<ListSpec> make_list_specs() {
    std::vector<ListSpec> specs = {
        {1,
         "contacts",
         {"date of contact"},
         {kChildId, {"Date of Contact", {"date of contact", "contact date"}, Target::Start, true}}},
        {2,
         "early help assessments",
         {"organisation completing assessment", "assessment completion date"},
         {kChildId,
          {"Assessment start date", {"assessment start date"}, Target::Start, true},
          {"Assessment completion date", {"assessment completion date"}, Target::End}}},
        {3,
         "referrals",
         {"date of referral", "referral nfa"},
         {kChildId,
          {"Date of Referral", {"date of referral", "referral date"}, Target::Start, true}}},
        {4,
         "assessments",
         {"continuous assessment", "date of authorisation"},
         {kChildId,
          {"Continuous Assessment Start Date", {"assessment start date"}, Target::Start, true},
          {"Continuous Assessment Date of Authorisation",
           {"date of authorisation", "authorisation date"},
           Target::End}}},
        {5,
         "section 47 enquiries",
         {"section 47 enquiry start date", "s47 start date"},
         {kChildId,
          {"Strategy discussion initiating Section 47 Enquiry Start Date",
           {"section 47 enquiry start date", "s47 start date"},
           Target::Start,
           true},
          {"Was an Initial Child Protection Conference deemed unnecessary?",
           {"conference deemed unnecessary", "icpc deemed unnecessary", "icpc not required"},
           Target::NoConferenceNeeded},
          {"Date of Initial Child Protection Conference",
           {"date of initial child protection conference", "date of icpc", "icpc date"},
           Target::End}}},
        {6,
         "children in need",
         {"cin start date"},
         {kChildId,
          {"CIN Start Date", {"cin start date"}, Target::Start, true},
          {"Date Child Was Last Seen",
           {"date child was last seen", "last seen"},
           Target::LastVisit},
          {"CIN Closure Date", {"cin closure date"}, Target::End}}},
        {7,
         "child protection",
         {"child protection plan start date", "cp plan start date"},
         {kChildId,
          {"Child Protection Plan Start Date",
           {"child protection plan start date", "cp plan start date"},
           Target::Start,
           true},
          {"Date of the Last Statutory Visit", {"last statutory visit"}, Target::LastVisit},
          {"Date of latest review conference", {"latest review conference"}, Target::LatestReview},
          {"Child Protection Plan End Date",
           {"child protection plan end date", "cp plan end date"},
           Target::End},
          {"Number of Previous Child Protection Plans",
           {"number of previous child protection plans", "previous child protection plans",
            "previous cp plans", "previous plans"},
           Target::PreviousPlans}}},
        {8,
         "children looked after",
         {"date started to be looked after"},
         {kChildId,
          {"Date Started to be Looked After",
           {"date started to be looked after"},
           Target::Start,
           true},
          {"Date of Latest Statutory Review", {"latest statutory review"}, Target::LatestReview},
          {"Date of Last Social Work Visit", {"last social work visit"}, Target::LastVisit},
          {"Date of Last Health Assessment", {"last health assessment"}, Target::HealthAssessment},
          {"Date of Last Dental Check", {"last dental check"}, Target::DentalCheck},
          {"Number of Placements in the Last 12 months",
           {"number of placements", "placements in the last 12 months"},
           Target::Placements},
          {"Date Ceased to be Looked After", {"date ceased to be looked after"}, Target::End}}},
        {9,
         "care leavers",
         {"eligibility category", "activity status", "main activity"},
         {kChildId,
          {"Latest Pathway Plan Review Date", {"pathway plan review date"}, Target::LatestReview},
          {"Latest Date of Contact", {"latest date of contact"}, Target::LastVisit},
          {"LA in Touch", {"la in touch", "local authority in touch", "in touch"}, Target::InTouch},
          {"Suitability of Accommodation",
           {"suitability of accommodation", "accommodation suitable", "suitable accommodation",
            "suitability", "suitable"},
           Target::SuitableAccommodation},
          {"Activity Status", {"activity status", "main activity", "activity"}, Target::Activity}}},
        {10,
         "adoption",
         {"date of placement order", "placed for adoption"},
         {kChildId,
          {"Date the Child Entered Care",
           {"date the child entered care", "entered care"},
           Target::Start},
          {"Date of Adoption Order", {"date of adoption order"}, Target::End}}},
        {11,
         "adopters",
         {"adopter identifier", "adopter id"},
         {{"Individual adopter identifier", {"adopter identifier", "adopter id"}, Target::Id, true},
          {"Date enquiry received", {"date enquiry received"}, Target::Start},
          {"Date of Adoption Order", {"date of adoption order"}, Target::End}}},
    };
    for (auto& spec : specs)
        spec.columns.insert(spec.columns.end(), kEveryList.begin(), kEveryList.end());
    return specs;
}

const std::vector<ListSpec>& list_specs() {
    static const std::vector<ListSpec> specs = make_list_specs();
    return specs;
}

const ListSpec* spec_of(int number) {
    for (const auto& spec : list_specs()) {
        if (spec.number == number) return &spec;
    }
    return nullptr;
}

// Whether `phrase` is in the normalised header as whole words: 'team' is in 'allocated team',
// not in 'steam'.
bool has_words(std::string_view normalised, std::string_view phrase) {
    for (auto at = normalised.find(phrase); at != std::string_view::npos;
         at = normalised.find(phrase, at + 1)) {
        const auto end = at + phrase.size();
        const bool starts = at == 0 || normalised[at - 1] == ' ';
        const bool ends = end == normalised.size() || normalised[end] == ' ';
        if (starts && ends) return true;
    }
    return false;
}

// For each column of the list, the header position that holds it. Each header is claimed by
// one column at most, in the list's order, so that 'Allocated Team' is never also a date.
std::vector<std::optional<std::size_t>> map_columns(const ListSpec& spec,
                                                    const std::vector<std::string>& header) {
    std::vector<std::string> normalised;
    normalised.reserve(header.size());
    for (const auto& name : header) normalised.push_back(normalise_header(name));
    std::vector<bool> claimed(header.size(), false);
    std::vector<std::optional<std::size_t>> positions;
    for (const auto& column : spec.columns) {
        std::optional<std::size_t> found;
        for (const auto phrase : column.phrases) {
            for (std::size_t i = 0; i < normalised.size() && !found; ++i) {
                if (!claimed[i] && has_words(normalised[i], phrase)) found = i;
            }
            if (found) break;
        }
        if (found) claimed[*found] = true;
        positions.push_back(found);
    }
    return positions;
}

bool has_required(const ListSpec& spec, const std::vector<std::optional<std::size_t>>& positions) {
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        if (spec.columns[i].required && !positions[i]) return false;
    }
    return true;
}

// A column outside the typed ones holds dates when its header says so ('Date Placed for
// Adoption', 'Start date of current legal status').
bool is_date_header(std::string_view header) { return has_words(normalise_header(header), "date"); }

// One cell of a row, wherever it came from. Its column is its place in the header.
struct Cell {
    std::string text;
    std::optional<double> number;  // a numeric cell
    std::uint32_t line = 0;
};

bool is_blank_cell(const Cell& cell) { return !cell.number && is_blank(cell.text); }

// The answers a coded column takes, after the letter of Ofsted's template is stripped. Answers
// that say the fact is not known keep the flag empty.
struct Answer {
    std::string_view text;
    std::optional<bool> flag;
};

constexpr std::array kUnknownAnswers = {std::string_view("Not known"), std::string_view("Unknown"),
                                        std::string_view("Not recorded")};

// 'LA in Touch' takes the SSDA903's IN_TOUCH codes as the template letters them: a) Yes, b) No,
// c) Died, d) Refu (refuses contact), e) NREQ (no longer requires services), f) Rhom (returned
// home). Only Yes and No say whether the authority is in touch.
constexpr std::array<Answer, 6> kInTouchAnswers{{{"Died", std::nullopt},
                                                 {"Refu", std::nullopt},
                                                 {"Refused", std::nullopt},
                                                 {"NREQ", std::nullopt},
                                                 {"Rhom", std::nullopt},
                                                 {"Not in touch", false}}};

constexpr std::array<Answer, 3> kSuitabilityAnswers{
    {{"Suitable", true}, {"Unsuitable", false}, {"Not suitable", false}}};

// The care leaver's activity: the SSDA903's OC3 ACTIV codes (DfE's validation rule 132, as
// data-to-insight's csc-validator-be-903 keeps it: F1, P1, F2, P2, F4, P4, F5, P5, G4, G5, G6)
// and F3 and P3 (full or part time in training or employment), which Ofsted's Annex A template
// still offers (liia-tools-pipeline's Annex_A_schema.yml).
constexpr std::array kActivityCodes = {
    std::string_view("F1"), std::string_view("P1"), std::string_view("F2"), std::string_view("P2"),
    std::string_view("F3"), std::string_view("P3"), std::string_view("F4"), std::string_view("P4"),
    std::string_view("F5"), std::string_view("P5"), std::string_view("G4"), std::string_view("G5"),
    std::string_view("G6")};

template <std::size_t N>
const Answer* find_answer(const std::array<Answer, N>& answers, std::string_view text) {
    for (const auto& answer : answers) {
        if (iequals(answer.text, text)) return &answer;
    }
    return nullptr;
}

bool is_unknown_answer(std::string_view text) {
    for (const auto unknown : kUnknownAnswers) {
        if (iequals(unknown, text)) return true;
    }
    return false;
}

// A yes/no style answer: nothing when the text is none of the column's answers; an empty flag
// for an answer that says the fact is not known.
std::optional<std::optional<bool>> read_answer(Kind kind, std::string_view text) {
    using Read = std::optional<std::optional<bool>>;
    if (auto flag = parse_bool(text)) return Read(std::in_place, *flag);
    if (is_unknown_answer(text)) return Read(std::in_place, std::nullopt);
    const Answer* answer = nullptr;
    if (kind == Kind::InTouch) answer = find_answer(kInTouchAnswers, text);
    if (kind == Kind::Suitability) answer = find_answer(kSuitabilityAnswers, text);
    if (answer) return Read(std::in_place, answer->flag);
    return std::nullopt;
}

// The activity code at the start of the text ('F1: Full time in higher education' is F1), when
// it is one of the codes.
std::optional<std::string> read_activity(std::string_view text) {
    std::string code;
    for (std::size_t i = 0; i < text.size() && code.size() < 3; ++i) {
        const char c = text[i];
        if (c >= 'a' && c <= 'z') {
            code.push_back(static_cast<char>(c - 'a' + 'A'));
        } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            code.push_back(c);
        } else {
            break;
        }
    }
    for (const auto known : kActivityCodes) {
        if (code == known) return code;
    }
    return std::nullopt;
}

std::string_view codes_allowed(Kind kind) {
    switch (kind) {
        case Kind::YesNo:
            return "a) Yes, b) No or Not known";
        case Kind::InTouch:
            return "a) Yes, b) No, c) Died, d) Refu (refuses contact), e) NREQ (no longer requires "
                   "services), f) Rhom (returned home) or Not known";
        case Kind::Suitability:
            return "a) Suitable, b) Unsuitable or Not known";
        case Kind::Activity:
            return "F1, P1, F2, P2, F3, P3, F4, P4, F5, P5, G4, G5, G6 or Not known";
        default:
            return "";
    }
}

std::string_view code_fix(Kind kind) {
    if (kind == Kind::Activity) {
        return "begin the activity with its SSDA903 code, as Ofsted's template does, e.g. 'F1: "
               "Full time in higher education'";
    }
    return "write one of the answers Ofsted's template offers, e.g. a) Yes";
}

// The most a count column holds: no child has thousands of placements or plans, and a count
// must fit an int.
constexpr double kMaxCount = 9999.0;

std::string cell_name(std::uint32_t column, std::uint32_t row) {
    std::string letters;
    for (std::uint32_t c = column; c > 0; c = (c - 1) / 26) {
        letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    }
    return letters + std::to_string(row);
}

std::string list_name_of(const ListSpec& spec) {
    return "List " + std::to_string(spec.number) + " (" + std::string(spec.title) + ")";
}

// Reads the rows of one list, under one header, into the snapshot's children.
class ListReader {
  public:
    // `sheet` is the workbook sheet the rows come from, empty for a CSV file.
    ListReader(const ListSpec& spec, std::vector<std::string> header, ReportBuilder& report,
               std::vector<domain::AnnexAChild>& children, DateSystem dates,
               std::string source_file, std::string sheet)
        : m_spec(spec),
          m_header(std::move(header)),
          m_positions(map_columns(spec, m_header)),
          m_column_of(m_header.size()),
          m_date_header(m_header.size(), false),
          m_report(report),
          m_children(children),
          m_dates(dates),
          m_source_file(std::move(source_file)),
          m_sheet(std::move(sheet)) {
        for (std::size_t i = 0; i < m_positions.size(); ++i) {
            if (m_positions[i]) m_column_of[*m_positions[i]] = i;
        }
        for (std::size_t i = 0; i < m_header.size(); ++i)
            m_date_header[i] = is_date_header(m_header[i]);
    }

    [[nodiscard]] std::string list_name() const { return list_name_of(m_spec); }
    [[nodiscard]] const std::vector<std::string>& header() const { return m_header; }

    // Checks one row, whose cells follow the header, and keeps it when it can be read.
    void read_row(const std::vector<Cell>& cells, std::uint32_t line) {
        m_report.count_read();
        const std::size_t id_at = *m_positions[0];
        const Cell& id = cells[id_at];
        if (is_blank_cell(id)) {
            skip(list_name() + " row without an identifier", id_at, cells,
                 "the row has no " + std::string(m_spec.columns[0].label),
                 "give every row its identifier");
            return;
        }
        domain::AnnexAChild child;
        child.list = m_spec.number;
        child.child_id = id.number ? format_number(*id.number) : std::string(trim(id.text));
        child.source = {m_source_file, line};
        child.values.reserve(m_header.size());
        for (std::size_t i = 0; i < m_header.size(); ++i) {
            std::string value;
            if (!read_cell(cells, i, child, value)) return;
            if (!m_header[i].empty()) child.values.emplace_back(m_header[i], std::move(value));
        }
        if (!dates_in_order(cells, child)) return;
        m_children.push_back(std::move(child));
        m_report.count_used();
    }

  private:
    // Reads cell `i` into the child's typed field, if its column is one, and into `value` as
    // `values` keeps it. False when the row is skipped.
    bool read_cell(const std::vector<Cell>& cells, std::size_t i, domain::AnnexAChild& child,
                   std::string& value) {
        const Cell& cell = cells[i];
        const bool blank = is_blank_cell(cell);
        const auto column = m_column_of[i];
        if (!column) {
            if (blank) return true;
            if (!m_date_header[i]) {
                value = cell.number ? format_number(*cell.number)
                                    : std::string(strip_list_letter(cell.text));
                return true;
            }
            const auto date = read_date(cells, i);
            if (date) value = date->iso();
            return date.has_value();
        }
        const ColumnSpec& spec = m_spec.columns[*column];
        if (spec.target == Target::Id) {
            value = child.child_id;
            return true;
        }
        if (blank) {
            if (!spec.required) return true;
            skip(list_name() + " row without " + std::string(spec.label), i, cells,
                 std::string(spec.label) + " is " + (trim(cell.text).empty() ? "blank" : cell.text),
                 "give the date for every row of the list");
            return false;
        }
        const Kind kind = kind_of(spec.target);
        if (kind == Kind::Date) {
            const auto date = read_date(cells, i);
            if (!date) return false;
            date_field(child, spec.target) = date;
            value = date->iso();
            return true;
        }
        if (kind == Kind::Count) {
            const auto number = cell.number ? cell.number : parse_number(cell.text);
            if (!number || *number < 0 || *number > kMaxCount || std::floor(*number) != *number) {
                skip(
                    list_name() + " row with an unreadable number", i, cells,
                    "'" + printable(cell.text) + "' is not a count (a whole number from 0 to 9999)",
                    "write the number alone, e.g. 2");
                return false;
            }
            const int count = static_cast<int>(*number);
            (spec.target == Target::Placements ? child.placements_last_12_months
                                               : child.previous_plans) = count;
            value = format_number(*number);
            return true;
        }
        value =
            cell.number ? format_number(*cell.number) : std::string(strip_list_letter(cell.text));
        if (kind == Kind::Text) {
            (spec.target == Target::Team ? child.team : child.worker) = value;
            return true;
        }
        if (kind == Kind::Activity) {
            // 'Not known' is an answer, not a code: the activity stays empty.
            if (is_unknown_answer(value)) return true;
            if (auto code = read_activity(value)) {
                child.activity = std::move(*code);
                return true;
            }
        } else if (const auto answer = read_answer(kind, value)) {
            answer_field(child, spec.target) = *answer;
            return true;
        }
        skip(list_name() + " row with an unknown code", i, cells,
             "'" + printable(value) + "' is not one of this column's codes, which are " +
                 std::string(codes_allowed(kind)),
             std::string(code_fix(kind)));
        return false;
    }

    // The date in cell `i`; nothing, the row skipped, when it is not one.
    std::optional<domain::Date> read_date(const std::vector<Cell>& cells, std::size_t i) {
        const Cell& cell = cells[i];
        std::optional<domain::Date> date;
        if (cell.number) {
            date = date_from_serial(*cell.number, m_dates);
        } else if (auto text = parse_date(cell.text)) {
            date = text;
        } else if (auto serial = parse_number(cell.text)) {
            // A CSV saved from a sheet whose dates were never formatted holds their serials.
            date = date_from_serial(*serial, m_dates);
        }
        if (date) return date;
        const auto serial = cell.number ? cell.number : parse_number(cell.text);
        const bool leap_bug =
            m_dates == DateSystem::Excel1900 && serial && *serial >= 60.0 && *serial < 61.0;
        skip(list_name() + " row with an unreadable date", i, cells,
             leap_bug ? "date serial 60 is Excel's 29 February 1900, a day that never existed"
                      : "'" + printable(cell.text) + "' is not a date",
             "write the date as dd/mm/yyyy or YYYY-MM-DD, or format the cell as a date");
        return std::nullopt;
    }

    // The checks across a row's dates: what ends cannot end before it starts.
    bool dates_in_order(const std::vector<Cell>& cells, const domain::AnnexAChild& child) {
        if (!child.start || !child.end || !(*child.end < *child.start)) return true;
        const std::size_t end_at = *position_of(Target::End);
        const std::string start = child.start->iso();
        const std::string end = child.end->iso();
        const std::string fix = "correct whichever of the two dates is wrong";
        switch (m_spec.number) {
            case 4:
                skip("List 4 (assessments) row authorised before it started", end_at, cells,
                     "authorised " + end + ", before the start " + start, fix);
                return false;
            case 5:
                skip("List 5 (section 47 enquiries) row with its conference before its start",
                     end_at, cells,
                     "initial conference " + end + ", before the enquiry began " + start, fix);
                return false;
            case 7:
                skip("List 7 (child protection) row with a plan that ended before it started",
                     end_at, cells, "plan ended " + end + ", before it started " + start, fix);
                return false;
            default:
                return true;
        }
    }

    [[nodiscard]] std::optional<std::size_t> position_of(Target target) const {
        for (std::size_t i = 0; i < m_spec.columns.size(); ++i) {
            if (m_spec.columns[i].target == target) return m_positions[i];
        }
        return std::nullopt;
    }

    static std::optional<domain::Date>& date_field(domain::AnnexAChild& child, Target target) {
        switch (target) {
            case Target::Birth:
                return child.birth;
            case Target::Start:
                return child.start;
            case Target::End:
                return child.end;
            case Target::LastVisit:
                return child.last_visit;
            case Target::LatestReview:
                return child.latest_review;
            case Target::HealthAssessment:
                return child.health_assessment;
            default:
                return child.dental_check;
        }
    }

    static std::optional<bool>& answer_field(domain::AnnexAChild& child, Target target) {
        switch (target) {
            case Target::InTouch:
                return child.in_touch;
            case Target::SuitableAccommodation:
                return child.suitable_accommodation;
            default:
                return child.no_conference_needed;
        }
    }

    void skip(const std::string& reason, std::size_t i, const std::vector<Cell>& cells,
              std::string message, std::string fix) {
        const auto column = static_cast<std::uint32_t>(i + 1);
        const std::uint32_t line = cells[i].line;
        m_report.skip(reason,
                      Problem{.file = {},
                              .place = m_sheet.empty() ? std::string()
                                                       : m_sheet + "!" + cell_name(column, line),
                              .line = line,
                              .column = column,
                              .column_name = m_header[i],
                              .message = std::move(message),
                              .fix = std::move(fix)});
    }

    const ListSpec& m_spec;
    std::vector<std::string> m_header;
    std::vector<std::optional<std::size_t>> m_positions;  // per spec column, its header position
    std::vector<std::optional<std::size_t>> m_column_of;  // per header position, its spec column
    std::vector<bool> m_date_header;
    ReportBuilder& m_report;
    std::vector<domain::AnnexAChild>& m_children;
    DateSystem m_dates;
    std::string m_source_file;
    std::string m_sheet;
};

std::string cell_text(const SheetCell& cell) {
    return cell.kind == SheetCell::Kind::Number ? format_number(cell.number) : cell.text;
}

Problem missing_columns_problem(const ListSpec& spec,
                                const std::vector<std::optional<std::size_t>>& positions,
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

// Reads one sheet of the workbook as list `spec` into `children`.
Result<void> read_sheet(XlsxWorkbook& workbook, const std::string& sheet, const ListSpec& spec,
                        ReportBuilder& report, std::vector<domain::AnnexAChild>& children,
                        std::uint64_t& compressed_bytes) {
    std::optional<ListReader> reader;
    std::optional<std::vector<std::optional<std::size_t>>> positions;
    std::uint32_t header_row = 0;
    std::uint32_t rows_seen = 0;
    bool header_bad = false;
    std::uint64_t rows_unread = 0;
    std::vector<Cell> cells;
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
                    names[cell.column - 1] = std::string(trim(cell_text(cell)));
                }
                auto mapped = map_columns(spec, names);
                if (!mapped[0]) return true;
                header_row = row.row;
                positions = std::move(mapped);
                if (!has_required(spec, *positions)) {
                    header_bad = true;
                    return true;  // go on counting the rows that cannot be read
                }
                reader.emplace(spec, std::move(names), report, children, workbook.date_system(),
                               report.file() + " (" + sheet + ")", sheet);
                return true;
            }
            bool any = false;
            for (const auto& cell : row.cells) any = any || !is_blank(cell_text(cell));
            if (!any) return true;
            if (header_bad) {
                ++rows_unread;
                return true;
            }
            const auto width = reader->header().size();
            cells.assign(width, Cell{{}, std::nullopt, row.row});
            for (const auto& cell : row.cells) {
                if (cell.column == 0 || cell.column > width) continue;
                Cell& into = cells[cell.column - 1];
                into.text = cell_text(cell);
                if (cell.kind == SheetCell::Kind::Number) into.number = cell.number;
            }
            reader->read_row(cells, row.row);
            report.progress(compressed_bytes);
            return true;
        },
        compressed_bytes);
    if (!result) return result;
    if (!positions || header_bad) {
        Problem problem =
            positions
                ? missing_columns_problem(spec, *positions, sheet, header_row)
                : Problem{.file = {},
                          .place = sheet,
                          .line = 1,
                          .column = 0,
                          .column_name = {},
                          .message = "no header row naming '" + std::string(spec.columns[0].label) +
                                     "' in the first ten rows",
                          .fix = "head the columns as Ofsted's Annex A template does"};
        report.count_read(rows_unread);
        report.skip(list_name_of(spec) + " sheet without its columns", std::move(problem));
        report.not_kept(list_name_of(spec) + " rows in a sheet whose columns could not be found",
                        rows_unread);
    }
    return {};
}

}  // namespace

std::string normalise_header(std::string_view header) {
    std::string out;
    bool space = false;
    for (char c : header) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
    normalised.reserve(header.size());
    for (const auto& name : header) normalised.push_back(normalise_header(name));
    // From List 11 down: a later list may carry a phrase of an earlier one (List 9's 'Latest
    // Date of Contact' holds List 1's 'date of contact'), never the reverse.
    const auto& specs = list_specs();
    for (auto it = specs.rbegin(); it != specs.rend(); ++it) {
        const auto& spec = *it;
        bool signed_here = false;
        for (const auto phrase : spec.signature) {
            for (const auto& name : normalised)
                signed_here = signed_here || has_words(name, phrase);
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
    for (; i < name.size() && name[i] >= '0' && name[i] <= '9' && number < 100; ++i)
        number = number * 10 + (name[i] - '0');
    if (i == 5 || (i < name.size() && name[i] != ' ')) return std::nullopt;
    if (number < 1 || number > 11) return std::nullopt;
    return number;
}

Result<void> read_annex_a_workbook(const std::filesystem::path& path, ReportBuilder& report,
                                   domain::CaseData& out) {
    auto opened = XlsxWorkbook::open(path, report.file());
    if (!opened) return fail(opened.error());
    auto& workbook = *opened;
    bool any_list = false;
    std::uint64_t compressed_bytes = 0;
    domain::AnnexASnapshot snapshot;
    for (const auto& sheet : workbook.sheet_names()) {
        const auto number = annex_a_list_of_sheet(sheet);
        if (!number) continue;
        any_list = true;
        if (auto read = read_sheet(workbook, sheet, *spec_of(*number), report, snapshot.children,
                                   compressed_bytes);
            !read) {
            return read;
        }
    }
    if (!any_list) {
        return not_this_format(report.file(), ReturnFormat::AnnexAWorkbook,
                               "it has no sheet named List 1 ... List 11");
    }
    out.annex_a.push_back(std::move(snapshot));
    return {};
}

Result<void> read_annex_a_list(const std::filesystem::path& path, ReportBuilder& report,
                               domain::CaseData& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorKind::NotFound, report.file() + ": cannot open the file", report.file());
    CsvReader csv(in);
    CsvRecord record;
    if (!csv.next(record))
        return not_this_format(report.file(), ReturnFormat::AnnexAList, "it is empty");
    const CsvHeader header(record);
    const auto number = annex_a_list_of_header(header.names());
    if (!number) {
        const std::string found = printable(header.joined(), 200);
        return not_this_format(report.file(), ReturnFormat::AnnexAList,
                               "its header row matches none of the lists; it reads: " + found);
    }
    domain::AnnexASnapshot snapshot;
    ListReader reader(*spec_of(*number), header.names(), report, snapshot.children,
                      DateSystem::Excel1900, report.file(), {});
    const auto width = header.names().size();
    std::vector<Cell> cells(width);
    while (csv.next(record)) {
        if (auto bad = unreadable(record, header)) {
            report.count_read();
            report.skip(bad->reason, std::move(bad->problem));
            continue;
        }
        for (std::size_t i = 0; i < width; ++i) {
            cells[i].text = std::string(trim(record.text(i)));
            cells[i].line = i < record.fields.size() ? record.fields[i].line : record.line;
        }
        reader.read_row(cells, record.line);
        report.progress(csv.bytes_read());
    }
    out.annex_a.push_back(std::move(snapshot));
    return {};
}

}  // namespace csip::import::returns
