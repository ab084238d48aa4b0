import CSQLite
import Foundation
import Testing

/// GeoPackages written by tests with SQLite's C API and geometry blobs assembled byte by byte
/// from the specification (OGC 12-128r18 §2.1.3, and WKB), so the reader is checked against
/// an independent writer.
public final class TestGeoPackage {
    public let path: String
    private var db: OpaquePointer?

    /// A new GeoPackage at `path` (an existing file is replaced).
    public init(path: String) {
        self.path = path
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

    public func exec(_ sql: String) {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(db, sql, nil, nil, &message)
        #expect(status == SQLITE_OK, "\(message.map { String(cString: $0) } ?? "")")
    }

    /// A feature table `name` with the given extra columns (SQL types).
    public func addLayer(_ name: String, srs: Int, columns: [(String, String)] = [], geometryType: String = "GEOMETRY") {
        exec("CREATE TABLE \"\(name)\" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB" + columns.map { ", \($0.0) \($0.1)" }.joined() + ");")
        exec("INSERT INTO gpkg_contents VALUES ('\(name)', 'features', '\(name)', \(srs));")
        exec("INSERT INTO gpkg_geometry_columns VALUES ('\(name)', 'geom', '\(geometryType)', \(srs), 0, 0);")
    }

    /// Inserts a row: fid, a geometry blob (nil for NULL), then values bound in order.
    public func insert(into name: String, fid: Int, geometry: [UInt8]?, values: [Any?] = [], columns: [String] = []) {
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
func bytes<T: FixedWidthInteger>(_ value: T, littleEndian: Bool) -> [UInt8] {
    withUnsafeBytes(of: littleEndian ? value.littleEndian : value.bigEndian) { Array($0) }
}
func bytes(_ value: Double, littleEndian: Bool) -> [UInt8] { bytes(value.bitPattern, littleEndian: littleEndian) }

/// WKB of a geometry given as its type code and the rings/points as nested lists.
public enum TestWKB {
    public static func point(_ x: Double, _ y: Double, littleEndian: Bool = true) -> [UInt8] {
        [littleEndian ? 1 : 0] + bytes(UInt32(1), littleEndian: littleEndian) + bytes(x, littleEndian: littleEndian) + bytes(y, littleEndian: littleEndian)
    }

    public static func polygon(_ rings: [[(Double, Double)]], littleEndian: Bool = true) -> [UInt8] {
        var out: [UInt8] = [littleEndian ? 1 : 0] + bytes(UInt32(3), littleEndian: littleEndian) + bytes(UInt32(rings.count), littleEndian: littleEndian)
        for ring in rings {
            out += bytes(UInt32(ring.count), littleEndian: littleEndian)
            for (x, y) in ring { out += bytes(x, littleEndian: littleEndian) + bytes(y, littleEndian: littleEndian) }
        }
        return out
    }

    public static func multiPolygon(_ polygons: [[[(Double, Double)]]]) -> [UInt8] {
        polygons.reduce([1] + bytes(UInt32(6), littleEndian: true) + bytes(UInt32(polygons.count), littleEndian: true)) { $0 + polygon($1) }
    }

    public static func emptyPoint() -> [UInt8] { point(.nan, .nan) }
}

/// A GeoPackage geometry blob: "GP", version 0, flags (envelope indicator, empty flag, byte
/// order), the SRS id, an envelope of the indicator's size, then the WKB.
public func gpkgBlob(_ wkb: [UInt8], srs: Int32, envelope indicator: UInt8 = 0, empty: Bool = false, littleEndian: Bool = true) -> [UInt8] {
    let flags = (indicator << 1) | (empty ? 0x10 : 0) | (littleEndian ? 1 : 0)
    let doubles = [0, 4, 6, 6, 8][Int(min(indicator, 4))]
    var out: [UInt8] = [UInt8(ascii: "G"), UInt8(ascii: "P"), 0, flags] + bytes(srs, littleEndian: littleEndian)
    for k in 0..<doubles { out += bytes(Double(k), littleEndian: littleEndian) } // the reader skips the envelope
    return out + wkb
}

