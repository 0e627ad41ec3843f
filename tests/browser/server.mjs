// A csip server for the browser tests: the demo authority (or nothing) in a fresh SQLite file, a user of each
// role (added with `csip user add`, as an administrator would), and `csip serve --port 0` on
// 127.0.0.1, as of the demo's date. The address is read from what csip serve prints.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const password = 'a long browser-test password'
export const users = {
  admin: { role: 'admin', officer: '' },
  editor: { role: 'editor', officer: '' },
  lead: { role: 'lead', officer: 'Service Manager, Safeguarding' },
  viewer: { role: 'viewer', officer: '' }
}

// With { demo: false } the database starts empty: no plan, only the users.
export async function startServer ({ demo = true } = {}) {
  const binary = process.env.CSIP_BINARY
  if (!binary) throw new Error('CSIP_BINARY must name the csip binary (ctest sets it)')
  const dir = mkdtempSync(path.join(tmpdir(), 'csip-browser-'))
  const db = path.join(dir, 'csip.db')
  if (demo) execFileSync(binary, ['--db', db, 'demo'], { stdio: 'ignore' })
  for (const [name, user] of Object.entries(users)) {
    execFileSync(binary, ['--db', db, 'user', 'add', name, '--role', user.role, '--officer',
      user.officer, '--password-stdin', '--by', 'browser-tests'], { input: password + '\n', stdio: ['pipe', 'ignore', 'inherit'] })
  }
  const child = spawn(binary, ['--db', db, 'serve', '--port', '0', '--as-of', '2015-09-15'],
    { stdio: ['ignore', 'pipe', 'inherit'] })
  const address = await new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error('csip serve did not start: ' + output)), 30000)
    child.stdout.on('data', chunk => {
      output += chunk
      const found = output.match(/http:\/\/127\.0\.0\.1:\d+\//)
      if (found) {
        clearTimeout(timer)
        resolve(found[0].replace(/\/$/, ''))
      }
    })
    child.on('exit', code => reject(new Error('csip serve exited with ' + code + ': ' + output)))
  })
  return {
    address,
    async stop () {
      const exited = new Promise(resolve => child.on('exit', resolve))
      child.kill('SIGTERM')
      await exited
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
