// Placeholder: filled in by the pages it is named for.
#include "http/site.hpp"

namespace csip::http {

void add_report_pages(httplib::Server&, Site&) {}

}  // namespace csip::http
