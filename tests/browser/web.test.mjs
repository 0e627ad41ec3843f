// The web application in a real browser, as its users meet it: a lead signs in, updates their own
// action through the form and sees it in the history and on the dashboard; a viewer sees no
// update form and is refused when posting anyway; every page passes axe-core's WCAG 2.2 A and AA
// checks; pages work with JavaScript off; screenshots of the dashboard, an action, a filtered list
// and My actions at 375 and 1280 px, and of an indicator chart, are written to docs/screenshots/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { startServer, password } from './server.mjs'
import { launch, openPage, accessibilityViolations, signIn, checkPage } from './browser.mjs'

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

function newPage (options = {}) {
  return openPage(browser, { viewport: { width: 1200, height: 900 }, ...options })
}

test('a lead updates their own action through the form and sees it in the history and on the dashboard', async () => {
  const { context, page, problems } = await newPage()
  await signIn(page, server.address, 'lead', password)
  // A lead starts on their own actions.
  assert.equal(new URL(page.url()).pathname, '/my-actions')
  await page.click('a[href="/"]')
  const dueSoon = page.locator('h2:has-text("Due in the next 30 days") + ul')
  assert.equal(await dueSoon.locator('a[href="/actions/A43?from=dashboard"]').count(), 1)

  await page.click('a[href="/my-actions"]')
  await page.click('a[href="/actions/A43?from=my-actions"]')
  await page.check('#status-complete')
  await page.fill('#note', 'Strategy discussions audited; findings go to the QA Board')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save update")')])

  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your update to A43 has been saved/)
  const history = await page.locator('#history + table').innerText()
  assert.match(history, /Strategy discussions audited; findings go to the QA Board/)
  assert.match(history, /Complete\s+Strategy discussions audited; findings go to the QA Board/)

  // The way back is where the lead came from.
  await page.click('a.govuk-back-link:has-text("Back to my actions")')
  assert.equal(new URL(page.url()).pathname, '/my-actions')
  await page.click('a[href="/"]')
  assert.equal(await dueSoon.locator('a[href="/actions/A43?from=dashboard"]').count(), 0)
  assert.deepEqual(problems, [])
  await context.close()
})

test('a viewer sees no update form and is refused when posting anyway', async () => {
  const { context, page } = await newPage()
  await signIn(page, server.address, 'viewer', password)
  await page.goto(server.address + '/actions/A41')
  assert.equal(await page.locator('form[action="/actions/A41/updates"]').count(), 0)
  const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content')
  const form = await page.request.post(server.address + '/actions/A41/updates', {
    form: { csrf_token: csrf, note: 'Posted by a viewer', status: 'complete' }, maxRedirects: 0
  })
  assert.equal(form.status(), 403)
  const api = await page.request.post(server.address + '/api/v1/actions/A41/updates', {
    data: { note: 'Posted by a viewer' }, headers: { 'X-CSRF-Token': csrf }
  })
  assert.equal(api.status(), 403)
  await page.reload()
  assert.doesNotMatch(await page.content(), /Posted by a viewer/)
  await context.close()
})

// Every page a person can reach, signed in as an administrator (who sees them all).
const everyPage = [
  ['dashboard', '/'], ['plan', '/plan'], ['red actions', '/plan?state=red'],
  ['action', '/actions/A43'], ['my actions', '/my-actions'], ['recommendations', '/recommendations'],
  ['indicators', '/indicators'], ['exceptions', '/indicators/assessments_45wd/exceptions'],
  ['audit', '/audit'], ['governance', '/governance'], ['users', '/users'], ['user', '/users/lead'],
  ['not found', '/no-such-page']]
