// The plan's CSV reader: one row per action, as an officer keeps it in a spreadsheet
// (docs/plan-format.md, "The CSV"). Rows are grouped into workstreams and commitments by id, in
// the order the ids first appear; a workstream's or commitment's details may be left blank on
// its later rows (as merged cells save). Dates, statuses and RAG are read in the forms people
// type (31/10/2015, "In progress", "R"). What a CSV cannot carry comes from the stored plan.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "domain/plan_rules.hpp"
#include "import/csv.hpp"
#include "import/plan_reader.hpp"
#include "import/spelling.hpp"

namespace csip::import {
namespace {

using domain::Date;

enum class Column {
    WorkstreamId,
    WorkstreamTitle,
    WorkstreamSponsor,
    WorkstreamLead,
    CommitmentId,
    CommitmentText,
    Recommendations,
    ActionId,
    ActionText,
    Lead,
    Due,
    OriginalDue,
    Status,
    Rag,
    LatestUpdateOn,
    LatestUpdateBy,
    LatestUpdateText,
    RetiredOn,
    RetiredBy,
    RetiredReason,
};
constexpr std::size_t kColumnCount = 20;

struct ColumnSpec {
    Column column;
    std::string_view name;
    bool required;
};

// In the order the writer puts them (reporting/plan_csv_writer.cpp).
constexpr std::array<ColumnSpec, kColumnCount> kColumns{{
    {Column::WorkstreamId, "workstream_id", true},
    {Column::WorkstreamTitle, "workstream_title", true},
    {Column::WorkstreamSponsor, "workstream_sponsor", true},
    {Column::WorkstreamLead, "workstream_lead", true},
    {Column::CommitmentId, "commitment_id", true},
    {Column::CommitmentText, "commitment_text", true},
    {Column::Recommendations, "recommendations", true},
    {Column::ActionId, "action_id", true},
    {Column::ActionText, "action_text", true},
    {Column::Lead, "lead", true},
    {Column::Due, "due", true},
    {Column::OriginalDue, "original_due", false},
    {Column::Status, "status", true},
    {Column::Rag, "rag", true},
    {Column::LatestUpdateOn, "latest_update_on", false},
    {Column::LatestUpdateBy, "latest_update_by", false},
    {Column::LatestUpdateText, "latest_update_text", false},
    {Column::RetiredOn, "retired_on", false},
    {Column::RetiredBy, "retired_by", false},
    {Column::RetiredReason, "retired_reason", false},
}};

constexpr std::array kActionColumns{
    Column::ActionText,     Column::Lead,           Column::Due,
    Column::OriginalDue,    Column::Status,         Column::Rag,
    Column::LatestUpdateOn, Column::LatestUpdateBy, Column::LatestUpdateText,
    Column::RetiredOn,      Column::RetiredBy,      Column::RetiredReason};

constexpr std::string_view kDateFix = "write dates as dd/mm/yyyy or YYYY-MM-DD, e.g. 31/10/2015";
constexpr std::string_view kStatusFix = "write Not started, In progress or Complete";
constexpr std::string_view kRagFix = "write Red, Amber or Green (or R, A, G), or leave it blank";

std::string_view name_of(Column column) { return kColumns[static_cast<std::size_t>(column)].name; }

std::string column_list() {
    std::string out;
    for (const auto& spec : kColumns) {
        if (!out.empty()) out += ",";
        out += spec.name;
    }
    return out;
}

// A cell of a row: its text (spaces around an unquoted value dropped) and where it is.
struct Cell {
    std::string value;
    std::uint32_t line = 0;
    std::uint32_t column = 0;  // 0 when the file has no such column
    std::string_view name;
    [[nodiscard]] bool blank() const { return value.empty(); }
};

// Statuses as people write them: "Not started", "in progress", "COMPLETE", "Completed".
std::optional<domain::ActionStatus> parse_status(std::string_view text) {
    const auto word = normalise_name(text);
    if (word == "completed") return domain::ActionStatus::Complete;
    return domain::parse_action_status(word);
}

// RAG as people write it: "Red", "amber", "G".
std::optional<domain::Rag> parse_rag_cell(std::string_view text) {
    const auto word = normalise_name(text);
    if (word == "r") return domain::Rag::Red;
    if (word == "a") return domain::Rag::Amber;
    if (word == "g") return domain::Rag::Green;
    return domain::parse_rag(word);
}

std::optional<Date> parse_date(std::string_view text) {
    if (auto iso = Date::parse_iso(text)) return iso;
    return Date::parse_uk(text);
}

std::vector<std::string> split_ids(std::string_view text) {
    std::vector<std::string> ids;
    while (!text.empty()) {
        const auto cut = text.find(';');
        const auto id = trim(text.substr(0, cut));
        if (!id.empty()) ids.emplace_back(id);
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return ids;
}

std::string join_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ";") + id;
    return out;
}

// A detail of a workstream or commitment that its rows repeat or leave blank: the first value
// given wins, and a different one later is a problem.
struct Detail {
    std::string value;
    std::uint32_t line = 0;
    bool given = false;
};

struct WorkstreamRows {
    const CsvRecord* first = nullptr;
    Detail title, sponsor, lead;
};

struct CommitmentRows {
    const CsvRecord* first = nullptr;
    Detail text, recommendations;
};

class CsvPlanReader {
  public:
    CsvPlanReader(std::string file, const domain::Plan& base, std::vector<Problem>& problems)
        : m_file(std::move(file)), m_base(base), m_problems(problems) {
        for (const auto& workstream : base.workstreams) {
            m_base_workstreams.emplace(workstream.id, &workstream);
            for (const auto& commitment : workstream.commitments) {
                m_base_commitments.emplace(commitment.id, &commitment);
                for (const auto& action : commitment.actions)
                    m_base_actions.emplace(action.id, &action);
            }
        }
    }

