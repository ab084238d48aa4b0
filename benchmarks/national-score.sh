#!/usr/bin/env bash
# The analyst's national run (issue 5): `cirkel score` on a generated country of about 8
# million BAG verblijfsobjecten in the formats analysts download (BAG and CBS GeoPackages,
# GTFS, OSM-style CSV), RUNS times; prints the median wall time and peak memory, and the
# same country as RD GeoJSON for the per-feature reading speed of both formats.
#
#   benchmarks/national-score.sh            (data in /tmp/cirkel-national, made if absent)
#   RUNS=1 benchmarks/national-score.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
data=${DATA:-/tmp/cirkel-national}
if [[ ! -f $data/real/manifest.toml ]]; then
  echo "national-score: generating $data (6.2M buildings ≈ 8.0M homes; a few minutes)" >&2
  python3 benchmarks/generate/make-country.py --buildings 6200000 --out "$data/geojson" --crs rd --quiet
  python3 benchmarks/generate/to-real-formats.py "$data/geojson" "$data/real"
fi
swift build -c release --product cirkel >/dev/null
run() { # label, source
  local label=$1 source=$2 times=() peaks=() stages=""
  for ((k = 0; k < runs; k++)); do
    /usr/bin/time -f "%e %M" -o /tmp/national-score.time .build/release/cirkel score "$source" --out /tmp/national-score-out >/tmp/national-score.txt
    read -r seconds kilobytes </tmp/national-score.time
    times+=("$seconds"); peaks+=("$kilobytes")
    stages=$(grep "seconds" /tmp/national-score.txt | sed 's/^ *seconds *//')
  done
  local median peak
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  peak=$(printf '%s\n' "${peaks[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)] / 1048576}')
  echo "$label: median $median s of ${times[*]}; peak $peak GiB; stages (last run): $stages"
}
run "real formats (BAG/CBS GeoPackage, GTFS, CSV)" "$data/real/manifest.toml"
grep -E "read|buildings " /tmp/national-score.txt | head -4
run "same country as RD GeoJSON" "$data/geojson"
