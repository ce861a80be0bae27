#!/usr/bin/env bash
# Installs what building and testing accord needs on a fresh Debian machine
# with Swift: the SQLite, libcurl and zlib development packages, openssl (the
# TLS tests make their certificates with it), headless Chromium (the HTML
# report is rendered in a real browser in a test, which fails without it),
# and the Python modules the schema checks use. Does nothing when they are
# already there.
set -euo pipefail
missing=()
for pkg in libsqlite3-dev libcurl4-openssl-dev zlib1g-dev openssl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  missing+=(chromium fonts-liberation)
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
if ! python3 -c 'import jsonschema, cryptography' >/dev/null 2>&1; then
  # Debian's own packages first (its Python refuses a plain `pip install`,
  # PEP 668); pip as a fallback. The schema checks and the independent audit
  # verifier are skipped (and say so) when neither works.
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-jsonschema python3-cryptography; } \
    || python3 -m pip install --quiet jsonschema cryptography \
    || echo "note: could not install jsonschema/cryptography; the schema checks will be skipped" >&2
fi
