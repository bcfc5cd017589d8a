#!/usr/bin/env bash
# Side-by-side benchmark, one run on one machine: the same load sent by Crier, by Apprise (the
# most used open-source notification sender, through its Python API in bench/apprise_load.py)
# and by `curl --parallel --parallel-max 50 -K` (the libcurl ceiling):
#   10,000 webhook notifications to a local nginx answering 204, and
#    2,000 emails to Postfix's smtp-sink.
# Prints, per load and tool, messages per second, wall time, peak memory and the ratio to Crier,
# then the targets: Crier >= 20x Apprise on webhooks, >= 40x on email, >= 70 % of curl on webhooks.
# Everything listens on 127.0.0.1; each tool run is bounded by RUN_LIMIT seconds; the servers are
# stopped by PID when the script ends. A tool that fails, or a server that did not receive the
# whole load, makes the script exit 1 with a message saying which.
#
# Apprise sends the email load as Crier does, one personalised email per resident (its own
# SMTP session each); a second row, "apprise 1 text", shows Apprise at its fastest with one
# text for everyone over APPRISE_EMAIL_SESSIONS sessions: not the same load, given for scale.
#
# Environment: WEBHOOKS (10000), EMAILS (2000), RUN_LIMIT seconds per tool run (600),
# APPRISE_EMAIL_SESSIONS (16), CRIER_BENCH (a crier-bench binary to use instead of building one).
set -euo pipefail
cd "$(dirname "$0")/.."
WEBHOOKS="${WEBHOOKS:-10000}"
EMAILS="${EMAILS:-2000}"
RUN_LIMIT="${RUN_LIMIT:-600}"
APPRISE_EMAIL_SESSIONS="${APPRISE_EMAIL_SESSIONS:-16}"
APPRISE="${APPRISE:-1}"   # 0: Crier and curl only (bench/delivery.sh)

fail() { echo "compare: FAILED: $*" >&2; exit 1; }

need=()
for pkg in nginx-light postfix time curl bc; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "compare: installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
source scripts/setup.sh
APPRISE_VERSION=none
if [ "$APPRISE" = 1 ]; then
  if ! "$CRIER_PYTHON" -c 'import apprise' >/dev/null 2>&1; then
    echo "compare: installing Apprise into .venv-test"
    "$CRIER_PYTHON" -m pip install -q --disable-pip-version-check apprise || fail "pip could not install apprise"
  fi
  APPRISE_VERSION="$("$CRIER_PYTHON" -c 'import apprise; print(apprise.__version__)')"
fi

source bench/sinks.sh
received() { if [ "$1" = webhook ]; then http_requests; else n=$(smtp_messages); echo "${n:-0}"; fi; }

if [ -n "${CRIER_BENCH:-}" ]; then
  BENCH="$CRIER_BENCH"
else
  echo "compare: building crier-bench (release)"
  swift build -c release --product crier-bench > "$work/build.log" 2>&1 || {
    grep -E "error" "$work/build.log" | head -n 20 >&2; fail "swift build -c release --product crier-bench"; }
  BENCH="$(swift build -c release --show-bin-path)/crier-bench"
fi

"$CRIER_PYTHON" - "$work" "$HTTP_PORT" "$SMTP_PORT" "$WEBHOOKS" "$EMAILS" <<'PY'
import json, sys
work, http_port, smtp_port, webhooks, emails = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
body = json.dumps({"headline": "Courier fraud warning", "areas": ["east"],
                   "advice": "Your bank will never send a courier to collect your card."})
with open(f"{work}/curl-webhook.cfg", "w") as cfg:
    for i in range(webhooks):
        cfg.write(f'url = "http://127.0.0.1:{http_port}/hook/{i}"\n')
        cfg.write(f"data = {json.dumps(body)}\n")
        cfg.write('header = "Content-Type: application/json"\noutput = "/dev/null"\nfail\n')
        if i < webhooks - 1:
            cfg.write("next\n")  # each request its own options; without it data and headers accumulate
with open(f"{work}/curl-email.cfg", "w") as cfg:
    for i in range(emails):
        cfg.write(f'url = "smtp://127.0.0.1:{smtp_port}"\nmail-from = "alerts@example.org"\n')
        cfg.write(f'mail-rcpt = "resident-{i}@example.org"\nupload-file = "{work}/mail.eml"\n')
        if i < emails - 1:
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
courier to collect cards and cash. Your bank and the police will never do this. Hang up, wait
five minutes, and call 101 from another phone.
MAIL

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

# run LOAD TOOL COUNT command...: runs one tool on one load under /usr/bin/time and a time limit,
# fails the script if the tool failed or the server received fewer than COUNT messages, and
# records wall seconds, peak KiB and the messages-per-second figure.
declare -A wall kib rate
run() {
  local load="$1" tool="$2" count="$3"; shift 3
  local key="$load-$tool" before after start end status=0
  echo "compare: $tool, $count ${load}s"
  before=$(received "$load")
  start=$(date +%s.%N)
  # time(1) reports the peak of timeout's reaped child, the tool itself
  /usr/bin/time -f "%M" -o "$work/$key.mem" timeout --kill-after=10 "$RUN_LIMIT" "$@" \
    > "$work/$key.out" 2> "$work/$key.err" || status=$?
  end=$(date +%s.%N)
  [ -s "$work/$key.out" ] && sed 's/^/  /' "$work/$key.out"
  if [ "$status" -ne 0 ]; then
    tail -n 15 "$work/$key.err" | sed 's/^/  /' >&2
    [ "$status" -eq 124 ] && fail "$tool did not finish $count ${load}s within $RUN_LIMIT s"
    fail "$tool exited with status $status on the $load load"
  fi
  sleep 0.3  # let smtp-sink's counter catch up with the last session
  after=$(received "$load")
  [ $((after - before)) -ge "$count" ] ||
    fail "$tool reported success but the $load server received $((after - before)) of $count"
  wall[$key]=$(echo "$end - $start" | bc -l)
  kib[$key]=$(grep -E '^[0-9]+$' "$work/$key.mem" | tail -n 1)
  # Crier and Apprise time their own sending (enqueueing and URL parsing are outside it) and
  # print "= N/s"; curl's figure is the whole process.
  local own
  own=$(sed -n 's/.* = \([0-9][0-9]*\)\/s.*/\1/p' "$work/$key.out" | tail -n 1)
  rate[$key]=${own:-$(echo "$count / ${wall[$key]}" | bc -l)}
}

