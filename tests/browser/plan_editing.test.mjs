// The plan kept in the browser, in Debian's Chromium. From an empty database an editor builds a
// small plan through the forms alone, with JavaScript switched off (every page works without
// it): the inspection, two recommendations, a workstream, a commitment serving both, a measured
// success measure with a target and two actions; reschedules one with a reason, retires the
// other, attaches a PDF as evidence and downloads it back byte for byte. A second editor edits an
// action from an older copy and gets the conflict page with nothing lost. A lead adds evidence
// to their own commitment's measure and cannot change the plan. Every new page is checked with
// axe-core at 320 and 1280 px; screenshots of the editor and of a measure with its evidence go
// to docs/screenshots/.
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
  server = await startServer({ demo: false })
  browser = await launch()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

// A small PDF, as a council's document store would hold one: its bytes must come back unchanged.
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n' +
  'trailer << /Root 1 0 R >>\n%%EOF\n\u00e9\u0000\u00ff', 'latin1')

async function typeDate (page, name, day, month, year) {
  await page.fill(`#${name}-day`, String(day))
  await page.fill(`#${name}-month`, String(month))
  await page.fill(`#${name}-year`, String(year))
}

async function submit (page, label) {
  await Promise.all([page.waitForNavigation(), page.click(`main button:has-text("${label}")`)])
}

async function notice (page) {
  return (await page.locator('.govuk-notification-banner__heading').first().innerText()).trim()
}

