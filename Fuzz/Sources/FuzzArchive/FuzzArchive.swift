@testable import Geo
import FuzzSupport

/// Binary archives (BinaryArchiveReader.swift, the container of `.cirkelindex`): the input,
/// with its file length, payload offsets and checksums set to match (`fixArchiveChecksums`,
/// else nearly every mutation would stop at a checksum), is opened, and every section is
/// read with its getter and as a column. Once the archive opened, its checksums match: only
/// a strings section may still be refused (its offsets are content), nothing else.

let source = "fuzz.cirkelindex"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArchive(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    fixArchiveChecksums(&bytes)
    let archive: BinaryArchiveReader
    do {
        archive = try BinaryArchiveReader(bytes: bytes, source: source, kind: "cirkel-index", supportedVersions: 0 ... UInt32.max,
                                          remedy: "make it again")
    } catch {
        expectGeoError(error, naming: source)
        return 0
    }
    func mustRead<T>(_ name: String, _ read: () throws -> T) -> T {
        do { return try read() } catch { finding("section \(name) with matching checksums is refused: \(error)") }
    }
    for section in archive.sections {
        let name = section.name
        guard let range = archive.payloadRange(of: name), range.upperBound <= bytes.count, range.count == section.length else {
            finding("section \(name) lies outside the file")
        }
        switch section.type {
        case .double:
            let values = mustRead(name) { try archive.doubles(name) }
            let column = mustRead(name) { try archive.column(name, as: Double.self) }
            guard values.count == section.count, column.count == values.count,
                  zip(column, values).allSatisfy({ $0.bitPattern == $1.bitPattern }) else { finding("section \(name) reads two ways") }
        case .int32:
            let values = mustRead(name) { try archive.int32s(name) }
            let column = mustRead(name) { try archive.column(name, as: Int32.self) }
            guard values.count == section.count, Array(column) == values else { finding("section \(name) reads two ways") }
        case .int64:
            let values = mustRead(name) { try archive.int64s(name) }
            let column = mustRead(name) { try archive.column(name, as: Int64.self) }
            guard values.count == section.count, Array(column) == values else { finding("section \(name) reads two ways") }
        case .byte:
            let values = mustRead(name) { try archive.bytes(name) }
            let column = mustRead(name) { try archive.column(name, as: UInt8.self) }
            guard values.count == section.count, Array(column) == values else { finding("section \(name) reads two ways") }
        case .string:
            do {
                let strings = try archive.strings(name)
                guard strings.count == section.count else { finding("section \(name) has \(strings.count) strings, not \(section.count)") }
            } catch {
                expectGeoError(error, naming: source)
            }
        }
        // Another type than the stored one is an error, never a reinterpretation.
        if section.type != .double, (try? archive.doubles(name)) != nil { finding("section \(name) read as doubles") }
        if section.type != .string, (try? archive.strings(name)) != nil { finding("section \(name) read as strings") }
    }
    do { try archive.checkIntegrity() } catch { finding("damage reported in an archive whose checksums match: \(error)") }
    return 0
}
