// The plan changed item by item (domain/plan_edit.hpp): ids, versions, retiring and restoring,
// moves, measures, dates, text, and the audit entries each change leaves. Every edit is made on
// 1 September 2015 by "amy", as a FixedClock gives it.
#include "domain/plan_edit.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/action_update.hpp"
#include "domain/clock.hpp"
#include "domain/plan_audit.hpp"
#include "plan_fixture.hpp"

namespace csip::domain {
namespace {

using fixture::d;

const FixedClock kClock{std::chrono::sys_days{std::chrono::year{2015} / 9 / 1} +
                        std::chrono::hours{10}};

EditBy amy() {
    return EditBy{"amy", kClock.timestamp(), kClock.today(), {"assessments_45wd", "icpc_15wd"}};
}

// small_plan with a second and third workstream: W2 holds C2 (serving R2, with measure M2 and
// action A5), W3 is empty.
Plan three_workstreams() {
    Plan plan = fixture::small_plan();
    Commitment supervision{"C2", "Regular supervision", {"R2"}, {}, {}};
    supervision.measures.push_back(
        {"M2", MeasureKind::Observed, "Supervision audited", std::nullopt, std::nullopt});
    supervision.actions = {
        fixture::action("A5", ActionStatus::NotStarted, std::nullopt, "2016-01-31")};
    plan.workstreams.push_back({"W2", "Workforce", "Director", "HR Lead", {supervision}});
    plan.workstreams.push_back({"W3", "Partnerships", "Chief Executive", "Partnership Lead", {}});
    return plan;
}

template <typename T>
void expect_refused(const Result<T>& result, ErrorKind kind, const std::string& field) {
    ASSERT_FALSE(result.has_value()) << "the change was accepted";
    EXPECT_EQ(result.error().kind, kind) << result.error().message;
    EXPECT_EQ(result.error().field, field) << result.error().message;
}

// The plan a change leaves, failing the test when it was refused.
Plan accepted(const Result<PlanRevision>& revision) {
    EXPECT_TRUE(revision.has_value()) << revision.error().message;
    return revision ? revision->plan : Plan{};
}

const Action& action_of(const Plan& plan, std::string_view id) {
    const auto place = find_item(plan, PlanItem::Action, id);
    if (place.action == nullptr) throw std::logic_error("no action " + std::string(id));
    return *place.action;
}

const SuccessMeasure& measure_of(const Plan& plan, std::string_view id) {
    const auto place = find_item(plan, PlanItem::Measure, id);
    if (place.measure == nullptr) throw std::logic_error("no measure " + std::string(id));
    return *place.measure;
}

std::vector<std::string> ids(const std::vector<Workstream>& workstreams) {
    std::vector<std::string> out;
    for (const auto& workstream : workstreams) out.push_back(workstream.id);
    return out;
}

ActionFields due_on(const char* date, std::string reason = "Staff shortage") {
    ActionFields fields;
    fields.due = d(date);
    fields.reason = std::move(reason);
    return fields;
}

// --- Ids ------------------------------------------------------------------------------------

TEST(PlanEditIds, ANewItemTakesTheNumberAfterTheLargestOfItsKind) {
    const auto plan = three_workstreams();
    const auto by = amy();
    auto recommendation =
        add_recommendation(plan, {RecommendationCategory::Priority, "Improve planning"}, by);
    ASSERT_TRUE(recommendation) << recommendation.error().message;
    EXPECT_EQ(recommendation->id, "R3");
    EXPECT_EQ(recommendation->plan.recommendations.back().id, "R3");

    auto workstream = add_workstream(plan, {"Quality", "Director", "QA Lead", {}}, by);
    ASSERT_TRUE(workstream) << workstream.error().message;
    EXPECT_EQ(workstream->id, "W4");
    auto commitment = add_commitment(plan, "W3", {"Audits", {}, {}}, by);
    ASSERT_TRUE(commitment) << commitment.error().message;
    EXPECT_EQ(commitment->id, "C3");
    MeasureFields monitored;
    monitored.kind = MeasureKind::Monitored;
    monitored.text = "Audits monthly";
    auto measure = add_measure(plan, "C1", monitored, by);
    ASSERT_TRUE(measure) << measure.error().message;
    EXPECT_EQ(measure->id, "M3");
    ActionFields fields = due_on("2016-03-31", "");
    fields.text = "Audit files";
    fields.lead = "QA Lead";
    auto action = add_action(plan, "C2", fields, by);
    ASSERT_TRUE(action) << action.error().message;
    EXPECT_EQ(action->id, "A6");
    EXPECT_EQ(action_of(action->plan, "A6").original_due, d("2016-03-31"));
    EXPECT_EQ(action_of(action->plan, "A6").status, ActionStatus::NotStarted);
}

TEST(PlanEditIds, IdsThatAreNotALetterAndANumberAreIgnoredAndNumbersCompareAsNumbers) {
    auto plan = fixture::small_plan();
    plan.recommendations.push_back({"R1a", RecommendationCategory::Improvement, "Imported"});
    plan.recommendations.push_back({"R", RecommendationCategory::Improvement, "Imported"});
    plan.recommendations.push_back({"X40", RecommendationCategory::Improvement, "Imported"});
    plan.recommendations.push_back({"R9x", RecommendationCategory::Improvement, "Imported"});
    auto added = add_recommendation(plan, {RecommendationCategory::Priority, "New"}, amy());
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->id, "R3");

    // R10 is larger than R9 though it sorts before it.
    plan.recommendations.push_back({"R10", RecommendationCategory::Improvement, "Imported"});
    plan.recommendations.push_back({"R9", RecommendationCategory::Improvement, "Imported"});
    added = add_recommendation(plan, {RecommendationCategory::Priority, "New"}, amy());
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->id, "R11");
}

TEST(PlanEditIds, ANumberWithNoSuccessorIsNoNumber) {
    // An imported id may hold any digits: the largest a number can be has no next one, so it
    // counts as an id like R1a, and the new item still gets an id of its own.
    auto plan = fixture::small_plan();
    plan.recommendations.push_back({"R" + std::to_string(std::numeric_limits<long>::max()),
                                    RecommendationCategory::Improvement, "Imported"});
    plan.recommendations.push_back({"R99999999999999999999999", RecommendationCategory::Improvement,
                                    "Imported"});
    auto added = add_recommendation(plan, {RecommendationCategory::Priority, "New"}, amy());
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->id, "R3");
    plan.recommendations.push_back({"R" + std::to_string(std::numeric_limits<long>::max() - 1),
                                    RecommendationCategory::Improvement, "Imported"});
    // The number after the largest is taken already: the first free one is used.
    added = add_recommendation(plan, {RecommendationCategory::Priority, "New"}, amy());
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->id, "R3");
}

