#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into Fuzz/corpus/<target>/ from the inputs of
the tests (Tests/…: the same documents, rows, blobs and files, written out) and the demo data
(data/geojson), small files only. The index seeds are made by `cirkel index` from a small
part of the demo town, the built-in profiles by `cirkel profiles`:

    swift build --product cirkel && python3 Fuzz/make-corpus.py .build/debug/cirkel

Deterministic: running it again writes the same files. Files named regression-* are inputs
that crashed a reader once; they are kept."""

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")
DEMO = os.path.join(ROOT, "data", "geojson")


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def reset(target):
    """Empties a corpus, except the inputs that once crashed a reader (regression-*: kept as
    found, each also read by a test in FuzzRegressionTests)."""
    folder = os.path.join(CORPUS, target)
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if not name.startswith("regression-"):
                os.remove(os.path.join(folder, name))


# --- GeoJSON -------------------------------------------------------------------------------

RD_CRS = '"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}}'


def collection(features, crs=False, pretty=False):
    head = '{"type":"FeatureCollection",' + (RD_CRS + "," if crs else "") + '"features":[\n'
    sep = ",\n"
    if pretty:
        return json.dumps(json.loads(head + sep.join(features) + "\n]}"), indent=2) + "\n"
    return head + sep.join(features) + "\n]}\n"


def feature(geometry, properties="{}", extra=""):
    return '{"type":"Feature",' + extra + '"properties":' + properties + ',"geometry":' + geometry + "}"


GEOMETRIES = [
    '{"type":"Point","coordinates":[5.1,52.1]}',
    '{"type":"Point","coordinates":[155000.25,463000.5,2.5]}',
    '{"type":"MultiPoint","coordinates":[[5.1,52.1],[5.2,52.2]]}',
    '{"type":"LineString","coordinates":[[0,0],[1,1],[2,0]]}',
    '{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3],[4,2]]]}',
    '{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,3],[3,3],[2,2]]]}',
    '{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,6],[5,5]]]]}',
    '{"type":"Point","coordinates":[1e-7,-0.0e+2],"bbox":[0,0,1,1]}',
]


def geojson_seeds():
    seeds = {}
    for name in ["voorzieningen.geojson", "ov_haltes.geojson", "buurten.geojson"]:
        with open(os.path.join(DEMO, name), encoding="utf-8") as f:
            seeds["demo-" + name] = f.read()
    with open(os.path.join(DEMO, "buildings.geojson"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    # The first 40 buildings, one per line as the demo file has them.
    seeds["demo-buildings-40.geojson"] = "\n".join(lines[:41]).rstrip(",") + "\n]}\n"
    props = [
        '{"id":"b1","units":3,"nultreden":true}',
        '{"id":"b2","units":0,"nultreden":false,"kind":"church"}',
        '{"type":"huisarts","name":"Praktijk \\"De Brug\\", Noord"}',
        '{"code":"BU03560101","name":"Centrum","nested":{"a":[1,2,{"b":null}]}}',
        '{"name":"caf\\u00e9 \\ud83d\\ude00 \\n\\t\\/","units":1.0}',
        "null",
        '{"units":12,"mode":"bus;tram","stop_id":"s1"}',
    ]
    features = [feature(g, props[k % len(props)]) for k, g in enumerate(GEOMETRIES)]
    seeds["all-kinds.geojson"] = collection(features)
    seeds["all-kinds-rd.geojson"] = collection(features, crs=True)
    seeds["all-kinds-pretty.geojson"] = collection(features, pretty=True)
    seeds["ids.geojson"] = collection([
        feature(GEOMETRIES[0], "{}", '"id":"f1",'),
        feature(GEOMETRIES[0], '{"id":7}', '"id":7,'),
        feature(GEOMETRIES[0], '{"units":null}', '"id":null,'),
    ])
    seeds["bom-crs-null.geojson"] = "\ufeff" + '{"type":"FeatureCollection","crs":null,"name":"x","features":[' + feature(GEOMETRIES[0]) + "]}"
    seeds["crs-last.geojson"] = '{"features":[\n' + feature(GEOMETRIES[1]) + '\n],"type":"FeatureCollection",' + RD_CRS + "}\n"
    seeds["empty.geojson"] = '{"type":"FeatureCollection","features":[]}'
    seeds["null-geometry.geojson"] = collection([feature("null")])
    seeds["numbers.geojson"] = collection([
        feature('{"type":"Point","coordinates":[123456789012345678901234567890,1.7976931348623157e308]}'),
        feature('{"type":"Point","coordinates":[0.1234567890123456789,-5e-324]}'),
        feature('{"type":"Point","coordinates":[1E22,1e23]}'),
    ])
    # The shapes the reader's tests refuse: an open ring, a short ring, mixed nesting, a
    # position of one number, deep nesting, a syntax error.
    seeds["open-ring.geojson"] = collection([feature('{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}')])
    seeds["mixed.geojson"] = collection([feature('{"type":"MultiPoint","coordinates":[[0,0],[[1,1]]]}')])
    seeds["short-position.geojson"] = collection([feature('{"type":"Point","coordinates":[5]}')])
    seeds["deep.geojson"] = '{"type":"FeatureCollection","x":' + "[" * 600 + "]" * 600 + ',"features":[]}'
    seeds["syntax.geojson"] = '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[52.1 5.1]}}]}'
    # One feature per line, with braces and line breaks in strings, as FeatureSplittingTests.
    lines = []
    for k in range(12):
        g = GEOMETRIES[0] if k % 3 == 0 else '{"type":"Polygon","coordinates":[[[0,0],[%d,0],[%d,1],[0,0]]]}' % (k + 1, k + 1)
        lines.append(feature(g, '{"id":"b%d","units":%d,"note":"a {brace} and \\"quote\\"","parts":[\n{"a":1},\n{"b":2}]}' % (k, k % 7)))
    seeds["split-lines.geojson"] = '{"type":"FeatureCollection","name":"x","features":[\n' + ",\n".join(lines) + '\n],"crs":null}\n'
    return seeds


# --- WKB and GeoPackage blobs --------------------------------------------------------------

def wkb_point(x, y, le=True, type_code=1):
    e = "<" if le else ">"
    return bytes([1 if le else 0]) + struct.pack(e + "Idd", type_code, x, y)


def wkb_ring(points, e):
    return struct.pack(e + "I", len(points)) + b"".join(struct.pack(e + "dd", x, y) for x, y in points)


def wkb_polygon(rings, le=True):
    e = "<" if le else ">"
    return bytes([1 if le else 0]) + struct.pack(e + "II", 3, len(rings)) + b"".join(wkb_ring(r, e) for r in rings)


def wkb_multi(type_code, parts, le=True):
    e = "<" if le else ">"
    return bytes([1 if le else 0]) + struct.pack(e + "II", type_code, len(parts)) + b"".join(parts)


def gpkg_blob(wkb, srs=28992, indicator=0, empty=False, le=True):
    e = "<" if le else ">"
    flags = (indicator << 1) | (0x10 if empty else 0) | (1 if le else 0)
    doubles = [0, 4, 6, 6, 8][min(indicator, 4)]
    return b"GP\x00" + bytes([flags]) + struct.pack(e + "i", srs) + b"".join(struct.pack(e + "d", k) for k in range(doubles)) + wkb


def wkb_seeds():
    square = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    hole = [(2, 2), (2, 3), (3, 3), (2, 2)]
    line = struct.pack("<BII", 1, 2, 3) + b"".join(struct.pack("<dd", x, y) for x, y in [(0, 0), (1, 1), (2, 0)])
    ewkb_srid_point = bytes([1]) + struct.pack("<Iidd", 0x20000001, 28992, 155000, 463000)
    iso_z_point = bytes([1]) + struct.pack("<Iddd", 1001, 1, 2, 3)
    ewkb_z_point = bytes([1]) + struct.pack("<Iddd", 0x80000001, 1, 2, 3)
    collection = wkb_multi(7, [wkb_point(1, 2), line])
    wkbs = {
        "point-le": wkb_point(155000, 463000),
        "point-be": wkb_point(5.1, 52.1, le=False),
        "point-empty": wkb_point(float("nan"), float("nan")),
        "point-inf": wkb_point(float("inf"), 1),
        "point-z-iso": iso_z_point,
        "point-z-ewkb": ewkb_z_point,
        "point-srid-ewkb": ewkb_srid_point,
        "linestring": line,
        "polygon-hole": wkb_polygon([square, hole]),
        "polygon-be": wkb_polygon([square], le=False),
        "polygon-empty": bytes([1]) + struct.pack("<II", 3, 0),
        "multipoint": wkb_multi(4, [wkb_point(1, 2), wkb_point(3, 4, le=False)]),
        "multilinestring": wkb_multi(5, [line, line]),
        "multipolygon": wkb_multi(6, [wkb_polygon([square]), wkb_polygon([[(20, 20), (30, 20), (30, 30), (20, 20)]])]),
        "collection": collection,
    }
    blobs = {
        "gp-point": gpkg_blob(wkbs["point-le"]),
        "gp-point-be-header": gpkg_blob(wkbs["point-be"], srs=4326, le=False),
        "gp-point-empty": gpkg_blob(wkbs["point-empty"], empty=True),
        "gp-point-srs0": gpkg_blob(wkbs["point-le"], srs=0),
        "gp-point-other-srs": gpkg_blob(wkbs["point-le"], srs=4326),
        "gp-polygon-env1": gpkg_blob(wkbs["polygon-hole"], indicator=1),
        "gp-multipolygon-env2": gpkg_blob(wkbs["multipolygon"], indicator=2),
        "gp-multipoint-env4": gpkg_blob(wkbs["multipoint"], indicator=4),
        "gp-linestring-env3": gpkg_blob(wkbs["linestring"], indicator=3),
        "gp-collection": gpkg_blob(collection),
        "gp-z-point": gpkg_blob(iso_z_point),
        "gp-extended": b"GP\x00\x21" + struct.pack("<i", 28992) + wkbs["point-le"],
        "gp-version2": b"GP\x01\x01" + struct.pack("<i", 28992) + wkbs["point-le"],
        "gp-bad-indicator": b"GP\x00\x0f" + struct.pack("<i", 28992) + wkbs["point-le"],
    }
    return wkbs, blobs


# --- CSV and GTFS --------------------------------------------------------------------------

def csv_seeds():
    return {
        "zorg.csv": 'x,y,soort,naam\n155100,463000,Huisarts,"Praktijk ""De Brug"", Noord"\n155000,463200,ontmoetingsruimte,Buurthuis\n',
        "osm.csv": "osm_id,lon,lat,amenity,shop,healthcare,name\r\n1,5.1,52.1,pharmacy,,,Apotheek\r\n2,5.12,52.11,restaurant,,,Eethuis\r\n3,5.09,52.09,doctors,,pharmacy,Gezondheidscentrum\r\n\r\n",
        "plots.csv": "name,lon,lat\nkavel 1,5.3874,51.9934\nkavel 2,5.4045,51.9957\n",
        "plots-rd.csv": "id,x,y\np1,156187.94,445257.43\n",
        "bom-quoted.csv": '\ufeff"lon","lat","name"\n"5.1","52.1","a\nb"\n 5.2 , 52.2 ,\n',
        "bad-quote.csv": 'lon,lat\n"5.1"x,52.1\n',
        "unterminated.csv": 'lon,lat\n"5.1,52.1\n',
        "ragged.csv": "lon,lat,name\n5.1,52.1\n5.2,52.2,b,c\n",
        "duplicate-header.csv": "lon,lat,lon\n1,2,3\n",
        "not-numbers.csv": "lon,lat,x,y\nabc,1e400,nan,inf\n",
    }


GTFS_STOPS = (
    "\ufeffstop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n"
    "s1,Dorpsplein,52.1,5.1,0,\n"
    "s2,Dorpsplein,52.1001,5.1002,0,\n"
    "st,Station Dorp,52.09,5.1,1,\n"
    "p1,Station Dorp,52.0901,5.1003,0,st\n"
    "e1,Station Dorp,52.0902,5.1001,2,st\n"
    "b4,Boarding,,,4,st\n"
    'n1,"Kerk, Noord",52.11,5.09,,\n'
)
GTFS_ROUTES = "route_id,agency_id,route_short_name,route_type\nr1,a,1,3\nr2,a,IC,2\nr3,a,x,715\n"
GTFS_TRIPS = "route_id,service_id,trip_id\nr1,d,t1\nr2,d,t2\n"
GTFS_TIMES = ("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
              "t1,08:00:00,08:00:00,s1,1\nt1,08:02:00,08:02:00,s2,2\nt1,08:04:00,08:04:00,n1,3\n"
              "t2,09:00:00,09:00:00,p1,1\n")


def gtfs_seeds():
    return {
        "feed": "\0".join([GTFS_STOPS, GTFS_ROUTES, GTFS_TRIPS, GTFS_TIMES]),
        "stops-only": GTFS_STOPS,
        "stops-routes-missing": "\0".join([GTFS_STOPS, GTFS_ROUTES]),
        "unknown-trip": "\0".join([GTFS_STOPS, GTFS_ROUTES, GTFS_TRIPS, "trip_id,stop_id\nt9,s1\n"]),
        "bad-location-type": "stop_id,stop_lat,stop_lon,location_type\na,52,5,7\n",
        "no-coordinates": "stop_id,stop_lat,stop_lon\na,,\n",
        "duplicate-stop": "stop_id,stop_lat,stop_lon\na,52,5\na,52,5\n",
    }


# --- Profiles and manifests ----------------------------------------------------------------

PROFILE_TOML = """name = "test"
description = "een test"
[cluster]
link = 30
min_units = 8
[[criteria]]
name = "zorg"
types = ["Huisarts ", "zorgcentrum"]
radius = 400
ideal = 200
weight = 2
required = true
[[criteria]]
name = "winkel"
types = ["supermarkt"]
radius = 600.5
"""
PROFILE_JSON = """{"name": "test", "description": "een test", "cluster": {"link": 30, "min_units": 8},
 "criteria": [{"name": "zorg", "types": ["Huisarts ", "zorgcentrum"], "radius": 400, "ideal": 200, "weight": 2, "required": true},
              {"name": "winkel", "types": ["supermarkt"], "radius": 600.5}]}
