#!/usr/bin/env bash
# Installs what Crier needs to build and to run its tests and demo, only when missing:
# Debian packages (libcurl, SQLite, time zones, Python, Chromium for the page tests, curl for the
# HTTP tests), and a Python virtual environment in .venv-test with the real test servers
# (aiosmtpd, standardwebhooks, feedparser).
# Sourcing it exports CRIER_PYTHON, the interpreter the tests start their servers with.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
for pkg in libcurl4-openssl-dev libsqlite3-dev tzdata python3 python3-venv pkg-config libxml2-utils chromium iproute2 curl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: a Swift 6.1+ toolchain is needed on PATH (https://www.swift.org/install/linux/)" >&2
  exit 1
fi

venv=".venv-test"
if ! "$venv/bin/python" -c 'import aiosmtpd, standardwebhooks, feedparser' >/dev/null 2>&1; then
  echo "setup: preparing Python test servers in $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check aiosmtpd standardwebhooks feedparser
fi
CRIER_PYTHON="$(pwd)/$venv/bin/python"
export CRIER_PYTHON
