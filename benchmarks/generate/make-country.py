#!/usr/bin/env python3
"""Scalable benchmark data for cirkel: a fictional, Dutch-like country of any size.

    make-country.py --buildings N --out DIR [--seed S] [--crs wgs84|rd]
    make-country.py --check DIR

writes DIR/buildings.geojson, voorzieningen.geojson, ov_haltes.geojson and
buurten.geojson in the layout of the SPEC, section 1 (../shared/SPEC.md from
the repository root; one feature per line), or checks such a folder.  Nothing in the output describes
a real place; only the outline of the land is roughly that of the Netherlands.

The model (everything is made in RD New, EPSG:28992, metres)
-------------------------------------------------------------
Country.  A rough polygon of the Dutch land (the IJsselmeer and Markermeer,
the Wadden islands and the sea left out), rasterised at 500 m, is the land
mask.  The number of towns is N / 3200 (at least 1); their sizes in buildings
follow Zipf's law (size of the k-th town ~ k^-0.8, summing to exactly N): at
8 million buildings 2,500 towns from a city of 410,000 buildings (650,000
homes, radius 7.8 km) down to villages of about 800.  Towns are placed largest
first at uniformly random land positions: a town's square (the square its
buurten tile) keeps at least 900 m from every other town's square and its
centre at least 2.5 km from every other centre (both relaxed after every 400
failed tries: at 8 million the closest centres are 2.1 km apart and the
closest squares 630 m), at least 70 % of the town must be on land, and only
blocks on land are built.

Town.  A town is a grid of 120 m blocks, rotated by a random angle, inside an
irregular outline (radius R times 1 +- 20 %, three harmonics).  With rho the
distance to the centre relative to the outline, a block is
  * centre (rho < 0.10 + 0.08 s, s = log(buildings / 800) / log(500) in
    [0, 1]: 0 for a village of 800 buildings, 1 for a city of 400,000): along
    the four streets around the block shops (units 0; 40 % of the frontage
    slots), flats of 10-60 units (nultreden true; 8 + 20 s %) and old houses
    (nultreden false or absent); 5 % of the centre blocks are squares;
  * otherwise a park (8 %), an industrial block (units-0 buildings; 75 % of
    the blocks in one 50-degree sector beyond rho 0.55 in towns of 1,500+
    buildings, 2 % elsewhere beyond rho 0.5), a block of 3-7 flats of 10-60
    units (probability (0.05 + 0.45 s) exp(-(rho - centre) / 0.35)), or a block of
    houses: 1-4 streets with a house on both sides every m metres, m chosen to
    give 16 + 22 s houses per hectare near the centre and 45 % fewer at the
    edge; m <= 9.5 gives rijtjeshuizen (rows of 3-8 houses 6-8 m apart with a
    gap between rows), larger m twee-onder-een-kap pairs and detached houses.
    Houses have units 1 and nultreden true (12 %), false (48 %) or absent.
    Half the house blocks have one non-residential building (school, shop).
The radius R is solved for so that the expected number of buildings is 4 %
above the town's share; the surplus is then removed at random (so the count
is exact).  About 1 % of a town's buildings are farms just outside the
built-up edge, some of them outside every buurt.  The result (homes per
hectare of the town's outline): 30-34 in the cities of 100,000+ buildings,
20-28 in towns of 10,000-90,000, 11-15 in villages; 1.29 homes per building
and 7 % non-residential buildings nationally.

Buurten.  The town's square is split as a quadtree while a square holds more
than 1,000 "weight" (units, or 1 for a building without units); then the
lightest leaf among four siblings is merged with an edge-adjacent sibling leaf
while it weighs less than 500 (and the union at most 3,000): a buurt is a
square, a rectangle or an L.  Empty leaves are dropped.  At 8 million: 13,903
buurten, median 723 homes, 92 % with 500-3,000 homes.  Neighbouring buurten
share their edges vertex for vertex (T-junction vertices are inserted), so
they neither overlap nor leave gaps, also after projection.  Codes are
"BU" + 4-digit town (gemeente) number + 4-digit serial.

Voorzieningen.  20,000 at 8 million buildings (N / 400, at least 12), shared
among the towns by size (largest remainder).  A town's first three are a
supermarkt, a huisarts and an ontmoetingsruimte; the others are drawn with
huisarts 18 %, apotheek 16 %, supermarkt 26 %, ontmoetingsruimte 16 %,
zorgcentrum 16 %, bibliotheek 8 % (a type no profile uses).  At 8 million:
supermarkt 5,930, huisarts 4,902, ontmoetingsruimte 3,924, apotheek 2,129,
zorgcentrum 2,093, bibliotheek 1,022.  A voorziening lies in the centre
(uniform within 1.5 times the centre radius) with probability 30 % (huisarts,
supermarkt), 35 % (apotheek), 20 % (ontmoetingsruimte), 10 % (zorgcentrum),
70 % (bibliotheek), otherwise 5-25 m from a random home of the town, a tail
that follows the population.

OV-haltes.  10,000 at 8 million buildings (N / 800, at least 6): a train
station in towns of 8,000+ buildings, then straight lines through (near) the
centre across the town with a stop every 300-500 m, a quarter of the stops as
two platforms 10-20 m apart with the same name; stops nearest the centre
first, until the town's share is used.  Modes bus, tram (cities of 100,000+
buildings), metro (300,000+), train.

Output.  WGS84 longitude, latitude with 7 decimals (RD -> WGS84 with libproj
through ctypes, proj_normalize_for_visualization, one proj_trans_generic call
per chunk of 100,000 buildings), or with --crs rd the RD coordinates with 2
decimals and the legacy member "crs": {"type": "name", "properties":
{"name": "EPSG:28992"}}.  Buildings are address Points (as BAG
verblijfsobjecten) with properties id (16 digits, unique), units and
nultreden (true/false or absent).  Features are streamed to DIR/*.tmp and
renamed when complete; memory stays bounded by the largest town.  Same
arguments, same PROJ: byte-identical files.

Options
-------
  --buildings N   number of building features (exactly N)
  --out DIR       output folder (created)
  --seed S        random seed (default 1)
  --crs wgs84|rd  coordinates of the output (default wgs84)
  --check DIR     read the four files of DIR line by line and report: counts
                  per type, coordinates inside the Netherlands, unique ids and
                  buurt codes, buurten overlapping, homes outside every buurt
  --quiet         no per-stage progress

Only the Python standard library and libproj (libproj.so.25) are needed.
"""

import argparse
import array
import bisect
import ctypes
import ctypes.util
import json
import math
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from rd_projection import Proj  # noqa: E402  (shared with scripts/make-demo-data.py)

FILES = ("buildings", "voorzieningen", "ov_haltes", "buurten")
CHUNK = 100_000                  # buildings per projection call / write
BUILDINGS_PER_TOWN = 3200
ZIPF = 0.8
BLOCK = 120.0                    # block size (m)
SIDE = 104.0                     # usable street length along a block side
EDGE_MAX = 1.21                  # largest outline factor (1 + 0.10 + 0.07 + 0.04)
VZ_PER_BUILDING = 20000 / 8e6
OV_PER_BUILDING = 10000 / 8e6
SPLIT = 1000                     # quadtree: split a square above this weight
SMALL = 500                      # quadtree: merge sibling leaves below this weight
MERGE_MAX = 3000                 # quadtree: ... into a buurt of at most this weight
DEPTH = 12                       # quadtree: at most 4096 x 4096 cells
SLACK = 1.04                     # expected buildings / wanted buildings
EXTENT = (13000.0, 306000.0, 278000.0, 620000.0)
LONLAT_BOX = (3.2, 50.7, 7.3, 53.6)
LAND_CELL = 500.0
MIN_CENTRE_DIST = 2500.0         # relaxed by 15 % after every 400 failed tries
MIN_GAP = 900.0                  # between town squares; relaxed by 20 % likewise

