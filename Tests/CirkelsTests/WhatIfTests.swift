import TestSupport
import Foundation
import Testing
@testable import Cirkels

/// What-if plans: the incremental result equals a full recomputation, and a hand-made plan
/// reports what it changes.
struct WhatIfTests {
    /// A random plan near the town of `RandomTown`: voorzieningen of every type and planned
    /// blocks of homes.
    static func randomPlan(seed: UInt64, voorzieningen: Int, buildings: Int) -> Plan {
        var rng = SplitMix64(seed: seed)
        var plan = Plan()
        let types = ["huisarts", "zorgcentrum", "ontmoetingsruimte", "apotheek", "supermarkt", "ov_halte"]
        for _ in 0..<voorzieningen {
            plan.voorzieningen.append(type: types.randomElement(using: &rng)!, name: "plan",
                                      x: 140_000 + Double.random(in: 0..<3000, using: &rng), y: 460_000 + Double.random(in: 0..<3000, using: &rng))
        }
        for k in 0..<buildings {
            plan.buildings.append(id: "p\(k)", x: 140_000 + Double.random(in: 0..<3000, using: &rng), y: 460_000 + Double.random(in: 0..<3000, using: &rng),
                                  units: Int.random(in: 1...30, using: &rng), nultredenAllowed: true)
        }
        return plan
    }

