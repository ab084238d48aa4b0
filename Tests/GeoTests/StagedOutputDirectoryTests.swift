import Foundation
import Testing
@testable import Geo

/// Every file under `folder` (relative path → bytes), folders included with empty contents.
private func snapshot(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let fm = FileManager.default
    guard let enumerator = fm.enumerator(atPath: folder.path) else { return result }
    while let relative = enumerator.nextObject() as? String {
        let path = folder.appendingPathComponent(relative).path
        var isDirectory: ObjCBool = false
        _ = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        result[relative + (isDirectory.boolValue ? "/" : "")] = isDirectory.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: path))
    }
    return result
}

private func names(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

@Suite struct StagedOutputDirectoryTests {
    @Test func filesAppearOnlyAfterCommit() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("uitvoer")
        let staged = try StagedOutputDirectory(target: target)
        try staged.write("a.csv", Array("id\n1\n".utf8))
        try staged.write("b.geojson", [0x7B, 0x7D])
        #expect(!FileManager.default.fileExists(atPath: target.path))
        // The staging folder is a hidden sibling of the target.
        let hidden = try names(parent)
        #expect(hidden.count == 1 && hidden[0].hasPrefix(".uitvoer."))
        try staged.commit()
        #expect(try names(parent) == ["uitvoer"])
        #expect(try snapshot(target) == ["a.csv": Data("id\n1\n".utf8), "b.geojson": Data([0x7B, 0x7D])])
    }

    @Test func anUncommittedRunLeavesAnExistingTargetUntouched() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("out")
        let fm = FileManager.default
        try fm.createDirectory(at: target.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("old a".utf8).write(to: target.appendingPathComponent("a.csv"))
        try Data([0, 1, 2, 255]).write(to: target.appendingPathComponent("sub/keep.bin"))
        let before = try snapshot(target)
        do {
            let staged = try StagedOutputDirectory(target: target)
            try staged.write("a.csv", Array("new a".utf8))
            try staged.write("c.csv", Array("new c".utf8))
            #expect(try names(parent).count == 2) // target and staging
            // Released without commit (a failed run).
        }
        #expect(try snapshot(target) == before)
        #expect(try names(parent) == ["out"])
    }

    @Test func commitReplacesSameNamedFilesAndKeepsOthers() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("old a".utf8).write(to: target.appendingPathComponent("a.csv"))
        try Data("other".utf8).write(to: target.appendingPathComponent("other.txt"))
        let staged = try StagedOutputDirectory(target: target)
        try staged.write("a.csv", Array("new a".utf8))
        try staged.commit()
        #expect(try snapshot(target) == ["a.csv": Data("new a".utf8), "other.txt": Data("other".utf8)])
        #expect(try names(parent) == ["out"])
    }

    @Test func aTargetThatIsAFileIsAnError() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let file = parent.appendingPathComponent("out")
        try Data("x".utf8).write(to: file)
        let error = geoError { _ = try StagedOutputDirectory(target: file) }
        #expect(error == .io(path: file.path, reason: "exists and is not a folder"))
        #expect(try Data(contentsOf: file) == Data("x".utf8))
        #expect(try names(parent) == ["out"])
        // A target below a file cannot be created either.
        guard case .io? = geoError({ _ = try StagedOutputDirectory(target: file.appendingPathComponent("inner")) }) else {
            Issue.record("a target below a file was accepted")
            return
        }
    }

    @Test func aTargetGivenWithATrailingSlashOrDots() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = URL(fileURLWithPath: parent.path + "/x/../out/", isDirectory: true)
        let staged = try StagedOutputDirectory(target: target)
        try staged.write("f.txt", [0x41])
        try staged.commit()
        #expect(try snapshot(parent.appendingPathComponent("out")) == ["f.txt": Data([0x41])])
        #expect(try names(parent) == ["out"])
    }

    /// A folder with a file the command does not write is refused before anything is
    /// written, unless forced; then that file stays and only the run's own files change.
    @Test func aFolderWithOtherFilesIsRefusedUnlessForced() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("uitvoer")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: target.appendingPathComponent("notities.txt"))
        let own: Set<String> = ["a.csv", "b.csv"]
        #expect(throws: GeoError.self) { try StagedOutputDirectory(target: target, ownNames: own, force: false) }
        do {
            _ = try StagedOutputDirectory(target: target, ownNames: own, force: false)
        } catch let error as GeoError {
            #expect(error.description.contains("notities.txt") && error.description.contains("--force"))
        }
        #expect(try names(parent) == ["uitvoer"], "no staging folder left behind")
        let staged = try StagedOutputDirectory(target: target, ownNames: own, force: true)
        try staged.write("a.csv", Array("1\n".utf8))
        try staged.commit()
        #expect(try names(target) == ["a.csv", "notities.txt"])
        // The command's own files alone are no reason to refuse.
        #expect(throws: Never.self) { try StagedOutputDirectory.checkTarget(target.appendingPathComponent("nieuw"), ownNames: own, force: false) }
        try FileManager.default.removeItem(at: target.appendingPathComponent("notities.txt"))
        #expect(throws: Never.self) { try StagedOutputDirectory.checkTarget(target, ownNames: own, force: false) }
    }

    /// A run's own files that an earlier run left and this one did not write are removed,
    /// so the folder never mixes the results of two runs.
    @Test func ownFilesOfAnEarlierRunThatThisRunDidNotWriteAreRemoved() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("uitvoer")
        let own: Set<String> = ["a.csv", "b.csv"]
        let first = try StagedOutputDirectory(target: target, ownNames: own, force: false)
        try first.write("a.csv", Array("1\n".utf8))
        try first.write("b.csv", Array("2\n".utf8))
        try first.commit()
        let second = try StagedOutputDirectory(target: target, ownNames: own, force: false)
        try second.write("a.csv", Array("3\n".utf8))
        try second.commit()
        #expect(try names(target) == ["a.csv"])
        #expect(try String(contentsOf: target.appendingPathComponent("a.csv"), encoding: .utf8) == "3\n")
    }
}
