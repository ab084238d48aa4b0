import Foundation
import Testing
@testable import Geo

/// A features array parsed in parallel pieces gives what one worker gives, data and errors.
@Suite struct FeatureSplittingTests {
    /// A document of `count` features, one per line (or pretty-printed over several lines),
    /// big enough to be split; `broken` spoils one feature.
    static func document(count: Int, pretty: Bool = false, broken: Int? = nil, nestedObjects: Bool = false) -> Data {
        var text = "{\"type\":\"FeatureCollection\",\"name\":\"x\",\"features\":[\n"
        for k in 0..<count {
            if k > 0 { text += ",\n" }
            let geometry = k % 3 == 0
                ? "{\"type\":\"Point\",\"coordinates\":[\(4 + Double(k % 997) / 1000),\(52 + Double(k % 991) / 1000)]}"
                : "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[\(k % 50 + 1),0],[\(k % 50 + 1),1],[0,0]]]}"
            let type = k == broken ? "Feetjure" : "Feature"
            var properties = "{\"id\":\"b\(k)\",\"units\":\(k % 7),\"note\":\"a {brace} and \\\"quote\\\"\""
            if nestedObjects { properties += ",\"parts\":[\n{\"a\":1},\n{\"b\":2}]" }
            properties += "}"
            text += pretty
                ? "  {\n    \"type\": \"\(type)\",\n    \"properties\": \(properties),\n    \"geometry\": \(geometry)\n  }"
                : "{\"type\":\"\(type)\",\"properties\":\(properties),\"geometry\":\(geometry)}"
        }
        text += "\n],\"crs\":null}\n"
        return Data(text.utf8)
    }

    static func parse(_ data: Data, workers: Int) throws -> FeatureTable {
        try GeoJSONReader(properties: ["id", "units"], parallelism: Parallelism(workers: workers)).parse(data, source: "b.geojson")
    }

    static func expectSame(_ a: FeatureTable, _ b: FeatureTable) {
        #expect(a.count == b.count)
        #expect(a.geometries.kinds == b.geometries.kinds)
        #expect(a.geometries.xs == b.geometries.xs && a.geometries.ys == b.geometries.ys)
        #expect(a.geometries.partStart == b.geometries.partStart && a.geometries.ringStart == b.geometries.ringStart)
        #expect(a.geometries.coordinateStart == b.geometries.coordinateStart)
        #expect(a.column("id") == b.column("id") && a.column("units") == b.column("units"))
        #expect(a.featureIDs == b.featureIDs)
    }

    @Test func piecesJoinToWhatOneWorkerReads() throws {
        let data = Self.document(count: 60_000)
        #expect(data.count > GeoJSONReader.minimumBytesToSplit)
        let one = try Self.parse(data, workers: 1)
        #expect(one.count == 60_000 && one.column("id")[59_999] == .string("b59999"))
        for workers in [2, 3, 7] { Self.expectSame(try Self.parse(data, workers: workers), one) }
    }

    @Test func prettyPrintedAndNestedFilesAreReadAlikeByAnyWorkers() throws {
        for data in [Self.document(count: 40_000, pretty: true), Self.document(count: 50_000, nestedObjects: true)] {
            #expect(data.count > GeoJSONReader.minimumBytesToSplit)
            Self.expectSame(try Self.parse(data, workers: 2), try Self.parse(data, workers: 1))
            Self.expectSame(try Self.parse(data, workers: 5), try Self.parse(data, workers: 1))
        }
    }

    @Test func anErrorInAnyPieceIsReportedAsOneWorkerReportsIt() throws {
        for broken in [3, 31_000, 59_998] {
            let data = Self.document(count: 60_000, broken: broken)
            let alone = geoError { _ = try Self.parse(data, workers: 1) }
            #expect(alone == .feature(file: "b.geojson", index: broken, reason: "expected \"type\": \"Feature\", found \"Feetjure\""))
            #expect(geoError { _ = try Self.parse(data, workers: 2) } == alone)
            #expect(geoError { _ = try Self.parse(data, workers: 4) } == alone)
        }
        // A syntax error far into the file keeps its line and column.
        var bytes = [UInt8](Self.document(count: 60_000))
        // The '{' that begins the first feature line after three quarters of the file.
        var at = bytes.count * 3 / 4
        while !(bytes[at - 1] == 0x0A && bytes[at] == UInt8(ascii: "{")) { at += 1 }
        bytes[at] = UInt8(ascii: "#")
        let alone = geoError { _ = try Self.parse(Data(bytes), workers: 1) }
        guard case .syntax = alone else { Issue.record("expected a syntax error, got \(String(describing: alone))"); return }
        #expect(geoError { _ = try Self.parse(Data(bytes), workers: 2) } == alone)
    }

    @Test func columnsAppendWithTheirOffsetsShifted() throws {
        let a = try readGeoJSON(#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]],[[5.1,5.1],[5.2,5.1],[5.2,5.2],[5.1,5.1]]]]}}]}"#)
        let b = try readGeoJSON(#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[9,9],[8,9],[8,8],[9,9]]]}},{"type":"Feature","geometry":{"type":"Point","coordinates":[3,4]}}]}"#)
        let both = try readGeoJSON(#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]],[[5.1,5.1],[5.2,5.1],[5.2,5.2],[5.1,5.1]]]]}},{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[9,9],[8,9],[8,8],[9,9]]]}},{"type":"Feature","geometry":{"type":"Point","coordinates":[3,4]}}]}"#)
        var joined = a.geometries
        joined.append(contentsOf: b.geometries)
        #expect(joined.kinds == both.geometries.kinds && joined.xs == both.geometries.xs && joined.ys == both.geometries.ys)
        #expect(joined.partStart == both.geometries.partStart && joined.ringStart == both.geometries.ringStart)
        #expect(joined.coordinateStart == both.geometries.coordinateStart)
    }
}