    std::optional<domain::Plan> read(std::string_view text) {
        const std::size_t problems_before = m_problems.size();
        const auto records = parse_csv(text, m_file, m_problems);
        std::size_t next = 0;
        while (next < records.size() && records[next].blank()) ++next;
        if (next == records.size()) {
            if (m_problems.size() == problems_before) {
                add_at_line(0, "the file has no header row",
                            "start the file with the header " + column_list());
            }
            return std::nullopt;
        }
        if (!read_header(records[next])) return std::nullopt;
        name_columns(problems_before);

        domain::Plan plan;
        plan.authority = m_base.authority;
        plan.title = m_base.title;
        plan.vision = m_base.vision;
        plan.version = m_base.version;
        plan.inspection = m_base.inspection;
        plan.recommendations = m_base.recommendations;
        bool any_row = false;
        for (std::size_t r = next + 1; r < records.size(); ++r) {
            if (records[r].blank()) continue;
            any_row = true;
            read_row(records[r], plan);
        }
        if (!any_row) {
            add_at_line(records[next].line, "the file has no rows after the header",
                        "list every action of the plan, one row each: a CSV import replaces the "
                        "plan's workstreams, commitments and actions");
            return std::nullopt;
        }
        finish(plan);
        check(plan);
        if (m_problems.size() != problems_before) return std::nullopt;
        keep_retired(plan);
        check_stored(plan);
        if (m_problems.size() != problems_before) return std::nullopt;
        return plan;
    }

  private:
    void add(const Cell& cell, std::string message, std::string fix) {
        m_rows_with_problems.insert(m_row_line);
        m_problems.push_back({m_file,
                              {},
                              cell.line,
                              cell.column,
                              std::string(cell.name),
                              std::move(message),
                              std::move(fix)});
    }
    void add_at_line(std::uint32_t line, std::string message, std::string fix) {
        m_rows_with_problems.insert(m_row_line);
        m_problems.push_back({m_file, {}, line, 0, {}, std::move(message), std::move(fix)});
    }