test('an editor builds, reschedules, retires and evidences a plan from an empty database, with JavaScript off', async () => {
  const { context, page, problems } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'editor', password)

  await page.goto(server.address + '/plan')
  await Promise.all([page.waitForNavigation(), page.click('a:has-text("Start the plan")')])
  await page.fill('#authority', 'West Testshire')
  await page.fill('#title', 'Children’s services improvement plan')
  await page.fill('#vision', 'Every child is safe and heard.')
  await submit(page, 'Start the plan')
  assert.match(await notice(page), /The plan has been started/)

  // The inspection: dates, an overall grade and a limiting judgement.
  await page.click('a[href="/plan/inspection"]')
  await page.fill('#framework', 'ILACS')
  await typeDate(page, 'start', 2, 3, 2015)
  await typeDate(page, 'end', 25, 3, 2015)
  await typeDate(page, 'published', 18, 5, 2015)
  await page.selectOption('#overall', 'inadequate')
  await page.fill('#judgements-1-area', 'Children who need help and protection')
  await page.selectOption('#judgements-1-grade', 'inadequate')
  await page.check('#judgements-1-limiting-yes')
  await submit(page, 'Save')
  assert.match(await notice(page), /The inspection has been saved/)
  assert.match(await page.locator('#inspection + dl').innerText(), /ILACS, 2 March 2015 to 25 March 2015/)

  for (const [category, text] of [['priority', 'Ensure assessments are completed on time'],
    ['improvement', 'Improve the quality of supervision']]) {
    await page.click('a:has-text("Add a recommendation")')
    await page.check(`#category-${category}`)
    await page.fill('#text', text)
    await submit(page, 'Save')
  }
  assert.match(await notice(page), /Recommendation R2 has been added/)

  await page.click('a:has-text("Add a workstream")')
  await page.fill('#title', 'Practice')
  await page.fill('#sponsor', 'Director of Children’s Services')
  await page.fill('#lead', 'Head of Service')
  await submit(page, 'Save')
  assert.match(await notice(page), /Workstream W1 has been added/)

  await page.click('a[href="/plan/workstreams/W1/commitments/new"]')
  await page.fill('#text', 'Assessments are timely and supervised')
  await page.check('#recommendations-R1')
  await page.check('#recommendations-R2')
  await submit(page, 'Save')
  assert.match(await notice(page), /Commitment C1 has been added/)
  assert.match(await page.locator('#C1').innerText(), /Serves R1, R2/)

  // A measured measure without its target is refused, with what was typed kept.
  await page.click('a[href="/plan/commitments/C1/measures/new"]')
  await page.check('#kind-measured')
  await page.fill('#text', 'Assessments within 45 working days')
  await page.selectOption('#indicator', 'assessments_45wd')
  await submit(page, 'Save')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /target/)
  assert.equal(await page.inputValue('#text'), 'Assessments within 45 working days')
  await page.fill('#target', '85')
  await submit(page, 'Save')
  assert.match(await notice(page), /Success measure M1 has been added/)

  for (const [text, lead, [day, month, year]] of [
    ['Audit every open assessment', 'Service Manager, Safeguarding', [31, 12, 2015]],
    ['Train team managers in supervision', 'Head of Service', [30, 11, 2015]]]) {
    await page.click('a[href="/plan/commitments/C1/actions/new"]')
    await page.fill('#text', text)
    await page.fill('#lead', lead)
    await typeDate(page, 'due', day, month, year)
    await submit(page, 'Save')
  }
  assert.match(await notice(page), /Action A2 has been added/)

  // Rescheduled: a reason is needed, and the baseline date is kept.
  await page.click('a[href="/plan/actions/A1/edit"]')
  await typeDate(page, 'due', 31, 3, 2016)
  await submit(page, 'Save')
  assert.match(await page.locator('.govuk-error-summary').innerText(), /why the due date changes/i)
  await page.fill('#reason', 'The audit tool is being rewritten with the QA Board')
  await submit(page, 'Save')
  assert.match(await page.locator('#A1').innerText(), /due 31 March 2016 \(originally 31 December 2015\)/)

  await page.click('a[href="/plan/actions/A2/retire"]')
  await page.fill('#reason', 'Merged into the academy programme')
  await submit(page, 'Retire it')
  assert.match(await notice(page), /Action A2 has been retired/)
  assert.match(await page.locator('#retired ~ div table').innerText(), /Merged into the academy programme/)
  await page.goto(server.address + '/plan')
  assert.doesNotMatch(await page.locator('main').innerText(), /Train team managers/)

  // Evidence with a PDF, served back byte for byte.
  await page.goto(server.address + '/plan/measures/M1')
  await page.fill('#text', 'The September audit found 41 of 48 assessments on time.')
  await page.setInputFiles('#file', { name: 'September audit.v2.pdf', mimeType: 'application/pdf', buffer: pdf })
  await submit(page, 'Add evidence')
  assert.match(await notice(page), /Your evidence has been added to M1/)
  await page.check('#status-partly_met')
  await submit(page, 'Save the status')
  assert.match(await page.locator('main dl').innerText(), /Partly met\s+set by editor/)
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.click('a:has-text("September audit.v2.pdf")')])
  assert.equal(download.suggestedFilename(), 'September audit.v2.pdf')
  assert.deepEqual(readFileSync(await download.path()), pdf)

  const [json] = await Promise.all([page.waitForEvent('download'), page.goto(server.address + '/plan/edit').then(() =>
    page.click('a:has-text("Download JSON")'))])
  const exported = JSON.parse(readFileSync(await json.path(), 'utf8'))
  const actions = exported.workstreams[0].commitments[0].actions
  assert.equal(actions[1].retired.reason, 'Merged into the academy programme')
  assert.equal(actions[0].original_due, '2015-12-31')
  // A refused form answers 400, which the browser reports; nothing else may go wrong.
  assert.deepEqual(problems.filter(problem => !/status of 400/.test(problem)), [])
  await context.close()
})

test('an edit from an older copy gets the conflict page, with nothing lost', async () => {
  const first = await openPage(browser, { javaScriptEnabled: false })
  const second = await openPage(browser, { javaScriptEnabled: false })
  await signIn(first.page, server.address, 'editor', password)
  await signIn(second.page, server.address, 'admin', password)
  await first.page.goto(server.address + '/plan/actions/A1/edit')
  await second.page.goto(server.address + '/plan/actions/A1/edit')

  await first.page.fill('#text', 'Audit every open assessment, with the QA Board')
  await submit(first.page, 'Save')
  assert.match(await notice(first.page), /Action A1 has been saved/)

  await second.page.fill('#text', 'Audit every open assessment each month')
  await second.page.click('main button:has-text("Save")')
  await second.page.waitForLoadState()
  const banner = await second.page.locator('.govuk-notification-banner').innerText()
  assert.match(banner, /Changed by someone else/)
  assert.match(banner, /Audit every open assessment, with the QA Board/)
  assert.equal(await second.page.inputValue('#text'), 'Audit every open assessment each month')

  // Saving again, having seen the change, applies to the action as it now is.
  await submit(second.page, 'Save')
  assert.match(await notice(second.page), /Action A1 has been saved/)
  await second.page.goto(server.address + '/actions/A1')
  assert.match(await second.page.locator('main').innerText(), /Audit every open assessment each month/)

  // A status update from an older copy is refused too, with the note kept.
  await first.page.goto(server.address + '/actions/A1')
  await second.page.goto(server.address + '/actions/A1')
  for (const { page } of [first, second]) {
    await page.check('#status-in_progress')
    await page.check('#rag-amber')
  }
  await first.page.fill('#note', 'Half of the assessments audited.')
  await submit(first.page, 'Save update')
  await second.page.fill('#note', 'Audit started in two teams.')
  const refused = await Promise.all([second.page.waitForNavigation(), second.page.click('main button:has-text("Save update")')])
  assert.equal(refused[0].status(), 409)
  assert.match(await second.page.locator('.govuk-error-summary').innerText(), /changed by someone else/)
  assert.equal(await second.page.inputValue('#note'), 'Audit started in two teams.')
  await first.context.close()
  await second.context.close()
})

