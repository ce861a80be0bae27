#!/usr/bin/env bash
# Issue 10's load test: the release `accord serve` and 50 coders each coding
# and syncing against it for 60 s; prints sync latency p50/p99 and checks that
# nothing was lost or duplicated and every replica's state_digest is equal.
#   scripts/load-test.sh                 # 50 coders, 60 s
#   scripts/load-test.sh --coders 10 --seconds 10
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
# SwiftPM keeps its build plan while no manifest changes, and would miss a
# source file added to the main package since the last build here.
rm -f .build/*/release/description.json
swift build -c release --product accord-bench
swift build -c release --product accord
exec .build/release/accord-bench load "$@"
