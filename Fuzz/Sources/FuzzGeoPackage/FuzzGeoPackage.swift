import Foundation
@testable import Geo
import FuzzSupport

/// A GeoPackage feature's geometry blob, read through `GeoPackageReader` itself: a small
/// GeoPackage (one layer in EPSG:28992 with three features) is made once per process, and
/// for every input the second feature's blob is set to the input before the file is read.
/// This covers what FuzzWKB covers, as the reader really calls it, plus the reader's
/// handling of the outcome.

let path = (Scratch.folder as NSString).appendingPathComponent("fuzz.gpkg")
let source = path

/// A GeoPackage blob of a little-endian 2D point, no envelope.
func pointBlob(_ x: Double, _ y: Double) -> [UInt8] {
    var out: [UInt8] = [UInt8(ascii: "G"), UInt8(ascii: "P"), 0, 1]
    withUnsafeBytes(of: Int32(28992).littleEndian) { out += $0 }
    out += [1, 1, 0, 0, 0]
    withUnsafeBytes(of: x.bitPattern.littleEndian) { out += $0 }
    withUnsafeBytes(of: y.bitPattern.littleEndian) { out += $0 }
    return out
}

/// The writer's connection, kept open; `update` sets feature 2's blob.
let (writer, update): (SQLiteDatabase, SQLiteStatement) = {
    let database = try! SQLiteDatabase(creating: path)
    try! database.execute("""
        PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
        INSERT INTO gpkg_spatial_ref_sys VALUES ('Amersfoort / RD New', 28992, 'EPSG', 28992, 'PROJCS[...]', NULL);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
        CREATE TABLE buildings (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, name TEXT);
        INSERT INTO gpkg_contents VALUES ('buildings', 'features', 'buildings', 28992);
        INSERT INTO gpkg_geometry_columns VALUES ('buildings', 'geom', 'GEOMETRY', 28992, 0, 0);
        """)
    let insert = try! database.prepare("INSERT INTO buildings (fid, geom, name) VALUES (?, ?, ?)")
    for (fid, x) in [(1, 155000.0), (2, 155010.0), (3, 155020.0)] {
        try! insert.bind(1, Int64(fid))
        try! insert.bind(2, blob: pointBlob(x, 463000))
        try! insert.bind(3, "b\(fid)")
        _ = try! insert.step()
        try! insert.reset()
    }
    return (database, try! database.prepare("UPDATE buildings SET geom = ? WHERE fid = 2"))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoPackage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    do {
        try update.bind(1, blob: UnsafeRawBufferPointer(start: data, count: size))
        _ = try update.step()
        try update.reset()
    } catch {
        fatalError("cannot update the GeoPackage: \(error)")
    }
    do {
        let table = try GeoPackageReader(properties: ["name"], parallelism: Parallelism(workers: 1)).read(path: path)
        guard table.count == 3 else { finding("\(table.count) features read, 3 expected") }
        checkTable(table, finite: false, closedRings: false)
    } catch {
        // A failure must name the file, layer and feature 1 (fid 2): only its blob varies.
        expectGeoError(error, naming: source)
        guard case let .feature(_, index, reason) = error as! GeoError, index == 1, reason.hasPrefix("fid 2: ") else {
            finding("the error does not name feature 1 (fid 2): \(error)")
        }
    }
    return 0
}
