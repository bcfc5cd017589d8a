#!/usr/bin/env bash
# HTTP benchmark: `crier run --listen` delivers EMAILS (10,000) exercise emails to
# Postfix's smtp-sink, once alone and once while wrk loads the HTTP service with one-click
# unsubscribes (POST /unsubscribe/{token}, List-Unsubscribe=One-Click, a different resident's
# token each request) and GET /metrics at the same time. Prints requests per second and p99
# latency for each, the delivery throughput of both runs, and MET/MISSED for the targets:
#   unsubscribes >= 5,000/s, p99 < 50 ms (unsubscribe and metrics), delivery under HTTP load
#   within 10 % of delivery alone.
# A build without the unsubscribe route measures GET /healthz in its place and says so.
# Everything listens on 127.0.0.1 and is stopped by PID. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
EMAILS="${EMAILS:-10000}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"

fail() { echo "http bench: FAILED: $*" >&2; exit 1; }

need=()
for pkg in wrk postfix curl bc nginx-light; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "http bench: installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
source scripts/setup.sh
source bench/sinks.sh

if [ -n "${CRIER:-}" ]; then
  BIN="$CRIER"
else
  echo "http bench: building crier (release)"
  swift build -c release --product crier > "$work/build.log" 2>&1 || {
    grep -E "error" "$work/build.log" | head -n 20 >&2; fail "swift build -c release --product crier"; }
  BIN="$(swift build -c release --show-bin-path)/crier"
fi

# One installation per run: EMAILS residents in East NPA, one exercise alert to all of them, and
# EMAILS residents in West NPA whose tokens the unsubscribe load uses.
prepare() { # folder
  local dir="$1"
  mkdir -p "$dir/schedules"
  cat > "$dir/crier.yml" <<YML
database: $dir/crier.sqlite
templates: $(pwd)/templates
schedules: schedules
sender: { name: Crier benchmark, email: bench@example.org }
email:
  relay: smtp://127.0.0.1:$SMTP_PORT
  tls: none
  from: "Crier benchmark <bench@example.org>"
  max_connections: 16
  rate_per_second: 1000000
  unsubscribe_url: "https://example.org/unsubscribe/{token}"
network: { allow_private: true }
http:
  rate_limits: { tokens: { per_minute: 0 }, signup: { per_minute: 0 } }
YML
  "$CRIER_PYTHON" - "$dir/residents.csv" "$EMAILS" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    out.write("email,name,area,topics,locale,test\n")
    for i in range(int(sys.argv[2])):
        out.write(f"bench-resident-{i}@example.org,Bench Resident {i},east,all,en,false\n")
    # As many again in West NPA, outside the alert's audience: their tokens are the ones wrk
    # unsubscribes, so the load withdraws nothing the delivery run is waiting for.
    for i in range(int(sys.argv[2])):
        out.write(f"bench-neighbour-{i}@example.org,Bench Neighbour {i},west,all,en,false\n")
PY
  CRIER_CONFIG="$dir/crier.yml" "$BIN" subscribers import "$dir/residents.csv" > "$dir/import.log" 2>&1 ||
    fail "subscribers import: $(tail -n 3 "$dir/import.log")"
  CRIER_CONFIG="$dir/crier.yml" CRIER_OPERATOR=bench "$BIN" alert urgent-warning --area east --status exercise --yes \
    --var "headline=BENCHMARK exercise, not a real alert" --var "description=Benchmark load." \
    --var "instruction=Nothing to do." > "$dir/alert.log" 2>&1 || fail "alert: $(tail -n 3 "$dir/alert.log")"
  "$CRIER_PYTHON" - "$dir/crier.sqlite" "$dir/tokens.txt" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT unsubscribe_token FROM subscribers WHERE area = 'west'").fetchall()
open(sys.argv[2], "w").write("".join(f"{token}\n" for (token,) in rows))
PY
}

