#!/usr/bin/env bash
# cirkel and the Python peer (benchmarks/peer) on the same data, in one run: wall seconds per
# stage (medians of RUNS runs each, the two alternating), the ratio peer / cirkel per stage and
# in total, and whether their results agree per SPEC (benchmarks/peer/compare.py).
#
# Usage: benchmarks/compare-with-peer.sh DATA_DIR [RUNS] [--no-vlekkenkaart]
# Writes the table to stdout and, as JSON, to $CIRKEL_BENCH_JSON when that is set. Exit status
# 1 when the results disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: benchmarks/compare-with-peer.sh DATA_DIR [RUNS] [--no-vlekkenkaart]}
runs=${2:-3}
flag=${3:-}
python=$(benchmarks/peer/setup.sh)
swift build -c release --product cirkel 2>&1 | tail -1 >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for run in $(seq "$runs"); do
  .build/release/cirkel analyse "$data" --out "$work/cirkel" $flag > "$work/cirkel-$run.txt"
  "$python" benchmarks/peer/cirkel_peer.py "$data" "$work/peer" $flag > /dev/null
  cp "$work/peer/timings.json" "$work/peer-$run.json"
done

"$python" - "$work" "$runs" <<'PY'
import json, os, re, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
stages = ["parse", "project", "locate", "reach", "clusters", "vlekkenkaart", "coverage", "write"]
def cirkel(run):
    text = open(f"{work}/cirkel-{run}.txt").read()
    line = re.search(r"seconds\s+(.*); total", text).group(1)
    return {k: float(v) for k, v in (part.split() for part in line.split(", "))}
c = [cirkel(r) for r in range(1, runs + 1)]
p = [json.load(open(f"{work}/peer-{r}.json")) for r in range(1, runs + 1)]
rows = []
for stage in stages + ["total"]:
    cs = [sum(t.values()) if stage == "total" else t.get(stage) for t in c]
    ps = [sum(t.values()) if stage == "total" else t.get(stage) for t in p]
    if None in cs or None in ps:
        continue
    mc, mp = statistics.median(cs), statistics.median(ps)
    rows.append({"stage": stage, "cirkel": mc, "peer": mp, "ratio": mp / mc if mc > 0 else None})
print(f"| stage (median of {runs}) | cirkel s | peer s | peer / cirkel |")
print("|---|---|---|---|")
for r in rows:
    ratio = f"{r['ratio']:.1f}" if r["ratio"] is not None else "–"
    print(f"| {r['stage']} | {r['cirkel']:.3f} | {r['peer']:.3f} | {ratio} |")
if os.environ.get("CIRKEL_BENCH_JSON"):
    json.dump(rows, open(os.environ["CIRKEL_BENCH_JSON"], "w"), indent=1)
PY
compare=(--vlekkenkaart)
[[ $flag == --no-vlekkenkaart ]] && compare=()
"$python" benchmarks/peer/compare.py "$work/cirkel" "$work/peer" "${compare[@]}"
