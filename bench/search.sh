#!/usr/bin/env bash
# Benchmark of searches at 10,000 and 1,000,000 versions, and of start-up at those sizes (run by hand, never by the
# test suite; see docs/benchmarks.md).
#   ./bench/search.sh [VERSIONS...]          (default: 10000 1000000)
# For each size N: loads (or reuses) bench/target/search-N, a SQLite data directory written through the store's
# transaction API (SearchDataLoader in regent-store's test sources: N/100 models x 100 versions, tags, run ids, the
# audit entries registration writes, a signed checkpoint, the admin and a fixed token), prints every search's SQL
# with EXPLAIN QUERY PLAN (as shipped, and on a copy after ANALYZE), measures start to first 200 on /ready (RUNS
# starts), then runs each scenario RUNS times for SECONDS with `java bench/Loadgen.java once` at 8 connections,
# interleaved with GET /health (the ceiling) in the same run. Finally rewrites the section of docs/benchmarks.md
# between the markers "bench/search.sh: begin" and "bench/search.sh: end".
# Knobs (environment): BENCH_SECONDS (10), BENCH_RUNS (3), BENCH_WARMUP (3 s per scenario),
# BENCH_NO_BUILD=1 (use the classes and jar already built), BENCH_REPORT_ONLY=1 (measure nothing; regenerate the section from bench/target/search-*).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. bench/lib.sh
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(10000 1000000); fi
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
RUNS=${BENCH_RUNS:-3}
WARMUP=${BENCH_WARMUP:-3}
CONNS=8
OUT="$ROOT/bench/target"
BIN="$OUT/search-bin"
# a fixed, well-formed token (rgt_ + 43 base64url characters): the loader registers it for the admin
TOKEN=rgt_n2BugZyKbaxb_mH5Ap5fzwLZ80JBWz6ulWyxf8HVC00
SERVER_PID=""
mkdir -p "$OUT"

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# The server as ./regent serve starts it (the launcher's JVM flags and its class-data sharing archive), but from a copy
# of the jar made at the start of this script, so that a rebuild by someone else during the run changes nothing.
start_server() { # DIR PORT LOG
  java $SERVER_OPTS -Xshare:auto -XX:SharedArchiveFile="$BIN/regent-serve.jsa" -jar "$BIN/regent.jar" \
    serve --port "$2" --data "$1" >"$3" 2>&1 &
  SERVER_PID=$!
}


