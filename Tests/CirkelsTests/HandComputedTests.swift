import Foundation
import Testing
@testable import Cirkels

/// One small data set whose every figure is worked out by hand (see the comments).
///
/// Origin O = (100000, 400000) in RD New. At O: a zorgcentrum (counts for both ontmoeting and
/// zorg) and an OV-halte. A supermarkt at O + (1000, 0). No apotheek anywhere.
/// Buildings on the x axis at these offsets from O:
///
/// | b | dx      | units | nultreden | ontmoeting | zorg  | ov (ideal 250) | supermarkt      | score | complete | qualifying |
/// |---|---------|-------|-----------|------------|-------|----------------|-----------------|-------|----------|------------|
/// | a | 0       | 10    | true      | 0 ideal    | ideal | 0 ideal        | 1000 none       | 3     | yes      | yes        |
/// | b | 250     | 1     | false     | ideal      | ideal | 250 ideal      | 750 none        | 3     | yes      | no (nultreden) |
/// | c | 250.01  | 0     | –         | ideal      | ideal | reached        | 749.99 none     | 2.5   | yes      | no (0 units) |
/// | d | 500     | 3     | –         | ideal      | ideal | 500 reached    | 500 ideal       | 3.5   | yes      | yes        |
/// | e | 500.01  | 5     | –         | none       | none  | none           | 499.99 ideal    | 1     | no       | no         |
/// | f | 2000    | 2     | –         | none       | none  | none           | 1000 none       | 0     | no       | no         |
///
/// Buurt B1 = [O-100, O+300] × [±100] holds a, b, c; B2 = [O+200, O+600] × [±100] overlaps
/// B1 (b and c stay in B1, the first in file order) and holds d, e; f is in no buurt.
struct HandComputedTests {
    static let o = (x: 100_000.0, y: 400_000.0)

    static func fixture() -> Fixture {
        var f = Fixture()
        let offsets: [(String, Double, Int, Bool?)] = [("a", 0, 10, true), ("b", 250, 1, false), ("c", 250.01, 0, nil),
                                                       ("d", 500, 3, nil), ("e", 500.01, 5, nil), ("f", 2000, 2, nil)]
        f.buildings = offsets.map { Fixture.Building(x: o.x + $0.1, y: o.y, units: $0.2, nultreden: $0.3, id: $0.0) }
        f.voorzieningen = [
            .init(type: "Zorgcentrum ", x: o.x, y: o.y, name: "De Linde"), // type is trimmed and lower-cased
            .init(type: "supermarkt", x: o.x + 1000, y: o.y, name: "Super"),
        ]
        f.haltes = [(o.x, o.y)]
        f.buurten = [
            .init(code: "BU1", name: "Een", minX: o.x - 100, minY: o.y - 100, maxX: o.x + 300, maxY: o.y + 100),
            .init(code: "BU2", name: "Twee", minX: o.x + 200, minY: o.y - 100, maxX: o.x + 600, maxY: o.y + 100),
        ]
        return f
    }

    static func analyse(workers: Int = 2) throws -> AnalysisResult {
        try Analysis.run(folder: try fixture().write(), options: AnalysisOptions(parallelism: Parallelism(workers: workers)))
    }