test('a plan file with a problem is refused with its line and column, and nothing changes', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'editor', password)
  await page.goto(server.address + '/plan/upload')
  const broken = '{\n  "format": "csip-plan/1",\n  "authority": "West Testshire",\n  "title": 12\n}\n'
  await page.setInputFiles('#file', { name: 'plan for the board.v3.json', mimeType: 'application/json', buffer: Buffer.from(broken) })
  const [response] = await Promise.all([page.waitForNavigation(), page.click('main button:has-text("Upload")')])
  assert.equal(response.status(), 400)
  const summary = await page.locator('.govuk-error-summary').innerText()
  assert.match(summary, /plan for the board\.v3\.json:4:\d+/)
  await page.goto(server.address + '/plan/edit')
  assert.match(await page.locator('#C1').innerText(), /Assessments are timely/)
  await context.close()
})

test('a lead adds evidence to their own commitment and cannot change the plan', async () => {
  const { context, page } = await openPage(browser, { javaScriptEnabled: false })
  await signIn(page, server.address, 'lead', password)
  await page.goto(server.address + '/plan/measures/M1')
  await page.fill('#text', 'Team meeting minutes show weekly case audits.')
  await page.fill('#link', 'https://documents.example.gov.uk/minutes/2015-09')
  await submit(page, 'Add evidence')
  assert.match(await notice(page), /Your evidence has been added to M1/)
  assert.match(await page.locator('#evidence ~ ol').innerText(), /Service Manager, Safeguarding/)

  for (const address of ['/plan/actions/A1/edit', '/plan/edit', '/plan/workstreams/new']) {
    const response = await page.goto(server.address + address)
    assert.equal(response.status(), 403, address)
  }
  await context.close()
})

test('every new page at 320 px and 1280 px: axe-core clean, no sideways scroll; screenshots', async () => {
  const pages = [
    ['plan editor', '/plan/edit'], ['plan details', '/plan/details'], ['inspection', '/plan/inspection'],
    ['new recommendation', '/plan/recommendations/new'], ['change recommendation', '/plan/recommendations/R1/edit'],
    ['new workstream', '/plan/workstreams/new'], ['change workstream', '/plan/workstreams/W1/edit'],
    ['new commitment', '/plan/workstreams/W1/commitments/new'], ['change commitment', '/plan/commitments/C1/edit'],
    ['new measure', '/plan/commitments/C1/measures/new'], ['change measure', '/plan/measures/M1/edit'],
    ['new action', '/plan/commitments/C1/actions/new'], ['change action', '/plan/actions/A1/edit'],
    ['retire', '/plan/actions/A1/retire'], ['restore', '/plan/actions/A2/restore'],
    ['measure', '/plan/measures/M1'], ['upload', '/plan/upload']]
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
    await page.goto(server.address + '/plan/recommendations/new')
    await page.click('main button:has-text("Save")')
    await checkPage(page, 'refused recommendation', width, failures)
    await context.close()
  }
  for (const width of [375, 1280]) {
    const { context, page } = await openPage(browser, { viewport: { width, height: 900 } })
    await signIn(page, server.address, 'editor', password)
    for (const [name, address] of [['plan-editor', '/plan/edit'], ['measure-evidence', '/plan/measures/M1']]) {
      await page.goto(server.address + address)
      await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true })
    }
    await context.close()
  }
  assert.deepEqual(failures, [])
})
