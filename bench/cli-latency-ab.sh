#!/usr/bin/env bash
# CLI latency before and after (issue 18), interleaved: each round runs the everyday commands with another checkout's
# ./regent (A, e.g. an export of main: git archive main | tar -x -C /tmp/base) and with this one's (B), then curl
# and the JVM's own start, so both see the same load on a shared machine. Prints the median wall and CPU time
# (user + system) of each, the load average before and after, and where one run of B spends its time.
# Usage: ./bench/cli-latency-ab.sh /path/to/other/checkout     Knob: CLI_RUNS (11 rounds).
set -u
[ $# -eq 1 ] && [ -x "$1/regent" ] || { echo "usage: $0 OTHER_CHECKOUT (a directory with ./regent)" >&2; exit 2; }
RUNS=${CLI_RUNS:-11}
A=$(cd "$1" && pwd)/regent; B=$(cd "$(dirname "$0")/.." && pwd)/regent
$A --version >/dev/null; $B --version >/dev/null   # builds either jar if needed
W=$(mktemp -d "${TMPDIR:-/tmp}/regent-cli-ab.XXXXXX"); cd $W
export REGENT_CONFIG=$W/none.yaml; unset REGENT_URL REGENT_TOKEN
echo "version: 1" > no-gates.yaml
$B --data local --policy no-gates.yaml model create m >/dev/null
$B --data local version register m --source s3://bench/m/1 >/dev/null
$A --data local model list >/dev/null; $B --data local model list >/dev/null   # CDS archives
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$B --data remote --policy no-gates.yaml serve --port $PORT >serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$W"' EXIT
for _ in $(seq 1 240); do grep -q "Admin token: rgt_" serve.log && curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break; sleep 0.5; done
TOKEN=$(grep -o "rgt_[A-Za-z0-9_-]*" serve.log | head -n 1); URL=http://127.0.0.1:$PORT
$B --registry $URL --token $TOKEN model create m >/dev/null
$B --registry $URL --token $TOKEN version register m --source s3://bench/m/1 >/dev/null
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A WS CS
run() { # key cmd...
  local k=$1; shift; local s e
  s=$(date +%s%N); /usr/bin/time -f "%U %S" -o $W/cpu "$@" >$W/out 2>&1 || { echo "FAIL $k"; cat $W/out; }; e=$(date +%s%N)
  WS[$k]="${WS[$k]:-} $(( (e-s)/1000000 ))"; CS[$k]="${CS[$k]:-} $(awk '{printf "%d", ($1+$2)*1000}' $W/cpu)"
}
for i in $(seq 1 $RUNS); do
  for v in A B; do R=${!v}
    run "$v local list" $R --data local model list
    run "$v local show" $R --data local version show m 1
    run "$v remote list" $R --registry $URL --token $TOKEN model list
    run "$v remote show" $R --registry $URL --token $TOKEN version show m 1
  done
  run "curl list" curl -sf -H "Authorization: Bearer $TOKEN" $URL/api/v1/models
  run "curl show" curl -sf -H "Authorization: Bearer $TOKEN" $URL/api/v1/models/m/versions/1
  run "java -version" java -XX:TieredStopAtLevel=1 -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -Xshare:auto -version
done
med() { echo $1 | tr ' ' '\n' | sort -n | sed -n "$(( (RUNS+1)/2 ))p"; }
for k in "A local list" "B local list" "A local show" "B local show" "A remote list" "B remote list" "A remote show" "B remote show" "curl list" "curl show" "java -version"; do
  echo "$k: wall $(med "${WS[$k]}") ms, cpu $(med "${CS[$k]}") ms   [wall:${WS[$k]}]"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
REGENT_TRACE_STARTUP=1 $B --data local model list 2>&1 >/dev/null | sed 's/^/  B local: /'
REGENT_TRACE_STARTUP=1 $B --registry $URL --token $TOKEN version show m 1 2>&1 >/dev/null | sed 's/^/  B remote: /'
