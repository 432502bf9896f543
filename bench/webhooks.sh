#!/usr/bin/env bash
# Webhook benchmark (issue 16), run by hand (never by the tests):   ./bench/webhooks.sh
# Starts './regent serve --webhook-allow 127.0.0.1/32' on a fresh data directory (SQLite; with BENCH_POSTGRES_URL, on a
# fresh schema of that PostgreSQL database), runs bench/WebhookBench.java against it (registrations with 10 active
# webhooks to a local receiver vs none, alternating; the delivery rate to that receiver) and prints a Markdown table
# (also bench/target/webhooks-<db>.md) with the machine and its load average before and after.
# Knobs: BENCH_SECONDS (10), BENCH_RUNS (3), BENCH_WRITERS (8), BENCH_MODELS (100).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. bench/lib.sh
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
RUNS=${BENCH_RUNS:-3}
WRITERS=${BENCH_WRITERS:-8}
MODELS=${BENCH_MODELS:-100}
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
OUT="$ROOT/bench/target"
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/regent-webhook-bench.XXXXXX")
SERVER_PID=""
SCHEMA=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$SCHEMA" ]; then
    psql "${PG_PSQL}" -qc "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
./regent --version >/dev/null # builds regent-cli/target/regent.jar when missing or stale

DB_ARGS=()
DB=sqlite
if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  DB=postgresql
  SCHEMA="regent_wbench_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  # psql's URL from the JDBC one (jdbc:postgresql://host:port/db?user=u)
  PG_PSQL="postgresql://$(echo "${BENCH_POSTGRES_URL#jdbc:postgresql://}" | sed -E 's/\?user=([^&]*)/?user=\1/')"
  psql "$PG_PSQL" -qc "CREATE SCHEMA $SCHEMA" >/dev/null
  SEP='?'; case "$BENCH_POSTGRES_URL" in *\?*) SEP='&';; esac
  DB_ARGS=(--db "${BENCH_POSTGRES_URL}${SEP}currentSchema=$SCHEMA")
fi

PORT=$(free_port)
TOKEN=$(new_token)
echo "version: 1" >"$WORK/no-gates.yaml"
REGENT_BOOTSTRAP_TOKEN="$TOKEN" ./regent --data "$WORK/data" "${DB_ARGS[@]}" serve --port "$PORT" \
  --policy "$WORK/no-gates.yaml" --webhook-allow 127.0.0.1/32 >"$OUT/webhooks-server-$DB.log" 2>&1 &
SERVER_PID=$!
wait_ready "$PORT"

java bench/WebhookBench.java "http://127.0.0.1:$PORT" "$TOKEN" "$SECONDS_PER_RUN" "$RUNS" "$WRITERS" "$MODELS" \
  "$OUT/webhooks-$DB.tsv"
LOAD_AFTER=$(cut -d" " -f1-3 /proc/loadavg)

{
  echo "Webhooks on $DB: $WRITERS writers, $MODELS models, $RUNS runs of ${SECONDS_PER_RUN} s per phase; $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo
  echo "| phase | run | registrations/s | p50 ms | p99 ms | errors | deliveries | delivered/s (run) | during writes | drain |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $6, $7, $8, $9, $10, $11, $12, $13 }' \
    "$OUT/webhooks-$DB.tsv"
} | tee "$OUT/webhooks-$DB.md"
