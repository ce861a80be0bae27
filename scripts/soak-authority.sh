#!/usr/bin/env bash
# Runs the authority property test over many random projects (forks,
# removals, demotions, key rotations, backdated events), each delivered in
# several random causal orders, and on the same projects the time-travel
# property (the past read as a query equals the past replayed, at cuts by
# time and by event); CI runs four. Usage: scripts/soak-authority.sh [SEEDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-200}"
swift build --build-tests
ACCORD_PROPERTY_REPORT=1 ACCORD_PROPERTY_SEEDS="$seeds" swift test --skip-build --filter 'AuthorityPropertyTests|PastStateTests\.thePastQueried'
