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

const service = " – Children's services improvement"

// What a page must be at any width: no sideways scroll, axe-core clean, a title that names the
// service, is about 65 characters at most, and begins with the page's H1 (or "Error: " and it).
export async function checkPage (page, label, width, failures) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
  if (scrollWidth > width) failures.push(`${label} at ${width} px: the page is ${scrollWidth} px wide`)
  for (const violation of await accessibilityViolations(page)) failures.push(`${label} at ${width} px: ${violation}`)
  const title = await page.title()
  const h1 = (await page.locator('h1').first().innerText()).trim().replace(/\s+/g, ' ')
  if (!title.endsWith(service)) failures.push(`${label}: the title "${title}" does not name the service`)
  if (title.length > 70) failures.push(`${label}: the title "${title}" is ${title.length} characters`)
  const page_part = title.slice(0, -service.length).replace(/^Error: /, '')
  if (!(h1 === page_part || (page_part.endsWith('…') && h1.startsWith(page_part.slice(0, -1))))) {
    failures.push(`${label}: the title "${title}" does not match the H1 "${h1}"`)
  }
}
