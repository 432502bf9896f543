#!/usr/bin/env bash
# CLI latency (issue 18): the median wall time of everyday commands in local and remote mode, beside curl making the
# same call to the same server, on this machine. Run by hand (never by the tests):   ./bench/cli-latency.sh
# Prints a Markdown table (also written to bench/target/cli-latency.md) with the load average before and after, the
# median CPU time (user + system) of each command, which a loaded machine inflates less than wall time, and where one
# run of each command spends its time (REGENT_TRACE_STARTUP=1: milliseconds since the JVM started, per phase).
# Knobs: CLI_RUNS (11 runs per command; the median is reported).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${CLI_RUNS:-11}
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
./regent --version >/dev/null          # builds the jar if needed
WORK=$(mktemp -d "${TMPDIR:-/tmp}/regent-cli-latency.XXXXXX")
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
cd "$WORK"
export REGENT_CONFIG="$WORK/none.yaml"
unset REGENT_URL REGENT_TOKEN || true
echo "version: 1" > no-gates.yaml
R="$ROOT/regent"
$R --data local --policy no-gates.yaml model create m >/dev/null
$R --data local version register m --source s3://bench/m/1 >/dev/null
$R --data local model list >/dev/null   # the first short command after a build trains and makes the CLI's CDS archive

# median of RUNS wall times (ms) of a command; the median CPU time (ms) of the same runs is left in $CPU_MS
CPU_MS=""
median_ms() {
  local times=() cpus=()
  for _ in $(seq 1 "$RUNS"); do
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    cpus+=($(awk '{ printf "%d", ($1 + $2) * 1000 }' "$WORK/cpu"))
  done
  CPU_MS=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$R --data remote --policy no-gates.yaml serve --port "$PORT" >serve.log 2>&1 &
SERVER=$!
for _ in $(seq 1 240); do grep -q "Admin token: rgt_" serve.log && curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.5; done
TOKEN=$(grep -o "rgt_[A-Za-z0-9_-]*" serve.log | head -n 1)
URL="http://127.0.0.1:$PORT"
$R --registry "$URL" --token "$TOKEN" model create m >/dev/null
$R --registry "$URL" --token "$TOKEN" version register m --source s3://bench/m/1 >/dev/null

median_ms $R --data local model list >"$WORK/m"; LOCAL_LIST=$(cat "$WORK/m"); LOCAL_LIST_CPU=$CPU_MS
median_ms $R --data local version show m 1 >"$WORK/m"; LOCAL_SHOW=$(cat "$WORK/m"); LOCAL_SHOW_CPU=$CPU_MS
median_ms $R --registry "$URL" --token "$TOKEN" model list >"$WORK/m"; REMOTE_LIST=$(cat "$WORK/m"); REMOTE_LIST_CPU=$CPU_MS
median_ms $R --registry "$URL" --token "$TOKEN" version show m 1 >"$WORK/m"; REMOTE_SHOW=$(cat "$WORK/m"); REMOTE_SHOW_CPU=$CPU_MS
CURL_LIST=$(median_ms curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/models")
CURL_SHOW=$(median_ms curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/models/m/versions/1")
# the JVM's own start with the launcher's flags for commands (and the JDK's default CDS archive)
median_ms java -XX:TieredStopAtLevel=1 -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -Xshare:auto -version \
  >"$WORK/m"; NOOP=$(cat "$WORK/m"); NOOP_CPU=$CPU_MS
LOAD_AFTER=$(cut -d" " -f1-3 /proc/loadavg)
trace() { echo "\`regent $*\`:"; REGENT_TRACE_STARTUP=1 $R "$@" 2>&1 >/dev/null | sed 's/^regent-trace: */    /'; }

mkdir -p "$ROOT/bench/target"
{
  echo "| command | local mode | remote mode | curl, same call | goal |"
  echo "|---|---|---|---|---|"
  echo "| \`model list\` | ${LOCAL_LIST} ms (CPU ${LOCAL_LIST_CPU} ms) | ${REMOTE_LIST} ms (CPU ${REMOTE_LIST_CPU} ms) | ${CURL_LIST} ms | ≤ 300 ms local, ≤ 250 ms remote |"
  echo "| \`version show m 1\` | ${LOCAL_SHOW} ms (CPU ${LOCAL_SHOW_CPU} ms) | ${REMOTE_SHOW} ms (CPU ${REMOTE_SHOW_CPU} ms) | ${CURL_SHOW} ms | same |"
  echo "| \`java -version\` (the JVM's own start, same flags) | ${NOOP} ms (CPU ${NOOP_CPU} ms) | | | |"
  echo
  echo "Median of $RUNS runs each; $(nproc) cores; load average $LOAD_BEFORE before, $LOAD_AFTER after; $(date -u +%F)."
  echo
  echo "Where one run's time goes (ms since the JVM started, at the end of each phase):"
  echo
  echo '```'
  trace --data local model list
  trace --registry "$URL" --token "$TOKEN" model list
  echo '```'
} | tee "$ROOT/bench/target/cli-latency.md"