rm -f "$work"/crier.sqlite*
run webhook curl "$WEBHOOKS" curl --silent --show-error --parallel --parallel-max 50 -K "$work/curl-webhook.cfg"
run webhook crier "$WEBHOOKS" "$BENCH" webhook --config "$work/crier.yml" --count "$WEBHOOKS"
[ "$APPRISE" = 1 ] && run webhook apprise "$WEBHOOKS" "$CRIER_PYTHON" bench/apprise_load.py webhook --port "$HTTP_PORT" \
  --count "$WEBHOOKS" --timeout "$RUN_LIMIT"
rm -f "$work"/crier.sqlite*
run email curl "$EMAILS" curl --silent --show-error --parallel --parallel-max 50 -K "$work/curl-email.cfg"
run email crier "$EMAILS" "$BENCH" email --config "$work/crier.yml" --count "$EMAILS"
if [ "$APPRISE" = 1 ]; then
  run email apprise "$EMAILS" "$CRIER_PYTHON" bench/apprise_load.py email --port "$SMTP_PORT" --count "$EMAILS" \
    --timeout "$RUN_LIMIT"
  run email apprise1 "$EMAILS" "$CRIER_PYTHON" bench/apprise_load.py email --port "$SMTP_PORT" --count "$EMAILS" \
    --shared-text --sessions "$APPRISE_EMAIL_SESSIONS" --timeout "$RUN_LIMIT"
fi

ratio() { echo "${rate[$1-crier]} / ${rate[$1-$2]}" | bc -l; }
echo
echo "Side by side on $(nproc) cores, $(date -u +%Y-%m-%d): $WEBHOOKS webhooks to nginx (204), $EMAILS emails to smtp-sink"
echo "(Apprise $APPRISE_VERSION via async_notify; $(curl --version | head -n 1 | cut -d' ' -f1-2) --parallel --parallel-max 50)"
printf '%-8s %-15s %9s %12s %9s %10s   %s\n' load tool messages "messages/s" "wall s" "peak MiB" "Crier vs tool"
for key in webhook-crier webhook-apprise webhook-curl email-crier email-apprise email-apprise1 email-curl; do
  load=${key%%-*} tool=${key#*-}
  [ -n "${rate[$key]:-}" ] || continue
  count=$WEBHOOKS; [ "$load" = email ] && count=$EMAILS
  case "$tool" in
    crier) label=crier versus="-" ;;
    apprise) label=apprise versus=$(printf 'Crier is %.1fx Apprise' "$(ratio "$load" apprise)") ;;
    apprise1) label="apprise 1 text" versus=$(printf 'Crier is %.1fx (not the same load)' "$(ratio "$load" apprise1)") ;;
    curl) label=curl versus=$(printf 'Crier is %.0f %% of curl' "$(echo "100 * $(ratio "$load" curl)" | bc -l)") ;;
  esac
  printf '%-8s %-15s %9d %12.0f %9.2f %10.1f   %s\n' "$load" "$label" "$count" "${rate[$key]}" "${wall[$key]}" \
    "$(echo "${kib[$key]} / 1024" | bc -l)" "$versus"
done
echo "(messages/s: Crier and Apprise time their own sending, after enqueueing or URL parsing; curl is its whole run."
echo " wall s: the whole process, start-up included.)"
verdict() { if [ "$(echo "$1 >= $2" | bc -l)" -eq 1 ]; then echo met; else echo MISSED; fi; }
if [ "$APPRISE" != 1 ]; then
  w_curl=$(echo "100 * $(ratio webhook curl)" | bc -l); e_curl=$(echo "100 * $(ratio email curl)" | bc -l)
  peak=$(echo "(${kib[webhook-crier]} > ${kib[email-crier]}) * ${kib[webhook-crier]} + (${kib[webhook-crier]} <= ${kib[email-crier]}) * ${kib[email-crier]}" | bc)
  peak_mib=$(echo "$peak / 1024" | bc -l)
  printf 'targets: webhooks >= 70 %% of curl (%.1f %%, %s), emails >= 50 %% of curl (%.1f %%, %s), peak memory < 100 MiB (%.1f MiB, %s)\n' \
    "$w_curl" "$(verdict "$w_curl" 70)" "$e_curl" "$(verdict "$e_curl" 50)" "$peak_mib" "$(verdict "$(echo "100 - $peak_mib" | bc -l)" 0)"
  exit 0
fi
w_apprise=$(ratio webhook apprise); e_apprise=$(ratio email apprise); w_curl=$(echo "100 * $(ratio webhook curl)" | bc -l)
printf 'targets: Crier >= 20x Apprise on webhooks (%.1fx, %s), >= 40x on email (%.1fx, %s), >= 70 %% of curl on webhooks (%.1f %%, %s)\n' \
  "$w_apprise" "$(verdict "$w_apprise" 20)" "$e_apprise" "$(verdict "$e_apprise" 40)" "$w_curl" "$(verdict "$w_curl" 70)"
