// Returns uploaded in Debian's Chromium with JavaScript switched off, on the demo authority as of
// 15 September 2015. An editor uploads the four SSDA903 tables and a CIN census through the form
// (file names with spaces and dots), sees the import read with its progress, confirms that it
// replaces the returns of 2015-16 the demo holds, reads the import report with a deliberately
// bad episode reported at its line and column, and sees the assessments indicator change; a
// file of no known format is refused and nothing is stored; an administrator removes a return.
// Every page is checked with axe-core at 320 and 1280 px; screenshots `returns-*.png` go to
// CSIP_SCREENSHOTS (docs/screenshots/ by default).
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

// Children in the census: enough that reading it takes seconds, so that its progress is seen.
const censusChildren = 30000

let server
let browser
let folder
let files

// A CIN census of 2015-16 in which every child's assessment began on 1 June 2015; the even
// children's were signed off on 1 July (22 working days), the odd children's on 28 August
// (63 working days): half on time.
function census () {
  const children = []
  for (let i = 0; i < censusChildren; ++i) {
    const signedOff = i % 2 === 0 ? '2015-07-01' : '2015-08-28'
    children.push(`<Child><ChildIdentifiers><LAchildID>UP${String(i).padStart(6, '0')}</LAchildID>` +
      '<PersonBirthDate>2010-01-01</PersonBirthDate></ChildIdentifiers><CINdetails>' +
      '<CINreferralDate>2015-06-01</CINreferralDate><Assessments>' +
      '<AssessmentActualStartDate>2015-06-01</AssessmentActualStartDate>' +
      `<AssessmentAuthorisationDate>${signedOff}</AssessmentAuthorisationDate>` +
      '</Assessments></CINdetails></Child>')
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header><CollectionDetails>' +
    '<Collection>CIN</Collection><Year>2016</Year><ReferenceDate>2016-03-31</ReferenceDate>' +
    '</CollectionDetails></Header><Children>\n' + children.join('\n') + '\n</Children></Message>\n'
}

// The SSDA903 tables of 2015-16; the third episode's DECOM, 31/02/2015, is no date (line 4,
// column 2).
const ssda903 = {
  'westbury 903 header 2015-16.csv': 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n' +
    'LA1,1,01/01/2010,WBRI,A123456789012,,\nLA2,2,01/01/2011,WBRI,A123456789013,,\n',
  'westbury 903 episodes 2015-16.csv': 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
    'LA1,01/05/2015,S,C2,N1,U1,PR1,,,,,,\n' +
    'LA2,01/06/2015,S,C2,N1,U1,PR1,,,,,,\n' +
    'LA3,31/02/2015,S,C2,N1,U1,PR1,,,,,,\n',
  'westbury 903 reviews 2015-16.csv': 'CHILD,DOB,REVIEW,REVIEW_CODE\n' +
    'LA1,01/01/2010,29/05/2015,PN1\nLA2,01/01/2011,26/06/2015,PN1\n',
  'westbury 903 oc2 2015-16.csv': 'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n' +
    'LA1,01/01/2010,12,,0,1,1,1,1,0,0,0\n'
}

before(async () => {
  mkdirSync(screenshots, { recursive: true })
  folder = mkdtempSync(path.join(tmpdir(), 'csip returns.'))
  files = {}
  for (const [name, text] of [...Object.entries(ssda903), ['westbury cin census 2015-16.v2.xml', census()],
    ['meeting notes.txt', 'Notes of the CSIP Board, 8 September 2015: nothing here is a return.\n']]) {
    files[name] = path.join(folder, name)
    writeFileSync(files[name], text)
  }
  server = await startServer()
  browser = await launch()
})

after(async () => {
  await browser?.close()
  await server?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

async function submit (page, label) {
  await Promise.all([page.waitForNavigation(), page.click(`main button:has-text("${label}")`)])
}

// The headline "Year to date" figure of an indicator on /indicators.
async function yearToDate (page, id) {
  await page.goto(server.address + '/indicators')
  const text = await page.locator(`#${id}`).innerText()
  return text.match(/Year to date\s+([^\n]+)/)[1].trim()
}

async function heading (page) {
  return (await page.locator('h1').first().innerText()).trim()
}

// Follows a job page, which refreshes itself while the import waits or runs, until it shows
// `wanted`; gives every heading it showed on the way.
async function follow (page, wanted) {
  const seen = [await heading(page)]
  const deadline = Date.now() + 240000
  while (seen[seen.length - 1] !== wanted) {
    if (Date.now() > deadline) throw new Error(`the job page never showed "${wanted}": ${seen.join(', ')}`)
    const now = seen[seen.length - 1]
    if (now !== 'Import waiting its turn' && now !== 'Importing returns') {
      throw new Error(`the job page showed "${now}", not "${wanted}"`)
    }
    if (now === 'Importing returns') {
      const progress = await page.locator('#progress').innerText()
      assert.match(progress, /Read\s+[\d.,]+ MB of [\d.,]+ MB/)
      assert.match(progress, /Records\s+[\d,]+/)
      assert.match(progress, /Rate\s+[\d.]+ MB\/s/)
      assert.match(progress, /Time left\s+(\d+ s|not known yet)/)
      assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 1)
    }
    // The page's own <meta http-equiv="refresh"> takes it on; no script is involved.
    await page.waitForNavigation({ timeout: 15000 })
    seen.push(await heading(page))
  }
  return seen
}

async function returnsHeld (page) {
  await page.goto(server.address + '/returns')
  return page.locator('#returns tbody tr').count()
}

test('an editor uploads the SSDA903 tables and a CIN census, confirms, and reads the import report, with JavaScript off', async () => {
  const { context, page, problems } = await openPage(browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
  await signIn(page, server.address, 'editor', password)
  assert.equal(await yearToDate(page, 'assessments_45wd'), '78.3% (375 of 479)')
  const before = await returnsHeld(page)

  await Promise.all([page.waitForNavigation(), page.click('main a:has-text("Upload returns")')])
  assert.equal(new URL(page.url()).pathname, '/returns/upload')
  await page.setInputFiles('#file', [...Object.keys(ssda903), 'westbury cin census 2015-16.v2.xml'].map(name => files[name]))
  await page.fill('#collection_year', '2016')
  await page.screenshot({ path: path.join(screenshots, 'returns-upload-1280.png'), fullPage: true })
  await submit(page, 'Upload and import')
  assert.match(new URL(page.url()).pathname, /^\/returns\/jobs\/[0-9a-f]+$/)

  // The files are read; the census and the 2015-16 tables would replace the demo's copies.
  let seen = await follow(page, 'Replace the returns held?')
  assert.ok(seen.includes('Importing returns'), `no progress was shown: ${seen.join(', ')}`)
  const replacing = await page.locator('#replacing').innerText()
  assert.match(replacing, /cin 2016-03-31/)
  assert.match(replacing, /903-episodes 2016/)
  await page.screenshot({ path: path.join(screenshots, 'returns-confirm-1280.png'), fullPage: true })
  const confirmation = page.url()
  assert.equal(await returnsHeld(page), before, 'nothing may be stored before the replacement is confirmed')
  await page.goto(confirmation)
  await submit(page, 'Replace them')

  seen = await follow(page, 'Import report')
  const main = page.locator('main')
  assert.match(await main.locator('.govuk-panel').innerText(), /Imported/)
  const report = await main.innerText()
  assert.match(report, /westbury cin census 2015-16\.v2\.xml/)
  assert.match(report, new RegExp(`Records read\\s+${censusChildren.toLocaleString('en-GB')}`))
  assert.match(report, /replacing the copy held before/)
  const problemsShown = await main.locator('.csip-problems').allInnerTexts()
  assert.equal(problemsShown.length, 1, 'only the episodes table has a problem')
  assert.match(problemsShown[0], /westbury 903 episodes 2015-16\.csv:4:2 \(DECOM\): '31\/02\/2015' is not a date/)
  await page.screenshot({ path: path.join(screenshots, 'returns-import-report-1280.png'), fullPage: true })

  // The problems download as CSV, without JavaScript.
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.click('a:has-text("Download every problem as CSV")')])
  const csv = readFileSync(await download.path(), 'utf8')
  assert.match(csv, /westbury 903 episodes 2015-16\.csv,4,2,/)

  // Half the census's assessments were on time, and it replaced the demo's census.
  assert.equal(await yearToDate(page, 'assessments_45wd'), `50.0% (${censusChildren / 2} of ${censusChildren})`)

  // The returns page lists the new returns with their files and SHA-256, and keeps the report.
  await page.goto(server.address + '/returns')
  assert.equal(await page.locator('#returns tbody tr').count(), before + 2, 'the header and OC2 tables of 2015-16 are new; the rest replaced')
  const census = page.locator('#returns tbody tr', { hasText: 'westbury cin census 2015-16.v2.xml' })
  assert.match(await census.innerText(), /[0-9a-f]{64}/)
  assert.match(await census.innerText(), /by editor/)
  await page.screenshot({ path: path.join(screenshots, 'returns-list-1280.png'), fullPage: true })
  await Promise.all([page.waitForNavigation(),
    page.locator('#returns tbody tr', { hasText: 'westbury 903 episodes 2015-16.csv' }).locator('a:has-text("Import report")').click()])
  assert.match(await page.locator('.csip-problems').innerText(), /episodes 2015-16\.csv:4:2/)
  assert.deepEqual(problems, [])
  await context.close()
})

test('a file of no known format is refused and nothing is stored', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
  await signIn(page, server.address, 'editor', password)
  const before = await returnsHeld(page)
  await page.goto(server.address + '/returns/upload')
  await page.setInputFiles('#file', [files['westbury 903 oc2 2015-16.csv'], files['meeting notes.txt']])
  await submit(page, 'Upload and import')
  await follow(page, 'Import refused')
  assert.match(await page.title(), /^Error: Import refused/)
  assert.match(await page.locator('#refusal').innerText(), /meeting notes\.txt/)
  assert.match(await page.locator('#nothing-stored').innerText(), /Nothing was stored/)
  await page.screenshot({ path: path.join(screenshots, 'returns-refused-1280.png'), fullPage: true })
  assert.equal(await returnsHeld(page), before)
  await context.close()
})

