#!/usr/bin/env bash
# The benchmark smoke that CI runs (.ci/run): a generated country of 100,000 buildings,
# analysed by cirkel and by the Python peer. Fails when
#   - their results disagree per SPEC (benchmarks/peer/compare.py), or
#   - any cirkel stage takes more than 3 times its committed baseline
#     (benchmarks/baseline-100k.json; stages under 0.05 s are held to 0.15 s, since a few
#     milliseconds of noise would otherwise fail them).
# Usage: benchmarks/smoke.sh            (RUNS=3 by default; medians)
#        benchmarks/smoke.sh --baseline (writes the baseline from this machine's run)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${CIRKEL_SMOKE_DATA:-/tmp/cirkel-smoke-100k}
[[ -f $data/buildings.geojson ]] || python3 benchmarks/generate/make-country.py --buildings 100000 --out "$data" > /dev/null
result=$(mktemp)
trap 'rm -f "$result"' EXIT
CIRKEL_BENCH_JSON=$result benchmarks/compare-with-peer.sh "$data" "${RUNS:-3}"
if [[ ${1:-} == --baseline ]]; then
  python3 - "$result" > benchmarks/baseline-100k.json <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print(json.dumps({r["stage"]: round(r["cirkel"], 3) for r in rows}, indent=1))
PY
  echo "wrote benchmarks/baseline-100k.json"
  exit 0
fi
python3 - "$result" benchmarks/baseline-100k.json <<'PY'
import json, sys
rows, baseline = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
slow = []
for r in rows:
    allowed = 3 * max(baseline.get(r["stage"], float("inf")), 0.05)
    if r["cirkel"] > allowed:
        slow.append(f"{r['stage']}: {r['cirkel']:.3f} s, more than 3 × its baseline {baseline[r['stage']]:.3f} s")
for line in slow:
    print("too slow:", line)
print("stage times within 3 × the baseline" if not slow else f"{len(slow)} stage(s) too slow")
sys.exit(1 if slow else 0)
PY
