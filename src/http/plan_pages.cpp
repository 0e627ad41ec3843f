// The pages for changing the plan.
#include "http/site.hpp"

namespace csip::http {

void add_plan_pages(httplib::Server&, Site&) {}

}  // namespace csip::http
