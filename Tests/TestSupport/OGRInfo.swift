import Foundation
import Testing

/// Runs GDAL's ogrinfo (from gdal-bin, which scripts/setup.sh installs) with `arguments`,
/// its output files kept in `folder`; nil, with a recorded issue, when it is not installed.
public func ogrinfo(_ arguments: [String], in folder: URL) throws -> (output: String, errors: String, status: Int32)? {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { "\($0)/ogrinfo" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let path else {
        Issue.record("ogrinfo (GDAL) is not on PATH: run scripts/setup.sh, which installs gdal-bin")
        return nil
    }
    let outputFile = folder.appendingPathComponent("ogrinfo.out"), errorFile = folder.appendingPathComponent("ogrinfo.err")
    FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    process.waitUntilExit()
    return (try String(contentsOf: outputFile, encoding: .utf8), try String(contentsOf: errorFile, encoding: .utf8), process.terminationStatus)
}

