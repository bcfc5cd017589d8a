#!/usr/bin/env bash
# Residents-import memory benchmark: `crier subscribers import` on generated files of 10,000,
# 100,000 and 1,000,000 rows, and on a file whose one row holds a 50 MB name field (refused).
# Prints rows, file size, seconds and peak memory (GNU time's maximum resident set size) of each:
# the import streams the file, so peak memory should stay flat as the file grows.
# ROWS="10000 100000" overrides the sizes; CONFIGURATION=debug uses the debug build (faster to build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-10000 100000 1000000}"
CONFIGURATION="${CONFIGURATION:-release}"
source scripts/setup.sh
[ -x /usr/bin/time ] || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "bench: building ($CONFIGURATION)"
swift build -c "$CONFIGURATION" --product crier 2>&1 | grep -E "error|warning" || true
bin="$(swift build -c "$CONFIGURATION" --show-bin-path)"

generate() {  # generate FILE ROWS
  python3 - "$1" "$2" <<'PY'
import sys
areas = ["west", "central", "south", "east"]
locales = ["en", "en", "en", "pl", "gu"]
topics = ["all", "scams", "scams;cyber-crime", "hate-crime;scams", "all"]
with open(sys.argv[1], "w") as out:
    out.write("email,name,area,topics,locale\n")
    for i in range(int(sys.argv[2])):
        out.write(f"resident{i}@example.org,Resident {i},{areas[i % 4]},{topics[i % 5]},{locales[i % 5]}\n")
PY
}

measure() {  # measure LABEL FILE ROWS
  rm -f "$work"/crier.sqlite*
  printf 'database: %s/crier.sqlite\ntemplates: %s/templates\n' "$work" "$(pwd)" > "$work/crier.yml"
  local start end status=0
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/mem" "$bin/crier" subscribers import --config "$work/crier.yml" "$2" \
    > "$work/out" 2> "$work/err" || status=$?
  end=$(date +%s.%N)
  local size_mb seconds rss_mb
  size_mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$2\") / 1e6:.1f}')")
  seconds=$(python3 -c "print(f'{$end - $start:.2f}')")
  rss_mb=$(python3 -c "print(f'{$(tail -n1 "$work/mem") / 1024:.1f}')")
  printf '%-24s %10s %10s MB %8s s %10s MiB   exit %s\n' "$1" "$3" "$size_mb" "$seconds" "$rss_mb" "$status"
}

printf '%-24s %10s %13s %10s %14s\n' "file" "rows" "size" "time" "peak memory"
for rows in $ROWS; do
  generate "$work/residents.csv" "$rows"
  measure "residents-$rows.csv" "$work/residents.csv" "$rows"
done

python3 - "$work/huge-field.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    out.write("email,name,area,topics,locale\nann@example.org,Ann,east,all,en\nbob@example.org,")
    out.write("b" * (50 * 1000 * 1000))
    out.write(",east,all,en\n")
PY
measure "huge-field.csv (refused)" "$work/huge-field.csv" 2
head -c 300 "$work/err"; echo
