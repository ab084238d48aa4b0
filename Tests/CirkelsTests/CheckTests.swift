import TestSupport
import Foundation
import Testing
@testable import Cirkels

/// `cirkel check` on the hand-computed data set of `HandComputedTests` (O = (100000, 400000):
/// a zorgcentrum "De Linde" and a halte at O, a supermarkt "Super" at O + 1000 m, no apotheek;
/// qualifying buildings a (10 units, cluster 1) at O and d (3 units, no cluster) at O + 500).
struct CheckTests {
    static let o = HandComputedTests.o

    static func prepared() throws -> PreparedAnalysis {
        PreparedAnalysis(result: try HandComputedTests.analyse())
    }

    @Test func everyLineOfTheReport() throws {
        let prepared = try Self.prepared()
        let checker = LocationChecker(prepared: prepared)
        let r = try checker.check(Location(x: Self.o.x + 100, y: Self.o.y, label: "p"))
        #expect(r.findings.map(\.distance) == [100, 100, 100, .infinity, 900] as [Double])
        #expect(r.findings.map(\.level) == [.ideal, .ideal, .ideal, .none, .none] as [Level])
        #expect(r.score == 3 && r.maximumScore == 5 && r.complete)
        #expect(r.missing.isEmpty && r.absentOptional.map(\.criterion.name) == ["apotheek", "supermarkt"] as [String])
        #expect(prepared.buurten.codes[try #require(r.buurt)] == "BU1")
        #expect(r.signature == Signature([.ideal, .ideal, .ideal, .none, .none]))
        // Nearest cluster: cluster 1 (a, 10 units) at O, 100 m away; no qualifying home within
        // 25 m, so one home alone stays 1 unit.
        let c = r.cluster
        #expect(c.nearest?.id == 1 && c.nearest?.units == 10 && c.nearest?.distance == 100)
        #expect(c.homesQualify && c.joins.isEmpty && c.resultingUnits == 1 && !c.formsCluster)
        let text = LocationReportText(prepared: prepared, language: .en)
        let rendered = text.render(r)
        #expect(rendered.contains("ontmoeting  ideal    De Linde (zorgcentrum), 100 m"), "\(rendered)")
        #expect(rendered.contains("apotheek    none     no apotheek within 500 m; none in the data at all  [optional]"), "\(rendered)")
        #expect(rendered.contains("supermarkt  none     no supermarkt within 500 m; nearest: Super (supermarkt), 900 m  [optional]"), "\(rendered)")
        #expect(rendered.contains("score       3 of 5"))
        #expect(rendered.contains("buurt BU1 Een"))
        #expect(rendered.contains("nearest: cluster 1 (10 units), 100 m away"))
        #expect(rendered.contains("1 home here would not form a cluster: with qualifying neighbours within 25 m they make 1 unit, fewer than 5"))
    }

    @Test func whatIsMissingIsSaidInWords() throws {
        let prepared = try Self.prepared()
        let r = try LocationChecker(prepared: prepared).check(Location(x: Self.o.x + 700, y: Self.o.y, label: "p"))
        // 700 m from O: ontmoeting, zorg and ov are missing; the supermarkt is 300 m away.
        #expect(!r.complete && r.missing.map(\.criterion.name) == ["ontmoeting", "zorg", "ov"] as [String])
        #expect(r.score == 1)
        let text = LocationReportText(prepared: prepared, language: .en)
        #expect(text.missingPhrase(r.missing[0]) == "no ontmoetingsruimte or zorgcentrum within 500 m; nearest: De Linde (zorgcentrum), 700 m")
        #expect(text.missingPhrase(r.missing[2]) == "no ov_halte within 500 m; nearest: halte (ov_halte), 700 m")
        let dutch = LocationReportText(prepared: prepared, language: .nl)
        #expect(dutch.missingPhrase(r.missing[1]) == "geen huisarts of zorgcentrum binnen 500 m; dichtstbij: De Linde (zorgcentrum), 700 m")
        #expect(!r.cluster.homesQualify && r.cluster.nearest?.id == 1)
        #expect(r.buurt == nil)
    }

