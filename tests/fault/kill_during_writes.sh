#!/usr/bin/env bash
# Fault test: the server is killed with SIGKILL in the middle of 8 clients' API updates, started
# again on the same database, and every update it acknowledged (201) must be in the action's
# history; then a `csip data import` is killed halfway through a large census, and the return
# stored before it must be there unchanged, with nothing of the killed import. Run by ctest
# (test 'fault_kill_during_writes') on a SQLite database in a temporary folder.
#
#   tests/fault/kill_during_writes.sh CSIP_BINARY CSIP_SYNTH_BINARY
set -euo pipefail
csip=$1
synth=$2
work=$(mktemp -d /tmp/csip-fault.XXXXXX)
server=""
cleanup() {
    [ -n "$server" ] && kill -9 "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
db="$work/csip.db"

"$csip" --db "$db" demo >/dev/null
printf 'a long admin password\n' | "$csip" --db "$db" user add admin --role admin \
    --password-stdin --by fault-test >/dev/null
token=$("$csip" --db "$db" token create admin --by fault-test 2>/dev/null)

start_server() {
    "$csip" --db "$db" serve --port 0 --as-of 2015-09-15 >"$work/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 1 100); do
        port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" | head -1 | cut -d: -f3 || true)
        [ -n "$port" ] && return 0
        sleep 0.1
    done
    echo "fault: the server did not start" >&2
    cat "$work/serve.log" >&2
    exit 1
}

# --- 8 clients writing, and the server killed -----------------------------------------------
start_server
client() {
    local n=$1 i=0
    while [ $i -lt 400 ]; do
        i=$((i + 1))
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST \
            -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"note\": \"client $n update $i\"}" \
            "http://127.0.0.1:$port/api/v1/actions/A1/updates" || true)
        if [ "$code" = 201 ]; then
            echo "client $n update $i" >>"$work/acknowledged.$n"
        elif [ "$code" = 000 ]; then
            return 0 # the server is gone
        fi
    done
}
for n in 1 2 3 4 5 6 7 8; do client "$n" & done
sleep 2
kill -9 "$server"
wait "$server" 2>/dev/null || true
server=""
wait
acknowledged=$(cat "$work"/acknowledged.* 2>/dev/null | wc -l)
if [ "$acknowledged" -lt 8 ]; then
    echo "fault: only $acknowledged updates were acknowledged before the kill; too few to test" >&2
    exit 1
fi

start_server
history=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/actions/A1/history")
kill "$server"
wait "$server" 2>/dev/null || true
server=""
missing=0
while IFS= read -r note; do
    if ! grep -qF "\"$note\"" <<<"$history"; then
        echo "fault: acknowledged but lost: $note" >&2
        missing=$((missing + 1))
    fi
done < <(cat "$work"/acknowledged.*)
if [ "$missing" -ne 0 ]; then
    echo "fault: $missing of $acknowledged acknowledged updates were lost" >&2
    exit 1
fi
echo "fault: server killed during writes: all $acknowledged acknowledged updates kept"

# --- an import killed halfway ------------------------------------------------------------------
"$synth" cin --children 2000 --year 2023 --seed 1 -o "$work/small.xml" >/dev/null
"$csip" --db "$db" data import "$work/small.xml" --by fault-test >/dev/null 2>&1
before=$("$csip" --db "$db" data list --format json)
"$synth" cin --children 300000 --year 2023 --seed 2 -o "$work/large.xml" >/dev/null
"$csip" --db "$db" data import "$work/large.xml" --replace --by fault-test >/dev/null 2>&1 &
importer=$!
sleep 1.5
if ! kill -9 "$importer" 2>/dev/null; then
    echo "fault: the import ended before it could be killed; give it a larger census" >&2
    exit 1
fi
wait "$importer" 2>/dev/null || true
after=$("$csip" --db "$db" data list --format json)
if [ "$before" != "$after" ]; then
    echo "fault: the killed import changed the stored returns" >&2
    diff <(echo "$before") <(echo "$after") >&2 || true
    exit 1
fi
"$csip" --db "$db" indicators --from 2023-04-01 --to 2024-03-31 --format json >/dev/null
echo "fault: import killed halfway: the stored return is unchanged and the database reads"
