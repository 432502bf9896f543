#!/usr/bin/env bash
# Durable registrations on SQLite with and without group commit (issue 19), in one run, interleaved, beside the
# physical reference: the raw rate of synchronous 4 KiB writes (dd oflag=dsync) in the same directory, which bounds
# one-commit-per-write throughput. Run by hand, never by the tests; figures go to docs/benchmarks.md by hand.
#   ./bench/group-commit.sh
# Knobs: BENCH_SECONDS (10), BENCH_RUNS (3).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
RUNS=${BENCH_RUNS:-3}
WORK=$(mktemp -d -p "${TMPDIR:-/tmp}" regent-group-commit.XXXXXX)
OUT=bench/target/group-commit
mkdir -p "$OUT"
: >"$OUT/results.tsv"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
./regent --version >/dev/null
POLICY="$WORK/policy.yaml"
printf 'version: 1\n' >"$POLICY"
# the launcher's server flags, plus the switch
FLAGS="-XX:+UseSerialGC -Xms16m -Xmx512m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k"

echo "== physical reference: synchronous 4 KiB writes in $WORK"
for run in $(seq 1 "$RUNS"); do
  dd if=/dev/zero of="$WORK/dsync" bs=4k count=500 oflag=dsync 2>&1 | awk -v r="$run" '/copied/ {
    for (i = 1; i <= NF; i++) if ($i == "s,") secs = $(i - 1); printf "dsync-writes\t%d\t%.0f per s\n", r, 500 / secs }' \
    | tee -a "$OUT/results.tsv"
done

for run in $(seq 1 "$RUNS"); do
  for mode in true false; do
    port=$(free_port)
    token=$(new_token)
    rm -rf "$WORK/data"
    REGENT_JAVA_OPTS="$FLAGS -Dregent.sqlite.groupCommit=$mode" REGENT_BOOTSTRAP_TOKEN="$token" \
      ./regent serve --port "$port" --data "$WORK/data" --policy "$POLICY" >"$OUT/server-$mode-$run.log" 2>&1 &
    SERVER_PID=$!
    wait_ready "$port"
    java bench/Loadgen.java load "http://127.0.0.1:$port" "$token" 1 1 >/dev/null
    BENCH_ONLY='^register-(1-writer|8-writers)$' java bench/Loadgen.java run "http://127.0.0.1:$port" "$token" \
      "$SECONDS_PER_RUN" 1 3 "$SERVER_PID" 1 1 "$OUT/run-$mode-$run.tsv" >/dev/null
    awk -v m="$mode" -F'\t' '$1 ~ /^register/ { printf "group-commit=%s\t%s\t%s/s\tp50 %s ms\tp99 %s ms\terrors %s\n", m, $1, $6, $7, $8, $9 }' \
      "$OUT/run-$mode-$run.tsv" | tee -a "$OUT/results.tsv"
    stop_server
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(machine_line)" | tee -a "$OUT/results.tsv"
