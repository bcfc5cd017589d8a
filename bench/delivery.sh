#!/usr/bin/env bash
# Delivery benchmark: 10,000 webhooks to a local nginx answering 204, and 10,000 personalised
# emails to Postfix's smtp-sink, sent by Crier and by `curl --parallel --parallel-max 50 -K`
# (the practical libcurl ceiling here). Prints rates, peak memory and Crier's share of curl's rate.
# Everything listens on 127.0.0.1 and is stopped by PID when the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-10000}"

need=()
for pkg in nginx-light postfix time curl bc; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
source scripts/setup.sh

work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { "$CRIER_PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port)
SMTP_PORT=$(free_port)

mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:$HTTP_PORT;
    location / { return 204; }
  }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids+=($!)
smtp_sink=/usr/sbin/smtp-sink
[ -x "$smtp_sink" ] || smtp_sink=/usr/lib/postfix/sbin/smtp-sink
"$smtp_sink" -u nobody "127.0.0.1:$SMTP_PORT" 1024 &
pids+=($!)
sleep 0.5

echo "bench: building crier-bench (release)"
swift build -c release --product crier-bench 2>&1 | grep -E "error|warning" || true
BENCH="$(swift build -c release --show-bin-path)/crier-bench"

python3 - "$work" "$HTTP_PORT" "$SMTP_PORT" "$COUNT" <<'PY'
import json, sys
work, http_port, smtp_port, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
body = json.dumps({"headline": "Courier fraud warning", "areas": ["east"],
                   "advice": "Your bank will never send a courier to collect your card."})
with open(f"{work}/curl-webhook.cfg", "w") as cfg:
    for i in range(count):
        cfg.write(f'url = "http://127.0.0.1:{http_port}/hook/{i}"\n')
        cfg.write(f"data = {json.dumps(body)}\n")
        cfg.write('header = "Content-Type: application/json"\noutput = "/dev/null"\n')
        if i < count - 1:
            cfg.write("next\n")  # each request its own options; without it data and headers accumulate
with open(f"{work}/curl-email.cfg", "w") as cfg:
    for i in range(count):
        cfg.write(f'url = "smtp://127.0.0.1:{smtp_port}"\nmail-from = "alerts@example.org"\n')
        cfg.write(f'mail-rcpt = "resident-{i}@example.org"\nupload-file = "{work}/mail.eml"\n')
        if i < count - 1:
            cfg.write("next\n")
PY
cat > "$work/mail.eml" <<MAIL
From: Safer Leicester Partnership <alerts@example.org>
To: Resident <resident@example.org>
Subject: Courier fraud: warning for East NPA
Date: Thu, 26 Nov 2026 16:40:00 +0000
Message-ID: <bench@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Fraudsters are phoning residents pretending to be police officers or bank staff and sending a
courier to collect cards and cash. Your bank and the police will never do this.
MAIL
measure() { # label, command...: prints "seconds peak_kib"
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/$label.mem" "$@" > "$work/$label.out" 2> "$work/$label.err" || {
    echo "bench: $label failed:"; cat "$work/$label.err"; exit 1; }
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc -l) $(tail -n 1 "$work/$label.mem")"
}

cat > "$work/crier.yml" <<YML
database: $work/crier.sqlite
areas: [{ id: east, name: East NPA }]
email:
  relay: smtp://127.0.0.1:$SMTP_PORT
  tls: none
  from: "Safer Leicester Partnership <alerts@example.org>"
  max_connections: 16
  rate_per_second: 1000000
  unsubscribe_url: "https://example.org/unsubscribe/{token}"
endpoints:
  - { id: nginx, kind: webhook, url: "http://127.0.0.1:$HTTP_PORT/hook", max_concurrency: 50 }
network: { allow_private: true }
dispatch: { max_in_flight: 256 }
YML

echo "bench: curl webhooks"; read -r curl_w_s curl_w_kib < <(measure curl-webhook curl --silent --parallel --parallel-max 50 -K "$work/curl-webhook.cfg")
echo "bench: crier webhooks"; rm -f "$work"/crier.sqlite*
read -r crier_w_s crier_w_kib < <(measure crier-webhook "$BENCH" webhook --config "$work/crier.yml" --count "$COUNT")
cat "$work/crier-webhook.out"
echo "bench: curl emails"; read -r curl_e_s curl_e_kib < <(measure curl-email curl --silent --parallel --parallel-max 50 -K "$work/curl-email.cfg")
echo "bench: crier emails"; rm -f "$work"/crier.sqlite*
read -r crier_e_s crier_e_kib < <(measure crier-email "$BENCH" email --config "$work/crier.yml" --count "$COUNT")
cat "$work/crier-email.out"

# Crier's own figure times only the dispatching (enqueueing is outside it); use it for the rate.
crier_w_rate=$(sed -n 's/.* = \([0-9]*\)\/s.*/\1/p' "$work/crier-webhook.out")
crier_e_rate=$(sed -n 's/.* = \([0-9]*\)\/s.*/\1/p' "$work/crier-email.out")
curl_w_rate=$(echo "$COUNT / $curl_w_s" | bc -l)
curl_e_rate=$(echo "$COUNT / $curl_e_s" | bc -l)
echo
printf '%-8s %-10s %12s %14s %12s\n' load tool "messages/s" "peak memory" "vs curl"
printf '%-8s %-10s %12.0f %11.1f MiB %12s\n' webhook curl "$curl_w_rate" "$(echo "$curl_w_kib/1024" | bc -l)" "100 %"
printf '%-8s %-10s %12.0f %11.1f MiB %10.0f %%\n' webhook crier "$crier_w_rate" "$(echo "$crier_w_kib/1024" | bc -l)" "$(echo "100*$crier_w_rate/$curl_w_rate" | bc -l)"
printf '%-8s %-10s %12.0f %11.1f MiB %12s\n' email curl "$curl_e_rate" "$(echo "$curl_e_kib/1024" | bc -l)" "100 %"
printf '%-8s %-10s %12.0f %11.1f MiB %10.0f %%\n' email crier "$crier_e_rate" "$(echo "$crier_e_kib/1024" | bc -l)" "$(echo "100*$crier_e_rate/$curl_e_rate" | bc -l)"
echo "targets: webhooks >= 70 % of curl, emails >= 50 % of curl, peak memory < 100 MiB"