    bool read_header(const CsvRecord& header) {
        m_header_line = header.line;
        m_width = header.fields.size();
        bool ok = true;
        std::vector<std::string_view> names;
        for (const auto& spec : kColumns) names.push_back(spec.name);
        for (std::size_t i = 0; i < header.fields.size(); ++i) {
            const auto written = trim(header.fields[i].value);
            const Cell at{{}, header.line, static_cast<std::uint32_t>(i + 1), written};
            if (written.empty()) {
                // A spreadsheet may save empty header cells after the last column.
                bool rest_blank = true;
                for (std::size_t k = i; k < header.fields.size(); ++k) {
                    rest_blank = rest_blank && trim(header.fields[k].value).empty();
                }
                if (rest_blank) break;
                add(at, "this column has no name",
                    "name it, or delete the column; the columns are " + column_list());
                ok = false;
                continue;
            }
            const auto normalised = normalise_name(written);
            const auto spec =
                std::find_if(kColumns.begin(), kColumns.end(),
                             [&](const ColumnSpec& s) { return s.name == normalised; });
            if (spec == kColumns.end()) {
                std::string fix;
                if (const auto suggestion = closest_spelling(written, names)) {
                    fix = "did you mean '" + std::string(*suggestion) + "'? ";
                }
                add(at, "unknown column '" + printable(written) + "'",
                    fix + "the columns are " + column_list());
                ok = false;
                continue;
            }
            auto& index = m_index[static_cast<std::size_t>(spec->column)];
            if (index) {
                add(at,
                    "the column '" + std::string(spec->name) + "' is given twice (also column " +
                        std::to_string(*index + 1) + ")",
                    "delete one of them");
                ok = false;
                continue;
            }
            index = i;
        }
        for (const auto& spec : kColumns) {
            if (spec.required && !m_index[static_cast<std::size_t>(spec.column)]) {
                add_at_line(header.line,
                            "the header has no '" + std::string(spec.name) + "' column",
                            "add it; the columns are " + column_list() +
                                " (original_due, the latest_update and the retired columns may "
                                "be left out)");
                ok = false;
            }
        }
        return ok;
    }

    // Gives the problems found while splitting the file the headers of their columns.
    void name_columns(std::size_t from) {
        for (std::size_t p = from; p < m_problems.size(); ++p) {
            auto& problem = m_problems[p];
            if (problem.line <= m_header_line || problem.column == 0) continue;
            for (std::size_t c = 0; c < kColumnCount; ++c) {
                if (m_index[c] && *m_index[c] + 1 == problem.column)
                    problem.column_name = kColumns[c].name;
            }
        }
    }

    Cell cell(const CsvRecord& record, Column column) const {
        const auto& index = m_index[static_cast<std::size_t>(column)];
        Cell out;
        out.name = name_of(column);
        out.line = record.line;
        if (!index || *index >= record.fields.size()) return out;
        const auto& field = record.fields[*index];
        // A cell csip wrote as text, so that a spreadsheet would not run it, reads as written.
        out.value = std::string(
            strip_formula_guard(field.quoted ? field.value : std::string_view(trim(field.value))));
        out.line = field.line;
        out.column = static_cast<std::uint32_t>(*index + 1);
        return out;
    }

    // Every row has as many fields as the header, which a spreadsheet keeps even for empty
    // cells: a row with more or fewer has a comma too many or too few, and its values would
    // land in the wrong columns.
    bool row_has_width(const CsvRecord& record) {
        if (record.fields.size() == m_width) return true;
        add_at_line(record.line,
                    "this row has " + std::to_string(record.fields.size()) +
                        " fields, and the header has " + std::to_string(m_width),
                    "check for a missing or extra comma; put a value that holds a comma in double "
                    "quotes");
        return false;
    }

    // Takes a repeated detail: blank means "as above"; a different value is a problem.
    void settle(Detail& detail, const Cell& given, std::string_view owner, std::string_view what) {
        if (given.blank()) return;
        if (!detail.given) {
            detail = {given.value, given.line, true};
        } else if (detail.value != given.value) {
            add(given,
                std::string(owner) + " has the " + std::string(what) + " '" +
                    printable(given.value) + "' here, and '" + printable(detail.value) +
                    "' on line " + std::to_string(detail.line),
                "give it the same " + std::string(what) +
                    " on each of its rows, or leave it blank after the first");
        }
    }

    std::optional<Date> date_cell(const Cell& given) {
        if (given.blank()) return std::nullopt;
        if (auto date = parse_date(given.value)) return date;
        add(given, "'" + printable(given.value) + "' is not a date", std::string(kDateFix));
        return std::nullopt;
    }

