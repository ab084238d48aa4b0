import Foundation
import Testing
@testable import Cirkels

/// Clusters (SPEC §4) on hand-made layouts, all within reach of one zorgcentrum and halte.
struct ClusterTests {
    let o = (x: 150_000.0, y: 450_000.0)

    /// Everything required at O, so every building near O qualifies.
    func fixture(_ buildings: [Fixture.Building]) -> Fixture {
        var f = Fixture()
        f.buildings = buildings
        f.voorzieningen = [.init(type: "zorgcentrum", x: o.x, y: o.y)]
        f.haltes = [(o.x, o.y)]
        return f
    }

    static func clusters(_ f: Fixture, profile: Profile = BuiltInProfiles.woonzorgcirkel) throws -> AnalysisResult {
        try Analysis.run(folder: try f.write(), options: AnalysisOptions(profile: profile, vlekkenkaart: false))
    }

    @Test func chainsThroughLinksAndNumbersByUnits() throws {
        // A chain p0–p1–p2 with links of exactly 25 m (p0 and p2 are 50 m apart, linked only
        // through p1): 2 + 2 + 2 = 6 units ≥ 5, one cluster. A pair 25.01 m apart with 3 + 3
        // units: not linked, and neither alone reaches 5. A block of 7 units alone: a cluster.
        // A pair 10 m apart with 2 + 2 units: a component below min_units.
        let b: [Fixture.Building] = [
            .init(x: o.x, y: o.y + 100, units: 2), .init(x: o.x + 25, y: o.y + 100, units: 2), .init(x: o.x + 50, y: o.y + 100, units: 2),
            .init(x: o.x, y: o.y - 100, units: 3), .init(x: o.x + 25.01, y: o.y - 100, units: 3),
            .init(x: o.x - 200, y: o.y, units: 7),
            .init(x: o.x + 200, y: o.y, units: 2), .init(x: o.x + 210, y: o.y, units: 2),
        ]
        let r = try Self.clusters(fixture(b))
        #expect(r.reach.qualifying.allSatisfy { $0 })
        let clusters = r.clusters.clusters
        #expect(clusters.count == 2)
        // Numbered by units descending: the block (7) first, then the chain (6).
        #expect(clusters[0].members == [5] as [Int] && clusters[0].units == 7)
        #expect(clusters[1].members == [0, 1, 2] as [Int] && clusters[1].units == 6)
        #expect(r.clusters.clusterOfBuilding == [2, 2, 2, 0, 0, 1, 0, 0] as [Int])
        // The chain's unit-weighted centroid is its middle building; the extent 25 m.
        #expect(abs(clusters[1].centroidX - (o.x + 25)) < 1e-9 && abs(clusters[1].centroidY - (o.y + 100)) < 1e-9)
        #expect(abs(clusters[1].extent - 25) < 1e-9)
    }

    @Test func tiesAreNumberedBySmallestMemberLocation() throws {
        // Two clusters of 5 units each: the one whose smallest member x is smaller is 1; with
        // equal x, the smaller y.
        let b: [Fixture.Building] = [
            .init(x: o.x + 100, y: o.y, units: 5),
            .init(x: o.x - 100, y: o.y + 50, units: 5),
            .init(x: o.x - 100, y: o.y - 50, units: 5),
        ]
        let r = try Self.clusters(fixture(b))
        #expect(r.clusters.clusters.map(\.members) == [[2], [1], [0]] as [[Int]])
    }

    @Test func unitWeightedCentroidAndOutline() throws {
        // 1 unit at x = 0 and 4 units at x = 20: centroid at x = 16, extent 16 m.
        let b: [Fixture.Building] = [.init(x: o.x, y: o.y, units: 1), .init(x: o.x + 20, y: o.y, units: 4)]
        let r = try Self.clusters(fixture(b))
        let c = try #require(r.clusters.clusters.first)
        #expect(abs(c.centroidX - (o.x + 16)) < 1e-9)
        #expect(abs(c.extent - 16) < 1e-9)
        // Outline: two discs of radius 12.5 m whose centres are 20 m apart overlap; the union
        // is one polygon with an area between one disc and two.
        let context = GEOSContext()
        let outline = try context.geometry(feature: 0, of: r.clusterOutlines)
        let disc = DiscShape(segments: 64).polygonArea(radius: 12.5)
        let area = try outline.area()
        #expect(area > disc && area < 2 * disc)
        #expect(r.clusterOutlines.parts(of: 0).count == 1)
    }

    @Test func cbsProfileNeedsTwelveUnits() throws {
        let b: [Fixture.Building] = [.init(x: o.x, y: o.y, units: 11), .init(x: o.x + 300, y: o.y, units: 12)]
        let r = try Self.clusters(fixture(b), profile: BuiltInProfiles.cbsGeclusterd)
        #expect(r.clusters.clusters.map(\.units) == [12] as [Int])
    }
}