TEST(PlanEditIds, ARetiredItemKeepsItsNumber) {
    const auto plan = fixture::small_plan();
    const auto retired = accepted(retire(plan, PlanItem::Recommendation, "R2", 1, "Met", amy()));
    auto added = add_recommendation(retired, {RecommendationCategory::Priority, "New"}, amy());
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(added->id, "R3");
}

// --- Versions -------------------------------------------------------------------------------

TEST(PlanEditVersions, AChangeFromAnOlderVersionIsAConflictOnVersion) {
    const auto plan = fixture::small_plan();
    const auto by = amy();
    const auto once = accepted(change_recommendation(plan, "R1", 1, {{}, "Improve assessments now"}, by));
    EXPECT_EQ(once.recommendations[0].version, 2);

    // Someone who opened version 1 is refused; version 2, as it now is, is accepted.
    expect_refused(change_recommendation(once, "R1", 1, {{}, "Other words"}, by),
                   ErrorKind::Conflict, "version");
    const auto twice = accepted(change_recommendation(once, "R1", 2, {{}, "Other words"}, by));
    EXPECT_EQ(twice.recommendations[0].version, 3);
    // A version the item never had is refused too.
    expect_refused(change_recommendation(twice, "R1", 4, {{}, "More words"}, by),
                   ErrorKind::Conflict, "version");
}

TEST(PlanEditVersions, EveryKindOfItemRefusesAStaleVersion) {
    const auto plan = fixture::small_plan();
    const auto by = amy();
    expect_refused(change_head(plan, 2, {"Testshire", "Plan", ""}, by), ErrorKind::Conflict,
                   "version");
    expect_refused(change_inspection(plan, 0, plan.inspection, by), ErrorKind::Conflict, "version");
    expect_refused(change_workstream(plan, "W1", 2, {"Title", {}, {}, {}}, by), ErrorKind::Conflict,
                   "version");
    expect_refused(change_commitment(plan, "C1", 2, {"Text", {}, {}}, by), ErrorKind::Conflict,
                   "version");
    MeasureFields text;
    text.text = "Words";
    expect_refused(change_measure(plan, "M1", 2, text, by), ErrorKind::Conflict, "version");
    ActionFields lead;
    lead.lead = "Service Manager";
    expect_refused(change_action(plan, "A1", 2, lead, by), ErrorKind::Conflict, "version");
    expect_refused(retire(plan, PlanItem::Action, "A1", 2, "Not needed", by), ErrorKind::Conflict,
                   "version");
}

TEST(PlanEditVersions, OnlyTheChangedItemGoesUpAVersion) {
    const auto plan = fixture::small_plan();
    ActionFields lead;
    lead.lead = "Service Manager";
    const auto after = accepted(change_action(plan, "A2", 1, lead, amy()));
    EXPECT_EQ(action_of(after, "A2").version, 2);
    for (const char* id : {"A1", "A3", "A4"}) EXPECT_EQ(action_of(after, id).version, 1) << id;
    EXPECT_EQ(after.version, 1);
    EXPECT_EQ(after.inspection.version, 1);
    EXPECT_EQ(after.recommendations[0].version, 1);
    EXPECT_EQ(after.workstreams[0].version, 1);
    EXPECT_EQ(after.workstreams[0].commitments[0].version, 1);
    EXPECT_EQ(after.workstreams[0].commitments[0].measures[0].version, 1);
}

TEST(PlanEditVersions, AChangeThatChangesNothingRaisesNoVersionAndRecordsNothing) {
    const auto plan = fixture::small_plan();
    auto same = change_recommendation(plan, "R1", 1, {RecommendationCategory::Priority,
                                                      "  Improve assessments \n"}, amy());
    ASSERT_TRUE(same) << same.error().message;
    EXPECT_EQ(same->plan.recommendations[0].version, 1);
    EXPECT_TRUE(same->audit.empty());
}

TEST(PlanEditVersions, CarryVersionsRaisesOnlyChangedItemsAndKeepsNewOnesAtLeastOne) {
    auto before = fixture::small_plan();
    before.workstreams[0].commitments[0].actions[0].version = 3;  // A1
    before.workstreams[0].commitments[0].actions[1].version = 5;  // A2
    before.recommendations[0].version = 2;
    auto after = before;
    for (auto& action : after.workstreams[0].commitments[0].actions) action.version = 1;
    after.recommendations[0].version = 9;  // what a file says is not what counts
    after.workstreams[0].commitments[0].actions[1].text = "Do A2 differently";
    after.recommendations.push_back({"R3", RecommendationCategory::Improvement, "New", 0});
    after.recommendations.push_back({"R4", RecommendationCategory::Improvement, "New", 4});

    carry_versions(before, after);
    EXPECT_EQ(action_of(after, "A1").version, 3);
    EXPECT_EQ(action_of(after, "A2").version, 6);
    EXPECT_EQ(action_of(after, "A3").version, 1);
    EXPECT_EQ(after.recommendations[0].version, 2);
    EXPECT_EQ(after.recommendations[2].version, 1);
    EXPECT_EQ(after.recommendations[3].version, 4);
    EXPECT_EQ(after.workstreams[0].commitments[0].version, 1);

    Plan first = fixture::small_plan();
    first.version = 0;
    carry_versions(std::nullopt, first);
    EXPECT_EQ(first.version, 1);
}

// --- Retiring and restoring -----------------------------------------------------------------

TEST(PlanEditRetire, NeedsAReason) {
    const auto plan = fixture::small_plan();
    expect_refused(retire(plan, PlanItem::Action, "A1", 1, "", amy()), ErrorKind::InvalidInput,
                   "reason");
    expect_refused(retire(plan, PlanItem::Action, "A1", 1, " \t\r\n", amy()),
                   ErrorKind::InvalidInput, "reason");
}

