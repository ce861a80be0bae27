#!/usr/bin/env bash
# Writes Tests/StoreTests/Fixtures/<NAME>.sqlite and <NAME>.digest: lena's
# store at the end of `accord demo`, checkpointed into one file, and the
# `state_digest` that the same build reports for it. Run it with the build
# whose layout the fixture is to keep (a checkout of the release before a
# layout change), so the migration tests open a store that build really wrote.
#
#   scripts/make-store-fixture.sh NAME [ACCORD_BINARY]
set -euo pipefail
name="${1:?usage: scripts/make-store-fixture.sh NAME [ACCORD_BINARY]}"
root="$(cd "$(dirname "$0")/.." && pwd)"
accord="${2:-$root/.build/debug/accord}"
out="$root/Tests/StoreTests/Fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$accord" demo --dir "$work/demo" --keep >/dev/null
store="$(find "$work/demo" -path '*lena*/.accord' -type d | head -1)"
[ -n "$store" ] || { echo "no lena store in the demo folder" >&2; exit 1; }
digest="$("$accord" --store "$(dirname "$store")" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["state_digest"])')"
python3 - "$store/store.sqlite" "$out/$name.sqlite" <<'PY'
import sqlite3, sys
source = sqlite3.connect(sys.argv[1])
source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
target = sqlite3.connect(sys.argv[2] + ".tmp")
source.backup(target)
target.execute("PRAGMA journal_mode = DELETE")
target.execute("VACUUM")
target.close()
PY
mv "$out/$name.sqlite.tmp" "$out/$name.sqlite"
echo "$digest" > "$out/$name.digest"
echo "$out/$name.sqlite: $(stat -c %s "$out/$name.sqlite") bytes, state_digest $digest"