if [ -z "${BENCH_REPORT_ONLY:-}" ]; then
  LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
  # Build what is needed. The working tree may be mid-edit by someone else: when a build fails but its output from
  # an earlier build exists, that output is used (and the doc says which jar was measured).
  # BENCH_NO_BUILD=1 skips both builds and uses what is there.
  if [ -n "${BENCH_NO_BUILD:-}" ]; then
    :
  elif ! ./mvnw -o -q -B -pl regent-store -am test-compile >"$OUT/search-build.log" 2>&1; then
    [ -f regent-store/target/test-classes/dev/regent/store/bench/SearchDataLoader.class ] || { cat "$OUT/search-build.log"; exit 1; }
    echo "warning: test-compile of regent-store failed (see $OUT/search-build.log); using the classes already built" >&2
  fi
  if [ -n "${BENCH_NO_BUILD:-}" ]; then
    :
  elif ! ./regent --help >>"$OUT/search-build.log" 2>&1; then # builds regent-cli/target/regent.jar when missing or stale
    [ -f regent-cli/target/regent.jar ] || { cat "$OUT/search-build.log"; exit 1; }
    echo "warning: rebuilding regent.jar failed (see $OUT/search-build.log); using the existing jar" >&2
  fi
  mkdir -p "$BIN"
  cp regent-cli/target/regent.jar "$BIN/regent.jar"
  JAR_INFO="built $(date -u -r regent-cli/target/regent.jar '+%Y-%m-%d %H:%M UTC') from the working tree of then; HEAD at this run: $(git rev-parse --short HEAD)"
  eval "$(grep '^SERVER_OPTS=' regent)" # the launcher's server flags
  TRAIN=$(mktemp -d)
  rm -f "$BIN/regent-serve.jsa"
  java $SERVER_OPTS -XX:ArchiveClassesAtExit="$BIN/regent-serve.jsa" -jar "$BIN/regent.jar" --data "$TRAIN" serve \
    --port 0 --exit-when-ready >/dev/null 2>&1 || rm -f "$BIN/regent-serve.jsa"
  rm -rf "$TRAIN"
  CP="regent-store/target/test-classes:$BIN/regent.jar"
  for N in "${SIZES[@]}"; do
    DIR="$OUT/search-$N"
    P="$OUT/search-$N"
    echo "== $N versions: load or reuse $DIR, query plans"
    java -Xmx2g -cp "$CP" dev.regent.store.bench.SearchDataLoader "$DIR" "$N" "$TOKEN" "$P" 2>&1 \
      | grep -v -e '^INFO:' -e 'com.zaxxer.hikari' | tee "$P.loader.log"
    echo "== $N versions: start to first 200 on /ready ($RUNS starts)"
    STARTS=()
    for i in $(seq 1 "$RUNS"); do
      port=$(free_port)
      t0=$(date +%s%N)
      start_server "$DIR" "$port" "$P.server.log"
      wait_ready "$port"
      t1=$(date +%s%N)
      STARTS+=($(( (t1 - t0) / 1000000 )))
      echo "start $i: ${STARTS[-1]} ms"
      if [ "$i" -lt "$RUNS" ]; then stop_server; fi
    done
    (IFS=,; echo "${STARTS[*]}") >"$P.startup.csv"
    URL="http://127.0.0.1:$port"
    # scenarios: name, path, whether to add the next_page_token of the same path, what it is
    declare -A PATHS=()
    NAMES=(health-8)
    PATHS[health-8]="/health"
    while IFS=$'\t' read -r name path follows what; do
      if [ "$follows" != "-" ]; then
        next=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL$path" | jq -r '.next_page_token')
        [ -n "$next" ] && [ "$next" != null ] || { echo "no next_page_token for $path" >&2; exit 1; }
        path="$path&page_token=$next"
      fi
      code=$(curl -s -o "$P.$name.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL$path")
      echo "$name: HTTP $code, $(wc -c <"$P.$name.json") bytes"
      NAMES+=("$name")
      PATHS[$name]="$path"
    done <"$P.scenarios.tsv"
    if [ "$WARMUP" -gt 0 ]; then
      for name in "${NAMES[@]}"; do
        java bench/Loadgen.java once "$URL" "$TOKEN" "$CONNS" "$WARMUP" GET "${PATHS[$name]}" >/dev/null
      done
    fi
    : >"$P.results.tsv"
    for run in $(seq 1 "$RUNS"); do
      for name in "${NAMES[@]}"; do
        line=$(java bench/Loadgen.java once "$URL" "$TOKEN" "$CONNS" "$SECONDS_PER_RUN" GET "${PATHS[$name]}")
        line="$name${line#once}"
        line="${line%%$'\t'*}"$'\t'"$run"$'\t'"$(echo "$line" | cut -f3-)"
        echo "$line" | tee -a "$P.results.tsv"
      done
    done
    grep VmRSS "/proc/$SERVER_PID/status" | awk '{print $2}' >"$P.rss.txt"
    stop_server
    unset PATHS
  done
  LOAD_AFTER=$(cut -d" " -f1-3 /proc/loadavg)
  {
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine=$(machine_line)"
    echo "load_before=$LOAD_BEFORE"
    echo "load_after=$LOAD_AFTER"
    echo "sizes=${SIZES[*]}"
    echo "seconds=$SECONDS_PER_RUN"
    echo "runs=$RUNS"
    echo "server_opts=$SERVER_OPTS"
    echo "jar=$JAR_INFO"
  } >"$OUT/search-run.properties"
fi

