import Foundation
import Testing
@testable import Cirkels

/// `cirkel index` files: a round trip gives the same answers; a foreign, truncated, corrupt or
/// old-version file gives a clear error, never a wrong answer or a crash.
struct PreparedIndexTests {
    static func prepared(seed: UInt64 = 41) throws -> PreparedAnalysis {
        let folder = try RandomTown.fixture(seed: seed, buildings: 600).write()
        return PreparedAnalysis(result: try Analysis.run(folder: folder, options: AnalysisOptions(vlekkenkaart: false)))
    }

    static func file(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cirkel-\(UUID().uuidString).cirkelindex")
        try Data(bytes).write(to: url)
        return url.path
    }

    static func loadError(_ path: String) -> String {
        do {
            _ = try PreparedIndex.load(path: path)
            Issue.record("expected an error for \(path)")
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func roundTripGivesTheSameAnswers() throws {
        let original = try Self.prepared()
        let path = try Self.file(PreparedIndex.encode(original))
        let loaded = try PreparedIndex.load(path: path)
        #expect(loaded.profile == original.profile)
        #expect(loaded.data.buildings.ids == original.data.buildings.ids && loaded.data.buildings.xs == original.data.buildings.xs)
        #expect(loaded.data.buildings.units == original.data.buildings.units && loaded.data.buildings.nultredenAllowed == original.data.buildings.nultredenAllowed)
        #expect(loaded.data.voorzieningen.types == original.data.voorzieningen.types && loaded.data.voorzieningen.names == original.data.voorzieningen.names)
        #expect(loaded.data.buurten.codes == original.data.buurten.codes && loaded.data.buurten.geometries.xs == original.data.buurten.geometries.xs)
        #expect(loaded.complete == original.complete && loaded.qualifying == original.qualifying)
        #expect(loaded.clusters.clusterOfBuilding == original.clusters.clusterOfBuilding)
        var rng = SplitMix64(seed: 5)
        let a = LocationChecker(prepared: original), b = LocationChecker(prepared: loaded)
        for _ in 0..<200 {
            let location = Location(x: 140_000 + Double.random(in: -200..<3200, using: &rng), y: 460_000 + Double.random(in: -200..<3200, using: &rng), label: "p")
            let (ra, rb) = (try a.check(location, units: 3), try b.check(location, units: 3))
            #expect(ra.findings.map(\.distance) == rb.findings.map(\.distance) && ra.findings.map(\.nearest) == rb.findings.map(\.nearest))
            #expect(ra.buurt == rb.buurt && ra.cluster.joins == rb.cluster.joins && ra.cluster.resultingUnits == rb.cluster.resultingUnits)
            #expect(ra.cluster.nearest?.id == rb.cluster.nearest?.id && ra.cluster.nearest?.distance == rb.cluster.nearest?.distance)
        }
        // Loaded without building ids (as `check` does): the same answers, and a plan's
        // buildings can still be added.
        let withoutIDs = try PreparedIndex.load(path: path, buildingIDs: false)
        #expect(withoutIDs.data.buildings.ids.isEmpty && withoutIDs.data.buildings.count == original.data.buildings.count)
        let c = LocationChecker(prepared: withoutIDs)
        let spot = Location(x: 141_500, y: 461_500, label: "p")
        #expect(try c.check(spot).findings.map(\.distance) == (try a.check(spot)).findings.map(\.distance))
        var plan = Plan()
        plan.buildings.append(id: "n", x: 141_500, y: 461_500, units: 4, nultredenAllowed: true)
        #expect(WhatIf(base: withoutIDs, plan: plan).planned.data.buildings.count == original.data.buildings.count + 1)
        // Encoding is deterministic.
        #expect(PreparedIndex.encode(original) == PreparedIndex.encode(loaded))
    }

    @Test func anotherProfileIsComputedFromTheStoredData() throws {
        let original = try Self.prepared()
        let path = try Self.file(PreparedIndex.encode(original))
        let other = try PreparedIndex.load(path: path, profile: BuiltInProfiles.nieuwegeinZorgcirkel)
        let direct = try Analysis.run(data: original.data, options: AnalysisOptions(profile: BuiltInProfiles.nieuwegeinZorgcirkel, vlekkenkaart: false))
        #expect(other.profile == BuiltInProfiles.nieuwegeinZorgcirkel)
        #expect(other.qualifying == direct.reach.qualifying && other.clusters.clusterOfBuilding == direct.clusters.clusterOfBuilding)
    }

    @Test func foreignFilesAreRefused() throws {
        #expect(Self.loadError(try Self.file(Array(#"{"type":"FeatureCollection","features":[]}"#.utf8))).contains("not a cirkel archive"))
        var other = BinaryArchiveWriter(kind: "something-else", version: 1)
        other.add("x", doubles: [1])
        #expect(Self.loadError(try Self.file(other.encoded())).contains("cirkel-index"))
        #expect(Self.loadError("/nonexistent/index").contains("/nonexistent/index"))
    }

    @Test func anOldVersionSaysWhatToDo() throws {
        var old = BinaryArchiveWriter(kind: PreparedIndex.kind, version: PreparedIndex.formatVersion - 1)
        old.add("profile", bytes: [])
        let message = Self.loadError(try Self.file(old.encoded()))
        #expect(message.contains("version \(PreparedIndex.formatVersion - 1)") && message.contains("cirkel index"), "\(message)")
    }

    @Test func truncatedOrCorruptIndexesAreRefused() throws {
        let bytes = PreparedIndex.encode(try Self.prepared(seed: 42))
        for length in [0, 7, 64, bytes.count / 3, bytes.count - 1] {
            let message = Self.loadError(try Self.file(Array(bytes.prefix(length))))
            #expect(!message.isEmpty)
        }
        // Flip one byte at a few places across the payload: the load fails, or (for a byte
        // the answer does not depend on) succeeds unchanged — never a different answer.
        let original = try PreparedIndex.load(path: try Self.file(bytes))
        for position in stride(from: bytes.count / 2, to: bytes.count, by: bytes.count / 7) {
            var damaged = bytes
            damaged[position] ^= 0x40
            do {
                let loaded = try PreparedIndex.load(path: try Self.file(damaged))
                #expect(loaded.data.buildings.xs == original.data.buildings.xs && loaded.qualifying == original.qualifying)
            } catch {
                #expect("\(error)".contains("corrupt") || "\(error)".contains("damaged"), "\(error)")
            }
        }
    }
}
