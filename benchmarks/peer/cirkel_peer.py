#!/usr/bin/env python3
"""The Python peer: SPEC.md implemented independently of cirkel, the way a skilled analyst
would write it with GeoPandas, Shapely 2, pyproj and SciPy.

    cirkel_peer.py DATA_DIR OUT_DIR [--profile profile.json]

It reads the same GeoJSON folder (SPEC §1), computes reach, scores, clusters, the
vlekkenkaart and the coverage statistics (SPEC §3–§6), and writes
  buildings.csv   id, x, y, units, buurt, d_<criterion>…, score, complete, qualifying, cluster
  coverage.csv    per buurt and totaal, the columns of SPEC §6 / §7
  vlekken.csv     one row per signature: the levels, score, complete, area_m2, buildings, units
  clusters.geojson  the cluster outlines (WGS84), with their units
  timings.json    seconds per stage (parse, project, locate, reach, clusters, vlekkenkaart,
                  coverage, write)
The profile is cirkel's profile.json format; without --profile, the built-in woonzorgcirkel.
`compare.py` then checks cirkel's output against these files.
"""
import argparse
import json
import os
import sys
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

WOONZORGCIRKEL = {
    "name": "woonzorgcirkel",
    "cluster": {"link": 25, "min_units": 5},
    "criteria": [
        {"name": "ontmoeting", "types": ["ontmoetingsruimte", "zorgcentrum"], "radius": 500, "weight": 1, "required": True},
        {"name": "zorg", "types": ["huisarts", "zorgcentrum"], "radius": 500, "weight": 1, "required": True},
        {"name": "ov", "types": ["ov_halte"], "radius": 500, "ideal": 250, "weight": 1, "required": True},
        {"name": "apotheek", "types": ["apotheek"], "radius": 500, "weight": 1, "required": False},
        {"name": "supermarkt", "types": ["supermarkt"], "radius": 500, "weight": 1, "required": False},
    ],
}
IDEAL, REACHED, NONE = 2, 1, 0
LEVEL_NAMES = {IDEAL: "ideal", REACHED: "reached", NONE: "none"}
DISC_QUAD_SEGMENTS = 16  # 64 segments per disc (SPEC §5: at least 64)


class Stages:
    """Wall-clock seconds per stage."""

    def __init__(self):
        self.seconds = {}

    def run(self, name, fn):
        start = time.perf_counter()
        result = fn()
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
        return result


def read(folder):
    """The four layers as GeoDataFrames in their declared CRS (GDAL reads the old `crs` member)."""
    layers = {}
    for name in ["buildings", "voorzieningen", "ov_haltes", "buurten"]:
        path = os.path.join(folder, name + ".geojson")
        if os.path.exists(path):
            layers[name] = gpd.read_file(path, engine="pyogrio")
    return layers


def project(layers):
    """Everything to RD New (EPSG:28992), longitude-latitude order on input."""
    return {name: (gdf if gdf.crs is not None and gdf.crs.to_epsg() == 28992 else gdf.to_crs(28992)) for name, gdf in layers.items()}


def locate(gdf):
    """A feature's location: its point, or for a polygon its point on surface (GEOS)."""
    geoms = gdf.geometry.values
    points = np.where(shapely.get_type_id(geoms) == 0, geoms, shapely.point_on_surface(geoms))
    return shapely.get_x(points), shapely.get_y(points)


def buildings_table(gdf, x, y):
    """id (default: the feature's index), location, units (default 1) and whether nultreden
    allows qualifying (only an explicit false excludes)."""
    n = len(gdf)
    ids = pd.Series(np.arange(n).astype(str), index=gdf.index)
    if "id" in gdf.columns:
        ids = gdf["id"].astype(object).where(gdf["id"].notna(), ids).astype(str)
    units = gdf["units"].fillna(1).astype(np.int64).values if "units" in gdf.columns else np.ones(n, dtype=np.int64)
    allowed = ~gdf["nultreden"].eq(False).values if "nultreden" in gdf.columns else np.ones(n, dtype=bool)
    return pd.DataFrame({"id": ids.values, "x": x, "y": y, "units": units, "nultreden_allowed": allowed})


def voorzieningen_table(layers):
    parts = []
    if "voorzieningen" in layers:
        v = layers["voorzieningen"]
        x, y = locate(v)
        parts.append(pd.DataFrame({"type": v["type"].astype(str).str.strip().str.lower().values, "x": x, "y": y}))
    if "ov_haltes" in layers:
        h = layers["ov_haltes"]
        x, y = locate(h)
        parts.append(pd.DataFrame({"type": "ov_halte", "x": x, "y": y}))
    return pd.concat(parts, ignore_index=True)


