import Foundation
@testable import Geo

/// What every fuzz target shares: the input as a file for readers that only take a path,
/// and the checks that turn a wrong outcome into a crash libFuzzer records. A thrown error
/// of the reader's own type, naming the input, is a fine outcome; anything else is a finding.

/// Stops the process with `message` (libFuzzer saves the input as a crash).
public func finding(_ message: String) -> Never {
    fatalError("fuzz finding: \(message)")
}

/// A folder of this process's own, removed at exit; the readers that take a path read the
/// input from a file in it (one path per name, written over for every input).
public enum Scratch {
    nonisolated(unsafe) private static var created: String?

    public static var folder: String {
        if let created { return created }
        let base = ProcessInfo.processInfo.environment["CIRKEL_FUZZ_SCRATCH"] ?? NSTemporaryDirectory()
        let path = (base as NSString).appendingPathComponent("cirkel-fuzz-\(getpid())")
        try? FileManager.default.removeItem(atPath: path)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot create the scratch folder \(path): \(error)")
        }
        created = path
        atexit { if let folder = Scratch.created { try? FileManager.default.removeItem(atPath: folder) } }
        return path
    }

    /// Writes `bytes` to `name` in the scratch folder (replacing what was there) and returns
    /// its path. The file is replaced by renaming, so a reader still mapping the previous
    /// input could never see it change.
    @discardableResult
    public static func write(_ bytes: UnsafeRawBufferPointer, to name: String) -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        let temporary = path + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { fatalError("cannot write \(temporary)") }
        var written = 0
        while written < bytes.count {
            let n = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            guard n > 0 else { fatalError("cannot write \(temporary)") }
            written += n
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else { fatalError("cannot rename \(temporary)") }
        return path
    }

    @discardableResult
    public static func write(_ bytes: [UInt8], to name: String) -> String {
        bytes.withUnsafeBytes { write($0, to: name) }
    }

    public static func remove(_ name: String) {
        unlink((folder as NSString).appendingPathComponent(name))
    }
}

/// The file a `GeoError` names (nil for GEOS and PROJ failures, which name none).
public func fileNamed(by error: GeoError) -> String? {
    switch error {
    case let .io(path, _): return path
    case let .syntax(file, _, _, _), let .document(file, _), let .feature(file, _, _): return file
    case .geos, .proj: return nil
    }
}

/// A reader's error must be a `GeoError` naming `file` (or, with `allowGEOS`, a GEOS
/// failure, which names no file).
public func expectGeoError(_ error: Error, naming file: String, allowGEOS: Bool = false) {
    guard let error = error as? GeoError else { finding("untyped error \(type(of: error)): \(error)") }
    if case .geos = error, allowGEOS { return }
    guard let named = fileNamed(by: error), named.contains(file) else { finding("the error does not name \(file): \(error)") }
    guard !error.description.isEmpty else { finding("an empty error message") }
}

/// The structure of a geometry column is sound: the offset tables are monotone and end
/// where the next one does (checked by the column's own validating init), and each kind
/// has the shape it promises (a Point is one coordinate; rings of polygons are closed with at
/// least four; lines have at least two), with finite coordinates when `finite`.
public func checkColumn(_ g: GeometryColumn, finite: Bool, closedRings: Bool = true, source: String) {
    do {
        _ = try GeometryColumn(kinds: g.kinds.map(\.rawValue), xs: g.xs, ys: g.ys, partStart: g.partStart, ringStart: g.ringStart,
                               coordinateStart: g.coordinateStart, source: source)
    } catch {
        finding("a reader made an unsound geometry column: \(error)")
    }
    if finite, let k = g.xs.indices.first(where: { !g.xs[$0].isFinite || !g.ys[$0].isFinite }) {
        finding("coordinate \(k) is not finite: \(g.xs[k]), \(g.ys[k])")
    }
    for f in 0 ..< g.count {
        let parts = g.parts(of: f)
        guard !parts.isEmpty else { finding("feature \(f) has no parts") }
        for p in parts {
            let rings = g.rings(of: p)
            guard !rings.isEmpty else { finding("feature \(f) has a part without rings") }
            for r in rings {
                let n = g.coordinates(of: r).count
                switch g.kinds[f] {
                case .point, .multiPoint:
                    guard n == 1, rings.count == 1 else { finding("point feature \(f) has \(n) coordinates in \(rings.count) rings") }
                case .lineString, .multiLineString:
                    guard n >= 2, rings.count == 1 else { finding("line feature \(f) has a line of \(n) positions") }
                case .polygon, .multiPolygon:
                    let c = g.coordinates(of: r)
                    guard !closedRings || (n >= 4 && g.xs[c.lowerBound] == g.xs[c.upperBound - 1] && g.ys[c.lowerBound] == g.ys[c.upperBound - 1]) else {
                        finding("polygon feature \(f) has a ring of \(n) positions that is not closed")
                    }
                }
            }
        }
        if g.kinds[f] == .point || g.kinds[f] == .lineString || g.kinds[f] == .polygon, parts.count != 1 {
            finding("single \(g.kinds[f]) feature \(f) has \(parts.count) parts")
        }
    }
}

