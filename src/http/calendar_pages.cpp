#include "http/site.hpp"

namespace csip::http {

void add_calendar_pages(httplib::Server& /*server*/, Site& /*site*/) {}

}  // namespace csip::http
