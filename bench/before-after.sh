#!/usr/bin/env bash
# Measures two builds of the server in one run, interleaved, against the same trivial Javalin handler: the hot reads
# (wrk when installed) and sequential durable registrations (native and MLflow API) on SQLite and, with
# BENCH_POSTGRES_URL, on PostgreSQL. For "before and after" figures of a change (docs/benchmarks.md says which).
#   ./bench/before-after.sh BEFORE.jar AFTER.jar
# Knobs: BENCH_SECONDS (8), BENCH_RUNS (3), BENCH_MODELS (50), BENCH_VERSIONS (20), BENCH_READS_ON (sqlite; "pg" or
# "sqlite pg" to read from the PostgreSQL servers too), BENCH_WRITES (1; 0 skips the registrations). Results:
# bench/target/ba-*.tsv and a Markdown table on stdout (median over the runs; ratios to the trivial handler of the same
# round).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BEFORE=$(realpath "$1") AFTER=$(realpath "$2")
SECS=${BENCH_SECONDS:-8} RUNS=${BENCH_RUNS:-3} MODELS=${BENCH_MODELS:-50} VERSIONS=${BENCH_VERSIONS:-20}
OUT="$PWD/bench/target"
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/regent-ba.XXXXXX")
OPTS=$(sed -n 's/^SERVER_OPTS="\(\$SERVER_OPTS \)\{0,1\}\(.*\)"$/\2/p' regent | tr '\n' ' ')
PIDS=() SCHEMAS=()
PSQL_URL=""
if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  PSQL_URL=$(echo "$BENCH_POSTGRES_URL" | sed -E 's#^jdbc:postgresql://([^/]+)/([^?]+)\??(.*)$#postgresql://\1/\2?\3#')
fi
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for s in "${SCHEMAS[@]}"; do psql -q "$PSQL_URL" -c "DROP SCHEMA $s CASCADE" || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
printf 'version: 1\ndefault:\n  stages:\n    Staging:\n      - artifact_digest: {}\n' >"$WORK/policy.yaml"
TOKEN=$(new_token)

# serve NAME JAR [DB URL]: a server with the launcher's JVM flags; sets URL_<NAME> and PID_<NAME>
serve() {
  local name=$1 jar=$2 db=${3:-} port
  port=$(free_port)
  # shellcheck disable=SC2086
  REGENT_BOOTSTRAP_TOKEN="$TOKEN" java $OPTS -jar "$jar" serve --port "$port" --data "$WORK/$name" \
    --policy "$WORK/policy.yaml" ${db:+--db "$db"} >"$OUT/ba-$name.log" 2>&1 &
  PIDS+=("$!")
  SERVER_PID=$!
  wait_ready "$port"
  printf -v "URL_$name" '%s' "http://127.0.0.1:$port"
  printf -v "PID_$name" '%s' "$SERVER_PID"
}

TPORT=$(free_port)
# shellcheck disable=SC2086
java $OPTS -cp "$AFTER" bench/Trivial.java "$TPORT" >"$OUT/ba-trivial.log" 2>&1 &
PIDS+=("$!")
until curl -s -o /dev/null "http://127.0.0.1:$TPORT/trivial"; do sleep 0.1; done
export BENCH_TRIVIAL_URL="http://127.0.0.1:$TPORT"
if command -v wrk >/dev/null; then export BENCH_WRK; BENCH_WRK=$(command -v wrk); fi

TARGETS=(before_sqlite after_sqlite)
serve before_sqlite "$BEFORE"
serve after_sqlite "$AFTER"
if [ -n "$PSQL_URL" ]; then
  case "$BENCH_POSTGRES_URL" in *\?*) SEP='&' ;; *) SEP='?' ;; esac
  for n in before_pg after_pg; do
    s="regent_ba_$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    psql -q "$PSQL_URL" -c "CREATE SCHEMA $s"
    SCHEMAS+=("$s")
    if [ "$n" = before_pg ]; then serve "$n" "$BEFORE" "$BENCH_POSTGRES_URL${SEP}currentSchema=$s"
    else serve "$n" "$AFTER" "$BENCH_POSTGRES_URL${SEP}currentSchema=$s"; fi
    TARGETS+=("$n")
  done
fi
for t in "${TARGETS[@]}"; do
  u="URL_$t"
  java bench/Loadgen.java load "${!u}" "$TOKEN" "$MODELS" "$VERSIONS" >/dev/null
done

READS='health-8|native-model-aliases|native-get-version|mlflow-alias|mlflow-get-latest-versions|mlflow-get-version'
WRITES='register-1-writer|mlflow-register-1-writer'
: >"$OUT/ba-results.tsv"
# one: TARGET PATTERN WARMUP: runs the matching scenarios once against TARGET, appends "target<TAB>line"
one() {
  local u="URL_$1" p="PID_$1"
  BENCH_ONLY="$2" java bench/Loadgen.java run "${!u}" "$TOKEN" "$SECS" 1 "$3" "${!p:-0}" "$MODELS" "$VERSIONS" \
    "$WORK/one.tsv" >/dev/null
  sed "s/^/$1\t/" "$WORK/one.tsv" | tee -a "$OUT/ba-results.tsv"
}
URL_trivial=$URL_after_sqlite
for r in $(seq 1 "$RUNS"); do
  w=0
  [ "$r" = 1 ] && w=3
  for db in ${BENCH_READS_ON:-sqlite}; do
    for t in "before_$db" "after_$db"; do one "$t" "$READS" "$w"; done
  done
  one trivial trivial-8 "$w"
  if [ "${BENCH_WRITES:-1}" = 1 ]; then
    for t in "${TARGETS[@]}"; do one "$t" "$WRITES" 0; done
  fi
done

echo
echo "machine: $(machine_line); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$OUT/ba-results.tsv" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
rss = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    if f[1] == "rss":
        rss[f[0]].append(int(f[3]) / 1024)
        continue
    rows[(f[0], f[1])].append((float(f[6]), float(f[7]), float(f[8]), int(f[9])))
triv = rows[("trivial", "trivial-8")]
tr = statistics.median(r[0] for r in triv)
tp99 = statistics.median(r[2] for r in triv)
print(f"| target | scenario | requests/s | × trivial | p50 ms | p99 ms | errors |")
print("|---|---|---|---|---|---|---|")
print(f"| trivial handler | trivial-8 | {tr:.0f} | 1.00 | {statistics.median(r[1] for r in triv):.2f} | {tp99:.2f} | {sum(r[3] for r in triv)} |")
for (t, s), v in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    if t == "trivial":
        continue
    m = statistics.median(r[0] for r in v)
    ratio = f"{m / tr:.2f}" if not "register" in s else "—"
    print(f"| {t} | {s} | {m:.0f} | {ratio} | {statistics.median(r[1] for r in v):.2f} | "
          f"{statistics.median(r[2] for r in v):.2f} | {sum(r[3] for r in v)} |")
for t, v in rss.items():
    print(f"| {t} | resident memory after the reads | {statistics.median(v):.0f} MiB | | | | |")
PY