python3 - "$OUT" docs/benchmarks.md <<'PY'
import os, re, statistics, sys
out, doc = sys.argv[1], sys.argv[2]
props = lambda f: dict(l.rstrip("\n").split("=", 1) for l in open(f) if "=" in l)
run = props(os.path.join(out, "search-run.properties"))
sizes = [int(n) for n in run["sizes"].split()]

def mmm(xs, fmt):
    xs = sorted(xs)
    med = statistics.median(xs)
    return (fmt % med) if len(xs) == 1 else (fmt + " (" + fmt + "–" + fmt + ")") % (med, xs[0], xs[-1])

def big_scans(s):
    # not tables: SCAN p is the co-routine of the page (at most max_results + 1 rows), SCAN k the page's own keys as
    # constant rows (children are then read by primary key), SCAN x the capped count (at most 1,001 index entries)
    # that picks a tag filter's form, and CONSTANT ROW(S) the VALUES list itself
    return [x.strip() for x in s.split(",") if x.strip() not in ("-", "SCAN p", "SCAN k", "SCAN x", "")
            and "CONSTANT ROW" not in x]

GOAL_P99 = 20.0
md = []
md.append("## Search at 10,000 and 1,000,000 versions, query plans, start-up at 1M (`./bench/search.sh`)\n")
md.append("Generated by `./bench/search.sh %s` on %s: %s runs of %s s per scenario at 8 connections, interleaved "
          "(run 1 of every scenario, then run 2, …) after a warm-up of each, with `java bench/Loadgen.java once`; "
          "median (min–max) over the runs. Ratios (× ceiling) are to `GET /health` at 8 connections **in the same run**.\n"
          % (" ".join(map(str, sizes)), run["date"], run["runs"], run["seconds"]))
md.append("Machine: %s; load average before the run: %s, after: %s. Server: the launcher's JVM flags (`%s`, its "
          "class-data sharing archive) on a copy of `regent.jar` (%s) made at the start of the run; SQLite. The load generator "
          "runs on the same 2 cores as the server, and the machine was shared with another engineer's builds and "
          "benchmarks during the run. Every `once` is a fresh JVM (compiling `Loadgen.java`, no JIT warm-up carried over "
          "between scenarios), so absolute rates, the ceiling's included, are lower than `bench/run.sh`'s, which runs "
          "all its scenarios in one JVM: compare the ratios.\n" % (run["machine"], run["load_before"], run["load_after"], run["server_opts"], run["jar"]))
md.append("**Data** (`SearchDataLoader`, regent-store test sources): N/100 models `m-00000`, `m-00001`, … of 100 versions "
          "each, written through the store's transaction API (`insertModel`, `nextVersionNumber`, `insertVersion` and, "
          "for every model and version, the `model.create` / `version.register` audit entry through `appendAudit`, "
          "exactly what registration writes, leaf hashes included), 50 models (5,000 versions) per transaction, then a "
          "signed checkpoint, so `regent audit verify` holds and the server has nothing to sign at start. Model tags "
          "`team` (10 values; `risk` on every 10th model), `tier`, `owner` (even models); version tags `validated` "
          "(`true` on even versions), `env`, `batch` (`b-%05d` of the version's global index mod 10,000: at 1M, 100 "
          "versions of 100 different models share a value); a digest on every version, a run id on every 4th, one "
          "metric.\n")
loads = []
for n in sizes:
    p = props(os.path.join(out, "search-%d.load.properties" % n))
    loads.append("%s versions: %s audit entries, loaded in %s s (%.0f versions/s), checkpoint signed in %s s, database %.0f MiB"
                 % (format(n, ","), format(int(p["audit_entries"]), ","), p["load_seconds"],
                    n / float(p["load_seconds"]), p["sign_seconds"], int(p["db_bytes"]) / 1048576))
md.append("Load: " + "; ".join(loads) + ".\n")

