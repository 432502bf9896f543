#!/bin/sh
# Benchmark (run by hand, never by the test suite): the audit tree stored as tiles (issue 15). Grows one SQLite store
# through the store's own append path to each size and times signing, proofs, the start-up check and full
# verification at that size. The store is kept in bench/target/audit-tiles and reused.
#   ./bench/audit-tiles.sh [SIZE...]        (default 10000 100000 1000000)
set -eu
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- 10000 100000 1000000
# one reactor build: -am compiles regent-core from this tree, and each module writes its own classpath file (a second
# run without -am would need regent-core installed in ~/.m2)
./mvnw -o -q -pl regent-store -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="regent-store/target/test-classes:regent-store/target/classes:regent-core/target/classes:$(cat regent-store/target/bench-classpath.txt)"
mkdir -p bench/target
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$CP" dev.regent.store.bench.AuditTilesBench bench/target/audit-tiles "$@"
