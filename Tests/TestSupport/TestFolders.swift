import Foundation

/// Temporary folders and files for tests, all under one folder per test process that is
/// removed when the process exits, so a test run leaves nothing behind in /tmp even where a
/// test fails before its own cleanup.
public enum TestFolders {
    /// The per-process root, created (and registered for removal) on first use.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cirkel-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        rootPath = url.path
        atexit { if let path = rootPath { try? FileManager.default.removeItem(atPath: path) } }
        return url
    }()

    // Read by the exit handler, which cannot capture context.
    nonisolated(unsafe) private static var rootPath: String?

    /// A unique path under the root for a folder or file named after `prefix` (not created).
    public static func url(_ prefix: String, suffix: String = "") -> URL {
        root.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
    }
}