# Rough outline of the Dutch land in RD New (counter-clockwise from Cadzand);
# the IJsselmeer and Markermeer are a bay between Den Oever and Harlingen.
LAND = [
    (15000, 376000), (27000, 366000), (72000, 364500), (76000, 373500), (78000, 383500),
    (93000, 387000), (110000, 384500), (123000, 382500), (135000, 377000), (145000, 368000),
    (163000, 364500), (167000, 359000), (183000, 350000), (179000, 335000), (173000, 318000),
    (177500, 307000), (199500, 308000), (203000, 320000), (196000, 330000), (191000, 335000),
    (203000, 345000), (212000, 353500), (213500, 375700), (204000, 395700), (195000, 412000),
    (199500, 431000), (211000, 429000), (225000, 427000), (247000, 434500), (255000, 445800),
    (249000, 459000), (266800, 470200), (268200, 493600), (262000, 503000), (267000, 519000),
    (268500, 543700), (277000, 578000), (263000, 590000), (251000, 607000), (229000, 604000),
    (209000, 602000), (182000, 596000), (156000, 576000), (156000, 562000), (153000, 543000),
    (177000, 539000), (170000, 519000), (158000, 503000), (142000, 488000), (133000, 482000),
    (126000, 489000), (133000, 501000), (132000, 517000), (148000, 524000), (135000, 530000),
    (130000, 549000), (113000, 553000), (106000, 532000), (103000, 515000), (100000, 497000),
    (96500, 487000), (90000, 472500), (78000, 458000), (68000, 443500), (59600, 441000),
    (50000, 425600), (38000, 412000), (21000, 394500), (29500, 383500),
]

VZ_TYPES = (("huisarts", 0.18), ("apotheek", 0.16), ("supermarkt", 0.26),
            ("ontmoetingsruimte", 0.16), ("zorgcentrum", 0.16), ("bibliotheek", 0.08))
VZ_FIRST = ("supermarkt", "huisarts", "ontmoetingsruimte")
VZ_CENTRE = {"huisarts": 0.3, "apotheek": 0.35, "supermarkt": 0.3,
             "ontmoetingsruimte": 0.2, "zorgcentrum": 0.1, "bibliotheek": 0.7}
SUPERMARKETS = ("Albert Heijn", "Jumbo", "Lidl", "Aldi", "Plus", "Dirk", "Coop", "Spar",
                "Vomar", "Dekamarkt", "Hoogvliet", "Poiesz")
VZ_NAMES = {
    "huisarts": ("Huisartsenpraktijk", "Gezondheidscentrum", "Huisartsen"),
    "apotheek": ("Apotheek", "Service Apotheek", "Apotheek"),
    "ontmoetingsruimte": ("Buurthuis", "Wijkcentrum", "Ontmoetingscentrum", "Dorpshuis"),
    "zorgcentrum": ("Zorgcentrum", "Woonzorgcentrum", "Verpleeghuis", "Zorgvilla"),
    "bibliotheek": ("Bibliotheek",),
}

TOWN_PRE = ("Ber", "Dor", "Ha", "Lin", "Wes", "Oos", "Zui", "Noor", "Ril", "Bre", "Gel", "Kam",
            "Mep", "Roo", "Sta", "Vel", "Wou", "Zwa", "Alk", "Bus", "Ede", "Hel", "Lei", "Mid",
            "Ter", "Ur", "Vlaar", "Wier", "Ach", "Bee", "Cul", "Dui", "Ee", "Gor", "Har", "Kol",
            "Lo", "Maar", "Nij", "Olde", "Pur", "Rijs", "Scha", "Tie", "Vee", "Wad", "Zee",
            "Am", "Bor", "Dal", "Elst", "Gra", "Hoog", "Kes", "Lut", "Mol", "Ots", "Put", "Ree")
TOWN_MID = ("", "", "", "en", "el", "er", "ke", "le", "ster", "ter", "de", "ne", "ren", "se")
TOWN_SUF = ("dam", "dijk", "horst", "veen", "wijk", "hoven", "broek", "rode", "ingen", "um",
            "zijl", "drecht", "sloot", "wold", "lo", "beek", "berg", "hout", "meer", "voort",
            "kerk", "huizen", "burg", "gouw", "sum", "werd", "recht", "zand", "heim", "stein")
STREET_STEM = ("Kerk", "Molen", "School", "Dorps", "Stations", "Beuken", "Eiken", "Linden",
               "Wilgen", "Berken", "Esdoorn", "Populieren", "Kastanje", "Iepen", "Vogel", "Merel",
               "Lijster", "Zwaluw", "Reiger", "Meeuwen", "Prinses", "Konings", "Oranje", "Nassau",
               "Willem", "Juliana", "Beatrix", "Emma", "Rembrandt", "Vermeer", "Mondriaan",
               "Tulpen", "Rozen", "Lelie", "Iris", "Narcis", "Dahlia", "Haven", "Markt", "Brink",
               "Veld", "Akker", "Weide", "Hof", "Dijk", "Zuider", "Noorder", "Ooster", "Wester",
               "Nieuwe", "Oude", "Hoge", "Lage", "Burgemeester", "Kanaal", "Sluis", "Polder")
STREET_SUF = ("straat", "weg", "laan", "plein", "singel", "kade", "dreef", "hof", "park", "pad")
BUURT_STEM = ("Vogel", "Bloemen", "Bomen", "Schilders", "Componisten", "Rivieren", "Sterren",
              "Dichters", "Zeehelden", "Kastelen", "Molen", "Kerk", "Haven", "Stations", "Park",
              "Beek", "Veld", "Dorps", "Zuider", "Noorder", "Ooster", "Wester", "Oude", "Nieuwe",
              "Hoge", "Lage", "Kloosters", "Akker", "Weide", "Heide", "Linden", "Eiken", "Berken",
              "Wilgen", "Polder", "Dijk", "Vaart", "Singel", "Slot", "Hof")
BUURT_SUF = ("wijk", "buurt", "kwartier", "park", "veld", "hof", "hoek", "kamp", "zoom", "erf")


# --------------------------------------------------------------------------
# Land mask
# --------------------------------------------------------------------------

class LandMask:
    """The LAND polygon rasterised in LAND_CELL cells (scanline fill at cell centres)."""

    def __init__(self):
        x0, y0, x1, y1 = EXTENT
        self.x0, self.y0 = x0, y0
        self.nx = int(math.ceil((x1 - x0) / LAND_CELL))
        self.ny = int(math.ceil((y1 - y0) / LAND_CELL))
        self.cells = bytearray(self.nx * self.ny)
        edges = list(zip(LAND, LAND[1:] + LAND[:1]))
        for j in range(self.ny):
            yc = y0 + (j + 0.5) * LAND_CELL
            xs = []
            for (ax, ay), (bx, by) in edges:
                if (ay > yc) != (by > yc):
                    xs.append(ax + (yc - ay) * (bx - ax) / (by - ay))
            xs.sort()
            row = j * self.nx
            for a, b in zip(xs[0::2], xs[1::2]):
                i0 = max(0, int(math.ceil((a - x0) / LAND_CELL - 0.5)))
                i1 = min(self.nx - 1, int(math.floor((b - x0) / LAND_CELL - 0.5)))
                for i in range(i0, i1 + 1):
                    self.cells[row + i] = 1
        self.area_km2 = sum(self.cells) * LAND_CELL * LAND_CELL / 1e6

    def land(self, x, y):
        i = int((x - self.x0) / LAND_CELL)
        j = int((y - self.y0) / LAND_CELL)
        if i < 0 or j < 0 or i >= self.nx or j >= self.ny:
            return False
        return self.cells[j * self.nx + i] == 1


