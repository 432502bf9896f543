#!/usr/bin/env bash
# Profiles a running server under one read scenario with JFR (in the JDK): starts a recording (settings=profile:
# CPU samples every 10-20 ms, allocation samples), drives the scenario through bench/Loadgen.java (wrk when installed)
# for SECONDS, stops, and folds the recording into bench/profiles/NAME.{cpu,alloc}.folded (flame-graph input:
# flamegraph.pl, speedscope.app) and NAME.summary.txt (top frames by self/total CPU, top allocation sites); the
# .alloc.folded files are large and left out of the repository (bench/profiles keeps the CPU stacks and summaries).
#   ./bench/profile.sh PID URL TOKEN SCENARIO NAME [SECONDS]
# SCENARIO is a Loadgen scenario name (e.g. native-get-version); the data must be loaded (Loadgen load URL TOKEN 50 20).
set -euo pipefail
cd "$(dirname "$0")/.."
PID=$1 URL=$2 TOKEN=$3 SCENARIO=$4 NAME=$5 SECS=${6:-20}
mkdir -p bench/profiles bench/target
REC="$PWD/bench/target/$NAME.jfr"
rm -f "$REC"
jcmd "$PID" JFR.start name="$NAME" settings=profile filename="$REC" >/dev/null
if command -v wrk >/dev/null; then export BENCH_WRK; BENCH_WRK=$(command -v wrk); fi
BENCH_ONLY="$SCENARIO" java bench/Loadgen.java run "$URL" "$TOKEN" "$SECS" 1 0 "$PID" "${BENCH_MODELS:-50}" \
  "${BENCH_VERSIONS:-20}" "bench/target/$NAME.tsv"
jcmd "$PID" JFR.stop name="$NAME" >/dev/null
python3 bench/jfr-fold.py "$REC" "bench/profiles/$NAME"
head -30 "bench/profiles/$NAME.summary.txt"