    void read_row(const CsvRecord& record, domain::Plan& plan) {
        m_row_line = record.line;
        if (!row_has_width(record)) return;
        const auto workstream_id = cell(record, Column::WorkstreamId);
        if (workstream_id.blank()) {
            add(workstream_id, "this row has no workstream_id",
                "give the id of the workstream the row belongs to, e.g. W1");
            return;
        }
        auto [found, added] =
            m_workstream_index.emplace(workstream_id.value, plan.workstreams.size());
        if (added) {
            domain::Workstream workstream;
            workstream.id = workstream_id.value;
            // A CSV cannot retire a workstream: its retirement and version stay as stored.
            if (const auto stored = m_base_workstreams.find(workstream.id);
                stored != m_base_workstreams.end()) {
                workstream.version = stored->second->version;
                workstream.retired = stored->second->retired;
            }
            plan.workstreams.push_back(std::move(workstream));
            m_workstreams.push_back({&record, {}, {}, {}});
        }
        const std::size_t w = found->second;
        auto& workstream_rows = m_workstreams[w];
        const std::string owner = "workstream '" + printable(workstream_id.value) + "'";
        settle(workstream_rows.title, cell(record, Column::WorkstreamTitle), owner, "title");
        settle(workstream_rows.sponsor, cell(record, Column::WorkstreamSponsor), owner, "sponsor");
        settle(workstream_rows.lead, cell(record, Column::WorkstreamLead), owner, "lead");

        bool action_given = false;
        for (const auto column : kActionColumns)
            action_given = action_given || !cell(record, column).blank();
        const auto commitment_id = cell(record, Column::CommitmentId);
        const auto commitment_text = cell(record, Column::CommitmentText);
        const auto recommendations = cell(record, Column::Recommendations);
        const auto action_id = cell(record, Column::ActionId);
        if (commitment_id.blank()) {
            if (action_given || !action_id.blank() || !commitment_text.blank() ||
                !recommendations.blank()) {
                add(commitment_id, "this row has a commitment or an action but no commitment_id",
                    "give the id of the commitment, e.g. C1 (a row with only workstream columns "
                    "is a workstream with no commitments yet)");
            }
            return;
        }

        auto known = m_commitment_index.find(commitment_id.value);
        if (known == m_commitment_index.end()) {
            domain::Commitment commitment;
            commitment.id = commitment_id.value;
            // The success measures are not in the CSV: they stay as stored (retired ones, their
            // status and versions with them), as do the commitment's retirement and version.
            if (const auto stored = m_base_commitments.find(commitment.id);
                stored != m_base_commitments.end()) {
                commitment.measures = stored->second->measures;
                commitment.version = stored->second->version;
                commitment.retired = stored->second->retired;
            }
            auto& commitments = plan.workstreams[w].commitments;
            known =
                m_commitment_index.emplace(commitment.id, std::pair{w, commitments.size()}).first;
            commitments.push_back(std::move(commitment));
            m_commitments.emplace(commitment_id.value, CommitmentRows{&record, {}, {}});
        } else if (known->second.first != w) {
            const auto& first = *m_commitments[commitment_id.value].first;
            add(commitment_id,
                "commitment '" + printable(commitment_id.value) + "' is in workstream '" +
                    printable(plan.workstreams[known->second.first].id) + "' on line " +
                    std::to_string(first.line) + ", and in '" + printable(workstream_id.value) +
                    "' here",
                "a commitment belongs to one workstream: correct the workstream_id or the "
                "commitment_id");
            return;
        }
        auto& commitment = plan.workstreams[w].commitments[known->second.second];
        auto& commitment_rows = m_commitments[commitment.id];
        const std::string commitment_owner = "commitment '" + printable(commitment.id) + "'";
        settle(commitment_rows.text, commitment_text, commitment_owner, "text");
        if (!recommendations.blank()) {
            Cell ids = recommendations;
            ids.value = join_ids(split_ids(recommendations.value));
            settle(commitment_rows.recommendations, ids, commitment_owner, "recommendations");
        }

        if (action_id.blank()) {
            if (action_given) {
                add(action_id, "this row has an action but no action_id",
                    "give the action an id, e.g. A12 (a row with no action columns is a "
                    "commitment with no actions yet)");
            }
            return;
        }
        commitment.actions.push_back(read_action(record, action_id.value));
        m_action_rows[{w, known->second.second, commitment.actions.size() - 1}] = &record;
    }

