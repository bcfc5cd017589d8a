#!/usr/bin/env bash
# Composition benchmark: import 100,000 generated residents with `crier subscribers import`, then
# compose one alert for the whole city into the outbox. Prints subscribers imported per second,
# deliveries composed per second, and the peak memory of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-100000}"
source scripts/setup.sh
dpkg -s time >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# CRIER_BIN_DIR: a folder holding prebuilt `crier` and `crier-bench` (e.g. to compare two versions).
if [ -n "${CRIER_BIN_DIR:-}" ]; then
  bin="$CRIER_BIN_DIR"
else
  echo "bench: building (release)"
  swift build -c release --product crier 2>&1 | grep -E "error|warning" || true
  swift build -c release --product crier-bench 2>&1 | grep -E "error|warning" || true
  bin="$(swift build -c release --show-bin-path)"
fi

cat > "$work/crier.yml" <<YML
database: $work/crier.sqlite
templates: $(pwd)/templates
YML
python3 - "$work/residents.csv" "$COUNT" <<'PY'
import sys
areas = ["west", "central", "south", "east"]
locales = ["en", "en", "en", "pl", "gu"]
topics = ["all", "scams", "scams;cyber-crime", "hate-crime;scams", "all"]
with open(sys.argv[1], "w") as out:
    out.write("email,name,area,topics,locale\n")
    for i in range(int(sys.argv[2])):
        out.write(f"resident{i}@example.org,Resident {i},{areas[i % 4]},{topics[i % 5]},{locales[i % 5]}\n")
PY

start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/import.mem" "$bin/crier" subscribers import --config "$work/crier.yml" "$work/residents.csv" > "$work/import.out"
end=$(date +%s.%N)
cat "$work/import.out"
import_s=$(python3 -c "print($end - $start)")
import_mib=$(python3 -c "print($(tail -n1 "$work/import.mem") / 1024)")

/usr/bin/time -f "%M" -o "$work/compose.mem" "$bin/crier-bench" compose --config "$work/crier.yml" | tee "$work/compose.out"
compose_mib=$(python3 -c "print($(tail -n1 "$work/compose.mem") / 1024)")

echo
printf '%-34s %12s %14s\n' step "per second" "peak memory"
printf '%-34s %12.0f %10.1f MiB\n' "import $COUNT subscribers (CLI)" "$(python3 -c "print($COUNT / $import_s)")" "$import_mib"
printf '%-34s %12s %10.1f MiB\n' "compose one city alert" "$(sed -n 's/.* = \([0-9]*\)\/s.*/\1/p' "$work/compose.out")" "$compose_mib"
echo "targets: import and composition each >= 50,000 per second; peak memory < 150 MiB"
