#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ once (release, -sanitize=fuzzer,address;
# Linux only) and runs each for SECONDS (default 120), then prints the
# executions and crashes of each target.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#   FUZZ_RUNS=1000000 scripts/fuzz.sh 3600   # stop each target at 1M executions
#   FUZZ_RSS_MB=4096 ...                      # libFuzzer's memory cap (default 2048)
#
# The committed seeds in Fuzz/Corpus/<target>/ are only read; what libFuzzer
# learns goes to Fuzz/.build/corpus/<target>/ and any crashing input to
# Fuzz/.build/crashes/<target>/ (minimise one with
# `Fuzz/.build/release/<target> -minimize_crash=1 -runs=100000 FILE`).
set -euo pipefail

seconds="${1:-120}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/Fuzz"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-event fuzz-sync fuzz-csv fuzz-qdc)

# SwiftPM names a path dependency after its folder: a checkout in a folder
# called `fuzz` would collide with this package (`Fuzz`), so build from a copy.
if [ "$(basename "$root" | tr '[:upper:]' '[:lower:]')" = fuzz ]; then
    echo "the checkout's folder is named '$(basename "$root")', which SwiftPM confuses with Fuzz/; copy or rename it" >&2
    exit 2
fi

cd "$fuzz"
# SwiftPM links an executable with `--defsym main=<module>_main`, which these
# targets (libFuzzer brings main) do not define: compile with SwiftPM, then link
# each target from SwiftPM's own object list without that alias.
release="$fuzz/.build/x86_64-unknown-linux-gnu/release"
# SwiftPM reuses its build plan while no manifest changed, so a source file
# added to the main package since the last build here would be left out
# (the build then fails on a missing symbol, or links the old objects).
# Dropping the plan costs a second; the objects stay.
rm -f "$release/description.json"
for target in "${targets[@]}"; do
    swift build -c release -Xswiftc -sanitize=fuzzer,address --product "$target" >&2 || true
    swiftc -L "$release" -o "$release/$target" -module-name "${target//-/_}" -emit-executable \
        -Xlinker --gc-sections -Xlinker -rpath='$ORIGIN' "@$release/$target.product/Objects.LinkFileList" \
        -g -sanitize=fuzzer,address 2>&1 | grep -v 'Cannot export local symbol' >&2 || true
    [ -x "$release/$target" ] || { echo "$target did not build" >&2; exit 1; }
done

# Longest input each target is given: enough for a large event, header,
# request, CSV file or codebook, short enough to keep mutations fast.
max_len() {
    case "$1" in
        fuzz-event) echo 8192 ;;
        fuzz-sync) echo 2048 ;;
        fuzz-csv) echo 4096 ;;
        fuzz-qdc) echo 16384 ;;
        *) echo 4096 ;;
    esac
}

# FoundationXML keeps the error objects of every malformed document it parsed
# (about 1 KB a run on average; one input alone peaks near 60 MB): over a
# million fuzz-qdc runs that outgrows libFuzzer's 2 GB default. FUZZ_RSS_MB
# raises the cap for such a run.
rss_mb="${FUZZ_RSS_MB:-2048}"

# The Swift runtime allocates metadata caches lazily and never frees them, which
# LeakSanitizer would report as a leak of the first input to reach a new type.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

summary=()
status=0
for target in "${targets[@]}"; do
    work="$fuzz/.build/corpus/$target"
    crashes="$fuzz/.build/crashes/$target"
    log="$fuzz/.build/$target.log"
    mkdir -p "$work" "$crashes"
    echo "== $target: ${seconds}s" >&2
    set +e
    "$release/$target" "$work" "$fuzz/Corpus/$target" \
        -max_total_time="$seconds" -runs="${FUZZ_RUNS:--1}" -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb="$rss_mb" \
        -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1
    rc=$?
    set -e
    execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)"
    found="$(find "$crashes" -type f | wc -l | tr -d ' ')"
    [ "$rc" -eq 0 ] && [ "$found" -eq 0 ] || status=1
    summary+=("$(printf '%-11s %8ss %12s executions %3s crashes (exit %s)' "$target" "$seconds" "${execs:-0}" "$found" "$rc")")
done
printf '%s\n' "${summary[@]}"
exit "$status"
