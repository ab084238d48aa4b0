import CSQLite
import Foundation
import Testing
@testable import Geo

/// GeoPackages written here with SQLite's C API and geometry blobs assembled byte by byte
/// from the specification (OGC 12-128r18 §2.1.3, and WKB), so the reader is checked against
/// an independent writer.
private final class TestGeoPackage {
    let path: String
    private var db: OpaquePointer?

    init(_ name: String = #function) throws {
        path = try temporaryFolder(name).appendingPathComponent("test.gpkg").path
        try? FileManager.default.removeItem(atPath: path)
        #expect(sqlite3_open(path, &db) == SQLITE_OK)
        exec("""
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS[...]', NULL);
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Amersfoort / RD New', 28992, 'EPSG', 28992, 'PROJCS[...]', NULL);
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Pseudo-Mercator', 3857, 'epsg', 3857, 'PROJCS[...]', NULL);
            CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
            """)
    }

    deinit { sqlite3_close(db) }

    func exec(_ sql: String) {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(db, sql, nil, nil, &message)
        #expect(status == SQLITE_OK, "\(message.map { String(cString: $0) } ?? "")")
    }

    /// A feature table `name` with the given extra columns (SQL types).
    func addLayer(_ name: String, srs: Int, columns: [(String, String)] = [], geometryType: String = "GEOMETRY") {
        exec("CREATE TABLE \"\(name)\" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB" + columns.map { ", \($0.0) \($0.1)" }.joined() + ");")
        exec("INSERT INTO gpkg_contents VALUES ('\(name)', 'features', '\(name)', \(srs));")
        exec("INSERT INTO gpkg_geometry_columns VALUES ('\(name)', 'geom', '\(geometryType)', \(srs), 0, 0);")
    }

    /// Inserts a row: fid, a geometry blob (nil for NULL), then values bound in order.
    func insert(into name: String, fid: Int, geometry: [UInt8]?, values: [Any?] = [], columns: [String] = []) {
        let names = ["fid", "geom"] + columns
        let sql = "INSERT INTO \"\(name)\" (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        sqlite3_bind_int64(statement, 1, Int64(fid))
        if let geometry { _ = geometry.withUnsafeBytes { sqlite3_bind_blob(statement, 2, $0.baseAddress, Int32($0.count), transient) } } else { sqlite3_bind_null(statement, 2) }
        for (k, value) in values.enumerated() {
            let index = Int32(k + 3)
            switch value {
            case let v as Int: sqlite3_bind_int64(statement, index, Int64(v))
            case let v as Double: sqlite3_bind_double(statement, index, v)
            case let v as String: sqlite3_bind_text(statement, index, v, -1, transient)
            default: sqlite3_bind_null(statement, index)
            }
        }
        #expect(sqlite3_step(statement) == SQLITE_DONE)
    }
}

/// Bytes of numbers in either byte order.
private func bytes<T: FixedWidthInteger>(_ value: T, littleEndian: Bool) -> [UInt8] {
    withUnsafeBytes(of: littleEndian ? value.littleEndian : value.bigEndian) { Array($0) }
}
private func bytes(_ value: Double, littleEndian: Bool) -> [UInt8] { bytes(value.bitPattern, littleEndian: littleEndian) }

/// WKB of a geometry given as its type code and the rings/points as nested lists.
private enum WKB {
    static func point(_ x: Double, _ y: Double, littleEndian: Bool = true) -> [UInt8] {
        [littleEndian ? 1 : 0] + bytes(UInt32(1), littleEndian: littleEndian) + bytes(x, littleEndian: littleEndian) + bytes(y, littleEndian: littleEndian)
    }