"""
PROFILE_INVALID = [
    '{"name":"x","criteria":[{"name":"zorg","types":["huisarts"],"radius":300,"ideal":400}]}',
    '{"name":"x","criteria":[{"name":"Zorg!","types":["huisarts"],"radius":300}]}',
    '{"name":"x","criteria":[]}',
    '{"name":"x","criteria":[{"name":"a","types":[],"radius":300}]}',
    '{"name":"x","criteria":[{"name":"a","types":["x"],"radius":-1}]}',
    '{"name":"x","criteria":[{"name":"a","types":["x"]}]}',
    '{"name":"x","cluster":{"min_units":0},"criteria":[{"name":"a","types":["x"],"radius":3}]}',
    '{"name":"x","criteria":[{"name":"a","types":["x"],"radius":3},{"name":"a","types":["y"],"radius":3}]}',
    'name = "x"\nradius = \n',
]

MANIFEST_TOML = """# the test data set
[buildings]
format = "bag"
file = "bag.gpkg"
statuses = ["Verblijfsobject in gebruik"]
gebruiksdoel = "woonfunctie"

[buurten]
format = "cbs"
file = "wijkenbuurten.gpkg"
layer = "buurten"
[buurten.nabijheid]
huisarts = "cbs_AF_ARTSPR"

