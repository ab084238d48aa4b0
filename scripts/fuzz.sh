#!/usr/bin/env bash
# Builds cirkel's fuzz targets (Fuzz/, one libFuzzer executable per reader) and runs each for
# SECONDS (default 60), one after the other, on its seed corpus (Fuzz/corpus/TARGET, read
# only) plus a working corpus outside the repository that grows from run to run.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      # all targets when none are named
#   scripts/fuzz.sh 20                                      # CI smoke: 20 s per target
#   scripts/fuzz.sh 1800 FuzzGeoJSON                        # a long run of one target
#
# Prints per target the executions run and what it found, writes the same to
# $CIRKEL_FUZZ_DIR/logs/summary.txt, and exits 1 when any target left a crash, timeout,
# out-of-memory or leak artefact (in $CIRKEL_FUZZ_DIR/artifacts/TARGET/; reproduce one
# with `BINARY ARTEFACT`), 2 when the build fails.
#
# Environment: CIRKEL_FUZZ_DIR (default /tmp/cirkel-fuzz: corpus/, artifacts/, logs/),
# CIRKEL_FUZZ_LOGS (default $CIRKEL_FUZZ_DIR/logs), CIRKEL_FUZZ_BUILD (the scratch path,
# default /tmp/fuzz-build), CIRKEL_FUZZ_NICE (default 10), CIRKEL_FUZZ_SCRATCH (where the
# targets that read files write each input, default /dev/shm), CIRKEL_FUZZ_KEEP_GOING=1 (for
# long runs: libFuzzer's fork mode, which goes on after a crash and collects every one;
# without it a target stops at its first finding).
set -uo pipefail

