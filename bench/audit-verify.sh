#!/bin/sh
# Benchmark (run by hand, never by the test suite): verification of an audit log of N entries (default 1,000,000)
# in a SQLite store built through the store's own append path. The store is kept in bench/target/audit-<N> and reused.
#   ./bench/audit-verify.sh [ENTRIES] [RUNS]
set -eu
cd "$(dirname "$0")/.."
N="${1:-1000000}"
RUNS="${2:-3}"
[ -f regent-cli/target/regent.jar ] || ./regent --version >/dev/null
./mvnw -o -q -pl regent-store -am test-compile
CP="regent-store/target/test-classes:regent-store/target/classes:regent-core/target/classes:regent-cli/target/regent.jar"
mkdir -p bench/target
exec java ${BENCH_JAVA_OPTS:--Xmx4g} -cp "$CP" dev.regent.store.bench.AuditVerifyBench "bench/target/audit-$N" "$N" "$RUNS"
