// Debian's Chromium, headless, driven by playwright-core (no browser is downloaded), and axe-core
// injected into a page to check it against WCAG 2.2 A and AA.
import { chromium } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

export async function launch () {
  return chromium.launch({
    executablePath: process.env.CSIP_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run']
  })
}

// A page in a context of its own, with the errors its console and scripts report collected in
// `problems`; close it with `context.close()`.
export async function openPage (browser, options) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const problems = []
  page.on('console', message => { if (message.type() === 'error') problems.push(message.text()) })
  page.on('pageerror', error => problems.push(error.message))
  return { context, page, problems }
}

// The WCAG violations axe finds on the page, as readable lines (none: an empty list). axe is
// evaluated through the DevTools protocol, which the page's Content-Security-Policy allows; the
// page itself runs no inline script.
export async function accessibilityViolations (page) {
  await page.evaluate(axeSource)
  const result = await page.evaluate(tags => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }
  }), wcagTags)
  // A run that checked nothing would find nothing: make sure the rules ran.
  if (result.passes.length === 0) throw new Error('axe-core checked no rule on ' + page.url())
  return result.violations.map(v =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')}`)
}

export async function signIn (page, address, name, password) {
  await page.goto(address + '/login')
  await page.fill('#username', name)
  await page.fill('#password', password)
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')])
}