# Runs `crier run --listen` until smtp-sink has every email; with "load", wrk hits the HTTP
# service meanwhile (for 90 % of the no-load run's time, so it overlaps the delivery).
# Sets WALL and DELIVERY_RATE (emails/s), and with load UNSUB_RESULT and METRICS_RESULT.
deliver() { # folder, alone|load
  local dir="$1" mode="$2" start end before url wrk1="" wrk2="" unsub_mode=post code seconds
  before=$(smtp_messages); before=${before:-0}
  start=$(date +%s.%N)
  CRIER_CONFIG="$dir/crier.yml" "$BIN" run --listen 127.0.0.1:0 > "$dir/run.out" 2> "$dir/run.err" &
  local crier_pid=$!
  pids+=("$crier_pid")
  for _ in $(seq 200); do grep -q '^listening on ' "$dir/run.out" 2>/dev/null && break; sleep 0.05; done
  url=$(sed -n 's/^listening on //p' "$dir/run.out" | head -n 1)
  [ -n "$url" ] || fail "crier announced no address: $(tail -n 5 "$dir/run.err")"
  if [ "$mode" = load ]; then
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data 'List-Unsubscribe=One-Click' \
      "$url/unsubscribe/$(head -n 1 "$dir/tokens.txt")")
    if [ "$code" != 200 ]; then
      unsub_mode=get
      echo "http bench: POST /unsubscribe/{token} answered $code: this build has no unsubscribe route;"
      echo "            measuring GET /healthz in its place"
    fi
    seconds=$(printf '%.0f' "$(echo "s = 0.9 * $BASE_WALL; if (s < 3) 3 else s" | bc -l)")
    MODE=$unsub_mode TOKENS_FILE="$dir/tokens.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency \
      -s bench/http_unsubscribe.lua "$url" > "$dir/wrk-unsub.out" 2>&1 &
    wrk1=$!
    wrk -t1 -c4 -d"${seconds}s" --latency -s bench/http_get.lua "$url/metrics" > "$dir/wrk-metrics.out" 2>&1 &
    wrk2=$!
    pids+=("$wrk1" "$wrk2")
  fi
  local waited=0 received=0
  while :; do
    received=$(smtp_messages); received=${received:-0}
    [ $((received - before)) -ge "$EMAILS" ] && break
    kill -0 "$crier_pid" 2>/dev/null || fail "crier run ended early: $(tail -n 5 "$dir/run.err")"
    waited=$((waited + 1))
    [ "$waited" -lt 12000 ] || fail "smtp-sink received $((received - before)) of $EMAILS within 600 s"
    sleep 0.05
  done
  end=$(date +%s.%N)
  if [ "$mode" = load ]; then
    wait "$wrk1" || fail "wrk (unsubscribe) failed: $(tail -n 5 "$dir/wrk-unsub.out")"
    wait "$wrk2" || fail "wrk (metrics) failed: $(tail -n 5 "$dir/wrk-metrics.out")"
    UNSUB_RESULT=$(grep '^RESULT' "$dir/wrk-unsub.out" | tail -n 1)
    METRICS_RESULT=$(grep '^RESULT' "$dir/wrk-metrics.out" | tail -n 1)
    UNSUB_LABEL=$([ "$unsub_mode" = post ] && echo "POST /unsubscribe/{token}" || echo "GET /healthz (stand-in)")
  fi
  kill -TERM "$crier_pid"
  wait "$crier_pid" || fail "crier run did not stop cleanly: $(tail -n 5 "$dir/run.err")"
  WALL=$(echo "$end - $start" | bc -l)
  DELIVERY_RATE=$(echo "$EMAILS / $WALL" | bc -l)
}

field() { echo "$1" | sed -n "s/.*$2=\([0-9.]*\).*/\1/p"; }
verdict() { if [ "$(echo "$1" | bc -l)" = 1 ]; then echo MET; else echo MISSED; fi; }

echo "http bench: run 1 of 2, $EMAILS emails, no HTTP load"
prepare "$work/alone"
deliver "$work/alone" alone
BASE_RATE=$DELIVERY_RATE BASE_WALL=$WALL
echo "http bench: run 2 of 2, $EMAILS emails, wrk on the HTTP service ($CONNECTIONS + 4 connections)"
prepare "$work/load"
deliver "$work/load" load
LOAD_RATE=$DELIVERY_RATE

unsub_rps=$(field "$UNSUB_RESULT" rps) unsub_p99=$(field "$UNSUB_RESULT" p99_ms)
metrics_rps=$(field "$METRICS_RESULT" rps) metrics_p99=$(field "$METRICS_RESULT" p99_ms)
share=$(echo "100 * $LOAD_RATE / $BASE_RATE" | bc -l)
echo
echo "HTTP under delivery load on $(nproc) cores, $(date -u +%Y-%m-%d), wrk $THREADS threads x $CONNECTIONS connections"
printf '%-34s %12s %10s %8s %8s\n' route "requests/s" "p99 ms" non2xx errors
printf '%-34s %12.0f %10.2f %8s %8s\n' "$UNSUB_LABEL" "$unsub_rps" "$unsub_p99" \
  "$(field "$UNSUB_RESULT" non2xx)" "$(field "$UNSUB_RESULT" socket_errors)"
printf '%-34s %12.0f %10.2f %8s %8s\n' "GET /metrics" "$metrics_rps" "$metrics_p99" \
  "$(field "$METRICS_RESULT" non2xx)" "$(field "$METRICS_RESULT" socket_errors)"
printf 'delivery alone: %.0f emails/s; under HTTP load: %.0f emails/s (%.1f %%)\n' "$BASE_RATE" "$LOAD_RATE" "$share"
echo
echo "unsubscribes >= 5,000/s:              $(verdict "$unsub_rps >= 5000")  ($(printf '%.0f' "$unsub_rps")/s, $UNSUB_LABEL)"
echo "unsubscribe p99 < 50 ms:              $(verdict "$unsub_p99 < 50")  ($unsub_p99 ms)"
echo "metrics p99 < 50 ms:                  $(verdict "$metrics_p99 < 50")  ($metrics_p99 ms)"
echo "delivery within 10 % of no-load run:  $(verdict "$share >= 90")  ($(printf '%.1f' "$share") %)"