def reach(profile, b, v):
    """d_c per building and criterion, levels, score, complete, qualifying."""
    points = np.column_stack([b["x"].values, b["y"].values])
    levels, score, complete = {}, np.zeros(len(b)), np.ones(len(b), dtype=bool)
    for c in profile["criteria"]:
        members = v[v["type"].isin([t.strip().lower() for t in c["types"]])]
        if len(members) == 0:
            d = np.full(len(b), np.inf)
        else:
            d, _ = cKDTree(members[["x", "y"]].values).query(points, k=1)
        b["d_" + c["name"]] = d
        ideal = c.get("ideal", c["radius"])
        level = np.where(d <= ideal, IDEAL, np.where(d <= c["radius"], REACHED, NONE))
        levels[c["name"]] = level
        score += np.where(level == IDEAL, c["weight"], np.where(level == REACHED, c["weight"] / 2, 0))
        if c["required"]:
            complete &= level != NONE
    b["score"] = score
    b["complete"] = complete
    b["qualifying"] = complete & (b["units"].values >= 1) & b["nultreden_allowed"].values
    return levels


def clusters(profile, b):
    """Connected components of qualifying buildings linked within `link`; clusters numbered by
    units descending, ties by the smallest member location (x, then y)."""
    link, min_units = profile["cluster"]["link"], profile["cluster"]["min_units"]
    q = np.flatnonzero(b["qualifying"].values)
    cluster = np.zeros(len(b), dtype=np.int64)
    if len(q) == 0:
        b["cluster"] = cluster
        return gpd.GeoDataFrame({"units": []}, geometry=[], crs=28992)
    xy = b[["x", "y"]].values[q]
    pairs = cKDTree(xy).query_pairs(link, output_type="ndarray")
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(q), len(q)))
    count, component = connected_components(graph, directed=False)
    units = np.bincount(component, weights=b["units"].values[q], minlength=count)
    # The smallest member location of every component: sort by (component, x, y), take firsts.
    order = np.lexsort((xy[:, 1], xy[:, 0], component))
    first = order[np.r_[True, component[order][1:] != component[order][:-1]]]
    smallest = np.empty((count, 2))
    smallest[component[first]] = xy[first]
    kept = np.flatnonzero(units >= min_units)
    ranked = kept[np.lexsort((smallest[kept, 1], smallest[kept, 0], -units[kept]))]
    number = np.zeros(count, dtype=np.int64)
    number[ranked] = np.arange(1, len(ranked) + 1)
    cluster[q] = number[component]
    b["cluster"] = cluster
    # Outlines (SPEC §4): the union of discs of radius link/2 around each cluster's members.
    members = np.flatnonzero(cluster > 0)
    discs = gpd.GeoDataFrame({"cluster": cluster[members], "units": b["units"].values[members]},
                             geometry=shapely.buffer(shapely.points(b["x"].values[members], b["y"].values[members]),
                                                     link / 2, quad_segs=DISC_QUAD_SEGMENTS), crs=28992)
    return discs.dissolve(by="cluster", aggfunc={"units": "sum"})


def vlekkenkaart(profile, v):
    """The partition of the union of all reach areas into patches of equal signature: for each
    criterion its ideal area (discs of the ideal radius) and reach area (discs of the radius),
    refined criterion by criterion. Returns [(levels tuple, geometry)]."""
    regions = None
    for c in profile["criteria"]:
        members = v[v["type"].isin([t.strip().lower() for t in c["types"]])]
        centres = shapely.points(members["x"].values, members["y"].values)
        reach_area = shapely.union_all(shapely.buffer(centres, c["radius"], quad_segs=DISC_QUAD_SEGMENTS)) if len(members) else shapely.Polygon()
        ideal_radius = c.get("ideal")
        ideal_area = (shapely.union_all(shapely.buffer(centres, ideal_radius, quad_segs=DISC_QUAD_SEGMENTS)) if len(members) else shapely.Polygon()) \
            if ideal_radius is not None else reach_area
        reached_only = shapely.difference(reach_area, ideal_area)
        if regions is None:
            regions = [((IDEAL,), ideal_area), ((REACHED,), reached_only)]
            outside = reach_area
        else:
            refined = []
            for levels, geometry in regions:
                refined.append((levels + (IDEAL,), shapely.intersection(geometry, ideal_area)))
                refined.append((levels + (REACHED,), shapely.intersection(geometry, reached_only)))
                refined.append((levels + (NONE,), shapely.difference(geometry, reach_area)))
            # The part of this criterion's reach outside every earlier reach area.
            fresh = shapely.difference(reach_area, outside)
            nones = (NONE,) * (len(regions[0][0]))
            refined.append((nones + (IDEAL,), shapely.intersection(fresh, ideal_area)))
            refined.append((nones + (REACHED,), shapely.intersection(fresh, reached_only)))
            outside = shapely.union(outside, reach_area)
            regions = refined
        regions = [(levels, geometry) for levels, geometry in regions if not geometry.is_empty and geometry.area > 0]
    return regions or []


