#!/usr/bin/env bash
# Runs every Crier test: unit tests, and integration tests against real SMTP and HTTP servers
# started on 127.0.0.1 (nothing leaves this machine). Installs what it needs first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

echo "test: checking the format (swift format, configured by .swift-format)"
if ! swift format lint --strict --recursive Sources Tests Package.swift; then
  echo "test: the code is not formatted; run: swift format format -i -r Sources Tests Package.swift" >&2
  exit 1
fi

echo "test: building"
swift build --build-tests 2>&1 | tee .build-test.log | grep -E "warning:|error:" || true
if grep -q "error:" .build-test.log; then
  echo "test: build failed" >&2
  exit 1
fi
# One warning is not ours: swift-distributed-tracing (which Hummingbird depends on) ships a file its
# own manifest does not declare, and SwiftPM says so on every build. Every other warning fails.
if grep "warning:" .build-test.log \
  | grep -vqE "^warning: 'swift-distributed-tracing': found [0-9]+ file\(s\) which are unhandled"; then
  echo "test: the build has warnings (the project builds warning-free)" >&2
  exit 1
fi
rm -f .build-test.log

echo "test: running"
# One suite measures how long Swift's cooperative pool is held while a city-wide composition
# runs; other suites running beside it in the same process would hold the pool too, so it runs
# afterwards, alone.
alone="CompositionConcurrencyTests"
swift test --skip-build --skip "$alone"
echo "test: running $alone alone"
swift test --skip-build --filter "$alone"
