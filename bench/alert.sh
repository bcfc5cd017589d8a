#!/usr/bin/env bash
# Alert benchmark: `crier alert ... --yes --wait` to 10,000 email subscribers (Postfix smtp-sink)
# plus 50 webhook endpoints (nginx answering 204), all on 127.0.0.1. Prints the time from the
# command starting to the first and to the last delivery (targets: first < 1 s, all < 10 s), and
# from `crier cancel` starting to the first cancellation notice delivered.
# The sinks are started here and stopped by PID when the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
RESIDENTS="${RESIDENTS:-10000}"
ENDPOINTS="${ENDPOINTS:-50}"

need=()
for pkg in nginx-light postfix bc; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
source scripts/setup.sh

source bench/sinks.sh

echo "bench: building crier (release)"
swift build -c release --product crier 2>&1 | grep -E "error|warning" || true
CRIER="$(swift build -c release --show-bin-path)/crier"

{
  cat <<YML
database: $work/crier.sqlite
templates: $PWD/templates
email:
  relay: smtp://127.0.0.1:$SMTP_PORT
  tls: none
  from: "Safer Leicester Partnership <alerts@example.org>"
  max_connections: 16
  rate_per_second: 1000000
  unsubscribe_url: "https://example.org/unsubscribe/{token}"
network: { allow_private: true }
approvals: { actual: false }
dispatch: { max_in_flight: 256 }
endpoints:
YML
  for i in $(seq 1 "$ENDPOINTS"); do
    echo "  - { id: partner-$i, kind: webhook, url: \"http://127.0.0.1:$HTTP_PORT/hook/$i\", areas: [city], topics: [all] }"
  done
} > "$work/crier.yml"
export CRIER_CONFIG="$work/crier.yml" CRIER_OPERATOR=bench

"$CRIER_PYTHON" - "$work/residents.csv" "$RESIDENTS" <<'PY'
import sys
path, count = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("email,name,area,topics,locale\n")
    for i in range(count):
        f.write(f"resident{i}@example.org,Resident {i},east,all,en\n")
PY
"$CRIER" subscribers import "$work/residents.csv"

# First and last delivered_at (unix seconds) of a message's deliveries, and how many.
span() {
  "$CRIER_PYTHON" - "$work/crier.sqlite" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
first, last, n = db.execute(
    "SELECT MIN(delivered_at), MAX(delivered_at), COUNT(*) FROM deliveries WHERE message_id = ? AND state = 'delivered'",
    (sys.argv[2],)).fetchone()
print(first, last, n)
PY
}
json_field() { "$CRIER_PYTHON" -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval('d' + sys.argv[2]))" "$1" "$2"; }

echo "bench: crier alert --yes --wait to $RESIDENTS residents and $ENDPOINTS webhooks"
start=$(date +%s.%N)
"$CRIER" alert urgent-warning --area east --yes --wait --format json \
  --var "headline=Fake couriers calling in Evington" \
  --var "description=Callers claim to be police and send a courier for your card." \
  --var "instruction=Hang up. Call 101." > "$work/alert.json" 2> "$work/alert.err" || { cat "$work/alert.err"; exit 1; }
id=$(json_field "$work/alert.json" "['outcome']['id']")
read -r first last delivered < <(span "$id")

echo "bench: crier cancel --wait"
cancel_start=$(date +%s.%N)
"$CRIER" cancel "$id" --reason "Benchmark" --wait --format json > "$work/cancel.json" 2> "$work/cancel.err" || { cat "$work/cancel.err"; exit 1; }
notice=$(json_field "$work/cancel.json" "['notice']['id']")
read -r nfirst nlast notified < <(span "$notice")

echo
printf '%-40s %8.3f s   (target < 1 s)\n' "alert: start to first delivery" "$(echo "$first - $start" | bc -l)"
printf '%-40s %8.3f s   (target < 10 s)\n' "alert: start to last delivery" "$(echo "$last - $start" | bc -l)"
printf '%-40s %8d\n' "alert: deliveries" "$delivered"
printf '%-40s %8.3f s\n' "cancel: start to first notice delivered" "$(echo "$nfirst - $cancel_start" | bc -l)"
printf '%-40s %8.3f s\n' "cancel: start to last notice delivered" "$(echo "$nlast - $cancel_start" | bc -l)"
printf '%-40s %8d\n' "cancel: notices" "$notified"
