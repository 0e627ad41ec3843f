// The Annex A page in Debian's Chromium with JavaScript switched off, on the demo authority as
// of 15 September 2015. An editor uploads an Annex A extract as two CSV lists (List 7, child
// protection; List 8, children looked after) with the date it was taken, 10 September 2015; a
// lead officer chooses that extract on /annex-a and finds each list's count, the figures worked
// out by hand below, the children inspectors ask about first, filters them by team and worker
// and downloads a list as CSV. A viewer (a board member) has no Annex A in the menu and is
// refused the page, its CSV and its API. Pages are checked with axe-core at 320 and 1280 px;
// screenshots `annex-a-*.png` go to CSIP_SCREENSHOTS (docs/screenshots/ by default).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { startServer, password } from './server.mjs'
import { launch, openPage, signIn, checkPage } from './browser.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const screenshots = process.env.CSIP_SCREENSHOTS || path.join(here, '..', '..', 'docs', 'screenshots')

// As at Thursday 10 September 2015 (the bank holiday of Monday 31 August between):
// - CP1 last seen Thursday 27 August: 9 working days, in timescale.
// - CP2 last seen Wednesday 26 August: 10 working days, in timescale.
// - CP3 last seen Tuesday 25 August: 11 working days, one over: not visited in timescale.
// - CP4 on a plan since 1 June 2013: over two years; last seen 9 September; a second plan.
// - CP5's plan ended on 1 September: not on a plan at 10 September.
// Children on a plan visited in timescale: 3 of 4 (75.0%); plans over two years: 1 of 4.
const list7 = 'Child Unique ID,Gender,Date of Birth,Allocated Team,Allocated Worker,' +
  'Child Protection Plan Start Date,Initial Category of Abuse,Latest Category of Abuse,' +
  'Date of the Last Statutory Visit,Was the Child Seen Alone?,Date of latest review conference,' +
  'Child Protection Plan End Date,Number of Previous Child Protection Plans\n' +
  'CP1,a) Male,01/02/2010,Child protection east,A. Patel,01/06/2015,b) Neglect,b) Neglect,27/08/2015,a) Yes,,,0\n' +
  'CP2,b) Female,03/04/2012,Child protection east,A. Patel,15/06/2015,b) Neglect,b) Neglect,26/08/2015,a) Yes,,,0\n' +
  'CP3,b) Female,05/06/2013,Child protection west,B. Jones,01/07/2015,c) Emotional abuse,c) Emotional abuse,25/08/2015,b) No,,,0\n' +
  'CP4,a) Male,07/08/2008,Child protection west,B. Jones,01/06/2013,b) Neglect,b) Neglect,09/09/2015,a) Yes,15/07/2015,,1\n' +
  'CP5,a) Male,09/10/2011,Child protection west,,01/03/2015,b) Neglect,b) Neglect,20/08/2015,a) Yes,01/06/2015,01/09/2015,0\n'

// LA1 with four placements in the year and missing twice with no return interview offered;
// LA2 with no allocated worker.
const list8 = 'Child Unique ID,Gender,Date of Birth,Allocated Team,Allocated Worker,' +
  'Date Started to be Looked After,Date of Latest Statutory Review,Date of Last Social Work Visit,' +
  'Number of Placements in the Last 12 months,' +
  'Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months,' +
  'Was the child offered a Return Interview after their last missing episode (Y/N)?,' +
  'Date of Last Health Assessment,Date of Last Dental Check,Date Ceased to be Looked After\n' +
  'LA1,a) Male,01/01/2003,Children in care,C. Okafor,01/01/2014,01/07/2015,01/09/2015,4,2,N,01/03/2015,01/02/2015,\n' +
  'LA2,b) Female,01/01/2011,Children in care,,01/05/2015,20/05/2015,28/08/2015,1,0,,01/06/2015,,\n'

let server
let browser
let folder
let files

before(async () => {
  mkdirSync(screenshots, { recursive: true })
  folder = mkdtempSync(path.join(tmpdir(), 'csip annex a.'))
  files = {
    list7: path.join(folder, 'westbury annex a list 7 (10.09.2015).csv'),
    list8: path.join(folder, 'westbury annex a list 8 (10.09.2015).csv')
  }
  writeFileSync(files.list7, list7)
  writeFileSync(files.list8, list8)
  server = await startServer()
  browser = await launch()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

const text = async (page, selector) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim()

test('an editor uploads an extract as CSV lists with the date it was taken', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'editor', password)
  await page.goto(server.address + '/returns/upload')
  await page.setInputFiles('#file', [files.list7, files.list8])
  await page.fill('#as_at-day', '10')
  await page.fill('#as_at-month', '9')
  await page.fill('#as_at-year', '2015')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Upload and import")')])
  // The import runs as a job; its page refreshes itself until it is done.
  for (let i = 0; i < 60 && !(await page.content()).includes('Stored as'); ++i) {
    await page.waitForTimeout(500)
    await page.reload()
  }
  const report = await text(page, 'main')
  assert.match(report, /return annex-a-list 2015-09-10 list 7/)
  assert.match(report, /return annex-a-list 2015-09-10 list 8/)
  assert.doesNotMatch(report, /latest date in it/)
  await context.close()
})

