import Foundation
import Testing
@testable import Geo

/// Inputs with which the fuzz targets (Fuzz/, scripts/fuzz.sh) made a reader crash or leak,
/// read again exactly as found: each must now be refused with the reader's own error naming
/// the file, the feature and the reason.
@Suite struct FuzzRegressionTests {
    /// A GeoPackage with one feature in layer "b" (EPSG:28992) whose geometry blob is `blob`.
    static func geoPackage(blob: [UInt8], _ name: String = #function) throws -> String {
        let g = TestGeoPackage(path: try temporaryFolder(name).appendingPathComponent("fuzz.gpkg").path)
        g.addLayer("b", srs: 28992)
        g.insert(into: "b", fid: 1, geometry: blob)
        return g.path
    }

    static func read(_ path: String) -> GeoError? {
        geoError { _ = try GeoPackageReader(properties: [], parallelism: Parallelism(workers: 1)).read(path: path) }
    }

    /// FuzzGeoPackage, FuzzWKB: a blob of version byte 0xFF trapped (UInt8 overflow) while
    /// the header's error message said "version \(byte + 1)".
    @Test func geometryBlobOfVersion256IsRefused() throws {
        let blob = [UInt8](Data(base64Encoded: "R1D/AABCwOsCQQCAAABgQBxB")!)
        let path = try Self.geoPackage(blob: blob)
        #expect(Self.read(path) == .feature(file: "\(path) (layer b)", index: 0,
                                            reason: "fid 1: GeoPackage geometry version 256 is not supported (only 1)"))
        let found = [UInt8](Data(base64Encoded: "R1D//////////////////////////////////////////wABQAAAAEH5AADwPwAAAFcAQA==")!)
        let problem = found.withUnsafeBytes { bytes in
            Result { () throws(GeoPackageGeometryProblem) in try GeoPackageGeometryHeader(bytes) }
        }
        #expect(throws: GeoPackageGeometryProblem.self) { try problem.get() }
        if case let .failure(error) = problem { #expect(error.reason == "GeoPackage geometry version 256 is not supported (only 1)") }
    }

    /// FuzzWKB (a leak under LeakSanitizer): refusing a GeometryCollection leaked the type
    /// name GEOSGeomType_r returns. The refusal itself was right and stays; the fuzz corpus
    /// keeps the input so that LeakSanitizer checks the fix.
    @Test func geometryCollectionIsRefused() throws {
        let wkb = [UInt8](Data(base64Encoded: "AQcAAAACAAAAAQEAAAAAAAAAAADwPwAAAAAAAABAAQIAAAADAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPA/AAAAAAAA8D8AAAAAAAAAQAAAAAAAAAAA")!)
        let message = "a GeometryCollection is not a Point, LineString, Polygon or a Multi- of one of them"
        let geometry = try wkb.withUnsafeBytes { try WKBReader(context: GEOSContext()).read($0) }
        var column = GeometryColumn()
        #expect(geoError { _ = try geometry.appendFeature(to: &column) } == .geos(operation: "reading a geometry", message: message))
        #expect(column.count == 0)
        let path = try Self.geoPackage(blob: gpkgBlob(wkb, srs: 28992))
        #expect(Self.read(path) == .feature(file: "\(path) (layer b)", index: 0,
                                            reason: "fid 1: GEOS reading a geometry failed: \(message)"))
    }
}
