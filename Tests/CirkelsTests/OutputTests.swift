import TestSupport
import Foundation
import Testing
@testable import Cirkels
@testable import Geo

/// The output paths written for speed, each against the plain way of computing the same thing.
@Suite struct OutputTests {
    static let result: AnalysisResult = {
        var town = RandomTown.fixture(seed: 31, buildings: 900)
        town.voorzieningen.removeAll { $0.type == "apotheek" } // so d_apotheek is infinite, written empty
        let folder = try! town.write()
        return try! Analysis.run(folder: folder, options: AnalysisOptions(vlekkenkaart: false))
    }()

    /// buildings.csv built cell by cell through `CSVTable`, as the readable reference.
    static func referenceBuildingsTable(_ result: AnalysisResult) -> [UInt8] {
        let b = result.data.buildings, reach = result.reach
        var table = CSVTable(columns: BuildingsTable.columns(result.profile))
        for i in 0..<b.count {
            let buurt = result.coverage.buurtOfBuilding[i]
            var row: [OutputValue] = [
                .string(b.ids[i]), .fixed(b.xs[i], decimals: 2), .fixed(b.ys[i], decimals: 2), .integer(Int(b.units[i])),
                buurt >= 0 ? .string(result.data.buurten.codes[buurt]) : .missing,
            ]
            for c in result.profile.criteria.indices { row.append(.fixedOrMissing(reach.distances[c][i], decimals: 2)) }
            row += [.trimmed(reach.scores[i], decimals: 6), .bool(reach.complete[i]), .bool(reach.qualifying[i]),
                    .integer(result.clusters.clusterOfBuilding[i]), .string(result.profile.name)]
            table.appendRow(row)
        }
        return table.bytes
    }

    @Test func buildingsTableInChunksEqualsTheCellByCellTable() throws {
        let r = Self.result
        let reference = Self.referenceBuildingsTable(r)
        #expect(r.reach.distances.joined().contains { !$0.isFinite }, "the town should have infinite distances to write as empty")
        #expect(r.coverage.buurtOfBuilding.contains(-1))
        for (rows, workers) in [(7, 2), (1000, 1), (BuildingsTable.rowsPerChunk, 2)] {
            let text = BuildingsTable.text(r, rowsPerChunk: rows)
            #expect(try text.bytes(parallelism: Parallelism(workers: workers)) == reference, "\(rows) rows a chunk")
        }
    }

    @Test func coverageDistanceSummariesEqualSummarisingEachBuurtOnItsOwn() throws {
        let r = Self.result
        let buurten = r.data.buurten
        let members = CoverageBuilder.members(of: buurten.count, buurtOf: r.coverage.buurtOfBuilding)
        let radii = DistanceSummary.radii(for: r.profile)
        #expect(radii.first == 250 && radii.last == 800 && radii.contains(500))
        for (k, area) in r.coverage.areas.enumerated() {
            let own = k < buurten.count ? members[k] : Array(0..<r.data.buildings.count)
            for c in r.profile.criteria.indices {
                let plain = plainDistanceSummary(distances: r.reach.distances[c], units: r.data.buildings.units, members: own, radii: radii)
                #expect(area.distances[c] == plain, "\(area.code) \(c)")
            }
        }
    }

    @Test func writtenFilesEqualTheirTextsInMemory() throws {
        let r = Self.result
        let out = TestFolders.url("cirkel-output")
        defer { try? FileManager.default.removeItem(at: out) }
        try AnalysisWriter(crs: .wgs84, parallelism: Parallelism(workers: 2)).write(r, to: out.path)
        let written = try [UInt8](Data(contentsOf: out.appendingPathComponent(OutputFiles.buildings)))
        #expect(written == Self.referenceBuildingsTable(r))
        // The clusters layer, projected a chunk at a time, equals the whole outline column
        // projected at once and written in one document.
        var outlines = r.clusterOutlines
        try outlines.withMutableCoordinates { xs, ys in try Projection(from: .rdNew, to: .wgs84).transform(xs: &xs, ys: &ys) }
        let provenance: [(String, JSONDocument)] = [("cirkel", .object([("profile", ProfileLoader.document(for: r.profile))]))]
        let whole = GeoJSONWriter(crs: .wgs84).document(outlines, members: provenance) { k in
            let c = r.clusters.clusters[k]
            return [("id", .integer(c.id)), ("units", .integer(c.units)), ("buildings", .integer(c.members.count)),
                    ("extent_m", .fixed(c.extent, decimals: 2)),
                    ("centroid_x", .fixed(c.centroidX, decimals: 2)), ("centroid_y", .fixed(c.centroidY, decimals: 2))]
        }
        let clusters = try [UInt8](Data(contentsOf: out.appendingPathComponent(OutputFiles.clusters)))
        // (Compared as one Bool so a failure does not print megabytes of bytes.)
        let sameFile = clusters == whole
        #expect(sameFile, "clusters.geojson differs from the layer written whole")
        #expect(r.clusters.clusters.count > 100)
        let chunked = try MapLayers(result: r, crs: .wgs84).clusters(perChunk: 7).bytes(parallelism: Parallelism(workers: 2)) == whole
        #expect(chunked, "the layer in chunks of 7 differs from the layer written whole")
        // The layer parses, has one feature per cluster and lies in the Netherlands (WGS84).
        let table = try GeoJSONReader(properties: ["id"]).parse(Data(clusters), source: "clusters.geojson")
        #expect(table.count == r.clusters.clusters.count && table.count > 3)
        #expect(table.geometries.xs.allSatisfy { (3.0...7.5).contains($0) } && table.geometries.ys.allSatisfy { (50.5...54.0).contains($0) })
    }

    @Test func coverageJSONInChunksEqualsTheWholeDocument() throws {
        let r = Self.result
        let whole = CoverageTable.document(r).serialized()
        for perChunk in [1, 3, 256] {
            #expect(try CoverageTable.text(r, areasPerChunk: perChunk).bytes(parallelism: Parallelism(workers: 2)) == whole)
        }
        #expect(try JSONSerialization.jsonObject(with: Data(whole)) is [String: Any])
    }
}
