// Progressive enhancement only: every page works without this script. It marks the page as
// able to run govuk-frontend's components (the page template's inline script would, but the
// Content-Security-Policy allows no inline script; a browser that runs this module supports
// them) and starts them.
import { initAll } from '/assets/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