# --------------------------------------------------------------------------
# Output: one feature per line, streamed
# --------------------------------------------------------------------------

CRS_RD = '"crs":{"type":"name","properties":{"name":"EPSG:28992"}},'


class Sink:
    """A FeatureCollection written feature by feature to path + '.tmp'."""

    def __init__(self, path, rd):
        self.path = path
        self.fh = open(path + ".tmp", "w", encoding="utf-8", newline="\n")
        self.fh.write('{"type":"FeatureCollection",%s"features":[\n' % (CRS_RD if rd else ""))
        self.n = 0

    def write(self, lines):
        if not lines:
            return
        if self.n:
            self.fh.write(",\n")
        self.fh.write(",\n".join(lines))
        self.n += len(lines)

    def close(self):
        self.fh.write("\n]}\n" if self.n else "]}\n")
        self.fh.close()
        os.replace(self.path + ".tmp", self.path)


class Output:
    def __init__(self, outdir, rd):
        self.rd = rd
        self.proj = None if rd else Proj()
        self.fmt = "[%.2f,%.2f]" if rd else "[%.7f,%.7f]"
        self.sinks = {f: Sink(os.path.join(outdir, f + ".geojson"), rd) for f in FILES}
        # buildings: parallel buffers
        self.bx = array.array("d")
        self.by = array.array("d")
        self.bp = []
        # other layers: (props_json, geometry kind, ring lengths) + coordinates
        self.pend = {f: [] for f in FILES[1:]}
        self.px = {f: array.array("d") for f in FILES[1:]}
        self.py = {f: array.array("d") for f in FILES[1:]}
        self.t_proj = self.t_write = 0.0

    def project(self, xs, ys):
        if self.proj is not None:
            t = time.perf_counter()
            self.proj.arrays_to_wgs84(xs, ys)
            self.t_proj += time.perf_counter() - t

    # buildings --------------------------------------------------------
    def buildings(self, xs, ys, props):
        self.bx.extend(xs)
        self.by.extend(ys)
        self.bp.extend(props)
        while len(self.bp) >= CHUNK:
            self._flush_buildings(CHUNK)

    def _flush_buildings(self, n):
        xs, ys, ps = self.bx[:n], self.by[:n], self.bp[:n]
        del self.bx[:n], self.by[:n], self.bp[:n]
        self.project(xs, ys)
        t = time.perf_counter()
        pt = ('{"type":"Feature","properties":%s,"geometry":{"type":"Point","coordinates":'
              + self.fmt + '}}')
        self.sinks["buildings"].write([pt % v for v in zip(ps, xs, ys)])
        self.t_write += time.perf_counter() - t

    # other layers -----------------------------------------------------
    def point(self, layer, props, x, y):
        self.pend[layer].append((props, None))
        self.px[layer].append(x)
        self.py[layer].append(y)

    def polygons(self, layer, props, polys):
        """polys: list of polygons, each a list of rings (lists of (x, y), not closed)."""
        self.pend[layer].append((props, [[len(r) for r in poly] for poly in polys]))
        for poly in polys:
            for ring in poly:
                for x, y in ring:
                    self.px[layer].append(x)
                    self.py[layer].append(y)

    def flush(self, force=False):
        if len(self.bp) and force:
            self._flush_buildings(len(self.bp))
        for layer in FILES[1:]:
            if not self.pend[layer] or (not force and len(self.px[layer]) < CHUNK):
                continue
            xs, ys = self.px[layer], self.py[layer]
            self.project(xs, ys)
            t = time.perf_counter()
            fmt = self.fmt
            coords = [fmt % v for v in zip(xs, ys)]
            lines = []
            k = 0
            for props, shape in self.pend[layer]:
                if shape is None:
                    lines.append('{"type":"Feature","properties":%s,"geometry":{"type":"Point",'
                                 '"coordinates":%s}}' % (props, coords[k]))
                    k += 1
                    continue
                polys = []
                for lens in shape:
                    rings = []
                    for n in lens:
                        ring = coords[k:k + n]
                        ring.append(ring[0])
                        rings.append("[" + ",".join(ring) + "]")
                        k += n
                    polys.append("[" + ",".join(rings) + "]")
                if len(polys) == 1:
                    geom = '{"type":"Polygon","coordinates":%s}' % polys[0]
                else:
                    geom = '{"type":"MultiPolygon","coordinates":[%s]}' % ",".join(polys)
                lines.append('{"type":"Feature","properties":%s,"geometry":%s}' % (props, geom))
            self.sinks[layer].write(lines)
            self.pend[layer] = []
            self.px[layer] = array.array("d")
            self.py[layer] = array.array("d")
            self.t_write += time.perf_counter() - t

    def close(self):
        self.flush(force=True)
        counts = {f: s.n for f, s in self.sinks.items()}
        for s in self.sinks.values():
            s.close()
        if self.proj:
            self.proj.close()
        return counts


def jstr(s):
    return json.dumps(s, ensure_ascii=False)


# --------------------------------------------------------------------------
# Towns
# --------------------------------------------------------------------------

class Town:
    __slots__ = ("index", "code", "name", "b", "sigma", "rng_seed", "alpha", "ph",
                 "ind_theta", "rc", "r", "cx", "cy", "half", "n_farms", "homes")

    def edge(self, th):
        p1, p2, p3 = self.ph
        return 1.0 + 0.10 * math.sin(2 * th + p1) + 0.07 * math.sin(3 * th + p2) \
            + 0.04 * math.sin(5 * th + p3)


def zipf_sizes(n, k):
    w = [(i + 1) ** -ZIPF for i in range(k)]
    tot = sum(w)
    raw = [n * x / tot for x in w]
    sizes = [int(r) for r in raw]
    rest = n - sum(sizes)
    order = sorted(range(k), key=lambda i: (-(raw[i] - sizes[i]), i))
    for i in order[:rest]:
        sizes[i] += 1
    return sizes


def share(total, weights):
    """Largest-remainder split of an integer total in proportion to weights."""
    tot = float(sum(weights))
    raw = [total * w / tot for w in weights]
    out = [int(r) for r in raw]
    rest = total - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    return out


def town_name(rng, used):
    for _ in range(1000):
        name = rng.choice(TOWN_PRE) + rng.choice(TOWN_MID) + rng.choice(TOWN_SUF)
        u = rng.random()
        if u < 0.04:
            name = "Nieuw-" + name
        elif u < 0.07:
            name = "Oud-" + name
        elif u < 0.09:
            name = "Sint " + name
        if name not in used:
            used.add(name)
            return name
    name = "%s %d" % (name, len(used))
    used.add(name)
    return name


def street(rng):
    return rng.choice(STREET_STEM) + rng.choice(STREET_SUF)


# Block kinds and their expected number of buildings ----------------------

CENTRE_ADV = (35.0, 9.0, 6.5)    # frontage of a flat, a shop, a house in the centre


def centre_q(sigma):
    qf = 0.08 + 0.20 * sigma
    qs = 0.40
    return qf, qs, 1.0 - qf - qs


def centre_expect(sigma):
    qf, qs, qh = centre_q(sigma)
    a = qf * CENTRE_ADV[0] + qs * CENTRE_ADV[1] + qh * CENTRE_ADV[2]
    return 4 * SIDE / a + 0.5 * sigma


def house_target(town, rho):
    h = 16.0 + 22.0 * town.sigma
    f = 1.0 - 0.45 * max(0.0, min(1.0, (rho - 0.5) / 0.5))
    return h * f * (BLOCK * BLOCK / 1e4)


