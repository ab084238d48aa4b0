"""PROJ through ctypes for the project's Python generators (scripts/make-demo-data.py,
benchmarks/generate/make-country.py): EPSG:28992 (RD New) <-> EPSG:4326 in lon, lat order,
with libproj (installed by scripts/setup.sh). No projection formula of our own."""
import ctypes
import ctypes.util
import math


class Proj:
    """EPSG:28992 <-> EPSG:4326 (lon, lat order) with libproj."""

    PJ_FWD, PJ_INV = 1, -1

    def __init__(self):
        path = "libproj.so.25"
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            found = ctypes.util.find_library("proj")
            if not found:
                raise SystemExit("libproj not found (need libproj.so.25)")
            lib = ctypes.CDLL(found)
        vp, dp, sz = ctypes.c_void_p, ctypes.POINTER(ctypes.c_double), ctypes.c_size_t
        lib.proj_context_create.restype = vp
        lib.proj_context_create.argtypes = []
        lib.proj_create_crs_to_crs.restype = vp
        lib.proj_create_crs_to_crs.argtypes = [vp, ctypes.c_char_p, ctypes.c_char_p, vp]
        lib.proj_normalize_for_visualization.restype = vp
        lib.proj_normalize_for_visualization.argtypes = [vp, vp]
        lib.proj_trans_generic.restype = sz
        lib.proj_trans_generic.argtypes = [vp, ctypes.c_int,
                                           dp, sz, sz, dp, sz, sz,
                                           dp, sz, sz, dp, sz, sz]
        lib.proj_destroy.restype = vp
        lib.proj_destroy.argtypes = [vp]
        lib.proj_context_destroy.restype = None
        lib.proj_context_destroy.argtypes = [vp]
        self.lib = lib
        self.ctx = lib.proj_context_create()
        raw = lib.proj_create_crs_to_crs(self.ctx, b"EPSG:28992", b"EPSG:4326", None)
        if not raw:
            raise SystemExit("proj_create_crs_to_crs(EPSG:28992, EPSG:4326) failed")
        self.pj = lib.proj_normalize_for_visualization(self.ctx, raw)
        lib.proj_destroy(raw)
        if not self.pj:
            raise SystemExit("proj_normalize_for_visualization failed")

    def _trans(self, direction, pts):
        n = len(pts)
        if n == 0:
            return []
        xs = (ctypes.c_double * n)(*[p[0] for p in pts])
        ys = (ctypes.c_double * n)(*[p[1] for p in pts])
        d = ctypes.sizeof(ctypes.c_double)
        done = self.lib.proj_trans_generic(self.pj, direction, xs, d, n, ys, d, n,
                                           None, 0, 0, None, 0, 0)
        if done != n:
            raise SystemExit("proj_trans_generic transformed %d of %d points" % (done, n))
        out = list(zip(xs, ys))
        for p in out:
            if not (math.isfinite(p[0]) and math.isfinite(p[1])):
                raise SystemExit("PROJ returned a non-finite coordinate")
        return out

    def to_wgs84(self, pts):
        return self._trans(self.PJ_FWD, pts)

    def to_rd(self, pts):
        return self._trans(self.PJ_INV, pts)

    def close(self):
        if self.pj:
            self.lib.proj_destroy(self.pj)
            self.pj = None
        if self.ctx:
            self.lib.proj_context_destroy(self.ctx)
            self.ctx = None

    def trans(self, xs, ys, direction):
        """Transform array('d') xs, ys in place with one proj_trans_generic call."""
        n = len(xs)
        if n == 0:
            return
        cx = (ctypes.c_double * n).from_buffer(xs)
        cy = (ctypes.c_double * n).from_buffer(ys)
        d = ctypes.sizeof(ctypes.c_double)
        done = self.lib.proj_trans_generic(self.pj, direction, cx, d, n, cy, d, n,
                                           None, 0, 0, None, 0, 0)
        del cx, cy
        if done != n:
            raise SystemExit("proj_trans_generic transformed %d of %d points" % (done, n))
        for v in (min(xs), max(xs), min(ys), max(ys)):
            if not math.isfinite(v):
                raise SystemExit("PROJ returned a non-finite coordinate")

    def arrays_to_wgs84(self, xs, ys):
        """RD → WGS84 on array('d') xs, ys in place, one proj_trans_generic call."""
        self.trans(xs, ys, self.PJ_FWD)

    def arrays_to_rd(self, xs, ys):
        """WGS84 → RD on array('d') xs, ys in place."""
        self.trans(xs, ys, self.PJ_INV)
