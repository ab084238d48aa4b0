import TestSupport
import Foundation
@testable import Cirkels
@_exported import TestSupport

/// A small data set written as SPEC §1 files into a fresh temporary folder, in RD New with
/// the `crs` member, so that every distance in a test is exact and worked out by hand.
struct Fixture {
    struct Building {
        var x: Double, y: Double
        var units: Int? = 1
        var nultreden: Bool? = nil
        var id: String? = nil
        /// A square polygon of this side instead of a point (location: point on surface).
        var square: Double? = nil
    }

    struct Voorziening {
        var type: String
        var x: Double, y: Double
        var name: String = ""
    }

    struct Buurt {
        var code: String
        var name: String
        var minX: Double, minY: Double, maxX: Double, maxY: Double
    }

    var buildings: [Building] = []
    var voorzieningen: [Voorziening] = []
    var haltes: [(x: Double, y: Double)] = []
    var buurten: [Buurt] = []

    static let crsMember = #""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}}"#

    static func collection(_ features: [String]) -> String {
        "{\"type\":\"FeatureCollection\",\(crsMember),\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    static func point(_ x: Double, _ y: Double) -> String {
        "{\"type\":\"Point\",\"coordinates\":[\(x),\(y)]}"
    }

    static func rectangle(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) -> String {
        "{\"type\":\"Polygon\",\"coordinates\":[[[\(minX),\(minY)],[\(maxX),\(minY)],[\(maxX),\(maxY)],[\(minX),\(maxY)],[\(minX),\(minY)]]]}"
    }

    /// Writes the files into a new temporary folder and returns its path.
    func write() throws -> String {
        let folder = TestFolders.url("cirkel-fixture")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var features: [String] = []
        for b in buildings {
            var props: [String] = []
            if let id = b.id { props.append("\"id\":\"\(id)\"") }
            if let units = b.units { props.append("\"units\":\(units)") }
            if let n = b.nultreden { props.append("\"nultreden\":\(n)") }
            let geometry = b.square.map { s in Self.rectangle(b.x - s / 2, b.y - s / 2, b.x + s / 2, b.y + s / 2) } ?? Self.point(b.x, b.y)
            features.append("{\"type\":\"Feature\",\"properties\":{\(props.joined(separator: ","))},\"geometry\":\(geometry)}")
        }
        try Self.collection(features).write(to: folder.appendingPathComponent("buildings.geojson"), atomically: true, encoding: .utf8)
        features = voorzieningen.map { v in
            "{\"type\":\"Feature\",\"properties\":{\"type\":\"\(v.type)\",\"name\":\"\(v.name)\"},\"geometry\":\(Self.point(v.x, v.y))}"
        }
        try Self.collection(features).write(to: folder.appendingPathComponent("voorzieningen.geojson"), atomically: true, encoding: .utf8)
        features = haltes.map { h in "{\"type\":\"Feature\",\"properties\":{\"name\":\"halte\"},\"geometry\":\(Self.point(h.x, h.y))}" }
        try Self.collection(features).write(to: folder.appendingPathComponent("ov_haltes.geojson"), atomically: true, encoding: .utf8)
        if !buurten.isEmpty {
            features = buurten.map { b in
                "{\"type\":\"Feature\",\"properties\":{\"code\":\"\(b.code)\",\"name\":\"\(b.name)\"},\"geometry\":\(Self.rectangle(b.minX, b.minY, b.maxX, b.maxY))}"
            }
            try Self.collection(features).write(to: folder.appendingPathComponent("buurten.geojson"), atomically: true, encoding: .utf8)
        }
        return folder.path
    }
}

/// Where the shared real data lives (absent in a user's clone: tests skip with a message).
enum SharedData {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    static var amsterdam: String { root.appendingPathComponent("amsterdam-centrum").path }
    static var isPresent: Bool { FileManager.default.fileExists(atPath: amsterdam) }
}

/// The repository's own demo data.
enum DemoData {
    static let path: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/geojson").path
}