    static func polygon(_ rings: [[(Double, Double)]], littleEndian: Bool = true) -> [UInt8] {
        var out: [UInt8] = [littleEndian ? 1 : 0] + bytes(UInt32(3), littleEndian: littleEndian) + bytes(UInt32(rings.count), littleEndian: littleEndian)
        for ring in rings {
            out += bytes(UInt32(ring.count), littleEndian: littleEndian)
            for (x, y) in ring { out += bytes(x, littleEndian: littleEndian) + bytes(y, littleEndian: littleEndian) }
        }
        return out
    }

    static func multiPolygon(_ polygons: [[[(Double, Double)]]]) -> [UInt8] {
        polygons.reduce([1] + bytes(UInt32(6), littleEndian: true) + bytes(UInt32(polygons.count), littleEndian: true)) { $0 + polygon($1) }
    }

    static func emptyPoint() -> [UInt8] { point(.nan, .nan) }
}

/// A GeoPackage geometry blob: "GP", version 0, flags (envelope indicator, empty flag, byte
/// order), the SRS id, an envelope of the indicator's size, then the WKB.
private func gpkgBlob(_ wkb: [UInt8], srs: Int32, envelope indicator: UInt8 = 0, empty: Bool = false, littleEndian: Bool = true) -> [UInt8] {
    let flags = (indicator << 1) | (empty ? 0x10 : 0) | (littleEndian ? 1 : 0)
    let doubles = [0, 4, 6, 6, 8][Int(min(indicator, 4))]
    var out: [UInt8] = [UInt8(ascii: "G"), UInt8(ascii: "P"), 0, flags] + bytes(srs, littleEndian: littleEndian)
    for k in 0..<doubles { out += bytes(Double(k), littleEndian: littleEndian) } // the reader skips the envelope
    return out + wkb
}

@Suite struct GeoPackageReaderTests {
    @Test func rdPointsWithAttributesInKeyOrder() throws {
        let g = try TestGeoPackage()
        g.addLayer("verblijfsobjecten", srs: 28992, columns: [("identificatie", "TEXT"), ("units", "INTEGER"), ("oppervlakte", "REAL"), ("status", "TEXT")])
        let columns = ["identificatie", "units", "oppervlakte", "status"]
        g.insert(into: "verblijfsobjecten", fid: 7, geometry: gpkgBlob(WKB.point(121_000.5, 487_000.25), srs: 28992),
                 values: ["0363010000000007", 2, 81.5, "Verblijfsobject in gebruik"], columns: columns)
        g.insert(into: "verblijfsobjecten", fid: 3, geometry: gpkgBlob(WKB.point(120_000, 486_000, littleEndian: false), srs: 28992, envelope: 1, littleEndian: false),
                 values: ["0363010000000003", nil, 60, nil], columns: columns)
        let table = try GeoPackageReader(properties: ["identificatie", "units", "oppervlakte", "status", "niet_er"]).read(path: g.path)
        #expect(table.crs == .rdNew)
        #expect(table.count == 2)
        #expect(table.geometries.kinds == [.point, .point])
        #expect(table.geometries.xs == [120_000, 121_000.5] && table.geometries.ys == [486_000, 487_000.25])
        #expect(table.featureIDs == [.number(3), .number(7)])
        #expect(table.column("identificatie") == [.string("0363010000000003"), .string("0363010000000007")])
        #expect(table.column("units") == [.null, .number(2)])
        #expect(table.column("oppervlakte") == [.number(60), .number(81.5)])
        #expect(table.column("status") == [.null, .string("Verblijfsobject in gebruik")])
        #expect(table.column("niet_er") == [.absent, .absent])
        #expect(try GeoPackageReader.layers(path: g.path) == [.init(table: "verblijfsobjecten", geometryColumn: "geom", srsID: 28992)])
    }

