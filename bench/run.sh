#!/usr/bin/env bash
# Benchmark suite of the Regent server (run by hand, never by the test suite; see docs/benchmarks.md).
#   ./bench/run.sh
# Builds regent.jar if needed (through ./regent), measures start-up to the first 200 on /ready of an empty registry
# (3 fresh data directories), then starts its own server (./regent serve: the launcher's JVM settings) on a free port
# with a fresh temporary data directory, loads data through the API, runs every scenario of bench/Loadgen.java
# RUNS times for SECONDS each, stops the server and rewrites the generated section of docs/benchmarks.md.
# Then: restarts of an existing empty registry, the upload of a 1 GiB artifact against sha256sum of the same file,
# and, when BENCH_POSTGRES_URL names a PostgreSQL database (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres),
# the same scenarios on a fresh schema there.
# Then, unless BENCH_QUICK=1, the rest of the suite, each writing its own section: bench/search.sh (search at 10,000
# and 1,000,000 versions, query plans, start-up at 1M), bench/audit-verify.sh (verification of 1,000,000 audit entries;
# prints its figures) and bench/jmh.sh (in-process parts). The whole suite takes about an hour on 2 cores, the first
# time longer (the 1M data sets are built once and kept in bench/target).
# Knobs (environment): BENCH_SECONDS (10), BENCH_RUNS (3), BENCH_WARMUP (5), BENCH_MODELS (50), BENCH_VERSIONS (20).
# BENCH_REPORT_ONLY=1 measures nothing and regenerates the section from the last run's files in bench/target.
# The physical reference: a trivial Javalin handler (bench/Trivial.java: the same Javalin and Jetty from regent.jar, the
# launcher's JVM flags, one fixed JSON body) runs beside the server for the whole run; every read is reported as a
# ratio to it and to /health. Reads are driven by wrk when it is installed (apt-get install wrk; BENCH_LOADGEN=java
# forces the Java load generator). BENCH_MLFLOW_URL (an MLflow server, e.g. `mlflow server` 2.9.2 with its default
# store) adds the peer-* rows: the same data is loaded into it through the MLflow REST API and its reads measured in
# the same run as Regent's (on the SQLite pass).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. bench/lib.sh
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
RUNS=${BENCH_RUNS:-3}
WARMUP=${BENCH_WARMUP:-5}
MODELS=${BENCH_MODELS:-50}
VERSIONS=${BENCH_VERSIONS:-20}
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
OUT="$ROOT/bench/target"
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/regent-bench.XXXXXX")
SERVER_PID=""
TRIVIAL_PID=""

cleanup() {
  if [ -n "$TRIVIAL_PID" ] && kill -0 "$TRIVIAL_PID" 2>/dev/null; then
    kill "$TRIVIAL_PID" 2>/dev/null || true
    wait "$TRIVIAL_PID" 2>/dev/null || true
  fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

./regent --version >/dev/null # builds regent-cli/target/regent.jar when missing or stale

# The benchmark's policy: promotions to Staging evaluate a gate (the version has an artifact digest); nothing else
# is gated, so registrations and aliases measure the store, not the policy.
POLICY="$WORK/bench-policy.yaml"
cat >"$POLICY" <<'YAML'
version: 1
default:
  stages:
    Staging:
      - artifact_digest: {}
YAML

# start_server DIR PORT TOKEN LOG [EXTRA ARGS]: ./regent serve in the background; SERVER_PID is the JVM's pid
# (./regent execs java)
start_server() {
  local dir=$1 port=$2 token=$3 log=$4
  shift 4
  REGENT_BOOTSTRAP_TOKEN="$token" ./regent serve --port "$port" --data "$dir" --policy "$POLICY" --max-upload 2GiB "$@" \
    >"$log" 2>&1 &
  SERVER_PID=$!
}

# timed_start DIR LOG: starts a server on DIR, waits for its first 200 on /ready, stops it; sets STARTED_MS (no
# subshell, so the EXIT trap still knows the server while it runs)
timed_start() {
  local port t0 t1
  port=$(free_port)
  t0=$(date +%s%N)
  start_server "$1" "$port" "$(new_token)" "$2"
  wait_ready "$port"
  t1=$(date +%s%N)
  stop_server
  STARTED_MS=$(((t1 - t0) / 1000000))
}

if [ -z "${BENCH_REPORT_ONLY:-}" ]; then
echo "== start-up to first 200 on /ready, empty registry ($RUNS starts)"
STARTS=()
for i in $(seq 1 "$RUNS"); do
  timed_start "$WORK/start-$i" "$OUT/start-$i.log"
  STARTS+=("$STARTED_MS")
  echo "start $i: ${STARTS[-1]} ms"
done

echo "== start-up to first 200 on /ready, an existing empty registry ($RUNS restarts)"
RESTARTS=()
timed_start "$WORK/restart" "$OUT/restart-0.log" # creates the registry
for i in $(seq 1 "$RUNS"); do
  timed_start "$WORK/restart" "$OUT/restart-$i.log"
  RESTARTS+=("$STARTED_MS")
  echo "restart $i: ${RESTARTS[-1]} ms"
done

echo "== the physical reference: a trivial Javalin handler with the launcher's JVM flags (bench/Trivial.java)"
SERVER_OPTS_LINE=$(sed -n 's/^SERVER_OPTS="\(\$SERVER_OPTS \)\{0,1\}\(.*\)"$/\2/p' regent | tr '\n' ' ')
TRIVIAL_PORT=$(free_port)
# shellcheck disable=SC2086
java $SERVER_OPTS_LINE -cp regent-cli/target/regent.jar bench/Trivial.java "$TRIVIAL_PORT" >"$OUT/trivial.log" 2>&1 &
TRIVIAL_PID=$!
for _ in $(seq 1 3000); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$TRIVIAL_PORT/trivial" 2>/dev/null)" = 200 ] && break
  kill -0 "$TRIVIAL_PID" 2>/dev/null || { echo "the trivial handler died: $(cat "$OUT/trivial.log")" >&2; exit 1; }
  sleep 0.02
