// libFuzzer harness for the plan readers: the input is read as a csip-plan/1 document and as a
// plan CSV over the plan it describes (or over a small plan when it describes none), as `csip
// plan import` reads them. Any input may be refused; none may crash or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/plan_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto json = csip::import::read_plan_json(text, "fuzz.json");
    static csip::domain::Plan base = [] {
        csip::domain::Plan plan;
        plan.authority = "Fuzz";
        plan.title = "Plan";
        return plan;
    }();
    (void)csip::import::read_plan_csv(text, "fuzz.csv", json.plan ? &*json.plan : &base);
    return 0;
}
