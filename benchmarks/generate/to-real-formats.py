#!/usr/bin/env python3
"""Convert a make-country.py data set into the file formats Dutch analysts download.

    to-real-formats.py IN_DIR OUT_DIR [--seed S] [--quiet]
    to-real-formats.py --check OUT_DIR

IN_DIR must have been written by `make-country.py --crs rd` (RD New coordinates, the
legacy GeoJSON "crs" member); WGS84 input is refused.  OUT_DIR receives:

  bag-light.gpkg           BAG-like GeoPackage, layer verblijfsobject (Points, EPSG:28992)
  wijkenbuurten.gpkg       CBS-like wijk- en buurtkaart, layer buurten (MultiPolygons)
  gtfs/                    a GTFS feed like OVapi's gtfs-nl (stops.txt with a UTF-8 BOM)
  voorzieningen-osm.csv    OpenStreetMap-style POIs (osm_id,lon,lat,amenity,shop,healthcare,name)
  buurtcode-mapping.csv    input buurt code -> the CBS-style code in wijkenbuurten.gpkg
  manifest.toml            which file holds what, plus the expected counts as comments

BAG.  Every building with units k >= 1 becomes k verblijfsobjecten at the building's point
(flats: all k at the SAME point, as in real BAG extracts), gebruiksdoel 'woonfunctie' (1.5 %
'woonfunctie,winkelfunctie', 1.5 % 'woonfunctie,kantoorfunctie'), sharing one
pand_identificatie (town4 + '10' + the building's 10-digit serial).  A building with units 0
becomes one verblijfsobject with a non-residential gebruiksdoel.  Status of these rows:
'Verblijfsobject in gebruik' 97.5 : '... in gebruik (niet ingemeten)' 0.8 : '... buiten
gebruik' 0.4 : 'Verbouwing verblijfsobject' 0.3 (all "existing").  Per town, 0.95/99 of its
rows are added as NON-existing woonfunctie rows 5-30 m from a random home of the town, each
in a new pand: 'Verblijfsobject gevormd' 0.5 : 'Verblijfsobject ingetrokken' 0.3 : 'Niet
gerealiseerd verblijfsobject' 0.1 : 'Verblijfsobject ten onrechte opgevoerd' 0.05.  So the
existing rows whose gebruiksdoel contains woonfunctie number exactly the input's sum of
units.  identificatie: town4 + '01' + 10-digit serial per town (the real BAG pattern).
oppervlakte uniform 30-200, bouwjaar uniform 1900-2024 per pand.  Rows are in input order
(town, then building); each town's extra rows follow its buildings.  Point blobs have no
envelope (flags 0x01).

Buurten.  The input buurten are re-coded CBS-style: each town's buurten, in input order,
are grouped into wijken of k = max(8, ceil(n / 100)) consecutive buurten; buurtcode = 'BU' +
gemeente4 + wijk2 + buurt2 (both from 00), wijkcode 'WK' + gemeente4 + wijk2, gemeentecode
'GM' + gemeente4.  Every 200th buurt (counting nationally, the first town always) adds a
water buurt (water 'JA', buurtnaam 'Water <town>'): a 300-900 x 80-250 m rectangle 10-40 m
outside the bounding box of its town's buurten, overlapping no buurt's bounding box.
aantal_inwoners = 2.1 x homes rounded to 5, or -99997 for fewer than 10 homes.
AF_ARTSPR / AF_APOTH / AF_SUPERM: unit-weighted mean straight-line distance from the buurt's
homes to the nearest huisarts / apotheek / supermarkt, times a detour factor uniform in
1.2-1.5 per buurt, in km rounded to 0.1; NULL for a buurt without homes.  Polygon blobs have
an xy envelope (flags 0x03).  The layers wijken and gemeenten are not written.

GTFS.  Consecutive input haltes with one name and mode <= 25 m apart are one stop place with
two platforms.  Train haltes become a station (location_type 1) with platforms 1 and 2
(35-71 m from the station point).  The first platform pair and 15 % of the others get a
parent stop area (location_type 1); half the parents get an entrance (location_type 2),
a quarter a generic node (3), at least one of each.  2 % of the platforms (at least one)
have an empty location_type.  Routes: per town and mode, consecutive stop places in input
order, up to 10 per route, ordered along their principal axis; places that are the only one
of their town and mode (and all train stations) form national routes of up to 8 ordered in
bands of 60 km.  Two trips per route: out via each place's first platform, back via its
last.  stops.txt starts with a UTF-8 BOM; all GTFS files use CRLF line ends.

OSM.  huisarts -> amenity=doctors + healthcare=doctor, apotheek -> amenity=pharmacy +
healthcare=pharmacy, supermarkt -> shop=supermarket, ontmoetingsruimte ->
amenity=community_centre, zorgcentrum -> amenity=nursing_home, bibliotheek ->
amenity=library; plus 20 % unrelated POIs 5-30 m from random homes.  Rows sorted by osm_id.

Deterministic: same input, seed and PROJ give byte-identical files (SQLite files: same
statements in the same order, same SQLite version).  Everything is written to *.tmp and
renamed at the end.  Only the Python standard library and libproj are used.
"""

import argparse
import array
import csv
import io
import json
import math
import os
import random
import re
import shutil
import sqlite3
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from rd_projection import Proj  # noqa: E402  (shared with make-country.py)

IN_FILES = ("buildings", "voorzieningen", "ov_haltes", "buurten")
RD_NAMES = ("EPSG:28992", "urn:ogc:def:crs:EPSG::28992")
SRS = 28992
BATCH = 50_000

WKT_28992 = (
    'PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",'
    '6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],AUTHORITY["EPSG","6289"]],'
    'PRIMEM["Greenwich",'
    '0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],PARAMETER["latitude_of_origin",'
    '52.1561605555556],PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",'
    '0.9999079],PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",'
    '1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],'
    'AUTHORITY["EPSG","28992"]]')
WKT_4326 = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG",'
    '"7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",'
    '0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],'
    'AUTHORITY["EPSG","4326"]]')

EXISTING = (("Verblijfsobject in gebruik", 97.5),
            ("Verblijfsobject in gebruik (niet ingemeten)", 0.8),
            ("Verblijfsobject buiten gebruik", 0.4),
            ("Verbouwing verblijfsobject", 0.3))
NOT_EXISTING = (("Verblijfsobject gevormd", 0.5),
                ("Verblijfsobject ingetrokken", 0.3),
                ("Niet gerealiseerd verblijfsobject", 0.1),
                ("Verblijfsobject ten onrechte opgevoerd", 0.05))
EXTRA_RATE = sum(w for _, w in NOT_EXISTING) / sum(w for _, w in EXISTING)
NON_RES = ("winkelfunctie", "kantoorfunctie", "bijeenkomstfunctie", "industriefunctie",
           "onderwijsfunctie", "gezondheidszorgfunctie")
MIXED = (("woonfunctie,winkelfunctie", 0.015), ("woonfunctie,kantoorfunctie", 0.030))

AF_TYPES = (("AF_ARTSPR", "huisarts"), ("AF_APOTH", "apotheek"), ("AF_SUPERM", "supermarkt"))
SECRET = -99997

ROUTE_TYPE = {"tram": 0, "metro": 1, "train": 2, "bus": 3}
AGENCY = (("BUS", "Streekvervoer Polderland", "https://bus.example.nl"),
          ("TRAM", "Stadsvervoer Randland", "https://tram.example.nl"),
          ("METRO", "Metro Randland", "https://metro.example.nl"),
          ("TREIN", "Spoorwegen Polderland", "https://trein.example.nl"))
MODE_AGENCY = {"bus": "BUS", "tram": "TRAM", "metro": "METRO", "train": "TREIN"}

OSM_TAGS = {"huisarts": ("doctors", "", "doctor"), "apotheek": ("pharmacy", "", "pharmacy"),
            "supermarkt": ("", "supermarket", ""),
            "ontmoetingsruimte": ("community_centre", "", ""),
            "zorgcentrum": ("nursing_home", "", ""), "bibliotheek": ("library", "", "")}
OSM_TO_TYPE = {("amenity", "doctors"): "huisarts", ("amenity", "pharmacy"): "apotheek",
               ("shop", "supermarket"): "supermarkt",
               ("amenity", "community_centre"): "ontmoetingsruimte",
               ("amenity", "nursing_home"): "zorgcentrum", ("amenity", "library"): "bibliotheek"}
