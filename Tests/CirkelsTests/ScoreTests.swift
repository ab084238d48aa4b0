import TestSupport
import Foundation
import Testing
@testable import Cirkels

@Suite struct ScoreTests {
    /// Three buurten in two wijken of one gemeente (codes of CBS's form, so the wijk and
    /// gemeente are derived from them); distances worked out by hand.
    private func fixture() -> Fixture {
        var f = Fixture()
        // Wijk 01: buurt 01 (x 0–1000) with homes at 100 m and 300 m from the huisarts at
        // x = 0; buurt 02 (x 1000–2000) with 3 units at 1100 m. Wijk 02: buurt 01 (x
        // 2000–3000) with 2 units at 2500 m.
        let y = 463_000.0, x0 = 150_000.0
        f.buildings = [
            .init(x: x0 + 100, y: y), .init(x: x0 + 300, y: y),
            .init(x: x0 + 1100, y: y, units: 3),
            .init(x: x0 + 2500, y: y, units: 2),
        ]
        f.voorzieningen = [.init(type: "huisarts", x: x0, y: y)]
        f.haltes = [(x0, y)]
        f.buurten = [
            .init(code: "BU00010101", name: "Een", minX: x0, minY: y - 500, maxX: x0 + 1000, maxY: y + 500),
            .init(code: "BU00010102", name: "Twee", minX: x0 + 1000, minY: y - 500, maxX: x0 + 2000, maxY: y + 500),
            .init(code: "BU00010201", name: "Drie", minX: x0 + 2000, minY: y - 500, maxX: x0 + 3000, maxY: y + 500),
        ]
        return f
    }

    @Test func wijkenAndGemeentenAddUpTheirBuurten() throws {
        let folder = try fixture().write()
        let score = try Score.run(source: folder, profile: BuiltInProfiles.woonzorgcirkel, parallelism: Parallelism(workers: 2))
        let zorg = 1
        #expect(score.wijken.areas.map(\.code) == ["WK000101", "WK000102"])
        #expect(score.gemeenten.areas.map(\.code) == ["GM0001"])
        let wijk1 = score.wijken.areas[0], wijk2 = score.wijken.areas[1], gemeente = score.gemeenten.areas[0]
        #expect(wijk1.buildings == 3 && wijk1.units == 5 && wijk2.units == 2 && gemeente.units == 7)
        // Wijk 1: units at 100, 300, 1100 ×3 → mean (100 + 300 + 3300) / 5 = 740; the median
        // is the smallest d with at least half (2.5) of the units: 1100.
        #expect(wijk1.distances[zorg].mean == 740)
        #expect(wijk1.distances[zorg].median == 1100)
        #expect(wijk1.unitsReached[zorg] == 2)
        // Gemeente: + 2 units at 2500 → mean (3700 + 5000) / 7; median: 3.5 units → 1100.
        #expect(abs(gemeente.distances[zorg].mean! - 8700.0 / 7) < 1e-9)
        #expect(gemeente.distances[zorg].median == 1100)
        // Areas: 1 km² per buurt.
        #expect(wijk1.area == 2_000_000 && gemeente.area == 3_000_000)
    }

    @Test func waterBuurtenStayOutOfAreasAndCBSNabijheidIsComparedPerBuurt() throws {
        let score = try Score.run(source: try RealFormatsFixture().folder.path, profile: BuiltInProfiles.woonzorgcirkel,
                                  parallelism: Parallelism(workers: 1))
        let areas = score.analysis.coverage.areas
        // Centrum is 200 m × 200 m of land; Kanaal, as large, is water.
        #expect(areas[0].area == 40_000 && areas[1].area == 40_000)
        #expect(areas.last!.area == 40_000, "totaal leaves the water buurt out")
        #expect(score.gemeenten.areas.first?.area == 40_000)
        // Nearest huisarts: (155100, 463000) or the gezondheidscentrum at (154800, 463000):
        // the two flats at 100 m, the third home at 90 m: mean 290 / 3; CBS says 0.3 km.
        let nabijheid = try #require(score.nabijheid)
        let centrum = try #require(nabijheid.rows.first { $0.buurt == 0 && $0.type == "huisarts" })
        #expect(abs(centrum.cirkelMeanMetres! - 290.0 / 3) < 1e-9)
        #expect(centrum.cbsMetres == 300)
        #expect(abs(centrum.detour! - 300 / (290.0 / 3)) < 1e-12)
        let kanaal = try #require(nabijheid.rows.first { $0.buurt == 1 })
        #expect(kanaal.detour == nil && kanaal.units == 0)
        #expect(nabijheid.summaries.map(\.buurtenCompared) == [1])
    }