def weighted_medians(group, d, w, groups):
    """Per group: the smallest d such that the units with d_c ≤ d make up at least half of its
    units with a finite d_c (None where there are none). Vectorised: sort by (group, d), then
    the first position in each group where its running sum reaches half its total."""
    keep = np.isfinite(d) & (w > 0)
    group, d, w = group[keep], d[keep], w[keep]
    order = np.lexsort((d, group))
    group, d, w = group[order], d[order], w[order]
    starts = np.r_[True, group[1:] != group[:-1]] if len(group) else np.zeros(0, dtype=bool)
    rank = np.cumsum(starts) - 1
    running = np.cumsum(w)
    within = running - (running - w)[starts][rank]
    totals = np.bincount(rank, weights=w)
    reached = np.flatnonzero(within >= totals[rank] / 2.0)
    first = reached[np.r_[True, rank[reached][1:] != rank[reached][:-1]]] if len(reached) else reached
    result = dict(zip(group[first].tolist(), d[first].tolist()))
    return [result.get(g) for g in groups]


def area_rows(profile, b, group, groups):
    """The statistics of SPEC §6 for each of `groups` (buildings with `group` equal to it), by
    pandas group sums, not a loop over areas."""
    units = b["units"].values
    columns = {"group": group, "units": units, "complete": units * b["complete"].values,
               "qualifying": units * b["qualifying"].values, "in_clusters": units * (b["cluster"].values > 0)}
    for c in profile["criteria"]:
        d = b["d_" + c["name"]].values
        finite = np.isfinite(d) & (units > 0)
        columns["reached_" + c["name"]] = units * (d <= c["radius"])
        columns["finite_" + c["name"]] = units * finite
        columns["weighted_" + c["name"]] = np.where(finite, units * np.where(finite, d, 0), 0)
    frame = pd.DataFrame(columns)
    sums = frame.groupby("group").sum().reindex(groups, fill_value=0)
    buildings = frame.groupby("group").size().reindex(groups, fill_value=0)
    clustered = frame.assign(cluster=b["cluster"].values)[b["cluster"].values > 0]
    clusters = clustered.groupby("group")["cluster"].nunique().reindex(groups, fill_value=0)
    table = pd.DataFrame({"buildings": buildings.values, "units": sums["units"].values}, index=groups)
    for c in profile["criteria"]:
        table["units_" + c["name"]] = sums["reached_" + c["name"]].values
    for c in profile["criteria"]:
        n = c["name"]
        finite_units = sums["finite_" + n].values
        table["mean_d_" + n] = [w / f if f > 0 else None for w, f in zip(sums["weighted_" + n].values, finite_units)]
        table["median_d_" + n] = weighted_medians(group, b["d_" + n].values, units, groups)
    table["units_complete"] = sums["complete"].values
    table["units_qualifying"] = sums["qualifying"].values
    table["units_in_clusters"] = sums["in_clusters"].values
    table["clusters"] = clusters.values
    return table


def coverage(profile, b, buurten, regions):
    """Per buurt and totaal (SPEC §6)."""
    complete_geometry = shapely.union_all([g for levels, g in regions if is_complete(profile, levels)]) if regions else shapely.Polygon()
    b["buurt_index"] = -1
    b["buurt"] = ""
    if buurten is not None:
        points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(b["x"], b["y"]), crs=28992)
        hits = gpd.sjoin(points, buurten[["geometry"]].reset_index(names="buurt_index"), predicate="covered_by", how="inner")
        first = hits.groupby(level=0)["buurt_index"].min()
        b.loc[first.index, "buurt_index"] = first.values
        codes = (buurten["code"] if "code" in buurten.columns else buurten["buurtcode"]).values
        names = (buurten["name"] if "name" in buurten.columns else buurten["buurtnaam"]).values
        b["buurt"] = np.where(b["buurt_index"].values >= 0, codes[np.maximum(b["buurt_index"].values, 0)], "")
    totaal = area_rows(profile, b, np.zeros(len(b), dtype=np.int64), [0])
    totaal.insert(0, "name", "totaal")
    totaal.insert(0, "area", "totaal")
    if buurten is None:
        totaal["area_m2"] = None
        totaal["complete_area_m2"] = float(complete_geometry.area)
        return totaal.reset_index(drop=True)
    per_buurt = area_rows(profile, b, b["buurt_index"].values, list(range(len(buurten))))
    per_buurt.insert(0, "name", names)
    per_buurt.insert(0, "area", codes)
    areas = buurten.geometry.area.values
    per_buurt["area_m2"] = areas
    per_buurt["complete_area_m2"] = shapely.area(shapely.intersection(buurten.geometry.values, complete_geometry))
    totaal["area_m2"] = areas.sum()
    totaal["complete_area_m2"] = shapely.area(shapely.intersection(shapely.union_all(buurten.geometry.values), complete_geometry))
    return pd.concat([per_buurt, totaal], ignore_index=True)