TEST(PlanEditRetire, RecordsTheDayThePersonAndTheReason) {
    const auto plan = fixture::small_plan();
    const auto revision = retire(plan, PlanItem::Action, "A1", 1, "  Merged into A3 ", amy());
    ASSERT_TRUE(revision) << revision.error().message;
    EXPECT_EQ(revision->id, "A1");
    const auto& retired = action_of(revision->plan, "A1");
    ASSERT_TRUE(retired.retired);
    EXPECT_EQ(retired.retired->on, d("2015-09-01"));
    EXPECT_EQ(retired.retired->by, "amy");
    EXPECT_EQ(retired.retired->reason, "Merged into A3");
    EXPECT_EQ(retired.version, 2);

    ASSERT_EQ(revision->audit.size(), 1U);
    const auto& entry = revision->audit[0];
    EXPECT_EQ(entry.at, "2015-09-01T10:00:00Z");
    EXPECT_EQ(entry.actor, "amy");
    EXPECT_EQ(entry.entity, "action");
    EXPECT_EQ(entry.entity_id, "A1");
    EXPECT_EQ(entry.field, "retired");
    EXPECT_EQ(entry.old_value, std::nullopt);
    EXPECT_EQ(entry.new_value, "2015-09-01 by amy: Merged into A3");
    EXPECT_EQ(entry.reason, "Merged into A3");
}

TEST(PlanEditRetire, EveryKindOfItemIsRetiredAndRestored) {
    const auto plan = three_workstreams();
    for (const auto& [item, id] : {std::pair{PlanItem::Recommendation, "R2"},
                                   {PlanItem::Workstream, "W2"},
                                   {PlanItem::Commitment, "C2"},
                                   {PlanItem::Measure, "M2"},
                                   {PlanItem::Action, "A5"}}) {
        SCOPED_TRACE(std::string(to_string(item)) + " " + id);
        const auto retired = accepted(retire(plan, item, id, 1, "Not needed", amy()));
        const auto place = find_item(retired, item, id);
        ASSERT_TRUE(place.found());
        ASSERT_TRUE(place.retired(item));
        EXPECT_EQ(place.version(item), 2);

        const auto restored = restore(retired, item, id, 2, "Needed after all", amy());
        ASSERT_TRUE(restored) << restored.error().message;
        const auto back = find_item(restored->plan, item, id);
        EXPECT_FALSE(back.retired(item));
        EXPECT_EQ(back.version(item), 3);
        ASSERT_EQ(restored->audit.size(), 1U);
        EXPECT_EQ(restored->audit[0].field, "retired");
        EXPECT_EQ(restored->audit[0].old_value, "2015-09-01 by amy: Not needed");
        EXPECT_EQ(restored->audit[0].new_value, std::nullopt);
        EXPECT_EQ(restored->audit[0].reason, "Needed after all");
    }
}

TEST(PlanEditRetire, RetiringTwiceOrRestoringWhatIsInThePlanIsAConflict) {
    const auto plan = fixture::small_plan();
    const auto retired = accepted(retire(plan, PlanItem::Measure, "M1", 1, "Replaced", amy()));
    expect_refused(retire(retired, PlanItem::Measure, "M1", 2, "Again", amy()), ErrorKind::Conflict,
                   "id");
    expect_refused(restore(plan, PlanItem::Measure, "M1", 1, "Back", amy()), ErrorKind::Conflict,
                   "id");
    expect_refused(restore(retired, PlanItem::Measure, "M1", 2, "", amy()), ErrorKind::InvalidInput,
                   "reason");
}

TEST(PlanEditRetire, AnItemThatIsNotThereIsNotFound) {
    const auto plan = fixture::small_plan();
    expect_refused(retire(plan, PlanItem::Action, "A9", 1, "Gone", amy()), ErrorKind::NotFound, "id");
    expect_refused(retire(plan, PlanItem::Measure, "M9", 1, "Gone", amy()), ErrorKind::NotFound,
                   "id");
    expect_refused(restore(plan, PlanItem::Commitment, "C9", 1, "Back", amy()), ErrorKind::NotFound,
                   "id");
    // An id of another kind is not found either.
    expect_refused(retire(plan, PlanItem::Workstream, "C1", 1, "Gone", amy()), ErrorKind::NotFound,
                   "id");
}

TEST(PlanEditRetire, ARetiredItemTakesNoChange) {
    auto plan = three_workstreams();
    const auto by = amy();
    for (const auto& [item, id] : {std::pair{PlanItem::Recommendation, "R2"},
                                   {PlanItem::Workstream, "W3"},
                                   {PlanItem::Commitment, "C2"},
                                   {PlanItem::Measure, "M1"},
                                   {PlanItem::Action, "A1"}}) {
        plan = accepted(retire(plan, item, id, 1, "Not needed", by));
    }
    expect_refused(change_recommendation(plan, "R2", 2, {{}, "Words"}, by), ErrorKind::Conflict,
                   "id");
    expect_refused(change_workstream(plan, "W3", 2, {"Title", {}, {}, {}}, by), ErrorKind::Conflict,
                   "id");
    expect_refused(change_commitment(plan, "C2", 2, {"Text", {}, {}}, by), ErrorKind::Conflict,
                   "id");
    MeasureFields text;
    text.text = "Words";
    expect_refused(change_measure(plan, "M1", 2, text, by), ErrorKind::Conflict, "id");
    ActionFields lead;
    lead.lead = "Service Manager";
    expect_refused(change_action(plan, "A1", 2, lead, by), ErrorKind::Conflict, "id");
    // Nor does an item that sits in a retired commitment, though it is not retired itself.
    expect_refused(change_action(plan, "A5", 1, lead, by), ErrorKind::Conflict, "id");
    expect_refused(change_measure(plan, "M2", 1, text, by), ErrorKind::Conflict, "id");
}

TEST(PlanEditRetire, NothingIsAddedUnderARetiredWorkstreamOrCommitment) {
    auto plan = three_workstreams();
    const auto by = amy();
    plan = accepted(retire(plan, PlanItem::Workstream, "W2", 1, "Closed", by));
    plan = accepted(retire(plan, PlanItem::Commitment, "C1", 1, "Covered", by));
    MeasureFields monitored;
    monitored.kind = MeasureKind::Monitored;
    monitored.text = "Audited";
    ActionFields action = due_on("2016-03-31", "");
    action.text = "Audit";
    action.lead = "QA Lead";

    expect_refused(add_commitment(plan, "W2", {"Text", {}, {}}, by), ErrorKind::Conflict, "id");
    expect_refused(add_measure(plan, "C1", monitored, by), ErrorKind::Conflict, "id");
    expect_refused(add_action(plan, "C1", action, by), ErrorKind::Conflict, "id");
    // C2 is not retired, but its workstream is.
    expect_refused(add_measure(plan, "C2", monitored, by), ErrorKind::Conflict, "id");
    expect_refused(add_action(plan, "C2", action, by), ErrorKind::Conflict, "id");
    // Under an item in the plan, the same fields are accepted.
    EXPECT_TRUE(add_commitment(plan, "W3", {"Text", {}, {}}, by));
}