    @Test func distancesLevelsAndScores() throws {
        let r = try Self.analyse()
        let ids = r.data.buildings.ids
        #expect(ids == ["a", "b", "c", "d", "e", "f"] as [String])
        let criteria = r.profile.criteria.map(\.name)
        #expect(criteria == ["ontmoeting", "zorg", "ov", "apotheek", "supermarkt"] as [String])
        // d_c per building (columns in profile order), by hand from the table above.
        let expected: [[Double]] = [
            [0, 250, 250.01, 500, 500.01, 2000],        // ontmoeting: the zorgcentrum at O
            [0, 250, 250.01, 500, 500.01, 2000],        // zorg: the same zorgcentrum
            [0, 250, 250.01, 500, 500.01, 2000],        // ov: the halte at O
            [.infinity, .infinity, .infinity, .infinity, .infinity, .infinity], // apotheek: none
            [1000, 750, 749.99, 500, 499.99, 1000],     // supermarkt at O + 1000
        ]
        for c in 0..<5 {
            for b in 0..<6 {
                let d = r.reach.distances[c][b]
                if expected[c][b].isInfinite { #expect(d.isInfinite) } else { #expect(abs(d - expected[c][b]) < 1e-6, "\(criteria[c]) \(ids[b])") }
            }
        }
        let levels = (0..<6).map { r.reach.levels(of: $0) }
        #expect(levels[1][2] == .ideal)    // b: ov exactly at the ideal radius
        #expect(levels[2][2] == .reached)  // c: just beyond it
        #expect(levels[3][2] == .reached)  // d: exactly at the radius
        #expect(levels[4][2] == .none)     // e: just beyond it
        #expect(levels[3][0] == .ideal)    // d: no ideal radius, so within the radius is ideal
        #expect(levels[4][4] == .ideal)    // e: supermarkt just inside
        #expect(r.reach.scores == [3, 3, 2.5, 3.5, 1, 0] as [Double])
        #expect(r.reach.complete == [true, true, true, true, false, false] as [Bool])
        #expect(r.reach.qualifying == [true, false, false, true, false, false] as [Bool])
    }

    @Test func clustersKeepOnlyEnoughUnits() throws {
        let r = try Self.analyse()
        // a (10 units) and d (3 units) qualify, 500 m apart: two components; only a's has ≥ 5 units.
        #expect(r.clusters.clusters.count == 1)
        let c = try #require(r.clusters.clusters.first)
        #expect(c.id == 1 && c.units == 10 && c.members == [0] as [Int])
        #expect(c.centroidX == Self.o.x && c.centroidY == Self.o.y && c.extent == 0)
        #expect(r.clusters.clusterOfBuilding == [1, 0, 0, 0, 0, 0] as [Int])
    }

    @Test func coveragePerBuurtAndTotal() throws {
        let r = try Self.analyse()
        #expect(r.coverage.buurtOfBuilding == [0, 0, 0, 1, 1, -1] as [Int])
        #expect(r.coverage.buildingsOutsideBuurten == 1)
        let (b1, b2, total) = (r.coverage.areas[0], r.coverage.areas[1], r.coverage.areas[2])
        #expect(b1.code == "BU1" && b2.code == "BU2" && total.code == "totaal")
        #expect([b1.buildings, b2.buildings, total.buildings] == [3, 2, 6] as [Int])
        #expect([b1.units, b2.units, total.units] == [11, 8, 21] as [Int])
        // ontmoeting reached (d ≤ 500): B1 a, b, c → 11 units; B2 only d → 3; total a b c d → 14.
        #expect([b1.unitsReached[0], b2.unitsReached[0], total.unitsReached[0]] == [11, 3, 14] as [Int])
        // Unit-weighted mean over finite distances of buildings with units: B1 (0·10 + 250·1) / 11.
        #expect(abs(b1.distances[0].mean! - 250.0 / 11) < 1e-9)
        #expect(b1.distances[0].median == 0) // 10 of 11 units at 0
        // B2: (500·3 + 500.01·5) / 8; median: 3 of 8 units at 500 is less than half → 500.01.
        #expect(abs(b2.distances[0].mean! - (500 * 3 + 500.01 * 5) / 8) < 1e-9)
        #expect(abs(b2.distances[0].median! - 500.01) < 1e-9)
        #expect(total.distances[3].mean == nil) // no apotheek at all
        #expect([b1.unitsComplete, b2.unitsComplete, total.unitsComplete] == [11, 3, 14] as [Int])
        #expect([b1.unitsQualifying, b2.unitsQualifying, total.unitsQualifying] == [10, 3, 13] as [Int])
        #expect([b1.unitsInClusters, b2.unitsInClusters, total.unitsInClusters] == [10, 0, 10] as [Int])
        #expect([b1.clusters, b2.clusters, total.clusters] == [1, 0, 1] as [Int])
        #expect(b1.area == 80_000 && b2.area == 80_000 && total.area == 160_000)
        // B1 lies wholly inside the 500 m disc around O, where everything required is reached.
        #expect(abs(b1.completeArea! - 80_000) < 1e-6)
        // Sensitivity for ov over all units: ≤ 250: a, b (11); ≤ 500: + c (0), d (3); ≤ 550: + e (5).
        let ov = total.distances[2]
        #expect([250.0, 300, 500, 550, 800].map { ov.units(within: $0) } == [11, 11, 14, 19, 19])
    }

    @Test func vlekkenkaartAreasAndBuildings() throws {
        let r = try Self.analyse()
        let map = try #require(r.vlekkenkaart)
        let shape = DiscShape(segments: 64)
        // Three vlekken: inside 250 m of O (score 3), the ring 250–500 m (2.5), and the
        // supermarkt's disc (1), which touches O's disc in one point only.
        #expect(map.vlekken.map(\.score) == [3, 2.5, 1] as [Double])
        #expect(map.vlekken.map(\.complete) == [true, true, false])
        let expectedAreas = [shape.polygonArea(radius: 250), shape.polygonArea(radius: 500) - shape.polygonArea(radius: 250),
                             shape.polygonArea(radius: 500)]
        for (vlek, area) in zip(map.vlekken, expectedAreas) { #expect(abs(vlek.area - area) < 1e-6 * area) }
        // a, b in the first; c in the ring; d sits exactly on the point where the discs touch
        // (a signature with no area, so in no vlek); e in the supermarkt's disc; f outside.
        #expect(map.vlekOfBuilding == [0, 0, 1, -1, 2, -1] as [Int])
        #expect(map.vlekken.map(\.buildings) == [2, 1, 1])
        #expect(map.vlekken.map(\.units) == [11, 0, 5])
    }

    @Test func resultsDoNotDependOnThreads() throws {
        let one = try Self.analyse(workers: 1), two = try Self.analyse(workers: 2)
        #expect(one.reach.distances == two.reach.distances)
        #expect(one.vlekkenkaart!.geometries.xs == two.vlekkenkaart!.geometries.xs)
        #expect(one.coverage.buurtOfBuilding == two.coverage.buurtOfBuilding)
    }
}

/// The ideal and reach radius of the ov criterion (ideal 250, radius 500), from just inside
/// to just outside each, against one halte.
struct LevelBoundaryTests {
    @Test func ovLevelsAroundBothRadii() throws {
        let o = (x: 130_000.0, y: 470_000.0)
        var f = Fixture()
        let offsets = [249.99, 250, 250.01, 499.99, 500, 500.01]
        f.buildings = offsets.map { Fixture.Building(x: o.x, y: o.y + $0) }
        f.voorzieningen = [.init(type: "zorgcentrum", x: o.x, y: o.y)]
        f.haltes = [(o.x, o.y)]
        let r = try Analysis.run(folder: try f.write(), options: AnalysisOptions(vlekkenkaart: false))
        #expect(r.reach.levels(of: 0)[2] == .ideal)
        #expect((0..<6).map { r.reach.levels(of: $0)[2] } == [.ideal, .ideal, .reached, .reached, .reached, .none] as [Level])
        // Points: ontmoeting and zorg (the zorgcentrum, no ideal radius) give 1 each up to 500 m.
        #expect(r.reach.scores == [3, 3, 2.5, 2.5, 2.5, 0] as [Double])
        #expect(r.reach.complete == [true, true, true, true, true, false] as [Bool])
    }
}