/// A table's columns have one value per feature.
public func checkTable(_ table: FeatureTable, finite: Bool = true, closedRings: Bool = true) {
    checkColumn(table.geometries, finite: finite, closedRings: closedRings, source: table.source)
    guard table.featureIDs.count == table.count else { finding("\(table.featureIDs.count) feature ids for \(table.count) features") }
    for (name, values) in table.properties where values.count != table.count {
        finding("property \(name) has \(values.count) values for \(table.count) features")
    }
}

/// Sets what a mutated archive would otherwise fail first (the file length, the payload
/// offsets and their zero padding, every chunk checksum and the header checksum) to what
/// the file holds, so that the fuzzer reaches the checks behind them. Best effort: stops
/// where the table no longer parses, and leaves a file without the archive magic alone.
public func fixArchiveChecksums(_ bytes: inout [UInt8]) {
    let magic = BinaryArchiveFormat.magic
    guard bytes.count >= BinaryArchiveFormat.fixedHeaderLength + 12, Array(bytes[0 ..< magic.count]) == magic else { return }
    func u32(_ at: Int) -> Int { bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self))) } }
    func u64(_ at: Int) -> UInt64 { bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) } }
    func put(_ value: UInt64, at: Int) { withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(at ..< at + 8, with: $0) } }
    func checksum(_ range: Range<Int>) -> UInt64 { bytes.withUnsafeBytes { BinaryArchiveFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[range])) } }
    put(UInt64(bytes.count), at: 16)
    let headerLength = u32(12)
    guard headerLength >= BinaryArchiveFormat.fixedHeaderLength + 12, headerLength <= bytes.count - 8 else { return }
    defer { put(checksum(0 ..< headerLength), at: headerLength) }
    var offset = BinaryArchiveFormat.fixedHeaderLength
    func skipString() -> Bool {
        guard headerLength - offset >= 4 else { return false }
        let length = u32(offset)
        guard headerLength - offset - 4 >= length else { return false }
        offset += 4 + length
        return true
    }
    guard skipString(), headerLength - offset >= 8 else { return }
    let sectionCount = u32(offset + 4)
    offset += 8
    var end = headerLength + 8
    for _ in 0 ..< sectionCount {
        guard skipString(), headerLength - offset >= 28 else { return }
        let length = u64(offset + 20)
        let start = BinaryArchiveFormat.aligned(end)
        guard start <= bytes.count, length <= UInt64(bytes.count - start) else { return }
        put(UInt64(start), at: offset + 12)
        for k in end ..< start { bytes[k] = 0 }
        offset += 28
        let payload = start ..< start + Int(length)
        for chunk in 0 ..< BinaryArchiveFormat.chunkCount(payloadLength: payload.count) {
            guard headerLength - offset >= 8 else { return }
            let from = payload.lowerBound + chunk * BinaryArchiveFormat.chunkLength
            put(checksum(from ..< min(payload.upperBound, from + BinaryArchiveFormat.chunkLength)), at: offset)
            offset += 8
        }
        end = payload.upperBound
    }
}