    domain::Action read_action(const CsvRecord& record, const std::string& id) {
        domain::Action action;
        action.id = id;
        action.text = cell(record, Column::ActionText).value;
        action.lead = cell(record, Column::Lead).value;
        const auto stored_entry = m_base_actions.find(id);
        const domain::Action* stored =
            stored_entry == m_base_actions.end() ? nullptr : stored_entry->second;

        const auto due = cell(record, Column::Due);
        if (due.blank()) {
            add(due, "action '" + printable(id) + "' has no due date", std::string(kDateFix));
        } else if (auto date = date_cell(due)) {
            action.due = *date;
        }
        const auto original_due = cell(record, Column::OriginalDue);
        if (auto date = date_cell(original_due)) {
            action.original_due = *date;
        } else if (original_due.blank()) {
            // A blank baseline keeps the stored one, so that a date changed in the
            // spreadsheet still counts as rescheduled; a new action's baseline is its due date.
            action.original_due = stored != nullptr ? stored->original_due : action.due;
        }

        const auto status = cell(record, Column::Status);
        if (status.blank()) {
            add(status, "action '" + printable(id) + "' has no status", std::string(kStatusFix));
        } else if (auto parsed = parse_status(status.value)) {
            action.status = *parsed;
        } else {
            add(status, "'" + printable(status.value) + "' is not a status",
                std::string(kStatusFix));
        }
        const auto rag = cell(record, Column::Rag);
        if (!rag.blank()) {
            if (auto parsed = parse_rag_cell(rag.value)) {
                action.rag = *parsed;
            } else {
                add(rag, "'" + printable(rag.value) + "' is not a RAG", std::string(kRagFix));
            }
        }

        if (stored != nullptr) {
            action.updates = stored->updates;
            action.version = stored->version;
        }
        read_latest_update(record, action);
        read_retirement(record, action, stored);
        return action;
    }

    // A file with retired_* columns says whether each action is retired: all three given, or
    // all blank (in the plan). A file without them (written before csip had them) keeps the
    // stored action's retirement.
    void read_retirement(const CsvRecord& record, domain::Action& action,
                         const domain::Action* stored) {
        const bool has_columns = has(Column::RetiredOn) || has(Column::RetiredBy) ||
                                 has(Column::RetiredReason);
        if (!has_columns) {
            if (stored != nullptr) action.retired = stored->retired;
            return;
        }
        const auto on = cell(record, Column::RetiredOn);
        const auto by = cell(record, Column::RetiredBy);
        const auto reason = cell(record, Column::RetiredReason);
        if (on.blank() && by.blank() && reason.blank()) return;
        const std::string which = "action '" + printable(action.id) + "'";
        bool complete = true;
        if (on.blank()) {
            add(on, "the retirement of " + which + " has no date",
                "write the day it was retired, e.g. 31/10/2015, or clear retired_by and "
                "retired_reason to keep the action in the plan");
            complete = false;
        }
        if (by.blank()) {
            add(by, "the retirement of " + which + " does not say who retired it",
                "write the name of the person who retired it");
            complete = false;
        }
        if (reason.blank()) {
            add(reason, "the retirement of " + which + " has no reason",
                "say why the action left the plan, e.g. merged into A4");
            complete = false;
        }
        const auto date = date_cell(on);
        if (!complete || !date) return;
        action.retired = domain::Retirement{*date, by.value, reason.value};
    }

    [[nodiscard]] bool has(Column column) const {
        return m_index[static_cast<std::size_t>(column)].has_value();
    }

