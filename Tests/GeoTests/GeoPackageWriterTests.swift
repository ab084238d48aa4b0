import CSQLite
import Foundation
import Testing
@testable import Geo

// MARK: Fixtures

/// Builds a geometry column from literal features.
private struct Features {
    var column = GeometryColumn()

    mutating func point(_ x: Double, _ y: Double) { column.appendPoint(x, y) }

    /// A polygon: the exterior ring, then the holes (each ring closed).
    mutating func polygon(_ rings: [[(Double, Double)]]) {
        appendPolygon(rings)
        column.endFeature(kind: .polygon)
    }

    mutating func multiPolygon(_ polygons: [[[(Double, Double)]]]) {
        for rings in polygons { appendPolygon(rings) }
        column.endFeature(kind: .multiPolygon)
    }

    private mutating func appendPolygon(_ rings: [[(Double, Double)]]) {
        for ring in rings {
            for (x, y) in ring { column.appendCoordinate(x, y) }
            column.endRing()
        }
        column.endPart()
    }
}

/// A closed square ring, counter-clockwise when `clockwise` is false.
private func square(_ x: Double, _ y: Double, _ size: Double, clockwise: Bool = false) -> [(Double, Double)] {
    let ring = [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]
    return clockwise ? ring.reversed() : ring
}

private let columns = [
    GeoPackageColumn(name: "id", kind: .integer),
    GeoPackageColumn(name: "score", kind: .real),
    GeoPackageColumn(name: "naam", kind: .text),
    GeoPackageColumn(name: "geschikt", kind: .boolean),
]

/// One test layer: what is written and what reading it back must give.
private struct Layer {
    let name: String
    let crs: CoordinateReferenceSystem
    let geometries: GeometryColumn
    let rows: [[OutputValue]]
    /// The values `GeoPackageReader` reads back, per column.
    let expected: [String: [PropertyValue]]
}

private func layers() -> [Layer] {
    var points = Features()
    points.point(155_000, 463_000)
    points.point(121_000.5, 487_000.25)
    points.point(-0.125, 1e-9)

    var polygons = Features()
    polygons.polygon([square(120_000, 486_000, 100), square(120_010, 486_010, 20, clockwise: true), square(120_050, 486_050, 10, clockwise: true)])
    polygons.polygon([square(121_000, 487_000, 50)])

    var multi = Features()
    multi.multiPolygon([[square(4.0, 52.0, 0.1), square(4.02, 52.02, 0.02, clockwise: true)], [square(5.0, 52.5, 0.05)]])
    multi.multiPolygon([[square(6.0, 53.0, 0.01)]])

    var wgs84Points = Features()
    wgs84Points.point(4.895168, 52.370216)

    return [
        Layer(name: "punten", crs: .rdNew, geometries: points.column,
              rows: [[.integer(1), .fixed(12.345, decimals: 2), .string("Zorgcentrum De Linde"), .bool(true)],
                     [.integer(-7), .trimmed(2.5, decimals: 3), .string("Hé, \"quote\"; 'x'\n"), .bool(false)],
                     [.missing, .missing, .missing, .missing]],
              expected: ["id": [.number(1), .number(-7), .null], "score": [.number(12.35), .number(2.5), .null],
                         "naam": [.string("Zorgcentrum De Linde"), .string("Hé, \"quote\"; 'x'\n"), .null],
                         "geschikt": [.number(1), .number(0), .null]]),
        Layer(name: "vlakken", crs: .rdNew, geometries: polygons.column,
              rows: [[.integer(Int(Int32.max) + 1), .fixedOrMissing(.infinity, decimals: 1), .string(""), .bool(true)],
                     [.integer(0), .integer(3), .string("b"), .missing]],
              expected: ["id": [.number(Double(Int32.max) + 1), .number(0)], "score": [.null, .number(3)],
                         "naam": [.string(""), .string("b")], "geschikt": [.number(1), .null]]),
        Layer(name: "multi", crs: .wgs84, geometries: multi.column,
              rows: [[.integer(1), .fixed(-0.001, decimals: 2), .string("a"), .bool(false)],
                     [.integer(2), .fixed(.nan, decimals: 2), .string("b"), .bool(true)]],
              expected: ["id": [.number(1), .number(2)], "score": [.number(0), .null],
                         "naam": [.string("a"), .string("b")], "geschikt": [.number(0), .number(1)]]),
        Layer(name: "punten_wgs84", crs: .wgs84, geometries: wgs84Points.column,
              rows: [[.integer(9), .trimmed(52.123456789, decimals: 6), .string("Dam"), .bool(true)]],
              expected: ["id": [.number(9)], "score": [.number(52.123457)], "naam": [.string("Dam")], "geschikt": [.number(1)]]),
    ]
}