    @Test func wgs84PolygonsWithHolesAndEveryEnvelopeKind() throws {
        let g = try TestGeoPackage()
        g.addLayer("buurten", srs: 4326, columns: [("buurtcode", "TEXT")])
        let outer = [(4.0, 52.0), (4.1, 52.0), (4.1, 52.1), (4.0, 52.1), (4.0, 52.0)]
        let hole = [(4.02, 52.02), (4.02, 52.04), (4.04, 52.04), (4.04, 52.02), (4.02, 52.02)]
        for indicator: UInt8 in 0...4 {
            g.insert(into: "buurten", fid: Int(indicator) + 1, geometry: gpkgBlob(WKB.polygon([outer, hole], littleEndian: indicator % 2 == 0), srs: 4326,
                                                                                envelope: indicator, littleEndian: indicator != 2),
                     values: ["BU\(indicator)"], columns: ["buurtcode"])
        }
        g.insert(into: "buurten", fid: 9, geometry: gpkgBlob(WKB.multiPolygon([[outer], [hole]]), srs: 4326, envelope: 1), values: ["BU9"], columns: ["buurtcode"])
        let table = try GeoPackageReader(layer: "buurten", properties: ["buurtcode"]).read(path: g.path)
        #expect(table.crs == .wgs84 && table.count == 6)
        #expect(table.geometries.kinds == [.polygon, .polygon, .polygon, .polygon, .polygon, .multiPolygon])
        for f in 0..<5 {
            let rings = table.geometries.rings(of: table.geometries.parts(of: f).lowerBound)
            #expect(rings.count == 2, "feature \(f) keeps its hole")
            let hole = table.geometries.coordinates(of: rings.upperBound - 1)
            #expect(Array(table.geometries.xs[hole]) == [4.02, 4.02, 4.04, 4.04, 4.02])
        }
        #expect(table.geometries.parts(of: 5).count == 2)
        #expect(table.column("buurtcode").last == .string("BU9"))
    }

    @Test func emptyNullAndDamagedGeometriesAreErrorsNamingTheFeature() throws {
        let cases: [(String, [UInt8]?, String)] = [
            ("empty flag", gpkgBlob(WKB.emptyPoint(), srs: 28992, empty: true), "fid 2: the geometry is empty (the feature has no location)"),
            ("empty WKB", gpkgBlob(WKB.emptyPoint(), srs: 28992), "fid 2: the geometry is empty (the feature has no location)"),
            ("null", nil, "fid 2: the geometry is null (the feature has no location)"),
            ("no header", WKB.point(1, 2), "fid 2: the geometry is not a GeoPackage geometry blob (no \"GP\" header)"),
            ("bad envelope", gpkgBlob(WKB.point(1, 2), srs: 28992, envelope: 5), "fid 2: invalid envelope contents indicator 5 in the geometry header"),
            ("other SRS", gpkgBlob(WKB.point(1, 2), srs: 4326), "fid 2: the geometry's SRS 4326 differs from the layer's 28992"),
        ]
        for (name, blob, reason) in cases {
            let g = try TestGeoPackage("empty-\(name)")
            g.addLayer("punten", srs: 28992)
            g.insert(into: "punten", fid: 1, geometry: gpkgBlob(WKB.point(5, 6), srs: 28992))
            g.insert(into: "punten", fid: 2, geometry: blob)
            let error = geoError { _ = try GeoPackageReader(properties: []).read(path: g.path) }
            #expect(error == .feature(file: "\(g.path) (layer punten)", index: 1, reason: reason), "\(name)")
        }
        let g = try TestGeoPackage("truncated")
        g.addLayer("punten", srs: 28992)
        g.insert(into: "punten", fid: 1, geometry: Array(gpkgBlob(WKB.point(5, 6), srs: 28992).dropLast(4)))
        let error = try #require(geoError { _ = try GeoPackageReader(properties: []).read(path: g.path) })
        #expect(error.description.contains("layer punten): feature 0: fid 1: unreadable WKB"), "\(error)")
    }

