#!/usr/bin/env python3
"""Deterministic generator for the cirkel demo data set "Lindendijk".

Lindendijk is a FICTIONAL Dutch town. Nothing in the output describes a real
place, real buildings or real facilities; the names are made up.

Layout (everything is generated in RD New, EPSG:28992, metres, around the town
centre x=155000, y=445000 and only at the end converted to WGS84):

* Buurten: a centrum (radius ~410 m), an inner ring (to ~1.2 km) cut into five
  sectors and an outer ring (to ~2.2 km) cut into six sectors: 12 buurten of the
  fictional gemeente GM9999.  All ring and sector boundaries are generated from
  shared vertex lists, so neighbouring buurten share their edges exactly (no
  gaps, no overlaps).  "Parkwijk" has a hole (the pond of the Lindenpark, no
  buildings in it); "Kolkerveld" is a MultiPolygon: its outer-ring sector plus
  the detached hamlet "De Kolk".
* Roads: four main roads run radially from the Markt (20, 110, 200 and 290
  degrees); the sector cuts at those angles follow them.  A railway passes the
  south-west edge of the centre with station "Station Lindendijk".
* Buildings: shops, offices, a church, old terraced houses and flats in the
  historic centre; flats and houses along the main roads; housing estates
  (rijtjeshuizen in rows of 3-8 at 6-7.2 m centre-to-centre, twee-onder-een-kap,
  a few bungalows, flats of 10-60 units, schools) with their own street grid
  or curved streets in every ring sector; farms and villas in the countryside,
  several of them outside every buurt.  About 10 % of the house features are
  address Points instead of footprints (chosen per row).
* Voorzieningen: huisartsen, apotheken, supermarkten, an ontmoetingsruimte and
  a zorgcentrum (the only Polygon) in the centre, a tail of them in the
  neighbourhoods, plus types that no profile uses (bibliotheek, tandarts,
  fysiotherapie).  By design the estate in "Rietveld" has no huisarts,
  zorgcentrum or apotheek within 500 m and the estate in "Vogelwijk" no
  ontmoetingsruimte or zorgcentrum within 500 m, so the demo shows gaps.
* OV-haltes: three bus lines (two along the main roads through the Markt, one
  town service through the inner ring) with stops every 350-450 m, a few stops
  with two platform points 15 m apart, and the train station.

The coordinates are converted with PROJ (libproj.so.25 through ctypes,
EPSG:28992 -> EPSG:4326, normalised to lon/lat order) and rounded to 7
decimals.  A fixed random seed makes the output byte-identical on every run
(with the same PROJ version and grids).

Run (from the repository root):

    python3 scripts/make-demo-data.py              # writes data/geojson/*.geojson
    python3 scripts/make-demo-data.py --check      # validates the written files
    python3 scripts/make-demo-data.py --seed 7 --out /tmp/demo   # another town

Only the Python standard library and libproj are needed.
"""

import argparse
import ctypes
import ctypes.util
import hashlib
import json
import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rd_projection import Proj  # noqa: E402  (shared with benchmarks/generate)

DEFAULT_SEED = 20250523
CX, CY = 155000.0, 445000.0          # town centre in RD New
NSEG = 144                           # vertices per ring boundary (2.5 degrees)
STEP = 360.0 / NSEG
GEMEENTE = "GM9999"
FILES = ("buildings", "voorzieningen", "ov_haltes", "buurten")

ROAD_ANGLES = (20.0, 110.0, 200.0, 290.0)
ROAD_NAMES = {20.0: "Rijksstraatweg", 110.0: "Molenweg", 200.0: "Dijkweg", 290.0: "Kerkweg"}
STATION_POLAR = (245.0, 480.0)       # the railway is tangent to this circle
RAIL_DIR = 155.0


# --------------------------------------------------------------------------
# Plane geometry helpers (RD metres)
# --------------------------------------------------------------------------

def polar(theta, r):
    t = math.radians(theta)
    return (CX + r * math.cos(t), CY + r * math.sin(t))


def unit(phi):
    t = math.radians(phi)
    return (math.cos(t), math.sin(t))


def ring_radius(k, theta):
    """Radius of ring boundary k (0 centre, 1 inner ring, 2 outer ring)."""
    t = math.radians(theta)
    if k == 0:
        return 410.0 + 25.0 * math.sin(3 * t + 0.7) + 12.0 * math.sin(5 * t + 2.1)
    if k == 1:
        return 1180.0 + 90.0 * math.sin(2 * t + 0.5) + 45.0 * math.sin(5 * t + 1.9)
    return 2230.0 + 140.0 * math.sin(2 * t + 1.3) + 70.0 * math.sin(3 * t + 0.4)


