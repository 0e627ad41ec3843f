// The indicator pages in a real browser, as a council's people read them on a phone and on a
// desk: no page scrolls sideways at 320 px (WCAG 1.4.10), charts keep readable labels by
// scrolling inside their own region, sparklines say their latest value, the date filter is the
// GOV.UK date input with an error summary, the table shown downloads as CSV and as XLSX (with
// JavaScript and without), and axe-core finds no WCAG 2.2 A or AA violation.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

import { startServer, password } from './server.mjs'
import { launch, openPage, accessibilityViolations, signIn } from './browser.mjs'

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

function newPage (options = {}) {
  return openPage(browser, { viewport: { width: 1280, height: 900 }, ...options })
}

const pages = [
  ['dashboard', '/'],
  ['indicators', '/indicators'],
  ['indicators, refused dates', '/indicators?from_day=1&from_month=9&from_year=2015&to_day=1&to_month=6&to_year=2015'],
  ['exceptions', '/indicators/assessments_45wd/exceptions'],
  ['exceptions of a review indicator', '/indicators/cla_reviews_on_time/exceptions']
]

test('the indicator pages never scroll sideways and pass axe-core at 320 and 1280 px', async () => {
  const failures = []
  for (const width of [320, 1280]) {
    const { context, page, problems } = await newPage({ viewport: { width, height: 900 } })
    await signIn(page, server.address, 'lead', password)
    for (const [label, address] of pages) {
      await page.goto(server.address + address)
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      if (scrollWidth > width) failures.push(`${label} at ${width} px: the page is ${scrollWidth} px wide`)
      for (const violation of await accessibilityViolations(page)) failures.push(`${label} at ${width} px: ${violation}`)
    }
    // The refused dates are answered 400, which the console reports; nothing else may fail.
    for (const problem of problems) if (!/status of 400/.test(problem)) failures.push(`at ${width} px: ${problem}`)
    await context.close()
  }
  assert.deepEqual(failures, [])
})

test('on a phone a chart keeps its size and scrolls inside a labelled region', async () => {
  const { context, page } = await newPage({ viewport: { width: 320, height: 900 } })
  await signIn(page, server.address, 'viewer', password)
  await page.goto(server.address + '/indicators')
  const chart = page.locator('#assessments_45wd svg.csip-chart__svg')
  const box = await chart.boundingBox()
  assert.ok(box.width >= 560, `the chart is drawn ${box.width} px wide at 320 px`)
  // Its month labels stay readable: 12 px in a 640-wide drawing stays above 10 px on screen.
  const labelHeight = await chart.locator('text', { hasText: /^Sep$/ }).first().evaluate(t => t.getBoundingClientRect().height)
  assert.ok(labelHeight >= 10, `a month label is ${labelHeight} px high`)
  const region = page.locator('#assessments_45wd .csip-chart-scroll')
  assert.equal(await region.getAttribute('role'), 'region')
  assert.equal(await region.getAttribute('tabindex'), '0')
  assert.match(await region.getAttribute('aria-label'), /Assessments completed within 45 working days/)
  await context.close()
})

test('each sparkline on the dashboard shows its latest value and has a name of its own', async () => {
  const { context, page } = await newPage({ viewport: { width: 375, height: 900 } })
  await signIn(page, server.address, 'viewer', password)
  const sparklines = page.locator('.csip-tile svg.csip-sparkline')
  assert.ok(await sparklines.count() >= 5)
  for (const sparkline of await sparklines.all()) {
    const latest = await sparkline.locator('text.csip-sparkline__latest').textContent()
    assert.match(latest, /^\d+(\.\d)?%$/)
    const name = await sparkline.evaluate(svg => svg.querySelector('title').textContent)
    assert.match(name, /latest .*\d+(\.\d)?%/)
  }
  await context.close()
})

test('the date filter is the GOV.UK date input, and a wrong date comes back with an error summary', async () => {
  const { context, page } = await newPage({ viewport: { width: 375, height: 900 } })
  await signIn(page, server.address, 'viewer', password)
  await page.goto(server.address + '/indicators')
  await page.fill('#from-day', '1')
  await page.fill('#from-month', '9')
  await page.fill('#from-year', '2015')
  await page.fill('#to-day', '1')
  await page.fill('#to-month', '6')
  await page.fill('#to-year', '2015')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Show these dates")')])
  assert.match(await page.title(), /^Error: Indicators/)
  const summary = page.locator('.govuk-error-summary')
  assert.match(await summary.innerText(), /The start date must be the same as or before the end date/)
  assert.doesNotMatch(await page.locator('main').innerText(), /--from|YYYY-MM-DD/)
  // The summary's link takes the person to the field to correct, with what they typed kept.
  await summary.locator('a').first().click()
  assert.equal(await page.evaluate(() => document.activeElement.id), 'from-day')
  assert.equal(await page.inputValue('#from-month'), '9')

  await page.fill('#from-month', '5')
  await page.fill('#to-day', '31')
  await page.fill('#to-month', '8')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Show these dates")')])
  assert.doesNotMatch(await page.title(), /^Error/)
  assert.match(await page.locator('main').innerText(), /from 1 May to 31 August 2015/)
  await context.close()
})

test('the table shown downloads as CSV and as an Excel workbook, with JavaScript and without', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const { context, page } = await newPage({ acceptDownloads: true, javaScriptEnabled })
    await signIn(page, server.address, 'viewer', password)
    await page.goto(server.address + '/indicators?from_day=1&from_month=5&from_year=2015&to_day=31&to_month=8&to_year=2015')
    assert.match(await page.locator('main').innerText(), /from 1 May to 31 August 2015/)

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Download as CSV")')])
    assert.equal(csv.suggestedFilename(), 'indicators-2015-05-01-to-2015-08-31.csv')
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n')
    assert.equal(lines[0], 'id,row,month,from,to,numerator,denominator,percent,target,rag,small_denominator,source')
    assert.ok(lines.some(line => line.startsWith('assessments_45wd,month,2015-05,2015-05-01,2015-05-31,')), lines.join('\n'))
    assert.ok(lines.every(line => !/2015-04|2015-09/.test(line.split(',')[2] ?? '')), 'only the months shown')

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Download as XLSX")')])
    assert.equal(xlsx.suggestedFilename(), 'indicators-2015-05-01-to-2015-08-31.xlsx')
    const file = await xlsx.path()
    assert.equal(readFileSync(file).subarray(0, 2).toString('latin1'), 'PK')
    const strings = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' })
    for (const text of ['small_denominator', 'assessments_45wd', '2015-05']) assert.match(strings, new RegExp(`>${text}<`))
    const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' })
    assert.match(sheet, /state="frozen"/)
    await context.close()
  }
})
