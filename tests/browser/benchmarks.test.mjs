// The benchmarks page in Debian's Chromium, on the demo authority (which imports the department's
// published files in data/benchmarks and sets its LA code to West Berkshire's, 869). With
// JavaScript off, a viewer (a board member) finds Benchmarks in the menu, reads how West
// Berkshire compares with England, its region and its statistical neighbours, chooses another
// year with the form, reads the neighbours' own figures and downloads the figures as CSV; the
// API gives the same. The indicators page and the dashboard say each indicator's latest
// published year. An editor imports a newer copy of a published file with the import form, and a
// file of no published format is refused at the field with nothing stored. Pages are checked
// with axe-core at 320, 375 and 1280 px; screenshots
// `benchmarks-*.png`, `indicators-published-375.png` and `dashboard-published-375.png` go to
// CSIP_SCREENSHOTS (docs/screenshots/ by default).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
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
    assert.match(published, /Published 2024-25: 93\.4% \(England 85\.7%, South East 89\.9%, neighbours' median 86\.5%, band A\)/)
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

test('an editor imports published files with the form, without JavaScript, and a file of no published format stores nothing', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'editor', password)
  await page.goto(server.address + '/benchmarks')
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Import published files")')])
  assert.equal(new URL(page.url()).pathname, '/benchmarks/import')
  // A spreadsheet saved as CSV with other columns: refused, naming the file, and nothing changes.
  await page.setInputFiles('#file', [
    { name: 'notes for the board.v2.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') }
  ])
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Import")')])
  assert.match(await page.title(), /^Error: Import published figures/)
  assert.match(await text(page, '.govuk-error-summary'), /notes for the board\.v2\.csv: the header row is no published format/)
  // The department's C4 file again: its figures replace those held.
  const c4 = path.join(here, '..', '..', 'data', 'benchmarks', 'c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv')
  await page.setInputFiles('#file', [{ name: 'c4 section 47s and ICPCs.csv', mimeType: 'text/csv', buffer: readFileSync(c4) }])
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Import")')])
  assert.match(await text(page, 'main'), /Published figures imported/)
  assert.match(await text(page, 'main'), /c4 section 47s and ICPCs\.csv: 2132 figures \(87 withheld\) of Initial child protection conferences within 15 working days; they replace the 2132 held/)
  await page.goto(server.address + '/benchmarks?year=2025')
  assert.match(await text(page, '#measures + p + div'), /Initial child protection conferences within 15 working days 2024-25\. Source: [^%]* 74\.1% 81\.4%/)
  await context.close()

  // The form and its refusal pass axe-core (which needs the page's JavaScript to run).
  const failures = []
  for (const width of [375, 1280]) {
    const checked = await openPage(browser, { viewport: { width, height: 900 } })
    await signIn(checked.page, server.address, 'editor', password)
    await checked.page.goto(server.address + '/benchmarks/import')
    await checkPage(checked.page, '/benchmarks/import', width, failures)
    await checked.page.setInputFiles('#file', [{ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') }])
    await Promise.all([checked.page.waitForNavigation(), checked.page.click('button:has-text("Import")')])
    await checkPage(checked.page, '/benchmarks/import (refused)', width, failures)
    if (width === 375) await checked.page.screenshot({ path: path.join(screenshots, 'benchmarks-import-refused-375.png'), fullPage: true })
    await checked.context.close()
  }
  assert.deepEqual(failures, [])
})
