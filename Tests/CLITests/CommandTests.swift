import TestSupport
import Foundation
import Testing

/// The `cirkel` command as a user runs it: exit codes, messages, files.
struct CommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `cirkel` beside the test bundle (the same build folder), else .build/debug.
    static var executable: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cirkel")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return repository.appendingPathComponent(".build/debug/cirkel")
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func cirkel(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repository
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFolder() -> URL {
        TestFolders.url("cirkel-cli")
    }

    @Test func analyseTheDemo() throws {
        let out = Self.temporaryFolder()
        let run = try Self.cirkel(["analyse", "--out", out.path, "--threads", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("profile woonzorgcirkel") && run.stdout.contains("seconds"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["buildings.csv", "buurten.geojson", "clusters.csv", "clusters.geojson", "coverage.csv", "coverage.json",
                          "profile.json", "sensitivity.csv", "vlekkenkaart.geojson"] as [String])
        // The header of buildings.csv is the SPEC's schema.
        let header = try String(contentsOf: out.appendingPathComponent("buildings.csv"), encoding: .utf8).split(separator: "\n")[0]
        #expect(header == "id,x,y,units,buurt,d_ontmoeting,d_zorg,d_ov,d_apotheek,d_supermarkt,score,complete,qualifying,cluster,profile")
        // Every table records the profile it was made with.
        for table in ["coverage.csv", "sensitivity.csv", "clusters.csv"] {
            let lines = try String(contentsOf: out.appendingPathComponent(table), encoding: .utf8).split(separator: "\n")
            #expect(lines[0].hasSuffix(",profile") && lines[1].hasSuffix(",woonzorgcirkel"), "\(table)")
        }
    }

    @Test func badInputExitsNonZeroAndLeavesOutputAlone() throws {
        let data = Self.temporaryFolder(), out = Self.temporaryFolder()
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for name in ["voorzieningen.geojson", "ov_haltes.geojson"] {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("data/geojson/\(name)"), to: data.appendingPathComponent(name))
        }
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"units":-2},"geometry":{"type":"Point","coordinates":[5.1,52.1]}}]}"#
            .write(to: data.appendingPathComponent("buildings.geojson"), atomically: true, encoding: .utf8)
        try Data("earlier result".utf8).write(to: out.appendingPathComponent("coverage.csv"))
        let run = try Self.cirkel(["analyse", data.path, "--out", out.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("cirkel: error: ") && run.stderr.contains("buildings.geojson: feature 0: \"units\" must be a whole number"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["coverage.csv"])
        #expect(try Data(contentsOf: out.appendingPathComponent("coverage.csv")) == Data("earlier result".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path).filter { $0.contains("cirkel-staging") && $0.contains(out.lastPathComponent) }
        #expect(leftovers.isEmpty)
    }

    @Test func unknownProfileAndBadOptions() throws {
        let run = try Self.cirkel(["analyse", "--out", Self.temporaryFolder().path, "--profile", "geen-profiel"])
        #expect(run.status == 1 && run.stderr.contains("geen-profiel") && run.stderr.contains("woonzorgcirkel"))
        let crs = try Self.cirkel(["analyse", "--out", Self.temporaryFolder().path, "--crs", "utm"])
        #expect(crs.status != 0 && crs.stderr.contains("--crs"))
        let missingOut = try Self.cirkel(["analyse"])
        #expect(missingOut.status != 0 && missingOut.stderr.contains("--out"))
    }

    @Test func helpExplainsEveryOptionWithExamples() throws {
        let run = try Self.cirkel(["analyse", "--help"])
        #expect(run.status == 0)
        for option in ["--out", "--profile", "--crs", "--threads", "--no-vlekkenkaart", "Example"] {
            #expect(run.stdout.contains(option), "help lacks \(option)")
        }
        #expect(try Self.cirkel(["--help"]).stdout.contains("cirkel analyse data/geojson --out out/demo"))
    }

    @Test func profilesListsAndPrints() throws {
        let list = try Self.cirkel(["profiles"])
        #expect(list.stdout.contains("woonzorgcirkel (default)") && list.stdout.contains("nieuwegein-zorgcirkel") && list.stdout.contains("cbs-geclusterd"))
        let printed = try Self.cirkel(["profiles", "cbs-geclusterd"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
        #expect((json["cluster"] as? [String: Any])?["min_units"] as? Int == 12)
    }

    /// Progress goes to stderr: nothing when stderr is not a terminal (as here), and with
    /// --json-progress one begin and one end line per stage, in the order of the summary's
    /// stages, whose counts never pass their totals.
    @Test func progressIsSilentInPipesAndJSONForScripts() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let plain = try Self.cirkel(["score", "data/geojson", "--out", out.path])
        #expect(plain.status == 0 && plain.stderr.isEmpty, "\(plain.stderr)")
        let json = try Self.cirkel(["score", "data/geojson", "--out", out.path, "--json-progress", "--threads", "2"])
        #expect(json.status == 0, "\(json.stderr)")
        let events = try json.stderr.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let stages = try #require(json.stdout.split(separator: "\n").first { $0.contains("seconds ") })
            .split(separator: ";")[0].split(separator: ",").map { $0.split(separator: " ").dropLast().last.map(String.init) ?? "" }
        #expect(stages.first == "parse" && stages.last == "write")
        let begins = events.filter { $0["event"] as? String == "begin" }.map { $0["stage"] as? String ?? "" }
        let ends = events.filter { $0["event"] as? String == "end" }.map { $0["stage"] as? String ?? "" }
        #expect(begins == stages && ends == stages)
        for event in events {
            if let total = event["total"] as? Int { #expect((event["done"] as? Int ?? -1) <= total) }
        }
        // Reading ends having counted every byte of the file it read last.
        let parsed = try #require(events.first { $0["event"] as? String == "end" && $0["stage"] as? String == "parse" })
        let file = try #require(parsed["detail"] as? String)
        let size = try FileManager.default.attributesOfItem(atPath: "\(Self.repository.path)/data/geojson/\(file)")[.size] as? Int
        #expect(parsed["unit"] as? String == "bytes" && parsed["total"] as? Int == size && parsed["done"] as? Int == size)
        let quiet = try Self.cirkel(["score", "data/geojson", "--out", out.path, "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
    }

    /// --out into a folder with somebody's files: refused before any work, nothing written
    /// there; with --force the results go beside them. A later run without the vlekkenkaart
    /// removes the earlier run's vlekkenkaart.geojson instead of leaving it to mislead.
    @Test func aFolderWithOtherFilesNeedsForceAndStaleResultsGo() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let refused = try Self.cirkel(["analyse", "--out", out.path])
        #expect(refused.status == 1 && refused.stderr.contains("notes.txt") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["notes.txt"])
        let forced = try Self.cirkel(["analyse", "--out", out.path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("vlekkenkaart.geojson").path))
        try FileManager.default.removeItem(at: out.appendingPathComponent("notes.txt"))
        let again = try Self.cirkel(["analyse", "--out", out.path, "--no-vlekkenkaart"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("vlekkenkaart.geojson").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("coverage.csv").path))
    }
}
