#!/usr/bin/env bash
# JMH micro-benchmarks of in-process parts (regent-bench): the hot-read view against the store, authentication,
# the audit leaf (encoding + hash), a CEL gate. Run by hand, never by the test suite; rewrites its section of
# docs/benchmarks.md.   ./bench/jmh.sh [extra JMH options, e.g. a benchmark name regex]
# Knobs (environment): JMH_FORKS (1), JMH_WARMUPS (3), JMH_ITERATIONS (5), JMH_SECONDS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/target
. bench/lib.sh
mkdir -p "$OUT"
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
./mvnw -q -B -DskipTests -Pjmh -pl regent-bench -am package
java -jar regent-bench/target/regent-bench.jar -f "${JMH_FORKS:-1}" -wi "${JMH_WARMUPS:-3}" -i "${JMH_ITERATIONS:-5}" \
  -w "${JMH_SECONDS:-2}s" -r "${JMH_SECONDS:-2}s" -rf text -rff "$OUT/jmh.txt" "$@" | tail -n 40

CPU=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
MEM=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
JAVA=$(java -version 2>&1 | head -n 1)
{
  echo "## In-process parts (JMH, \`./bench/jmh.sh\`)"
  echo
  echo "Generated on $(date -u '+%Y-%m-%d %H:%M UTC'): ${JMH_FORKS:-1} fork, ${JMH_WARMUPS:-3} warm-up and" \
    "${JMH_ITERATIONS:-5} measured iterations of ${JMH_SECONDS:-2} s; ± is JMH's 99.9 % error. Machine: nproc = $(nproc)" \
    "($CPU), $MEM RAM, load average before: $LOAD_BEFORE, after: $(cut -d" " -f1-3 /proc/loadavg); $JAVA."
  echo
  echo "- \`HotReadBenchmark\`: the registry's hot reads on a SQLite store of 50 models × 20 versions, \`view=true\` from"
  echo "  the in-memory view, \`view=false\` with it turned off (\`-Dregent.hot-reads.max-age-ms=0\`: a SQLite read"
  echo "  transaction per read, what every request paid before the view). avgt, µs per read."
  echo "- \`AuditLeafBenchmark\`: the canonical encoding and the Merkle leaf hash of one entry (the in-memory half of"
  echo "  audit verification), thrpt, per second."
  echo "- \`GateBenchmark\`: a compiled CEL threshold evaluated on an eval report's metrics, avgt, µs."
  echo
  echo '```'
  cat "$OUT/jmh.txt"
  echo '```'
} >"$OUT/jmh-section.md"

replace_section docs/benchmarks.md '<!-- bench/jmh.sh: begin (generated) -->' '<!-- bench/jmh.sh: end -->' \
  "$OUT/jmh-section.md"
echo "== updated docs/benchmarks.md"
