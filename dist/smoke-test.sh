#!/usr/bin/env bash
# Checks a release archive the way a new machine would use it: unpacked, run with no Java on PATH and no JAVA_HOME
# (only the bundled runtime), the server started, a change made through it, a backup taken while it runs, restored
# into a new directory and its audit log verified.   smoke-test.sh regent-<version>-linux-x64.tar.gz
set -euo pipefail
ARCHIVE=$(readlink -f "$1")
WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
tar -xzf "$ARCHIVE" -C "$WORK"
REGENT=$(echo "$WORK"/regent-*/bin/regent)
# no java anywhere the launcher could find one: an empty PATH and environment
run() { env -i HOME="$WORK" PATH=/nonexistent REGENT_CONFIG="$WORK/none.yaml" /bin/sh "$REGENT" "$@"; }
say() { echo "smoke: $*" >&2; }

run --version
PORT=$((20000 + RANDOM % 20000))
say "serve on 127.0.0.1:$PORT"
env -i HOME="$WORK" PATH=/nonexistent /bin/sh "$REGENT" --data "$WORK/data" serve --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do
  grep -q "Admin token: rgt_" "$WORK/serve.log" 2>/dev/null && grep -q "http://127.0.0.1:$PORT" "$WORK/serve.log" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.5
done
TOKEN=$(grep -o "rgt_[A-Za-z0-9_-]*" "$WORK/serve.log" | head -n 1)
URL="http://127.0.0.1:$PORT"
sleep 1
run --registry "$URL" --token "$TOKEN" model create smoke-model >/dev/null
run --registry "$URL" --token "$TOKEN" model list | grep -q smoke-model
say "backup while the server runs"
run --data "$WORK/data" backup --to "$WORK/backup" >/dev/null
run --registry "$URL" --token "$TOKEN" audit checkpoint --checkpoint-dir "$WORK/published" >/dev/null
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
say "restore and verify"
run --data "$WORK/restored" restore --from "$WORK/backup" >/dev/null
run --data "$WORK/restored" audit verify
run --data "$WORK/restored" --as admin model list | grep -q smoke-model
say "class-data sharing: made on first use, then used, printing nothing of its own"
cds() { env -i HOME="$WORK" PATH=/usr/bin:/bin REGENT_CONFIG="$WORK/none.yaml" /bin/sh "$REGENT" "$@"; }
[ "$(cds --version)" = "$(run --version)" ]
ls "$WORK"/regent-*/lib/cds/regent-cli.jsa >/dev/null
[ "$(cds --version)" = "$(run --version)" ]
cds --data "$WORK/restored" --as admin --json model list | grep -q '"smoke-model"'
say "ok: $(basename "$ARCHIVE") runs without a JDK"