def house_realised(n):
    return min(n, 8 * SIDE / 6.0)


def block_probs(town, rho, th):
    """(p_park, p_ind, p_flat, p_house) for a block outside the centre."""
    p_park = 0.08
    p_ind = 0.0
    if rho > 0.55 and town.b >= 1500:
        d = abs((th - town.ind_theta + math.pi) % (2 * math.pi) - math.pi)
        if d < 0.45:
            p_ind = 0.75
    if p_ind == 0.0 and rho > 0.5:
        p_ind = 0.02
    rest = 1.0 - p_park - p_ind
    p_flat = rest * min(0.9, (0.05 + 0.45 * town.sigma) * math.exp(-(rho - town.rc) / 0.35))
    return p_park, p_ind, p_flat, rest - p_flat


E_IND = 13.0
E_FLATBLOCK = 5.4


def blocks(town, r, mask):
    """Yield (u, v, rho, th) for the block centres of the town at radius r."""
    n = int(math.ceil(r * EDGE_MAX / BLOCK)) + 1
    ca, sa = math.cos(town.alpha), math.sin(town.alpha)
    cx, cy = town.cx, town.cy
    edge = town.edge
    for j in range(-n, n + 1):
        v = j * BLOCK
        for i in range(-n, n + 1):
            u = i * BLOCK
            d = math.hypot(u, v)
            if d > r * EDGE_MAX:
                continue
            th = math.atan2(v, u)
            rho = d / (r * edge(th))
            if rho > 1.0:
                continue
            if mask is not None and not mask.land(cx + u * ca - v * sa, cy + u * sa + v * ca):
                continue
            yield u, v, rho, th


def expected(town, r, mask):
    e = 0.0
    ec = centre_expect(town.sigma)
    for u, v, rho, th in blocks(town, r, mask):
        if rho < town.rc:
            e += ec
            continue
        pp, pi, pf, ph = block_probs(town, rho, th)
        e += pi * E_IND + pf * E_FLATBLOCK + ph * (house_realised(house_target(town, rho)) + 0.5)
    return e


def solve_radius(town, want, mask):
    r = max(60.0, 100.0 * math.sqrt(want / 20.0 / math.pi))
    for _ in range(6):
        e = expected(town, r, mask)
        if e <= 0:
            r *= 2.0
            continue
        nr = r * math.sqrt(want / e)
        if abs(nr - r) < 0.002 * r:
            r = nr
            break
        r = nr
    for _ in range(40):
        if expected(town, r, mask) >= want:
            break
        r *= 1.02
    return r


