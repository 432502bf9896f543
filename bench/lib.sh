# Shared by the benchmark scripts (sourced, not run): ports, tokens, a server's readiness, the machine line, and
# rewriting a generated section of docs/benchmarks.md. Callers keep the running server's pid in SERVER_PID.

# free_port: a TCP port on 127.0.0.1 that nothing listens on
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
}

# new_token: a well-formed Regent token (rgt_ + 43 base64url characters)
new_token() {
  echo "rgt_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
}

# wait_ready PORT: polls /ready every 10 ms (curl), at most 60 s; fails when the server died
wait_ready() {
  local i
  for i in $(seq 1 6000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ready" 2>/dev/null)" = "200" ]; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died" >&2; return 1; }
    sleep 0.01
  done
  echo "server not ready after 60 s" >&2
  return 1
}

stop_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# machine_line: nproc, CPU, RAM and java -version, for the tables' machine line
machine_line() {
  echo "nproc = $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo); java -version: $(java -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
}

# replace_section DOC BEGIN_MARKER END_MARKER FILE: puts FILE between the markers (appends them when missing)
replace_section() {
  local doc=$1 begin=$2 end=$3 file=$4
  if grep -qF "$begin" "$doc"; then
    awk -v b="$begin" -v e="$end" -v f="$file" '
      $0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
      $0 == e { skip = 0 }
      !skip { print }' "$doc" >"$doc.new"
    mv "$doc.new" "$doc"
  else
    { echo; echo "$begin"; cat "$file"; echo "$end"; } >>"$doc"
  fi
}
