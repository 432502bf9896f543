#!/usr/bin/env bash
# Benchmark suite of the Regent server (run by hand, never by the test suite; see docs/benchmarks.md).
#   ./bench/run.sh
# Builds regent.jar if needed (through ./regent), measures start-up to the first 200 on /ready of an empty registry
# (3 fresh data directories), then starts its own server (./regent serve: the launcher's JVM settings) on a free port
# with a fresh temporary data directory, loads data through the API, runs every scenario of bench/Loadgen.java
# RUNS times for SECONDS each, stops the server and rewrites the generated section of docs/benchmarks.md.
# Knobs (environment): BENCH_SECONDS (10), BENCH_RUNS (3), BENCH_WARMUP (5), BENCH_MODELS (50), BENCH_VERSIONS (20).
# BENCH_REPORT_ONLY=1 measures nothing and regenerates the section from the last run's files in bench/target.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
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

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

./regent --version >/dev/null # builds regent-cli/target/regent.jar when missing or stale

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
}

new_token() {
  echo "rgt_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
}

# start_server DIR PORT TOKEN LOG: ./regent serve in the background; SERVER_PID is the JVM's pid (./regent execs java)
start_server() {
  REGENT_BOOTSTRAP_TOKEN="$3" ./regent serve --port "$2" --data "$1" >"$4" 2>&1 &
  SERVER_PID=$!
}

# wait_ready PORT: polls /ready every 10 ms (curl), at most 60 s
wait_ready() {
  local i
  for i in $(seq 1 6000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ready" 2>/dev/null)" = "200" ]; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died" >&2; return 1; }
    sleep 0.01
  done
  echo "server not ready after 60 s" >&2
  return 1
}

stop_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

if [ -z "${BENCH_REPORT_ONLY:-}" ]; then
echo "== start-up to first 200 on /ready, empty registry ($RUNS starts)"
STARTS=()
for i in $(seq 1 "$RUNS"); do
  port=$(free_port)
  t0=$(date +%s%N)
  start_server "$WORK/start-$i" "$port" "$(new_token)" "$OUT/start-$i.log"
  wait_ready "$port"
  t1=$(date +%s%N)
  STARTS+=($(((t1 - t0) / 1000000)))
  echo "start $i: ${STARTS[-1]} ms"
  stop_server
done

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
stop_server

CPU=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
MEM=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
JAVA=$(java -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')
echo "nproc = $(nproc) ($CPU), $MEM RAM, load average before the run: $LOAD_BEFORE, after: $(cut -d" " -f1-3 /proc/loadavg); java -version: $JAVA" >"$OUT/machine.txt"
(IFS=,; echo "${STARTS[*]}") >"$OUT/startup.csv"
date -u '+%Y-%m-%d %H:%M UTC' >"$OUT/date.txt"
echo "$SECONDS_PER_RUN $RUNS $MODELS $VERSIONS" >"$OUT/params.txt"
fi

echo "== report"
read -r P_SECONDS P_RUNS P_MODELS P_VERSIONS <"$OUT/params.txt"
java bench/Loadgen.java report "$OUT/results.tsv" "$(cat "$OUT/startup.csv")" "$(cat "$OUT/date.txt")" \
  "$(cat "$OUT/machine.txt")" "$P_SECONDS" "$P_RUNS" "$P_MODELS" "$P_VERSIONS" >"$OUT/section.md"

DOC=docs/benchmarks.md
BEGIN='<!-- bench/run.sh: begin (generated; edit bench/Loadgen.java, not this section) -->'
END='<!-- bench/run.sh: end -->'
if grep -qF "$BEGIN" "$DOC"; then
  awk -v b="$BEGIN" -v e="$END" -v f="$OUT/section.md" '
    $0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }' "$DOC" >"$OUT/benchmarks.md.new"
  mv "$OUT/benchmarks.md.new" "$DOC"
else
  { echo; echo "$BEGIN"; cat "$OUT/section.md"; echo "$END"; } >>"$DOC"
fi
cat "$OUT/section.md"
echo "== updated $DOC"