done
export BENCH_TRIVIAL_URL="http://127.0.0.1:$TRIVIAL_PORT"
if [ "${BENCH_LOADGEN:-}" != java ] && command -v wrk >/dev/null; then
  export BENCH_WRK
  BENCH_WRK=$(command -v wrk)
else
  echo "(wrk not installed: reads are driven by the Java load generator; apt-get install wrk for lighter load)"
fi
if [ -n "${BENCH_MLFLOW_URL:-}" ]; then
  echo "== load the MLflow peer at $BENCH_MLFLOW_URL"
  java bench/Loadgen.java load-mlflow "$BENCH_MLFLOW_URL" "-" "$MODELS" "$VERSIONS"
  export BENCH_MLFLOW_URL
fi

echo "== load"
PORT=$(free_port)
TOKEN=$(new_token)
URL="http://127.0.0.1:$PORT"
start_server "$WORK/data" "$PORT" "$TOKEN" "$OUT/server.log"
wait_ready "$PORT"
java bench/Loadgen.java load "$URL" "$TOKEN" "$MODELS" "$VERSIONS"

echo "== scenarios: $RUNS runs x ${SECONDS_PER_RUN} s each (warm-up ${WARMUP} s per read scenario)"
java bench/Loadgen.java run "$URL" "$TOKEN" "$SECONDS_PER_RUN" "$RUNS" "$WARMUP" "$SERVER_PID" "$MODELS" "$VERSIONS" \
  "$OUT/results.tsv"

echo "== upload: 1 GiB artifact through POST .../blobs vs sha256sum of the same file ($RUNS runs)"
head -c 1073741824 /dev/urandom >"$WORK/artifact.bin"
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -d '{"name":"bench-u"}' "$URL/api/v1/models"
: >"$OUT/upload.tsv"
for i in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N)
  sha256sum "$WORK/artifact.bin" >/dev/null
  t1=$(date +%s%N)
  code=$(curl -s -o "$OUT/upload-$i.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H "Content-Type: application/octet-stream" -X POST -T "$WORK/artifact.bin" "$URL/api/v1/models/bench-u/blobs")
  t2=$(date +%s%N)
  [ "$code" = 201 ] || { echo "upload answered $code: $(cat "$OUT/upload-$i.json")" >&2; exit 1; }
  printf 'upload\t%s\t%s\t%s\n' "$i" "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)" \
    "$(echo "scale=3; ($t2 - $t1) / 1000000000" | bc)" | tee -a "$OUT/upload.tsv"
done
rm -f "$WORK/artifact.bin"
stop_server

PG_RESULTS="-"
if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  echo "== the same scenarios on PostgreSQL"
  SCHEMA="regent_bench_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  PSQL_URL=$(echo "$BENCH_POSTGRES_URL" | sed -E 's#^jdbc:postgresql://([^/]+)/([^?]+)\??(.*)$#postgresql://\1/\2?\3#')
  psql -q "$PSQL_URL" -c "CREATE SCHEMA $SCHEMA"
  case "$BENCH_POSTGRES_URL" in *\?*) SEP='&' ;; *) SEP='?' ;; esac
  PORT=$(free_port)
  URL="http://127.0.0.1:$PORT"
  start_server "$WORK/pg-data" "$PORT" "$TOKEN" "$OUT/server-pg.log" --db "$BENCH_POSTGRES_URL${SEP}currentSchema=$SCHEMA"
  wait_ready "$PORT"
  java bench/Loadgen.java load "$URL" "$TOKEN" "$MODELS" "$VERSIONS"
  BENCH_MLFLOW_URL="" java bench/Loadgen.java run "$URL" "$TOKEN" "$SECONDS_PER_RUN" "$RUNS" "$WARMUP" "$SERVER_PID" "$MODELS" "$VERSIONS" \
    "$OUT/results-pg.tsv"
  stop_server
  psql -q "$PSQL_URL" -c "DROP SCHEMA $SCHEMA CASCADE"
  PG_RESULTS="$OUT/results-pg.tsv"