[haltes]
format = "gtfs"
file = "gtfs"
merge_within_m = 50

[[voorzieningen]]
format = "csv"
file = "zorg.csv"
x = "x"
y = "y"
type = "soort"
name = "naam"

[[voorzieningen]]
format = "csv"
file = "osm.csv"
lon = "lon"
lat = "lat"
name = "name"
mapping = "osm"

[[voorzieningen]]
format = "csv"
file = "poi.csv"
lon = "lon"
lat = "lat"
type = "categorie"
[voorzieningen.mapping]
"amenity=doctors" = "huisarts"
dokter = "huisarts"
"""
MANIFEST_JSON = json.dumps({
    "buildings": {"format": "geojson", "file": "buildings.geojson"},
    "buurten": {"format": "geojson", "file": "buurten.geojson"},
    "haltes": {"format": "geojson", "file": "ov_haltes.geojson"},
    "voorzieningen": [{"format": "geojson", "file": "voorzieningen.geojson"},
                      {"format": "csv", "file": "/abs/poi.csv", "x": "x", "y": "y", "mapping": {"shop=supermarket": "supermarkt"}}],
    "name": "demo", "description": "the demo town",
}, indent=1)


# --- Archives and indexes ------------------------------------------------------------------

def archive(kind, version, sections):
    """A binary archive (BinaryArchiveFormat.swift) with zero checksums: the fuzz targets set
    them (fixArchiveChecksums)."""
    def name(s):
        b = s.encode()
        return struct.pack("<I", len(b)) + b
    fixed = 24
    table = name(kind) + struct.pack("<II", version, len(sections))
    entries = []
    for section_name, tag, count, payload in sections:
        chunks = (len(payload) + 65535) // 65536
        entries.append((section_name, tag, count, payload, chunks))
    header_length = fixed + len(table) + sum(len(name(n)) + 28 + 8 * c for n, _, _, _, c in entries)
    end = header_length + 8
    body = b""
    out_table = table
    for section_name, tag, count, payload, chunks in entries:
        start = (end + 7) // 8 * 8
        out_table += name(section_name) + struct.pack("<IQQQ", tag, count, start, len(payload)) + b"\0" * (8 * chunks)
        body += b"\0" * (start - end) + payload
        end = start + len(payload)
    head = b"\x89CIRKEL\x1a" + struct.pack("<IIQ", 2, header_length, header_length + 8 + len(body)) + out_table
    assert len(head) == header_length
    return head + b"\0" * 8 + body


def strings_payload(values):
    blob = b"".join(v.encode() for v in values)
    offsets = [0]
    for v in values:
        offsets.append(offsets[-1] + len(v.encode()))
    return b"".join(struct.pack("<q", o) for o in offsets) + blob


def archive_seeds():
    return {
        "every-type.archive": archive("cirkel-index", 3, [
            ("d", 1, 3, struct.pack("<3d", 1.5, -2, float("nan"))),
            ("i32", 2, 2, struct.pack("<2i", -1, 7)),
            ("i64", 3, 1, struct.pack("<q", 1 << 40)),
            ("b", 4, 5, b"\x00\x01\x02\x03\xff"),
            ("s", 5, 3, strings_payload(["", "café", "BU0001"])),
            ("empty", 1, 0, b""),
        ]),
        "no-sections.archive": archive("cirkel-index", 3, []),
    }


def small_demo(folder):
    """A corner of the demo town: 24 buildings, every voorziening and halte, two buurten."""
    def take(name, count=None, keep=None):
        with open(os.path.join(DEMO, name), encoding="utf-8") as f:
            doc = json.load(f)
        features = doc["features"]
        if keep:
            features = [f for f in features if keep(f)]
        if count is not None:
            features = features[:count]
        doc["features"] = features
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(json.dumps(doc, separators=(",", ":")))
    take("buildings.geojson", 24)
    take("voorzieningen.geojson")
    take("ov_haltes.geojson", 6)
    take("buurten.geojson", 2)


def index_seeds(cirkel):
    seeds = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        os.makedirs(data)
        small_demo(data)
        for profile in ["woonzorgcirkel", "nieuwegein-zorgcirkel"]:
            out = os.path.join(tmp, profile + ".cirkelindex")
            subprocess.run([cirkel, "index", data, "-o", out, "--profile", profile], check=True, stdout=subprocess.DEVNULL)
            with open(out, "rb") as f:
                seeds["demo-24-" + profile + ".cirkelindex"] = f.read()
    return seeds


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-corpus.py PATH/TO/cirkel")
    cirkel = sys.argv[1]
    for target in ["FuzzGeoJSON", "FuzzGeoJSONSplit"]:
        reset(target)
        for name, text in geojson_seeds().items():
            write(target, name, text)
    wkbs, blobs = wkb_seeds()
    reset("FuzzWKB")
    reset("FuzzGeoPackage")
    for name, data in wkbs.items():
        write("FuzzWKB", name + ".wkb", data)
    for name, data in blobs.items():
        write("FuzzWKB", name + ".blob", data)
        write("FuzzGeoPackage", name + ".blob", data)
    for name, data in wkbs.items():
        write("FuzzGeoPackage", "gp-" + name + ".blob", gpkg_blob(data))
    reset("FuzzCSV")
    for name, text in csv_seeds().items():
        write("FuzzCSV", name, text)
    write("FuzzCSV", "stops.csv", GTFS_STOPS)
    reset("FuzzGTFS")
    for name, text in gtfs_seeds().items():
        write("FuzzGTFS", name, text)
    reset("FuzzProfile")
    write("FuzzProfile", "test.toml", PROFILE_TOML)
    write("FuzzProfile", "test.json", PROFILE_JSON)
    for k, text in enumerate(PROFILE_INVALID):
        write("FuzzProfile", "invalid-%d" % k, text)
    for name in ["woonzorgcirkel", "nieuwegein-zorgcirkel"]:
        text = subprocess.run([cirkel, "profiles", name], check=True, capture_output=True, text=True).stdout
        write("FuzzProfile", "builtin-" + name + ".json", text)
    reset("FuzzManifest")
    write("FuzzManifest", "manifest.toml", MANIFEST_TOML)
    write("FuzzManifest", "manifest.json", MANIFEST_JSON)
    write("FuzzManifest", "mapping-file.toml", '[buildings]\nformat = "geojson"\nfile = "b.geojson"\n[haltes]\nformat = "geojson"\nfile = "h.geojson"\n'
          '[[voorzieningen]]\nformat = "csv"\nfile = "p.csv"\nx = "x"\ny = "y"\nmapping = "manifest.json"\n')
    write("FuzzManifest", "unknown-key.toml", '[buildings]\nformat = "geojson"\nfile = "b.geojson"\nfiel = "x"\n')
    reset("FuzzArchive")
    for name, data in archive_seeds().items():
        write("FuzzArchive", name, data)
    reset("FuzzIndex")
    for name, data in index_seeds(cirkel).items():
        write("FuzzIndex", name, data)
        write("FuzzArchive", name, data)
    for name, data in archive_seeds().items():
        write("FuzzIndex", name, data)


if __name__ == "__main__":
    main()
