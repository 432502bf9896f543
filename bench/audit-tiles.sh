#!/bin/sh
# Benchmark (run by hand, never by the test suite): the audit tree stored as tiles (issue 15). Grows one SQLite store
# through the store's own append path to each size and times signing, proofs, the start-up check and full
# verification at that size. The store is kept in bench/target/audit-tiles and reused.
#   ./bench/audit-tiles.sh [SIZE...]        (default 10000 100000 1000000)
# REGENT_BENCH_JDBC_URL=jdbc:postgresql://… runs it on that PostgreSQL database instead.
set -eu
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- 10000 100000 1000000
# the runtime libraries from the CLI's jar (./regent --version builds it): the dependency plugin does not resolve offline
[ -f regent-cli/target/regent.jar ] || ./regent --version >/dev/null
./mvnw -o -q -pl regent-store -am test-compile
CP="regent-store/target/test-classes:regent-store/target/classes:regent-core/target/classes:regent-cli/target/regent.jar"
mkdir -p bench/target
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$CP" dev.regent.store.bench.AuditTilesBench bench/target/audit-tiles "$@"
