import Foundation
import Testing
@testable import Cirkels

/// SPEC invariants on generated data, on the demo data set and on real OpenStreetMap data.
struct InvariantTests {
    @Test(arguments: [11, 12] as [UInt64])
    func generatedTown(seed: UInt64) throws {
        let folder = try RandomTown.fixture(seed: seed).write()
        let r = try Analysis.run(folder: folder, options: AnalysisOptions())
        let checked = try Invariants.scoresMatchVlekken(r)
        #expect(checked > r.data.buildings.count * 9 / 10)
        Invariants.coverageAddsUp(r)
        #expect(r.coverage.buildingsOutsideBuurten! > 0) // the buurten cover only part of the town
        try Invariants.outputsAreValidAndStable(folder: folder)
    }

    @Test func generatedTownInRD() throws {
        try Invariants.outputsAreValidAndStable(folder: try RandomTown.fixture(seed: 13, buildings: 300).write(), crs: .rdNew)
    }

    @Test func overlappingBuurtenCountOnce() throws {
        let r = try Analysis.run(folder: try RandomTown.fixture(seed: 14).write(), options: AnalysisOptions(vlekkenkaart: false))
        // BUX (last in file order) overlaps BU00, BU01, BU10, BU11 entirely: it gets no building.
        let bux = try #require(r.coverage.areas.first { $0.code == "BUX" })
        #expect(bux.buildings == 0)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: DemoData.path + "/buildings.geojson"), "the demo data set data/geojson is missing"))
    func demoDataSet() throws {
        let r = try Analysis.run(folder: DemoData.path, options: AnalysisOptions())
        #expect(r.data.buildings.count > 1000)
        #expect(r.data.buurten.count >= 10)
        try Invariants.scoresMatchVlekken(r)
        Invariants.coverageAddsUp(r)
        try Invariants.outputsAreValidAndStable(folder: DemoData.path)
    }

    @Test(.enabled(if: SharedData.isPresent, "../shared/data/amsterdam-centrum is absent (as in a user's clone); skipping the real-data invariants"))
    func amsterdamCentrum() throws {
        let r = try Analysis.run(folder: SharedData.amsterdam, options: AnalysisOptions())
        // SOURCES.md: 2,002 building polygons with 6,445 units; 11 voorzieningen; 56 haltes.
        #expect(r.data.buildings.count == 2002)
        #expect(r.data.buildings.units.reduce(0) { $0 + Int($1) } == 6445)
        #expect(r.data.voorzieningen.count == 11 + 56)
        // Every location lies in the extract's box (lat 52.36568–52.37372, lon 4.89063–4.90368),
        // projected: roughly x 121,000–122,000, y 486,400–487,400 in RD New.
        #expect(r.data.buildings.xs.allSatisfy { (120_900...122_100).contains($0) })
        #expect(r.data.buildings.ys.allSatisfy { (486_300...487_500).contains($0) })
        // Dozens of haltes with 250 and 500 m circles put a fifth of the buildings within
        // 0.65 m of some circle; the rest are checked.
        let checked = try Invariants.scoresMatchVlekken(r)
        #expect(checked > 1500)
        Invariants.coverageAddsUp(r)
        try Invariants.outputsAreValidAndStable(folder: SharedData.amsterdam)
    }
}