TEST(PlanEditRetire, ANewLinkToARetiredRecommendationIsAConflict) {
    auto plan = three_workstreams();
    const auto by = amy();
    plan = accepted(retire(plan, PlanItem::Recommendation, "R2", 1, "Met", by));
    expect_refused(add_commitment(plan, "W3", {"Text", std::vector<std::string>{"R2"}, {}}, by),
                   ErrorKind::Conflict, "recommendations");
    expect_refused(change_commitment(plan, "C1", 1, {{}, std::vector<std::string>{"R1", "R2"}, {}},
                                     by),
                   ErrorKind::Conflict, "recommendations");
    // C2's link to R2 was made before R2 was retired: it may stay.
    auto kept = change_commitment(plan, "C2", 1, {"Supervision monthly", {}, {}}, by);
    ASSERT_TRUE(kept) << kept.error().message;
    EXPECT_EQ(kept->plan.workstreams[1].commitments[0].recommendations,
              std::vector<std::string>{"R2"});
    expect_refused(add_commitment(plan, "W3", {"Text", std::vector<std::string>{"R7"}, {}}, by),
                   ErrorKind::InvalidInput, "recommendations");
}

TEST(PlanEditRetire, ThePlanPeopleWorkFromHasNoRetiredItems) {
    auto plan = three_workstreams();
    plan.recommendations[1].retired = Retirement{d("2015-08-01"), "amy", "Met"};          // R2
    plan.workstreams[0].commitments[0].actions[0].retired = Retirement{d("2015-08-01"), "amy", "x"};
    plan.workstreams[0].commitments[0].measures[0].retired = Retirement{d("2015-08-01"), "amy", "x"};
    plan.workstreams[2].retired = Retirement{d("2015-08-01"), "amy", "Closed"};           // W3
    Commitment later{"C3", "Later", {"R1", "R2"}, {}, {}};
    later.actions = {fixture::action("A6", ActionStatus::NotStarted, std::nullopt, "2016-01-31")};
    later.retired = Retirement{d("2015-08-01"), "amy", "Not needed"};
    plan.workstreams[0].commitments.push_back(later);
    Commitment under_retired{"C4", "Partnership working", {"R1"}, {}, {}};
    under_retired.actions = {
        fixture::action("A7", ActionStatus::NotStarted, std::nullopt, "2016-01-31")};
    plan.workstreams[2].commitments.push_back(under_retired);

    const Plan working = without_retired(plan);
    ASSERT_EQ(working.recommendations.size(), 1U);
    EXPECT_EQ(working.recommendations[0].id, "R1");
    EXPECT_EQ(ids(working.workstreams), (std::vector<std::string>{"W1", "W2"}));
    ASSERT_EQ(working.workstreams[0].commitments.size(), 1U);  // C3 has gone, with A6
    const auto& c1 = working.workstreams[0].commitments[0];
    EXPECT_TRUE(c1.measures.empty());
    ASSERT_EQ(c1.actions.size(), 3U);
    EXPECT_EQ(c1.actions[0].id, "A2");
    EXPECT_EQ(working.find_action("A1"), nullptr);
    EXPECT_EQ(working.find_action("A6"), nullptr);
    EXPECT_EQ(working.find_action("A7"), nullptr);
    // C2 served only the retired R2: it stays, serving nothing.
    EXPECT_TRUE(working.workstreams[1].commitments[0].recommendations.empty());
    EXPECT_EQ(c1.recommendations, std::vector<std::string>{"R1"});
    // The plan itself is unchanged.
    EXPECT_EQ(plan.recommendations.size(), 2U);
    EXPECT_NE(plan.find_action("A1"), nullptr);
}

// --- Audit ----------------------------------------------------------------------------------

TEST(PlanEditAudit, EachFieldChangedIsRecordedOldToNewWithWhoAndWhen) {
    const auto plan = fixture::small_plan();
    const auto revision = change_workstream(
        plan, "W1", 1, {"Practice quality", {}, " Principal Social Worker ", {}}, amy());
    ASSERT_TRUE(revision) << revision.error().message;
    ASSERT_EQ(revision->audit.size(), 2U);
    const auto& title = revision->audit[0];
    EXPECT_EQ(title.at, "2015-09-01T10:00:00Z");
    EXPECT_EQ(title.actor, "amy");
    EXPECT_EQ(title.entity, "workstream");
    EXPECT_EQ(title.entity_id, "W1");
    EXPECT_EQ(title.field, "title");
    EXPECT_EQ(title.old_value, "Practice");
    EXPECT_EQ(title.new_value, "Practice quality");
    EXPECT_EQ(title.reason, std::nullopt);
    EXPECT_EQ(revision->audit[1].field, "lead");
    EXPECT_EQ(revision->audit[1].old_value, "Head of Service");
    EXPECT_EQ(revision->audit[1].new_value, "Principal Social Worker");
    EXPECT_EQ(revision->plan.workstreams[0].sponsor, "Director");
}

TEST(PlanEditAudit, ANewItemIsRecordedAsCreated) {
    const auto revision =
        add_recommendation(fixture::small_plan(), {RecommendationCategory::Priority, "Plan well"},
                           amy());
    ASSERT_TRUE(revision) << revision.error().message;
    ASSERT_EQ(revision->audit.size(), 1U);
    EXPECT_EQ(revision->audit[0].entity, "recommendation");
    EXPECT_EQ(revision->audit[0].entity_id, "R3");
    EXPECT_EQ(revision->audit[0].field, "created");
    EXPECT_EQ(revision->audit[0].new_value, "Plan well");
    EXPECT_EQ(revision->audit[0].actor, "amy");
}

// --- An action's due date -------------------------------------------------------------------

