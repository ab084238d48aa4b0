"""GEOS's cost for the union of discs that a cluster outline is (SPEC section 4), and the
alternatives tried: Shapely 2 (the same GEOS algorithms as cirkel's GEOS 3.11) on 2,000
random clusters of 3 to 60 members linked within 25 m, discs of 12.5 m with 64 segments.

Usage: benchmarks/peer/.venv/bin/python benchmarks/limits/geos_union.py
"""
import time

import numpy as np
import shapely

rng = np.random.default_rng(3)
clusters = []
for k in range(2000):
    points = [(0.0, 0.0)]
    for _ in range(int(rng.integers(3, 60)) - 1):
        x, y = points[int(rng.integers(0, len(points)))]
        angle, distance = rng.uniform(0, 2 * np.pi), rng.uniform(5, 25)
        points.append((x + distance * np.cos(angle), y + distance * np.sin(angle)))
    clusters.append(np.array(points) + [100_000 + k * 1000, 400_000])
discs = [shapely.buffer(shapely.points(c), 12.5, quad_segs=16) for c in clusters]
members = sum(len(c) for c in clusters)


def timed(name, union):
    start = time.perf_counter()
    results = [union(c, d) for c, d in zip(clusters, discs)]
    seconds = time.perf_counter() - start
    print(f"{name:40s} {seconds:6.2f} s, {seconds / members * 1e6:5.1f} µs per disc")
    return results


reference = timed("unary union of the discs (cirkel)", lambda c, d: shapely.union_all(d))
timed("unary union on a 1 mm grid", lambda c, d: shapely.union_all(d, grid_size=0.001))
timed("buffer of the MultiPoint", lambda c, d: shapely.buffer(shapely.multipoints(c), 12.5, quad_segs=16))
timed("buffer(0) of the MultiPolygon", lambda c, d: shapely.buffer(shapely.multipolygons(d), 0))
print(f"{members} discs in {len(clusters)} clusters; outline vertices: {int(shapely.get_num_coordinates(reference).sum())}")
