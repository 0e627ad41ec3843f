// The write half of the web benchmark: CLIENTS clients, each on its own kept-alive connection,
// post UPDATES status updates each through POST /api/v1/actions/{id}/updates as fast as the
// server answers, spread over the in-progress actions. Prints one JSON line: how many were
// accepted (201), refused or failed, the time taken and the notes' prefix, so that run can count
// them in the histories and the audit trail afterwards.
//   node post_updates.mjs BASE_URL TOKEN CLIENTS UPDATES ACTION_ID...
import http from 'node:http'

const [base, token, clients, updates, ...actions] = process.argv.slice(2)
const url = new URL(base)
const prefix = 'bench ' + Date.now().toString(36)

function post (agent, action, note) {
  return new Promise((resolve) => {
    const body = JSON.stringify({ note })
    const request = http.request({
      host: url.hostname, port: url.port, path: `/api/v1/actions/${action}/updates`,
      method: 'POST', agent,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }
    }, response => {
      response.resume()
      response.on('end', () => resolve(response.statusCode))
    })
    request.on('error', () => resolve(0))
    request.setTimeout(30000, () => request.destroy())
    request.end(body)
  })
}

async function client (index) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const counts = { accepted: 0, refused: 0, failed: 0 }
  for (let i = 0; i < Number(updates); ++i) {
    const action = actions[(index * 7 + i) % actions.length]
    const status = await post(agent, action, `${prefix} client ${index} update ${i}`)
    if (status === 201) counts.accepted++
    else if (status >= 400) counts.refused++
    else counts.failed++
  }
  agent.destroy()
  return counts
}

const started = process.hrtime.bigint()
const results = await Promise.all(Array.from({ length: Number(clients) }, (_, i) => client(i)))
const seconds = Number(process.hrtime.bigint() - started) / 1e9
const total = results.reduce((sum, r) => ({
  accepted: sum.accepted + r.accepted, refused: sum.refused + r.refused, failed: sum.failed + r.failed
}), { accepted: 0, refused: 0, failed: 0 })
console.log(JSON.stringify({ ...total, seconds, prefix }))
