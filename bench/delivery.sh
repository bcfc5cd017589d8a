#!/usr/bin/env bash
# Delivery benchmark: 10,000 webhooks to a local nginx answering 204 and 10,000 personalised
# emails to Postfix's smtp-sink, sent by Crier and by `curl --parallel --parallel-max 50 -K` (the
# practical libcurl ceiling here). Prints messages per second, peak memory, Crier's share of
# curl's rate, and the targets: webhooks >= 70 % of curl, emails >= 50 %, peak memory < 100 MiB.
# It is bench/compare.sh without Apprise; everything listens on 127.0.0.1 and is stopped by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
WEBHOOKS="${WEBHOOKS:-10000}" EMAILS="${EMAILS:-10000}" APPRISE=0 exec bench/compare.sh
