import TestSupport
import Foundation
import Testing
@testable import Cirkels

/// Bad input (SPEC §1): an error naming the file, the feature and the reason; never a crash
/// or a silent skip.
struct BadInputTests {
    /// A valid data set in which `buildings.geojson` is replaced by `buildings`.
    static func folder(buildings: String? = nil, voorzieningen: String? = nil, omit: String? = nil) throws -> String {
        var f = Fixture()
        f.buildings = [.init(x: 150_000, y: 450_000)]
        f.voorzieningen = [.init(type: "huisarts", x: 150_100, y: 450_000)]
        f.haltes = [(150_000, 450_100)]
        let path = try f.write()
        if let buildings { try buildings.write(toFile: path + "/buildings.geojson", atomically: true, encoding: .utf8) }
        if let voorzieningen { try voorzieningen.write(toFile: path + "/voorzieningen.geojson", atomically: true, encoding: .utf8) }
        if let omit { try FileManager.default.removeItem(atPath: path + "/" + omit) }
        return path
    }

    static func wgs84(_ features: String) -> String {
        "{\"type\":\"FeatureCollection\",\"features\":[\n\(features)\n]}"
    }

    static func feature(_ properties: String, _ geometry: String) -> String {
        "{\"type\":\"Feature\",\"properties\":{\(properties)},\"geometry\":\(geometry)}"
    }

    /// Runs the analysis and returns the error text (or records that none came).
    static func failure(_ folder: String) -> String {
        do {
            _ = try Analysis.run(folder: folder, options: AnalysisOptions(vlekkenkaart: false))
            Issue.record("expected an error")
            return ""
        } catch let error as CirkelError {
            return error.description
        } catch {
            Issue.record("not a CirkelError: \(error)")
            return ""
        }
    }

    static let good = feature("", #"{"type":"Point","coordinates":[5.1,52.1]}"#)

    @Test func swappedLatitudeAndLongitude() throws {
        let message = Self.failure(try Self.folder(buildings: Self.wgs84(Self.good + ",\n" + Self.feature("", #"{"type":"Point","coordinates":[52.1,5.1]}"#))))
        #expect(message.contains("buildings.geojson: feature 1:"))
        #expect(message.contains("latitude, longitude"), "\(message)")
    }

    @Test func rdNumbersWithoutCRSMember() throws {
        let message = Self.failure(try Self.folder(buildings: Self.wgs84(Self.feature("", #"{"type":"Point","coordinates":[155000,463000]}"#))))
        #expect(message.contains("buildings.geojson: feature 0:") && message.contains("\"crs\" member"), "\(message)")
    }

    @Test func rdFileWithDegrees() throws {
        let rd = "{\"type\":\"FeatureCollection\",\(Fixture.crsMember),\"features\":[\(Self.good)]}"
        let message = Self.failure(try Self.folder(buildings: rd))
        #expect(message.contains("feature 0:") && message.contains("look like degrees"), "\(message)")
    }

    @Test func unsupportedCRS() throws {
        let doc = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}"#
        let message = Self.failure(try Self.folder(buildings: doc))
        #expect(message.contains("buildings.geojson") && message.contains("EPSG:3857"), "\(message)")
    }

    @Test func voorzieningWithoutType() throws {
        let doc = Self.wgs84(Self.feature(#""type":"huisarts""#, #"{"type":"Point","coordinates":[5.1,52.1]}"#) + ",\n"
                             + Self.feature(#""name":"Zonder type""#, #"{"type":"Point","coordinates":[5.1,52.1]}"#))
        let message = Self.failure(try Self.folder(voorzieningen: doc))
        #expect(message.contains("voorzieningen.geojson: feature 1:") && message.contains("\"type\""), "\(message)")
    }

    @Test(arguments: [(#""units":-1"#, "whole number ≥ 0"), (#""units":2.5"#, "whole number ≥ 0"), (#""units":"3""#, "whole number ≥ 0"),
                      (#""nultreden":"ja""#, "true or false")])
    func invalidBuildingProperties(properties: String, reason: String) throws {
        let doc = Self.wgs84(Self.good + ",\n" + Self.good + ",\n" + Self.feature(properties, #"{"type":"Point","coordinates":[5.1,52.1]}"#))
        let message = Self.failure(try Self.folder(buildings: doc))
        #expect(message.contains("buildings.geojson: feature 2:") && message.contains(reason), "\(message)")
    }

    @Test(arguments: [
        (#"{"type":"LineString","coordinates":[[5.1,52.1],[5.2,52.1]]}"#, "LineString is not allowed"),
        (#"{"type":"GeometryCollection","geometries":[]}"#, "unsupported geometry type \"GeometryCollection\""),
        ("null", "geometry is null"),
        (#"{"type":"Point","coordinates":[]}"#, "empty coordinate array"),
        (#"{"type":"Polygon","coordinates":[[[5.1,52.1],[5.2,52.1],[5.2,52.2],[5.1,52.1]],[[5.1,52.1]]]}"#, "at least 4 are needed"),
    ])
    func invalidGeometries(geometry: String, reason: String) throws {
        let message = Self.failure(try Self.folder(buildings: Self.wgs84(Self.good + ",\n" + Self.feature("", geometry))))
        #expect(message.contains("buildings.geojson: feature 1:") && message.contains(reason), "\(message)")
    }

    @Test func brokenJSONGivesLineAndColumn() throws {
        // Line 3, column 30: the "]" where a second number was expected ("[5.1" then "]").
        let doc = "{\"type\":\"FeatureCollection\",\"features\":[\n" + Self.good + ",\n"
            + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[5.1]}}]}"
        let message = Self.failure(try Self.folder(buildings: doc))
        let column = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[5.1".count + 1
        #expect(message.contains("buildings.geojson:3:\(column): invalid JSON"), "\(message)")
    }

    @Test func missingFilesAreNamed() throws {
        let message = Self.failure(try Self.folder(omit: "ov_haltes.geojson"))
        #expect(message.contains("ov_haltes.geojson: missing"), "\(message)")
        #expect(Self.failure("/nonexistent/folder").contains("/nonexistent/folder: no such data folder"))
    }

    @Test func emptyFileIsExplained() throws {
        let message = Self.failure(try Self.folder(buildings: ""))
        #expect(message.contains("buildings.geojson: the file is empty"), "\(message)")
    }

    @Test func writerFailureLeavesTargetAlone() throws {
        // The target path is an existing file: the writer refuses before writing anything.
        let result = try Analysis.run(folder: try Self.folder(), options: AnalysisOptions(vlekkenkaart: false))
        let file = TestFolders.url("cirkel-not-a-folder")
        try Data("keep me".utf8).write(to: file)
        #expect(throws: CirkelError.self) { try AnalysisWriter().write(result, to: file.path) }
        #expect(try Data(contentsOf: file) == Data("keep me".utf8))
    }
}
