#include "synth/cin_census_writer.hpp"

#include <string_view>

#include "synth/text_output.hpp"

namespace csip::bench {
namespace {

using domain::Date;

// Leaves and containers at a depth, two spaces a level, as the DfE's own samples are laid out.
class XmlWriter {
  public:
    explicit XmlWriter(TextOutput& out) : m_out(out) {}

    void open(int depth, std::string_view name) {
        indent(depth);
        m_out.put('<');
        m_out.put(name);
        m_out.put(">\n");
    }
    void close(int depth, std::string_view name) {
        indent(depth);
        m_out.put("</");
        m_out.put(name);
        m_out.put(">\n");
    }
    void leaf(int depth, std::string_view name, std::string_view text) {
        start_leaf(depth, name);
        m_out.put(text);
        end_leaf(name);
    }
    void leaf(int depth, std::string_view name, Date date) {
        start_leaf(depth, name);
        m_out.put_iso(date);
        end_leaf(name);
    }
    void leaf(int depth, std::string_view name, std::uint64_t number) {
        start_leaf(depth, name);
        m_out.put_uint(number);
        end_leaf(name);
    }
    void leaf(int depth, std::string_view name, const std::optional<Date>& date) {
        if (date) leaf(depth, name, *date);
    }

  private:
    void indent(int depth) {
        static constexpr std::string_view kSpaces = "                                ";
        m_out.put(kSpaces.substr(0, static_cast<std::size_t>(depth) * 2));
    }
    void start_leaf(int depth, std::string_view name) {
        indent(depth);
        m_out.put('<');
        m_out.put(name);
        m_out.put('>');
    }
    void end_leaf(std::string_view name) {
        m_out.put("</");
        m_out.put(name);
        m_out.put(">\n");
    }

