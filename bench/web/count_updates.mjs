// Counts, through the API, the status updates whose note starts with PREFIX in the histories of
// the given actions. Prints the number.
//   node count_updates.mjs BASE_URL TOKEN PREFIX ACTION_ID...
const [base, token, prefix, ...actions] = process.argv.slice(2)
let count = 0
for (const action of actions) {
  const response = await fetch(`${base}/api/v1/actions/${action}/history`, { headers: { Authorization: `Bearer ${token}` } })
  if (!response.ok) throw new Error(`history of ${action}: ${response.status}`)
  const history = await response.json()
  count += history.entries.filter(e => e.kind === 'update' && e.text.startsWith(prefix)).length
}
console.log(count)