test('an administrator removes a return after a warning', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
  await signIn(page, server.address, 'admin', password)
  const before = await returnsHeld(page)
  const row = page.locator('#returns tbody tr', { hasText: 'westbury_conference_reports_2015-16.csv' })
  await Promise.all([page.waitForNavigation(), row.locator('a:has-text("Remove")').click()])
  assert.match(await page.locator('.govuk-warning-text').innerText(), /kept in the audit trail/)
  await submit(page, 'Remove the return')
  assert.equal(new URL(page.url()).pathname, '/returns')
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /removed/)
  assert.equal(await page.locator('#returns tbody tr').count(), before - 1)
  assert.equal(await page.locator('#returns tbody tr', { hasText: 'westbury_conference_reports_2015-16.csv' }).count(), 0)
  await context.close()
})

test('the returns pages pass axe-core at 320 and 1280 px and never scroll sideways', async () => {
  const failures = []
  for (const width of [320, 1280]) {
    // axe-core runs as a script in the page, so these pages have JavaScript on.
    const { context, page } = await openPage(browser, { viewport: { width, height: 900 } })
    await signIn(page, server.address, 'admin', password)
    await page.goto(server.address + '/returns')
    await checkPage(page, 'returns', width, failures)
    const reportHref = await page.locator('#returns tbody tr', { hasText: 'westbury 903 episodes 2015-16.csv' })
      .locator('a:has-text("Import report")').getAttribute('href')
    const removeHref = await page.locator('#returns tbody tr').first().locator('a:has-text("Remove")').getAttribute('href')
    for (const [label, address] of [['upload', '/returns/upload'], ['import report of a return', reportHref],
      ['remove', removeHref]]) {
      await page.goto(server.address + address)
      await checkPage(page, label, width, failures)
    }
    // The form refused (no file chosen), answered 400.
    await page.goto(server.address + '/returns/upload')
    await submit(page, 'Upload and import')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose one or more files to upload/)
    await checkPage(page, 'upload refused', width, failures)
    // A replacement waiting for its confirmation, then its report; and a refusal.
    await page.goto(server.address + '/returns/upload')
    await page.setInputFiles('#file', [files['westbury 903 reviews 2015-16.csv']])
    await page.fill('#collection_year', '2016')
    await submit(page, 'Upload and import')
    await follow(page, 'Replace the returns held?')
    await checkPage(page, 'confirm', width, failures)
    if (width === 320) await page.screenshot({ path: path.join(screenshots, 'returns-confirm-320.png'), fullPage: true })
    await submit(page, 'Replace them')
    await follow(page, 'Import report')
    await checkPage(page, 'import report', width, failures)
    if (width === 320) await page.screenshot({ path: path.join(screenshots, 'returns-import-report-320.png'), fullPage: true })
    await page.goto(server.address + '/returns/upload')
    await page.setInputFiles('#file', [files['meeting notes.txt']])
    await submit(page, 'Upload and import')
    await follow(page, 'Import refused')
    await checkPage(page, 'refused', width, failures)
    await context.close()
  }
  assert.deepEqual(failures, [])
})
