#!/usr/bin/env bash
# Counts the SQL statements and transactions one request sends to PostgreSQL, from the server's statement log.
#   ./bench/pg-statements.sh JAR DATABASE_URL [PGLOG]
# DATABASE_URL is a JDBC URL of a database whose settings log every statement, made once with
#   CREATE DATABASE regent_perf; ALTER DATABASE regent_perf SET log_min_duration_statement = 0;
# PGLOG is the server's log file (default /var/log/postgresql/postgresql-15-main.log; it must be readable). The
# script starts JAR on a fresh schema, makes one model with one version, then for each operation below waits for
# quiet, sends it once, and prints the statements the database logged for it (parse/bind/execute lines of one
# statement count once), then a summary line per operation.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
JAR=$(realpath "$1") DB=$2 PGLOG=${3:-/var/log/postgresql/postgresql-15-main.log}
DBNAME=$(echo "$DB" | sed -E 's#^jdbc:postgresql://[^/]+/([^?]+).*#\1#')
PSQL_URL=$(echo "$DB" | sed -E 's#^jdbc:postgresql://([^/]+)/([^?]+)\??(.*)$#postgresql://\1/\2?\3#')
SCHEMA="regent_stmts_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK=$(mktemp -d)
psql -q "$PSQL_URL" -c "CREATE SCHEMA $SCHEMA"
case "$DB" in *\?*) SEP='&' ;; *) SEP='?' ;; esac
PORT=$(free_port) TOKEN=$(new_token)
REGENT_BOOTSTRAP_TOKEN=$TOKEN java -jar "$JAR" serve --port "$PORT" --data "$WORK/data" --db "$DB${SEP}currentSchema=$SCHEMA" \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null; psql -q "$PSQL_URL" -c "DROP SCHEMA $SCHEMA CASCADE"; rm -rf "$WORK"' EXIT
wait_ready "$PORT"
U=http://127.0.0.1:$PORT H="Authorization: Bearer $TOKEN" J='Content-Type: application/json'
post() { curl -s -o /dev/null -H "$H" -H "$J" -d "$2" "$U$1"; }
post /api/v1/models '{"name":"s"}'
post /api/v1/models/s/versions '{"source":"s3://b/s/1"}'
curl -s -o /dev/null -H "$H" -H "$J" -X PUT -d '{"version":1,"reason":"r"}' "$U/api/v1/models/s/aliases/champion"
sleep 2 # the audit signer's first tick
# measure NAME CURL_ARGS...: the statements of one request
measure() {
  local name=$1 n
  shift
  sleep 1.2 # past the signer's 1 s tick, whose own read would otherwise land in the window
  n=$(wc -l <"$PGLOG")
  curl -s -o /dev/null -H "$H" -H "$J" "$@"
  sleep 0.3
  tail -n +$((n + 1)) "$PGLOG" | grep "@$DBNAME " | grep -E 'duration: [0-9.]+ ms +(statement|execute [^:]*): ' \
    | sed -E 's/^.*duration: [0-9.]+ ms +(statement|execute [^:]*): //' | grep -v '^LISTEN' >"$WORK/$name.sql" || true
  echo "== $name"
  cut -c1-120 "$WORK/$name.sql"
  printf '%s: %s statements, %s transactions\n' "$name" "$(grep -vcE '^(BEGIN|BEGIN READ ONLY|COMMIT|ROLLBACK)$' "$WORK/$name.sql")" \
    "$(grep -cE '^(COMMIT|ROLLBACK)$' "$WORK/$name.sql")" >>"$WORK/summary"
}
measure native-register -d '{"source":"s3://b/s/2"}' "$U/api/v1/models/s/versions"
measure mlflow-register -d '{"name":"s","source":"s3://b/s/3"}' "$U/api/2.0/mlflow/model-versions/create"
measure mlflow-alias-read "$U/api/2.0/mlflow/registered-models/alias?name=s&alias=champion"
echo
cat "$WORK/summary"
