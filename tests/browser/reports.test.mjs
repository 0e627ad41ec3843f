// A governance body's report in Debian's Chromium, with JavaScript switched off (every page works
// without it): an editor gives Overview and Scrutiny its meeting, previews its report in the page,
// downloads the DOCX, publishes the report for the meeting after the confirmation page, and finds
// it on the governance page under the SHA-256 the confirmation gave; the published DOCX is the
// same byte for byte from the governance page and from the API. Publishing the same meeting again
// is refused with the error summary. Every new page is checked with axe-core at 320 and 1280 px;
// screenshots of the preview and of the confirmation go to docs/screenshots/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { startServer, password } from './server.mjs'
import { launch, openPage, signIn, checkPage } from './browser.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const screenshots = process.env.CSIP_SCREENSHOTS || path.join(here, '..', '..', 'docs', 'screenshots')
const body = 'Overview and Scrutiny Management Commission'

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launch()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function typeDate (page, name, day, month, year) {
  await page.fill(`#${name}-day`, String(day))
  await page.fill(`#${name}-month`, String(month))
  await page.fill(`#${name}-year`, String(year))
}

async function submit (page, label) {
  await Promise.all([page.waitForNavigation(), page.click(`main button:has-text("${label}")`)])
}

const sha256 = bytes => createHash('sha256').update(bytes).digest('hex')

let publicationId

test('an editor previews the scrutiny report, downloads it, and publishes it for a meeting, with JavaScript off', async () => {
  const { context, page, problems } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'editor', password)

  await page.goto(server.address + '/governance')
  await page.selectOption('#body', 'osmc')
  await typeDate(page, 'meeting', 15, 9, 2015)
  await submit(page, 'Add meeting')

  await Promise.all([page.waitForNavigation(), page.click(`a:has-text("Preview the report to ${body}")`)])
  assert.equal((await page.locator('h1').first().innerText()).trim(), `Report to ${body}`)
  assert.equal(await page.inputValue('#as_of-day'), '15')
  const report = page.locator('main [role="region"][aria-labelledby="report-heading"]')
  assert.match(await report.innerText(), /Executive Summary/)
  assert.match(await report.innerText(), /Appendix A/)

  const [docx] = await Promise.all([page.waitForEvent('download'),
    page.click('a:has-text("Download the committee report")')])
  assert.equal(docx.suggestedFilename(), 'osmc-2015-09-15.docx')
  const previewed = readFileSync(await docx.path())
  assert.equal(previewed.subarray(0, 2).toString('latin1'), 'PK')

  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Publish this report for a meeting")')])
  assert.equal((await page.locator('h1').first().innerText()).trim(), `Publish the report to ${body}`)
  assert.equal(await page.isChecked('#meeting-2015-09-15'), true)
  assert.match(await page.locator('main').innerText(), /Word document \(DOCX\)/)
  await submit(page, 'Publish the report')

  assert.equal(new URL(page.url()).pathname, '/governance')
  const notice = (await page.locator('.govuk-notification-banner__heading').first().innerText()).trim()
  const hash = notice.match(/SHA-256 content hash is ([0-9a-f]{64})/)?.[1]
  assert.ok(hash, notice)
  const row = page.locator('#body-osmc').locator('..').locator('tbody tr')
  assert.equal((await row.locator('code').innerText()).trim(), hash)
  const href = await row.locator('a:has-text("DOCX")').getAttribute('href')
  publicationId = href.match(/\/governance\/publications\/(\d+)\/docx/)[1]

  // The published DOCX: the same bytes from the governance page and from the API, and the
  // publication listed under the hash the confirmation gave.
  const [published] = await Promise.all([page.waitForEvent('download'), row.locator('a:has-text("DOCX")').click()])
  const fromPage = readFileSync(await published.path())
  const fromApi = Buffer.from(await (await context.request.get(
    `${server.address}/api/v1/publications/${publicationId}/docx`)).body())
  assert.equal(sha256(fromApi), sha256(fromPage))
  assert.deepEqual(fromApi, fromPage)
  const listed = await (await context.request.get(`${server.address}/api/v1/publications?body=osmc`)).json()
  assert.equal(listed.publications.length, 1)
  assert.equal(listed.publications[0].content_hash, hash)

  // Publishing the same meeting again is refused, with the error summary.
  await page.goto(server.address + '/governance/bodies/osmc/publish')
  await page.check('#meeting-2015-09-15')
  await submit(page, 'Publish the report')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /has already been published/)
  assert.match(await page.title(), /^Error: /)

  // A refused form answers 409, which the browser reports; nothing else may go wrong.
  assert.deepEqual(problems.filter(problem => !/status of 409/.test(problem)), [])
  await context.close()
})

test('every new page at 320 px and 1280 px: axe-core clean, no sideways scroll; screenshots', async () => {
  const pages = [
    ['report preview', '/governance/bodies/osmc/report?as_of=2015-09-15'],
    ['case-level body preview', '/governance/bodies/csip_board/report'],
    ['publish confirmation', '/governance/bodies/osmc/publish?as_of=2015-09-15'],
    ['publish without meetings', '/governance/bodies/lscb/publish'],
    ['governance', '/governance']]
  const failures = []
  mkdirSync(screenshots, { recursive: true })
  for (const width of [320, 1280]) {
    const { context, page } = await openPage(browser, { viewport: { width, height: 900 } })
    await signIn(page, server.address, 'editor', password)
    for (const [label, address] of pages) {
      const response = await page.goto(server.address + address)
      if (response.status() !== 200) failures.push(`${label}: status ${response.status()}`)
      await checkPage(page, label, width, failures)
    }
    await page.goto(server.address + '/governance/bodies/osmc/report?as_of_day=31&as_of_month=2&as_of_year=2015')
    await checkPage(page, 'refused report date', width, failures)
    await page.goto(server.address + '/governance/bodies/osmc/publish')
    await page.check('#meeting-2015-09-15')
    await submit(page, 'Publish the report')
    await checkPage(page, 'refused publication', width, failures)
    await context.close()
  }
  for (const width of [375, 1280]) {
    const { context, page } = await openPage(browser, { viewport: { width, height: 900 } })
    await signIn(page, server.address, 'editor', password)
    await page.goto(server.address + '/governance/bodies/osmc/report?as_of=2015-09-15')
    await page.screenshot({ path: path.join(screenshots, `report-preview-${width}.png`), fullPage: true,
      clip: { x: 0, y: 0, width, height: 2400 } })
    await page.goto(server.address + '/governance/bodies/osmc/publish?as_of=2015-09-15')
    await page.screenshot({ path: path.join(screenshots, `publish-confirm-${width}.png`), fullPage: true })
    await context.close()
  }
  assert.deepEqual(failures, [])
})

test('a viewer previews the report but is offered no publishing, and may not publish', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'viewer', password)
  const response = await page.goto(server.address + '/governance/bodies/osmc/report')
  assert.equal(response.status(), 200)
  assert.equal(await page.locator('a:has-text("Publish this report")').count(), 0)
  const refused = await page.goto(server.address + '/governance/bodies/osmc/publish')
  assert.equal(refused.status(), 403)
  await context.close()
})
