// The meetings calendar, the reminders preview, the report settings and a body's report profile in
// Debian's Chromium, with JavaScript switched off (every page works without it): an editor adds a
// meeting and finds it on the calendar, not yet published, with a link to its preview; downloads
// the calendar feed and finds the meeting in it; sees the reminders a lead would get; changes the
// contact officer and has a refused address come back with the error summary and what was typed;
// and chooses a body's sections. A viewer gets 403 on the editors' pages. Every new page is
// checked with axe-core at 320 and 1280 px; screenshots at 375 and 1280 px go to docs/screenshots/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { startServer, password } from './server.mjs'
import { launch, openPage, signIn, checkPage } from './browser.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const screenshots = process.env.CSIP_SCREENSHOTS || path.join(here, '..', '..', 'docs', 'screenshots')

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

async function submit (page, label) {
  await Promise.all([page.waitForNavigation(), page.click(`main button:has-text("${label}")`)])
}

test('an editor finds a new meeting on the calendar and in its feed, with JavaScript off', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'editor', password)
  await page.goto(server.address + '/governance')
  await page.selectOption('#body', 'qa_board')
  await page.fill('#meeting-day', '30')
  await page.fill('#meeting-month', '9')
  await page.fill('#meeting-year', '2015')
  await submit(page, 'Add meeting')

  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Meetings calendar")')])
  assert.equal((await page.locator('h1').innerText()).trim(), 'Meetings calendar')
  const row = page.locator('tbody tr', { hasText: '30 September 2015' })
  assert.match(await row.innerText(), /Quality Assurance Board/)
  assert.match(await row.innerText(), /Not published/)
  await Promise.all([page.waitForNavigation(), row.locator('a:has-text("Preview")').click()])
  assert.equal(new URL(page.url()).pathname, '/governance/bodies/qa_board/report')

  const feed = await context.request.get(server.address + '/calendar.ics')
  assert.equal(feed.status(), 200)
  assert.equal(feed.headers()['content-type'], 'text/calendar; charset=utf-8')
  const text = await feed.text()
  assert.match(text, /^BEGIN:VCALENDAR\r\n/)
  assert.match(text, /UID:meeting-qa_board-2015-09-30@csip\r\nDTSTAMP:\d{8}T\d{6}Z\r\nDTSTART;VALUE=DATE:20150930\r\n/)
  assert.match(text, /UID:action-A\d+@csip/)
  await context.close()
})

test('an editor sees the reminders, and changes the report settings and a profile, with JavaScript off', async () => {
  const { context, page, problems } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'editor', password)
  await page.goto(server.address + '/governance')
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Reminders to lead officers")')])
  const reminders = await page.locator('main').innerText()
  assert.match(reminders, /Not set: reminders are not e-mailed/)
  assert.match(reminders, /No address set/)
  assert.match(reminders, /Overdue/)

  await page.goto(server.address + '/governance')
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Report settings")')])
  await page.fill('#contact_officer-name', 'Jo Bloggs')
  await page.fill('#contact_officer-email', 'not an address')
  await submit(page, 'Save')
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter an email address in the correct format/)
  assert.equal(await page.inputValue('#contact_officer-name'), 'Jo Bloggs')
  await page.fill('#contact_officer-email', 'jo.bloggs@westbury.example')
  await submit(page, 'Save')
  assert.equal(new URL(page.url()).pathname, '/governance')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /report settings have been saved/)
  const settings = await (await context.request.get(server.address + '/api/v1/report-settings')).json()
  assert.equal(settings['contact_officer.name'], 'Jo Bloggs')

  await page.goto(server.address + '/governance/bodies/qa_board/profile')
  await page.check('#sections-summary')
  await page.check('#sections-indicators')
  await page.check('#case_level-no')
  await submit(page, 'Save')
  assert.equal(new URL(page.url()).pathname, '/governance')
  const profile = await (await context.request.get(server.address + '/api/v1/bodies/qa_board/profile')).json()
  assert.deepEqual(profile.sections, ['summary', 'indicators'])
  assert.deepEqual(problems.filter(problem => !/status of 400/.test(problem)), [])
  await context.close()
})

test('a viewer reads the calendar but gets 403 on the editors\' pages', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'viewer', password)
  assert.equal((await page.goto(server.address + '/calendar')).status(), 200)
  for (const address of ['/reminders', '/governance/report-settings', '/governance/bodies/osmc/profile']) {
    assert.equal((await page.goto(server.address + address)).status(), 403, address)
  }
  await context.close()
})

test('every new page at 320 px and 1280 px: axe-core clean, no sideways scroll; screenshots', async () => {
  const pages = [
    ['calendar', '/calendar'],
    ['reminders', '/reminders'],
    ['report settings', '/governance/report-settings'],
    ['public body profile', '/governance/bodies/osmc/profile'],
    ['body profile', '/governance/bodies/csip_board/profile'],
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
    await page.goto(server.address + '/governance/report-settings')
    await page.fill('#portfolio_member-email', 'nobody')
    await submit(page, 'Save')
    await checkPage(page, 'refused report settings', width, failures)
    await context.close()
  }
  for (const width of [375, 1280]) {
    const { context, page } = await openPage(browser, { viewport: { width, height: 900 } })
    await signIn(page, server.address, 'editor', password)
    for (const [name, address] of [['calendar', '/calendar'], ['reminders', '/reminders'],
      ['report-settings', '/governance/report-settings'], ['body-profile', '/governance/bodies/csip_board/profile']]) {
      await page.goto(server.address + address)
      await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true,
        clip: { x: 0, y: 0, width, height: 2400 } })
    }
    await context.close()
  }
  assert.deepEqual(failures, [])
})