OSM_EXTRA = (  # (amenity, shop, healthcare, name stems)
    ("restaurant", "", "", ("Restaurant De Gouden Leeuw", "Eetcafe 't Hoekje", "Pizzeria Roma",
                            "Brasserie, Bar & Grill", 'Restaurant "Het Wapen"')),
    ("cafe", "", "", ("Cafe De Zwaan", "Koffiehuis", 'Cafe "De Kroon"', "Lunchroom, Tearoom")),
    ("fast_food", "", "", ("Snackbar", "Cafetaria De Smulhoek", "Friettent")),
    ("bank", "", "", ("Geldautomaat", "Bankkantoor")),
    ("school", "", "", ("Basisschool De Regenboog", "OBS De Linde", "Christelijke basisschool")),
    ("place_of_worship", "", "", ("Dorpskerk", "Protestantse kerk", "Moskee")),
    ("dentist", "", "dentist", ("Tandartspraktijk", "Mondzorg, Tandarts & Preventie")),
    ("pub", "", "", ("Kroeg De Gouden Ton", "Bruin cafe")),
    ("", "bakery", "", ("Bakkerij", "Bakker Bart", "Warme bakker, brood & banket")),
    ("", "convenience", "", ("Buurtwinkel", "Avondwinkel", "Toko")),
    ("", "hairdresser", "", ("Kapsalon", 'Kapper "Knip & Zo"', "Barbershop")),
    ("", "clothes", "", ("Modehuis", "Kledingzaak")),
    ("", "butcher", "", ("Slagerij", "Keurslager")),
    ("", "florist", "", ("Bloemenhuis", "Bloemsierkunst")),
    ("", "", "physiotherapist", ("Fysiotherapie", "Fysio, Manuele therapie",
                                 "Fysiotherapiepraktijk")),
)

BUILDING_RE = re.compile(
    r'"properties":\{"id":"(\d+)","units":(\d+)(?:,"nultreden":(?:true|false))?\},'
    r'"geometry":\{"type":"Point","coordinates":\[(-?[0-9.]+),(-?[0-9.]+)\]\}\}')

T0 = time.perf_counter()
QUIET = False


def log(msg):
    if not QUIET:
        print("[%7.1f s] %s" % (time.perf_counter() - T0, msg), file=sys.stderr, flush=True)


class Fail(Exception):
    pass


# --------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------

def check_header(path):
    """The first line of a make-country file; refuse anything but RD New."""
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.readline().rstrip("\n")
    except OSError as e:
        raise Fail("cannot read %s: %s" % (path, e))
    if not head.startswith('{"type":"FeatureCollection"') or not head.endswith('"features":['):
        raise Fail("%s: not a one-feature-per-line FeatureCollection as make-country.py writes"
                   % path)
    crs = json.loads(head + "]}").get("crs")
    if crs is None:
        raise Fail("%s has no \"crs\" member, so it is WGS84 longitude/latitude. "
                   "to-real-formats.py needs RD New input: make it with "
                   "make-country.py --crs rd" % path)
    name = (crs.get("properties") or {}).get("name") if isinstance(crs, dict) else None
    if name not in RD_NAMES:
        raise Fail("%s declares crs %r; only EPSG:28992 (RD New, make-country.py --crs rd) "
                   "is accepted" % (path, name))


def features(path):
    """Yield (index, line) for the feature lines of a one-feature-per-line file."""
    with open(path, encoding="utf-8") as fh:
        fh.readline()
        k = 0
        for line in fh:
            line = line.rstrip("\n")
            if line.endswith(","):
                line = line[:-1]
            if not line or line == "]}":
                continue
            yield k, line
            k += 1


def load_points(path):
    out = []
    for k, line in features(path):
        f = json.loads(line)
        g = f.get("geometry") or {}
        if g.get("type") != "Point":
            raise Fail("%s #%d: geometry %r, expected Point" % (path, k, g.get("type")))
        x, y = g["coordinates"][:2]
        out.append((f.get("properties") or {}, float(x), float(y)))
    return out


# --------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------

def seg_hits_box(x1, y1, x2, y2, bx0, by0, bx1, by1):
    """Does the segment meet the closed box?  (Liang-Barsky)"""
    if max(x1, x2) < bx0 or min(x1, x2) > bx1 or max(y1, y2) < by0 or min(y1, y2) > by1:
        return False
    if x1 == x2 or y1 == y2:
        return True
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - bx0), (dx, bx1 - x1), (-dy, y1 - by0), (dy, by1 - y1)):
        r = q / p
        if p < 0:
            if r > t1:
                return False
            if r > t0:
                t0 = r
        else:
            if r < t0:
                return False
            if r < t1:
                t1 = r
    return True


def pip(x, y, edges):
    """Even-odd over all rings; edges = non-horizontal (x1, y1, x2, y2)."""
    inside = False
    for x1, y1, x2, y2 in edges:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