    @Test func theScoreFolderHoldsEveryTableOrNothing() throws {
        let folder = try fixture().write()
        let score = try Score.run(source: folder, profile: BuiltInProfiles.woonzorgcirkel, parallelism: Parallelism(workers: 1))
        let out = TestFolders.url("cirkel-score").path
        let files = try ScoreWriter(parallelism: Parallelism(workers: 1)).write(score, to: out)
        #expect(Set(files) == [OutputFiles.coverage, ScoreWriter.wijken, ScoreWriter.gemeenten, OutputFiles.coverageJSON,
                               OutputFiles.sensitivity, OutputFiles.clustersTable, OutputFiles.profile])
        let wijken = try String(contentsOfFile: out + "/" + ScoreWriter.wijken, encoding: .utf8).split(separator: "\n")
        #expect(wijken.count == 3)
        #expect(wijken[1].hasPrefix("WK000101,,3,5,"))
    }

    /// Two gemeenten side by side: GM0001 (x 0–1000) with the only huisarts, at its far
    /// edge from GM0002 (x 1000–2000). Scoring GM0002 alone keeps its two buildings and the
    /// huisarts across the border: 300 m and 700 m away.
    @Test func oneGemeenteIsScoredWithVoorzieningenAcrossItsBorder() throws {
        var f = Fixture()
        let y = 463_000.0, x0 = 150_000.0
        f.buildings = [.init(x: x0 + 500, y: y), .init(x: x0 + 1200, y: y), .init(x: x0 + 1600, y: y, units: 4)]
        f.voorzieningen = [.init(type: "huisarts", x: x0 + 900, y: y)]
        f.haltes = [(x0, y)]
        f.buurten = [
            .init(code: "BU00010001", name: "West", minX: x0, minY: y - 500, maxX: x0 + 1000, maxY: y + 500),
            .init(code: "BU00020001", name: "Oost", minX: x0 + 1000, minY: y - 500, maxX: x0 + 2000, maxY: y + 500),
        ]
        let folder = try f.write()
        let zorg = 1
        for request in ["GM0002", "gm0002", "0002", "2"] {
            let score = try Score.run(source: folder, profile: BuiltInProfiles.woonzorgcirkel, parallelism: Parallelism(workers: 2),
                                      gemeenten: GemeenteSelection([request]))
            let areas = score.analysis.coverage.areas
            #expect(areas.map(\.code) == ["BU00020001", "totaal"], "\(request)")
            #expect(score.gemeenten.areas.map(\.code) == ["GM0002"])
            #expect(score.analysis.data.buildings.count == 2 && areas[0].units == 5)
            // (300 · 1 + 700 · 4) / 5 = 620; 4 of 5 units at 700 m.
            #expect(areas[0].distances[zorg].mean == 620 && areas[0].distances[zorg].median == 700)
            #expect(areas[0].unitsReached[zorg] == 1)
            #expect(score.analysis.data.notes.last?.contains("1 of 2 buurten, 2 of 3 buildings") == true)
        }
        let both = try Score.run(source: folder, profile: BuiltInProfiles.woonzorgcirkel, parallelism: Parallelism(workers: 1),
                                 gemeenten: GemeenteSelection(["GM0001", "2"]))
        #expect(both.analysis.data.buildings.count == 3)
        #expect(throws: CirkelError.self) {
            try Score.run(source: folder, profile: BuiltInProfiles.woonzorgcirkel, parallelism: Parallelism(workers: 1),
                          gemeenten: GemeenteSelection(["Utrecht"]))
        }
        #expect(GemeenteSelection.matches("Amsterdam", code: "GM0363", name: "amsterdam"))
        #expect(GemeenteSelection.matches("363", code: "GM0363", name: ""))
        #expect(!GemeenteSelection.matches("3630", code: "GM0363", name: "") && !GemeenteSelection.matches("GM", code: "GM0363", name: ""))
    }
}
