import Foundation
import Testing
@testable import Geo

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

@Suite struct GeoJSONWriterTests {
    @Test func aTinyDocumentByHand() {
        var g = GeometryColumn()
        g.appendPoint(5.1, 52.25)
        let writer = GeoJSONWriter(crs: .wgs84)
        let bytes = writer.document(g) { _ in [("a", .integer(1)), ("b", .string("x"))] }
        let expected = "{\"type\":\"FeatureCollection\",\"features\":[\n"
            + "{\"type\":\"Feature\",\"properties\":{\"a\":1,\"b\":\"x\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[5.1,52.25]}}"
            + "\n]}\n"
        #expect(text(bytes) == expected)
    }

    @Test func anEmptyCollection() throws {
        let bytes = GeoJSONWriter(crs: .wgs84).document(GeometryColumn()) { _ in [] }
        #expect(text(bytes) == "{\"type\":\"FeatureCollection\",\"features\":[]}\n")
        #expect(try readGeoJSON(text(bytes)).count == 0)
        let rd = GeoJSONWriter(crs: .rdNew).document(GeometryColumn()) { _ in [] }
        #expect(try readGeoJSON(text(rd)).crs == .rdNew)
    }

    @Test func everyKindParsesWithJSONSerializationAndRoundTrips() throws {
        let g = everyKind()
        let bytes = GeoJSONWriter(crs: .wgs84).document(g, members: [("profile", .object([("name", .value(.string("basis")))]))]) { f in
            [("index", .integer(f)), ("label", .string("f\"\(f)\"")), ("score", .trimmed(Double(f) / 4, decimals: 2)), ("none", .missing)]
        }

        // The independent parser sees the structure we built.
        let root = try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        #expect(root["crs"] == nil)
        #expect((root["profile"] as? [String: Any])?["name"] as? String == "basis")
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == 6)
        let types = features.map { ($0["geometry"] as? [String: Any])?["type"] as? String }
        #expect(types == ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"])
        let coordinates = features.map { ($0["geometry"] as? [String: Any])?["coordinates"] }
        #expect(coordinates[0] as? [Double] == [5.1, 52.25])
        #expect(coordinates[1] as? [[Double]] == [[1, 2], [3, 4]])
        #expect(coordinates[2] as? [[Double]] == [[0, 0], [1, 1], [2, 0]])
        #expect(coordinates[3] as? [[[Double]]] == [[[0, 0], [1, 0]], [[5, 5], [6, 6]]])
        #expect(coordinates[4] as? [[[Double]]] == [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]]])
        #expect(coordinates[5] as? [[[[Double]]]] == [[[[20, 0], [30, 0], [25, 5], [20, 0]]], [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]])
        let properties = features.compactMap { $0["properties"] as? [String: Any] }
        #expect(properties.map { $0["index"] as? Int } == [0, 1, 2, 3, 4, 5])
        #expect(properties[3]["label"] as? String == "f\"3\"")
        #expect(properties[3]["score"] as? Double == 0.75)
        #expect(properties.allSatisfy { $0["none"] is NSNull })

        // Our reader gives back the same column.
        let table = try readGeoJSON(text(bytes), properties: ["index", "label", "none"])
        #expect(table.geometries.kinds == g.kinds)
        #expect(table.geometries.xs == g.xs && table.geometries.ys == g.ys)
        #expect(table.geometries.partStart == g.partStart)
        #expect(table.geometries.ringStart == g.ringStart)
        #expect(table.geometries.coordinateStart == g.coordinateStart)
        #expect(table.column("label")[5] == .string("f\"5\""))
        #expect(table.column("none") == Array(repeating: .null, count: 6))
    }

    @Test func wgs84CoordinatesRoundTripToSevenDecimals() throws {
        var rng = SplitMix64(seed: 0x6E0_0001)
        var g = GeometryColumn()
        for _ in 0..<5_000 {
            g.appendPoint(Double.random(in: -180...180, using: &rng), Double.random(in: -90...90, using: &rng))
        }
        let back = try readGeoJSON(text(GeoJSONWriter(crs: .wgs84).document(g) { _ in [] })).geometries
        #expect(back.count == g.count)
        var worst = 0.0
        for i in 0..<g.xs.count {
            worst = max(worst, abs(back.xs[i] - g.xs[i]), abs(back.ys[i] - g.ys[i]))
        }
        // Half a unit in the 7th decimal, plus the rounding of the decimal text to a double.
        #expect(worst <= 0.5e-7 * (1 + 1e-6))
        #expect(worst > 0.4e-7) // the rounding really happened
    }

    @Test func rdNewCarriesTheCRSMemberAndRoundTripsToCentimetres() throws {
        var rng = SplitMix64(seed: 0x28992)
        var g = GeometryColumn()
        for _ in 0..<5_000 {
            g.appendPoint(Double.random(in: -7_000...300_000, using: &rng), Double.random(in: 289_000...629_000, using: &rng))
        }
        let bytes = GeoJSONWriter(crs: .rdNew).document(g) { _ in [] }
        let root = try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let crs = try #require(root["crs"] as? [String: Any])
        #expect(crs["type"] as? String == "name")
        #expect((crs["properties"] as? [String: Any])?["name"] as? String == "urn:ogc:def:crs:EPSG::28992")
        let table = try readGeoJSON(text(bytes))
        #expect(table.crs == .rdNew)
        var worst = 0.0
        for i in 0..<g.xs.count {
            worst = max(worst, abs(table.geometries.xs[i] - g.xs[i]), abs(table.geometries.ys[i] - g.ys[i]))
        }
        #expect(worst <= 0.005 * (1 + 1e-6))
        #expect(worst > 0.004)
        // Two decimals at most in every number of the file.
        let longestFraction = text(bytes).split(whereSeparator: { !"0123456789.".contains($0) })
            .filter { $0.contains(".") }.map { $0.split(separator: ".").last!.count }.max()
        #expect(longestFraction == 2)
    }

    @Test func oneFeaturePerLine() {
        var g = GeometryColumn()
        g.appendPoint(1, 2)
        g.appendPoint(3, 4)
        let lines = text(GeoJSONWriter(crs: .rdNew).document(g) { _ in [] }).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5) // header, two features, closing, final empty
        #expect(lines[1].hasPrefix("{\"type\":\"Feature\"") && lines[1].hasSuffix("},"))
        #expect(lines[2].hasPrefix("{\"type\":\"Feature\"") && lines[2].hasSuffix("}"))
        #expect(lines[3] == "]}" && lines[4] == "")
    }

    @Test func featuresFormattedApartJoinToTheSameDocument() {
        let g = everyKind()
        let writer = GeoJSONWriter(crs: .wgs84)
        let whole = writer.document(g) { f in [("f", .integer(f))] }
        // Each feature into its own buffer, as parallel chunks do, then joined in order.
        var joined = writer.head()
        for f in 0..<g.count {
            var buffer = ByteBuffer()
            writer.appendFeature(number: f, geometry: f, of: g, properties: [("f", .integer(f))], to: &buffer)
            joined += buffer.bytes
        }
        joined += writer.tail(featureCount: g.count)
        #expect(joined == whole)
    }
}