    @Test(arguments: [(31, 1, 0), (32, 3, 0), (33, 0, 5), (34, 4, 8), (35, 10, 20)] as [(UInt64, Int, Int)])
    func incrementalEqualsFullRecomputation(seed: UInt64, voorzieningen: Int, buildings: Int) throws {
        let folder = try RandomTown.fixture(seed: seed, buildings: 1200, voorzieningen: 25).write()
        let options = AnalysisOptions(vlekkenkaart: false)
        let base = PreparedAnalysis(result: try Analysis.run(folder: folder, options: options))
        let plan = Self.randomPlan(seed: seed &* 7, voorzieningen: voorzieningen, buildings: buildings)
        let whatIf = try WhatIf(base: base, plan: plan)
        let incremental = whatIf.plannedState
        let full = try Analysis.run(data: try base.state().data.applying(plan), options: options)
        // Adding things never takes qualification away, and these plans do change something.
        let before = try base.state().qualifying.filter { $0 }.count, after = incremental.qualifying.filter { $0 }.count
        #expect(after >= before)
        if voorzieningen >= 3 { #expect(after > before, "the plan should make some homes qualify") }
        #expect(incremental.complete == full.reach.complete)
        #expect(incremental.qualifying == full.reach.qualifying)
        #expect(incremental.clusters.clusterOfBuilding == full.clusters.clusterOfBuilding)
        #expect(incremental.clusters.clusters.map(\.members) == full.clusters.clusters.map(\.members))
        #expect(incremental.clusters.clusters.map(\.units) == full.clusters.clusters.map(\.units))
        #expect(incremental.clusters.componentOfBuilding == full.clusters.componentOfBuilding)
        #expect(incremental.clusters.componentUnits == full.clusters.componentUnits)
        // The additions kept beside the base's structures are exactly the buildings that
        // qualify or are clustered now and were not before.
        let old = try base.state(), n = old.data.buildings.count
        #expect(whatIf.planned.extraQualifying.map(\.building)
            == full.reach.qualifying.indices.filter { full.reach.qualifying[$0] && !($0 < n && old.qualifying[$0]) })
        #expect(whatIf.planned.extraClustered.map(\.building)
            == full.clusters.clusterOfBuilding.indices.filter { full.clusters.clusterOfBuilding[$0] > 0 && !($0 < n && old.clusters.clusterOfBuilding[$0] > 0) })
        // Checks against the incremental state (base structures plus additions) equal checks
        // against the full recomputation.
        let a = LocationChecker(prepared: whatIf.planned), b = LocationChecker(prepared: PreparedAnalysis(result: full))
        var rng = SplitMix64(seed: seed)
        for _ in 0..<100 {
            let p = Location(x: 140_000 + Double.random(in: 0..<3000, using: &rng), y: 460_000 + Double.random(in: 0..<3000, using: &rng), label: "p")
            let (ra, rb) = (try a.check(p, units: 3), try b.check(p, units: 3))
            #expect(ra.findings.map(\.distance) == rb.findings.map(\.distance) && ra.complete == rb.complete)
            #expect(ra.cluster.nearest?.id == rb.cluster.nearest?.id && ra.cluster.nearest?.distance == rb.cluster.nearest?.distance)
            #expect(ra.cluster.joins == rb.cluster.joins && ra.cluster.resultingUnits == rb.cluster.resultingUnits)
        }
        // Saved as an index, the planned state loads with whole structures.
        let reloaded = try PreparedIndex.load(path: try PreparedIndexTests.file(PreparedIndex.encode(whatIf.planned)))
        #expect(try reloaded.state().qualifying == incremental.qualifying && reloaded.extraQualifying.isEmpty)
        #expect(reloaded.clusterOfBuilding.array == incremental.clusters.clusterOfBuilding.map { Int32($0) })
    }

    @Test func aPlanReportsWhatItChanges() throws {
        // The hand-computed data set; f (2 units) stands alone at O + 2000 with nothing in reach.
        // The plan puts a zorgcentrum and a halte at O + (2000, 50) and 4 homes at O + (2010, 0):
        // f becomes complete and qualifies; with the 4 new units 10 m away it forms a new
        // cluster of 6 units (≥ 5), outside every buurt.
        let o = HandComputedTests.o
        let base = PreparedAnalysis(result: try HandComputedTests.analyse())
        var plan = Plan()
        plan.voorzieningen.append(type: "zorgcentrum", name: "Nieuw", x: o.x + 2000, y: o.y + 50)
        plan.voorzieningen.append(type: "ov_halte", name: "Nieuwe halte", x: o.x + 2000, y: o.y + 50)
        plan.buildings.append(id: "nieuw", x: o.x + 2010, y: o.y, units: 4, nultredenAllowed: true)
        let whatIf = try WhatIf(base: base, plan: plan)
        let changes = try WhatIfChanges(whatIf)
        #expect(whatIf.reevaluated == [5] as [Int]) // only f lies within 500 m of the new voorzieningen
        #expect(changes.existingUnitsBecomingComplete == 2 && changes.existingUnitsBecomingQualifying == 2)
        #expect(changes.plannedUnitsComplete == 4 && changes.plannedUnitsQualifying == 4)
        #expect(changes.unitsInClustersChange == 6)
        #expect(changes.clusters.count == 1)
        #expect(changes.clusters[0].kind == .new && changes.clusters[0].units == 6 && changes.clusters[0].id == 2)
        #expect(changes.buurten.count == 1 && changes.buurten[0].buurt == nil)
        #expect(changes.buurten[0].unitsComplete == 6 && changes.buurten[0].unitsInClusters == 6)
        let text = WhatIfText(changes: changes, planned: whatIf.planned, language: .en).render()
        #expect(text.contains("new cluster 2: 6 units") && text.contains("outside every buurt: +6, +6, +6"), "\(text)")
        // Checking the new homes' spot in the planned state: they are in cluster 2.
        let r = try LocationChecker(prepared: whatIf.planned).check(Location(x: o.x + 2010, y: o.y, label: "nieuw"))
        #expect(r.complete && r.cluster.joins == [2] as [Int])
    }

    @Test func aGrowingClusterIsReportedAsGrown() throws {
        // 4 homes 10 m from a (cluster 1, 10 units): cluster 1 grows to 14 units.
        let o = HandComputedTests.o
        let base = PreparedAnalysis(result: try HandComputedTests.analyse())
        var plan = Plan()
        plan.buildings.append(id: "nieuw", x: o.x, y: o.y + 10, units: 4, nultredenAllowed: true)
        let changes = try WhatIfChanges(WhatIf(base: base, plan: plan))
        #expect(changes.clusters.count == 1 && changes.clusters[0].kind == .grown && changes.clusters[0].units == 14)
        #expect(changes.clusters[0].before.map(\.units) == [10] as [Int])
        #expect(changes.buurten.map(\.unitsInClusters) == [4] as [Int])
    }

    @Test func planFilesAreReadAndExplained() throws {
        let folder = TestFolders.url("cirkel-plan")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = folder.appendingPathComponent("plan.geojson")
        try Fixture.collection([
            #"{"type":"Feature","properties":{"type":"Huisarts","name":"Nieuw"},"geometry":{"type":"Point","coordinates":[150000,450000]}}"#,
            #"{"type":"Feature","properties":{"units":12},"geometry":{"type":"Polygon","coordinates":[[[150010,450010],[150030,450010],[150030,450030],[150010,450030],[150010,450010]]]}}"#,
        ]).write(to: good, atomically: true, encoding: .utf8)
        let plan = try Plan.read(path: good.path)
        #expect(plan.voorzieningen.types == ["huisarts"] as [String] && plan.buildings.units == [12] as [Int32])
        #expect(plan.buildings.xs == [150_020] as [Double] && plan.buildings.ids == ["plan-1"] as [String])
        for (feature, reason) in [(#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[150000,450000]}}"#, "needs a \"type\""),
                                  (#"{"type":"Feature","properties":{"type":"huisarts","units":3},"geometry":{"type":"Point","coordinates":[150000,450000]}}"#, "not both"),
                                  (#"{"type":"Feature","properties":{"units":0},"geometry":{"type":"Point","coordinates":[150000,450000]}}"#, "whole number ≥ 1")] {
            let bad = folder.appendingPathComponent("bad.geojson")
            try Fixture.collection([feature]).write(to: bad, atomically: true, encoding: .utf8)
            do {
                _ = try Plan.read(path: bad.path)
                Issue.record("expected: \(reason)")
            } catch {
                #expect("\(error)".contains("bad.geojson: feature 0:") && "\(error)".contains(reason), "\(error)")
            }
        }
    }
}
