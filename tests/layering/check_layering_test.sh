#!/usr/bin/env bash
# The layering check must catch what it exists to catch: a copy of src/ with one forbidden
# include of each kind is refused, and the clean copy passes.
set -euo pipefail
root="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/scripts"
cp "$root/scripts/check-layering" "$work/scripts/"
cp -r "$root/src" "$work/src"
"$work/scripts/check-layering" "$work" >/dev/null || { echo "FAIL: the clean tree is refused"; exit 1; }

expect_refused() {
    local file="$1" line="$2" what="$3"
    cp -r "$root/src/." "$work/src/"
    echo "$line" >>"$work/src/$file"
    if output=$("$work/scripts/check-layering" "$work"); then
        echo "FAIL: $what was not caught"
        exit 1
    fi
    grep -q "src/$file" <<<"$output" || { echo "FAIL: $what: the breach names no file: $output"; exit 1; }
    rm "$work/src/$file" 2>/dev/null || true
    cp -r "$root/src/." "$work/src/"
    echo "ok: $what is refused"
}

expect_refused "domain/zz_probe.cpp" '#include "storage/plan_store.hpp"' "the domain including storage"
expect_refused "app/zz_probe.cpp" '#include "storage/sqlite/sqlite_store.hpp"' "the app including a backend"
expect_refused "reporting/zz_probe.cpp" '#include "import/problem.hpp"' "reporting including import"
expect_refused "app/zz_probe.cpp" '#include <sqlite3.h>' "SQLite outside its backend"
expect_refused "domain/zz_probe.cpp" '#include <nlohmann/json.hpp>' "JSON in the domain"
echo "layering check: 5 breaches caught, clean tree passes"