    // Items retired in the stored plan stay in it when the CSV leaves them out: a workstream, a
    // commitment or an action is retired, never deleted, and the CSV has no columns for the
    // retirement of a workstream or a commitment. Each goes back after the item that came
    // before it in the stored plan; a commitment into its workstream, an action into its
    // commitment (when that is still in the plan). A child the CSV gives elsewhere stays there.
    void keep_retired(domain::Plan& plan) const {
        std::set<std::string> commitments_given;
        std::set<std::string> actions_given;
        for (const auto& workstream : plan.workstreams) {
            for (const auto& commitment : workstream.commitments) {
                commitments_given.insert(commitment.id);
                for (const auto& action : commitment.actions) actions_given.insert(action.id);
            }
        }
        auto without_given = [&](domain::Commitment commitment) {
            std::erase_if(commitment.actions, [&](const domain::Action& action) {
                return actions_given.count(action.id) != 0;
            });
            return commitment;
        };
        keep_retired_items(plan.workstreams, m_base.workstreams, [&](domain::Workstream workstream) {
            std::erase_if(workstream.commitments, [&](const domain::Commitment& commitment) {
                return commitments_given.count(commitment.id) != 0;
            });
            for (auto& commitment : workstream.commitments) commitment = without_given(commitment);
            return std::optional(std::move(workstream));
        });
        for (auto& workstream : plan.workstreams) {
            const auto stored = m_base_workstreams.find(workstream.id);
            if (stored == m_base_workstreams.end()) continue;
            keep_retired_items(workstream.commitments, stored->second->commitments,
                               [&](const domain::Commitment& commitment) {
                                   if (commitments_given.count(commitment.id) != 0) {
                                       return std::optional<domain::Commitment>();
                                   }
                                   return std::optional(without_given(commitment));
                               });
            for (auto& commitment : workstream.commitments) {
                const auto stored_commitment = m_base_commitments.find(commitment.id);
                if (stored_commitment == m_base_commitments.end()) continue;
                keep_retired_items(commitment.actions, stored_commitment->second->actions,
                                   [&](const domain::Action& action) {
                                       if (actions_given.count(action.id) != 0) {
                                           return std::optional<domain::Action>();
                                       }
                                       return std::optional(action);
                                   });
            }
        }
    }

    // Puts back into `items` each retired item of `stored` that it lacks, after the stored item
    // before it; `kept` gives the item as it goes back, or nothing to leave it out.
    template <typename Item, typename Kept>
    static void keep_retired_items(std::vector<Item>& items, const std::vector<Item>& stored,
                                   Kept kept) {
        std::size_t insert_at = 0;
        for (const auto& item : stored) {
            const auto found = std::find_if(items.begin(), items.end(),
                                            [&](const Item& given) { return given.id == item.id; });
            if (found != items.end()) {
                insert_at = static_cast<std::size_t>(found - items.begin()) + 1;
                continue;
            }
            if (!item.retired) continue;
            auto back = kept(item);
            if (!back) continue;
            items.insert(items.begin() + static_cast<std::ptrdiff_t>(insert_at), std::move(*back));
            ++insert_at;
        }
    }

    // The rules once more over the plan with its retired items back: a breach there lies in
    // what the stored plan gave.
    void check_stored(const domain::Plan& plan) {
        for (auto& violation : domain::check_plan(plan)) {
            m_problems.push_back({m_file, violation.path, 0, 0, {},
                                  "in the stored plan: " + violation.message, violation.fix});
        }
    }

    // The history of updates is kept as stored; the row's latest update is added to it when
    // it is not already there.
    void read_latest_update(const CsvRecord& record, domain::Action& action) {
        const auto on = cell(record, Column::LatestUpdateOn);
        const auto by = cell(record, Column::LatestUpdateBy);
        const auto text = cell(record, Column::LatestUpdateText);
        if (on.blank() && by.blank() && text.blank()) return;
        bool complete = true;
        if (on.blank()) {
            add(on, "the latest update has no date",
                "write the date it was given, e.g. 31/10/2015");
            complete = false;
        }
        if (by.blank()) {
            add(by, "the latest update does not say who gave it",
                "write the name or role of the officer who reported it");
            complete = false;
        }
        if (text.blank()) {
            add(text, "the latest update has no text",
                "write what was done, or clear the update's date and author");
            complete = false;
        }
        const auto date = date_cell(on);
        if (!complete || !date) return;
        for (const auto& update : action.updates) {
            if (update.on == *date && update.by == by.value && update.text == text.value) return;
        }
        if (!action.updates.empty() && *date < action.updates.back().on) {
            const auto latest = action.updates.back().on.iso();
            add(on,
                "this update is dated before the latest update already recorded for action '" +
                    action.id + "' (" + latest + ")",
                "date a new update on or after " + latest +
                    "; earlier updates are corrected in the csip-plan/1 JSON");
            return;
        }
        action.updates.push_back({*date, by.value, text.value, action.status, action.rag});
    }