def make_towns(n, seed, mask, log):
    k = max(1, int(round(n / float(BUILDINGS_PER_TOWN))))
    if k > 9999:
        raise SystemExit("at most 9999 towns (about 32 million buildings)")
    sizes = zipf_sizes(n, k)
    rng = random.Random(seed * 7919 + 1)
    used = set()
    towns = []
    for i, b in enumerate(sizes):
        t = Town()
        t.index = i
        t.code = i + 1
        t.name = town_name(rng, used)
        t.b = b
        t.sigma = max(0.0, min(1.0, math.log10(max(b, 1) / 800.0) / math.log10(500.0)))
        t.rng_seed = rng.getrandbits(63)
        t.alpha = rng.uniform(0.0, math.pi / 2)
        t.ph = (rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi),
                rng.uniform(0, 2 * math.pi))
        t.ind_theta = rng.uniform(-math.pi, math.pi)
        t.rc = 0.10 + 0.08 * t.sigma
        t.n_farms = int(round(0.01 * b)) if b >= 200 else 0
        t.cx = t.cy = 0.0
        towns.append(t)
    # placement, largest first
    cell = 10000.0
    grid = {}
    placed = []
    hmax = 0.0
    x0, y0, x1, y1 = EXTENT
    for t in towns:
        want = SLACK * (t.b - t.n_farms)
        r_free = solve_radius(t, want, None)
        e_free = expected(t, r_free, None)
        gap, dmin = MIN_GAP, MIN_CENTRE_DIST
        tries = 0
        while True:
            tries += 1
            if tries % 400 == 0:
                gap = max(50.0, gap * 0.8)
                dmin = max(500.0, dmin * 0.85)
            if tries > 20000:
                raise SystemExit("cannot place town %d (%d buildings); too many buildings "
                                 "for the land" % (t.code, t.b))
            cx = rng.uniform(x0, x1)
            cy = rng.uniform(y0, y1)
            if not mask.land(cx, cy):
                continue
            h_est = 1.2 * r_free * EDGE_MAX + BLOCK
            if not fits(cx, cy, h_est, gap, dmin, grid, cell, hmax):
                continue
            t.cx, t.cy = cx, cy
            e_mask = expected(t, r_free, mask)
            if e_mask < 0.7 * e_free:
                continue
            r = r_free if e_mask >= want else solve_radius(t, want, mask)
            if r > 1.2 * r_free:
                continue
            half = r * EDGE_MAX + BLOCK * 0.75
            if cx - half < x0 or cx + half > x1 or cy - half < y0 or cy + half > y1:
                continue
            t.r, t.half = r, half
            break
        placed.append(t)
        hmax = max(hmax, t.half)
        grid.setdefault((int(cx // cell), int(cy // cell)), []).append(t)
    dmin_seen = gap_seen = float("inf")
    for t in towns:
        ci, cj = int(t.cx // cell), int(t.cy // cell)
        for j in range(cj - 2, cj + 3):
            for i in range(ci - 2, ci + 3):
                for o in grid.get((i, j), ()):
                    if o is t:
                        continue
                    dx, dy = abs(t.cx - o.cx), abs(t.cy - o.cy)
                    dmin_seen = min(dmin_seen, math.hypot(dx, dy))
                    gap_seen = min(gap_seen, max(dx, dy) - t.half - o.half)
    summary = ("%d towns on %.0f km2 of land: largest %d buildings (radius %.0f m), smallest %d; "
               "nearest centres %.0f m apart, smallest gap between town squares %.0f m"
               % (k, mask.area_km2, towns[0].b, towns[0].r, towns[-1].b, dmin_seen, gap_seen))
    if log:
        log(summary)
    return towns, summary


def fits(cx, cy, half, gap, dmin, grid, cell, hmax):
    reach = half + hmax + gap
    n = int(math.ceil(reach / cell))
    ci, cj = int(cx // cell), int(cy // cell)
    for j in range(cj - n, cj + n + 1):
        for i in range(ci - n, ci + n + 1):
            for o in grid.get((i, j), ()):
                dx, dy = abs(cx - o.cx), abs(cy - o.cy)
                if max(dx, dy) < half + o.half + gap:
                    return False
                if dx * dx + dy * dy < dmin * dmin:
                    return False
    return True


# --------------------------------------------------------------------------
# Buildings of one town
# --------------------------------------------------------------------------

NUL_ABSENT, NUL_TRUE, NUL_FALSE = 0, 1, 2
NUL_JSON = ("", ',"nultreden":true', ',"nultreden":false')


def flat_units(rng):
    u = rng.random()
    return 10 + int(51 * u * u)


def gen_town_buildings(town, mask, rng):
    """Local-grid generation; returns lists xs, ys (RD), units, nul."""
    us, vs, units, nul = [], [], [], []
    ua, va, na, la = us.append, vs.append, units.append, nul.append
    rnd, uni, rint = rng.random, rng.uniform, rng.randint
    sigma = town.sigma
    qf, qs, qh = centre_q(sigma)
    half_b = BLOCK / 2.0

    def side_point(bu, bv, side, t, setback):
        # t in [0, SIDE] along the side, counter-clockwise around the block
        a = t + (BLOCK - SIDE) / 2.0 - half_b
        if side == 0:
            return bu + a, bv - half_b + setback
        if side == 1:
            return bu + half_b - setback, bv + a
        if side == 2:
            return bu - a, bv + half_b - setback
        return bu - half_b + setback, bv - a

    for bu, bv, rho, th in blocks(town, town.r, mask):
        if rho < town.rc:
            if rnd() < 0.05:
                continue                               # a square or a park
            for side in range(4):
                t = uni(0.0, 3.0)
                while t < SIDE:
                    q = rnd()
                    if q < qf:
                        w = CENTRE_ADV[0]
                        x, y = side_point(bu, bv, side, min(t + w / 2, SIDE), 14.0)
                        ua(x); va(y); na(flat_units(rng)); la(NUL_TRUE)
                    elif q < qf + qs:
                        w = CENTRE_ADV[1]
                        x, y = side_point(bu, bv, side, t + w / 2, 7.0)
                        ua(x); va(y); na(0); la(NUL_ABSENT)
                    else:
                        w = CENTRE_ADV[2]
                        x, y = side_point(bu, bv, side, t + w / 2, 6.0)
                        ua(x); va(y); na(1); la(NUL_FALSE if rnd() < 0.7 else NUL_ABSENT)
                    t += w
            if rnd() < 0.5 * sigma:
                ua(bu + uni(-15, 15)); va(bv + uni(-15, 15)); na(flat_units(rng)); la(NUL_TRUE)
            continue
        pp, pi, pf, ph = block_probs(town, rho, th)
        q = rnd()
        if q < pp:
            continue
        if q < pp + pi:                                # industrial
            n = rint(6, 20)
            k = 1 if n < 12 else 2
            for s in range(n):
                c = -half_b + (s % k + 0.5) * BLOCK / k
                a = -SIDE / 2 + ((s // k) + uni(0.2, 0.8)) * SIDE / ((n + k - 1) // k)
                side = -1 if rnd() < 0.5 else 1
                ua(bu + a); va(bv + c + side * 20.0); na(0); la(NUL_ABSENT)
            continue
        if q < pp + pi + pf:                           # flats
            n = rint(3, 7)
            per = 4 * SIDE / n
            for s in range(n):
                p = (s + uni(0.2, 0.8)) * per
                x, y = side_point(bu, bv, int(p // SIDE), p % SIDE, 15.0)
                ua(x); va(y); na(flat_units(rng)); la(NUL_TRUE)
            if rnd() < 0.4:
                ua(bu + uni(-20, 20)); va(bv + uni(-20, 20)); na(0); la(NUL_ABSENT)
            continue
        # houses along k streets, both sides
        target = house_target(town, rho)
        k = min(4, max(1, int(math.ceil(target * 6.2 / (2 * SIDE)))))
        m = max(6.0, 2 * k * SIDE / target)
        along_u = rnd() < 0.5
        for j in range(k):
            c = -half_b + (j + 0.5) * BLOCK / k
            for sgn in (-9.0, 9.0):
                off = c + sgn
                t = uni(0.0, 2.0)
                while t < SIDE:
                    if m <= 9.5:
                        nr = rint(3, 8)
                        s = uni(6.0, min(8.0, m))
                        pos = [t + (i + 0.5) * s for i in range(nr)]
                        t += nr * m
                    elif rnd() < 0.5:
                        pos = [t + m - 4.0, t + m + 4.0]
                        t += 2 * m
                    else:
                        pos = [t + m * uni(0.3, 0.7)]
                        t += m
                    for p in pos:
                        if p >= SIDE:
                            break
                        a = p - SIDE / 2
                        if along_u:
                            ua(bu + a); va(bv + off)
                        else:
                            ua(bu + off); va(bv + a)
                        na(1)
                        r3 = rnd()
                        la(NUL_TRUE if r3 < 0.12 else (NUL_FALSE if r3 < 0.60 else NUL_ABSENT))
        if rnd() < 0.5:
            x, y = side_point(bu, bv, rint(0, 3), uni(10, SIDE - 10), 25.0)
            ua(x); va(y); na(0); la(NUL_ABSENT)
    # rotate into RD
    ca, sa = math.cos(town.alpha), math.sin(town.alpha)
    cx, cy = town.cx, town.cy
    xs = [cx + u * ca - v * sa for u, v in zip(us, vs)]
    ys = [cy + u * sa + v * ca for u, v in zip(us, vs)]
    # farms just outside the built-up edge
    made = 0
    tries = 0
    while made < town.n_farms and tries < 50 * town.n_farms + 50:
        tries += 1
        th = uni(-math.pi, math.pi)
        r = town.r * town.edge(th) + 80.0 + uni(0.0, 0.25 * town.r + 300.0)
        x = cx + r * math.cos(th)
        y = cy + r * math.sin(th)
        if not mask.land(x, y) or not (EXTENT[0] < x < EXTENT[2] and EXTENT[1] < y < EXTENT[3]):
            continue
        xs.append(x); ys.append(y); units.append(1)
        nul.append(NUL_FALSE if rnd() < 0.4 else NUL_ABSENT)
        made += 1
    return xs, ys, units, nul


def town_buildings(town, mask, rng):
    """Exactly town.b buildings: generate with slack, drop the surplus at random."""
    for attempt in range(60):
        xs, ys, units, nul = gen_town_buildings(town, mask, rng)
        if len(xs) >= town.b:
            break
        if attempt >= 20:
            town.r *= 1.02
    else:
        raise SystemExit("town %d: could not make %d buildings" % (town.code, town.b))
    surplus = len(xs) - town.b
    if surplus:
        drop = bytearray(len(xs))
        for i in rng.sample(range(len(xs)), surplus):
            drop[i] = 1
        keep = [i for i in range(len(xs)) if not drop[i]]
        xs = [xs[i] for i in keep]
        ys = [ys[i] for i in keep]
        units = [units[i] for i in keep]
        nul = [nul[i] for i in keep]
    return xs, ys, units, nul


# --------------------------------------------------------------------------
# Buurten of one town: quadtree on the weight of the buildings
# --------------------------------------------------------------------------

def town_buurten(town, xs, ys, units, rng):
    g = 1 << DEPTH
    side = 2.0 * town.half
    x0, y0 = town.cx - town.half, town.cy - town.half
    cell = side / g
    ii, jj, ww, idx = [], [], [], []
    for k, (x, y, u) in enumerate(zip(xs, ys, units)):
        i = int((x - x0) / cell)
        j = int((y - y0) / cell)
        if 0 <= i < g and 0 <= j < g:
            idx.append(k)
            ii.append(i)
            jj.append(j)
            ww.append(u if u > 0 else 1)
    groups = []          # each: list of squares (i0, j0, s) in integer cells, plus weight

    def build(i0, j0, s, members):
        """members: indices into ii/jj/ww.  Returns (is_leaf, weight)."""
        w = 0
        for m in members:
            w += ww[m]
        if w <= SPLIT or s == 1:
            return True, w, members
        h = s // 2
        quads = ([], [], [], [])
        for m in members:
            quads[(1 if ii[m] >= i0 + h else 0) + (2 if jj[m] >= j0 + h else 0)].append(m)
        leaves = []                                    # [quadrants], weight
        for q in range(4):
            qi, qj = i0 + (q & 1) * h, j0 + (q >> 1) * h
            leaf, qw, _ = build(qi, qj, h, quads[q])
            if leaf and qw > 0:
                leaves.append(([q], qw))
        # merge the lightest leaf with an edge-adjacent sibling leaf while it is small
        while len(leaves) > 1:
            leaves.sort(key=lambda g: (g[1], g[0]))
            qs, qw = leaves[0]
            if qw >= SMALL:
                break
            best = None
            for k in range(1, len(leaves)):
                os_, ow = leaves[k]
                if qw + ow > MERGE_MAX:
                    continue
                if any((a ^ b) in (1, 2) for a in qs for b in os_):
                    if best is None or ow < leaves[best][1]:
                        best = k
            if best is None:
                break
            os_, ow = leaves.pop(best)
            leaves[0] = (sorted(qs + os_), qw + ow)
        for qs, qw in sorted(leaves):
            groups.append(([(i0 + (q & 1) * h, j0 + (q >> 1) * h, h) for q in qs], qw))
        return False, w, None

    leaf, w, _ = build(0, 0, g, list(range(len(idx))))
    if leaf and w > 0:
        groups.append(([(0, 0, g)], w))

    # outlines in integer coordinates
    outlines = []
    for squares, w in groups:
        outlines.append((union_outline(squares), w, squares))
    # T-junction vertices: all outline vertices, indexed by row and column
    rows, cols = {}, {}
    for polys, _, _ in outlines:
        for ring in polys:
            for (i, j) in ring:
                rows.setdefault(j, []).append(i)
                cols.setdefault(i, []).append(j)
    for d in (rows, cols):
        for key in d:
            d[key] = sorted(set(d[key]))
    result = []
    cxi = (town.cx - x0) / cell
    cyi = (town.cy - y0) / cell
    for polys, w, squares in outlines:
        rd_polys = []
        for ring in polys:
            full = []
            n = len(ring)
            for a in range(n):
                (pi_, pj), (qi, qj) = ring[a], ring[(a + 1) % n]
                full.append((pi_, pj))
                if pj == qj:
                    xsr = rows[pj]
                    lo, hi = min(pi_, qi), max(pi_, qi)
                    mid = xsr[bisect.bisect_right(xsr, lo):bisect.bisect_left(xsr, hi)]
                    if qi < pi_:
                        mid = mid[::-1]
                    full.extend((m, pj) for m in mid)
                else:
                    ysr = cols[pi_]
                    lo, hi = min(pj, qj), max(pj, qj)
                    mid = ysr[bisect.bisect_right(ysr, lo):bisect.bisect_left(ysr, hi)]
                    if qj < pj:
                        mid = mid[::-1]
                    full.extend((pi_, m) for m in mid)
            rd_polys.append([[(x0 + i * cell, y0 + j * cell) for i, j in full]])
        centre = any(a <= cxi < a + s and b <= cyi < b + s for a, b, s in squares)
        mi = sum(a + s / 2.0 for a, b, s in squares) / len(squares) - cxi
        mj = sum(b + s / 2.0 for a, b, s in squares) / len(squares) - cyi
        result.append((rd_polys, w, centre, math.atan2(mj, mi)))
    return result


def union_outline(squares):
    """Outline rings (counter-clockwise, integer vertices) of 1-3 sibling squares, or
    two separate squares when they touch only at a corner."""
    if len(squares) == 2:
        (a, b, s), (c, d, _) = squares
        if a != c and b != d:
            return [square_ring(a, b, s), square_ring(c, d, s)]
    edges = {}
    for a, b, s in squares:
        ring = square_ring(a, b, s)
        for k in range(4):
            p, q = ring[k], ring[(k + 1) % 4]
            if (q, p) in edges:
                del edges[(q, p)]
            else:
                edges[(p, q)] = True
    nxt = {}
    for p, q in edges:
        nxt[p] = q
    start = min(nxt)
    ring = [start]
    p = nxt[start]
    while p != start:
        ring.append(p)
        p = nxt[p]
    # drop collinear vertices
    out = []
    n = len(ring)
    for k in range(n):
        a, b, c = ring[k - 1], ring[k], ring[(k + 1) % n]
        if (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) != 0:
            out.append(b)
    return [out]


def square_ring(a, b, s):
    return [(a, b), (a + s, b), (a + s, b + s), (a, b + s)]


DIRS = ("Oost", "Noordoost", "Noord", "Noordwest", "West", "Zuidwest", "Zuid", "Zuidoost")


def buurt_names(town, buurten, rng):
    stems = [a + b for a in BUURT_STEM for b in BUURT_SUF]
    rng.shuffle(stems)
    names = []
    used = {}
    centre_done = False
    for k, (_, _, centre, ang) in enumerate(buurten):
        if centre and not centre_done:
            names.append("Centrum")
            centre_done = True
            continue
        base = stems[k % len(stems)]
        if base in used:
            used[base] += 1
            d = DIRS[int(round(ang / (math.pi / 4))) % 8]
            base = "%s-%s %d" % (base, d, used[base])
        else:
            used[base] = 1
        names.append(base)
    return names


# --------------------------------------------------------------------------
# Voorzieningen and OV-haltes of one town
# --------------------------------------------------------------------------

def town_voorzieningen(town, n, xs, ys, rng):
    out = []
    if n <= 0:
        return out
    types = [t for t, _ in VZ_TYPES]
    weights = [w for _, w in VZ_TYPES]
    rc = 1.5 * town.rc * town.r
    nres = len(xs)
    for k in range(n):
        typ = VZ_FIRST[k] if k < len(VZ_FIRST) and n >= 2 else rng.choices(types, weights)[0]
        if rng.random() < VZ_CENTRE[typ] or nres == 0:
            a = rng.uniform(-math.pi, math.pi)
            d = rc * math.sqrt(rng.random())
            x, y = town.cx + d * math.cos(a), town.cy + d * math.sin(a)
        else:
            i = rng.randrange(nres)
            a = rng.uniform(-math.pi, math.pi)
            d = rng.uniform(5.0, 25.0)
            x, y = xs[i] + d * math.cos(a), ys[i] + d * math.sin(a)
        if typ == "supermarkt":
            name = "%s %s" % (rng.choice(SUPERMARKETS), street(rng))
        elif typ == "bibliotheek":
            name = "Bibliotheek %s" % town.name
        else:
            name = "%s %s" % (rng.choice(VZ_NAMES[typ]), street(rng))
        out.append((typ, name, x, y))
    return out


def town_haltes(town, n, rng):
    out = []
    if n <= 0:
        return out
    if town.b >= 8000:
        a = rng.uniform(-math.pi, math.pi)
        d = town.r * rng.uniform(0.08, 0.25)
        out.append(("Station %s" % town.name, "train",
                    town.cx + d * math.cos(a), town.cy + d * math.sin(a)))
    line = 0
    while len(out) < n and line < 200:
        if town.b >= 300000 and line < 2:
            mode = "metro"
        elif town.b >= 100000 and line < 5:
            mode = "tram"
        else:
            mode = "bus"
        phi = rng.uniform(0.0, math.pi)
        off = town.r * 0.3 * rng.uniform(-1.0, 1.0) if line else 0.0
        ox = town.cx - off * math.sin(phi)
        oy = town.cy + off * math.cos(phi)
        dx, dy = math.cos(phi), math.sin(phi)
        l1 = town.r * town.edge(phi + math.pi) * rng.uniform(0.85, 1.05)
        l2 = town.r * town.edge(phi) * rng.uniform(0.85, 1.05)
        step = (lambda: rng.uniform(600.0, 900.0)) if mode == "metro" else \
            (lambda: rng.uniform(300.0, 500.0))
        ts = [rng.uniform(-100.0, 100.0)]
        while ts[-1] + 300.0 < l2:
            ts.append(ts[-1] + step())
        t = ts[0]
        while t - 300.0 > -l1:
            t -= step()
            ts.append(t)
        ts.sort(key=lambda v: (abs(v), v))
        for t in ts:
            if len(out) >= n:
                break
            x, y = ox + t * dx, oy + t * dy
            name = "%s, %s" % (town.name, "Centrum" if t == ts[0] and line == 0 else street(rng))
            if len(out) + 2 <= n and rng.random() < 0.25:
                h = rng.uniform(5.0, 10.0)
                out.append((name, mode, x - h * dy, y + h * dx))
                out.append((name, mode, x + h * dy, y - h * dx))
            else:
                out.append((name, mode, x, y))
        line += 1
    return out


# --------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------

def generate(n, outdir, seed, rd, quiet):
    t0 = time.perf_counter()

    def log(msg):
        if not quiet:
            print("[%7.1f s] %s" % (time.perf_counter() - t0, msg), file=sys.stderr, flush=True)

    if n < 1:
        raise SystemExit("--buildings must be at least 1")
    mask = LandMask()
    towns, town_summary = make_towns(n, seed, mask, log)
    n_vz = max(12, int(round(n * VZ_PER_BUILDING)))
    n_ov = max(6, int(round(n * OV_PER_BUILDING)))
    vz_share = share(n_vz, [t.b for t in towns])
    ov_share = share(n_ov, [t.b for t in towns])
    os.makedirs(outdir, exist_ok=True)
    out = Output(outdir, rd)
    stats = {"units": 0, "buurten": 0}
    type_count = {}
    mode_count = {}
    unit_hist = [0, 0, 0]
    table = []
    done = 0
    next_log = 0
    t_gen = 0.0
    for t in towns:
        tg = time.perf_counter()
        rng = random.Random(t.rng_seed)
        xs, ys, units, nul = town_buildings(t, mask, rng)
        prefix = "%04d01" % t.code
        props = ['{"id":"%s%010d","units":%d%s}' % (prefix, i + 1, u, NUL_JSON[c])
                 for i, (u, c) in enumerate(zip(units, nul))]
        homes = sum(units)
        t.homes = homes
        stats["units"] += homes
        for u in units:
            unit_hist[0 if u == 0 else (1 if u == 1 else 2)] += 1
        buurten = town_buurten(t, xs, ys, units, rng)
        names = buurt_names(t, buurten, rng)
        res = [k for k, u in enumerate(units) if u > 0]
        vz = town_voorzieningen(t, vz_share[t.index], [xs[k] for k in res], [ys[k] for k in res],
                                rng)
        ov = town_haltes(t, ov_share[t.index], rng)
        t_gen += time.perf_counter() - tg
        out.buildings(array.array("d", xs), array.array("d", ys), props)
        for serial, ((polys, w, centre, ang), name) in enumerate(zip(buurten, names), start=1):
            code = "BU%04d%04d" % (t.code, serial)
            out.polygons("buurten", '{"code":"%s","name":%s,"woonplaats":%s}'
                         % (code, jstr(name), jstr(t.name)), polys)
        stats["buurten"] += len(buurten)
        for typ, name, x, y in vz:
            out.point("voorzieningen", '{"type":"%s","name":%s}' % (typ, jstr(name)), x, y)
            type_count[typ] = type_count.get(typ, 0) + 1
        for name, mode, x, y in ov:
            out.point("ov_haltes", '{"name":%s,"mode":"%s"}' % (jstr(name), mode), x, y)
            mode_count[mode] = mode_count.get(mode, 0) + 1
        out.flush()
        area_ha = 0.5 * sum((t.r * t.edge(2 * math.pi * k / 360.0)) ** 2
                            for k in range(360)) * (2 * math.pi / 360.0) / 1e4
        table.append((t.code, t.name, t.b, homes, t.r, homes / area_ha, len(buurten),
                      vz_share[t.index], len(ov)))
        done += t.b
        if done >= next_log:
            log("%d of %d buildings (town %d of %d)" % (done, n, t.code, len(towns)))
            next_log = done + max(n // 10, 1)
    tw = time.perf_counter()
    counts = out.close()
    t_close = time.perf_counter() - tw
    total = time.perf_counter() - t0
    print("make-country: %d buildings (%d homes; units 0: %d, 1: %d, >1: %d), %d towns, "
          "%d buurten, %d voorzieningen, %d ov-haltes -> %s (%s)"
          % (counts["buildings"], stats["units"], unit_hist[0], unit_hist[1], unit_hist[2],
             len(towns), counts["buurten"], counts["voorzieningen"], counts["ov_haltes"],
             outdir, "RD New" if rd else "WGS84"))
    print("  " + town_summary)
    print("  voorzieningen: %s" % ", ".join("%s %d" % (k, type_count[k])
                                            for k in sorted(type_count)))
    print("  ov-haltes:     %s" % ", ".join("%s %d" % (k, mode_count[k])
                                            for k in sorted(mode_count)))
    print("  towns (code, name, buildings, homes, radius m, homes/ha of town, buurten, "
          "voorzieningen, haltes):")
    show = table[:5] + ([None] if len(table) > 10 else []) + table[max(5, len(table) - 3):]
    for row in show:
        if row is None:
            print("    ...")
        else:
            print("    %4d %-22s %8d %8d %7.0f %6.1f %5d %5d %5d" % row)
    for f in FILES:
        p = os.path.join(outdir, f + ".geojson")
        print("  %-22s %14d bytes" % (f + ".geojson", os.path.getsize(p)))
    print("  seconds: generate %.1f, project %.1f, format+write %.1f, total %.1f"
          % (t_gen, out.t_proj, out.t_write + t_close, total))


# --------------------------------------------------------------------------
# Check
# --------------------------------------------------------------------------

def read_features(path):
    """Yield (index, feature) from a one-feature-per-line FeatureCollection; also checks the
    layout.  The header's crs member (if any) is yielded first as (-1, header dict)."""
    with open(path, encoding="utf-8") as fh:
        head = fh.readline()
        if not head.startswith('{"type":"FeatureCollection"') or not head.rstrip("\n").endswith(
                '"features":['):
            raise ValueError("%s: unexpected first line" % path)
        yield -1, json.loads(head.rstrip("\n") + "]}")
        k = 0
        prev = None
        for line in fh:
            line = line.rstrip("\n")
            if line in ("]}", ""):
                if line == "]}":
                    if prev is not None and prev.endswith(","):
                        raise ValueError("%s: comma after the last feature" % path)
                    prev = "]}"
                continue
            if prev == "]}":
                raise ValueError("%s: text after the end" % path)
            if prev is not None and not prev.endswith(","):
                raise ValueError("%s: line %d: missing comma" % (path, k + 1))
            prev = line
            yield k, json.loads(line[:-1] if line.endswith(",") else line)
            k += 1
        if prev != "]}":
            raise ValueError("%s: missing closing line" % path)


def pip(x, y, ring):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < xi + (y - yi) * (xj - xi) / (yj - yi):
            inside = not inside
        j = i
    return inside


def check(outdir):
    t0 = time.perf_counter()
    errors = []
    proj = Proj()
    mask = LandMask()
    rd = None
    layers = {}
    for f in FILES:
        path = os.path.join(outdir, f + ".geojson")
        xs, ys = array.array("d"), array.array("d")
        feats = []
        try:
            for k, feat in read_features(path):
                if k < 0:
                    crs = feat.get("crs")
                    this_rd = crs is not None
                    if crs is not None and crs != {"type": "name",
                                                   "properties": {"name": "EPSG:28992"}}:
                        errors.append("%s: unexpected crs %r" % (f, crs))
                    if rd is None:
                        rd = this_rd
                    elif rd != this_rd:
                        errors.append("%s: crs differs from the other files" % f)
                    continue
                g = feat["geometry"]
                p = feat["properties"]
                if f == "buildings":
                    if g["type"] != "Point":
                        errors.append("%s #%d: not a Point" % (f, k))
                    xs.append(g["coordinates"][0])
                    ys.append(g["coordinates"][1])
                    feats.append((p["id"], p["units"], p.get("nultreden")))
                elif f in ("voorzieningen", "ov_haltes"):
                    xs.append(g["coordinates"][0])
                    ys.append(g["coordinates"][1])
                    feats.append(p)
                else:
                    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
                    lens = []
                    for poly in polys:
                        for ring in poly:
                            if ring[0] != ring[-1] or len(ring) < 4:
                                errors.append("%s #%d: ring not closed" % (f, k))
                            for c in ring[:-1]:
                                xs.append(c[0])
                                ys.append(c[1])
                            lens.append(len(ring) - 1)
                    feats.append((p, g["type"], lens))
        except (OSError, ValueError, KeyError, TypeError, IndexError) as e:
            errors.append("%s: %s" % (f, e))
        layers[f] = (xs, ys, feats)
    # coordinates inside the Netherlands
    for f in FILES:
        xs, ys, _ = layers[f]
        if not len(xs):
            continue
        if not rd:
            if min(xs) < LONLAT_BOX[0] or max(xs) > LONLAT_BOX[2] or \
                    min(ys) < LONLAT_BOX[1] or max(ys) > LONLAT_BOX[3]:
                errors.append("%s: lon/lat outside %s" % (f, LONLAT_BOX))
            proj.arrays_to_rd(xs, ys)
        if min(xs) < EXTENT[0] or max(xs) > EXTENT[2] or min(ys) < EXTENT[1] or \
                max(ys) > EXTENT[3]:
            errors.append("%s: RD coordinates outside the extent %s (x %.0f..%.0f, y %.0f..%.0f)"
                          % (f, EXTENT, min(xs), max(xs), min(ys), max(ys)))
    proj.close()
    # buildings
    bx, by, bf = layers["buildings"]
    ids = set()
    dup = 0
    units = 0
    hist = {}
    nul = {"true": 0, "false": 0, "absent": 0}
    for bid, u, nt in bf:
        if bid in ids:
            dup += 1
        ids.add(bid)
        if not isinstance(u, int) or isinstance(u, bool) or u < 0:
            errors.append("buildings: bad units %r" % (u,))
        units += u
        key = "0" if u == 0 else ("1" if u == 1 else "flat (10-60)" if 10 <= u <= 60 else "other")
        hist[key] = hist.get(key, 0) + 1
        nul["absent" if nt is None else ("true" if nt is True else "false")] += 1
    ids = None
    if dup:
        errors.append("buildings: %d duplicate ids" % dup)
    off_land = sum(1 for x, y in zip(bx, by) if not mask.land(x, y))
    print("buildings       %d features, %d units (%s); nultreden %s; %d unique ids; "
          "%d off the rough land mask"
          % (len(bf), units, ", ".join("units %s: %d" % (k, hist[k]) for k in sorted(hist)),
             ", ".join("%s %d" % kv for kv in nul.items()), len(bf) - dup, off_land))
    # voorzieningen
    vx, vy, vf = layers["voorzieningen"]
    types = {}
    for p in vf:
        types[p["type"]] = types.get(p["type"], 0) + 1
    print("voorzieningen   %d (%s)" % (len(vf), ", ".join("%s %d" % (k, types[k])
                                                          for k in sorted(types))))
    ox, oy, of = layers["ov_haltes"]
    modes = {}
    names = {}
    for p in of:
        modes[p["mode"]] = modes.get(p["mode"], 0) + 1
    for k, p in enumerate(of):
        names.setdefault(p["name"], []).append(k)
    pairs = 0
    for nm, ks in names.items():
        for a in range(len(ks) - 1):
            i, j = ks[a], ks[a + 1]
            if j == i + 1 and 9.5 <= math.hypot(ox[i] - ox[j], oy[i] - oy[j]) <= 20.5:
                pairs += 1
    print("ov_haltes       %d (%s); %d platform pairs 10-20 m apart with one name"
          % (len(of), ", ".join("%s %d" % (k, modes[k]) for k in sorted(modes)), pairs))
    # buurten
    ux, uy, uf = layers["buurten"]
    codes = set()
    dupc = 0
    polys = []
    k = 0
    n_multi = 0
    for p, gtype, lens in uf:
        if p["code"] in codes:
            dupc += 1
        codes.add(p["code"])
        if not (len(p["code"]) == 10 and p["code"].startswith("BU") and p["code"][2:].isdigit()):
            errors.append("buurten: bad code %r" % p["code"])
        rings = []
        for n in lens:
            rings.append(list(zip(ux[k:k + n], uy[k:k + n])))
            k += n
        if gtype == "MultiPolygon":
            n_multi += 1
        xsr = [c[0] for r in rings for c in r]
        ysr = [c[1] for r in rings for c in r]
        polys.append((rings, min(xsr), min(ysr), max(xsr), max(ysr)))
    if dupc:
        errors.append("buurten: %d duplicate codes" % dupc)
    cell = 1000.0
    grid = {}
    for b, (rings, a, c, d, e) in enumerate(polys):
        for j in range(int(c // cell), int(e // cell) + 1):
            for i in range(int(a // cell), int(d // cell) + 1):
                grid.setdefault((i, j), []).append(b)
    outside_b = outside_h = multi = 0
    per = [0] * len(polys)
    for (x, y), (_, u, _) in zip(zip(bx, by), bf):
        hits = 0
        first = -1
        for b in grid.get((int(x // cell), int(y // cell)), ()):
            rings, a, c, d, e = polys[b]
            if x < a or x > d or y < c or y > e:
                continue
            if any(pip(x, y, r) for r in rings):
                hits += 1
                if first < 0:
                    first = b
        if hits == 0:
            outside_b += 1
            outside_h += u
        else:
            per[first] += u
            if hits > 1:
                multi += 1
    if multi:
        errors.append("buurten overlap: %d buildings in more than one buurt" % multi)
    s = sorted(per)
    if s:
        inr = sum(1 for v in s if 500 <= v <= 3000)
        print("buurten         %d (%d MultiPolygon), %d unique codes; homes per buurt: min %d, "
              "median %d, mean %.0f, max %d; %d (%.0f %%) with 500-3,000 homes"
              % (len(polys), n_multi, len(codes), s[0], s[len(s) // 2], sum(s) / len(s), s[-1],
                 inr, 100.0 * inr / len(s)))
    print("outside         %d buildings with %d homes lie in no buurt; %d buildings in more "
          "than one buurt" % (outside_b, outside_h, multi))
    print("crs             %s" % ("RD New (EPSG:28992 crs member)" if rd else "WGS84"))
    for f in FILES:
        p = os.path.join(outdir, f + ".geojson")
        print("%-22s %14d bytes" % (f + ".geojson", os.path.getsize(p)))
    print("check took %.1f s" % (time.perf_counter() - t0))
    if errors:
        for e in errors[:50]:
            print("ERROR:", e)
        print("%d error(s)" % len(errors))
        return 1
    print("check OK")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--buildings", type=int, help="number of buildings (features)")
    ap.add_argument("--out", help="output folder")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--crs", choices=("wgs84", "rd"), default="wgs84",
                    help="output coordinates (default wgs84)")
    ap.add_argument("--check", metavar="DIR", help="check the files in DIR instead of writing")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    args = ap.parse_args()
    try:
        if args.check:
            sys.exit(check(args.check))
        if args.buildings is None or not args.out:
            ap.error("--buildings and --out are required (or --check DIR)")
        generate(args.buildings, args.out, args.seed, args.crs == "rd", args.quiet)
    except BrokenPipeError:                      # e.g. piped into head: the files are complete
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    main()
