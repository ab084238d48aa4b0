import CSQLite
import Foundation
import Testing
@testable import Geo

/// The GeoPackages of these tests are written with SQLite's C API and geometry blobs assembled
/// byte by byte (TestSupport's `TestGeoPackage`, `TestWKB`, `gpkgBlob`), so the reader is
/// checked against an independent writer.
private typealias WKB = TestWKB

private extension TestGeoPackage {
    /// A new GeoPackage in a fresh temporary folder named after the test.
    convenience init(_ name: String = #function) throws {
        self.init(path: try temporaryFolder(name).appendingPathComponent("test.gpkg").path)
    }
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

    @Test func wkbPointsDecodedDirectlyAgreeWithGEOS() throws {
        let reader = try WKBReader(context: GEOSContext())
        for (x, y) in [(155_000.25, 463_000.5), (-7_000, 629_000), (4.8998765, 52.3702123)] {
            for littleEndian in [true, false] {
                let wkb = WKB.point(x, y, littleEndian: littleEndian)
                let direct = try #require(wkb.withUnsafeBytes { WKBPoint.coordinates($0) })
                let geos = try wkb.withUnsafeBytes { try reader.read($0).pointCoordinates() }
                #expect(direct.0 == geos.x && direct.1 == geos.y)
            }
        }
        // Anything but a 21-byte 2D point is left to GEOS.
        let polygon = WKB.polygon([[(0, 0), (1, 0), (1, 1), (0, 0)]])
        #expect(polygon.withUnsafeBytes { WKBPoint.coordinates($0) } == nil)
        var pointZ = WKB.point(1, 2)
        pointZ.replaceSubrange(1..<5, with: [0xE9, 0x03, 0, 0]) // type 1001, with a z still to come
        pointZ += [0, 0, 0, 0, 0, 0, 0, 0]
        #expect(pointZ.withUnsafeBytes { WKBPoint.coordinates($0) } == nil)
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