    // Gives each workstream and commitment the details its rows settled on.
    void finish(domain::Plan& plan) const {
        for (std::size_t w = 0; w < plan.workstreams.size(); ++w) {
            auto& workstream = plan.workstreams[w];
            workstream.title = m_workstreams[w].title.value;
            workstream.sponsor = m_workstreams[w].sponsor.value;
            workstream.lead = m_workstreams[w].lead.value;
            for (auto& commitment : workstream.commitments) {
                const auto& rows = m_commitments.at(commitment.id);
                commitment.text = rows.text.value;
                commitment.recommendations = split_ids(rows.recommendations.value);
            }
        }
    }

    // Runs the consistency rules and points each breach at the row and column it comes from.
    // A breach on a row that already has a problem is left out: it may only follow from a
    // value that could not be read (an unreadable status leaves no status to check a RAG by).
    void check(const domain::Plan& plan) {
        for (auto& violation : domain::check_plan(plan)) {
            const auto where = locate(violation.path, plan);
            if (!where) {
                // The breach is in what the stored plan gave (its inspection or recommendations).
                m_problems.push_back({m_file,
                                      violation.path,
                                      0,
                                      0,
                                      {},
                                      "in the stored plan: " + violation.message,
                                      violation.fix});
                continue;
            }
            if (m_rows_with_problems.count(where->first) != 0) continue;
            if (violation.path.find(".recommendations[") != std::string::npos) {
                // The recommendations are not in the CSV: name those of the stored plan.
                std::string ids;
                for (const auto& recommendation : plan.recommendations) {
                    ids += (ids.empty() ? "" : ", ") + recommendation.id;
                }
                violation.fix = "use the ids of the stored plan's recommendations (" + ids +
                                "), separated by ';'";
            }
            add(where->second, std::move(violation.message), for_spreadsheet(violation.fix));
        }
    }

    // The rules' fixes speak of csip-plan/1 values; in a spreadsheet a RAG is left blank, not
    // null, and a status is written as people say it.
    static std::string for_spreadsheet(std::string fix) {
        static const std::array<std::pair<std::string_view, std::string_view>, 4> kWords{{
            {"set 'rag' to null", "leave 'rag' blank"},
            {"set 'rag' to 'red', 'amber' or 'green'", "write Red, Amber or Green in 'rag'"},
            {"'in_progress'", "In progress"},
            {"'not_started'", "Not started"},
        }};
        for (const auto& [json_words, sheet_words] : kWords) {
            for (auto at = fix.find(json_words); at != std::string::npos;
                 at = fix.find(json_words)) {
                fix.replace(at, json_words.size(), sheet_words);
            }
        }
        return fix;
    }

    // Splits `workstreams[1].commitments[0].actions[2].rag` into names and indices.
    struct Step {
        std::string name;
        std::optional<std::size_t> index;
    };
    static std::vector<Step> steps_of(const std::string& path) {
        std::vector<Step> steps;
        std::size_t pos = 0;
        while (pos < path.size()) {
            const auto stop = path.find_first_of(".[", pos);
            Step step{path.substr(pos, stop - pos), std::nullopt};
            pos = stop;
            if (pos != std::string::npos && path[pos] == '[') {
                const auto close = path.find(']', pos);
                step.index =
                    static_cast<std::size_t>(std::stoul(path.substr(pos + 1, close - pos - 1)));
                pos = close + 1;
            }
            steps.push_back(std::move(step));
            if (pos == std::string::npos || pos >= path.size()) break;
            ++pos;  // the '.'
        }
        return steps;
    }

