// The API for changing the plan, under /api/v1 (documented in openapi.json).
#include "http/site.hpp"

namespace csip::http {

void add_plan_api(httplib::Server&, Site&) {}

}  // namespace csip::http
