#!/usr/bin/env bash
# Latency of `cirkel check` against a prepared index (issue 3's targets):
#   1. one location, whole process (load the index + answer);
#   2. per location in a batch of 10,000 (batch time minus the one-location time);
#   3. a what-if with one new voorziening, whole process.
# Each figure is the median of RUNS runs, all measured in this one invocation.
#
# Usage: benchmarks/check-latency.sh DATA_DIR [RUNS]
#        benchmarks/check-latency.sh --generate BUILDINGS [RUNS]   (a country from benchmarks/generate)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${2:-5}
if [[ ${1:-} == --generate ]]; then
  data=/tmp/cirkel-country-$2
  runs=${3:-5}
  [[ -f $data/buildings.geojson ]] || python3 benchmarks/generate/make-country.py --buildings "$2" --out "$data"
else
  data=${1:?usage: benchmarks/check-latency.sh DATA_DIR [RUNS]}
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Built as it would be deployed: with the Swift runtime linked in statically, which saves
# the dynamic loader about 8 ms of every run (a separate build folder, so the ordinary
# release build is not rebuilt).
swift build -c release --product cirkel --static-swift-stdlib --scratch-path .build/static 2>&1 | tail -1
cirkel=.build/static/release/cirkel

seconds() { # seconds taken by the command, to the millisecond
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  printf '%.3f\n' "$(echo "scale=3; ($end - $start) / 1000000000" | bc)"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "data: $data ($(grep -c '"Feature"' "$data/buildings.geojson") buildings)"
start=$(date +%s%N)
$cirkel index "$data" -o "$work/index" | tail -1
echo "index built in $(echo "scale=1; ($(date +%s%N) - $start) / 1000000000" | bc) s, $(( $(stat -c %s "$work/index") / 1048576 )) MiB"

# Locations: the middle of the buildings' bounding box for single checks, 10,000 spread over
# the box for the batch (seeded), and a plan with one huisarts in the middle; in the data's CRS.
read -r crs mx my < <(python3 - "$data/buildings.geojson" "$work" <<'PY'
import json, random, re, sys
path, work = sys.argv[1], sys.argv[2]
number = r"(-?[0-9.eE+-]+)"
first = re.compile(r'"coordinates":\[+' + number + "," + number)
rd, lo, hi = False, [float("inf")] * 2, [-float("inf")] * 2
with open(path) as f:
    for line in f:
        if '"crs"' in line and "28992" in line:
            rd = True
        m = first.search(line)
        if m:
            x, y = float(m.group(1)), float(m.group(2))
            lo = [min(lo[0], x), min(lo[1], y)]; hi = [max(hi[0], x), max(hi[1], y)]
mx, my = (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2
columns = "x,y" if rd else "lon,lat"
r = random.Random(7)
with open(work + "/batch.csv", "w") as out:
    out.write("name," + columns + "\n")
    for i in range(10000):
        out.write("p%d,%.7f,%.7f\n" % (i, r.uniform(lo[0], hi[0]), r.uniform(lo[1], hi[1])))
crs = ',"crs":{"type":"name","properties":{"name":"EPSG:28992"}}' if rd else ""
with open(work + "/plan.geojson", "w") as out:
    out.write('{"type":"FeatureCollection"%s,"features":[{"type":"Feature","properties":{"type":"huisarts","name":"gepland"},"geometry":{"type":"Point","coordinates":[%.7f,%.7f]}}]}\n' % (crs, mx, my))
print("rd" if rd else "wgs84", "%.7f" % mx, "%.7f" % my)
PY
)
if [[ $crs == rd ]]; then where=(--rd "$mx,$my"); else where=("$mx,$my"); fi

one=$(for _ in $(seq "$runs"); do seconds $cirkel check "${where[@]}" --index "$work/index"; done | median)
batch=$(for _ in $(seq "$runs"); do seconds $cirkel check --locations "$work/batch.csv" --index "$work/index"; done | median)
whatif=$(for _ in $(seq "$runs"); do seconds $cirkel check "${where[@]}" --index "$work/index" --plan "$work/plan.geojson"; done | median)
per=$(printf '%.0f' "$(echo "scale=3; ($batch - $one) * 1000000 / 10000" | bc)")
echo
echo "| measure (median of $runs) | seconds |"
echo "|---|---|"
echo "| check, one location, whole process | $one |"
echo "| check, batch of 10,000 locations, whole process | $batch |"
echo "| per location in the batch (batch − one) | $per µs |"
echo "| check with a what-if of one new voorziening, whole process | $whatif |"