fi

CPU=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
MEM=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
JAVA=$(java -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')
echo "nproc = $(nproc) ($CPU), $MEM RAM, load average before the run: $LOAD_BEFORE, after: $(cut -d" " -f1-3 /proc/loadavg); java -version: $JAVA" >"$OUT/machine.txt"
(IFS=,; echo "${STARTS[*]}") >"$OUT/startup.csv"
(IFS=,; echo "${RESTARTS[*]}") >"$OUT/restart.csv"
echo "$PG_RESULTS" >"$OUT/pg.txt"
date -u '+%Y-%m-%d %H:%M UTC' >"$OUT/date.txt"
echo "$SECONDS_PER_RUN $RUNS $MODELS $VERSIONS" >"$OUT/params.txt"
fi

echo "== report"
read -r P_SECONDS P_RUNS P_MODELS P_VERSIONS <"$OUT/params.txt"
FLAGS=$(sed -n 's/^SERVER_OPTS="\(\$SERVER_OPTS \)\{0,1\}\(.*\)"$/\2/p' regent | tr '\n' ' ' | sed 's/ *$//')
java bench/Loadgen.java report "$OUT/results.tsv" "$(cat "$OUT/startup.csv")" "$(cat "$OUT/date.txt")" \
  "$(cat "$OUT/machine.txt")" "$P_SECONDS" "$P_RUNS" "$P_MODELS" "$P_VERSIONS" "$(cat "$OUT/restart.csv")" \
  "$OUT/upload.tsv" "$(cat "$OUT/pg.txt")" "$FLAGS -Xshare:auto -XX:SharedArchiveFile=regent-serve.jsa" >"$OUT/section.md"

replace_section docs/benchmarks.md '<!-- bench/run.sh: begin (generated; edit bench/Loadgen.java, not this section) -->' \
  '<!-- bench/run.sh: end -->' "$OUT/section.md"
cat "$OUT/section.md"
echo "== updated docs/benchmarks.md"

if [ -z "${BENCH_QUICK:-}" ] && [ -z "${BENCH_REPORT_ONLY:-}" ]; then
  echo "== search at 10,000 and 1,000,000 versions"
  ./bench/search.sh
  echo "== audit verification of 1,000,000 entries"
  AUDIT_LOAD=$(cut -d" " -f1-3 /proc/loadavg)
  ./bench/audit-verify.sh | tee "$OUT/audit-verify.txt"
  {
    echo "## Audit verification, last run (\`./bench/audit-verify.sh\`, generated)"
    echo
    echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC') by \`./bench/run.sh\`; machine: $(machine_line); load average before:"
    echo "$AUDIT_LOAD, after: $(cut -d" " -f1-3 /proc/loadavg). The goal is 500,000 entries/s; the section at the top of"
    echo "this page explains the figures and what 500,000/s would take."
    echo
    echo '```'
    cat "$OUT/audit-verify.txt"
    echo '```'
  } >"$OUT/audit-section.md"
  replace_section docs/benchmarks.md '<!-- bench/audit-verify.sh: begin (generated) -->' \
    '<!-- bench/audit-verify.sh: end -->' "$OUT/audit-section.md"
  echo "== in-process parts (JMH)"
  ./bench/jmh.sh
fi