TEST(PlanEditDue, ANewDueDateNeedsAReasonAndKeepsTheBaseline) {
    const auto plan = fixture::small_plan();
    expect_refused(change_action(plan, "A1", 1, due_on("2016-02-01", ""), amy()),
                   ErrorKind::InvalidInput, "reason");
    expect_refused(change_action(plan, "A1", 1, due_on("2016-02-01", "  "), amy()),
                   ErrorKind::InvalidInput, "reason");

    const auto revision = change_action(plan, "A1", 1, due_on("2016-02-01", " Staff shortage "),
                                        amy());
    ASSERT_TRUE(revision) << revision.error().message;
    const auto& moved = action_of(revision->plan, "A1");
    EXPECT_EQ(moved.due, d("2016-02-01"));
    EXPECT_EQ(moved.original_due, d("2015-12-01"));
    EXPECT_TRUE(moved.rescheduled());
    EXPECT_EQ(moved.version, 2);
    ASSERT_EQ(revision->audit.size(), 1U);
    EXPECT_EQ(revision->audit[0].field, "due");
    EXPECT_EQ(revision->audit[0].old_value, "2015-12-01");
    EXPECT_EQ(revision->audit[0].new_value, "2016-02-01");
    EXPECT_EQ(revision->audit[0].reason, "Staff shortage");

    // Moved again, the baseline is still the first due date.
    const auto again = accepted(change_action(revision->plan, "A1", 2, due_on("2016-03-01"), amy()));
    EXPECT_EQ(action_of(again, "A1").original_due, d("2015-12-01"));
}

TEST(PlanEditDue, TheSameDueDateIsNoRescheduleAndNeedsNoReason) {
    const auto plan = fixture::small_plan();
    const auto revision = change_action(plan, "A1", 1, due_on("2015-12-01", ""), amy());
    ASSERT_TRUE(revision) << revision.error().message;
    EXPECT_TRUE(revision->audit.empty());
    EXPECT_EQ(action_of(revision->plan, "A1").version, 1);
}

TEST(PlanEditDue, ADateBeforeTodayNeedsConfirmingAndTodayDoesNot) {
    const auto plan = fixture::small_plan();
    // Today is 1 September 2015.
    expect_refused(change_action(plan, "A1", 1, due_on("2015-08-31"), amy()), ErrorKind::Conflict,
                   "confirm_past");
    auto confirmed = due_on("2015-08-31");
    confirmed.confirm_past_due = true;
    const auto past = accepted(change_action(plan, "A1", 1, confirmed, amy()));
    EXPECT_EQ(action_of(past, "A1").due, d("2015-08-31"));
    EXPECT_TRUE(action_of(past, "A1").overdue(d("2015-09-01")));

    const auto today = accepted(change_action(plan, "A1", 1, due_on("2015-09-01"), amy()));
    EXPECT_EQ(action_of(today, "A1").due, d("2015-09-01"));
    EXPECT_FALSE(action_of(today, "A1").overdue(d("2015-09-01")));

    ActionFields added = due_on("2015-08-31", "");
    added.text = "Audit";
    added.lead = "QA Lead";
    expect_refused(add_action(plan, "C1", added, amy()), ErrorKind::Conflict, "confirm_past");
    added.due = d("2015-09-01");
    EXPECT_TRUE(add_action(plan, "C1", added, amy()));
}

TEST(PlanEditDue, DatesOutsideTheYearsAPlanCoversAreRefused) {
    const auto plan = fixture::small_plan();
    for (const char* date : {"1999-12-31", "2101-01-01"}) {
        auto fields = due_on(date);
        fields.confirm_past_due = true;
        expect_refused(change_action(plan, "A1", 1, fields, amy()), ErrorKind::InvalidInput, "due");
        fields.text = "Audit";
        fields.lead = "QA Lead";
        expect_refused(add_action(plan, "C1", fields, amy()), ErrorKind::InvalidInput, "due");
    }
    for (const char* date : {"2000-01-01", "2100-12-31"}) {
        auto fields = due_on(date);
        fields.confirm_past_due = true;
        EXPECT_TRUE(change_action(plan, "A1", 1, fields, amy())) << date;
    }
    ActionFields undated;
    undated.text = "Audit";
    undated.lead = "QA Lead";
    expect_refused(add_action(plan, "C1", undated, amy()), ErrorKind::InvalidInput, "due");
}

// --- Moves ----------------------------------------------------------------------------------

TEST(PlanEditMove, AnActionMovesToAnotherCommitment) {
    const auto plan = three_workstreams();
    ActionFields move;
    move.commitment = "C2";
    const auto revision = change_action(plan, "A2", 1, move, amy());
    ASSERT_TRUE(revision) << revision.error().message;
    const auto place = find_item(revision->plan, PlanItem::Action, "A2");
    ASSERT_NE(place.commitment, nullptr);
    EXPECT_EQ(place.commitment->id, "C2");
    EXPECT_EQ(place.commitment->actions.back().id, "A2");
    EXPECT_EQ(revision->plan.workstreams[0].commitments[0].actions.size(), 3U);
    EXPECT_EQ(place.action->version, 2);
    EXPECT_EQ(place.action->rag, Rag::Red);  // it moves with everything it holds
    EXPECT_EQ(revision->plan.workstreams[0].commitments[0].version, 1);
    EXPECT_EQ(revision->plan.workstreams[1].commitments[0].version, 1);
    ASSERT_EQ(revision->audit.size(), 1U);
    EXPECT_EQ(revision->audit[0].entity, "action");
    EXPECT_EQ(revision->audit[0].entity_id, "A2");
    EXPECT_EQ(revision->audit[0].field, "commitment");
    EXPECT_EQ(revision->audit[0].old_value, "C1");
    EXPECT_EQ(revision->audit[0].new_value, "C2");
}

TEST(PlanEditMove, ACommitmentMovesToAnotherWorkstreamWithItsMeasuresAndActions) {
    const auto plan = three_workstreams();
    CommitmentFields move;
    move.workstream = "W3";
    const auto revision = change_commitment(plan, "C1", 1, move, amy());
    ASSERT_TRUE(revision) << revision.error().message;
    EXPECT_TRUE(revision->plan.workstreams[0].commitments.empty());
    ASSERT_EQ(revision->plan.workstreams[2].commitments.size(), 1U);
    const auto& moved = revision->plan.workstreams[2].commitments[0];
    EXPECT_EQ(moved.id, "C1");
    EXPECT_EQ(moved.version, 2);
    EXPECT_EQ(moved.actions.size(), 4U);
    EXPECT_EQ(moved.measures.size(), 1U);
    ASSERT_EQ(revision->audit.size(), 1U);
    EXPECT_EQ(revision->audit[0].entity, "commitment");
    EXPECT_EQ(revision->audit[0].field, "workstream");
    EXPECT_EQ(revision->audit[0].old_value, "W1");
    EXPECT_EQ(revision->audit[0].new_value, "W3");
    // Naming the workstream it is in already is no move.
    move.workstream = "W1";
    auto stay = change_commitment(plan, "C1", 1, move, amy());
    ASSERT_TRUE(stay) << stay.error().message;
    EXPECT_TRUE(stay->audit.empty());
}

