#!/usr/bin/env python3
"""Checks cirkel's output against the Python peer's, per SPEC (two correct implementations
agree to the metre; vlek areas within 1 %).

    compare.py CIRKEL_OUT PEER_OUT [--vlekkenkaart]

Buildings: the same ids in the same order; x, y within 1 m (the two may use PROJ versions
that pick different Helmert parameter sets; distances are unaffected); every d_c within 5 cm;
score, complete, qualifying and cluster equal. A building with some d_c within 5 cm of a
radius or ideal radius may be a tie the two break differently: where its level-dependent
values differ it is counted and reported, and not compared (with none, the comparison is exact).
Coverage: every count equal, means and medians within 5 cm (only where no tie building lies
in the area), area_m2 within 0.01 %, complete_area_m2 within 1 % or 1 m². Vlekken (with
--vlekkenkaart): the same signatures above 10 m², areas within 1 % or 1 m², buildings and
units equal. Prints what differs; exit status 1 when anything does.
"""
import argparse
import json
import math
import sys

import pandas as pd

DISTANCE_TOLERANCE = 0.05


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cirkel")
    parser.add_argument("peer")
    parser.add_argument("--vlekkenkaart", action="store_true")
    args = parser.parse_args()
    problems = []
    profile = json.load(open(args.cirkel + "/profile.json"))
    criteria = profile["criteria"]

    a = pd.read_csv(args.cirkel + "/buildings.csv", dtype={"id": str, "buurt": str}, keep_default_na=False, na_values={"d_" + c["name"]: [""] for c in criteria})
    b = pd.read_csv(args.peer + "/buildings.csv", dtype={"id": str, "buurt": str}, keep_default_na=False, na_values={"d_" + c["name"]: [""] for c in criteria})
    if list(a["id"]) != list(b["id"]):
        problems.append("buildings: the ids differ")
        return report(problems)
    near = pd.Series(False, index=a.index)
    for c in criteria:
        da, db = a["d_" + c["name"]], b["d_" + c["name"]]
        both_missing = da.isna() & db.isna()
        off = ~both_missing & ((da - db).abs() > DISTANCE_TOLERANCE) | (da.isna() != db.isna())
        if off.any():
            k = off.idxmax()
            problems.append(f"d_{c['name']}: {off.sum()} buildings differ by more than {DISTANCE_TOLERANCE} m, e.g. {a['id'][k]}: {da[k]} vs {db[k]}")
        for threshold in {c["radius"], c.get("ideal", c["radius"])}:
            near |= (da - threshold).abs() <= DISTANCE_TOLERANCE
    moved = ((a["x"] - b["x"]).abs() > 1.0) | ((a["y"] - b["y"]).abs() > 1.0)
    if moved.any():
        problems.append(f"x, y: {moved.sum()} buildings more than 1 m apart")
    # A building near a threshold whose level-dependent values differ is a tie the two broke
    # differently; everywhere else they must agree exactly.
    differs = {}
    for column in ["units", "buurt", "score", "complete", "qualifying", "cluster"]:
        va, vb = a[column].astype(str).str.lower(), b[column].astype(str).str.lower()
        if column == "score":
            va, vb = a[column].astype(float), b[column].astype(float)
        differs[column] = va != vb
    tie = near & (differs["score"] | differs["complete"] | differs["qualifying"] | differs["cluster"])
    for column, off in differs.items():
        off = off & ~tie
        if off.any():
            k = off.idxmax()
            problems.append(f"{column}: {off.sum()} buildings differ, e.g. {a['id'][k]}: {a[column][k]} vs {b[column][k]}")
    ties = int(tie.sum())

    ca = pd.read_csv(args.cirkel + "/coverage.csv", dtype={"area": str}, keep_default_na=False)
    cb = pd.read_csv(args.peer + "/coverage.csv", dtype={"area": str}, keep_default_na=False)
    if list(ca["area"]) != list(cb["area"]):
        problems.append("coverage: the areas (rows) differ")
    else:
        tie_areas = set(a["buurt"][tie]) | ({"totaal"} if ties else set())
        counts = ["buildings", "units"] + ["units_" + c["name"] for c in criteria] + ["units_complete", "units_qualifying", "units_in_clusters", "clusters"]
        for column in counts:
            off = ca[column].astype(int) != cb[column].astype(int)
            off &= ~ca["area"].isin(tie_areas) if column != "buildings" and column != "units" else True
            for k in off[off].index[:3]:
                problems.append(f"coverage {ca['area'][k]} {column}: {ca[column][k]} vs {cb[column][k]}")
        for c in criteria:
            for column in ["mean_d_" + c["name"], "median_d_" + c["name"]]:
                for k in ca.index:
                    x, y = number(ca[column][k]), number(cb[column][k])
                    if (x is None) != (y is None) or (x is not None and abs(x - y) > DISTANCE_TOLERANCE and ca["area"][k] not in tie_areas):
                        problems.append(f"coverage {ca['area'][k]} {column}: {x} vs {y}")
        for k in ca.index:
            x, y = number(ca["area_m2"][k]), number(cb["area_m2"][k])
            if (x is None) != (y is None) or (x is not None and abs(x - y) > 1e-4 * max(abs(x), 1)):
                problems.append(f"coverage {ca['area'][k]} area_m2: {x} vs {y}")
            if args.vlekkenkaart:
                x, y = number(ca["complete_area_m2"][k]), number(cb["complete_area_m2"][k])
                if (x is None) != (y is None) or (x is not None and abs(x - y) > max(1.0, 0.01 * abs(x))):
                    problems.append(f"coverage {ca['area'][k]} complete_area_m2: {x} vs {y}")

    if args.vlekkenkaart:
        features = json.load(open(args.cirkel + "/vlekkenkaart.geojson"))["features"]
        names = [c["name"] for c in criteria]
        va = {tuple(f["properties"][n] for n in names): f["properties"] for f in features}
        vb = {tuple(r[n] for n in names): r for _, r in pd.read_csv(args.peer + "/vlekken.csv").iterrows()}
        for sig in sorted(set(va) | set(vb)):
            pa, pb = va.get(sig), vb.get(sig)
            area_a, area_b = (pa or {}).get("area_m2", 0.0), (pb["area_m2"] if pb is not None else 0.0)
            if max(area_a, area_b) <= 10:
                continue
            if abs(area_a - area_b) > max(1.0, 0.01 * max(area_a, area_b)):
                problems.append(f"vlek {'/'.join(sig)}: area {area_a:.1f} vs {area_b:.1f} m²")
            for column in ["buildings", "units"]:
                x, y = int((pa or {}).get(column, 0)), int(pb[column] if pb is not None else 0)
                if x != y and not ties:
                    problems.append(f"vlek {'/'.join(sig)}: {column} {x} vs {y}")
    return report(problems, ties, len(a))


def number(text):
    if text == "" or text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    return float(text)


def report(problems, ties=0, buildings=0):
    for p in problems[:40]:
        print("differs:", p)
    if len(problems) > 40:
        print(f"… and {len(problems) - 40} more")
    if not problems:
        print(f"cirkel and the peer agree on {buildings} buildings" + (f" (except {ties} within 5 cm of a radius, where they break the tie differently)" if ties else ", exactly (no tie at a radius broken differently)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