md.append("| Scenario | versions | requests/s | × ceiling | p50 ms | p99 ms | errors | full scans in the plan (as loaded) | Goal | Met? |")
md.append("|---|---|---|---|---|---|---|---|---|---|")
notmet = []
for n in sizes:
    pre = os.path.join(out, "search-%d" % n)
    rows = {}
    for l in open(pre + ".results.tsv"):
        f = l.rstrip("\n").split("\t")
        rows.setdefault(f[0], {})[int(f[1])] = f
    scans = {}
    for l in open(pre + ".plans.tsv"):
        f = l.rstrip("\n").split("\t")
        scans[f[0]] = big_scans(f[1])
    ceiling = rows["health-8"]
    for name, byrun in rows.items():
        rps = [float(f[5]) for f in byrun.values()]
        ratio = [float(f[5]) / float(ceiling[r][5]) for r, f in byrun.items()]
        p50 = [float(f[6]) for f in byrun.values()]
        p99 = [float(f[7]) for f in byrun.values()]
        errors = sum(int(f[8]) for f in byrun.values())
        requests = sum(int(f[3]) for f in byrun.values())
        if name == "health-8":
            goal, met, plan = "the reference (1.00)", "—", "—"
        else:
            s = scans.get(name)
            plan = "not a search (keyset page)" if s is None else ("none" if not s else "; ".join("`%s`" % x for x in s))
            goal = "p99 ≤ 20 ms, no full scan" + ("" if n >= 1000000 else " (set for 1M)")
            ok = statistics.median(p99) <= GOAL_P99 and errors == 0 and not s
            met = "met" if ok else "**not met**"
            if not ok and n >= 1000000:
                notmet.append(name)
        md.append("| %s | %s | %s | %s | %s | %s | %d of %d | %s | %s | %s |" % (name, format(n, ","),
                  mmm(rps, "%.0f" if statistics.median(rps) >= 10 else "%.1f"),
                  mmm(ratio, "%.2f"), mmm(p50, "%.1f"), mmm(p99, "%.1f"), errors, requests, plan, goal, met))
for n in sizes:
    pre = os.path.join(out, "search-%d" % n)
    starts = [float(x) for x in open(pre + ".startup.csv").read().strip().split(",")]
    met = "met" if statistics.median(starts) <= 2000 else "**not met**"
    if n < 1000000:
        met = met + " (goal set for 1M)"
    md.append("| start to first 200 on `/ready` | %s | %s ms | | | | | | ≤ 2 s at 1M | %s |" % (format(n, ","), mmm(starts, "%.0f"), met))
md.append("")
md.append("What each scenario sends (MLflow's `GET /api/2.0/mlflow/…`, Regent's native `GET /api/v1/…`), at 1M:\n")
biggest = max(sizes)
for l in open(os.path.join(out, "search-%d.scenarios.tsv" % biggest)):
    name, path, follows, what = l.rstrip("\n").split("\t")
    md.append("- **%s**: %s — `%s`%s" % (name, what, path, " + `&page_token=` of that page" if follows != "-" else ""))
md.append("")

# with and without the planner's statistics, in-process (SearchRows on one JDBC connection, best of 5)
md.append("### The searches in-process, without and with the planner's statistics\n")
md.append("The loader runs every search through `SearchRows` itself (one JDBC connection, no HTTP, best of 5) on its "
          "database without planner statistics (\"as loaded\": what SQLite did before the store ran `PRAGMA optimize`) "
          "and on a copy after `PRAGMA analysis_limit = 1000; ANALYZE` (the sampled statistics that the server's store now "
          "gathers when it opens the database and every 10,000 write transactions, so the server plans like the "
          "right-hand columns). An index `SCAN … USING INDEX` followed only by a partial sort (`FOR RIGHT PART` / "
          "`LAST n TERMS OF ORDER BY`) walks the index in the query's order and stops after the page:\n")
md.append("| Scenario | versions | ms as loaded | index walks / scans as loaded | ms with statistics | index walks / scans with statistics |")
md.append("|---|---|---|---|---|---|")
for n in sizes:
    pre = os.path.join(out, "search-%d" % n)
    a = {l.split("\t")[0]: l.rstrip("\n").split("\t") for l in open(pre + ".plans.tsv")}
    b = {l.split("\t")[0]: l.rstrip("\n").split("\t") for l in open(pre + ".plans-analyzed.tsv")}
    for name in a:
        fa, fb = a[name], b.get(name, ["", "-", "", ""])
        md.append("| %s | %s | %s | %s | %s | %s |" % (name, format(n, ","), fa[2],
                  "; ".join("`%s`" % x for x in big_scans(fa[1])) or "none", fb[2],
                  "; ".join("`%s`" % x for x in big_scans(fb[1])) or "none"))