test('every page at 320 px and 1280 px: no sideways scroll, axe-core clean, titles that match', async () => {
  const failures = []
  let checked = 0
  for (const width of [320, 1280]) {
    const { context, page } = await newPage({ viewport: { width, height: 900 } })
    await page.goto(server.address + '/login')
    await checkPage(page, 'sign in', width, failures)
    await page.fill('#username', 'nobody')
    await page.fill('#password', 'not a password')
    await page.click('button:has-text("Sign in")')
    await checkPage(page, 'sign in, refused', width, failures)

    await signIn(page, server.address, 'admin', password)
    for (const [label, address] of everyPage) {
      await page.goto(server.address + address)
      await checkPage(page, label, width, failures)
      checked++
    }
    await page.goto(server.address + '/actions/A43')
    await page.fill('#note', '')
    await page.click('button:has-text("Save update")')
    await checkPage(page, 'action, refused update', width, failures)
    await context.close()

    const lead = await newPage({ viewport: { width, height: 900 } })
    await signIn(lead.page, server.address, 'lead', password)
    await checkPage(lead.page, 'my actions of a lead', width, failures)
    await lead.context.close()
  }
  assert.ok(checked >= 2 * everyPage.length)
  assert.deepEqual(failures, [])
})

// What people read: no command-line options or commands, no machine ids as link text, and no
// formula outside a "How this is worked out" details component.
test('no page shows command-line wording, machine ids as link text, or formulas in the open', async () => {
  const { context, page } = await newPage()
  await signIn(page, server.address, 'admin', password)
  const failures = []
  for (const [label, address] of everyPage) {
    await page.goto(server.address + address)
    const visible = await page.evaluate(() => {
      const clone = document.querySelector('main').cloneNode(true)
      for (const details of clone.querySelectorAll('details')) details.remove()
      return clone.innerText
    })
    for (const [what, pattern] of [
      ['a command-line option', /(^|\s)--[a-z][a-z-]+/],
      ['a csip command', /\bcsip (plan|data|user|token|report|body|meeting|demo|serve|indicator|indicators|action|history|audit)\b/],
      ['a formula', /[≤≥]|\bwd\(|[A-Z]{3,}_[A-Z]+ ?=/]]) {
      const found = visible.match(pattern)
      if (found) failures.push(`${label}: ${what}: "${visible.slice(Math.max(0, found.index - 30), found.index + 40).replace(/\s+/g, ' ')}"`)
    }
    const links = await page.locator('main a').allInnerTexts()
    for (const text of links) {
      if (/^[a-z0-9]+(_[a-z0-9]+)+$/.test(text.trim())) failures.push(`${label}: the link text "${text}" is a machine id`)
    }
  }
  assert.deepEqual(failures, [])
  await context.close()
})

// By keyboard alone: sign in, go to my actions, update an action, and come back.
test('a lead signs in, updates an action and comes back to their actions by keyboard alone', async () => {
  const { context, page } = await newPage()
  await page.goto(server.address + '/login')
  const tabTo = async (selector, limit = 60) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab')
      if (await page.evaluate(s => document.activeElement?.matches(s), selector)) return
    }
    throw new Error('Tab never reached ' + selector)
  }
  await tabTo('#username')
  await page.keyboard.type('lead')
  await tabTo('#password')
  await page.keyboard.type(password)
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
  assert.equal(new URL(page.url()).pathname, '/my-actions')
  await tabTo('a[href="/actions/A41?from=my-actions"]')
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
  // A radio group is one Tab stop; the arrow keys choose within it.
  const choose = async (group, id) => {
    await tabTo(`input[name="${group}"]`)
    for (let i = 0; i < 4 && !(await page.isChecked('#' + id)); i++) await page.keyboard.press('ArrowDown')
    assert.ok(await page.isChecked('#' + id), id + ' was not chosen')
  }
  await choose('status', 'status-in_progress')
  await choose('rag', 'rag-amber')
  await tabTo('#note')
  await page.keyboard.type('Updated by keyboard alone')
  await tabTo('button.govuk-button:not(.govuk-button--secondary)')
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your update to A41 has been saved/)
  assert.match(await page.locator('#history + table').innerText(), /Updated by keyboard alone/)
  await tabTo('a.govuk-back-link')
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
  assert.equal(new URL(page.url()).pathname, '/my-actions')
  await context.close()
})