    @Test func homesJoinOrFormClusters() throws {
        let checker = LocationChecker(prepared: try Self.prepared())
        // 10 m from a (cluster 1, 10 units): one home joins it, making 11.
        let join = try checker.check(Location(x: Self.o.x + 10, y: Self.o.y, label: "p")).cluster
        #expect(join.joins == [1] as [Int] && join.resultingUnits == 11 && join.formsCluster)
        // 10 m from d (3 qualifying units, no cluster): 1 home makes 4 (< 5), 2 homes make 5.
        let one = try checker.check(Location(x: Self.o.x + 490, y: Self.o.y, label: "p"), units: 1).cluster
        #expect(one.joins.isEmpty && one.resultingUnits == 4 && !one.formsCluster)
        let two = try checker.check(Location(x: Self.o.x + 490, y: Self.o.y, label: "p"), units: 2).cluster
        #expect(two.joins.isEmpty && two.resultingUnits == 5 && two.formsCluster)
        // Alone, 5 homes form a cluster of their own.
        #expect(try checker.check(Location(x: Self.o.x + 200, y: Self.o.y + 100, label: "p"), units: 5).cluster.formsCluster)
    }

    @Test func checkEqualsTheAnalyseRowOfEveryBuilding() throws {
        let folder = try RandomTown.fixture(seed: 21, buildings: 800).write()
        let result = try Analysis.run(folder: folder, options: AnalysisOptions(vlekkenkaart: false))
        let checker = LocationChecker(prepared: PreparedAnalysis(result: result))
        let b = result.data.buildings
        for i in 0..<b.count {
            let r = try checker.check(Location(x: b.xs[i], y: b.ys[i], label: b.ids[i]), units: max(1, Int(b.units[i])))
            for c in result.profile.criteria.indices { #expect(r.findings[c].distance == result.reach.distances[c][i]) }
            #expect(r.score == result.reach.scores[i] && r.complete == result.reach.complete[i])
            #expect((r.buurt ?? -1) == result.coverage.buurtOfBuilding[i])
            // A qualifying building checked at its own spot links to its own component: a
            // clustered one "joins" its own cluster.
            if result.clusters.clusterOfBuilding[i] > 0 && result.reach.qualifying[i] {
                #expect(r.cluster.joins.contains(result.clusters.clusterOfBuilding[i]))
            }
        }
    }

    @Test func locationsAreParsedAndChecked() throws {
        let rd = try Location.parse(" 155000 , 463000 ", rd: true)
        #expect(rd.x == 155_000 && rd.y == 463_000)
        let wgs = try Location.parse("5.38720621,52.15517440", rd: false)
        #expect(abs(wgs.x - 155_000) < 0.5 && abs(wgs.y - 463_000) < 0.5)
        #expect(throws: CirkelError.self) { try Location.parse("52.155,5.387", rd: false) } // swapped
        #expect(throws: CirkelError.self) { try Location.parse("5.3", rd: false) }
        do { _ = try Location.parse("52.155,5.387", rd: false) } catch {
            #expect("\(error)".contains("latitude, longitude"))
        }
    }

    @Test func locationsFromCSVAndGeoJSON() throws {
        let folder = TestFolders.url("cirkel-locations")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("plots.csv")
        try "name,x,y\nKerk,155000,463000\nKantoor,155100.5,463000\n".write(to: csv, atomically: true, encoding: .utf8)
        let fromCSV = try LocationsFile.read(path: csv.path)
        #expect(fromCSV.map(\.label) == ["Kerk", "Kantoor"] as [String] && fromCSV[1].x == 155_100.5)
        let bad = folder.appendingPathComponent("bad.csv")
        try "lon,lat\n5.38,52.15\n52.15,5.38\n".write(to: bad, atomically: true, encoding: .utf8)
        do {
            _ = try LocationsFile.read(path: bad.path)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("bad.csv: feature 1: row 3:"), "\(error)")
        }
        let geojson = folder.appendingPathComponent("plots.geojson")
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Kerk"},"geometry":{"type":"Point","coordinates":[5.38720621,52.15517440]}}]}"#
            .write(to: geojson, atomically: true, encoding: .utf8)
        let fromGeoJSON = try LocationsFile.read(path: geojson.path)
        #expect(fromGeoJSON.count == 1 && fromGeoJSON[0].label == "Kerk" && abs(fromGeoJSON[0].x - 155_000) < 0.5)
    }
}
