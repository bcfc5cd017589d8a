#!/usr/bin/env bash
# Planning benchmark: 1,000 generated schedules (daily, weekly, monthly, campaign windows and
# one-offs, on the shipped templates), `crier plan` over a full year, release build.
# Prints the slot count and the wall time of the best of three runs. Target: under 1 second.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-1000}"
ROOT="$(pwd)"

swift build -c release --product crier >/dev/null
CRIER="$ROOT/.build/release/crier"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/schedules"
cat > "$work/crier.yml" <<YAML
timezone: Europe/London
database: var/crier.sqlite
templates: $ROOT/templates
schedules: schedules
quiet_hours: { start: "21:00", end: "08:00" }
YAML

areas=(west central south east city)
days=(MON TUE WED THU FRI SAT SUN)
for i in $(seq 0 $((COUNT - 1))); do
  area=${areas[$((i % 5))]}
  case $((i % 5)) in
    0) timing="cron: \"0 9 * * ${days[$((i % 7))]}\"" ;;
    1) timing="cron: \"$((i % 60)) $((8 + i % 12)) * * *\"" ;;
    2) timing="cron: \"30 10 $((1 + i % 28)) * *\"" ;;
    3) timing="cron: \"0 12,18 * * *\"
from: 2027-0$((1 + i % 9))-01
until: 2027-0$((1 + i % 9))-21" ;;
    4) timing="at: 2027-$(printf %02d $((1 + i % 12)))-$(printf %02d $((1 + i % 28)))T$(printf %02d $((i % 24))):15" ;;
  esac
  cat > "$work/schedules/bench-$i.yml" <<YAML
template: night-time-safety
areas: [$area]
$timing
vars: { occasion: "benchmark night $i" }
YAML
done

slots=$("$CRIER" plan --config "$work/crier.yml" --from 2027-01-01 --to 2028-01-01 | wc -l)
best=""
for run in 1 2 3; do
  start=$(date +%s.%N)
  "$CRIER" plan --config "$work/crier.yml" --from 2027-01-01 --to 2028-01-01 --format json >/dev/null
  end=$(date +%s.%N)
  elapsed=$(echo "$end - $start" | bc)
  if [ -z "$best" ] || [ "$(echo "$elapsed < $best" | bc)" = 1 ]; then best=$elapsed; fi
done
printf 'plan: %d schedules, %d slots over 2027, best of 3: %.3f s (target < 1 s)\n' "$COUNT" "$slots" "$best"