def is_complete(profile, levels):
    return all(level != NONE for c, level in zip(profile["criteria"], levels) if c["required"])


def vlekken_table(profile, b, levels, regions):
    """One row per signature: its area, and the buildings and units whose own signature it is."""
    names = [c["name"] for c in profile["criteria"]]
    # A signature as one number (its levels as base-3 digits), so buildings group in NumPy.
    code = sum(levels[n].astype(np.int64) * 3 ** k for k, n in enumerate(names))
    counts = pd.DataFrame({"code": code, "units": b["units"].values}).groupby("code").agg(buildings=("units", "size"), units=("units", "sum"))
    rows = []
    for sig, geometry in regions:
        r = {n: LEVEL_NAMES[l] for n, l in zip(names, sig)}
        r["score"] = sum(c["weight"] if l == IDEAL else c["weight"] / 2 if l == REACHED else 0 for c, l in zip(profile["criteria"], sig))
        r["complete"] = is_complete(profile, sig)
        r["area_m2"] = geometry.area
        sig_code = sum(l * 3 ** k for k, l in enumerate(sig))
        r["buildings"] = int(counts.at[sig_code, "buildings"]) if sig_code in counts.index else 0
        r["units"] = int(counts.at[sig_code, "units"]) if sig_code in counts.index else 0
        rows.append(r)
    return pd.DataFrame(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data")
    parser.add_argument("out")
    parser.add_argument("--profile")
    parser.add_argument("--no-vlekkenkaart", action="store_true")
    args = parser.parse_args()
    profile = json.load(open(args.profile)) if args.profile else WOONZORGCIRKEL
    stages = Stages()
    layers = stages.run("parse", lambda: read(args.data))
    layers = stages.run("project", lambda: project(layers))
    b, v = stages.run("locate", lambda: (buildings_table(layers["buildings"], *locate(layers["buildings"])), voorzieningen_table(layers)))
    levels = stages.run("reach", lambda: reach(profile, b, v))
    outlines = stages.run("clusters", lambda: clusters(profile, b))
    regions = [] if args.no_vlekkenkaart else stages.run("vlekkenkaart", lambda: vlekkenkaart(profile, v))
    buurten = layers.get("buurten")
    table = stages.run("coverage", lambda: coverage(profile, b, buurten, regions))

    def write():
        os.makedirs(args.out, exist_ok=True)
        columns = ["id", "x", "y", "units", "buurt"] + ["d_" + c["name"] for c in profile["criteria"]] + ["score", "complete", "qualifying", "cluster"]
        out = b[columns].copy()
        for c in profile["criteria"]:
            out["d_" + c["name"]] = out["d_" + c["name"]].replace(np.inf, np.nan)
        out.to_csv(os.path.join(args.out, "buildings.csv"), index=False, float_format="%.2f")
        table.to_csv(os.path.join(args.out, "coverage.csv"), index=False, float_format="%.2f")
        outlines.to_crs(4326).to_file(os.path.join(args.out, "clusters.geojson"), driver="GeoJSON", engine="pyogrio")
        if not args.no_vlekkenkaart:
            vlekken_table(profile, b, levels, regions).to_csv(os.path.join(args.out, "vlekken.csv"), index=False, float_format="%.2f")
    stages.run("write", write)
    with open(os.path.join(args.out, "timings.json"), "w") as f:
        json.dump(stages.seconds, f, indent=1)
    print(" ".join("%s %.3f" % kv for kv in stages.seconds.items()), "total %.3f" % sum(stages.seconds.values()))


if __name__ == "__main__":
    sys.exit(main())