private func write(_ layers: [Layer], to path: String) throws {
    let writer = try GeoPackageWriter(path: path)
    for layer in layers {
        try writer.addLayer(name: layer.name, description: "test layer \(layer.name)", geometries: layer.geometries, crs: layer.crs,
                            columns: columns) { layer.rows[$0] }
    }
    try writer.close()
}

// MARK: ogrinfo

/// GDAL's ogrinfo on PATH (installed by scripts/setup.sh, which the README's test command runs).
/// The lines of ogrinfo's output from "Layer name: `name`" to the next layer.
private func section(of layer: String, in output: String) -> [String] {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(of: "Layer name: \(layer)") else { return [] }
    let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("Layer name: ") } ?? lines.endIndex
    return Array(lines[start..<end])
}

// MARK: Tests

@Suite struct GeoPackageWriterTests {
    @Test func layersReadBackExactly() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("uitvoer.gpkg").path
        let layers = layers()
        try write(layers, to: path)

        #expect(try GeoPackageReader.layers(path: path).map(\.table) == ["multi", "punten", "punten_wgs84", "vlakken"])
        for layer in layers {
            let table = try GeoPackageReader(layer: layer.name, properties: Set(columns.map(\.name))).read(path: path)
            #expect(table.crs == layer.crs, "\(layer.name)")
            let read = table.geometries, written = layer.geometries
            #expect(read.kinds == written.kinds, "\(layer.name)")
            #expect(read.xs == written.xs && read.ys == written.ys, "\(layer.name)")
            #expect(read.partStart == written.partStart && read.ringStart == written.ringStart
                    && read.coordinateStart == written.coordinateStart, "\(layer.name)")
            #expect(table.featureIDs == (1...written.count).map { .number(Double($0)) }, "fid f + 1")
            for column in columns {
                #expect(table.column(column.name) == layer.expected[column.name], "\(layer.name).\(column.name)")
            }
        }
    }

    @Test func theFileIsAGeoPackage12WithItsMetadata() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("uitvoer.gpkg").path
        try write(layers(), to: path)
        let database = try SQLiteDatabase(readOnly: path)
        func rows(_ sql: String) throws -> [[String]] {
            let query = try database.prepare(sql)
            var rows: [[String]] = []
            while try query.step() { rows.append((0..<query.columnCount).map { query.text($0) ?? "NULL" }) }
            return rows
        }
        #expect(try rows("PRAGMA application_id") == [["1196444487"]])
        #expect(try rows("PRAGMA user_version") == [["10200"]])
        #expect(try rows("SELECT srs_id, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys ORDER BY srs_id")
                == [["-1", "NONE", "-1"], ["0", "NONE", "0"], ["4326", "EPSG", "4326"], ["28992", "EPSG", "28992"]])
        #expect(try rows("SELECT table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents ORDER BY table_name")
                == [["multi", "features", "multi", "test layer multi", "1970-01-01T00:00:00.000Z", "4.0", "52.0", "6.01", "53.01", "4326"],
                    ["punten", "features", "punten", "test layer punten", "1970-01-01T00:00:00.000Z", "-0.125", "1.0e-09", "155000.0", "487000.25", "28992"],
                    ["punten_wgs84", "features", "punten_wgs84", "test layer punten_wgs84", "1970-01-01T00:00:00.000Z",
                     "4.895168", "52.370216", "4.895168", "52.370216", "4326"],
                    ["vlakken", "features", "vlakken", "test layer vlakken", "1970-01-01T00:00:00.000Z", "120000.0", "486000.0", "121050.0", "487050.0", "28992"]])
        #expect(try rows("SELECT table_name, column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns ORDER BY table_name")
                == [["multi", "geom", "MULTIPOLYGON", "4326", "0", "0"], ["punten", "geom", "POINT", "28992", "0", "0"],
                    ["punten_wgs84", "geom", "POINT", "4326", "0", "0"], ["vlakken", "geom", "POLYGON", "28992", "0", "0"]])
        #expect(try rows("SELECT name, type FROM pragma_table_info('punten') ORDER BY cid")
                == [["fid", "INTEGER"], ["geom", "POINT"], ["id", "INTEGER"], ["score", "REAL"], ["naam", "TEXT"], ["geschikt", "BOOLEAN"]])
        // The stored types, not only the values: GDAL reads a REAL column's integers as reals anyway.
        #expect(try rows("SELECT typeof(id), typeof(score), typeof(naam), typeof(geschikt) FROM vlakken ORDER BY fid")
                == [["integer", "null", "text", "integer"], ["integer", "real", "text", "null"]])
        #expect(try rows("SELECT table_name, column_name, extension_name, scope FROM gpkg_extensions ORDER BY table_name")
                == ["multi", "punten", "punten_wgs84", "vlakken"].map { [$0, "geom", "gpkg_rtree_index", "write-only"] })
        for layer in ["multi", "punten", "punten_wgs84", "vlakken"] {
            #expect(try rows("SELECT rtreecheck('rtree_\(layer)_geom')") == [["ok"]], "\(layer)")
        }
        #expect(try rows("SELECT id, minx, maxx, miny, maxy FROM rtree_vlakken_geom ORDER BY id")
                == [["1", "120000.0", "120100.0", "486000.0", "486100.0"], ["2", "121000.0", "121050.0", "487000.0", "487050.0"]])
        #expect(try rows("PRAGMA integrity_check") == [["ok"]])
        #expect(try rows("PRAGMA foreign_key_check").isEmpty)
    }

    @Test func geometryBlobsHaveTheStandardHeaderAndWKB() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("uitvoer.gpkg").path
        try write(layers(), to: path)
        let database = try SQLiteDatabase(readOnly: path)
        func blob(_ table: String) throws -> [UInt8] {
            let query = try database.prepare("SELECT geom FROM \(table) WHERE fid = 1")
            #expect(try query.step())
            return Array(query.blob(0))
        }
        func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
        func le(_ value: Double) -> [UInt8] { le(value.bitPattern) }
        // A point: no envelope (flags: little-endian only), SRS 28992, WKB Point.
        #expect(try blob("punten") == [0x47, 0x50, 0, 0x01] + le(Int32(28992)) + [1] + le(UInt32(1)) + le(155_000.0) + le(463_000.0))
        // A multipolygon: envelope kind 1 (minx, maxx, miny, maxy), then WKB MultiPolygon of two polygons.
        let multi = try blob("multi")
        #expect(Array(multi[0..<40]) == [0x47, 0x50, 0, 0x03] + le(Int32(4326)) + le(4.0) + le(5.05) + le(52.0) + le(52.55))
        #expect(Array(multi[40..<49]) == [1] + le(UInt32(6)) + le(UInt32(2)))
        #expect(Array(multi[49..<58]) == [1] + le(UInt32(3)) + le(UInt32(2)), "the first polygon has a hole")
        #expect(multi.count == 40 + 9 + (9 + 2 * (4 + 5 * 16)) + (9 + 4 + 5 * 16))
    }

    @Test func mixedSingleAndMultiGeometriesArePromotedToMulti() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gemengd.gpkg").path
        var features = Features()
        features.polygon([square(0, 0, 1)])
        features.multiPolygon([[square(2, 2, 1)], [square(4, 4, 1)]])
        var mixed = Features()
        mixed.point(1, 1)
        mixed.polygon([square(0, 0, 1)])
        let writer = try GeoPackageWriter(path: path)
        try writer.addLayer(name: "vlekken", geometries: features.column, crs: .rdNew, columns: []) { _ in [] }
        try writer.addLayer(name: "alles", geometries: mixed.column, crs: .rdNew, columns: []) { _ in [] }
        try writer.addLayer(name: "leeg", geometries: GeometryColumn(), crs: .wgs84, columns: columns) { _ in [] }
        try writer.close()
        #expect(try GeoPackageWriterTests.geometryTypes(path) == ["alles": "GEOMETRY", "leeg": "GEOMETRY", "vlekken": "MULTIPOLYGON"])
        let vlekken = try GeoPackageReader(layer: "vlekken", properties: []).read(path: path).geometries
        #expect(vlekken.kinds == [.multiPolygon, .multiPolygon])
        #expect(vlekken.xs == features.column.xs && vlekken.partStart == features.column.partStart)
        #expect(try GeoPackageReader(layer: "alles", properties: []).read(path: path).geometries.kinds == [.point, .polygon])
        #expect(try GeoPackageReader(layer: "leeg", properties: []).read(path: path).count == 0)
    }

    static func geometryTypes(_ path: String) throws -> [String: String] {
        let query = try SQLiteDatabase(readOnly: path).prepare("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns")
        var types: [String: String] = [:]
        while try query.step() { types[query.text(0)!] = query.text(1)! }
        return types
    }

    /// Thousands of features make an R-tree of three levels (51 cells a node), bulk-loaded;
    /// SQLite's own check accepts it, it answers window queries as a scan of the envelopes
    /// does, and it takes inserts afterwards.
    @Test func theSpatialIndexIsAValidRTree() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("index.gpkg").path
        var random = SplitMix64(seed: 7)
        var features = Features()
        var boxes: [(minX: Double, maxX: Double, minY: Double, maxY: Double)] = []
        for _ in 0..<3_000 {
            let x = Double.random(in: 100_000...110_000, using: &random).rounded(), y = Double.random(in: 450_000...460_000, using: &random).rounded()
            let size = Double(Int.random(in: 1...200, using: &random))
            features.polygon([square(x, y, size)])
            boxes.append((x, x + size, y, y + size))
        }
        let writer = try GeoPackageWriter(path: path)
        try writer.addLayer(name: "vakken", geometries: features.column, crs: .rdNew, columns: []) { _ in [] }
        try writer.close()

        let database = try SQLiteDatabase(readOnly: path)
        func integer(_ sql: String) throws -> Int64 {
            let query = try database.prepare(sql)
            #expect(try query.step())
            return query.int64(0)
        }
        let check = try database.prepare("SELECT rtreecheck('rtree_vakken_geom')")
        #expect(try check.step() && check.text(0) == "ok")
        #expect(try integer("SELECT count(*) FROM rtree_vakken_geom") == 3_000)
        #expect(try integer("SELECT count(*) FROM rtree_vakken_geom_parent") > 59, "more than two levels")
        for _ in 0..<20 {
            let x = Double.random(in: 100_000...110_000, using: &random).rounded(), y = Double.random(in: 450_000...460_000, using: &random).rounded()
            let window = (minX: x, maxX: x + 500, minY: y, maxY: y + 300)
            let expected = boxes.indices.filter {
                boxes[$0].minX <= window.maxX && boxes[$0].maxX >= window.minX && boxes[$0].minY <= window.maxY && boxes[$0].maxY >= window.minY
            }.map { Int64($0 + 1) }
            let query = try database.prepare("""
                SELECT id FROM rtree_vakken_geom WHERE minx <= \(window.maxX) AND maxx >= \(window.minX)
                AND miny <= \(window.maxY) AND maxy >= \(window.minY) ORDER BY id
                """)
            var found: [Int64] = []
            while try query.step() { found.append(query.int64(0)) }
            #expect(found == expected)
        }
        // An edit after writing (GDAL's triggers do this) keeps the tree valid.
        var db: OpaquePointer?
        #expect(sqlite3_open(path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        for k in 0..<200 {
            #expect(sqlite3_exec(db, "INSERT INTO rtree_vakken_geom VALUES (\(10_000 + k), \(k), \(k + 1), 5, 6)", nil, nil, nil) == SQLITE_OK)
        }
        #expect(sqlite3_exec(db, "DELETE FROM rtree_vakken_geom WHERE id <= 1500", nil, nil, nil) == SQLITE_OK)
        let recheck = try SQLiteDatabase(readOnly: path).prepare("SELECT rtreecheck('rtree_vakken_geom')")
        #expect(try recheck.step() && recheck.text(0) == "ok")
    }

    @Test func ogrinfoListsEveryLayerWithoutComplaint() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("uitvoer.gpkg").path
        try write(layers(), to: path)
        guard let result = try ogrinfo(["-ro", "-so", "-al", path], in: folder) else { return }
        #expect(result.status == 0)
        let complaints = result.errors.split(separator: "\n").filter { $0.contains("ERROR") || $0.contains("Warning") }
        #expect(complaints.isEmpty, "ogrinfo: \(result.errors)")
        let expected: [(name: String, geometry: String, count: Int, srs: String)] = [
            ("punten", "Point", 3, "ID[\"EPSG\",28992]"), ("vlakken", "Polygon", 2, "ID[\"EPSG\",28992]"),
            ("multi", "Multi Polygon", 2, "ID[\"EPSG\",4326]"), ("punten_wgs84", "Point", 1, "ID[\"EPSG\",4326]"),
        ]
        for layer in expected {
            let lines = section(of: layer.name, in: result.output)
            #expect(lines.contains("Geometry: \(layer.geometry)"), "\(layer.name): \(lines)")
            #expect(lines.contains("Feature Count: \(layer.count)"), "\(layer.name): \(lines)")
            #expect(lines.contains { $0.contains(layer.srs) }, "\(layer.name): \(lines)")
            #expect(lines.contains("FID Column = fid") && lines.contains("Geometry Column = geom"), "\(layer.name)")
            #expect(lines.contains("id: Integer64 (0.0)") && lines.contains("score: Real (0.0)")
                    && lines.contains("naam: String (0.0)") && lines.contains("geschikt: Integer(Boolean) (0.0)"), "\(layer.name): \(lines)")
        }
        #expect(section(of: "punten", in: result.output).contains("Extent: (-0.125000, 0.000000) - (155000.000000, 487000.250000)"))
    }

    @Test func ogrinfoShowsTheFeaturesAsWritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("uitvoer.gpkg").path
        try write(layers(), to: path)
        guard let result = try ogrinfo(["-ro", "-al", path, "punten", "vlakken"], in: folder) else { return }
        #expect(result.status == 0)
        #expect(result.errors.isEmpty, "ogrinfo: \(result.errors)")
        let punten = section(of: "punten", in: result.output).map { $0.trimmingCharacters(in: .whitespaces) }
        for line in ["OGRFeature(punten):1", "id (Integer64) = 1", "score (Real) = 12.35", "naam (String) = Zorgcentrum De Linde",
                     "geschikt (Integer(Boolean)) = 1", "POINT (155000 463000)", "OGRFeature(punten):2", "geschikt (Integer(Boolean)) = 0",
                     "POINT (121000.5 487000.25)", "OGRFeature(punten):3", "id (Integer64) = (null)", "naam (String) = (null)"] {
            #expect(punten.contains(line), "\(line) in \(punten)")
        }
        let vlakken = section(of: "vlakken", in: result.output).map { $0.trimmingCharacters(in: .whitespaces) }
        let polygon = "POLYGON ((120000 486000,120100 486000,120100 486100,120000 486100,120000 486000),"
            + "(120010 486010,120010 486030,120030 486030,120030 486010,120010 486010),"
            + "(120050 486050,120050 486060,120060 486060,120060 486050,120050 486050))"
        #expect(vlakken.contains(polygon), "\(vlakken)")
        #expect(vlakken.contains("id (Integer64) = 2147483648"))
    }

    @Test func theSameLayersGiveTheSameBytes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("een.gpkg"), second = folder.appendingPathComponent("twee.gpkg")
        try write(layers(), to: first.path)
        try write(layers(), to: second.path)
        let bytes = try Data(contentsOf: first)
        #expect(bytes.count > 4096)
        #expect(bytes == (try Data(contentsOf: second)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["een.gpkg", "twee.gpkg"], "no journal left")
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("er-al.gpkg").path
        try Data("oud".utf8).write(to: URL(fileURLWithPath: path))
        #expect(geoError { _ = try GeoPackageWriter(path: path) }
                == .io(path: path, reason: "already exists (a new file is never written over one)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("oud".utf8))
        let missingFolder = folder.appendingPathComponent("niet/er.gpkg").path
        #expect(geoError { _ = try GeoPackageWriter(path: missingFolder, reportedPath: "uit/er.gpkg") }
                == .io(path: "uit/er.gpkg", reason: "cannot create (No such file or directory)"))
    }

    @Test func badNamesAreExplainedAndLeaveTheWriterUsable() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("namen.gpkg").path
        let writer = try GeoPackageWriter(path: path)
        var features = Features()
        features.point(1, 2)
        func add(_ name: String, _ columns: [GeoPackageColumn], _ values: [OutputValue] = []) -> GeoError? {
            geoError { try writer.addLayer(name: name, geometries: features.column, crs: .rdNew, columns: columns) { _ in values } }
        }
        let a = GeoPackageColumn(name: "a", kind: .integer)
        let cases: [(String, [GeoPackageColumn], String)] = [
            ("laag", [GeoPackageColumn(name: "FID", kind: .integer)], "column \"FID\": the name is taken by the feature id column"),
            ("laag", [GeoPackageColumn(name: "geom", kind: .text)], "column \"geom\": the name is taken by the geometry column"),
            ("laag", [GeoPackageColumn(name: "", kind: .text)], "a column needs a name"),
            ("laag", [a, GeoPackageColumn(name: "A", kind: .real)], "column \"A\" appears twice (names ignore case)"),
            ("", [], "a layer needs a name"),
            ("gpkg_laag", [], "names starting with \"gpkg_\" are reserved by GeoPackage and SQLite"),
        ]
        for (name, columns, reason) in cases {
            #expect(add(name, columns) == .io(path: path, reason: "cannot add layer \"\(name)\": \(reason)"))
        }
        // Values that do not fit: the layer is taken back whole.
        #expect(add("laag", [a], [.string("3")])
                == .feature(file: "\(path) (layer laag)", index: 0, reason: "column \"a\" (INTEGER) cannot hold the text \"3\""))
        #expect(add("laag", [a], [.integer(1), .integer(2)]) == .feature(file: "\(path) (layer laag)", index: 0, reason: "2 values for 1 columns"))
        #expect(add("laag", [a], [.integer(3)]) == nil)
        #expect(add("LAAG", []) == .io(path: path, reason: "cannot add layer \"LAAG\": the GeoPackage already has a layer of that name"))
        try writer.close()
        #expect(add("later", []) == .io(path: path, reason: "cannot add layer \"later\": the GeoPackage is already closed"))
        try writer.close()
        let table = try GeoPackageReader(properties: ["a"]).read(path: path)
        #expect(table.column("a") == [.number(3)] && table.featureIDs == [.number(1)])
    }

    @Test func decimalsAreStoredAsTheNumberTheCSVShows() {
        var random = SplitMix64(seed: 20_240_601)
        for _ in 0..<20_000 {
            let decimals = Int.random(in: 0...6, using: &random)
            let value = Double.random(in: -1e7...1e7, using: &random) / Double(Int.random(in: 1...1000, using: &random))
            var text = ByteBuffer()
            text.appendDecimal(value, decimals: decimals)
            let parsed = strtod(String(decoding: text.bytes, as: UTF8.self), nil)
            let stored = GeoPackageColumn.rounded(value, decimals: decimals)
            #expect(stored.bitPattern == parsed.bitPattern, "\(value) to \(decimals) decimals")
            if stored.bitPattern != parsed.bitPattern { return }
        }
        #expect(GeoPackageColumn.rounded(-0.0004, decimals: 3).sign == .plus, "never -0")
        #expect(GeoPackageColumn.rounded(1e300, decimals: 2) == 1e300)
    }

    @Test func aStagedGeoPackageIsCommittedOrLeavesNothing() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("out")
        let staged = try StagedOutputDirectory(target: target)
        let layers = layers()
        try staged.write("kaart.gpkg") { path, reportedPath in
            #expect(reportedPath == target.appendingPathComponent("kaart.gpkg").path)
            try write(layers, to: path)
        }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try staged.write("half.gpkg") { path, _ in
                let writer = try GeoPackageWriter(path: path)
                try writer.addLayer(name: "a", geometries: layers[0].geometries, crs: .rdNew, columns: columns) { layers[0].rows[$0] }
                throw Stop()
            }
        }
        // A writer error names the file's place in the target; the failed file is not committed.
        let error = geoError {
            try staged.write("fout.gpkg") { path, reportedPath in
                let writer = try GeoPackageWriter(path: path, reportedPath: reportedPath)
                try writer.addLayer(name: "", geometries: GeometryColumn(), crs: .rdNew, columns: []) { _ in [] }
            }
        }
        #expect(error == .io(path: target.appendingPathComponent("fout.gpkg").path, reason: "cannot add layer \"\": a layer needs a name"))
        let stagingFolders = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".out.") }
        #expect(stagingFolders.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.appendingPathComponent(stagingFolders[0]).path) == ["kaart.gpkg"])
        try staged.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["kaart.gpkg"])
        #expect(try GeoPackageReader(layer: "multi", properties: []).read(path: target.appendingPathComponent("kaart.gpkg").path).count == 2)
    }
}