md.append("")
md.append("### What changed after the first run, and what is left\n")
md.append("The first run of this benchmark (before the store changes of 2026-11-26 16:10–16:30 UTC) measured tag "
          "filters on versions and timestamp orders at 14.6–19.4 s p99 at 1M, with timeouts: SQLite walked and sorted "
          "every live version, four times per page. What the store does now, each pinned by contract tests on both "
          "databases:\n")
md.append("- **Planner statistics**: `PRAGMA optimize` (sampled, `analysis_limit`) when the server opens its store and every "
          "10,000 write transactions. Without it SQLite assumed table sizes and walked every version for a broad tag "
          "(956 ms in-process at 1M without statistics, 4.9 ms with).")
md.append("- **A selective version tag starts from the tag index**: an equality filter on a tag value that marks at "
          "most 1,000 versions (one capped index range to tell, the `SCAN x` above) is written as `(v.model_id, "
          "v.number) IN (SELECT … FROM version_tags WHERE key = ? AND value = ?)`; broad values keep the ordered walk.")
md.append("- **An unfiltered timestamp order names its index** on SQLite (`INDEXED BY model_versions_live_created`), so "
          "a page walks the index and stops (2.3–2.8 ms in-process at 1M, was ~0.5 s as planned).")
md.append("- **A version page's children by key**: tags, metrics and params are read by the page's own "
          "`(model_id, number)` keys (constant rows joined on each child's primary key, 500 per statement) instead of "
          "running the page query again three more times.")
md.append("")
md.append("What is left between these searches and the 20 ms p99 goal is not the database (every search takes 1.5–6.4 ms "
          "in-process at 1M with statistics) but the HTTP response: 100 versions as MLflow JSON with tags, metrics and "
          "each model's aliases (about 42 KB), and for a model search two more view reads per model on the page "
          "(`Views.model`), built on 2 cores that the load generator shares (every `once` a fresh, cold JVM) — compare "
          "the ceiling's own p99 (`health-8`) in the same run. The model searches ordered by update time walk "
          "`models_live_updated` in order and stop at the page. Start-up does not grow with the registry: the store "
          "opens without Flyway when the schema is this build's, and the 1,010,002-entry log was already signed (had it "
          "not been, the signer would recompute the whole log within a second of `/ready`, 71 s of one core at 1M).\n")
md.append("### Query plans at %s versions, as loaded\n" % format(biggest, ","))
md.append("`EXPLAIN QUERY PLAN` of the statements `SearchRows` runs (recorded from the real search with its bound "
          "values: `SearchPlans` in regent-store's test sources), through sqlite-jdbc, i.e. the SQLite the server "
          "runs, on the database as loaded (no statistics). A version search is the page, then the tags, metrics and "
          "params of the page's rows read by their keys.\n")
md.append(open(os.path.join(out, "search-%d.plans.md" % biggest)).read().strip() + "\n")
section = "\n".join(md).rstrip() + "\n"

begin = "<!-- bench/search.sh: begin (generated; edit bench/search.sh, not this section) -->"
end = "<!-- bench/search.sh: end -->"
text = open(doc).read()
block = begin + "\n" + section + end + "\n"
if "<!-- bench/search.sh: begin" in text:
    text = re.sub(r"<!-- bench/search\.sh: begin.*?<!-- bench/search\.sh: end -->\n", lambda m: block, text, flags=re.S)
else:
    anchor = "### How the server benchmark works"
    if anchor not in text:
        raise SystemExit("no '%s' line in %s" % (anchor, doc))
    text = text.replace(anchor, block + "\n" + anchor, 1)
open(doc, "w").write(text)
PY
echo "rewrote the bench/search.sh section of docs/benchmarks.md"
