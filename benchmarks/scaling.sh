#!/usr/bin/env bash
# How cirkel's time and memory grow with the number of buildings: `cirkel analyse` on
# generated countries of several sizes (default 100k, 1M and 8M buildings), RUNS runs each.
# Prints per size the median wall seconds per stage and in total, the median peak memory
# (maximum resident set, from /usr/bin/time), and per step the growth of the total against
# that of n log n.
#
# Usage: benchmarks/scaling.sh [--no-vlekkenkaart] [SIZE ...]     (RUNS=3 by default)
# Data: /tmp/cirkel-country-SIZE, generated with benchmarks/generate/make-country.py when
# missing (8M takes about a minute and 1.2 GB). Writes the table as JSON to
# $CIRKEL_BENCH_JSON when that is set.
set -euo pipefail
cd "$(dirname "$0")/.."
flag=""
if [[ ${1:-} == --no-vlekkenkaart ]]; then flag=--no-vlekkenkaart; shift; fi
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100000 1000000 8000000)
runs=${RUNS:-3}
command -v /usr/bin/time > /dev/null || { echo "scaling.sh needs /usr/bin/time (Debian package time)" >&2; exit 2; }
swift build -c release --product cirkel 2>&1 | tail -1 >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for n in "${sizes[@]}"; do
  data=${CIRKEL_SCALING_DATA:-/tmp}/cirkel-country-$n
  [[ -f $data/buildings.geojson ]] || python3 benchmarks/generate/make-country.py --buildings "$n" --out "$data" > /dev/null
  for run in $(seq "$runs"); do
    /usr/bin/time -f "peak_kb %M" -o "$work/time-$n-$run.txt" \
      .build/release/cirkel analyse "$data" --out "$work/out" $flag > "$work/cirkel-$n-$run.txt"
    rm -rf "$work/out"
  done
done

python3 - "$work" "$runs" "${sizes[@]}" <<'PY'
import json, math, os, re, statistics, sys
work, runs, sizes = sys.argv[1], int(sys.argv[2]), [int(s) for s in sys.argv[3:]]
def stages(n, run):
    text = open(f"{work}/cirkel-{n}-{run}.txt").read()
    line = re.search(r"seconds\s+(.*); total", text).group(1)
    return {k: float(v) for k, v in (part.split() for part in line.split(", "))}
def peak(n, run):
    return int(re.search(r"peak_kb (\d+)", open(f"{work}/time-{n}-{run}.txt").read()).group(1)) / 1024 / 1024
rows = []
for n in sizes:
    runs_ = [stages(n, r) for r in range(1, runs + 1)]
    names = list(runs_[0])
    row = {"buildings": n, **{s: statistics.median(t[s] for t in runs_) for s in names}}
    row["total"] = statistics.median(sum(t.values()) for t in runs_)
    row["peak_gib"] = statistics.median(peak(n, r) for r in range(1, runs + 1))
    rows.append(row)
names = [k for k in rows[0] if k not in ("buildings", "total", "peak_gib")]
print(f"| buildings (median of {runs}) | " + " | ".join(names) + " | total s | peak GiB | total grew | n log n grew |")
print("|" + "---|" * (len(names) + 5))
for k, r in enumerate(rows):
    grew = nlogn = "–"
    if k > 0:
        p = rows[k - 1]
        grew = f"{r['total'] / p['total']:.1f}×"
        nlogn = f"{(r['buildings'] * math.log(r['buildings'])) / (p['buildings'] * math.log(p['buildings'])):.1f}×"
    print(f"| {r['buildings']:,} | " + " | ".join(f"{r[s]:.2f}" for s in names)
          + f" | {r['total']:.2f} | {r['peak_gib']:.2f} | {grew} | {nlogn} |")
if os.environ.get("CIRKEL_BENCH_JSON"):
    json.dump(rows, open(os.environ["CIRKEL_BENCH_JSON"], "w"), indent=1)
PY
