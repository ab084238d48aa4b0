import TestSupport
import Foundation
import Testing
@testable import Cirkels

/// Building locations (SPEC §2): points as they are, polygons by GEOS's point on surface.
struct LocationTests {
    @Test func polygonBuildingIsLocatedOnItsSurface() throws {
        // A 20 m square centred 480 m east of the huisarts: its point on surface is its
        // centre (GEOS takes the middle of the widest interior segment on the horizontal
        // line through the centre of the envelope), so d_zorg = 480.
        var f = Fixture()
        let o = (x: 120_000.0, y: 480_000.0)
        f.buildings = [.init(x: o.x + 480, y: o.y, units: 1, square: 20), .init(x: o.x + 600, y: o.y, units: 1, square: 20)]
        f.voorzieningen = [.init(type: "huisarts", x: o.x, y: o.y), .init(type: "ontmoetingsruimte", x: o.x, y: o.y)]
        f.haltes = [(o.x, o.y)]
        let r = try Analysis.run(folder: try f.write(), options: AnalysisOptions(vlekkenkaart: false))
        #expect(abs(r.data.buildings.xs[0] - (o.x + 480)) < 1e-9 && abs(r.data.buildings.ys[0] - o.y) < 1e-9)
        #expect(abs(r.reach.distances[1][0] - 480) < 1e-9)
        #expect(r.reach.complete == [true, false] as [Bool])
    }

    @Test func wgs84InputIsProjected() throws {
        // The same point given in WGS84 and in RD New: Amersfoort's RD origin (155000, 463000)
        // is at 52.15517440 N, 5.38720621 E (RDNAPTRANS); PROJ's Helmert path is within 0.5 m.
        let folder = TestFolders.url("cirkel-wgs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let point = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"type":"huisarts"},"geometry":{"type":"Point","coordinates":[5.38720621,52.15517440]}}]}"#
        try point.write(to: folder.appendingPathComponent("buildings.geojson"), atomically: true, encoding: .utf8)
        try point.write(to: folder.appendingPathComponent("voorzieningen.geojson"), atomically: true, encoding: .utf8)
        try #"{"type":"FeatureCollection","features":[]}"#.write(to: folder.appendingPathComponent("ov_haltes.geojson"), atomically: true, encoding: .utf8)
        var reader = DataSetReader()
        let data = try reader.read(folder: folder.path)
        #expect(abs(data.buildings.xs[0] - 155_000) < 0.5 && abs(data.buildings.ys[0] - 463_000) < 0.5)
        #expect(data.voorzieningen.types == ["huisarts"] as [String])
    }
}