def pip(x, y, ring):
    """Ray casting; ring is an open list of (x, y)."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y):
            if x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
        j = i
    return inside


def signed_area(ring):
    a = 0.0
    for i in range(len(ring)):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % len(ring)]
        a += x1 * y2 - x2 * y1
    return a / 2.0


def seg_point_dist(px, py, x1, y1, x2, y2):
    dx, dy = x2 - x1, y2 - y1
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / ll))
    return math.hypot(px - x1 - t * dx, py - y1 - t * dy)


class Rect:
    """Oriented rectangle: centre, unit direction u (frontage), width w along u, depth d."""
    __slots__ = ("cx", "cy", "ux", "uy", "hw", "hd")

    def __init__(self, cx, cy, ux, uy, w, d):
        self.cx, self.cy, self.ux, self.uy = cx, cy, ux, uy
        self.hw, self.hd = w / 2.0, d / 2.0

    def corners(self, grow=0.0):
        hw, hd = self.hw + grow, self.hd + grow
        ux, uy, nx, ny = self.ux, self.uy, -self.uy, self.ux
        c = self.cx, self.cy
        return [(c[0] - hw * ux - hd * nx, c[1] - hw * uy - hd * ny),
                (c[0] + hw * ux - hd * nx, c[1] + hw * uy - hd * ny),
                (c[0] + hw * ux + hd * nx, c[1] + hw * uy + hd * ny),
                (c[0] - hw * ux + hd * nx, c[1] - hw * uy + hd * ny)]   # CCW

    def radius(self):
        return math.hypot(self.hw, self.hd)


def rects_overlap(a, b, gap):
    dx, dy = b.cx - a.cx, b.cy - a.cy
    for ax, ay in ((a.ux, a.uy), (-a.uy, a.ux), (b.ux, b.uy), (-b.uy, b.ux)):
        ra = a.hw * abs(a.ux * ax + a.uy * ay) + a.hd * abs(-a.uy * ax + a.ux * ay)
        rb = b.hw * abs(b.ux * ax + b.uy * ay) + b.hd * abs(-b.uy * ax + b.ux * ay)
        if abs(dx * ax + dy * ay) >= ra + rb + gap:
            return False
    return True


def seg_rect_dist(rect, x1, y1, x2, y2):
    """Exact distance between a segment and an oriented rectangle (0 if they meet)."""
    ux, uy = rect.ux, rect.uy

    def loc(x, y):
        dx, dy = x - rect.cx, y - rect.cy
        return (dx * ux + dy * uy, -dx * uy + dy * ux)

    (px, py), (qx, qy) = loc(x1, y1), loc(x2, y2)
    hw, hd = rect.hw, rect.hd
    # Liang-Barsky clip of the segment against the box
    t0, t1 = 0.0, 1.0
    dx, dy = qx - px, qy - py
    hit = True
    for p, q in ((-dx, px + hw), (dx, hw - px), (-dy, py + hd), (dy, hd - py)):
        if p == 0:
            if q < 0:
                hit = False
                break
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                hit = False
                break
    if hit:
        return 0.0

    def box_dist(x, y):
        ex = max(abs(x) - hw, 0.0)
        ey = max(abs(y) - hd, 0.0)
        return math.hypot(ex, ey)

    best = min(box_dist(px, py), box_dist(qx, qy))
    for cx, cy in ((-hw, -hd), (hw, -hd), (hw, hd), (-hw, hd)):
        best = min(best, seg_point_dist(cx, cy, px, py, qx, qy))
    return best


# --------------------------------------------------------------------------
# Buurten
# --------------------------------------------------------------------------

INNER = [(8, 26, "Molenwijk"), (26, 44, "Kerkebuurt"), (44, 80, "Parkwijk"),
         (80, 116, "Spoorzicht"), (116, 152, "De Hoven")]
OUTER = [(8, 26, "Hoge Weide"), (26, 44, "Vogelwijk"), (44, 62, "Zonnehoek"),
         (62, 80, "Rietveld"), (80, 116, "Broekland"), (116, 152, "Kolkerveld")]
# estates that by design lack a criterion within 500 m (checked by --check)
GAP_ESTATES = {"Rietveld": (178.0, 1640.0), "Vogelwijk": (88.0, 1560.0)}
POND = (152.0, 760.0, 150.0, 85.0)   # theta, r, semi-axis along the ring, radial semi-axis
HAMLET = (350.0, 2800.0)


class Buurt:
    def __init__(self, code, name, wijk, polys):
        self.code, self.name, self.wijk, self.polys = code, name, wijk, polys
        xs = [p[0] for poly in polys for p in poly[0]]
        ys = [p[1] for poly in polys for p in poly[0]]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))

    def contains(self, x, y):
        b = self.bbox
        if x < b[0] or x > b[2] or y < b[1] or y > b[3]:
            return False
        for poly in self.polys:
            if pip(x, y, poly[0]) and not any(pip(x, y, h) for h in poly[1:]):
                return True
        return False


def make_buurten():
    rings = [[polar(i * STEP, ring_radius(k, i * STEP)) for i in range(NSEG)] for k in range(3)]

    def sector(kin, kout, a, b):
        outer = [rings[kout][i % NSEG] for i in range(a, b + 1)]
        inner = [rings[kin][i % NSEG] for i in range(b, a - 1, -1)]
        return outer + inner            # CCW: outer curve forwards, inner backwards

    buurten = [Buurt("BU99990001", "Centrum", "WK999900", [[list(rings[0])]])]
    for n, (a, b, name) in enumerate(INNER, start=1):
        poly = [sector(0, 1, a, b)]
        if name == "Parkwijk":
            th, r, sa, sr = POND
            c = polar(th, r)
            ut, ur = unit(th + 90.0), unit(th)
            hole = []
            for i in range(24):
                t = 2 * math.pi * i / 24
                # wobble the outline a little so it looks like a pond, not an ellipse
                f = 1.0 + 0.08 * math.sin(3 * t + 0.4)
                a_, b_ = sa * f * math.cos(t), sr * f * math.sin(t)
                hole.append((c[0] + a_ * ut[0] + b_ * ur[0], c[1] + a_ * ut[1] + b_ * ur[1]))
            if signed_area(hole) > 0:
                hole.reverse()          # holes clockwise
            poly.append(hole)
        buurten.append(Buurt("BU999901%02d" % n, name, "WK999901", [poly]))
    for n, (a, b, name) in enumerate(OUTER, start=1):
        polys = [[sector(1, 2, a, b)]]
        if name == "Kolkerveld":
            c = polar(*HAMLET)
            radii = [190, 230, 210, 170, 150, 175, 220, 240, 200]
            ring = []
            for i, rr in enumerate(radii):
                t = HAMLET[0] + 90.0 + 360.0 * i / len(radii)
                e = unit(t)
                ring.append((c[0] + rr * e[0], c[1] + rr * 0.75 * e[1]))
            polys.append([ring])
        buurten.append(Buurt("BU999902%02d" % n, name, "WK999902", polys))
    for b in buurten:
        for poly in b.polys:
            assert signed_area(poly[0]) > 0
            for h in poly[1:]:
                assert signed_area(h) < 0
    # the pond lies well inside Parkwijk, the hamlet well outside the outer ring
    hx, hy = polar(*HAMLET)
    for x, y in buurten[-1].polys[1][0]:
        th = math.degrees(math.atan2(y - CY, x - CX)) % 360
        assert math.hypot(x - CX, y - CY) > ring_radius(2, th) + 150
    return buurten


# --------------------------------------------------------------------------
# The world: buildings, obstacles and corridors
# --------------------------------------------------------------------------

class World:
    CELL = 40.0

    def __init__(self, buurten, rng):
        self.buurten = buurten
        self.rng = rng
        self.grid = {}
        self.buildings = []
        self.corridors = []          # (x1, y1, x2, y2, halfwidth)

    def buurt_at(self, x, y):
        for i, b in enumerate(self.buurten):
            if b.contains(x, y):
                return i
        return -1

    def add_corridor(self, pts, halfwidth):
        for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
            self.corridors.append((x1, y1, x2, y2, halfwidth))

    def _cells(self, rect, extra):
        r = rect.radius() + extra
        i0, i1 = int(math.floor((rect.cx - r) / self.CELL)), int(math.floor((rect.cx + r) / self.CELL))
        j0, j1 = int(math.floor((rect.cy - r) / self.CELL)), int(math.floor((rect.cy + r) / self.CELL))
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                yield (i, j)

    def free(self, rect, pad):
        seen = set()
        for cell in self._cells(rect, 12.0):
            for item in self.grid.get(cell, ()):
                if id(item) in seen:
                    continue
                seen.add(id(item))
                other, opad = item
                if rects_overlap(rect, other, max(pad, opad)):
                    return False
        return True

    def add_obstacle(self, rect, pad):
        item = (rect, pad)
        for cell in self._cells(rect, 0.0):
            self.grid.setdefault(cell, []).append(item)

    def clear_of_corridors(self, rect):
        r = rect.radius()
        for x1, y1, x2, y2, hw in self.corridors:
            m = hw + r
            if rect.cx < min(x1, x2) - m or rect.cx > max(x1, x2) + m:
                continue
            if rect.cy < min(y1, y2) - m or rect.cy > max(y1, y2) + m:
                continue
            if seg_rect_dist(rect, x1, y1, x2, y2) < hw - 1e-6:
                return False
        return True

    def in_one_buurt(self, rect, outside_ok):
        b = self.buurt_at(rect.cx, rect.cy)
        if b < 0 and not outside_ok:
            return False
        for x, y in rect.corners(grow=2.0):
            if self.buurt_at(x, y) != b:
                return False
        return True

    def place(self, rect, kind, units, nultreden=None, point=False, pad=0.15,
              outside_ok=False, obstacle_only=False):
        if not self.clear_of_corridors(rect):
            return None
        if not self.in_one_buurt(rect, outside_ok):
            return None
        if not self.free(rect, pad):
            return None
        self.add_obstacle(rect, pad)
        if obstacle_only:
            return rect
        b = {"kind": kind, "units": units, "nultreden": nultreden, "point": point, "rect": rect}
        self.buildings.append(b)
        return b

    def nearest_building_dist(self, x, y):
        return min((math.hypot(b["rect"].cx - x, b["rect"].cy - y) for b in self.buildings),
                   default=1e9)


# --------------------------------------------------------------------------
# Filling streets with buildings
# --------------------------------------------------------------------------

P_POINT = 0.11          # share of house rows written as address points


def choose(rng, weights):
    total = sum(weights.values())
    x = rng.uniform(0, total)
    acc = 0.0
    for k in sorted(weights):
        acc += weights[k]
        if x <= acc:
            return k
    return sorted(weights)[-1]


def flat_units(rng, length, depth):
    floors = rng.randint(3, 6)
    return max(10, min(60, int(round(length * depth * floors / 85.0))))


def fill_side(world, rng, p0, u, length, side, style, front=7.0, limit=None):
    """Put rows of buildings along one side of a straight street.

    p0: start of the street centreline, u: unit direction, side: +1 left / -1 right.
    limit(x, y) -> bool may reject positions (estate outline)."""
    n = (-u[1] * side, u[0] * side)

    def at(s, off):
        return (p0[0] + s * u[0] + off * n[0], p0[1] + s * u[1] + off * n[1])

    def put(s_mid, w, d, kind, units, nul, point, setback=0.0, pad=0.15):
        x, y = at(s_mid, front + setback + d / 2.0)
        if limit is not None and not limit(x, y):
            return None
        return world.place(Rect(x, y, u[0], u[1], w, d), kind, units, nul, point, pad=pad)

    s = rng.uniform(0.0, 5.0)
    while s < length - 5.0:
        el = choose(rng, style)
        if el == "green":
            s += rng.uniform(15.0, 45.0)
        elif el == "rij":
            sp = rng.uniform(6.0, 7.2)
            d = rng.uniform(8.5, 10.0)
            k = min(rng.randint(3, 8), int((length - s) / sp))
            if k < 2:
                break
            point = rng.random() < P_POINT
            nul = False if rng.random() < 0.5 else None
            for i in range(k):
                put(s + (i + 0.5) * sp, sp - 0.25, d, "house", 1, nul, point)
            s += k * sp + rng.uniform(3.0, 9.0)
        elif el == "2o1k":
            w = rng.uniform(6.6, 7.6)
            d = rng.uniform(9.0, 10.5)
            if s + 2 * w > length:
                break
            point = rng.random() < P_POINT
            nul = False if rng.random() < 0.5 else None
            put(s + 0.5 * w, w - 0.2, d, "house", 1, nul, point, setback=1.5)
            put(s + 1.5 * w, w - 0.2, d, "house", 1, nul, point, setback=1.5)
            s += 2 * w + rng.uniform(4.0, 7.0)
        elif el == "bungalow":
            w = rng.uniform(9.0, 11.0)
            d = rng.uniform(10.0, 12.0)
            if s + w > length:
                break
            put(s + w / 2, w, d, "bungalow", 1, True, False, setback=2.0)
            s += w + rng.uniform(4.0, 7.0)
        elif el == "vrij":
            w = rng.uniform(9.0, 11.0)
            d = rng.uniform(9.0, 11.0)
            if s + w > length:
                break
            point = rng.random() < P_POINT
            nul = False if rng.random() < 0.5 else None
            put(s + w / 2, w, d, "house", 1, nul, point, setback=3.0)
            s += w + rng.uniform(6.0, 12.0)
        elif el == "flat":
            w = rng.uniform(25.0, 55.0)
            d = rng.uniform(12.0, 16.0)
            if s + w > length - 1.0:
                w = length - 1.0 - s
                if w < 20.0:
                    s += 10.0
                    continue
            put(s + w / 2, w, d, "flat", flat_units(rng, w, d), True, False, setback=3.0, pad=3.0)
            s += w + rng.uniform(8.0, 20.0)
        elif el == "shop":
            k = rng.randint(3, 7)
            for _ in range(k):
                w = rng.uniform(7.0, 11.0)
                d = rng.uniform(12.0, 18.0)
                if s + w > length:
                    break
                put(s + w / 2, w - 0.2, d, "shop", 0, None, False)
                s += w
            s += rng.uniform(3.0, 8.0)
        elif el == "office":
            w = rng.uniform(12.0, 20.0)
            d = rng.uniform(10.0, 15.0)
            if s + w > length:
                break
            put(s + w / 2, w, d, "office", 0, None, False, setback=1.0, pad=1.0)
            s += w + rng.uniform(4.0, 10.0)
        else:
            raise ValueError(el)


def fill_street(world, rng, a, b, style, front=7.0, limit=None, sides=(1, -1)):
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length < 12.0:
        return
    u = ((b[0] - a[0]) / length, (b[1] - a[1]) / length)
    for side in sides:
        fill_side(world, rng, a, u, length, side, style, front, limit)


def fill_arc(world, rng, r, th_a, th_b, style, front=7.0, cross_m=150.0, chord_m=45.0,
             centre=(CX, CY)):
    """A curved street of radius r around centre from angle th_a to th_b (degrees),
    cut by cross streets every ~cross_m metres, built as straight chords."""
    cuts = [th_a]
    step = math.degrees(cross_m / r)
    while cuts[-1] + 1.4 * step < th_b:
        cuts.append(cuts[-1] + rng.uniform(0.8, 1.2) * step)
    cuts.append(th_b)
    margin = math.degrees(9.0 / r)
    for t0, t1 in zip(cuts, cuts[1:]):
        t0, t1 = t0 + margin, t1 - margin
        if t1 <= t0:
            continue
        nch = max(1, int(math.ceil(math.radians(t1 - t0) * r / chord_m)))
        for m in range(nch):
            a = t0 + (t1 - t0) * m / nch
            b = t0 + (t1 - t0) * (m + 1) / nch
            pa = (centre[0] + r * math.cos(math.radians(a)), centre[1] + r * math.sin(math.radians(a)))
            pb = (centre[0] + r * math.cos(math.radians(b)), centre[1] + r * math.sin(math.radians(b)))
            fill_street(world, rng, pa, pb, style, front)


class GridEstate:
    """A housing estate with a rectangular street grid."""

    SCALE = 0.88        # all estates' outlines are scaled by this factor

    def __init__(self, rng, name, centre, phi, length, width, spacing, block, style):
        length, width = length * self.SCALE, width * self.SCALE
        self.name, self.c, self.phi = name, centre, phi
        self.L, self.W, self.D, self.style = length, width, spacing, style
        self.u = unit(phi)
        self.n = (-self.u[1], self.u[0])
        v0 = rng.uniform(-spacing / 2, spacing / 2)
        self.vs = [v0 + k * spacing for k in range(-40, 41) if abs(v0 + k * spacing) <= width / 2]
        us = [-length / 2]
        while us[-1] + 1.5 * block < length / 2:
            us.append(us[-1] + rng.uniform(0.8, 1.2) * block)
        us.append(length / 2)
        self.us = us

    def P(self, a, b):
        return (self.c[0] + a * self.u[0] + b * self.n[0], self.c[1] + a * self.u[1] + b * self.n[1])

    def local(self, x, y):
        dx, dy = x - self.c[0], y - self.c[1]
        return (dx * self.u[0] + dy * self.u[1], dx * self.n[0] + dy * self.n[1])

    def inside(self, x, y):
        """Rounded (superelliptic) outline, so estates are not plain rectangles."""
        a, b = self.local(x, y)
        return (abs(a) / (self.L / 2 + 5)) ** 2.6 + (abs(b) / (self.W / 2 + 25)) ** 2.6 <= 1.0

    def flats(self, world, rng, street, side, ufrac, count):
        """A complex of flats (e.g. for seniors) on one street of this estate."""
        for i in range(count):
            w, d = rng.uniform(30.0, 50.0), rng.uniform(13.0, 16.0)
            self.plot(world, street, side, ufrac + i * 0.3 * (1 if ufrac < 0.3 else -1), w, d,
                      "flat", flat_units(rng, w, d), True, pad=3.0, required=False)

    def plot(self, world, street, side, ufrac, w, d, kind, units=0, nultreden=None, pad=2.0,
             required=True):
        """Place a building at a fixed spot on a street of this estate (before filling)."""
        k = len(self.vs) // 2 + street
        v = self.vs[k]
        for shift in (0, 15, -15, 30, -30, 45, -45, 60, -60):
            a = ufrac * self.L / 2 + shift
            x, y = self.P(a, v + side * (7.0 + 2.0 + d / 2.0))
            b = world.place(Rect(x, y, self.u[0], self.u[1], w, d), kind, units, nultreden,
                            False, pad=pad)
            if b is not None:
                return b
        if required:
            raise SystemExit("could not place %s in %s" % (kind, self.name))
        return None

    def fill(self, world, rng):
        for v in self.vs:
            for a0, a1 in zip(self.us, self.us[1:]):
                fill_street(world, rng, self.P(a0 + 9.0, v), self.P(a1 - 9.0, v), self.style,
                            limit=self.inside)


# --------------------------------------------------------------------------
# The town
# --------------------------------------------------------------------------

def voorz(kind, name, x, y):
    return {"type": kind, "name": name, "x": x, "y": y}


def build_town(seed):
    rng = random.Random(seed)
    buurten = make_buurten()
    world = World(buurten, rng)
    vz = []

    # corridors: main roads, railway, the town-service bus road
    for th in ROAD_ANGLES:
        world.add_corridor([polar(th, 0.0), polar(th, 4200.0)], 7.0)
    st = polar(*STATION_POLAR)
    rd = unit(RAIL_DIR)
    rail = [(st[0] - 5000 * rd[0], st[1] - 5000 * rd[1]), (st[0] + 5000 * rd[0], st[1] + 5000 * rd[1])]
    world.add_corridor(rail, 14.0)
    line3 = [polar(245, 445), polar(233, 700), polar(215, 900), polar(190, 1000),
             polar(160, 1030), polar(130, 990), polar(108, 950), polar(85, 900),
             polar(60, 960), polar(40, 1010), polar(15, 1040), polar(350, 1000)]
    world.add_corridor(line3, 5.0)

    # ---- the centre -------------------------------------------------------
    world.add_obstacle(Rect(CX, CY, *unit(20.0), 80.0, 80.0), 1.0)          # the Markt
    cx, cy = polar(68.0, 78.0)
    world.place(Rect(cx, cy, 1.0, 0.0, 40.0, 17.0), "church", 0, None, pad=4.0)

    # zorgcentrum Lindenhof: the one voorziening written as a polygon
    zx, zy = polar(62.0, 250.0)
    zrect = Rect(zx, zy, *unit(62.0 + 90.0), 56.0, 26.0)
    assert world.place(zrect, None, 0, pad=4.0, obstacle_only=True)
    vz.append({"type": "zorgcentrum", "name": "Zorgcentrum Lindenhof", "rect": zrect})

    def road_plot(theta, r, side, w, d, kind, front=7.0):
        u = unit(theta)
        n = (-u[1] * side, u[0] * side)
        for shift in (0, 12, -12, 24, -24, 36, -36):
            p = polar(theta, r + shift)
            off = front + d / 2.0
            rect = Rect(p[0] + off * n[0], p[1] + off * n[1], u[0], u[1], w, d)
            b = world.place(rect, kind, 0, None, pad=1.0)
            if b is not None:
                return b
        raise SystemExit("could not place %s on road %s" % (kind, theta))

    def free_plot(theta, r, w, d, kind, phi=None):
        for dr in (0, 10, -10, 20, -20, 30, -30):
            x, y = polar(theta, r + dr)
            u = unit(theta + 90.0 if phi is None else phi)
            b = world.place(Rect(x, y, u[0], u[1], w, d), kind, 0, None, pad=2.0)
            if b is not None:
                return b
        raise SystemExit("could not place %s at %s/%s" % (kind, theta, r))

    def vz_at(b, kind, name):
        vz.append(voorz(kind, name, b["rect"].cx, b["rect"].cy))

    vz_at(road_plot(20, 150, 1, 36, 28, "shop"), "supermarkt", "Albert Heijn Dorpsstraat")
    vz_at(road_plot(200, 120, -1, 32, 26, "shop"), "supermarkt", "Jumbo Markt")
    vz_at(free_plot(256, 370, 30, 24, "shop"), "supermarkt", "Lidl Stationsweg")
    vz_at(road_plot(110, 190, 1, 14, 12, "office"), "huisarts", "Huisartsenpraktijk De Linde")
    vz_at(road_plot(20, 270, -1, 16, 12, "office"), "huisarts", "Huisartsen Dorpsstraat")
    vz_at(road_plot(110, 80, -1, 14, 12, "office"), "huisarts", "Huisartsenpraktijk Kerkplein")
    vz_at(road_plot(20, 95, -1, 10, 14, "shop"), "apotheek", "Apotheek Centrum")
    vz_at(road_plot(290, 170, 1, 10, 14, "shop"), "apotheek", "Apotheek De Vijzel")
    vz_at(free_plot(155, 200, 24, 18, "office"), "ontmoetingsruimte", "Ontmoetingscentrum De Schakel")
    vz_at(free_plot(335, 205, 26, 18, "office"), "bibliotheek", "Bibliotheek Lindendijk")
    free_plot(230, 215, 55, 28, "school")

    # ---- estates: geometry first, then plots for voorzieningen and schools -
    E = {}
    E["A"] = GridEstate(rng, "Molenwijk", polar(42, 770), 132, 280, 300, 64, 140,
                        {"rij": 0.66, "2o1k": 0.08, "flat": 0.1, "green": 0.16})
    E["B"] = GridEstate(rng, "Parkwijk-Noord", polar(124, 820), 35, 240, 250, 64, 130,
                        {"rij": 0.56, "2o1k": 0.18, "flat": 0.1, "green": 0.16})
    E["C"] = GridEstate(rng, "Parkwijk-Zuid", polar(176, 700), 176 + 80, 210, 220, 62, 120,
                        {"rij": 0.66, "2o1k": 0.1, "flat": 0.08, "green": 0.16})
    E["P"] = GridEstate(rng, "Parkrand", polar(152, 975), 152 + 90, 220, 90, 70, 250,
                        {"bungalow": 0.85, "green": 0.15})
    E["D"] = GridEstate(rng, "Spoorzicht", polar(225, 840), 225 + 90, 270, 250, 64, 140,
                        {"rij": 0.66, "2o1k": 0.06, "flat": 0.12, "green": 0.16})
    E["E"] = GridEstate(rng, "Spoorzicht-West", polar(270, 800), 270 + 70, 200, 220, 62, 120,
                        {"rij": 0.7, "flat": 0.12, "green": 0.18})
    E["F"] = GridEstate(rng, "De Hoven", polar(345, 760), 345 + 90, 300, 280, 64, 150,
                        {"rij": 0.64, "2o1k": 0.1, "flat": 0.1, "green": 0.16})
    E["H"] = GridEstate(rng, "Hoge Weide", polar(42, 1560), 42, 330, 280, 66, 150,
                        {"rij": 0.62, "2o1k": 0.14, "flat": 0.08, "green": 0.16})
    E["I"] = GridEstate(rng, "Vogelwijk", polar(*GAP_ESTATES["Vogelwijk"]), 88 + 90, 310, 270, 66, 140,
                        {"rij": 0.64, "2o1k": 0.12, "flat": 0.08, "green": 0.16})
    E["J"] = GridEstate(rng, "Zonnehoek", polar(131, 1520), 131 + 20, 280, 270, 70, 150,
                        {"2o1k": 0.5, "vrij": 0.15, "rij": 0.15, "flat": 0.04, "green": 0.16})
    E["K"] = GridEstate(rng, "Rietveld", polar(*GAP_ESTATES["Rietveld"]), 178 + 90, 310, 270, 66, 140,
                        {"rij": 0.64, "2o1k": 0.12, "flat": 0.08, "green": 0.16})
    E["L"] = GridEstate(rng, "Broekland", polar(236, 1560), 236, 320, 280, 66, 150,
                        {"rij": 0.64, "2o1k": 0.1, "flat": 0.1, "green": 0.16})
    E["M"] = GridEstate(rng, "Broekland-West", polar(272, 1480), 272 + 90, 240, 230, 64, 130,
                        {"rij": 0.66, "2o1k": 0.1, "flat": 0.08, "green": 0.16})
    E["N"] = GridEstate(rng, "Kolkerveld", polar(0, 1560), 0 + 90, 250, 250, 66, 140,
                        {"rij": 0.56, "2o1k": 0.2, "flat": 0.08, "green": 0.16})

    vz_at(E["A"].plot(world, 0, 1, 0.0, 24, 16, "office"), "ontmoetingsruimte", "Buurthuis De Molen")
    vz_at(E["A"].plot(world, 0, -1, 0.5, 34, 26, "shop"), "supermarkt", "Jumbo Molenwijk")
    vz_at(E["A"].plot(world, 1, 1, -0.3, 14, 12, "office"), "tandarts", "Tandartspraktijk Molenwijk")
    E["A"].plot(world, -1, 1, 0.4, 55, 28, "school")
    vz_at(E["B"].plot(world, 0, 1, -0.2, 26, 18, "office"), "ontmoetingsruimte", "Wijkcentrum Parkzicht")
    vz_at(E["D"].plot(world, 0, 1, 0.2, 32, 26, "shop"), "supermarkt", "Coop Spoorzicht")
    E["D"].plot(world, -1, -1, -0.4, 55, 28, "school")
    vz_at(E["F"].plot(world, 0, 1, 0.1, 34, 26, "shop"), "supermarkt", "Albert Heijn De Hoven")
    vz_at(E["F"].plot(world, 0, -1, -0.2, 14, 12, "office"), "fysiotherapie", "Fysiotherapie De Hoven")
    vz_at(E["H"].plot(world, 0, 1, 0.0, 30, 18, "office"), "huisarts", "Gezondheidscentrum Hoge Weide")
    vz_at(E["H"].plot(world, 0, 1, 0.3, 12, 14, "shop"), "apotheek", "Apotheek Hoge Weide")
    vz_at(E["H"].plot(world, 0, -1, 0.15, 34, 26, "shop"), "supermarkt", "Plus Hoge Weide")
    E["H"].plot(world, 1, -1, -0.5, 55, 28, "school")
    vz_at(E["L"].plot(world, 0, 1, -0.1, 16, 12, "office"), "huisarts", "Huisartsenpraktijk Broekland")
    vz_at(E["L"].plot(world, 1, -1, 0.2, 24, 16, "office"), "ontmoetingsruimte", "Buurthuis 't Broek")
    vz_at(E["L"].plot(world, -1, 1, 0.4, 40, 30, "shop"), "supermarkt", "Aldi Broekland")
    E["K"].plot(world, 0, 1, 0.3, 55, 28, "school")
    # complexes of flats near the voorzieningen (candidates for clusters)
    E["A"].flats(world, rng, 0, -1, -0.5, 3)
    E["B"].flats(world, rng, 0, -1, -0.2, 2)
    E["D"].flats(world, rng, 1, 1, 0.0, 2)
    E["F"].flats(world, rng, -1, 1, 0.0, 3)
    E["H"].flats(world, rng, -1, 1, 0.0, 2)
    E["L"].flats(world, rng, 0, -1, -0.4, 3)
    E["I"].flats(world, rng, 0, 1, 0.0, 2)
    # woonzorgcentrum at the edge of Zonnehoek (polygon footprint not part of buildings)
    wx, wy = polar(141.0, 1800.0)
    wrect = Rect(wx, wy, *unit(141.0 + 90.0), 60.0, 30.0)
    assert world.place(wrect, None, 0, pad=4.0, obstacle_only=True)
    vz.append(voorz("zorgcentrum", "Woonzorgcentrum De Zonnehoek", wx, wy))

    # ---- fill the centre ---------------------------------------------------
    shops = {"shop": 0.72, "flat": 0.12, "office": 0.06, "green": 0.10}
    for th in ROAD_ANGLES:
        fill_street(world, rng, polar(th, 46.0), polar(th, 250.0), shops)
        fill_street(world, rng, polar(th, 250.0), polar(th, 395.0),
                    {"flat": 0.55, "rij": 0.25, "office": 0.1, "green": 0.1})
    old_town = {"rij": 0.66, "flat": 0.16, "office": 0.04, "shop": 0.04, "green": 0.10}
    for r in (150.0, 225.0, 300.0, 368.0):
        for a, b in zip(ROAD_ANGLES, ROAD_ANGLES[1:] + (ROAD_ANGLES[0] + 360.0,)):
            m = math.degrees(16.0 / r)
            fill_arc(world, rng, r, a + m, b - m, old_town, front=5.0, cross_m=120.0, chord_m=45.0)

    # ---- along the main roads outside the centre ---------------------------
    for th in ROAD_ANGLES:
        fill_street(world, rng, polar(th, 440.0), polar(th, 1450.0),
                    {"flat": 0.42, "rij": 0.18, "green": 0.40}, front=10.0)

    # ---- the estates ---------------------------------------------------------
    for key in sorted(E):
        E[key].fill(world, rng)
    # Kerkebuurt: curved streets around the centre
    for r in (540.0, 605.0, 670.0, 735.0, 800.0, 865.0):
        fill_arc(world, rng, r, 74.0, 104.0,
                 {"rij": 0.62, "2o1k": 0.18, "flat": 0.06, "green": 0.14}, cross_m=140.0)

    # ---- the hamlet De Kolk --------------------------------------------------
    hc = polar(*HAMLET)
    hu = unit(HAMLET[0] + 90.0 + 15.0)
    fill_street(world, rng, (hc[0] - 170 * hu[0], hc[1] - 170 * hu[1]),
                (hc[0] + 170 * hu[0], hc[1] + 170 * hu[1]),
                {"rij": 0.35, "vrij": 0.45, "green": 0.2}, front=6.0)

    # ---- villas along the outer roads and farms in the polder ---------------
    nvilla = 0
    for th in ROAD_ANGLES:
        for _ in range(3):
            r = rng.uniform(1750.0, 2900.0)
            side = rng.choice((1, -1))
            u = unit(th)
            p = polar(th, r)
            off = rng.uniform(25.0, 45.0) * side
            x, y = p[0] - off * u[1], p[1] + off * u[0]
            if world.nearest_building_dist(x, y) < 60.0:
                continue
            nul = False if rng.random() < 0.5 else None
            if world.place(Rect(x, y, u[0], u[1], rng.uniform(11, 14), rng.uniform(10, 13)),
                           "house", 1, nul, pad=5.0, outside_ok=True):
                nvilla += 1
    farms_in = farms_out = 0
    tries = 0
    while (farms_in < 6 or farms_out < 12) and tries < 5000:
        tries += 1
        th = rng.uniform(0.0, 360.0)
        want_out = farms_out < 12 and (farms_in >= 6 or rng.random() < 0.6)
        r2 = ring_radius(2, th)
        r = rng.uniform(r2 + 120.0, 3900.0) if want_out else rng.uniform(1950.0, r2 - 80.0)
        x, y = polar(th, r)
        if world.nearest_building_dist(x, y) < 180.0:
            continue
        hx, hy = polar(*HAMLET)
        if math.hypot(x - hx, y - hy) < 450.0:
            continue
        u = unit(rng.uniform(0.0, 180.0))
        house = Rect(x, y, u[0], u[1], rng.uniform(10, 13), rng.uniform(13, 16))
        bx, by = x - 32.0 * u[1], y + 32.0 * u[0]
        barn = Rect(bx, by, u[0], u[1], rng.uniform(30, 45), rng.uniform(16, 22))
        if not (world.clear_of_corridors(barn) and world.in_one_buurt(barn, True)):
            continue
        if (world.buurt_at(x, y) >= 0) != (not want_out):
            continue
        if world.buurt_at(bx, by) != world.buurt_at(x, y):
            continue
        if world.place(house, "farm", 1, None, pad=3.0, outside_ok=True) is None:
            continue
        if world.place(barn, "farm", 0, None, pad=3.0, outside_ok=True) is None:
            world.buildings.pop()         # keep farms complete (house + barn)
            continue
        if want_out:
            farms_out += 1
        else:
            farms_in += 1

    # ---- OV -----------------------------------------------------------------
    haltes = make_haltes(world, rng, line3)

    return buurten, world.buildings, vz, haltes


STOP_NAMES = {
    "Centrum": ["Markt", "Kerkplein", "Dorpsstraat", "Lindeplein"],
    "Molenwijk": ["Molenlaan", "Korenmolen", "Wiekstraat", "Maalderij"],
    "Kerkebuurt": ["Kosterstraat", "Pastoriestraat", "Klokkenlaan"],
    "Parkwijk": ["Parklaan", "Vijverweg", "Lindenpark", "Rozenhof"],
    "Spoorzicht": ["Stationsweg", "Spoorlaan", "Seinhuislaan"],
    "De Hoven": ["Hovenlaan", "Boomgaard", "Kloosterhof"],
    "Hoge Weide": ["Weidelaan", "Hoge Weide", "Gezondheidscentrum"],
    "Vogelwijk": ["Merelstraat", "Reigerlaan", "Spechtlaan"],
    "Zonnehoek": ["Zonnebloemlaan", "Zonnehoek", "Korenbloemweg"],
    "Rietveld": ["Rietgors", "Lisdodde", "Kalmoesweg"],
    "Broekland": ["Broekweg", "Elzenbroek", "Wilgenlaan"],
    "Kolkerveld": ["Kolkweg", "Kolkerdijk", "De Kolk"],
    None: ["Hoeveweg", "Polderweg", "Oude Dijk", "Lange Veld", "Grote Wetering", "Dijkhuizen",
           "Sportpark", "Begraafplaats", "Zwembad", "Schoolstraat", "Nieuwe Weg", "Brink",
           "Julianastraat", "Wilhelminalaan", "Beatrixstraat", "Prins Bernhardlaan"],
}


def make_haltes(world, rng, line3):
    pools = {k: list(v) for k, v in STOP_NAMES.items()}
    stops = []

    def name_for(x, y):
        b = world.buurt_at(x, y)
        key = world.buurten[b].name if b >= 0 else None
        for pool in (pools[key], pools[None]):
            if pool:
                return pool.pop(0)
        raise SystemExit("ran out of stop names")

    def add_stop(p, u, paired):
        n = (-u[1], u[0])
        name = name_for(*p)
        if paired:
            for s in (7.5, -7.5):
                stops.append({"name": name, "mode": "bus", "x": p[0] + s * n[0], "y": p[1] + s * n[1]})
        else:
            s = rng.choice((5.0, -5.0))
            stops.append({"name": name, "mode": "bus", "x": p[0] + s * n[0], "y": p[1] + s * n[1]})

    # lines 1 and 2 along the main roads through the Markt: stops from the centre outwards
    for line, (tha, thb) in enumerate(((20.0, 200.0), (110.0, 290.0))):
        r0 = 48.0 if line == 0 else 60.0
        add_stop(polar(tha, r0), unit(tha), paired=(line == 0))
        for k, th in enumerate((tha, thb)):
            r = r0 if th == tha else 0.0
            if th == thb:
                r = rng.uniform(330.0, 420.0) - r0
            else:
                r += rng.uniform(350.0, 450.0)
            i = 0
            while r <= 2300.0:
                add_stop(polar(th, r), unit(th), paired=(i == 2 and k == line))
                r += rng.uniform(350.0, 450.0)
                i += 1
    # line 3: town service from the station through the inner ring
    segs = list(zip(line3, line3[1:]))
    total = sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in segs)
    s = 0.0
    i = 0
    while s <= total:
        acc = 0.0
        for a, b in segs:
            l = math.hypot(b[0] - a[0], b[1] - a[1])
            if acc + l >= s:
                t = (s - acc) / l
                p = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
                u = ((b[0] - a[0]) / l, (b[1] - a[1]) / l)
                break
            acc += l
        if i == 0:
            stops.append({"name": "Station", "mode": "bus", "x": p[0], "y": p[1]})
        else:
            add_stop(p, u, paired=(i == 4))
        s += rng.uniform(350.0, 450.0)
        i += 1
    st = polar(*STATION_POLAR)
    stops.append({"name": "Station Lindendijk", "mode": "train", "x": st[0], "y": st[1]})
    return stops


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def r7(v):
    return round(v, 7)


def close_ring(pts):
    pts = [(r7(x), r7(y)) for x, y in pts]
    out = []
    for p in pts:
        if not out or out[-1] != p:
            out.append(p)
    if out[0] == out[-1]:
        out.pop()
    return out


def ring_json(pts, ccw):
    ring = close_ring(pts)
    if (signed_area(ring) > 0) != ccw:
        ring.reverse()
    ring.append(ring[0])
    return [[x, y] for x, y in ring]


def rect_ring(rect):
    return rect.corners()


def write_collection(path, features):
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def geometries(proj, shapes):
    """shapes: list of ('Point', (x,y)) | ('Polygon', [ring, hole...]) |
    ('MultiPolygon', [[ring, hole...], ...]) in RD. Returns GeoJSON geometries in WGS84."""
    flat = []
    for kind, g in shapes:
        if kind == "Point":
            flat.append(g)
        elif kind == "Polygon":
            for ring in g:
                flat.extend(ring)
        else:
            for poly in g:
                for ring in poly:
                    flat.extend(ring)
    conv = iter(proj.to_wgs84(flat))
    out = []
    for kind, g in shapes:
        if kind == "Point":
            x, y = next(conv)
            out.append({"type": "Point", "coordinates": [r7(x), r7(y)]})
        elif kind == "Polygon":
            rings = [[next(conv) for _ in ring] for ring in g]
            out.append({"type": "Polygon", "coordinates":
                        [ring_json(r, i == 0) for i, r in enumerate(rings)]})
        else:
            polys = []
            for poly in g:
                rings = [[next(conv) for _ in ring] for ring in poly]
                polys.append([ring_json(r, i == 0) for i, r in enumerate(rings)])
            out.append({"type": "MultiPolygon", "coordinates": polys})
    return out


def generate(seed, outdir):
    buurten, buildings, vz, haltes = build_town(seed)
    proj = Proj()
    try:
        os.makedirs(outdir, exist_ok=True)
        # buildings
        shapes = []
        for b in buildings:
            r = b["rect"]
            shapes.append(("Point", (r.cx, r.cy)) if b["point"] else ("Polygon", [rect_ring(r)]))
        feats = []
        for i, (b, g) in enumerate(zip(buildings, geometries(proj, shapes)), start=1):
            props = {"id": "b%06d" % i, "kind": b["kind"], "units": b["units"]}
            if b["nultreden"] is not None:
                props["nultreden"] = b["nultreden"]
            feats.append({"type": "Feature", "properties": props, "geometry": g})
        write_collection(os.path.join(outdir, "buildings.geojson"), feats)
        # voorzieningen
        shapes = [("Polygon", [rect_ring(v["rect"])]) if "rect" in v else ("Point", (v["x"], v["y"]))
                  for v in vz]
        feats = [{"type": "Feature", "properties": {"type": v["type"], "name": v["name"]}, "geometry": g}
                 for v, g in zip(vz, geometries(proj, shapes))]
        write_collection(os.path.join(outdir, "voorzieningen.geojson"), feats)
        # haltes
        shapes = [("Point", (h["x"], h["y"])) for h in haltes]
        feats = [{"type": "Feature", "properties": {"name": h["name"], "mode": h["mode"]}, "geometry": g}
                 for h, g in zip(haltes, geometries(proj, shapes))]
        write_collection(os.path.join(outdir, "ov_haltes.geojson"), feats)
        # buurten
        shapes = [("Polygon", b.polys[0]) if len(b.polys) == 1 else ("MultiPolygon", b.polys)
                  for b in buurten]
        feats = [{"type": "Feature",
                  "properties": {"code": b.code, "name": b.name, "wijkcode": b.wijk,
                                 "gemeentecode": GEMEENTE},
                  "geometry": g}
                 for b, g in zip(buurten, geometries(proj, shapes))]
        write_collection(os.path.join(outdir, "buurten.geojson"), feats)
    finally:
        proj.close()
    for name in FILES:
        p = os.path.join(outdir, name + ".geojson")
        print("wrote %-48s %9d bytes" % (p, os.path.getsize(p)))


# --------------------------------------------------------------------------
# Check
# --------------------------------------------------------------------------

def check(outdir):
    """Validate the written files; prints counts. Exit status 1 on a failure."""
    proj = Proj()
    errors = []
    data = {}
    for name in FILES:
        path = os.path.join(outdir, name + ".geojson")
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        # layout: header line, one feature per line, closing line, final newline
        if lines[0] != '{"type":"FeatureCollection","features":[' or lines[-2:] != ["]}", ""]:
            errors.append("%s: unexpected layout" % name)
        for k, ln in enumerate(lines[1:-2]):
            last = k == len(lines) - 4
            if ln.endswith(",") == last:
                errors.append("%s: line %d: separator" % (name, k + 2))
            json.loads(ln[:-1] if ln.endswith(",") else ln)
        with open(path, encoding="utf-8") as fh:
            data[name] = json.load(fh)["features"]

    def coords(g):
        if g["type"] == "Point":
            return [g["coordinates"]]
        if g["type"] == "Polygon":
            return [p for r in g["coordinates"] for p in r]
        return [p for poly in g["coordinates"] for r in poly for p in r]

    def rings(g):
        if g["type"] == "Polygon":
            return [g["coordinates"]]
        if g["type"] == "MultiPolygon":
            return g["coordinates"]
        return []

    for name, feats in data.items():
        for i, f in enumerate(feats):
            for lon, lat in coords(f["geometry"]):
                if not (3.3 <= lon <= 7.3 and 50.7 <= lat <= 53.6):
                    errors.append("%s #%d: %s,%s out of range" % (name, i, lon, lat))
                for v in (lon, lat):
                    if len(repr(v).split(".")[-1]) > 7:
                        errors.append("%s #%d: more than 7 decimals" % (name, i))
            for poly in rings(f["geometry"]):
                for k, ring in enumerate(poly):
                    if ring[0] != ring[-1] or len(ring) < 4:
                        errors.append("%s #%d: ring not closed" % (name, i))
                    a = signed_area([tuple(p) for p in ring[:-1]])
                    if (a > 0) != (k == 0):
                        errors.append("%s #%d: ring %d has the wrong orientation" % (name, i, k))

    lon, lat = proj.to_wgs84([(CX, CY)])[0]
    print("RD centre (%.0f, %.0f) -> lon %.6f, lat %.6f" % (CX, CY, lon, lat))

    def to_rd_geom(g):
        if g["type"] == "Point":
            return ("Point", proj.to_rd([tuple(g["coordinates"])])[0])
        polys = rings(g)
        return ("Poly", [[proj.to_rd([tuple(p) for p in ring[:-1]]) for ring in poly] for poly in polys])

    buurten = []
    for f in data["buurten"]:
        _, polys = to_rd_geom(f["geometry"])
        xs = [p[0] for poly in polys for p in poly[0]]
        ys = [p[1] for poly in polys for p in poly[0]]
        buurten.append((f["properties"], polys, (min(xs), min(ys), max(xs), max(ys))))

    def in_buurt(x, y, b):
        bb = b[2]
        if x < bb[0] or x > bb[2] or y < bb[1] or y > bb[3]:
            return False
        for poly in b[1]:
            if pip(x, y, poly[0]) and not any(pip(x, y, h) for h in poly[1:]):
                return True
        return False

    # overlap / gap test on a 20 m grid
    gx0 = min(b[2][0] for b in buurten)
    gy0 = min(b[2][1] for b in buurten)
    gx1 = max(b[2][2] for b in buurten)
    gy1 = max(b[2][3] for b in buurten)
    step = 20.0
    n_pts = n_multi = n_gap = 0
    y = gy0 + step / 2 + 0.123
    while y < gy1:
        x = gx0 + step / 2 + 0.456
        while x < gx1:
            n_pts += 1
            c = sum(1 for b in buurten if in_buurt(x, y, b))
            if c > 1:
                n_multi += 1
            r = math.hypot(x - CX, y - CY)
            if c == 0 and r < 2000.0:
                th, pr = POND[0], POND[1]
                px, py = polar(th, pr)
                if math.hypot(x - px, y - py) > 200.0:
                    n_gap += 1
            x += step
        y += step
    print("buurten grid test: %d points, %d in more than one buurt, %d uncovered inside r<2000 m "
          "(outside the pond)" % (n_pts, n_multi, n_gap))
    if n_multi:
        errors.append("buurten overlap at %d sample points" % n_multi)
    if n_gap:
        errors.append("gaps between buurten at %d sample points" % n_gap)

    # buildings
    locs = []
    n_poly = n_point = units = 0
    kinds = {}
    for f in data["buildings"]:
        kind, g = to_rd_geom(f["geometry"])
        if kind == "Point":
            n_point += 1
            locs.append(g)
        else:
            n_poly += 1
            ring = g[0][0]
            locs.append((sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)))
        p = f["properties"]
        units += p["units"]
        k = kinds.setdefault(p["kind"], [0, 0, 0])
        k[0] += 1
        k[1] += p["units"]
        if f["geometry"]["type"] == "Point":
            k[2] += 1
    bb_of = []
    outside = 0
    for x, y in locs:
        idx = next((i for i, b in enumerate(buurten) if in_buurt(x, y, b)), -1)
        bb_of.append(idx)
        if idx < 0:
            outside += 1
    print("buildings: %d features (%d polygons, %d points), %d units, %d outside all buurten"
          % (len(locs), n_poly, n_point, units, outside))
    for k in sorted(kinds):
        print("  %-9s %5d features %5d units %4d points" % (k, kinds[k][0], kinds[k][1], kinds[k][2]))
    nul = {}
    for f in data["buildings"]:
        v = f["properties"].get("nultreden")
        nul[repr(v)] = nul.get(repr(v), 0) + 1
    print("  nultreden: %s" % ", ".join("%s=%d" % kv for kv in sorted(nul.items())))

    vz = []
    types = {}
    for f in data["voorzieningen"]:
        kind, g = to_rd_geom(f["geometry"])
        if kind != "Point":
            ring = g[0][0]
            g = (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
        t = f["properties"]["type"]
        types.setdefault(t, [0, 0])
        types[t][0] += 1
        if f["geometry"]["type"] != "Point":
            types[t][1] += 1
        vz.append((t, g))
    print("voorzieningen: %d features" % len(vz))
    for t in sorted(types):
        print("  %-18s %2d%s" % (t, types[t][0], "  (%d polygon)" % types[t][1] if types[t][1] else ""))
    ov = [to_rd_geom(f["geometry"])[1] for f in data["ov_haltes"]]
    modes = {}
    for f in data["ov_haltes"]:
        modes[f["properties"]["mode"]] = modes.get(f["properties"]["mode"], 0) + 1
    names = [f["properties"]["name"] for f in data["ov_haltes"]]
    pairs = sorted({n for n in names if names.count(n) > 1})
    print("ov_haltes: %d features (%s), platform pairs: %s" %
          (len(ov), ", ".join("%s %d" % kv for kv in sorted(modes.items())), ", ".join(pairs)))
    print("buurten: %d (%s)" % (len(buurten), ", ".join(
        "%s %s%s" % (b[0]["code"], b[0]["name"], " [multi]" if len(b[1]) > 1 else
                     (" [hole]" if len(b[1][0]) > 1 else "")) for b in buurten)))

    # coverage per buurt with the default profile's criteria (units within 500 m)
    crit = {"ontmoeting": ("ontmoetingsruimte", "zorgcentrum"), "zorg": ("huisarts", "zorgcentrum"),
            "apotheek": ("apotheek",), "supermarkt": ("supermarkt",)}
    print("share of units within 500 m, per buurt:")
    print("  %-12s %5s %6s %10s %6s %8s %10s %5s" % ("buurt", "bldgs", "units", "ontmoeting", "zorg",
                                                    "apotheek", "supermarkt", "ov"))
    rows = [(i, b[0]["name"]) for i, b in enumerate(buurten)] + [(-1, "(none)")]
    for idx, nm in rows:
        members = [(i, locs[i]) for i in range(len(locs)) if bb_of[i] == idx]
        u_tot = sum(data["buildings"][i]["properties"]["units"] for i, _ in members)
        shares = []
        for c, ts in list(crit.items()) + [("ov", None)]:
            pts = [g for t, g in vz if t in ts] if ts else ov
            reached = 0
            for i, (x, y) in members:
                if any(math.hypot(x - px, y - py) <= 500.0 for px, py in pts):
                    reached += data["buildings"][i]["properties"]["units"]
            shares.append("%3.0f%%" % (100.0 * reached / u_tot) if u_tot else "  -")
        print("  %-12s %5d %6d %10s %6s %8s %10s %5s" % ((nm, len(members), u_tot) + tuple(shares)))
    for nm, c in (("Rietveld", "zorg"), ("Vogelwijk", "ontmoeting")):
        idx = next(i for i, b in enumerate(buurten) if b[0]["name"] == nm)
        pts = [g for t, g in vz if t in crit[c] + (("apotheek",) if c == "zorg" else ())]
        ex, ey = polar(*GAP_ESTATES[nm])
        members = [(x, y) for i, (x, y) in enumerate(locs)
                   if bb_of[i] == idx and math.hypot(x - ex, y - ey) < 300.0]
        dmin = min(math.hypot(x - px, y - py) for x, y in members for px, py in pts)
        print("gap check: nearest %s%s to the %d buildings of the estate in %s: %.0f m" %
              (c, "/apotheek" if c == "zorg" else "", len(members), nm, dmin))
        if dmin <= 500.0:
            errors.append("the %s gap in %s is not there" % (c, nm))

    for name in FILES:
        p = os.path.join(outdir, name + ".geojson")
        with open(p, "rb") as fh:
            print("%-16s %9d bytes  sha256 %s" % (name + ".geojson", os.path.getsize(p),
                                                   hashlib.sha256(fh.read()).hexdigest()))
    proj.close()
    if errors:
        for e in errors[:50]:
            print("ERROR:", e)
        print("%d error(s)" % len(errors))
        return 1
    print("check OK")
    return 0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "data", "geojson"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    ap.add_argument("--out", default=default_out, help="output folder (default data/geojson)")
    ap.add_argument("--check", action="store_true", help="validate the files in --out instead of writing")
    args = ap.parse_args()
    if args.check:
        sys.exit(check(args.out))
    generate(args.seed, args.out)


if __name__ == "__main__":
    main()