test('pages work with JavaScript off: a lead signs in and saves an update', async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false })
  await signIn(page, server.address, 'lead', password)
  await page.goto(server.address + '/actions/A41')
  await page.check('#rag-amber')
  await page.fill('#note', 'Saved without JavaScript')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save update")')])
  assert.match(await page.locator('#history + table').innerText(), /Saved without JavaScript/)
  await context.close()
})

test('an administrator makes a token, copies it once, and revokes it, at 320 px', async () => {
  const { context, page } = await newPage({ viewport: { width: 320, height: 800 } })
  await signIn(page, server.address, 'admin', password)
  await page.goto(server.address + '/users/viewer')
  await page.fill('#label', 'Browser test dashboard')
  await page.fill('#days', '0')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Make token")')])
  assert.match(await page.locator('.govuk-error-summary').innerText(), /from 1 to 365 days/)
  assert.equal(await page.inputValue('#label'), 'Browser test dashboard')
  await page.fill('#days', '30')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Make token")')])
  const secret = (await page.locator('#token-secret').innerText()).trim()
  assert.match(secret, /^csip_/)
  assert.deepEqual(await accessibilityViolations(page), [])
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 320, `the page is ${width} px wide at 320 px`)
  const api = await page.request.get(server.address + '/api/v1/summary', { headers: { Authorization: 'Bearer ' + secret } })
  assert.equal(api.status(), 200)

  await page.goto(server.address + '/users/viewer')
  assert.doesNotMatch(await page.content(), new RegExp(secret))
  const row = page.locator('tr', { hasText: 'Browser test dashboard' })
  await Promise.all([page.waitForNavigation(), row.locator('button:has-text("Revoke")').click()])
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /has been revoked/)
  assert.equal(await page.locator('tr', { hasText: 'Browser test dashboard' }).count(), 0)
  const refused = await page.request.get(server.address + '/api/v1/summary', { headers: { Authorization: 'Bearer ' + secret } })
  assert.equal(refused.status(), 401)
  await context.close()

  // The same forms without JavaScript.
  const off = await newPage({ javaScriptEnabled: false })
  await signIn(off.page, server.address, 'admin', password)
  await off.page.goto(server.address + '/users/viewer')
  await off.page.fill('#label', 'Made without JavaScript')
  await Promise.all([off.page.waitForNavigation(), off.page.click('button:has-text("Make token")')])
  assert.match(await off.page.locator('#token-secret').innerText(), /^csip_/)
  await off.page.goto(server.address + '/users/viewer')
  const made = off.page.locator('tr', { hasText: 'Made without JavaScript' })
  await Promise.all([off.page.waitForNavigation(), made.locator('button:has-text("Revoke")').click()])
  assert.equal(await off.page.locator('tr', { hasText: 'Made without JavaScript' }).count(), 0)
  await off.context.close()
})

test('JavaScript enhances the pages without breaking the Content-Security-Policy', async () => {
  const { context, page, problems } = await newPage()
  await signIn(page, server.address, 'viewer', password)
  await page.goto(server.address + '/indicators')
  const classes = await page.evaluate(() => document.body.className)
  assert.match(classes, /govuk-frontend-supported/)
  assert.deepEqual(problems, [])
  await context.close()
})

test('screenshots of the pages at 375 px and 1280 px, and of an indicator chart', async () => {
  mkdirSync(screenshots, { recursive: true })
  for (const width of [375, 1280]) {
    const { context, page } = await newPage({ viewport: { width, height: 1000 } })
    await signIn(page, server.address, 'editor', password)
    for (const [name, address] of [['dashboard', '/'], ['action', '/actions/A43'], ['red-actions', '/plan?state=red']]) {
      await page.goto(server.address + address)
      await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: width === 1280 })
    }
    if (width === 1280) {
      await page.goto(server.address + '/indicators')
      const indicator = page.locator('section.csip-indicator').first()
      await indicator.screenshot({ path: path.join(screenshots, 'indicator-chart.png') })
    }
    await context.close()
    const lead = await newPage({ viewport: { width, height: 1000 } })
    await signIn(lead.page, server.address, 'lead', password)
    await lead.page.screenshot({ path: path.join(screenshots, `my-actions-${width}.png`), fullPage: true })
    await lead.context.close()
  }
})
