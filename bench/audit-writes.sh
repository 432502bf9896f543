#!/bin/sh
# Benchmark (run by hand, never by the test suite): 8 writers appending audit entries while checkpoints are signed
# every 1,000 entries, on a store bench/audit-tiles.sh grew (default bench/target/audit-tiles; JDBC_URL: PostgreSQL).
#   ./bench/audit-writes.sh [DATA_DIR] [SECONDS] [JDBC_URL]
set -eu
cd "$(dirname "$0")/.."
./mvnw -o -q -pl regent-store -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="regent-store/target/test-classes:regent-store/target/classes:regent-core/target/classes:$(cat regent-store/target/bench-classpath.txt)"
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$CP" dev.regent.store.bench.AuditWritesWhileSigningBench "${1:-bench/target/audit-tiles}" "${2:-30}" ${3:-}
