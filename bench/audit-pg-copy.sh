#!/bin/sh
# Benchmark helper (run by hand): copies the audit log of the SQLite store bench/audit-tiles.sh grew (entries, derived
# columns, leaves, tiles, model heads, counter, checkpoints) into an empty PostgreSQL database, so the audit
# benchmarks run at 1,000,000 entries on PostgreSQL without growing it through the append path there (≈ 200 entries/s
# on this machine: one round trip per statement). The rows are the SQLite store's, byte for byte; the database is
# migrated by `regent` first.
#   ./bench/audit-pg-copy.sh JDBC_URL PSQL_CONNINFO [DATA_DIR]
#   e.g. ./bench/audit-pg-copy.sh 'jdbc:postgresql://127.0.0.1:5432/regent_x?user=postgres' 'host=127.0.0.1 user=postgres dbname=regent_x'
set -eu
cd "$(dirname "$0")/.."
URL=$1 PG=$2 DB=${3:-bench/target/audit-tiles}/regent.db
tmp=$(mktemp -d)
# migrates the empty database and nothing else (a regent command would also seed the policy: an audit entry)
cat >"$tmp/Migrate.java" <<'JAVA'
public class Migrate {
    public static void main(String[] a) {
        dev.regent.store.StoreFactory.open(java.nio.file.Path.of(a[0]), a[1]).close();
    }
}
JAVA
java -cp regent-cli/target/regent.jar "$tmp/Migrate.java" "$tmp" "$URL" 2>/dev/null
rm -rf "$tmp"
copy() { # copy TABLE "COLUMNS" "SQLITE SELECT"
  sqlite3 -csv "$DB" "$3" | psql -q "$PG" -c "\\copy $1 ($2) FROM STDIN WITH (FORMAT csv)"
}
copy audit_log "seq, at, actor, action, target, model, outcome, reason" \
  "SELECT seq, at, actor, action, target, model, outcome, reason FROM audit_log ORDER BY seq"
copy audit_entries "seq, entry" "SELECT seq, '\\x' || hex(entry) FROM audit_entries ORDER BY seq"
copy audit_leaves "seq, hash" "SELECT seq, '\\x' || hex(hash) FROM audit_leaves ORDER BY seq"
copy audit_fields "seq, side, name, value" "SELECT seq, side, name, value FROM audit_fields ORDER BY seq, side, name"
copy audit_evidence "seq, position, link" "SELECT seq, position, link FROM audit_evidence ORDER BY seq, position"
copy audit_tile_hashes "level, idx, hash" "SELECT level, idx, '\\x' || hex(hash) FROM audit_tile_hashes ORDER BY level, idx"
copy audit_model_heads "model, seq" "SELECT model, seq FROM audit_model_heads"
copy checkpoints "size, root, note, signed_at" "SELECT size, '\\x' || hex(root), note, signed_at FROM checkpoints ORDER BY size"
psql -q "$PG" -c "UPDATE audit_head SET seq = $(sqlite3 "$DB" 'SELECT seq FROM audit_head')" -c "ANALYZE"
psql -At "$PG" -c "SELECT 'copied: ' || count(*) || ' entries' FROM audit_log"
