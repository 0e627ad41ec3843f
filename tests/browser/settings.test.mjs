// The indicator settings and the figures entered by hand, in Debian's Chromium on the demo
// authority as of 15 September 2015, with JavaScript switched off (every page works without it).
// An editor narrows the RAG tolerance and sees child protection visits turn from amber to red on
// /indicators; has a refused value come back with its error; enters the agency rate for
// September by hand and sees the month marked "entered by hand". Every new page, and a refused
// form, is checked with axe-core at 320 and 1280 px; screenshots `settings-*.png` go to
// CSIP_SCREENSHOTS (docs/screenshots/ by default).
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

async function ragOf (page, id) {
  return (await page.locator(`#${id} .govuk-tag`).first().innerText()).trim()
}

test('an editor narrows the tolerance and enters a figure by hand, with JavaScript off', async () => {
  const { context, page, problems } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'editor', password)

  await page.goto(server.address + '/indicators')
  assert.equal(await ragOf(page, 'cp_visits_on_time'), 'Amber')
  await Promise.all([page.waitForNavigation(), page.click('#settings-link')])
  assert.equal(new URL(page.url()).pathname, '/settings')
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Change RAG tolerance")')])

  await page.fill('#value', 'five')
  await submit(page, 'Save')
  assert.match(await page.title(), /^Error: /)
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the tolerance as a number of points from 0 to 100/)
  assert.equal(await page.inputValue('#value'), 'five')

  await page.fill('#value', '2')
  await submit(page, 'Save')
  assert.equal(new URL(page.url()).pathname, '/settings')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /The RAG tolerance is now 2 points/)
  assert.match(await page.locator('#settings').innerText(), /Changed by editor on 15 September 2015/)

  await page.goto(server.address + '/indicators')
  assert.equal(await ragOf(page, 'cp_visits_on_time'), 'Red')

  await Promise.all([page.waitForNavigation(),
    page.click('#agency_sw_rate a:has-text("Figures entered by hand")')])
  assert.equal(new URL(page.url()).pathname, '/indicators/agency_sw_rate/values')
  await page.fill('#month', '2015-09')
  await page.fill('#value', '31.5')
  await page.fill('#note', 'Monthly HR count')
  await submit(page, 'Save the figure')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /31.5% for September 2015 has been saved/)
  assert.match(await page.locator('#history').innerText(), /September 2015\s+31.5%\s+Monthly HR count\s+editor/)

  await page.goto(server.address + '/indicators')
  const september = page.locator('#agency_sw_rate tbody tr', { hasText: 'September 2015' })
  assert.match(await september.innerText(), /Entered by hand\s+31.5%/)
  // The refused form is answered 400, which the console reports; nothing else may be.
  assert.deepEqual(problems.filter(problem => !/status of 400/.test(problem)), [])
  await context.close()
})

test('the new pages pass at 320 and 1280 px', async () => {
  mkdirSync(screenshots, { recursive: true })
  const failures = []
  for (const width of [320, 1280]) {
    const { context, page } = await openPage(browser, { viewport: { width, height: 900 } })
    await signIn(page, server.address, 'editor', password)
    for (const [label, route] of [
      ['settings', '/settings'],
      ['setting form', '/settings/initial_conference_working_days'],
      ['values', '/indicators/agency_sw_rate/values']
    ]) {
      const response = await page.goto(server.address + route)
      if (response.status() !== 200) failures.push(`${label}: status ${response.status()}`)
      await checkPage(page, label, width, failures)
      await page.screenshot({ path: path.join(screenshots, `settings-${label.replace(' ', '-')}-${width}.png`), fullPage: true })
    }
    await page.goto(server.address + '/indicators/agency_sw_rate/values')
    await page.fill('#month', 'September')
    await page.fill('#value', '120')
    await submit(page, 'Save the figure')
    await checkPage(page, 'refused figure', width, failures)
    await context.close()
  }
  assert.deepEqual(failures, [])
})

test('viewers and leads get 403 on the new pages', async () => {
  for (const name of ['viewer', 'lead']) {
    const { context, page } = await openPage(browser, {})
    await signIn(page, server.address, name, password)
    for (const route of ['/settings', '/settings/tolerance', '/indicators/agency_sw_rate/values']) {
      const response = await page.goto(server.address + route)
      assert.equal(response.status(), 403, `${name} ${route}`)
    }
    await page.goto(server.address + '/indicators')
    assert.equal(await page.locator('#settings-link').count(), 0)
    await context.close()
  }
})
