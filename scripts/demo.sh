#!/usr/bin/env bash
# Crier's main job, end to end, on embedded defaults and nothing but this machine:
#   - real local receivers on 127.0.0.1: an SMTP server (aiosmtpd) keeping every email as an .eml
#     file, and a webhook receiver that checks every Standard Webhooks signature with the
#     independent `standardwebhooks` package;
#   - a fresh database in demo/, the shipped templates and schedules, and a few thousand
#     generated residents across the four NPAs (reserved example domains only);
#   - an urgent courier-fraud alert for East NPA: proposed, approved by a second operator, sent,
#     then cancelled;
#   - a fortnight of the shipped schedules fast-forwarded slot by slot (weekly NPA bulletins,
#     campaigns), really delivered to the local receivers;
#   - the published CAP files, Atom feeds and area pages;
#   - a report per area and channel. Exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RESIDENTS="${RESIDENTS:-2000}"
started=$(date +%s)

source scripts/setup.sh

echo "demo: building crier"
swift build --product crier 2>&1 | grep -E "error|warning:" || true
crier="$(swift build --show-bin-path)/crier"
[ -x "$crier" ] || { echo "demo: the build failed" >&2; exit 1; }

demo="$(pwd)/demo"
rm -rf "$demo"
mkdir -p "$demo/mail" "$demo/webhooks" "$demo/var"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

"$CRIER_PYTHON" Tests/servers/smtp_recorder.py --port-file "$demo/smtp.port" --record "$demo/mail.jsonl" \
  --eml-dir "$demo/mail" 2> "$demo/smtp.log" &
pids+=($!)
secret() { "$CRIER_PYTHON" -c 'import base64, os; print("whsec_" + base64.b64encode(os.urandom(24)).decode())'; }
CRIER_SECRET_NLINK="$(secret)"
CRIER_SECRET_CHAT="$(secret)"
export CRIER_SECRET_NLINK CRIER_SECRET_CHAT
"$CRIER_PYTHON" Tests/servers/webhook_receiver.py --port-file "$demo/webhook.port" --record "$demo/webhooks.jsonl" \
  --secret "$CRIER_SECRET_NLINK" --secret "$CRIER_SECRET_CHAT" --body-dir "$demo/webhooks" 2> "$demo/webhook.log" &
pids+=($!)
for _ in $(seq 1 200); do [ -s "$demo/smtp.port" ] && [ -s "$demo/webhook.port" ] && break; sleep 0.1; done
SMTP_PORT="$(cat "$demo/smtp.port")"
HOOK_PORT="$(cat "$demo/webhook.port")"

cat > "$demo/crier.yml" <<YML
# Written by scripts/demo.sh: every destination is a receiver on this machine.
timezone: Europe/London
database: var/crier.sqlite
templates: ../templates
schedules: ../schedules
sender: { name: Safer Leicester Partnership, email: alerts@example.org, cap_sender: alerts@example.org }
areas:
  - { id: west, name: West NPA }
  - { id: central, name: Central NPA }
  - { id: south, name: South NPA }
  - { id: east, name: East NPA, polygon: "52.640,-1.110 52.650,-1.080 52.630,-1.060 52.620,-1.100 52.640,-1.110" }
email:
  relay: smtp://127.0.0.1:$SMTP_PORT
  tls: none
  from: "Safer Leicester Partnership <alerts@example.org>"
  max_connections: 4
  rate_per_second: 2000
  unsubscribe_url: "https://example.org/unsubscribe/{token}"