TEST(PlanEditMove, NothingMovesToARetiredOrMissingPlace) {
    auto plan = three_workstreams();
    const auto by = amy();
    plan = accepted(retire(plan, PlanItem::Workstream, "W3", 1, "Closed", by));
    CommitmentFields to_w3;
    to_w3.workstream = "W3";
    expect_refused(change_commitment(plan, "C1", 1, to_w3, by), ErrorKind::Conflict, "workstream");
    CommitmentFields to_w9;
    to_w9.workstream = "W9";
    expect_refused(change_commitment(plan, "C1", 1, to_w9, by), ErrorKind::InvalidInput,
                   "workstream");

    plan = accepted(retire(plan, PlanItem::Commitment, "C2", 1, "Covered", by));
    ActionFields to_c2;
    to_c2.commitment = "C2";
    expect_refused(change_action(plan, "A1", 1, to_c2, by), ErrorKind::Conflict, "commitment");
    ActionFields to_c9;
    to_c9.commitment = "C9";
    expect_refused(change_action(plan, "A1", 1, to_c9, by), ErrorKind::InvalidInput, "commitment");

    // A commitment in the plan whose workstream is retired is no place for an action either.
    plan = accepted(restore(plan, PlanItem::Commitment, "C2", 2, "Needed", by));
    plan = accepted(retire(plan, PlanItem::Workstream, "W2", 1, "Closed", by));
    expect_refused(change_action(plan, "A1", 1, to_c2, by), ErrorKind::Conflict, "commitment");
}

TEST(PlanEditMove, AWorkstreamMovesToAPositionAmongAll) {
    const auto plan = three_workstreams();
    WorkstreamFields first;
    first.position = 1;
    const auto revision = change_workstream(plan, "W3", 1, first, amy());
    ASSERT_TRUE(revision) << revision.error().message;
    EXPECT_EQ(ids(revision->plan.workstreams), (std::vector<std::string>{"W3", "W1", "W2"}));
    EXPECT_EQ(revision->plan.workstreams[0].title, "Partnerships");
    EXPECT_EQ(revision->plan.workstreams[1].commitments.size(), 1U);
    ASSERT_FALSE(revision->audit.empty());
    EXPECT_EQ(revision->audit[0].entity, "workstream");
    EXPECT_EQ(revision->audit[0].entity_id, "W3");
    EXPECT_EQ(revision->audit[0].field, "position");
    EXPECT_EQ(revision->audit[0].old_value, "3");
    EXPECT_EQ(revision->audit[0].new_value, "1");

    WorkstreamFields last;
    last.position = 3;
    const auto end = accepted(change_workstream(plan, "W1", 1, last, amy()));
    EXPECT_EQ(ids(end.workstreams), (std::vector<std::string>{"W2", "W3", "W1"}));
}

TEST(PlanEditMove, APositionOutsideOneToTheNumberOfWorkstreamsIsRefused) {
    const auto plan = three_workstreams();
    for (const std::size_t position : {std::size_t{0}, std::size_t{4}}) {
        WorkstreamFields fields;
        fields.position = position;
        expect_refused(change_workstream(plan, "W1", 1, fields, amy()), ErrorKind::InvalidInput,
                       "position");
    }
}

// --- Success measures -----------------------------------------------------------------------

MeasureFields measured(std::string indicator, std::optional<double> target) {
    MeasureFields fields;
    fields.kind = MeasureKind::Measured;
    fields.text = "Visits on time";
    fields.indicator = std::move(indicator);
    fields.target = target;
    return fields;
}

TEST(PlanEditMeasure, AMeasuredMeasureNamesAnIndicatorCsipComputes) {
    const auto plan = fixture::small_plan();
    expect_refused(add_measure(plan, "C1", measured("made_up", 80.0), amy()),
                   ErrorKind::InvalidInput, "indicator");
    MeasureFields no_indicator = measured("", 80.0);
    no_indicator.indicator.reset();
    expect_refused(add_measure(plan, "C1", no_indicator, amy()), ErrorKind::InvalidInput,
                   "indicator");
    // Given no indicators to choose from, none is one csip computes.
    EditBy without = amy();
    without.indicators.clear();
    expect_refused(add_measure(plan, "C1", measured("icpc_15wd", 80.0), without),
                   ErrorKind::InvalidInput, "indicator");
    expect_refused(add_measure(plan, "C1", measured("icpc_15wd", std::nullopt), amy()),
                   ErrorKind::InvalidInput, "target");

    const auto added = add_measure(plan, "C1", measured("icpc_15wd", 80.0), amy());
    ASSERT_TRUE(added) << added.error().message;
    const auto& measure = measure_of(added->plan, "M2");
    EXPECT_EQ(measure.indicator, "icpc_15wd");
    EXPECT_EQ(measure.target, 80.0);
    EXPECT_EQ(measure.status, MeasureStatus::NotAssessed);
    EXPECT_EQ(measure.status_by, "");
}

TEST(PlanEditMeasure, ATargetIsAPercentageFromZeroToAHundred) {
    const auto plan = fixture::small_plan();
    for (const double target : {0.0, 100.0}) {
        EXPECT_TRUE(add_measure(plan, "C1", measured("icpc_15wd", target), amy())) << target;
        MeasureFields change;
        change.target = std::optional<double>(target);
        EXPECT_TRUE(change_measure(plan, "M1", 1, change, amy())) << target;
    }
    for (const double target : {-0.1, 100.1, std::numeric_limits<double>::quiet_NaN(),
                                std::numeric_limits<double>::infinity()}) {
        expect_refused(add_measure(plan, "C1", measured("icpc_15wd", target), amy()),
                       ErrorKind::InvalidInput, "target");
        MeasureFields change;
        change.target = std::optional<double>(target);
        expect_refused(change_measure(plan, "M1", 1, change, amy()), ErrorKind::InvalidInput,
                       "target");
    }
}

