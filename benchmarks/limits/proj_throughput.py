"""PROJ's cost per point for RD New -> WGS84, the transformation every GeoJSON output needs.

Calls the system's libproj (the library cirkel links) through ctypes on 1,000,000 random
points in the Netherlands, once through proj_create_crs_to_crs (what cirkel uses) and once
through the single pipeline PROJ picks there, and prints seconds per million points.

Usage: benchmarks/peer/.venv/bin/python benchmarks/limits/proj_throughput.py
"""
import ctypes
import time

import numpy as np

proj = ctypes.CDLL("libproj.so.25")
proj.proj_context_create.restype = ctypes.c_void_p
proj.proj_create_crs_to_crs.restype = ctypes.c_void_p
proj.proj_create_crs_to_crs.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p]
proj.proj_normalize_for_visualization.restype = ctypes.c_void_p
proj.proj_normalize_for_visualization.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
proj.proj_create.restype = ctypes.c_void_p
proj.proj_create.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
proj.proj_trans_generic.argtypes = [ctypes.c_void_p, ctypes.c_int] + [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t] * 4
proj.proj_trans_generic.restype = ctypes.c_size_t
proj.proj_trans_get_last_used_operation.restype = ctypes.c_void_p
proj.proj_trans_get_last_used_operation.argtypes = [ctypes.c_void_p]
proj.proj_as_proj_string.restype = ctypes.c_char_p
proj.proj_as_proj_string.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]

N = 1_000_000
rng = np.random.default_rng(1)
xs, ys = rng.uniform(20_000, 260_000, N), rng.uniform(320_000, 600_000, N)


def seconds(transformation):
    x, y = xs.copy(), ys.copy()
    start = time.perf_counter()
    done = proj.proj_trans_generic(transformation, 1, x.ctypes.data, 8, N, y.ctypes.data, 8, N, None, 0, 0, None, 0, 0)
    assert done == N
    return time.perf_counter() - start


context = proj.proj_context_create()
chosen = proj.proj_normalize_for_visualization(context, proj.proj_create_crs_to_crs(context, b"EPSG:28992", b"EPSG:4326", None))
print(f"crs_to_crs EPSG:28992 -> EPSG:4326: {min(seconds(chosen) for _ in range(3)):.3f} s per million points")
pipeline = proj.proj_as_proj_string(context, proj.proj_trans_get_last_used_operation(chosen), 0, None)
print(f"its pipeline alone:                 {min(seconds(proj.proj_create(context, pipeline)) for _ in range(3)):.3f} s per million points")
print(pipeline.decode())
