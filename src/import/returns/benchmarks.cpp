#include "import/returns/benchmarks.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <regex>
#include <set>
#include <tuple>

#include "domain/text.hpp"
#include "import/csv.hpp"
#include "import/returns/csv_reader.hpp"
#include "import/returns/csv_table.hpp"
#include "import/returns/reader_support.hpp"

namespace csip::import::returns {
namespace {

using domain::AreaLevel;
using domain::PublishedFigure;
using domain::PublishedSource;

// The publications, as every figure from them says where it comes from.
constexpr std::string_view kWorkforce = "EES: Children's social work workforce";
constexpr std::string_view kReferrals = "EES: Children in need, referrals and re-referrals";
constexpr std::string_view kSection47 =
    "EES: Children in need, section 47 enquiries and initial child protection conferences";
constexpr std::string_view kClaOutcomes =
    "EES: Outcomes for children looked after by local authorities";
constexpr std::string_view kLait = "LAIT: Local Authority Interactive Tool";

// An EES measure column and the csip measure it gives.
struct EesColumn {
    std::string_view column;
    std::string_view measure;
    std::string_view dataset;
};
constexpr std::array<EesColumn, 5> kEesColumns{{
    {"agency_rate_fte", "agency_sw_rate", kWorkforce},
    {"vacancy_rate_fte", "sw_vacancy_rate", kWorkforce},
    {"turnover_rate_fte", "sw_turnover_rate", kWorkforce},
    {"caseload_fte", "sw_caseload", kWorkforce},
    {"rereferral_percent", "rereferrals_12m", kReferrals},
}};
// EES table C4: ICPCs within 15 working days = (Duration_0-10_days + Duration_11-15_days) / ICPC.
constexpr std::string_view kIcpc = "ICPC";
constexpr std::string_view kWithinTen = "Duration_0-10_days";
constexpr std::string_view kElevenToFifteen = "Duration_11-15_days";

// An EES characteristic/breakdown row and the csip measure its `children_percent` gives.
struct EesBreakdown {
    std::string_view characteristic;
    std::string_view breakdown;
    std::string_view measure;
    std::string_view dataset;
};
constexpr std::array<EesBreakdown, 2> kEesBreakdowns{{
    {"Health assessments: Children looked after all ages", "Had their annual health assessment",
     "cla_health_assessments", kClaOutcomes},
    {"Health assessments: Children looked after all ages", "Had their teeth checked by a dentist",
     "cla_dental_checks", kClaOutcomes},
}};
constexpr std::string_view kBreakdownValue = "children_percent";

// A LAIT measure code and the csip measure it gives.
struct LaitMeasure {
    std::string_view code;
    std::string_view measure;
};
constexpr std::array<LaitMeasure, 6> kLaitMeasures{{
    {"Continue_Assess_Comp", "assessments_45wd"},
    {"CP_conf_15days", "icpc_15wd"},
    {"CPP_Reviewed_InReqTimeScl", "cp_plans_reviewed_in_time"},
    {"LACHealth%", "cla_health_assessments"},
    {"LACDental%", "cla_dental_checks"},
    {"Work_Force_Agecy_Rate", "agency_sw_rate"},
}};
constexpr std::string_view kLaitEngland = "970";

// The marks the department publishes in place of a value.
// "low" stands for a rate above nought that rounds to it (the workforce's agency rates).
constexpr std::array<std::string_view, 8> kMarks{"c", "z", "x", "u", "k", "low", "-", ":"};
constexpr std::string_view kValueFix =
    "write a number (e.g. 86.1), or one of the department's marks: c (suppressed), z (not "
    "applicable), x (not available), u (low reliability), k, low, - or :";

constexpr std::size_t kMaxProblems = 100;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<double> number(std::string_view text) {
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

bool is_mark(std::string_view text) {
    const std::string folded = lower(text);
    for (const auto mark : kMarks) {
        if (folded == mark) return true;
    }
    return false;
}

bool la_code(std::string_view text) {
    return text.size() == 3 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The published year label: the time_period as given ("2025"), or for an EES period of two
// years ("202425") the year it ends in.
std::optional<std::string> year_label(std::string_view period) {
    const bool digits = !period.empty() && std::all_of(period.begin(), period.end(),
                                                       [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return std::nullopt;
    if (period.size() == 4) return std::string(period);
    if (period.size() == 6) return std::string(period.substr(0, 2)) + std::string(period.substr(4));
    return std::nullopt;
}

// What a file read so far is: counts, problems and figures.
class Reading {
  public:
    Reading(std::string file, PublishedFormat format) {
        m_read.file = std::move(file);
        m_read.format = format;
    }

    void problem(const CsvRecord& record, const CsvHeader& header,
                 std::optional<std::size_t> column, std::string message, std::string fix) {
        if (m_read.problems.size() >= kMaxProblems) return;
        Problem problem;
        problem.file = m_read.file;
        problem.line = record.line;
        if (column) {
            if (*column < record.fields.size()) {
                problem.line = record.fields[*column].line;
                problem.column = record.fields[*column].column;
            }
            if (*column < header.names().size()) problem.column_name = header.names()[*column];
        }
        problem.message = std::move(message);
        problem.fix = std::move(fix);
        m_read.problems.push_back(std::move(problem));
    }
    void problem(Problem problem) {
        if (m_read.problems.size() >= kMaxProblems) return;
        problem.file = m_read.file;
        m_read.problems.push_back(std::move(problem));
    }

    void add(PublishedFigure figure, std::string_view dataset, std::uint32_t line) {
        figure.dataset = std::string(dataset);
        figure.file = m_read.file;
        figure.line = line;
        if (!figure.value) ++m_read.withheld;
        m_measures.insert(figure.measure);
        m_datasets.insert(std::string(dataset));
        m_read.figures.push_back(std::move(figure));
    }
    // Counts the row as read; false, with the row skipped and its problem kept, when it cannot
    // be read at all (broken quoting, text that is not UTF-8).
    bool readable(const CsvRecord& record, const CsvHeader& header) {
        read_row();
        if (auto bad = unreadable(record, header)) {
            problem(std::move(bad->problem));
            skipped_row();
            return false;
        }
        return true;
    }
    // The row's year label at `column`; none, with the row skipped and a problem, when the
    // field is not a year.
    std::optional<std::string> year(const CsvRecord& record, const CsvHeader& header,
                                    std::optional<std::size_t> column) {
        const std::string_view text = trim(record.text(*column));
        auto label = year_label(text);
        if (!label) {
            problem(record, header, column, "'" + printable(text) + "' is not a year",
                    "write the year as published, e.g. 2025 (or 202425 for 2024-25)");
            skipped_row();
        }
        return label;
    }
    void not_kept(const std::string& why, std::uint64_t count = 1) {
        m_read.not_kept[why] += count;
    }
    void read_row() { ++m_read.rows_read; }
    void used_row() { ++m_read.rows_used; }
    void skipped_row() { ++m_read.rows_skipped; }
    PublishedRead& result() { return m_read; }

    PublishedRead finish() {
        for (const auto& measure : domain::benchmark_measures()) {
            if (m_measures.count(std::string(measure.id))) {
                m_read.measures.emplace_back(measure.id);
            }
        }
        m_read.datasets.assign(m_datasets.begin(), m_datasets.end());
        return std::move(m_read);
    }

  private:
    PublishedRead m_read;
    std::set<std::string> m_measures;
    std::set<std::string> m_datasets;
};

// A cell's value: a number, or a mark kept as the figure's reason for having none. False (with
// a problem) for anything else.
bool value_of(const CsvRecord& record, const CsvHeader& header, std::size_t column,
              Reading& reading, PublishedFigure& figure) {
    const std::string_view text = trim(record.text(column));
    if (text.empty()) {
        figure.mark.clear();
        return true;
    }
    if (auto value = number(text)) {
        figure.value = value;
        return true;
    }
    if (is_mark(text)) {
        figure.mark = lower(text);
        return true;
    }
    reading.problem(record, header, column, "'" + printable(text) + "' is not a published value",
                    std::string(kValueFix));
    return false;
}

Unexpected<Error> refuse(const std::string& file, const std::string& what) {
    return fail(ErrorKind::InvalidInput, file + ": " + what, "file");
}

const std::string kFormats =
    "csip reads Explore Education Statistics tidy CSVs (time_period, time_identifier, "
    "geographic_level, …, old_la_code, new_la_code, la_name, then measures), the Local Authority "
    "Interactive Tool's long table (measure,data_item,years,area,value,la_number,region) and the "
    "statistical-neighbour models (old_la_code, la_name, …, SN_1, SN_1P, …)";

Result<PublishedRead> read_ees(CsvReader& reader, const CsvHeader& header, Reading reading) {
    const auto period = header.find("time_period");
    const auto level = header.find("geographic_level");
    const auto region_code = header.find("region_code");
    const auto region_name = header.find("region_name");
    const auto old_code = header.find("old_la_code");
    const auto la_name = header.find("la_name");
    struct Column {
        std::size_t index;
        const EesColumn* spec;
    };
    std::vector<Column> columns;
    for (const auto& spec : kEesColumns) {
        if (const auto index = header.find(spec.column)) columns.push_back({*index, &spec});
    }
    const auto icpc = header.find(kIcpc);
    const auto within_ten = header.find(kWithinTen);
    const auto eleven_to_fifteen = header.find(kElevenToFifteen);
    const bool derives_icpc = icpc && within_ten && eleven_to_fifteen;
    const auto characteristic = header.find("characteristic");
    const auto breakdown = header.find("breakdown");
    const auto breakdown_value = header.find(kBreakdownValue);
    const bool breakdowns = characteristic && breakdown && breakdown_value;
    if (columns.empty() && !derives_icpc && !breakdowns) {
        std::string known;
        for (const auto& spec : kEesColumns) known += std::string(spec.column) + ", ";
        return refuse(reading.result().file,
                      "this Explore Education Statistics file gives none of the measures csip "
                      "compares; csip reads the columns " +
                          known +
                          "ICPC with Duration_0-10_days and Duration_11-15_days, and the "
                          "health assessment and dental check breakdowns (children_percent)");
    }
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    CsvRecord record;
    while (reader.next(record)) {
        if (!reading.readable(record, header)) continue;
        PublishedFigure base;
        base.source = PublishedSource::Ees;
        const auto year = reading.year(record, header, period);
        if (!year) continue;
        base.year = *year;
        const std::string geographic = lower(trim(record.text(*level)));
        if (geographic == "national") {
            base.level = AreaLevel::England;
            base.area_code = std::string(domain::kEnglandCode);
            base.area_name = "England";
        } else if (geographic == "regional") {
            const std::string name(region_name ? trim(record.text(*region_name)) : "");
            const std::string code(region_code ? trim(record.text(*region_code)) : "");
            const domain::EnglishRegion* region = domain::english_region(name);
            if (!region) region = domain::english_region(code);
            if (!region) {
                reading.problem(record, header, region_name,
                                "'" + printable(name) + "' is not an English region",
                                "give the region as published, e.g. South East (E12000008)");
                reading.skipped_row();
                continue;
            }
            base.level = AreaLevel::Region;
            base.area_code = std::string(region->code);
            base.area_name = std::string(region->name);
            base.region = base.area_name;
        } else if (geographic == "local authority") {
            const std::string code(old_code ? trim(record.text(*old_code)) : "");
            static const std::regex together("[0-9]{3}( */ *[0-9]{3})+");
            if (std::regex_match(code, together)) {
                reading.not_kept("rows of councils reported together (e.g. 940 / 941)");
                continue;
            }
            if (!la_code(code)) {
                reading.problem(record, header, old_code,
                                "'" + printable(code) + "' is not a three-digit LA code",
                                "give the council's old_la_code as published, e.g. 869");
                reading.skipped_row();
                continue;
            }
            base.level = AreaLevel::LocalAuthority;
            base.area_code = code;
            base.area_name = std::string(la_name ? trim(record.text(*la_name)) : "");
            base.region = std::string(region_name ? trim(record.text(*region_name)) : "");
        } else {
            reading.not_kept("rows at another geographic level");
            continue;
        }
        bool used = false;
        bool broken = false;
        const auto add = [&](PublishedFigure figure, std::string_view dataset) {
            if (!seen.insert({figure.measure, figure.year, figure.area_code}).second) {
                reading.problem(record, header, std::nullopt,
                                figure.measure + " for " + figure.area_name + " in " + figure.year +
                                    " is given twice; the first is kept",
                                "give each area and year once");
                broken = true;
                return;
            }
            reading.add(std::move(figure), dataset, record.line);
            used = true;
        };
        for (const auto& column : columns) {
            PublishedFigure figure = base;
            figure.measure = std::string(column.spec->measure);
            if (!value_of(record, header, column.index, reading, figure)) {
                broken = true;
                continue;
            }
            add(std::move(figure), column.spec->dataset);
        }
        if (derives_icpc) {
            PublishedFigure figure = base;
            figure.measure = "icpc_15wd";
            PublishedFigure all = base, ten = base, fifteen = base;
            if (value_of(record, header, *icpc, reading, all) &&
                value_of(record, header, *within_ten, reading, ten) &&
                value_of(record, header, *eleven_to_fifteen, reading, fifteen)) {
                if (all.value && ten.value && fifteen.value) {
                    if (*all.value > 0) {
                        // As the department rounds its percentages: to one decimal place.
                        figure.value =
                            std::round(1000.0 * (*ten.value + *fifteen.value) / *all.value) / 10.0;
                    } else {
                        figure.mark = "z";
                    }
                } else {
                    figure.mark = !all.mark.empty()       ? all.mark
                                  : !ten.mark.empty()     ? ten.mark
                                  : !fifteen.mark.empty() ? fifteen.mark
                                                          : "";
                }
                add(std::move(figure), kSection47);
            } else {
                broken = true;
            }
        }
        if (breakdowns) {
            const std::string_view row_characteristic = trim(record.text(*characteristic));
            const std::string_view row_breakdown = trim(record.text(*breakdown));
            const EesBreakdown* spec = nullptr;
            for (const auto& candidate : kEesBreakdowns) {
                if (lower(candidate.characteristic) == lower(row_characteristic) &&
                    lower(candidate.breakdown) == lower(row_breakdown)) {
                    spec = &candidate;
                }
            }
            if (spec) {
                PublishedFigure figure = base;
                figure.measure = std::string(spec->measure);
                if (value_of(record, header, *breakdown_value, reading, figure)) {
                    add(std::move(figure), spec->dataset);
                } else {
                    broken = true;
                }
            } else if (columns.empty() && !derives_icpc) {
                reading.not_kept("rows of other characteristics");
                continue;
            }
        }
        if (broken) reading.skipped_row();
        if (used) reading.used_row();
    }
    return reading.finish();
}

Result<PublishedRead> read_lait(CsvReader& reader, const CsvHeader& header, Reading reading) {
    const auto measure = header.find("measure");
    const auto years = header.find("years");
    const auto area = header.find("area");
    const auto value = header.find("value");
    const auto la_number = header.find("la_number");
    const auto region = header.find("region");
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    CsvRecord record;
    while (reader.next(record)) {
        if (!reading.readable(record, header)) continue;
        const std::string_view code = trim(record.text(*measure));
        const LaitMeasure* spec = nullptr;
        for (const auto& candidate : kLaitMeasures) {
            if (candidate.code == code) spec = &candidate;
        }
        if (!spec) {
            reading.not_kept("rows of measures csip does not compare");
            continue;
        }
        PublishedFigure figure;
        figure.source = PublishedSource::Lait;
        figure.measure = std::string(spec->measure);
        const auto year = reading.year(record, header, years);
        if (!year) continue;
        figure.year = *year;
        const std::string number_text(trim(record.text(*la_number)));
        const std::string name(trim(record.text(*area)));
        const std::string area_region(region ? trim(record.text(*region)) : "");
        const domain::EnglishRegion* as_region = domain::english_region(name);
        if (number_text == kLaitEngland) {
            figure.level = AreaLevel::England;
            figure.area_code = std::string(domain::kEnglandCode);
            figure.area_name = "England";
        } else if (as_region && (area_region == "NA" || area_region.empty())) {
            figure.level = AreaLevel::Region;
            figure.area_code = std::string(as_region->code);
            figure.area_name = std::string(as_region->name);
            figure.region = figure.area_name;
        } else if (la_code(number_text)) {
            figure.level = AreaLevel::LocalAuthority;
            figure.area_code = number_text;
            figure.area_name = name;
            figure.region = area_region;
        } else {
            reading.problem(record, header, la_number,
                            "'" + printable(number_text) + "' is not a three-digit LA number",
                            "give the council's LA number as published, e.g. 869");
            reading.skipped_row();
            continue;
        }
        if (!value_of(record, header, *value, reading, figure)) {
            reading.skipped_row();
            continue;
        }
        if (!seen.insert({figure.measure, figure.year, figure.area_code}).second) {
            reading.problem(record, header, std::nullopt,
                            std::string(spec->code) + " for " + name + " in " + figure.year +
                                " is given twice; the first is kept",
                            "give each area and year once");
            reading.skipped_row();
            continue;
        }
        reading.add(std::move(figure), kLait, record.line);
        reading.used_row();
    }
    return reading.finish();
}

// The model's neighbour columns: (code column, closeness column), closest first.
std::vector<std::pair<std::size_t, std::optional<std::size_t>>> neighbour_columns(
    const CsvHeader& header) {
    std::vector<std::pair<std::size_t, std::optional<std::size_t>>> out;
    for (int k = 1; k <= 10; ++k) {
        if (const auto code = header.find("SN_" + std::to_string(k))) {
            out.push_back({*code, header.find("SN_" + std::to_string(k) + "P")});
        } else if (const auto older = header.find("SN" + std::to_string(k))) {
            // The 2021 groupings: each SNk is followed by its band, every one headed SNP.
            const auto next = *older + 1;
            const bool band = next < header.names().size() && lower(header.names()[next]) == "snp";
            out.push_back({*older, band ? std::optional<std::size_t>(next) : std::nullopt});
        }
    }
    return out;
}

Result<PublishedRead> read_model(CsvReader& reader, const CsvHeader& header, Reading reading,
                                 const std::string& name) {
    const auto code =
        header.find("old_la_code") ? header.find("old_la_code") : header.find("LA num");
    const auto la_name = header.find("la_name") ? header.find("la_name") : header.find("LA Name");
    const auto region =
        header.find("region_name") ? header.find("region_name") : header.find("GOReg");
    const auto columns = neighbour_columns(header);
    domain::NeighbourModel model;
    model.name = name;
    std::set<std::string> seen;
    CsvRecord record;
    while (reader.next(record)) {
        if (!reading.readable(record, header)) continue;
        domain::NeighbourModel::Council council;
        council.code = std::string(trim(record.text(*code)));
        if (council.code.empty()) {
            reading.not_kept("rows without an LA code (headings, blank rows)");
            continue;
        }
        if (!la_code(council.code)) {
            reading.problem(record, header, code,
                            "'" + printable(council.code) + "' is not a three-digit LA code",
                            "give the council's LA code as published, e.g. 869");
            reading.skipped_row();
            continue;
        }
        if (!seen.insert(council.code).second) {
            reading.problem(record, header, code,
                            "LA " + council.code + " is given twice; the first is kept",
                            "give each council once");
            reading.skipped_row();
            continue;
        }
        council.name = std::string(la_name ? trim(record.text(*la_name)) : "");
        council.region = std::string(region ? trim(record.text(*region)) : "");
        bool broken = false;
        for (const auto& [neighbour_column, band] : columns) {
            const std::string neighbour(trim(record.text(neighbour_column)));
            if (neighbour.empty()) continue;
            if (!la_code(neighbour) || neighbour == council.code) {
                reading.problem(record, header, neighbour_column,
                                "'" + printable(neighbour) + "' is not another council's LA code",
                                "give each neighbour's three-digit LA code, e.g. 867");
                broken = true;
                continue;
            }
            council.neighbours.push_back(
                {neighbour, "", band ? std::string(trim(record.text(*band))) : std::string()});
        }
        if (broken) {
            reading.skipped_row();
            continue;
        }
        model.councils.push_back(std::move(council));
        reading.used_row();
    }
    // Each neighbour named as the model names it.
    for (auto& council : model.councils) {
        for (auto& neighbour : council.neighbours) {
            if (const auto* named = model.find(neighbour.code)) neighbour.name = named->name;
        }
    }
    if (model.councils.empty()) {
        return refuse(reading.result().file,
                      "the neighbour model holds no council that can be read");
    }
    reading.result().model = std::move(model);
    return reading.finish();
}

}  // namespace

std::string_view to_string(PublishedFormat format) {
    switch (format) {
        case PublishedFormat::Ees:
            return "ees";
        case PublishedFormat::Lait:
            return "lait";
        case PublishedFormat::NeighbourModel:
            return "neighbour-model";
    }
    return "ees";
}

Result<PublishedRead> read_published(const std::filesystem::path& path, const std::string& name,
                                     const std::optional<std::string>& model_name) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorKind::NotFound, name + ": cannot open the file; check the path", "file");
    }
    CsvReader reader(in);
    CsvRecord record;
    if (!reader.next(record)) return refuse(name, "the file is empty; " + kFormats);
    for (const auto& field : record.fields) {
        if (auto problem = domain::text_problem(field.text)) {
            return refuse(
                name, "the header row " + *problem + "; save the file as UTF-8 text (CSV UTF-8)");
        }
    }
    const CsvHeader header(record);
    const auto has = [&](std::string_view column) { return header.find(column).has_value(); };
    if (has("time_period") && has("time_identifier") && has("geographic_level")) {
        return read_ees(reader, header, Reading(name, PublishedFormat::Ees));
    }
    if (has("measure") && has("years") && has("area") && has("value") && has("la_number")) {
        return read_lait(reader, header, Reading(name, PublishedFormat::Lait));
    }
    const bool model = (has("old_la_code") && has("SN_1")) || (has("LA num") && has("SN1"));
    if (model) {
        std::optional<std::string> named = model_name;
        if (!named) {
            static const std::regex year("(20[0-9][0-9])");
            std::smatch found;
            const std::string file_name = std::filesystem::path(name).filename().string();
            if (std::regex_search(file_name, found, year)) named = found[1].str();
        }
        if (!named || named->empty()) {
            return refuse(name,
                          "this statistical-neighbour model's file name carries no year to name "
                          "it by; name it (--model 2025)");
        }
        return read_model(reader, header, Reading(name, PublishedFormat::NeighbourModel), *named);
    }
    return refuse(name, "the header row is no published format csip knows (it reads: " +
                            printable(header.joined(), 200) + "); " + kFormats);
}

}  // namespace csip::import::returns
