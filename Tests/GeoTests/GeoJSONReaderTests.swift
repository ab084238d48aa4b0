import Foundation
import Testing
@testable import Geo

/// A FeatureCollection around the given features (JSON text each).
private func collection(_ features: [String], extra: String = "") -> String {
    "{\"type\":\"FeatureCollection\",\(extra)\"features\":[" + features.joined(separator: ",") + "]}"
}

private func feature(_ geometry: String, properties: String = "{}") -> String {
    "{\"type\":\"Feature\",\"properties\":\(properties),\"geometry\":\(geometry)}"
}

private let point = #"{"type":"Point","coordinates":[1,2]}"#

/// The coordinates of ring `ring` of `column` as (x, y) pairs.
private func ringCoordinates(_ column: GeometryColumn, _ ring: Int) -> [[Double]] {
    column.coordinates(of: ring).map { [column.xs[$0], column.ys[$0]] }
}

@Suite struct GeoJSONReaderGeometryTests {
    @Test func aPoint() throws {
        let table = try readGeoJSON(collection([feature(#"{"type":"Point","coordinates":[5.1,52.25]}"#)]))
        let g = table.geometries
        #expect(table.count == 1)
        #expect(g.kinds == [.point])
        #expect(g.xs == [5.1] && g.ys == [52.25])
        #expect(g.parts(of: 0) == 0..<1 && g.rings(of: 0) == 0..<1 && g.coordinates(of: 0) == 0..<1)
        #expect(table.crs == .wgs84)
    }

    @Test func aPolygonWithAHole() throws {
        let polygon = #"{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]]}"#
        let g = try readGeoJSON(collection([feature(polygon)])).geometries
        #expect(g.kinds == [.polygon])
        #expect(g.parts(of: 0) == 0..<1)
        #expect(g.rings(of: 0) == 0..<2)
        #expect(ringCoordinates(g, 0) == [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]])
        #expect(ringCoordinates(g, 1) == [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]])
        #expect(g.coordinateRange(of: 0) == 0..<10)
    }

    @Test func aMultiPolygon() throws {
        let multi = #"""
        {"type":"MultiPolygon","coordinates":[
          [[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]],
          [[[20,0],[30,0],[25,5],[20,0]]]
        ]}
        """#
        let g = try readGeoJSON(collection([feature(multi)])).geometries
        #expect(g.kinds == [.multiPolygon])
        #expect(g.parts(of: 0) == 0..<2)
        #expect(g.rings(of: 0) == 0..<2)
        #expect(g.rings(of: 1) == 2..<3)
        #expect(ringCoordinates(g, 2) == [[20, 0], [30, 0], [25, 5], [20, 0]])
        #expect(g.coordinateRange(of: 0) == 0..<14)
    }

    @Test func multiPointLineStringAndMultiLineString() throws {
        let table = try readGeoJSON(collection([
            feature(#"{"type":"MultiPoint","coordinates":[[1,2],[3,4],[5,6]]}"#),
            feature(#"{"type":"LineString","coordinates":[[0,0],[1,1],[2,0]]}"#),
            feature(#"{"type":"MultiLineString","coordinates":[[[0,0],[1,0]],[[5,5],[6,6],[7,5]]]}"#),
        ]))
        let g = table.geometries
        #expect(g.kinds == [.multiPoint, .lineString, .multiLineString])
        // MultiPoint: one part per point, each one ring of one coordinate.
        #expect(g.parts(of: 0) == 0..<3)
        #expect(g.parts(of: 0).map { ringCoordinates(g, g.rings(of: $0).lowerBound) } == [[[1, 2]], [[3, 4]], [[5, 6]]])
        // LineString: one part, one ring.
        #expect(g.parts(of: 1) == 3..<4)
        #expect(ringCoordinates(g, g.rings(of: 3).lowerBound) == [[0, 0], [1, 1], [2, 0]])
        // MultiLineString: one part per line.
        #expect(g.parts(of: 2) == 4..<6)
        #expect(ringCoordinates(g, g.rings(of: 4).lowerBound) == [[0, 0], [1, 0]])
        #expect(ringCoordinates(g, g.rings(of: 5).lowerBound) == [[5, 5], [6, 6], [7, 5]])
        // Feature ranges are contiguous and cover every coordinate.
        #expect(g.coordinateRange(of: 0) == 0..<3)
        #expect(g.coordinateRange(of: 1) == 3..<6)
        #expect(g.coordinateRange(of: 2) == 6..<11)
        #expect(g.xs.count == 11)
    }

    @Test func aHeightIsIgnoredAndTooManyNumbersAreAnError() throws {
        let g = try readGeoJSON(collection([feature(#"{"type":"Point","coordinates":[1.5,2.5,-3.25]}"#)])).geometries
        #expect(g.xs == [1.5] && g.ys == [2.5])
        let error = geoError { _ = try readGeoJSON(collection([feature(#"{"type":"Point","coordinates":[1,2,3,4,5]}"#)])) }
        guard case let .feature(_, index, reason)? = error else { Issue.record("expected a feature error, got \(String(describing: error))"); return }
        #expect(index == 0 && reason.contains("5 numbers"))
    }

    @Test func membersInAnyOrder() throws {
        // "coordinates" before "type", "geometry" before "properties", the feature's "type"
        // last, the collection's "type" after "features", unknown members everywhere.
        let text = #"""
        {"features":[
          {"geometry":{"coordinates":[[[0,0],[4,0],[4,3],[0,0]]],"bbox":[0,0,4,3],"type":"Polygon"},
           "extra":{"nested":[1,2,{"x":null}]},
           "properties":{"name":"a","other":[1,2]},
           "type":"Feature"}
         ],
         "name":"layer",
         "type":"FeatureCollection",
         "bbox":[0,0,4,3]}
        """#
        let table = try readGeoJSON(text, properties: ["name"])
        #expect(table.geometries.kinds == [.polygon])
        #expect(ringCoordinates(table.geometries, 0) == [[0, 0], [4, 0], [4, 3], [0, 0]])
        #expect(table.column("name") == [.string("a")])
    }

    @Test func manyFeaturesKeepTheirOrder() throws {
        let features = (0..<100).map { k in
            feature("{\"type\":\"Point\",\"coordinates\":[\(k),\(-k)]}", properties: "{\"k\":\(k)}")
        }
        let table = try readGeoJSON(collection(features), properties: ["k"])
        #expect(table.count == 100)
        #expect(table.geometries.xs == (0..<100).map(Double.init))
        #expect(table.geometries.ys == (0..<100).map { -Double($0) })
        #expect(table.column("k") == (0..<100).map { .number(Double($0)) })
    }

    @Test func anEmptyFeatureCollection() throws {
        let table = try readGeoJSON(#"{"type":"FeatureCollection","features":[]}"#, properties: ["a"])
        #expect(table.count == 0)
        #expect(table.column("a").isEmpty)
    }
}

@Suite struct GeoJSONReaderPropertyTests {
    @Test func everyJSONKindAndOnlyRequestedKeys() throws {
        let properties = #"""
        {"s":"text","n":-12.5e1,"i":42,"t":true,"f":false,"z":null,
         "o":{"a":[1,{"b":2}]},"a":[1,2,3],"skipped":{"deep":[[[["x\"]"]]]],"q":"\u00e9"},
         "esc":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00","e":""}
        """#
        let wanted: Set<String> = ["s", "n", "i", "t", "f", "z", "o", "a", "esc", "e", "missing"]
        let table = try readGeoJSON(collection([feature(point, properties: properties)]), properties: wanted)
        #expect(Set(table.properties.keys) == wanted)
        #expect(table.column("s") == [.string("text")])
        #expect(table.column("n") == [.number(-125)])
        #expect(table.column("i") == [.number(42)])
        #expect(table.column("t") == [.bool(true)])
        #expect(table.column("f") == [.bool(false)])
        #expect(table.column("z") == [.null])
        #expect(table.column("o") == [.compound])
        #expect(table.column("a") == [.compound])
        #expect(table.column("esc") == [.string("a\"b\\c/d\u{8}\u{C}\n\r\té😀")])
        #expect(table.column("e") == [.string("")])
        #expect(table.column("missing") == [.absent])
        // Not requested: not kept, and asking for it gives absent values.
        #expect(table.properties["skipped"] == nil)
        #expect(table.column("skipped") == [.absent])
    }

    @Test func absentNullAndEmptyProperties() throws {
        let table = try readGeoJSON(collection([
            feature(point, properties: #"{"a":1}"#),
            feature(point, properties: "null"),
            feature(point, properties: "{}"),
            "{\"type\":\"Feature\",\"geometry\":\(point)}",
            feature(point, properties: #"{"a":null}"#),
        ]), properties: ["a"])
        #expect(table.column("a") == [.number(1), .absent, .absent, .absent, .null])
    }

    @Test func anEscapedKeyMatchesItsDecodedName() throws {
        let table = try readGeoJSON(collection([feature(point, properties: #"{"n\u0061me":"x","na\u006De2":2}"#)]),
                                    properties: ["name"])
        #expect(table.column("name") == [.string("x")])
    }

    @Test func theFeatureIDIsKeptApartFromProperties() throws {
        let table = try readGeoJSON(collection([
            "{\"id\":7,\"type\":\"Feature\",\"properties\":{\"id\":\"p\"},\"geometry\":\(point)}",
            "{\"type\":\"Feature\",\"geometry\":\(point),\"id\":\"abc\",\"properties\":{}}",
            feature(point),
        ]), properties: ["id"])
        #expect(table.featureIDs == [.number(7), .string("abc"), .absent])
        #expect(table.column("id") == [.string("p"), .absent, .absent])
    }

    @Test func propertyValueText() {
        #expect(PropertyValue.number(42).text == "42")
        #expect(PropertyValue.number(-7).text == "-7")
        #expect(PropertyValue.number(-0.0).text == "0")
        #expect(PropertyValue.number(2.5).text == "2.5")
        #expect(PropertyValue.number(123_456_789_012_345).text == "123456789012345")
        #expect(PropertyValue.string("0363").text == "0363")
        #expect(PropertyValue.bool(true).text == "true")
        #expect(PropertyValue.null.text == nil)
        #expect(PropertyValue.absent.text == nil)
        #expect(PropertyValue.compound.text == nil)
    }
}

@Suite struct GeoJSONReaderCRSTests {
    private func crs(_ name: String) throws -> CoordinateReferenceSystem {
        let member = "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"\(name)\"}},"
        return try readGeoJSON(collection([feature(point)], extra: member)).crs
    }

    @Test func rdNewNames() throws {
        #expect(try crs("EPSG:28992") == .rdNew)
        #expect(try crs("urn:ogc:def:crs:EPSG::28992") == .rdNew)
        #expect(try crs("urn:ogc:def:crs:EPSG:28992") == .rdNew)
        #expect(try crs("http://www.opengis.net/def/crs/EPSG/0/28992") == .rdNew)
        #expect(try crs(" epsg:28992 ") == .rdNew)
    }

    @Test func wgs84Names() throws {
        #expect(try crs("urn:ogc:def:crs:OGC:1.3:CRS84") == .wgs84)
        #expect(try crs("EPSG:4326") == .wgs84)
        #expect(try readGeoJSON(collection([feature(point)])).crs == .wgs84)
        #expect(try readGeoJSON(collection([feature(point)], extra: "\"crs\":null,")).crs == .wgs84)
    }

    @Test func theCRSMayFollowTheFeatures() throws {
        let text = "{\"type\":\"FeatureCollection\",\"features\":[\(feature(point))],\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}}}"
        #expect(try readGeoJSON(text).crs == .rdNew)
    }

    @Test func anUnknownCRSIsADocumentError() {
        let error = geoError { _ = try crs("EPSG:3857") }
        guard case let .document(file, reason)? = error else { Issue.record("expected a document error, got \(String(describing: error))"); return }
        #expect(file == "test.geojson")
        #expect(reason.contains("EPSG:3857"))
        let noName = geoError { _ = try readGeoJSON(collection([feature(point)], extra: "\"crs\":{\"type\":\"link\"},")) }
        guard case .document? = noName else { Issue.record("expected a document error, got \(String(describing: noName))"); return }
    }

    @Test func crsNames() {
        #expect(CoordinateReferenceSystem(crsName: "EPSG:2899") == nil)
        #expect(CoordinateReferenceSystem(crsName: "") == nil)
        #expect(CoordinateReferenceSystem.rdNew.epsg == "EPSG:28992")
        #expect(CoordinateReferenceSystem.wgs84.epsg == "EPSG:4326")
    }
}

@Suite struct GeoJSONReaderErrorTests {
    /// The (line, column) of the syntax error of `text`, or nil.
    private func syntaxPosition(_ text: String) -> (line: Int, column: Int)? {
        guard case let .syntax(_, line, column, _)? = geoError({ _ = try readGeoJSON(text) }) else { return nil }
        return (line, column)
    }

    @Test func syntaxErrorsReportLineAndColumn() throws {
        // An invalid literal: the 't' of "tru" is line 4, column 45 (4 spaces, then
        // {"type": "Feature", "properties": {"a": is 40 characters).
        let literal = """
        {
          "type": "FeatureCollection",
          "features": [
            {"type": "Feature", "properties": {"a": tru}, "geometry": null}
          ]
        }
        """
        let p1 = try #require(syntaxPosition(literal))
        #expect(p1.line == 4 && p1.column == 45)

        // A missing comma: the error is at the quote of "geometry", line 3, column 22.
        let comma = """
        {"type": "FeatureCollection",
         "features": [
          {"type": "Feature" "geometry": null}
         ]}
        """
        let p2 = try #require(syntaxPosition(comma))
        #expect(p2.line == 3 && p2.column == 22)

        // NaN is not JSON: line 2, column 61 is the 'N' (CRLF line ends: the CR belongs to line 1;
        // {"type":"Feature","geometry":{"type":"Point","coordinates":[ is 60 characters).
        let nan = "{\"type\":\"FeatureCollection\",\"features\":[\r\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[NaN,1]}}]}"
        let p3 = try #require(syntaxPosition(nan))
        #expect(p3.line == 2 && p3.column == 61)

        // An unterminated string is reported at its opening quote: line 2, column 3.
        let unterminated = "{\"type\":\"FeatureCollection\",\n\t \"features"
        let p4 = try #require(syntaxPosition(unterminated))
        #expect(p4.line == 2 && p4.column == 3)
    }

    @Test func theSyntaxErrorNamesTheFileAndReason() {
        let error = geoError { _ = try readGeoJSON("{\"type\" \"x\"}", source: "data/gebouwen.geojson") }
        guard case let .syntax(file, line, column, reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(file == "data/gebouwen.geojson" && line == 1 && column == 9)
        #expect(reason.contains("':'"))
        #expect(error!.description.hasPrefix("data/gebouwen.geojson:1:9: invalid JSON"))
    }

    @Test(arguments: [
        "{\"type\":\"FeatureCollection\",\"features\":[]} x",
        "{\"type\":\"FeatureCollection\",\"features\":[]}{}",
        "{\"type\":\"FeatureCollection\",\"features\":[]}]",
        "{\"type\":\"FeatureCollection\",\"features\":[]",
        "{\"type\":\"FeatureCollection\",\"features\":[],}",
        "{\"type\":\"FeatureCollection\",\"features\":[\(feature(point)),]}",
        "[]",
        "{\"type\":\"FeatureCollection\",\"features\":{}}",
    ])
    func malformedDocumentsAreSyntaxErrors(_ text: String) {
        guard case .syntax? = geoError({ _ = try readGeoJSON(text) }) else {
            Issue.record("\(text) was not a syntax error")
            return
        }
    }

    @Test func trailingGarbageIsReportedWhereItStarts() throws {
        let text = "{\"type\":\"FeatureCollection\",\"features\":[]}\n  garbage"
        let error = geoError { _ = try readGeoJSON(text) }
        guard case let .syntax(_, line, column, _)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(line == 2 && column == 3)
    }

    @Test func documentErrors() {
        for (text, fragment) in [
            ("", "empty"),
            ("  \n ", "empty"),
            ("{\"type\":\"Feature\",\"features\":[]}", "\"Feature\""),
            ("{\"features\":[]}", "no \"type\""),
            ("{\"type\":\"FeatureCollection\"}", "no \"features\""),
            ("{}", "no \"type\""),
        ] {
            let error = geoError { _ = try readGeoJSON(text) }
            guard case let .document(_, reason)? = error else {
                Issue.record("\(text.debugDescription): expected a document error, got \(String(describing: error))")
                continue
            }
            #expect(reason.contains(fragment), "\(reason)")
        }
    }

    @Test(arguments: [
        ("null", "null"),
        (#"{"type":"GeometryCollection","geometries":[]}"#, "GeometryCollection"),
        (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#, "not closed"),
        (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#, "3 positions"),
        (#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[5,5]]]]}"#, "3 positions"),
        (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.1,0.1],[0.2,0.1],[0.2,0.2],[0.1,0.2]]]}"#, "not closed"),
        (#"{"type":"Point","coordinates":[]}"#, "empty"),
        (#"{"type":"Polygon","coordinates":[]}"#, "empty"),
        (#"{"type":"Polygon","coordinates":[[]]}"#, "empty"),
        (#"{"type":"MultiPolygon","coordinates":[[]]}"#, "empty"),
        (#"{"type":"Point","coordinates":[1e999,52]}"#, "not a finite number"),
        (#"{"type":"Point","coordinates":[5,-1e999]}"#, "not a finite number"),
        (#"{"type":"Point","coordinates":[[1,2]]}"#, "nested"),
        (#"{"type":"Polygon","coordinates":[[0,0],[1,0],[1,1],[0,0]]}"#, "nested"),
        (#"{"type":"MultiPoint","coordinates":[[1,2],[[3,4]]]}"#, "mix"),
        (#"{"type":"LineString","coordinates":[[1,2]]}"#, "fewer than 2"),
        (#"{"type":"Point","coordinates":[[[[[[1,2]]]]]]}"#, "deeper"),
        (#"{"coordinates":[1,2]}"#, "no \"type\""),
        (#"{"type":"Point"}"#, "no \"coordinates\""),
        (#"{"type":"Circle","coordinates":[1,2]}"#, "Circle"),
    ])
    func semanticErrorsReportTheFeatureIndex(_ geometry: String, _ fragment: String) {
        let text = collection([feature(point), feature(point), feature(geometry), feature(point)])
        let error = geoError { _ = try readGeoJSON(text, source: "x.geojson") }
        guard case let .feature(file, index, reason)? = error else {
            Issue.record("\(geometry): expected a feature error, got \(String(describing: error))")
            return
        }
        #expect(file == "x.geojson")
        #expect(index == 2)
        #expect(reason.contains(fragment), "\(reason)")
    }

    @Test func featureLevelProblems() {
        for (text, fragment) in [
            (#"{"type":"Feature","properties":{}}"#, "no \"geometry\""),
            (#"{"properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}"#, "no type"),
            (#"{"type":"feature","geometry":{"type":"Point","coordinates":[1,2]}}"#, "\"feature\""),
        ] {
            let error = geoError { _ = try readGeoJSON(collection([feature(point), text])) }
            guard case let .feature(_, index, reason)? = error else {
                Issue.record("\(text): expected a feature error, got \(String(describing: error))")
                continue
            }
            #expect(index == 1 && reason.contains(fragment), "\(reason)")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        // In a property, in an unknown member of a feature, at the top level, in the crs.
        for text in [
            collection([feature(point, properties: "{\"a\":\(deep)}")]),
            collection(["{\"type\":\"Feature\",\"x\":\(deep),\"geometry\":\(point)}"]),
            collection([], extra: "\"x\":\(deep),"),
            collection([], extra: "\"crs\":\(deep),"),
        ] {
            guard case let .syntax(_, _, _, reason)? = geoError({ _ = try readGeoJSON(text, properties: ["a"]) }) else {
                Issue.record("no syntax error for deep nesting")
                continue
            }
            #expect(reason.contains("nesting"))
        }
        // In coordinates the limit is the geometry's own.
        let coordinates = collection([feature("{\"type\":\"Point\",\"coordinates\":\(deep)}")])
        guard case .feature? = geoError({ _ = try readGeoJSON(coordinates) }) else {
            Issue.record("no feature error for deep coordinates")
            return
        }
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        let text = "\u{FEFF}" + collection([feature(point, properties: "{\"a\":\"b\"}")])
        #expect(Array(text.utf8).prefix(3) == [0xEF, 0xBB, 0xBF])
        let table = try readGeoJSON(text, properties: ["a"])
        #expect(table.count == 1 && table.column("a") == [.string("b")])
    }

    @Test func readingFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("points.geojson").path
        try Data(collection([feature(point, properties: "{\"a\":1}")]).utf8).write(to: URL(fileURLWithPath: path))
        let table = try GeoJSONReader(properties: ["a"]).read(path: path)
        #expect(table.source == path && table.count == 1 && table.column("a") == [.number(1)])

        let missing = folder.appendingPathComponent("missing.geojson").path
        #expect(geoError { _ = try GeoJSONReader(properties: []).read(path: missing) } == .io(path: missing, reason: "no such file"))
    }
}