# All in one function, read whole before it runs: editing this file during a long run is safe.
main() {
    ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    SECONDS_PER_TARGET="${1:-60}"
    shift $(( $# > 0 ? 1 : 0 ))
    ALL=(FuzzGeoJSON FuzzGeoJSONSplit FuzzWKB FuzzGeoPackage FuzzCSV FuzzGTFS FuzzProfile FuzzManifest FuzzArchive FuzzIndex)
    TARGETS=("$@")
    [ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")

    WORK="${CIRKEL_FUZZ_DIR:-/tmp/cirkel-fuzz}"
    LOGS="${CIRKEL_FUZZ_LOGS:-$WORK/logs}"
    BUILD="${CIRKEL_FUZZ_BUILD:-/tmp/fuzz-build}"
    NICE="${CIRKEL_FUZZ_NICE:-10}"

    case "$SECONDS_PER_TARGET" in
        ''|*[!0-9]*) echo "fuzz.sh: SECONDS_PER_TARGET must be a whole number, not '$SECONDS_PER_TARGET'" >&2; exit 2 ;;
    esac
    for t in "${TARGETS[@]}"; do
        [[ " ${ALL[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target $t (known: ${ALL[*]})" >&2; exit 2; }
    done

    # Release with the debug assertion configuration: optimised, but the standard library's
    # bounds checks of unsafe buffers stay on (a read past a mapped file's end traps); ASan
    # catches the rest. -enable-testing lets the targets reach internal entry points.
    # The Swift driver keeps only the last -sanitize= it is given, and SwiftPM passes
    # --sanitize=fuzzer and --sanitize=address as two (fuzzer first): without the -Xswiftc
    # one, Swift code would get no coverage instrumentation at all (C and C++ code would).
    BUILD_FLAGS=(--package-path "$ROOT/Fuzz" --scratch-path "$BUILD" -c release --sanitize=fuzzer --sanitize=address
                 -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -assert-config -Xswiftc Debug)
    mkdir -p "$LOGS"
    echo "fuzz.sh: building the fuzz targets in $BUILD"
    if ! nice -n "$NICE" swift build "${BUILD_FLAGS[@]}" > "$LOGS/build.log" 2>&1; then
        cat "$LOGS/build.log" >&2
        echo "fuzz.sh: the build failed" >&2
        exit 2
    fi
    BIN="$(swift build "${BUILD_FLAGS[@]}" --show-bin-path)"

    # libFuzzer checks for leaks after every input whose mallocs and frees do not balance. These
    # targets never balance: TOMLKit leaks on every TOML text (upstream, suppressed in
    # Fuzz/lsan.supp) and the split target's worker threads keep per-thread caches, so the check
    # would scan the heap after every input (30 times slower). Their leaks are checked at exit.
    # TOMLKit's leaks also add up, about 1 KB per input: one process would pass the RSS limit
    # after some two million inputs, so those targets run in fork mode (libFuzzer restarts the
    # fuzzing process after each job of at most a few minutes).
    leak_options() {
        case "$1" in
            FuzzProfile|FuzzManifest) echo "-detect_leaks=0 -fork=1" ;;
            FuzzGeoJSONSplit) echo "-detect_leaks=0" ;;
        esac
    }

    dictionary() {
        case "$1" in
            FuzzGeoJSON|FuzzGeoJSONSplit) echo "$ROOT/Fuzz/dictionaries/json.dict" ;;
            FuzzCSV|FuzzGTFS) echo "$ROOT/Fuzz/dictionaries/csv.dict" ;;
            FuzzProfile|FuzzManifest) echo "$ROOT/Fuzz/dictionaries/toml.dict" ;;
        esac
    }

    SUMMARY="$LOGS/summary.txt"
    printf '%-18s %8s %14s %8s  %s\n' target seconds executions findings artefacts > "$SUMMARY"
    # The targets that read files write each input to one in a scratch folder: in memory if possible.
    if [ -z "${CIRKEL_FUZZ_SCRATCH:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export CIRKEL_FUZZ_SCRATCH=/dev/shm; fi
    export SWIFT_BACKTRACE=enable=no   # libFuzzer's own handler reports a trap and saves the input
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
    export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/Fuzz/lsan.supp:print_suppressions=0}"
    failed=0
    for t in "${TARGETS[@]}"; do
        corpus="$WORK/corpus/$t" artifacts="$WORK/artifacts/$t" log="$LOGS/$t.log"
        mkdir -p "$corpus" "$artifacts"
        before=$(ls "$artifacts" | grep -cE '^(crash|timeout|oom|leak)-' || true)
        options=(-max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
                 -artifact_prefix="$artifacts/")
        dict="$(dictionary "$t")"
        [ -n "$dict" ] && options+=(-dict="$dict")
        options+=($(leak_options "$t"))
        if [ "${CIRKEL_FUZZ_KEEP_GOING:-0}" = 1 ]; then
            [[ " ${options[*]} " == *" -fork=1 "* ]] || options+=(-fork=1)
            options+=(-ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
        fi
        start=$(date +%s)
        (cd "$WORK" && nice -n "$NICE" "$BIN/$t" "${options[@]}" "$corpus" "$ROOT/Fuzz/corpus/$t") > "$log" 2>&1
        status=$?
        elapsed=$(( $(date +%s) - start ))
        runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
        [ -z "$runs" ] && runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
        after=$(ls "$artifacts" | grep -cE '^(crash|timeout|oom|leak)-' || true)
        found=$(( after - before ))
        names=$(ls -t "$artifacts" | grep -E '^(crash|timeout|oom|leak)-' | head -n "$found" | tr '\n' ' ')
        if [ "$found" -gt 0 ] || { [ "$status" -ne 0 ] && [ -z "$runs" ]; }; then
            failed=1
            [ "$found" -eq 0 ] && names="(exit status $status, see $log)"
        fi
        printf '%-18s %8s %14s %8s  %s\n' "$t" "$elapsed" "${runs:-?}" "$found" "$names" | tee -a "$SUMMARY"
        if [ "$found" -gt 0 ]; then
            grep -m1 -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|ERROR: LeakSanitizer|Fatal error|fuzz finding' "$log" | sed 's/^/    /'
        fi
    done
    if [ "$failed" -ne 0 ]; then
        echo "fuzz.sh: findings (artefacts under $WORK/artifacts, logs in $LOGS); reproduce with $BIN/TARGET ARTEFACT" | tee -a "$SUMMARY"
        exit 1
    fi
    echo "fuzz.sh: no findings (summary: $SUMMARY)"
}

main "$@"
