#!/bin/sh
# Benchmark (run by hand, never by the test suite): full audit verification alone, and the sequential scan it reads
# the log with, on a store bench/audit-tiles.sh grew (default bench/target/audit-tiles).
#   ./bench/audit-scan.sh [DATA_DIR] [RUNS]
set -eu
cd "$(dirname "$0")/.."
# the runtime libraries from the CLI's jar (./regent --version builds it): the dependency plugin does not resolve offline
[ -f regent-cli/target/regent.jar ] || ./regent --version >/dev/null
./mvnw -o -q -pl regent-store -am test-compile
CP="regent-store/target/test-classes:regent-store/target/classes:regent-core/target/classes:regent-cli/target/regent.jar"
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$CP" dev.regent.store.bench.AuditScanBench "${1:-bench/target/audit-tiles}" "${2:-3}"