    @Test func keyRangesReadInParallelJoinInKeyOrder() throws {
        let gpkg = try TestGeoPackage()
        gpkg.addLayer("points", srs: 28992, columns: [("label", "TEXT")])
        // 1000 features with gaps in the keys; one damaged blob near the end.
        for k in 0..<1000 {
            let fid = 3 * k + 1
            let blob = k == 987 ? [UInt8(ascii: "X"), 0, 0, 0] : gpkgBlob(WKB.point(Double(100_000 + k), 400_000), srs: 28992)
            gpkg.insert(into: "points", fid: fid, geometry: blob, values: ["p\(k)"], columns: ["label"])
        }
        gpkg.exec("DELETE FROM points WHERE fid = \(3 * 987 + 1);")
        var whole = GeoPackageReader(properties: ["label"], parallelism: Parallelism(workers: 1))
        whole.keysPerPiece = 1_000_000
        var pieces = GeoPackageReader(properties: ["label"], parallelism: Parallelism(workers: 2))
        pieces.keysPerPiece = 7
        let a = try whole.read(path: gpkg.path), b = try pieces.read(path: gpkg.path)
        #expect(a.count == 999 && b.count == 999)
        #expect(a.geometries.xs == b.geometries.xs && a.featureIDs == b.featureIDs && a.column("label") == b.column("label"))
        #expect(b.column("label")[998] == .string("p999") && b.featureIDs[998] == .number(2998))
        // A damaged feature in a later piece is named by its index in key order.
        gpkg.insert(into: "points", fid: 3 * 987 + 1, geometry: [UInt8(ascii: "X"), 0, 0, 0], values: ["bad"], columns: ["label"])
        #expect {
            try pieces.read(path: gpkg.path)
        } throws: { error in
            "\(error)".contains("feature 987: fid 2962:")
        }
    }

    @Test func layersAndFilesThatCannotBeReadAreExplained() throws {
        let g = try TestGeoPackage()
        g.addLayer("a", srs: 28992)
        g.addLayer("b", srs: 3857)
        #expect(geoError { _ = try GeoPackageReader(properties: []).read(path: g.path) }
                == .document(file: g.path, reason: "the GeoPackage has 2 feature layers (\"a\", \"b\"); name the one to read"))
        #expect(geoError { _ = try GeoPackageReader(layer: "c", properties: []).read(path: g.path) }
                == .document(file: g.path, reason: "no feature layer \"c\"; the GeoPackage has \"a\", \"b\""))
        #expect(geoError { _ = try GeoPackageReader(layer: "b", properties: []).read(path: g.path) }
                == .document(file: "\(g.path) (layer b)", reason: "unsupported coordinate reference system EPSG:3857 (SRS 3857); cirkel reads EPSG:4326 (WGS84) or EPSG:28992 (RD New)"))
        #expect(try GeoPackageReader(layer: "a", properties: []).read(path: g.path).count == 0)

        let folder = try temporaryFolder()
        let text = folder.appendingPathComponent("tekst.gpkg").path
        try Data("dit is geen database".utf8).write(to: URL(fileURLWithPath: text))
        #expect(geoError { _ = try GeoPackageReader(properties: []).read(path: text) }?.description.hasPrefix("\(text): cannot open as SQLite") == true)
        let missing = folder.appendingPathComponent("er-niet.gpkg").path
        #expect(geoError { _ = try GeoPackageReader(properties: []).read(path: missing) }?.description.hasPrefix("\(missing): cannot open as SQLite") == true)
        var plain: OpaquePointer?
        let plainPath = folder.appendingPathComponent("plain.sqlite").path
        sqlite3_open(plainPath, &plain)
        sqlite3_exec(plain, "CREATE TABLE t (x INTEGER)", nil, nil, nil)
        sqlite3_close(plain)
        #expect(geoError { _ = try GeoPackageReader(properties: []).read(path: plainPath) }
                == .document(file: plainPath, reason: "not a GeoPackage (it has no gpkg_geometry_columns and gpkg_spatial_ref_sys tables)"))
    }
}