class BuurtIndex:
    """Which buurt holds a point: a 500 m bucket grid of bounding boxes, and a cache of 100 m
    cells that no buurt edge crosses (the whole cell in one buurt or in none)."""
    BUCKET = 500.0
    CELL = 100.0

    def __init__(self, buurten):
        self.bbox = []
        self.edges = []      # for PIP (non-horizontal)
        self.segs = []       # all edges
        self.grid = {}
        B = self.BUCKET
        for b, bu in enumerate(buurten):
            segs = []
            for poly in bu["polys"]:
                for ring in poly:
                    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                        segs.append((x1, y1, x2, y2))
            xs = [c[0] for poly in bu["polys"] for ring in poly for c in ring]
            ys = [c[1] for poly in bu["polys"] for ring in poly for c in ring]
            box = (min(xs), min(ys), max(xs), max(ys))
            self.bbox.append(box)
            self.segs.append(segs)
            self.edges.append([s for s in segs if s[1] != s[3]])
            for j in range(int(box[1] // B), int(box[3] // B) + 1):
                for i in range(int(box[0] // B), int(box[2] // B) + 1):
                    self.grid.setdefault((i, j), []).append(b)
        self.cache = {}
        self.n_pip = 0

    def clear(self):
        self.cache = {}

    def _cell(self, ci, cj):
        C = self.CELL
        x0, y0 = ci * C, cj * C
        x1, y1 = x0 + C, y0 + C
        per = int(self.BUCKET / C)
        cands = []
        crossed = False
        for b in self.grid.get((ci // per, cj // per), ()):
            bx0, by0, bx1, by1 = self.bbox[b]
            if bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1:
                continue
            cands.append(b)
            if not crossed:
                for s in self.segs[b]:
                    if seg_hits_box(s[0], s[1], s[2], s[3], x0, y0, x1, y1):
                        crossed = True
                        break
        if crossed:
            return tuple(cands)
        cx, cy = x0 + 0.5 * C, y0 + 0.5 * C
        for b in cands:
            if pip(cx, cy, self.edges[b]):
                return b
        return -1

    def find(self, x, y):
        key = (int(x // self.CELL), int(y // self.CELL))
        c = self.cache.get(key)
        if c is None:
            c = self.cache[key] = self._cell(*key)
        if c.__class__ is int:
            return c
        self.n_pip += 1
        for b in c:
            bx0, by0, bx1, by1 = self.bbox[b]
            if bx0 <= x <= bx1 and by0 <= y <= by1 and pip(x, y, self.edges[b]):
                return b
        return -1


class Nearest:
    """Nearest point of a fixed set: a 1 km bucket grid, and per 250 m cell the few points
    that can be nearest to some point of the cell."""
    BUCKET = 1000.0
    CELL = 250.0

    def __init__(self, pts):
        self.pts = pts
        self.grid = {}
        B = self.BUCKET
        for x, y in pts:
            self.grid.setdefault((int(x // B), int(y // B)), []).append((x, y))
        if pts:
            self.gi0 = min(int(x // B) for x, _ in pts)
            self.gi1 = max(int(x // B) for x, _ in pts)
            self.gj0 = min(int(y // B) for _, y in pts)
            self.gj1 = max(int(y // B) for _, y in pts)
        self.cache = {}

    def clear(self):
        self.cache = {}

    def _cell(self, ci, cj):
        C, B = self.CELL, self.BUCKET
        x0, y0 = ci * C, cj * C
        x1, y1 = x0 + C, y0 + C
        cx, cy = x0 + 0.5 * C, y0 + 0.5 * C
        hd = C * math.sqrt(0.5)
        bi, bj = int(cx // B), int(cy // B)
        coll = []
        best = math.inf
        r = 0
        while True:
            for j in range(bj - r, bj + r + 1):
                step = 1 if j in (bj - r, bj + r) else 2 * r
                for i in range(bi - r, bi + r + 1, max(step, 1)):
                    for p in self.grid.get((i, j), ()):
                        dx = max(abs(p[0] - x0), abs(p[0] - x1))
                        dy = max(abs(p[1] - y0), abs(p[1] - y1))
                        dmax = math.sqrt(dx * dx + dy * dy)
                        if dmax < best:
                            best = dmax
                        coll.append(p)
            if r * B - hd > best:
                break
            if bi - r <= self.gi0 and bi + r >= self.gi1 and bj - r <= self.gj0 and \
                    bj + r >= self.gj1:
                break
            r += 1
        out = []
        for p in coll:
            dx = max(x0 - p[0], 0.0, p[0] - x1)
            dy = max(y0 - p[1], 0.0, p[1] - y1)
            if math.sqrt(dx * dx + dy * dy) <= best:
                out.append(p)
        return tuple(out)

    def dist(self, x, y):
        if not self.pts:
            return math.inf
        key = (int(x // self.CELL), int(y // self.CELL))
        c = self.cache.get(key)
        if c is None:
            c = self.cache[key] = self._cell(*key)
        best = math.inf
        for px, py in c:
            d = (px - x) * (px - x) + (py - y) * (py - y)
            if d < best:
                best = d
        return math.sqrt(best)


# --------------------------------------------------------------------------
# GeoPackage
# --------------------------------------------------------------------------

GPKG_DDL = [
    "PRAGMA application_id = 1196444487",
    "PRAGMA user_version = 10200",
    """CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT)""",
    """CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
]
SRS_ROWS = [
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined",
     "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined",
     "undefined geographic coordinate reference system"),
    ("WGS 84 geodetic", 4326, "EPSG", 4326, WKT_4326,
     "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
    ("Amersfoort / RD New", 28992, "EPSG", 28992, WKT_28992, "Amersfoort / RD New"),
]
LAST_CHANGE = "1970-01-01T00:00:00.000Z"
POINT_HEAD = b"GP\x00\x01" + struct.pack("<i", SRS) + b"\x01" + struct.pack("<I", 1)
XY = struct.Struct("<dd")


def gpkg_open(path, table, gtype, columns):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    for s in GPKG_DDL:
        db.execute(s)
    db.execute("BEGIN")
    db.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", SRS_ROWS)
    db.execute("CREATE TABLE %s (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom %s, %s)"
               % (table, gtype, ", ".join(columns)))
    db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
               "last_change, srs_id) VALUES (?, 'features', ?, '', ?, ?)",
               (table, table, LAST_CHANGE, SRS))
    db.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)",
               (table, gtype, SRS))
    return db


def gpkg_close(db, table, box):
    db.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? "
               "WHERE table_name = ?", (box[0], box[1], box[2], box[3], table))
    db.execute("COMMIT")
    db.close()


def multipolygon_blob(polys):
    xs = [c[0] for poly in polys for ring in poly for c in ring]
    ys = [c[1] for poly in polys for ring in poly for c in ring]
    parts = [b"GP\x00\x03", struct.pack("<i", SRS),
             struct.pack("<4d", min(xs), max(xs), min(ys), max(ys)),
             struct.pack("<BII", 1, 6, len(polys))]
    for poly in polys:
        parts.append(struct.pack("<BII", 1, 3, len(poly)))
        for ring in poly:
            parts.append(struct.pack("<I", len(ring)))
            parts.append(struct.pack("<%dd" % (2 * len(ring)), *[v for c in ring for v in c]))
    return b"".join(parts)


# --------------------------------------------------------------------------
# Buurten: load, re-code, add water
# --------------------------------------------------------------------------

def load_buurten(path, seed):
    raw = []
    for k, line in features(path):
        f = json.loads(line)
        p = f.get("properties") or {}
        g = f.get("geometry") or {}
        code = p.get("code") or p.get("buurtcode")
        if not (isinstance(code, str) and len(code) == 10 and code.startswith("BU")
                and code[2:].isdigit()):
            raise Fail("%s #%d: buurt code %r is not BU + 8 digits" % (path, k, code))
        if g.get("type") == "Polygon":
            polys = [g["coordinates"]]
        elif g.get("type") == "MultiPolygon":
            polys = g["coordinates"]
        else:
            raise Fail("%s #%d: geometry %r" % (path, k, g.get("type")))
        polys = [[[(float(c[0]), float(c[1])) for c in ring] for ring in poly] for poly in polys]
        raw.append({"in_code": code, "name": p.get("name") or p.get("buurtnaam") or code,
                    "town": int(code[2:6]), "woonplaats": p.get("woonplaats") or "",
                    "polys": polys, "water": "NEE"})
    towns = []
    by_town = {}
    for bu in raw:
        if bu["town"] not in by_town:
            by_town[bu["town"]] = []
            towns.append(bu["town"])
        by_town[bu["town"]].append(bu)
    # water buurten: every 200th buurt nationally, the first town always
    rng = random.Random("%d:water" % seed)
    boxes = BuurtIndex(raw).bbox
    occupied = list(boxes)
    seen = 0
    n_water = 0
    for t in towns:
        lst = by_town[t]
        want = (seen + len(lst)) // 200 - seen // 200 + (1 if seen == 0 else 0)
        seen += len(lst)
        if not want:
            continue
        xs0 = min(c[0] for bu in lst for poly in bu["polys"] for ring in poly for c in ring)
        ys0 = min(c[1] for bu in lst for poly in bu["polys"] for ring in poly for c in ring)
        xs1 = max(c[0] for bu in lst for poly in bu["polys"] for ring in poly for c in ring)
        ys1 = max(c[1] for bu in lst for poly in bu["polys"] for ring in poly for c in ring)
        for w in range(want):
            sides = [0, 1, 2, 3]
            rng.shuffle(sides)
            placed = None
            wid, dep, gap = rng.uniform(300, 900), rng.uniform(80, 250), rng.uniform(10, 40)
            frac = rng.random()
            for side in sides:
                if side in (0, 1):      # south, north: along x
                    L = xs1 - xs0
                    wd = min(wid, max(L * 0.8, 50.0))
                    a = xs0 + (L - wd) * frac
                    if side == 0:
                        box = (a, ys0 - gap - dep, a + wd, ys0 - gap)
                    else:
                        box = (a, ys1 + gap, a + wd, ys1 + gap + dep)
                else:                   # west, east: along y
                    L = ys1 - ys0
                    wd = min(wid, max(L * 0.8, 50.0))
                    a = ys0 + (L - wd) * frac
                    if side == 2:
                        box = (xs0 - gap - dep, a, xs0 - gap, a + wd)
                    else:
                        box = (xs1 + gap, a, xs1 + gap + dep, a + wd)
                box = tuple(round(v, 2) for v in box)
                if any(not (box[2] < o[0] or box[0] > o[2] or box[3] < o[1] or box[1] > o[3])
                       for o in occupied):
                    continue
                placed = box
                break
            if placed is None:
                continue
            occupied.append(placed)
            x0, y0, x1, y1 = placed
            ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
            place = lst[0]["woonplaats"]
            wname = "Water %s%s" % (place, "" if w == 0 else " %d" % (w + 1))
            lst.append({"in_code": "", "name": wname,
                        "town": t, "woonplaats": place, "polys": [[ring]], "water": "JA"})
            n_water += 1
    # re-code
    out = []
    for t in towns:
        lst = by_town[t]
        k = max(8, -(-len(lst) // 100))
        if len(lst) > 100 * 100 or t > 9999:
            raise Fail("town %d: too many buurten to code CBS-style" % t)
        for i, bu in enumerate(lst):
            w, b = divmod(i, k)
            bu["code"] = "BU%04d%02d%02d" % (t, w, b)
            bu["wijk"] = "WK%04d%02d" % (t, w)
            bu["gemeente"] = "GM%04d" % t
            out.append(bu)
    return out, n_water


# --------------------------------------------------------------------------
# BAG
# --------------------------------------------------------------------------

BAG_COLUMNS = ("identificatie TEXT", "gebruiksdoel TEXT", "status TEXT", "oppervlakte INTEGER",
               "pand_identificatie TEXT", "bouwjaar INTEGER")
BAG_INSERT = ("INSERT INTO verblijfsobject (geom, identificatie, gebruiksdoel, status, "
              "oppervlakte, pand_identificatie, bouwjaar) VALUES (?,?,?,?,?,?,?)")


def cumulative(pairs):
    tot = float(sum(w for _, w in pairs))
    out = []
    c = 0.0
    for name, w in pairs:
        c += w / tot
        out.append((c, name))
    out[-1] = (1.0 + 1e-9, out[-1][1])
    return out


def pick(cum, u):
    for c, name in cum:
        if u < c:
            return name
    return cum[-1][1]


def write_bag(in_dir, path, buurten, vz, n_poi_extra, seed, stats):
    """Stream buildings.geojson into the BAG GeoPackage; fill the per-buurt statistics."""
    src = os.path.join(in_dir, "buildings.geojson")
    size = os.path.getsize(src)
    db = gpkg_open(path, "verblijfsobject", "POINT", BAG_COLUMNS)
    rng = random.Random("%d:bag" % seed)
    rres = random.Random("%d:reservoir" % seed)
    cum_ex = cumulative(EXISTING)
    cum_nx = cumulative(NOT_EXISTING)
    st_main = EXISTING[0][0]
    p_main = cum_ex[0][0]
    bidx = BuurtIndex(buurten)
    near = [Nearest([(x, y) for p, x, y in vz if str(p.get("type", "")).strip().lower() == t])
            for _, t in AF_TYPES]
    nb = len(buurten)
    homes = array.array("q", [0]) * nb
    sums = [array.array("d", [0.0]) * nb for _ in AF_TYPES]
    reservoir = []
    n_res_seen = 0
    box = [math.inf, math.inf, -math.inf, -math.inf]
    count = {}
    batch = []
    town = None
    town_xs, town_ys = array.array("d"), array.array("d")
    serial = 0
    existing_rows = 0
    carry = 0.0
    n_b = 0
    n_units = 0
    n_res_b = 0
    outside = 0
    done_bytes = 0
    next_log = 0
    prev_town = -1

    def flush():
        db.executemany(BAG_INSERT, batch)
        batch.clear()

    def end_town():
        nonlocal carry, serial, existing_rows
        carry += existing_rows * EXTRA_RATE
        n = int(carry)
        carry -= n
        if not len(town_xs):
            n = 0
        for e in range(n):
            k = int(rng.random() * len(town_xs))
            a = rng.random() * 2 * math.pi
            d = 5.0 + 25.0 * rng.random()
            x = round(town_xs[k] + d * math.cos(a), 2)
            y = round(town_ys[k] + d * math.sin(a), 2)
            status = pick(cum_nx, rng.random())
            serial += 1
            row = (POINT_HEAD + XY.pack(x, y), "%04d01%010d" % (town, serial), "woonfunctie",
                   status, 30 + int(rng.random() * 171), "%04d10%010d" % (town, 5000000000 + e + 1),
                   2024 if status == "Verblijfsobject gevormd" else 1900 + int(rng.random() * 125))
            batch.append(row)
            key = (status, "woonfunctie")
            count[key] = count.get(key, 0) + 1
            box[0] = min(box[0], x)
            box[1] = min(box[1], y)
            box[2] = max(box[2], x)
            box[3] = max(box[3], y)
        existing_rows = 0
        serial = 0
        del town_xs[:], town_ys[:]
        bidx.clear()
        for nr in near:
            nr.clear()

    for k, line in features(src):
        done_bytes += len(line) + 2
        m = BUILDING_RE.search(line)
        if m:
            bid, units, x, y = m.group(1), int(m.group(2)), float(m.group(3)), float(m.group(4))
        else:
            f = json.loads(line)
            g = f.get("geometry") or {}
            p = f.get("properties") or {}
            if g.get("type") != "Point":
                raise Fail("buildings.geojson #%d: geometry %r; only address Points are "
                           "converted" % (k, g.get("type")))
            bid, units = p.get("id"), p.get("units", 1)
            x, y = float(g["coordinates"][0]), float(g["coordinates"][1])
            if not isinstance(units, int) or isinstance(units, bool) or units < 0:
                raise Fail("buildings.geojson #%d: units %r" % (k, units))
        if not (isinstance(bid, str) and len(bid) == 16 and bid.isdigit() and bid[4:6] == "01"):
            raise Fail("buildings.geojson #%d: id %r is not town4 + '01' + serial10 as "
                       "make-country.py writes" % (k, bid))
        t = int(bid[:4])
        if t != town:
            if town is not None:
                end_town()
            if t < prev_town:
                raise Fail("buildings.geojson #%d: towns are not in ascending order" % k)
            prev_town = town = t
        n_b += 1
        pand = "%04d10%s" % (t, bid[6:])
        bouwjaar = 1900 + int(rng.random() * 125)
        blob = POINT_HEAD + XY.pack(x, y)
        if x < box[0]:
            box[0] = x
        if y < box[1]:
            box[1] = y
        if x > box[2]:
            box[2] = x
        if y > box[3]:
            box[3] = y
        if units == 0:
            u = rng.random()
            status = st_main if u < p_main else pick(cum_ex, u)
            doel = NON_RES[int(rng.random() * len(NON_RES))]
            serial += 1
            batch.append((blob, "%04d01%010d" % (t, serial), doel, status,
                          30 + int(rng.random() * 171), pand, bouwjaar))
            key = (status, doel)
            count[key] = count.get(key, 0) + 1
            existing_rows += 1
        else:
            n_res_b += 1
            n_units += units
            town_xs.append(x)
            town_ys.append(y)
            for _ in range(units):
                u = rng.random()
                status = st_main if u < p_main else pick(cum_ex, u)
                v = rng.random()
                doel = "woonfunctie" if v >= MIXED[1][1] else (
                    MIXED[0][0] if v < MIXED[0][1] else MIXED[1][0])
                serial += 1
                batch.append((blob, "%04d01%010d" % (t, serial), doel, status,
                              30 + int(rng.random() * 171), pand, bouwjaar))
                key = (status, doel)
                count[key] = count.get(key, 0) + 1
            existing_rows += units
            # buurt statistics
            b = bidx.find(x, y)
            if b >= 0:
                homes[b] += units
                for s, nr in zip(sums, near):
                    s[b] += units * nr.dist(x, y)
            else:
                outside += units
            # reservoir of homes for the extra POIs
            if n_res_seen < n_poi_extra:
                reservoir.append((x, y))
            else:
                j = int(rres.random() * (n_res_seen + 1))
                if j < n_poi_extra:
                    reservoir[j] = (x, y)
            n_res_seen += 1
        if len(batch) >= BATCH:
            flush()
        if done_bytes >= next_log:
            log("bag-light.gpkg: %d buildings, %.0f %% of buildings.geojson"
                % (n_b, 100.0 * done_bytes / size))
            next_log = done_bytes + size // 10
    if town is not None:
        end_town()
    flush()
    if n_b == 0:
        box = [0.0, 0.0, 0.0, 0.0]
    gpkg_close(db, "verblijfsobject", box)
    stats.update(buildings=n_b, units=n_units, residential_buildings=n_res_b,
                 units_outside_buurten=outside, vbo_counts=count, pip=bidx.n_pip)
    return homes, sums, reservoir


def write_buurten(path, buurten, homes, sums, seed):
    rng = random.Random("%d:detour" % seed)
    cols = ("buurtcode TEXT", "buurtnaam TEXT", "wijkcode TEXT", "gemeentecode TEXT",
            "gemeentenaam TEXT", "water TEXT", "aantal_inwoners INTEGER", "AF_ARTSPR REAL",
            "AF_APOTH REAL", "AF_SUPERM REAL")
    db = gpkg_open(path, "buurten", "MULTIPOLYGON", cols)
    rows = []
    box = [math.inf, math.inf, -math.inf, -math.inf]
    secret = 0
    nulls = 0
    for b, bu in enumerate(buurten):
        detour = rng.uniform(1.2, 1.5)
        h = homes[b]
        inw = SECRET if h < 10 else int(round(2.1 * h / 5.0)) * 5
        if h < 10:
            secret += 1
        afs = []
        for s in sums:
            if h == 0 or not math.isfinite(s[b]):
                afs.append(None)
            else:
                afs.append(round(s[b] / h * detour / 1000.0, 1))
        if h == 0:
            nulls += 1
        for poly in bu["polys"]:
            for ring in poly:
                for x, y in ring:
                    box[0] = min(box[0], x)
                    box[1] = min(box[1], y)
                    box[2] = max(box[2], x)
                    box[3] = max(box[3], y)
        rows.append((multipolygon_blob(bu["polys"]), bu["code"], bu["name"], bu["wijk"],
                     bu["gemeente"], bu["woonplaats"], bu["water"], inw, afs[0], afs[1], afs[2]))
    db.executemany("INSERT INTO buurten (geom, buurtcode, buurtnaam, wijkcode, gemeentecode, "
                   "gemeentenaam, water, aantal_inwoners, AF_ARTSPR, AF_APOTH, AF_SUPERM) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    gpkg_close(db, "buurten", box)
    return secret, nulls


# --------------------------------------------------------------------------
# GTFS
# --------------------------------------------------------------------------

def hms(s):
    return "%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)


def principal_order(places):
    n = len(places)
    mx = sum(p["x"] for p in places) / n
    my = sum(p["y"] for p in places) / n
    sxx = sum((p["x"] - mx) ** 2 for p in places)
    syy = sum((p["y"] - my) ** 2 for p in places)
    sxy = sum((p["x"] - mx) * (p["y"] - my) for p in places)
    a = 0.5 * math.atan2(2 * sxy, sxx - syy)
    c, s = math.cos(a), math.sin(a)
    return sorted(places, key=lambda p: ((p["x"] - mx) * c + (p["y"] - my) * s, p["seq"]))


def snake_chunks(places, size):
    band = 60000.0
    order = sorted(places, key=lambda p: (int(p["y"] // band),
                                          p["x"] if int(p["y"] // band) % 2 == 0 else -p["x"],
                                          p["seq"]))
    chunks = [order[i:i + size] for i in range(0, len(order), size)]
    if len(chunks) > 1 and len(chunks[-1]) == 1:
        chunks[-2].extend(chunks.pop())
    return chunks


def write_gtfs(gdir, haltes, proj, seed):
    rng = random.Random("%d:gtfs" % seed)
    os.makedirs(gdir, exist_ok=True)
    # stop places
    places = []
    i = 0
    while i < len(haltes):
        p, x, y = haltes[i]
        name, mode = str(p.get("name") or "Halte"), str(p.get("mode") or "bus")
        if mode not in ROUTE_TYPE:
            mode = "bus"
        plats = [(x, y)]
        if i + 1 < len(haltes):
            q, x2, y2 = haltes[i + 1]
            if q.get("name") == p.get("name") and q.get("mode") == p.get("mode") and \
                    math.hypot(x2 - x, y2 - y) <= 25.0:
                plats.append((x2, y2))
                i += 1
        i += 1
        town = name[len("Station "):] if name.startswith("Station ") else name.split(", ")[0]
        places.append({"name": name, "mode": mode, "town": town, "plats": plats,
                       "x": sum(c[0] for c in plats) / len(plats),
                       "y": sum(c[1] for c in plats) / len(plats), "seq": len(places)})
    # rows of stops.txt (coordinates projected below)
    rows = []       # [stop_id, stop_code, name, x, y, location_type, parent, platform_code, wheel]
    next_id = 1000001
    first_pair = True
    parents = []

    def wheel():
        u = rng.random()
        return "1" if u < 0.7 else ("2" if u < 0.8 else ("0" if u < 0.9 else ""))

    def add(name, x, y, lt, parent="", code="", pcode=""):
        nonlocal next_id
        sid = str(next_id)
        next_id += 1
        rows.append([sid, code, name, x, y, lt, parent, pcode, wheel()])
        return sid

    empty_lt = []
    for pl in places:
        name = pl["name"]
        if (rng.random() < 0.01 or pl["seq"] == 1) and ", " in name:    # a few with quotes
            a, b = name.split(", ", 1)
            name = '%s, "%s"' % (a, b)
        pl["stop_ids"] = []
        if pl["mode"] == "train":
            sx, sy = pl["plats"][0]
            st = "stoparea:%d" % (next_id + 500000)
            rows.append([st, "", name, sx, sy, "1", "", "", "1"])
            parents.append((st, name, sx, sy))
            a = rng.uniform(0, 2 * math.pi)
            d = rng.uniform(35.0, 70.0)
            p1 = (sx + d * math.cos(a), sy + d * math.sin(a))
            p2 = (p1[0] - 10.0 * math.sin(a), p1[1] + 10.0 * math.cos(a))
            for k, (px, py) in enumerate((p1, p2)):
                pl["stop_ids"].append(add(name, px, py, "0", st, "%08d" % (next_id % 10 ** 8),
                                          str(k + 1)))
            continue
        parent = ""
        if len(pl["plats"]) == 2 and (first_pair or rng.random() < 0.15):
            first_pair = False
            parent = "stoparea:%d" % (next_id + 500000)
            rows.append([parent, "", name, pl["x"], pl["y"], "1", "", "", ""])
            parents.append((parent, name, pl["x"], pl["y"]))
        for px, py in pl["plats"]:
            lt = "0"
            if rng.random() < 0.02:
                lt = ""
            sid = add(name, px, py, lt, parent, "%08d" % (next_id % 10 ** 8))
            if lt == "":
                empty_lt.append(sid)
            pl["stop_ids"].append(sid)
    if not empty_lt:
        for r in rows:
            if r[5] == "0" and r[7] == "":
                r[5] = ""
                break
    for k, (st, name, sx, sy) in enumerate(parents):
        if k == 0 or rng.random() < 0.5:
            a = rng.uniform(0, 2 * math.pi)
            add("%s, ingang %s" % (name, rng.choice(("Noord", "Zuid", "Oost", "West"))),
                sx + 40 * math.cos(a), sy + 40 * math.sin(a), "2", st)
        if k == 0 or rng.random() < 0.25:
            a = rng.uniform(0, 2 * math.pi)
            add("%s, knooppunt" % name, sx + 15 * math.cos(a), sy + 15 * math.sin(a), "3", st)
    xs = array.array("d", [r[3] for r in rows])
    ys = array.array("d", [r[4] for r in rows])
    proj.arrays_to_wgs84(xs, ys)
    # routes
    groups = {}
    order = []
    for pl in places:
        if pl["mode"] == "train":
            continue
        key = (pl["town"], pl["mode"])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(pl)
    routes = []     # (mode, short, long, [places])
    national = {}
    for key in order:
        lst = groups[key]
        if len(lst) < 2:
            national.setdefault(key[1], []).extend(lst)
            continue
        chunks = [lst[i:i + 10] for i in range(0, len(lst), 10)]
        if len(chunks) > 1 and len(chunks[-1]) == 1:
            chunks[-2].extend(chunks.pop())
        for n, ch in enumerate(chunks):
            routes.append((key[1], key[0], n + 1, principal_order(ch)))
    national.setdefault("train", []).extend(pl for pl in places if pl["mode"] == "train")
    for mode in ("bus", "tram", "metro", "train"):
        for n, ch in enumerate(snake_chunks(national.get(mode, []), 8)):
            routes.append((mode, None, n + 1, ch))
    nl = "\r\n"
    with open(os.path.join(gdir, "agency.txt"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator=nl)
        w.writerow(("agency_id", "agency_name", "agency_url", "agency_timezone"))
        for a in AGENCY:
            w.writerow(a + ("Europe/Amsterdam",))
    with open(os.path.join(gdir, "stops.txt"), "w", encoding="utf-8", newline="") as fh:
        fh.write("\ufeff")
        w = csv.writer(fh, lineterminator=nl)
        w.writerow(("stop_id", "stop_code", "stop_name", "stop_lat", "stop_lon", "location_type",
                    "parent_station", "platform_code", "wheelchair_boarding"))
        for r, lon, lat in zip(rows, xs, ys):
            w.writerow((r[0], r[1], r[2], "%.7f" % lat, "%.7f" % lon, r[5], r[6], r[7], r[8]))
    with open(os.path.join(gdir, "calendar_dates.txt"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator=nl)
        w.writerow(("service_id", "date", "exception_type"))
        for d in range(6, 11):
            w.writerow(("werkdag", "202501%02d" % d, "1"))
        for d in (11, 12):
            w.writerow(("weekend", "202501%02d" % d, "1"))
    n_trips = n_st = 0
    rcount = {}
    with open(os.path.join(gdir, "routes.txt"), "w", encoding="utf-8", newline="") as fr, \
            open(os.path.join(gdir, "trips.txt"), "w", encoding="utf-8", newline="") as ft, \
            open(os.path.join(gdir, "stop_times.txt"), "w", encoding="utf-8", newline="") as fs:
        wr = csv.writer(fr, lineterminator=nl)
        wt = csv.writer(ft, lineterminator=nl)
        ws = csv.writer(fs, lineterminator=nl)
        wr.writerow(("route_id", "agency_id", "route_short_name", "route_long_name", "route_type"))
        wt.writerow(("route_id", "service_id", "trip_id"))
        ws.writerow(("trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"))
        prefix = {"bus": "", "tram": "T", "metro": "M", "train": "IC"}
        for rid, (mode, town, n, pls) in enumerate(routes, start=1):
            if town is None:
                short = "%s%d" % (prefix[mode], 900 + n) if mode != "train" else "IC%d" % (n * 100)
            else:
                short = "%s%d" % (prefix[mode], n)
            long_name = "%s - %s" % (pls[0]["name"], pls[-1]["name"]) if len(pls) > 1 \
                else pls[0]["name"]
            wr.writerow((str(rid), MODE_AGENCY[mode], short, long_name, ROUTE_TYPE[mode]))
            rcount[mode] = rcount.get(mode, 0) + 1
            step = 600 if mode == "train" else 120
            start = 6 * 3600 + (rid * 7 % 60) * 60
            for d, (seq, pidx) in enumerate(((pls, 0), (pls[::-1], -1))):
                tid = "%d_%d" % (rid, d + 1)
                wt.writerow((str(rid), "werkdag", tid))
                n_trips += 1
                t = start + d * 1800
                for k, pl in enumerate(seq):
                    ws.writerow((tid, hms(t), hms(t), pl["stop_ids"][pidx], k + 1))
                    n_st += 1
                    t += step
    lt_count = {}
    for r in rows:
        lt_count[r[5]] = lt_count.get(r[5], 0) + 1
    return {"stops": len(rows), "location_type": lt_count, "routes": rcount, "trips": n_trips,
            "stop_times": n_st, "places": len(places)}


# --------------------------------------------------------------------------
# OSM CSV
# --------------------------------------------------------------------------

def write_osm(path, vz, reservoir, n_extra, proj, seed):
    rng = random.Random("%d:osm" % seed)
    items = []
    for p, x, y in vz:
        typ = str(p.get("type", "")).strip().lower()
        tags = OSM_TAGS.get(typ)
        if tags is None:
            raise Fail("voorzieningen.geojson: type %r has no OSM mapping" % typ)
        name = str(p.get("name") or "")
        u = rng.random()
        if u < 0.03 and name:
            name = name + ", locatie " + rng.choice(("Noord", "Zuid", "Centrum"))
        elif u < 0.05 and name:
            name = '%s "%s"' % (name.split(" ")[0],
                                rng.choice(("De Linde", "Het Anker", "De Brug")))
        items.append((tags, name, x, y))
    for k in range(min(n_extra, len(reservoir))):
        hx, hy = reservoir[k]
        amenity, shop, health, names = OSM_EXTRA[int(rng.random() * len(OSM_EXTRA))]
        a = rng.random() * 2 * math.pi
        d = 5.0 + 25.0 * rng.random()
        items.append(((amenity, shop, health), names[int(rng.random() * len(names))],
                      hx + d * math.cos(a), hy + d * math.sin(a)))
    rng.shuffle(items)
    xs = array.array("d", [it[2] for it in items])
    ys = array.array("d", [it[3] for it in items])
    proj.arrays_to_wgs84(xs, ys)
    osm_id = 25_000_000 + int(rng.random() * 1_000_000)
    count = {}
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("osm_id", "lon", "lat", "amenity", "shop", "healthcare", "name"))
        for (tags, name, _, _), lon, lat in zip(items, xs, ys):
            osm_id += 1 + int(rng.random() * 400_000)
            w.writerow((osm_id, "%.7f" % lon, "%.7f" % lat, tags[0], tags[1], tags[2], name))
            key = "amenity=" + tags[0] if tags[0] else ("shop=" + tags[1] if tags[1]
                                                        else "healthcare=" + tags[2])
            count[key] = count.get(key, 0) + 1
    return count


# --------------------------------------------------------------------------
# Convert
# --------------------------------------------------------------------------

MANIFEST = """# cirkel data set manifest: the files of one analysis and how to read them
[buildings]
format = "bag"
file = "bag-light.gpkg"
layer = "verblijfsobject"

[buurten]
format = "cbs"
file = "wijkenbuurten.gpkg"
layer = "buurten"

[haltes]
format = "gtfs"
file = "gtfs"

[[voorzieningen]]
format = "csv"
file = "voorzieningen-osm.csv"
lon = "lon"
lat = "lat"
mapping = "osm"
"""


def convert(in_dir, out_dir, seed):
    for f in IN_FILES:
        check_header(os.path.join(in_dir, f + ".geojson"))
    os.makedirs(out_dir, exist_ok=True)
    stats = {}
    tmp = {name: os.path.join(out_dir, name + ".tmp")
           for name in ("bag-light.gpkg", "wijkenbuurten.gpkg", "gtfs", "voorzieningen-osm.csv",
                        "buurtcode-mapping.csv", "manifest.toml")}
    if os.path.isdir(tmp["gtfs"]):
        shutil.rmtree(tmp["gtfs"])
    t = time.perf_counter()
    buurten, n_water = load_buurten(os.path.join(in_dir, "buurten.geojson"), seed)
    vz = load_points(os.path.join(in_dir, "voorzieningen.geojson"))
    haltes = load_points(os.path.join(in_dir, "ov_haltes.geojson"))
    n_poi_extra = int(round(0.2 * len(vz)))
    log("loaded %d buurten (+%d water), %d voorzieningen, %d haltes"
        % (len(buurten) - n_water, n_water, len(vz), len(haltes)))
    homes, sums, reservoir = write_bag(in_dir, tmp["bag-light.gpkg"], buurten, vz, n_poi_extra,
                                       seed, stats)
    t_bag = time.perf_counter() - t
    log("bag-light.gpkg written (%.1f s)" % t_bag)
    t = time.perf_counter()
    secret, nulls = write_buurten(tmp["wijkenbuurten.gpkg"], buurten, homes, sums, seed)
    with open(tmp["buurtcode-mapping.csv"], "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("input_code", "buurtcode", "water"))
        for bu in buurten:
            w.writerow((bu["in_code"], bu["code"], bu["water"]))
    log("wijkenbuurten.gpkg written (%.1f s)" % (time.perf_counter() - t))
    t = time.perf_counter()
    proj = Proj()
    try:
        g = write_gtfs(tmp["gtfs"], haltes, proj, seed)
        osm = write_osm(tmp["voorzieningen-osm.csv"], vz, reservoir, n_poi_extra, proj, seed)
    finally:
        proj.close()
    log("gtfs and voorzieningen-osm.csv written (%.1f s)" % (time.perf_counter() - t))
    vc = stats["vbo_counts"]
    existing = {s for s, _ in EXISTING}
    ex_woon = sum(n for (s, d), n in vc.items() if s in existing and "woonfunctie" in d)
    assert ex_woon == stats["units"], (ex_woon, stats["units"])
    n_vbo = sum(vc.values())
    wijken = len({bu["wijk"] for bu in buurten})
    gemeenten = len({bu["gemeente"] for bu in buurten})
    mapped = sum(n for k, n in osm.items() if k in ("amenity=doctors", "amenity=pharmacy",
                                                     "shop=supermarket", "amenity=community_centre",
                                                     "amenity=nursing_home", "amenity=library"))
    summary = [
        "# made by benchmarks/generate/to-real-formats.py (seed %d) from a make-country.py "
        "data set of %d buildings" % (seed, stats["buildings"]),
        "# expected: %d existing woonfunctie verblijfsobjecten (= the sum of units of the input) "
        "in %d residential panden; %d verblijfsobjecten in all" % (ex_woon,
                                                                   stats["residential_buildings"],
                                                                   n_vbo),
        "# expected: %d buurten (%d of them water), %d wijken, %d gemeenten; %d homes lie "
        "outside every buurt" % (len(buurten), n_water, wijken, gemeenten,
                                 stats["units_outside_buurten"]),
        "# expected: %d input OV-haltes in %d stop places; %d stops with location_type 0 or "
        "empty (one per input halte, plus a second platform per train station)"
        % (len(haltes), g["places"], g["location_type"].get("0", 0)
           + g["location_type"].get("", 0)),
        "# expected: %d voorzieningen after the osm mapping (plus %d unmapped POIs)"
        % (mapped, sum(osm.values()) - mapped),
    ]
    lines = MANIFEST.split("\n")
    with open(tmp["manifest.toml"], "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines[:1] + summary + lines[1:]))
    # rename everything into place
    for name, p in tmp.items():
        final = os.path.join(out_dir, name)
        if os.path.isdir(final):
            shutil.rmtree(final)
        os.replace(p, final)
    total = time.perf_counter() - T0
    print("to-real-formats: %s -> %s" % (in_dir, out_dir))
    print("  bag-light.gpkg         %d verblijfsobjecten from %d buildings; existing woonfunctie "
          "%d (= units of the input), non-existing extra %d"
          % (n_vbo, stats["buildings"], ex_woon,
             sum(n for (s, d), n in vc.items() if s not in existing)))
    print("  wijkenbuurten.gpkg     %d buurten (%d water, %d with -99997, %d without homes), "
          "%d wijken, %d gemeenten; %d homes outside every buurt"
          % (len(buurten), n_water, secret, nulls, wijken, gemeenten,
             stats["units_outside_buurten"]))
    print("  gtfs/                  %d stops (%s), %d routes (%s), %d trips, %d stop_times"
          % (g["stops"], ", ".join("location_type %r: %d" % (k, v)
                                   for k, v in sorted(g["location_type"].items())),
             sum(g["routes"].values()),
             ", ".join("%s %d" % kv for kv in sorted(g["routes"].items())), g["trips"],
             g["stop_times"]))
    print("  voorzieningen-osm.csv  %d POIs (%d mapped)" % (sum(osm.values()), mapped))
    for name in ("bag-light.gpkg", "wijkenbuurten.gpkg", "voorzieningen-osm.csv"):
        print("  %-22s %14d bytes" % (name, os.path.getsize(os.path.join(out_dir, name))))
    gsize = sum(os.path.getsize(os.path.join(out_dir, "gtfs", f))
                for f in os.listdir(os.path.join(out_dir, "gtfs")))
    print("  %-22s %14d bytes" % ("gtfs/", gsize))
    print("  seconds: bag %.1f, total %.1f (point-in-polygon tests %d)"
          % (t_bag, total, stats["pip"]))


# --------------------------------------------------------------------------
# Check
# --------------------------------------------------------------------------

def check_gpkg(path, table, gtype, errors):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        app = db.execute("PRAGMA application_id").fetchone()[0]
        ver = db.execute("PRAGMA user_version").fetchone()[0]
        if app != 1196444487 or ver != 10200:
            errors.append("%s: application_id %d, user_version %d" % (path, app, ver))
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for t in ("gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns", table):
            if t not in tables:
                errors.append("%s: no table %s" % (path, t))
        srs = {r[0]: r for r in db.execute("SELECT srs_id, organization, "
                                           "organization_coordsys_id FROM gpkg_spatial_ref_sys")}
        if sorted(srs) != [-1, 0, 4326, 28992] or srs[28992][1:] != ("EPSG", 28992):
            errors.append("%s: gpkg_spatial_ref_sys rows %r" % (path, sorted(srs)))
        c = db.execute("SELECT data_type, srs_id, last_change, min_x, min_y, max_x, max_y "
                       "FROM gpkg_contents WHERE table_name = ?", (table,)).fetchone()
        if not c or c[0] != "features" or c[1] != SRS or c[2] != LAST_CHANGE or None in c[3:]:
            errors.append("%s: gpkg_contents row %r" % (path, c))
        gc = db.execute("SELECT column_name, geometry_type_name, srs_id, z, m FROM "
                        "gpkg_geometry_columns WHERE table_name = ?", (table,)).fetchone()
        if gc != ("geom", gtype, SRS, 0, 0):
            errors.append("%s: gpkg_geometry_columns row %r" % (path, gc))
        ic = db.execute("PRAGMA quick_check").fetchone()[0]
        if ic != "ok":
            errors.append("%s: quick_check %s" % (path, ic))
        return db, c
    except sqlite3.DatabaseError as e:
        errors.append("%s: %s" % (path, e))
        db.close()
        return None, None


def parse_multipolygon(blob):
    if blob[:3] != b"GP\x00" or blob[3] != 0x03 or struct.unpack_from("<i", blob, 4)[0] != SRS:
        raise ValueError("header")
    env = struct.unpack_from("<4d", blob, 8)
    o = 40
    bo, typ, npoly = struct.unpack_from("<BII", blob, o)
    if bo != 1 or typ != 6:
        raise ValueError("not a little-endian MultiPolygon")
    o += 9
    xs, ys = [], []
    for _ in range(npoly):
        bo, typ, nr = struct.unpack_from("<BII", blob, o)
        if bo != 1 or typ != 3:
            raise ValueError("not a Polygon")
        o += 9
        for _ in range(nr):
            n = struct.unpack_from("<I", blob, o)[0]
            o += 4
            v = struct.unpack_from("<%dd" % (2 * n), blob, o)
            o += 16 * n
            xs.extend(v[0::2])
            ys.extend(v[1::2])
            if v[:2] != v[-2:]:
                raise ValueError("ring not closed")
    if o != len(blob):
        raise ValueError("trailing bytes")
    if env != (min(xs), max(xs), min(ys), max(ys)):
        raise ValueError("envelope differs from the coordinates")


def read_csv(path, errors, bom=False):
    with open(path, "rb") as fh:
        data = fh.read()
    has_bom = data.startswith(b"\xef\xbb\xbf")
    if has_bom != bom:
        errors.append("%s: UTF-8 BOM %s" % (path, "present" if has_bom else "missing"))
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def check(out_dir):
    t0 = time.perf_counter()
    errors = []
    expected = None
    try:
        with open(os.path.join(out_dir, "manifest.toml"), encoding="utf-8") as fh:
            man = fh.read()
        m = re.search(r"# expected: (\d+) existing woonfunctie", man)
        expected = int(m.group(1)) if m else None
        for s in ('format = "bag"', 'file = "bag-light.gpkg"', 'format = "cbs"',
                  'format = "gtfs"', 'mapping = "osm"'):
            if s not in man:
                errors.append("manifest.toml: missing %s" % s)
    except OSError as e:
        errors.append("manifest.toml: %s" % e)
    # BAG
    db, c = check_gpkg(os.path.join(out_dir, "bag-light.gpkg"), "verblijfsobject", "POINT",
                       errors)
    if db:
        print("bag-light.gpkg  verblijfsobject, bounds x %.2f..%.2f, y %.2f..%.2f"
              % (c[3], c[5], c[4], c[6]))
        rows = db.execute("SELECT status, gebruiksdoel, count(*) FROM verblijfsobject "
                          "GROUP BY status, gebruiksdoel ORDER BY status, gebruiksdoel").fetchall()
        per_status, per_doel = {}, {}
        for s, d, n in rows:
            per_status[s] = per_status.get(s, 0) + n
            per_doel[d] = per_doel.get(d, 0) + n
        total = sum(per_status.values())
        print("  %d verblijfsobjecten; per status:" % total)
        existing = {s for s, _ in EXISTING}
        for s in sorted(per_status, key=lambda k: -per_status[k]):
            print("    %-42s %10d  %6.2f %%  %s" % (s, per_status[s], 100.0 * per_status[s] / total,
                                                 "existing" if s in existing else "NOT existing"))
        print("  per gebruiksdoel:")
        for d in sorted(per_doel, key=lambda k: -per_doel[k]):
            print("    %-42s %10d" % (d, per_doel[d]))
        ex_woon = sum(n for s, d, n in rows if s in existing and "woonfunctie" in d)
        print("  existing woonfunctie total: %d%s" % (ex_woon, "" if expected is None else
                                                      " (manifest: %d)" % expected))
        if expected is not None and ex_woon != expected:
            errors.append("bag: existing woonfunctie %d, manifest says %d" % (ex_woon, expected))
        bad = db.execute("SELECT count(*) FROM verblijfsobject WHERE length(geom) != 29 OR "
                         "substr(geom, 1, 13) != ?", (POINT_HEAD,)).fetchone()[0]
        ids, pands, badid = db.execute(
            "SELECT count(DISTINCT identificatie), count(DISTINCT pand_identificatie), "
            "sum(length(identificatie) != 16 OR length(pand_identificatie) != 16 OR "
            "identificatie GLOB '*[^0-9]*' OR pand_identificatie GLOB '*[^0-9]*') "
            "FROM verblijfsobject").fetchone()
        mm = db.execute("SELECT min(oppervlakte), max(oppervlakte), min(bouwjaar), max(bouwjaar) "
                        "FROM verblijfsobject").fetchone()
        print("  %d unique identificatie, %d panden, oppervlakte %d-%d, bouwjaar %d-%d; "
              "%d geometry blobs not 'GP' v0 flags 0x01 srs 28992 + WKB Point LE"
              % (ids, pands, mm[0], mm[1], mm[2], mm[3], bad))
        if bad:
            errors.append("bag: %d bad geometry blobs" % bad)
        if ids != total or badid:
            errors.append("bag: identificatie not unique 16 digits (%d of %d; %d bad)"
                          % (ids, total, badid))
        db.close()
    # buurten
    db, c = check_gpkg(os.path.join(out_dir, "wijkenbuurten.gpkg"), "buurten", "MULTIPOLYGON",
                       errors)
    if db:
        rows = db.execute("SELECT geom, buurtcode, wijkcode, gemeentecode, water, aantal_inwoners, "
                          "AF_ARTSPR, AF_APOTH, AF_SUPERM FROM buurten ORDER BY fid").fetchall()
        bad = 0
        codes = set()
        water = secret = nulls = 0
        inw = 0
        af = [[], [], []]
        for geom, bc, wc, gc, wa, n, a1, a2, a3 in rows:
            try:
                parse_multipolygon(geom)
            except (ValueError, struct.error) as e:
                bad += 1
                if bad < 5:
                    errors.append("buurten %s: geometry: %s" % (bc, e))
            if not (re.fullmatch(r"BU\d{8}", bc) and wc == "WK" + bc[2:8]
                    and gc == "GM" + bc[2:6]):
                errors.append("buurten: inconsistent codes %s %s %s" % (bc, wc, gc))
            codes.add(bc)
            water += wa == "JA"
            if n == SECRET:
                secret += 1
            else:
                inw += n
            if a1 is None:
                nulls += 1
            for lst, v in zip(af, (a1, a2, a3)):
                if v is not None:
                    lst.append(v)
        if len(codes) != len(rows):
            errors.append("buurten: duplicate buurtcodes")
        wijken = len({r[2] for r in rows})
        gemeenten = len({r[3] for r in rows})
        print("wijkenbuurten.gpkg  %d buurten (%d water 'JA'), %d wijken, %d gemeenten; "
              "aantal_inwoners %d in all, %d buurten -99997; %d buurten with NULL nabijheid"
              % (len(rows), water, wijken, gemeenten, inw, secret, nulls))
        for (col, typ), lst in zip(AF_TYPES, af):
            s = sorted(lst)
            if s:
                print("  %-9s (%s) km: min %.1f, median %.1f, max %.1f"
                      % (col, typ, s[0], s[len(s) // 2], s[-1]))
        db.close()
    # GTFS
    gdir = os.path.join(out_dir, "gtfs")
    try:
        stops = read_csv(os.path.join(gdir, "stops.txt"), errors, bom=True)
        routes = read_csv(os.path.join(gdir, "routes.txt"), errors)
        trips = read_csv(os.path.join(gdir, "trips.txt"), errors)
        st = read_csv(os.path.join(gdir, "stop_times.txt"), errors)
        read_csv(os.path.join(gdir, "agency.txt"), errors)
        read_csv(os.path.join(gdir, "calendar_dates.txt"), errors)
        ids = {s["stop_id"]: s for s in stops}
        lt = {}
        for s in stops:
            lt[s["location_type"]] = lt.get(s["location_type"], 0) + 1
            if s["parent_station"] and ids.get(s["parent_station"], {}).get("location_type") != "1":
                errors.append("gtfs: stop %s: parent %s is not a station" % (s["stop_id"],
                                                                              s["parent_station"]))
            if s["location_type"] in ("2", "3") and not s["parent_station"]:
                errors.append("gtfs: stop %s: location_type %s without parent"
                              % (s["stop_id"], s["location_type"]))
            lat, lon = float(s["stop_lat"]), float(s["stop_lon"])
            if not (50.7 <= lat <= 53.6 and 3.2 <= lon <= 7.3):
                errors.append("gtfs: stop %s at %s, %s" % (s["stop_id"], lat, lon))
        used = set()
        for r in st:
            sid = r["stop_id"]
            if ids.get(sid, {}).get("location_type") not in ("0", ""):
                errors.append("gtfs: stop_times uses %s (not a platform)" % sid)
            used.add(sid)
        rt = {}
        names = {"0": "tram", "1": "metro", "2": "train", "3": "bus"}
        for r in routes:
            k = "%s (%s)" % (r["route_type"], names.get(r["route_type"], "?"))
            rt[k] = rt.get(k, 0) + 1
        platforms = lt.get("0", 0) + lt.get("", 0)
        comma = sum(1 for s in stops if "," in s["stop_name"])
        quote = sum(1 for s in stops if '"' in s["stop_name"])
        print("gtfs/  %d stops: %s; %d platforms (0 or empty), %d of them in stop_times; "
              "names with a comma %d, with a quote %d"
              % (len(stops), ", ".join("location_type %s: %d" % (repr(k) if k == "" else k, v)
                                       for k, v in sorted(lt.items())),
                 platforms, len(used), comma, quote))
        print("  %d routes (%s), %d trips, %d stop_times"
              % (len(routes), ", ".join("route_type %s: %d" % kv for kv in sorted(rt.items())),
                 len(trips), len(st)))
    except (OSError, KeyError, ValueError) as e:
        errors.append("gtfs: %s" % e)
    # OSM CSV
    try:
        pois = read_csv(os.path.join(out_dir, "voorzieningen-osm.csv"), errors)
        tags = {}
        mapped = {}
        for p in pois:
            key = ("amenity=" + p["amenity"]) if p["amenity"] else (
                ("shop=" + p["shop"]) if p["shop"] else "healthcare=" + p["healthcare"])
            tags[key] = tags.get(key, 0) + 1
            typ = OSM_TO_TYPE.get(("amenity", p["amenity"])) or OSM_TO_TYPE.get(("shop", p["shop"]))
            if typ:
                mapped[typ] = mapped.get(typ, 0) + 1
        ids = [int(p["osm_id"]) for p in pois]
        if ids != sorted(set(ids)):
            errors.append("osm: ids not unique and ascending")
        print("voorzieningen-osm.csv  %d POIs: %s" % (len(pois), ", ".join(
            "%s %d" % (k, tags[k]) for k in sorted(tags))))
        print("  after the osm mapping: %d (%s); names with a comma %d, with a quote %d"
              % (sum(mapped.values()), ", ".join("%s %d" % (k, mapped[k]) for k in sorted(mapped)),
                 sum(1 for p in pois if "," in p["name"]),
                 sum(1 for p in pois if '"' in p["name"])))
    except (OSError, KeyError, ValueError) as e:
        errors.append("osm: %s" % e)
    print("check took %.1f s" % (time.perf_counter() - t0))
    if errors:
        for e in errors[:50]:
            print("ERROR:", e)
        print("%d error(s)" % len(errors))
        return 1
    print("check OK")
    return 0


def main():
    global QUIET
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("in_dir", nargs="?", help="a make-country.py --crs rd folder")
    ap.add_argument("out_dir", nargs="?", help="output folder (created)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--check", metavar="OUT_DIR", help="re-read the outputs and report counts")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    args = ap.parse_args()
    QUIET = args.quiet
    try:
        if args.check:
            sys.exit(check(args.check))
        if not args.in_dir or not args.out_dir:
            ap.error("IN_DIR and OUT_DIR are required (or --check OUT_DIR)")
        convert(args.in_dir, args.out_dir, args.seed)
    except Fail as e:
        print("to-real-formats: error: %s" % e, file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    main()