test('a lead officer sees the extract, its figures and the children inspectors ask about first', async () => {
  const failures = []
  for (const width of [320, 1280]) {
    const { context, page } = await openPage(browser, { viewport: { width, height: 900 } })
    await signIn(page, server.address, 'lead', password)
    await page.goto(server.address + '/annex-a?as_at=2015-09-10')
    await checkPage(page, '/annex-a?as_at=2015-09-10', width, failures)
    // The demo's latest extract, 30 September 2015, as the page opens.
    await page.goto(server.address + '/annex-a')
    await checkPage(page, '/annex-a', width, failures)
    await page.screenshot({ path: path.join(screenshots, `annex-a-${width === 320 ? 375 : width}.png`), fullPage: true })
    await context.close()
  }
  assert.deepEqual(failures, [])

  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'lead', password)
  await page.goto(server.address + '/')
  await Promise.all([page.waitForNavigation(), page.click('nav a:has-text("Annex A")')])
  // Choosing the extract of 10 September, by the form.
  await page.selectOption('#as_at', '2015-09-10')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Show this extract")')])
  const main = await text(page, 'main')
  assert.match(main, /as at 10 September 2015/)
  assert.match(await text(page, '#lists + div'), /7 Child protection 5 8 Children looked after 2/)
  const figures = await text(page, '#figures + p + div')
  assert.match(figures, /Annex A: children on a plan visited in timescale 75\.0% \(under 10 children\) 3 of 4/)
  assert.match(figures, /plans lasting more than two years \(lower is better\) 25\.0% \(under 10 children\) 1 of 4/)

  assert.equal(await text(page, '#not_visited-title'), 'Children on a child protection plan not visited in timescale: 1')
  assert.match(await text(page, '#not_visited table'), /CP3 Child protection west B\. Jones 1 July 2015 25 August 2015 9 September 2015 1/)
  assert.match(await text(page, '#long_plans table'), /CP4 Child protection west B\. Jones 1 June 2013/)
  assert.match(await text(page, '#repeat_plans table'), /CP4 .* 1$/)
  assert.match(await text(page, '#three_placements table'), /LA1 Children in care C\. Okafor 1 January 2014 4/)
  assert.match(await text(page, '#missing_without_interview table'), /LA1 .* 2 N/)
  // CP5's plan has ended: only LA2 is open with no worker.
  assert.equal(await text(page, '#no_worker-title'), 'Children with no allocated social worker: 1')
  assert.match(await text(page, '#no_worker table'), /LA2 Children in care None allocated Children looked after 1 May 2015/)

  // Filtered by team, the other team's children go.
  await page.selectOption('#team', 'Child protection east')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Show these children")')])
  assert.equal(await text(page, '#not_visited-title'), 'Children on a child protection plan not visited in timescale: 0')
  assert.equal(await text(page, '#long_plans-title'), 'Child protection plans lasting more than two years: 0')
  await page.selectOption('#team', '')
  await page.selectOption('#worker', 'B. Jones')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Show these children")')])
  assert.equal(await text(page, '#not_visited-title'), 'Children on a child protection plan not visited in timescale: 1')
  assert.equal(await text(page, '#three_placements-title'), 'Looked-after children with three or more placements in 12 months: 0')

  // The list as CSV, with the filter kept.
  await page.goto(server.address + '/annex-a?as_at=2015-09-10')
  const href = await page.locator('#not_visited a:has-text("Download this list as CSV")').getAttribute('href')
  const csv = await page.request.get(server.address + href)
  assert.equal(csv.status(), 200)
  assert.match(csv.headers()['content-disposition'], /annex-a-not_visited-2015-09-10\.csv/)
  assert.equal(await csv.text(),
    'child_id,team,worker,plan_start,last_visit,due,working_days_over\r\n' +
    'CP3,Child protection west,B. Jones,2015-07-01,2015-08-25,2015-09-09,1\r\n')

  // The API gives the same.
  const api = await page.request.get(server.address + '/api/v1/annex-a?as_at=2015-09-10&worker=B.%20Jones')
  assert.equal(api.status(), 200)
  const body = await api.json()
  assert.equal(body.as_at, '2015-09-10')
  assert.ok(body.extracts.includes('2015-09-10'))
  const visits = body.figures.find(f => f.id === 'annex_cp_visits')
  assert.deepEqual([visits.numerator, visits.denominator, visits.percent], [3, 4, 75])
  const notVisited = body.cases.find(c => c.id === 'not_visited')
  assert.deepEqual(notVisited.children.map(c => [c.child_id, c.worker, c.working_days_over]), [['CP3', 'B. Jones', '1']])
  await context.close()
})

test('a viewer has no Annex A: not in the menu, and refused the page, its CSV and its API', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'viewer', password)
  assert.equal(await page.locator('nav a:has-text("Annex A")').count(), 0)
  const refused = await page.goto(server.address + '/annex-a')
  assert.equal(refused.status(), 403)
  assert.match(await text(page, 'main'), /only lead officers, editors and administrators may see them/)
  assert.doesNotMatch(await page.content(), /CP3|B\. Jones/)
  const csv = await page.request.get(server.address + '/annex-a/cases/not_visited.csv')
  assert.equal(csv.status(), 403)
  const api = await page.request.get(server.address + '/api/v1/annex-a')
  assert.equal(api.status(), 403)
  await context.close()
})
