import TestSupport
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
        let url = TestFolders.url("cirkel", suffix: ".cirkelindex")
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
        let path = try Self.file(try PreparedIndex.encode(original))
        let loaded = try PreparedIndex.load(path: path)
        let (a0, b0) = (try original.state(), try loaded.state())
        #expect(loaded.profile == original.profile)
        #expect(loaded.projection == (try ProjectionDefinition.current()) && original.projection == nil)
        #expect(b0.data.buildings.ids == a0.data.buildings.ids && b0.data.buildings.xs == a0.data.buildings.xs)
        #expect(b0.data.buildings.units == a0.data.buildings.units && b0.data.buildings.nultredenAllowed == a0.data.buildings.nultredenAllowed)
        #expect(loaded.voorzieningen.types == original.voorzieningen.types && loaded.voorzieningen.names == original.voorzieningen.names)
        #expect(loaded.buurten.codes == original.buurten.codes && loaded.buurten.geometries.xs == original.buurten.geometries.xs)
        #expect(b0.complete == a0.complete && b0.qualifying == a0.qualifying)
        #expect(b0.clusters.clusterOfBuilding == a0.clusters.clusterOfBuilding)
        #expect(b0.clusters.clusters.map(\.members) == a0.clusters.clusters.map(\.members) && b0.clusters.componentUnits == a0.clusters.componentUnits)
        #expect(b0.clusters.clusters.map(\.units) == a0.clusters.clusters.map(\.units) && b0.clusters.clusters.map(\.extent) == a0.clusters.clusters.map(\.extent))
        #expect(b0.clusters.clusters.map(\.centroidX) == a0.clusters.clusters.map(\.centroidX) && b0.clusters.clusters.map(\.centroidY) == a0.clusters.clusters.map(\.centroidY))
        // The columns a check reads in place hold what the analysis computed.
        #expect(loaded.clusterOfBuilding.array == a0.clusters.clusterOfBuilding.map { Int32($0) })
        #expect(loaded.componentOfBuilding.array == a0.clusters.componentOfBuilding)
        #expect(loaded.componentUnits.array == a0.clusters.componentUnits.map { Int64($0) })
        #expect(loaded.clusterUnits.array == a0.clusters.clusters.map { Int64($0.units) })
        var rng = SplitMix64(seed: 5)
        let a = LocationChecker(prepared: original), b = LocationChecker(prepared: loaded)
        for _ in 0..<200 {
            let location = Location(x: 140_000 + Double.random(in: -200..<3200, using: &rng), y: 460_000 + Double.random(in: -200..<3200, using: &rng), label: "p")
            let (ra, rb) = (try a.check(location, units: 3), try b.check(location, units: 3))
            #expect(ra.findings.map(\.distance) == rb.findings.map(\.distance) && ra.findings.map(\.nearest) == rb.findings.map(\.nearest))
            #expect(ra.buurt == rb.buurt && ra.cluster.joins == rb.cluster.joins && ra.cluster.resultingUnits == rb.cluster.resultingUnits)
            #expect(ra.cluster.nearest?.id == rb.cluster.nearest?.id && ra.cluster.nearest?.distance == rb.cluster.nearest?.distance)
        }
        try loaded.checkIntegrity()
        // Loaded without building ids (as `check` does): the same answers, and a plan's
        // buildings can still be added.
        let withoutIDs = try PreparedIndex.load(path: path, buildingIDs: false)
        #expect(try withoutIDs.state().data.buildings.ids.isEmpty && withoutIDs.buildingCount == a0.data.buildings.count)
        let c = LocationChecker(prepared: withoutIDs)
        let spot = Location(x: 141_500, y: 461_500, label: "p")
        #expect(try c.check(spot).findings.map(\.distance) == (try a.check(spot)).findings.map(\.distance))
        var plan = Plan()
        plan.buildings.append(id: "n", x: 141_500, y: 461_500, units: 4, nultredenAllowed: true)
        #expect(try WhatIf(base: withoutIDs, plan: plan).plannedState.data.buildings.count == a0.data.buildings.count + 1)
        // Encoding is deterministic.
        #expect(try PreparedIndex.encode(original) == PreparedIndex.encode(loaded))
    }

    @Test func anotherProfileIsComputedFromTheStoredData() throws {
        let original = try Self.prepared()
        let path = try Self.file(try PreparedIndex.encode(original))
        let other = try PreparedIndex.load(path: path, profile: BuiltInProfiles.nieuwegeinZorgcirkel)
        let direct = try Analysis.run(data: try original.state().data, options: AnalysisOptions(profile: BuiltInProfiles.nieuwegeinZorgcirkel, vlekkenkaart: false))
        #expect(other.profile == BuiltInProfiles.nieuwegeinZorgcirkel)
        #expect(other.projection == (try ProjectionDefinition.current()))
        #expect(try other.state().qualifying == direct.reach.qualifying && other.state().clusters.clusterOfBuilding == direct.clusters.clusterOfBuilding)
    }

    @Test func aDamagedChunkReadByACheckIsReportedBeforeTheAnswer() throws {
        // Damage one byte in each of the columns a check reads in place, in the chunk a check
        // at some building's location must read. The load succeeds (it reads only sizes); the
        // checks run without crashing; checkIntegrity then names the section.
        let original = try Self.prepared()
        let bytes = try PreparedIndex.encode(original)
        let reader = try BinaryArchiveReader(bytes: bytes, source: "x", kind: PreparedIndex.kind,
                                             supportedVersions: PreparedIndex.formatVersion...PreparedIndex.formatVersion, remedy: "")
        let state = try original.state()
        let clustered = try #require(state.clusters.clusterOfBuilding.firstIndex { $0 > 0 })
        let spot = Location(x: state.data.buildings.xs[clustered], y: state.data.buildings.ys[clustered], label: "p")
        for name in ["check.cluster", "check.clusterUnits", "check.clustered.x", "check.clustered.original", "check.clustered.members",
                     "check.qualifying.x", "check.qualifying.cellStart", "check.qualifying.order", "check.qualifying.members", "check.componentUnits"] {
            let payload = try #require(reader.payloadRange(of: name))
            #expect(payload.count < 65536)
            var damaged = bytes
            damaged[payload.lowerBound] ^= 0x10 // the first chunk; every section here is under 64 KiB
            let loaded = try PreparedIndex.load(path: try Self.file(damaged))
            for units in [1, 50] { _ = try LocationChecker(prepared: loaded).check(spot, units: units) }
            let message = "\(Self.integrityError(loaded))"
            #expect(message.contains("section \"\(name)\" is corrupt"), "\(name): \(message)")
        }
        // Undamaged: the same check passes.
        let intact = try PreparedIndex.load(path: try Self.file(bytes))
        _ = try LocationChecker(prepared: intact).check(spot, units: 50)
        try intact.checkIntegrity()
    }

    static func integrityError(_ prepared: PreparedAnalysis) -> Error? {
        do { try prepared.checkIntegrity(); return nil } catch { return error }
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
        let bytes = try PreparedIndex.encode(try Self.prepared(seed: 42))
        for length in [0, 7, 64, bytes.count / 3, bytes.count - 1] {
            let message = Self.loadError(try Self.file(Array(bytes.prefix(length))))
            #expect(!message.isEmpty)
        }
        // Flip one byte at a few places across the payload: loading the whole state fails,
        // or (for a byte the answer does not depend on) succeeds unchanged — never a
        // different answer.
        let original = try PreparedIndex.load(path: try Self.file(bytes)).state()
        for position in stride(from: bytes.count / 2, to: bytes.count, by: bytes.count / 7) {
            var damaged = bytes
            damaged[position] ^= 0x40
            do {
                let loaded = try PreparedIndex.load(path: try Self.file(damaged))
                let state = try loaded.state()
                try loaded.checkIntegrity()
                #expect(state.data.buildings.xs == original.data.buildings.xs && state.qualifying == original.qualifying)
            } catch {
                #expect("\(error)".contains("corrupt") || "\(error)".contains("damaged"), "\(error)")
            }
        }
    }
}