    TextOutput& m_out;
};

void write_header(XmlWriter& xml, const SynthOptions& options) {
    xml.open(1, "Header");
    xml.open(2, "CollectionDetails");
    xml.leaf(3, "Collection", std::string_view("CIN"));
    xml.leaf(3, "Year", static_cast<std::uint64_t>(options.year));
    xml.leaf(3, "ReferenceDate", reference_date(options.year));
    xml.close(2, "CollectionDetails");
    xml.open(2, "Source");
    xml.leaf(3, "SourceLevel", std::string_view("L"));
    xml.leaf(3, "LEA", std::string_view("999"));
    xml.leaf(3, "SoftwareCode", std::string_view("csip-synth"));
    xml.leaf(3, "Release", std::string_view("1"));
    xml.leaf(3, "SerialNo", std::string_view("001"));
    // Fixed, not the clock's time: the same seed writes the same bytes.
    xml.leaf(3, "DateTime", std::string_view("2000-01-01T00:00:00"));
    xml.close(2, "Source");
    xml.close(1, "Header");
}

void write_details(XmlWriter& xml, const SynthCinDetails& d) {
    xml.open(3, "CINdetails");
    xml.leaf(4, "CINreferralDate", d.referral);
    xml.leaf(4, "ReferralSource", d.referral_source);
    xml.leaf(4, "PrimaryNeedCode", d.primary_need);
    if (d.closure) {
        xml.leaf(4, "CINclosureDate", *d.closure);
        xml.leaf(4, "ReasonForClosure", d.closure_reason);
    }
    if (d.enquiry && d.enquiry->conference) {
        xml.leaf(4, "DateOfInitialCPC", *d.enquiry->conference);
    }
    for (const SynthAssessment& a : d.assessments) {
        xml.open(4, "Assessments");
        xml.leaf(5, "AssessmentActualStartDate", a.start);
        xml.leaf(5, "AssessmentAuthorisationDate", a.authorised);
        xml.open(5, "FactorsIdentifiedAtAssessment");
        for (const auto factor : a.factors) xml.leaf(6, "AssessmentFactors", factor);
        xml.close(5, "FactorsIdentifiedAtAssessment");
        xml.close(4, "Assessments");
    }
    if (d.cin_plan_start) {
        xml.open(4, "CINPlanDates");
        xml.leaf(5, "CINPlanStartDate", *d.cin_plan_start);
        xml.leaf(5, "CINPlanEndDate", d.cin_plan_end);
        xml.close(4, "CINPlanDates");
    }
    if (d.enquiry) {
        const SynthEnquiry& e = *d.enquiry;
        xml.open(4, "Section47");
        xml.leaf(5, "S47ActualStartDate", e.start);
        xml.leaf(5, "InitialCPCtarget", e.conference_target);
        xml.leaf(5, "DateOfInitialCPC", e.conference);
        const std::string_view flag =
            e.flag_as_digit ? (e.not_required ? "1" : "0") : (e.not_required ? "true" : "false");
        xml.leaf(5, "ICPCnotRequired", flag);
        xml.close(4, "Section47");
    }
    xml.leaf(4, "ReferralNFA", std::string_view(d.no_further_action ? "true" : "false"));
    if (d.plan) {
        const SynthPlan& p = *d.plan;
        xml.open(4, "ChildProtectionPlans");
        xml.leaf(5, "CPPstartDate", p.start);
        xml.leaf(5, "CPPendDate", p.end);
        xml.leaf(5, "InitialCategoryOfAbuse", p.initial_category);
        xml.leaf(5, "LatestCategoryOfAbuse", p.latest_category);
        xml.leaf(5, "NumberOfPreviousCPP", static_cast<std::uint64_t>(p.previous_plans));
        xml.open(5, "Reviews");
        for (const Date review : p.reviews) xml.leaf(6, "CPPreviewDate", review);
        xml.close(5, "Reviews");
        xml.close(4, "ChildProtectionPlans");
    }
    xml.close(3, "CINdetails");
}

void write_child(XmlWriter& xml, const SynthCinChild& child) {
    xml.open(2, "Child");
    xml.open(3, "ChildIdentifiers");
    if (!child.id.empty()) xml.leaf(4, "LAchildID", child.id);
    if (child.upn.empty()) {
        xml.leaf(4, "UPNunknown", std::string_view("UN1"));
    } else {
        xml.leaf(4, "UPN", child.upn);
    }
    xml.leaf(4, "PersonBirthDate", child.birth);
    xml.leaf(4, "Sex", static_cast<std::uint64_t>(child.sex));
    xml.close(3, "ChildIdentifiers");
    xml.open(3, "ChildCharacteristics");
    xml.leaf(4, "Ethnicity", child.ethnicity);
    xml.open(4, "Disabilities");
    for (const auto disability : child.disabilities) xml.leaf(5, "Disability", disability);
    xml.close(4, "Disabilities");
    xml.close(3, "ChildCharacteristics");
    for (const SynthCinDetails& d : child.details) write_details(xml, d);
    xml.close(2, "Child");
}

}  // namespace

void count_child(const SynthCinChild& child, CinSummary& summary) {
    const bool has_id = !child.id.empty();
    ++summary.children;
    for (const SynthCinDetails& d : child.details) {
        for (const SynthAssessment& a : d.assessments) {
            ++summary.assessments;
            if (has_id && a.usable) ++summary.usable_assessments;
        }
        if (d.enquiry) {
            ++summary.enquiries;
            if (has_id && d.enquiry->usable) ++summary.usable_enquiries;
        }
        if (d.plan) {
            ++summary.plans;
            summary.reviews += d.plan->reviews.size();
            if (has_id && d.plan->usable) {
                ++summary.usable_plans;
                summary.usable_reviews += d.plan->reviews.size();
            }
        }
    }
}

Result<CinSummary> write_cin_census(const SynthOptions& options,
                                    const std::filesystem::path& file) {
    if (auto checked = check_options(options); !checked) return fail(checked.error());
    TextOutput out;
    if (auto opened = out.open(file); !opened) return fail(opened.error());
    XmlWriter xml(out);
    out.put("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.open(0, "Message");
    write_header(xml, options);
    xml.open(1, "Children");
    const CinModel model(options);
    CinSummary summary;
    SynthCinChild child;
    for (std::uint64_t i = 0; i < options.children; ++i) {
        model.child(i, child);
        write_child(xml, child);
        count_child(child, summary);
    }
    xml.close(1, "Children");
    xml.close(0, "Message");
    summary.bytes = out.bytes_written();
    if (auto closed = out.close(); !closed) return fail(closed.error());
    return summary;
}

}  // namespace csip::bench
