import Foundation

/// Writes a set of files so that the target folder receives all of them or none.
///
/// Files are written into a hidden staging folder beside the target (same file system, so
/// a rename is atomic); `commit()` creates the target if needed and renames each file into
/// it. A run that fails before `commit()` removes the staging folder and leaves the target
/// exactly as it was.
///
/// `ownNames` are the files a run of this kind may write. The target may not hold anything
/// else unless `force` (so a mistyped `--out` cannot mix results into somebody's folder), and
/// `commit()` removes own files an earlier run left that this run did not write (so the
/// folder never mixes two runs' results).
public final class StagedOutputDirectory {
    public let target: URL
    private let staging: URL
    private let ownNames: Set<String>
    private var written: [String] = []
    private var committed = false

    public init(target: URL, ownNames: Set<String> = [], force: Bool = true) throws {
        try Self.checkTarget(target, ownNames: ownNames, force: force)
        self.ownNames = ownNames
        self.target = target.standardizedFileURL
        let parent = self.target.deletingLastPathComponent()
        let name = ".\(self.target.lastPathComponent).cirkel-staging-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        staging = parent.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw GeoError.io(path: parent.path, reason: "cannot create a folder here (\(error.localizedDescription))")
        }
    }

    /// Refuses a target that is a file, or (unless `force`) a folder holding entries other
    /// than `ownNames`; a command checks this before its work as well as when it writes.
    public static func checkTarget(_ target: URL, ownNames: Set<String>, force: Bool) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: target.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw GeoError.io(path: target.path, reason: "exists and is not a folder") }
        guard !force else { return }
        let foreign = ((try? fm.contentsOfDirectory(atPath: target.path)) ?? []).filter { !ownNames.contains($0) }.sorted()
        guard foreign.isEmpty else {
            let listed = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? " and \(foreign.count - 3) more" : "")
            throw GeoError.io(path: target.path, reason: "holds files this command does not write (\(listed)); choose a new or empty folder, or pass --force to write beside them")
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(at: staging) }
    }

    /// Writes one file into the staging folder.
    public func write(_ name: String, _ bytes: [UInt8]) throws {
        try write(name) { file in try file.write(bytes) }
    }

    /// Writes one file made of chunks, formatting them on `parallelism`'s workers.
    public func write(_ name: String, _ text: ChunkedText, parallelism: Parallelism) throws {
        try write(name) { file in try text.write(to: file, parallelism: parallelism) }
    }

    /// Writes one file into the staging folder by handing `produce` the open file.
    public func write(_ name: String, _ produce: (OutputFile) throws -> Void) throws {
        precondition(!name.contains("/"), "file names only")
        let file = try OutputFile(path: staging.appendingPathComponent(name).path,
                                  reportedPath: target.appendingPathComponent(name).path)
        try produce(file)
        try file.close()
        written.append(name)
    }

    /// Writes one file into the staging folder by handing `produce` its path, for a library
    /// that writes a file itself (SQLite for a GeoPackage), and the path errors should name
    /// (the file's place in the target). The path is free when `produce` starts (a file
    /// staged earlier under the name is replaced); when `produce` throws, whatever it left
    /// there is removed and the name is not committed.
    public func write(_ name: String, atPath produce: (_ path: String, _ reportedPath: String) throws -> Void) throws {
        precondition(!name.contains("/"), "file names only")
        let path = staging.appendingPathComponent(name).path
        written.removeAll { $0 == name }
        try? FileManager.default.removeItem(atPath: path)
        do {
            try produce(path, target.appendingPathComponent(name).path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        written.append(name)
    }

    /// Moves every written file into the target folder.
    public func commit() throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
        } catch {
            throw GeoError.io(path: target.path, reason: "cannot create the output folder (\(error.localizedDescription))")
        }
        for name in written {
            let destination = target.appendingPathComponent(name)
            // rename(2) replaces an existing file atomically.
            if rename(staging.appendingPathComponent(name).path, destination.path) != 0 {
                throw GeoError.io(path: destination.path, reason: "cannot move the finished file into place: \(String(cString: strerror(errno)))")
            }
        }
        committed = true
        try? fm.removeItem(at: staging)
        for stale in ownNames.subtracting(written) {
            let path = target.appendingPathComponent(stale).path
            if fm.fileExists(atPath: path) {
                do {
                    try fm.removeItem(atPath: path)
                } catch {
                    throw GeoError.io(path: path, reason: "left by an earlier run and cannot be removed (\(error.localizedDescription))")
                }
            }
        }
    }
}