    // The row (its line) and the cell that a rule's path names, or nothing for a path outside
    // the workstreams (in what the stored plan gave).
    std::optional<std::pair<std::uint32_t, Cell>> locate(const std::string& path,
                                                         const domain::Plan& plan) const {
        const auto steps = steps_of(path);
        if (steps.size() < 2 || steps[0].name != "workstreams" || !steps[0].index)
            return std::nullopt;
        const std::size_t w = *steps[0].index;
        const auto& field = steps[1];
        if (field.name != "commitments" || !field.index) {
            static const std::map<std::string, Column> kFields{
                {"id", Column::WorkstreamId},
                {"title", Column::WorkstreamTitle},
                {"sponsor", Column::WorkstreamSponsor},
                {"lead", Column::WorkstreamLead}};
            return at(*m_workstreams[w].first, kFields, field.name, Column::WorkstreamId);
        }
        const std::size_t c = *field.index;
        const auto& commitment_id = plan.workstreams[w].commitments[c].id;
        if (steps.size() < 3) {
            return at(*m_commitments.at(commitment_id).first, {}, "", Column::CommitmentId);
        }
        const auto& inner = steps[2];
        if (inner.name != "actions" || !inner.index || steps.size() < 4) {
            // A success measure comes from the stored plan: point at the commitment's row.
            static const std::map<std::string, Column> kFields{
                {"id", Column::CommitmentId},
                {"text", Column::CommitmentText},
                {"recommendations", Column::Recommendations}};
            return at(*m_commitments.at(commitment_id).first, kFields, inner.name,
                      Column::CommitmentId);
        }
        const auto& record = *m_action_rows.at({w, c, *inner.index});
        static const std::map<std::string, Column> kFields{{"id", Column::ActionId},
                                                           {"text", Column::ActionText},
                                                           {"lead", Column::Lead},
                                                           {"due", Column::Due},
                                                           {"original_due", Column::OriginalDue},
                                                           {"status", Column::Status},
                                                           {"rag", Column::Rag}};
        if (steps[3].name == "updates") {
            const std::string leaf = steps.size() > 4 ? steps[4].name : "";
            static const std::map<std::string, Column> kUpdateFields{
                {"on", Column::LatestUpdateOn},
                {"by", Column::LatestUpdateBy},
                {"text", Column::LatestUpdateText}};
            return at(record, kUpdateFields, leaf, Column::LatestUpdateOn);
        }
        return at(record, kFields, steps[3].name, Column::ActionId);
    }

    std::pair<std::uint32_t, Cell> at(const CsvRecord& record,
                                      const std::map<std::string, Column>& fields,
                                      const std::string& name, Column otherwise) const {
        const auto found = fields.find(name);
        return {record.line, cell(record, found == fields.end() ? otherwise : found->second)};
    }

    std::string m_file;
    const domain::Plan& m_base;
    std::vector<Problem>& m_problems;
    std::map<std::string, const domain::Workstream*> m_base_workstreams;
    std::map<std::string, const domain::Commitment*> m_base_commitments;
    std::map<std::string, const domain::Action*> m_base_actions;

    std::array<std::optional<std::size_t>, kColumnCount> m_index{};
    std::size_t m_width = 0;
    std::uint32_t m_header_line = 0;
    std::uint32_t m_row_line = 0;  // of the row being read
    std::set<std::uint32_t> m_rows_with_problems;

    std::map<std::string, std::size_t> m_workstream_index;
    std::vector<WorkstreamRows> m_workstreams;
    std::map<std::string, std::pair<std::size_t, std::size_t>> m_commitment_index;
    std::map<std::string, CommitmentRows> m_commitments;
    std::map<std::array<std::size_t, 3>, const CsvRecord*> m_action_rows;
};

}  // namespace

PlanReadResult read_plan_csv(std::string_view text, const std::string& file_name,
                             const domain::Plan* base) {
    PlanReadResult result;
    if (base == nullptr) {
        result.problems.push_back(
            {file_name,
             {},
             0,
             0,
             {},
             "a CSV holds only the plan's workstreams, commitments and actions, and no plan has "
             "been imported yet",
             "import the whole plan first as csip-plan/1 JSON (docs/plan-format.md); a CSV then "
             "updates it"});
        return result;
    }
    CsvPlanReader reader(file_name, *base, result.problems);
    auto plan = reader.read(text);
    sort_by_position(result.problems);
    if (result.problems.empty()) result.plan = std::move(plan);
    return result;
}

}  // namespace csip::import