endpoints:
  - { id: neighbourhood-link, kind: webhook, url: "http://127.0.0.1:$HOOK_PORT/ok/neighbourhood-link",
      areas: [city], topics: [all], format: json, secret_env: CRIER_SECRET_NLINK }
  - { id: partner-chat, kind: webhook, url: "http://127.0.0.1:$HOOK_PORT/ok/partner-chat",
      areas: [city], topics: [scams, cyber-crime, hate-crime], format: json, secret_env: CRIER_SECRET_CHAT }
  - { id: cap-aggregator, kind: webhook, url: "http://127.0.0.1:$HOOK_PORT/ok/cap-aggregator",
      areas: [city], topics: [all], format: cap, secret_env: CRIER_SECRET_NLINK }
  - { id: city-centre-ops, kind: email, address: ccog@example.org, areas: [central], topics: [all] }
retry: { schedule: [2s, 10s, 30s] }
network: { allow_private: true }   # the receivers are on loopback
approvals: { actual: true }
publish: { dir: public }
YML
export CRIER_CONFIG="$demo/crier.yml"

"$CRIER_PYTHON" - "$demo/residents.csv" "$RESIDENTS" <<'PY'
import random, sys
random.seed(7)
first = ["Amira", "Ben", "Chen", "Dev", "Ewa", "Farah", "Grace", "Harj", "Imran", "Jo", "Kasia", "Leon",
         "Maya", "Nia", "Oskar", "Priya", "Ravi", "Sam", "Tomasz", "Uma", "Vik", "Wendy", "Yusuf", "Zofia"]
last = ["Ahmed", "Brown", "Chauhan", "Davies", "Evans", "Kowalski", "Mistry", "Nowak", "Patel", "Smith"]
areas = ["west", "central", "south", "east"]
topics = ["all", "all", "scams;cyber-crime", "scams", "hate-crime;knife-crime;night-time-economy", "domestic-abuse;exploitation"]
locales = ["en"] * 6 + ["pl", "gu"]
domains = ["example.org", "example.com", "example.net"]
with open(sys.argv[1], "w") as out:
    out.write("email,name,area,topics,locale\n")
    for i in range(int(sys.argv[2])):
        name = f"{random.choice(first)} {random.choice(last)}"
        out.write(f"resident{i}@{domains[i % 3]},{name},{areas[i % 4]},{random.choice(topics)},{random.choice(locales)}\n")
PY

echo "demo: checking templates and schedules"
"$crier" templates check
"$crier" schedules check
"$crier" subscribers import "$demo/residents.csv"

echo
echo "demo: 16:40, courier fraudsters are phoning elderly residents in East NPA"
alert_id="$("$crier" alert courier-fraud --area east --var "pretend_to_be=police officers or bank staff" \
  --var "recent_reports=Three residents in East NPA were called this afternoon." --yes --operator alice --format json \
  | "$CRIER_PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["outcome"]["id"])')"
echo "demo: alert $alert_id proposed by alice; bob approves it"
if "$crier" approve "$alert_id" --yes --operator alice >/dev/null 2>&1; then
  echo "demo: self-approval was accepted, but the two-person rule should refuse it" >&2; exit 1
fi
"$crier" approve "$alert_id" --yes --operator bob | tail -n 1
"$crier" run --until-idle --idle-grace 5 --log-level warning
echo "demo: the calls were in South NPA after all: alice cancels the East alert"
"$crier" cancel "$alert_id" --operator alice --reason "Issued for the wrong area: the calls were reported in South NPA"
"$crier" run --until-idle --idle-grace 5 --log-level warning
"$crier" alerts show "$alert_id" | head -n 12

echo
until="$("$CRIER_PYTHON" -c 'import datetime; print((datetime.date.today() + datetime.timedelta(days=14)).isoformat())')"
echo "demo: a fortnight of the shipped schedules, fast-forwarded to $until and really delivered"
"$crier" run --simulate-until "$until" --simulate-deliver --log-level warning | tail -n 25
"$crier" run --until-idle --idle-grace 5 --log-level warning

echo
"$crier" publish --out "$demo/public" | head -n 3
"$crier" status | head -n 12

echo
finished=$(date +%s)
"$CRIER_PYTHON" scripts/demo_report.py "$demo" "$alert_id" "$((finished - started))"