TEST(PlanEditMeasure, AMeasureThatIsNotMeasuredHasNoIndicatorOrTarget) {
    const auto plan = fixture::small_plan();
    for (const auto kind : {MeasureKind::Monitored, MeasureKind::Observed, MeasureKind::Established}) {
        auto fields = measured("icpc_15wd", std::nullopt);
        fields.kind = kind;
        expect_refused(add_measure(plan, "C1", fields, amy()), ErrorKind::InvalidInput, "indicator");
        auto target_only = measured("", 50.0);
        target_only.kind = kind;
        expect_refused(add_measure(plan, "C1", target_only, amy()), ErrorKind::InvalidInput,
                       "indicator");
    }
    MeasureFields no_kind;
    no_kind.text = "Audited";
    expect_refused(add_measure(plan, "C1", no_kind, amy()), ErrorKind::InvalidInput, "kind");
}

TEST(PlanEditMeasure, ChangingTheKindAwayFromMeasuredClearsIndicatorAndTarget) {
    const auto plan = fixture::small_plan();  // M1 is measured: assessments_45wd, 85
    MeasureFields monitored;
    monitored.kind = MeasureKind::Monitored;
    const auto revision = change_measure(plan, "M1", 1, monitored, amy());
    ASSERT_TRUE(revision) << revision.error().message;
    const auto& measure = measure_of(revision->plan, "M1");
    EXPECT_EQ(measure.kind, MeasureKind::Monitored);
    EXPECT_EQ(measure.indicator, std::nullopt);
    EXPECT_EQ(measure.target, std::nullopt);
    EXPECT_EQ(measure.version, 2);

    // Clearing one of them explicitly clears the other with it.
    MeasureFields clear_indicator = monitored;
    clear_indicator.indicator = "";
    const auto cleared = change_measure(plan, "M1", 1, clear_indicator, amy());
    ASSERT_TRUE(cleared) << cleared.error().message;
    EXPECT_EQ(measure_of(cleared->plan, "M1").target, std::nullopt);
    MeasureFields clear_target = monitored;
    clear_target.target = std::optional<double>();
    const auto cleared_target = change_measure(plan, "M1", 1, clear_target, amy());
    ASSERT_TRUE(cleared_target) << cleared_target.error().message;
    EXPECT_EQ(measure_of(cleared_target->plan, "M1").indicator, std::nullopt);

    // Naming an indicator for a measure that is not measured is still refused.
    MeasureFields keep = monitored;
    keep.indicator = "icpc_15wd";
    expect_refused(change_measure(plan, "M1", 1, keep, amy()), ErrorKind::InvalidInput,
                   "indicator");
}

TEST(PlanEditMeasure, AStatusRecordsWhoSetItAndWhen) {
    const auto plan = fixture::small_plan();
    MeasureFields met;
    met.status = MeasureStatus::PartlyMet;
    const auto revision = change_measure(plan, "M1", 1, met, amy());
    ASSERT_TRUE(revision) << revision.error().message;
    const auto& measure = measure_of(revision->plan, "M1");
    EXPECT_EQ(measure.status, MeasureStatus::PartlyMet);
    EXPECT_EQ(measure.status_by, "amy");
    EXPECT_EQ(measure.status_at, "2015-09-01T10:00:00Z");
    EXPECT_EQ(measure.version, 2);
    ASSERT_EQ(revision->audit.size(), 1U);
    EXPECT_EQ(revision->audit[0].entity, "measure");
    EXPECT_EQ(revision->audit[0].field, "status");
    EXPECT_EQ(revision->audit[0].old_value, "not_assessed");
    EXPECT_EQ(revision->audit[0].new_value, "partly_met");

    // The same status given again by someone else leaves who set it as it was.
    EditBy ben = amy();
    ben.actor = "ben";
    ben.timestamp = "2015-09-02T10:00:00Z";
    const auto again = change_measure(revision->plan, "M1", 2, met, ben);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(measure_of(again->plan, "M1").status_by, "amy");
    EXPECT_EQ(measure_of(again->plan, "M1").status_at, "2015-09-01T10:00:00Z");
    EXPECT_EQ(measure_of(again->plan, "M1").version, 2);
}

// --- Starting a plan, its head and its inspection -------------------------------------------

TEST(PlanEditStart, StartsAPlanWhenThereIsNone) {
    const auto revision = start_plan(std::nullopt, {" Testshire ", "Improvement plan", ""}, amy());
    ASSERT_TRUE(revision) << revision.error().message;
    EXPECT_EQ(revision->id, "plan");
    EXPECT_EQ(revision->plan.authority, "Testshire");
    EXPECT_EQ(revision->plan.version, 1);
    EXPECT_EQ(revision->plan.inspection.start, d("2015-09-01"));
    EXPECT_EQ(revision->plan.inspection.published, d("2015-09-01"));
    EXPECT_EQ(revision->plan.inspection.overall, std::nullopt);
    ASSERT_FALSE(revision->audit.empty());
    EXPECT_EQ(revision->audit[0].entity, "plan");
    EXPECT_EQ(revision->audit[0].field, "created");
    EXPECT_EQ(revision->audit[0].actor, "amy");

    expect_refused(start_plan(std::nullopt, {"Testshire", " ", ""}, amy()), ErrorKind::InvalidInput,
                   "title");
    expect_refused(start_plan(std::nullopt, {"", "Plan", ""}, amy()), ErrorKind::InvalidInput,
                   "authority");
}

TEST(PlanEditStart, AStartWhenThereIsAPlanIsAConflict) {
    expect_refused(start_plan(fixture::small_plan(), {"Testshire", "Another plan", ""}, amy()),
                   ErrorKind::Conflict, "title");
}

TEST(PlanEditInspection, NoOverallGradeIsAcceptedBesideALimitingJudgement) {
    const auto plan = fixture::small_plan();
    Inspection ilacs = plan.inspection;
    ilacs.framework = "ILACS";
    ilacs.overall.reset();
    const auto revision = change_inspection(plan, 1, ilacs, amy());
    ASSERT_TRUE(revision) << revision.error().message;
    EXPECT_EQ(revision->plan.inspection.overall, std::nullopt);
    EXPECT_EQ(revision->plan.inspection.framework, "ILACS");
    EXPECT_EQ(revision->plan.inspection.version, 2);
    EXPECT_EQ(revision->plan.version, 1);
    bool overall_recorded = false;
    for (const auto& entry : revision->audit) {
        if (entry.field != "overall") continue;
        overall_recorded = true;
        EXPECT_EQ(entry.entity, "inspection");
        EXPECT_EQ(entry.old_value, "inadequate");
        EXPECT_EQ(entry.new_value, std::nullopt);
    }
    EXPECT_TRUE(overall_recorded);
}

