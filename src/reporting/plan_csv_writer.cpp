#include "reporting/plan_csv_writer.hpp"

#include <array>
#include <string_view>

#include "reporting/csv_cell.hpp"

namespace csip::reporting {
namespace {

// The order import::read_plan_csv documents (docs/plan-format.md).
constexpr std::array<std::string_view, 20> kHeader{"workstream_id",
                                                   "workstream_title",
                                                   "workstream_sponsor",
                                                   "workstream_lead",
                                                   "commitment_id",
                                                   "commitment_text",
                                                   "recommendations",
                                                   "action_id",
                                                   "action_text",
                                                   "lead",
                                                   "due",
                                                   "original_due",
                                                   "status",
                                                   "rag",
                                                   "latest_update_on",
                                                   "latest_update_by",
                                                   "latest_update_text",
                                                   "retired_on",
                                                   "retired_by",
                                                   "retired_reason"};

using Row = std::array<std::string, kHeader.size()>;

void append(std::string& out, const Row& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i != 0) out += ',';
        out += csv_cell(row[i]);
    }
    out += "\r\n";
}

// "Not started", "In progress", "Complete": the words an officer reads, which the reader takes.
std::string status_word(domain::ActionStatus status) {
    std::string word(domain::describe(status));
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z')
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
    return word;
}

std::string ids(const std::vector<std::string>& recommendations) {
    std::string out;
    for (const auto& id : recommendations) out += (out.empty() ? "" : ";") + id;
    return out;
}

}  // namespace

std::string write_plan_csv(const domain::Plan& plan) {
    std::string out = "\xEF\xBB\xBF";
    Row header;
    for (std::size_t i = 0; i < kHeader.size(); ++i) header[i] = kHeader[i];
    append(out, header);

    for (const auto& workstream : plan.workstreams) {
        Row row{};
        row[0] = workstream.id;
        row[1] = workstream.title;
        row[2] = workstream.sponsor;
        row[3] = workstream.lead;
        if (workstream.commitments.empty()) append(out, row);
        for (const auto& commitment : workstream.commitments) {
            row[4] = commitment.id;
            row[5] = commitment.text;
            row[6] = ids(commitment.recommendations);
            if (commitment.actions.empty()) append(out, row);
            for (const auto& action : commitment.actions) {
                Row action_row = row;
                action_row[7] = action.id;
                action_row[8] = action.text;
                action_row[9] = action.lead;
                action_row[10] = action.due.iso();
                // Always written, so that a due date changed in the spreadsheet keeps its
                // baseline and counts as rescheduled.
                action_row[11] = action.original_due.iso();
                action_row[12] = status_word(action.status);
                action_row[13] = action.rag ? std::string(domain::describe(*action.rag)) : "";
                if (!action.updates.empty()) {
                    const auto& latest = action.updates.back();
                    action_row[14] = latest.on.iso();
                    action_row[15] = latest.by;
                    action_row[16] = latest.text;
                }
                if (action.retired) {
                    action_row[17] = action.retired->on.iso();
                    action_row[18] = action.retired->by;
                    action_row[19] = action.retired->reason;
                }
                append(out, action_row);
            }
        }
    }
    return out;
}

}  // namespace csip::reporting
