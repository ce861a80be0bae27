#!/usr/bin/env bash
# Installs what building and testing accord needs on a fresh Debian machine
# with Swift: the SQLite and libcurl development packages, openssl (the TLS
# tests make their certificates with it), and the Python
# modules the schema checks use. Does nothing when they are already there.
set -euo pipefail
missing=()
for pkg in libsqlite3-dev libcurl4-openssl-dev openssl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
if ! python3 -c 'import jsonschema, cryptography' >/dev/null 2>&1; then
  # The schema checks are skipped (and say so) when these cannot be installed.
  python3 -m pip install --quiet jsonschema cryptography || echo "note: could not install jsonschema/cryptography; the schema checks will be skipped" >&2
fi