TEST(PlanEditInspection, AnOverallGradeBetterThanALimitingJudgementIsRefused) {
    const auto plan = fixture::small_plan();  // help and protection: inadequate, limiting
    Inspection better = plan.inspection;
    better.overall = Grade::RequiresImprovement;
    expect_refused(change_inspection(plan, 1, better, amy()), ErrorKind::InvalidInput, "overall");

    // As good as the limiting judgement is the best it may be.
    Inspection capped = plan.inspection;
    capped.judgements[0].grade = Grade::RequiresImprovement;
    capped.overall = Grade::RequiresImprovement;
    EXPECT_TRUE(change_inspection(plan, 1, capped, amy()));
    capped.overall = Grade::Good;
    expect_refused(change_inspection(plan, 1, capped, amy()), ErrorKind::InvalidInput, "overall");
}

TEST(PlanEditInspection, DatesOutOfOrderOrOutOfRangeNameTheirField) {
    const auto plan = fixture::small_plan();
    Inspection early = plan.inspection;
    early.start = d("1999-12-31");
    expect_refused(change_inspection(plan, 1, early, amy()), ErrorKind::InvalidInput, "start");
    Inspection backwards = plan.inspection;
    backwards.end = d("2015-03-01");
    expect_refused(change_inspection(plan, 1, backwards, amy()), ErrorKind::InvalidInput, "end");
}

// --- Text -----------------------------------------------------------------------------------

TEST(PlanEditText, TextThatIsNotUtf8OrHoldsControlCharactersIsRefusedNamingTheField) {
    const auto plan = fixture::small_plan();
    const auto by = amy();
    for (const std::string& bad : {std::string("Caf\xe9"), std::string("\xc0\xaf"),
                                  std::string("Red\x1b[31m"), std::string("a\0b", 3),
                                  std::string("line\rbreak")}) {
        SCOPED_TRACE(bad);
        expect_refused(add_recommendation(plan, {RecommendationCategory::Priority, bad}, by),
                       ErrorKind::InvalidInput, "text");
        expect_refused(change_recommendation(plan, "R1", 1, {{}, bad}, by), ErrorKind::InvalidInput,
                       "text");
        expect_refused(add_workstream(plan, {"Title", bad, "Lead", {}}, by), ErrorKind::InvalidInput,
                       "sponsor");
        expect_refused(change_workstream(plan, "W1", 1, {{}, {}, bad, {}}, by),
                       ErrorKind::InvalidInput, "lead");
        ActionFields lead;
        lead.lead = bad;
        expect_refused(change_action(plan, "A1", 1, lead, by), ErrorKind::InvalidInput, "lead");
        MeasureFields text;
        text.text = bad;
        expect_refused(change_measure(plan, "M1", 1, text, by), ErrorKind::InvalidInput, "text");
        expect_refused(change_head(plan, 1, {bad, "Plan", ""}, by), ErrorKind::InvalidInput,
                       "authority");
        expect_refused(change_head(plan, 1, {"Testshire", "Plan", bad}, by),
                       ErrorKind::InvalidInput, "vision");
        Inspection inspection = plan.inspection;
        inspection.judgements[1].area = bad;
        expect_refused(change_inspection(plan, 1, inspection, by), ErrorKind::InvalidInput,
                       "judgements-2-area");
        expect_refused(retire(plan, PlanItem::Action, "A1", 1, bad, by), ErrorKind::InvalidInput,
                       "reason");
        expect_refused(change_action(plan, "A1", 1, due_on("2016-01-04", bad), by),
                       ErrorKind::InvalidInput, "reason");
    }
}

TEST(PlanEditText, TabsLineBreaksAndOtherLettersAreText) {
    const auto plan = fixture::small_plan();
    const std::string text = "Children\u2019s voices \u2013 heard.\r\nSecond line\twith a tab";
    const auto revision = change_recommendation(plan, "R1", 1, {{}, text}, amy());
    ASSERT_TRUE(revision) << revision.error().message;
    EXPECT_EQ(revision->plan.recommendations[0].text, text);
}

TEST(PlanEditText, TextLongerThanFourThousandBytesIsRefused) {
    const auto plan = fixture::small_plan();
    EXPECT_TRUE(change_recommendation(plan, "R1", 1, {{}, std::string(4000, 'a')}, amy()));
    expect_refused(change_recommendation(plan, "R1", 1, {{}, std::string(4001, 'a')}, amy()),
                   ErrorKind::InvalidInput, "text");
}

// --- Status updates on versioned and retired actions ----------------------------------------

ActionUpdateRequest update_from(std::optional<int> version) {
    ActionUpdateRequest request;
    request.note = "Audit booked";
    request.by = "Head of Service";
    request.on = d("2015-09-01");
    request.version = version;
    return request;
}

TEST(PlanEditUpdates, AStatusUpdateFromAnOlderVersionIsAConflict) {
    auto action = *fixture::small_plan().find_action("A1");
    action.version = 3;
    expect_refused(apply_update(action, update_from(2), "amy", "t"), ErrorKind::Conflict, "version");
    expect_refused(apply_update(action, update_from(4), "amy", "t"), ErrorKind::Conflict, "version");
    EXPECT_TRUE(apply_update(action, update_from(3), "amy", "t"));
    // A client that names no version is not checked (the command line).
    EXPECT_TRUE(apply_update(action, update_from(std::nullopt), "amy", "t"));
}

TEST(PlanEditUpdates, ARetiredActionTakesNoStatusUpdate) {
    auto action = *fixture::small_plan().find_action("A1");
    action.retired = Retirement{d("2015-08-01"), "amy", "Merged into A3"};
    expect_refused(apply_update(action, update_from(1), "amy", "t"), ErrorKind::Conflict, "id");
    expect_refused(apply_update(action, update_from(std::nullopt), "amy", "t"), ErrorKind::Conflict,
                   "id");
}

}  // namespace
}  // namespace csip::domain
