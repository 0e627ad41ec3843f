// The benchmarks page in Debian's Chromium, on the demo authority (which imports the department's
// published files in data/benchmarks and sets its LA code to West Berkshire's, 869). With
// JavaScript off, a viewer (a board member) finds Benchmarks in the menu, reads how West
// Berkshire compares with England, its region and its statistical neighbours, chooses another
// year with the form, reads the neighbours' own figures and downloads the figures as CSV; the
// API gives the same. The indicators page and the dashboard say each indicator's latest
// published year. Pages are checked with axe-core at 320, 375 and 1280 px; screenshots
// `benchmarks-*.png`, `indicators-published-375.png` and `dashboard-published-375.png` go to
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
  mkdirSync(screenshots, { recursive: true })
  server = await startServer()
  browser = await launch()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

const text = async (page, selector) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim()

test('a viewer reads West Berkshire against England, its region and its neighbours, without JavaScript', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'viewer', password)
  await Promise.all([page.waitForNavigation(), page.click('nav a:has-text("Benchmarks")')])
  assert.equal(new URL(page.url()).pathname, '/benchmarks')
  assert.equal(await page.inputValue('#la'), '869')
  const facts = await text(page, 'main dl')
  assert.match(facts, /West Berkshire \(LA 869\)/)
  assert.match(facts, /South East/)
  assert.match(facts, /The 2025 model: 10 councils/)
  const measures = await text(page, '#measures + p + div')
  assert.match(measures, /Assessments completed within 45 working days 2024-25\. Source: LAIT: Local Authority Interactive Tool 93\.4% 85\.7% 89\.9% 86\.5% 10 of 10 with a value 31 of 152 Band A/)
  assert.match(measures, /Initial child protection conferences within 15 working days 2024-25\. Source: [^%]* 74\.1% 81\.4%/)
  assert.match(measures, /\(context measure\)/)
  const neighbours = await text(page, '#neighbours + p + div')
  for (const name of ['Buckinghamshire', 'Hampshire', 'Oxfordshire', 'Bromley']) assert.match(neighbours, new RegExp(name))
  assert.match(await text(page, '#sources + div'), /LAIT: Local Authority Interactive Tool/)

  // Another year, by the form.
  await page.selectOption('#year', '2019')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Show the figures")')])
  assert.match(page.url(), /year=2019/)
  assert.match(await text(page, '#measures + p + div'), /Assessments completed within 45 working days 2018-19\. Source: [^%]* 96\.2% 83\.1%/)

  // A code that is not one is refused at the field.
  await page.fill('#la', '86')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Show the figures")')])
  assert.match(await page.title(), /^Error: Benchmarks/)
  assert.match(await text(page, '.govuk-error-summary'), /Enter the LA code as 3 numbers/)

  // The CSV and the API give the same figures.
  await page.goto(server.address + '/benchmarks?year=2025')
  const href = await page.locator('a:has-text("Download these figures as CSV")').getAttribute('href')
  const csv = await page.request.get(server.address + href)
  assert.equal(csv.status(), 200)
  assert.match(csv.headers()['content-disposition'], /benchmarks-869-2025\.csv/)
  assert.match(await csv.text(), /869,West Berkshire,2025,assessments_45wd,.*,93\.4,85\.7,/)
  const api = await page.request.get(server.address + '/api/v1/benchmarks?year=2025&la=869')
  assert.equal(api.status(), 200)
  const body = await api.json()
  const assessments = body.measures.find(m => m.id === 'assessments_45wd')
  assert.deepEqual([assessments.la, assessments.england, assessments.quartile], [93.4, 85.7, 'A'])
  assert.equal((await page.request.get(server.address + '/api/v1/benchmarks?year=later')).status(), 400)
  await context.close()
})

test('the benchmarks, indicators and dashboard pages pass axe-core at 320, 375 and 1280 px', async () => {
  const failures = []
  for (const width of [320, 375, 1280]) {
    const { context, page } = await openPage(browser, { viewport: { width, height: 900 } })
    await signIn(page, server.address, 'viewer', password)
    await page.goto(server.address + '/benchmarks')
    await checkPage(page, '/benchmarks', width, failures)
    if (width !== 320) {
      await page.screenshot({ path: path.join(screenshots, `benchmarks-${width}.png`), fullPage: true })
    }
    await page.goto(server.address + '/benchmarks?la=8x9')
    await checkPage(page, '/benchmarks?la=8x9', width, failures)
    await page.goto(server.address + '/indicators')
    await checkPage(page, '/indicators', width, failures)
    const published = await text(page, '#assessments_45wd dl')
    assert.match(published, /Published 2024-25: 93\.4% \(England 85\.7%, region 89\.9%, neighbours' median 86\.5%, band A\)/)
    if (width === 375) {
      await page.locator('#assessments_45wd').screenshot({ path: path.join(screenshots, 'indicators-published-375.png') })
    }
    await page.goto(server.address + '/')
    await checkPage(page, '/', width, failures)
    assert.match(await text(page, '.csip-tiles'), /Published 2024-25: 93\.4% \(England 85\.7%/)
    if (width === 375) {
      await page.locator('.csip-tiles').screenshot({ path: path.join(screenshots, 'dashboard-published-375.png') })
    }
    await context.close()
  }
  assert.deepEqual(failures, [])
})
