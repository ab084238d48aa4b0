/// Reads a binary archive made by `BinaryArchiveWriter` (layout: `BinaryArchiveFormat`).
///
///     let archive = try BinaryArchiveReader(path: path, kind: "cirkel-index",
///                                           supportedVersions: 3...3, remedy: "make it again with `cirkel index`")
///     let names = try archive.strings("voorzieningen.name")   // a copy, every chunk checked
///     let xs: Column<Double> = try archive.column("buildings.x")  // in place, checked lazily
///     … answer from xs …
///     try archive.checkIntegrity()                           // before using the answer
///
/// Opening maps the file into memory and checks only the header and section table (their
/// checksum, the kind, the versions, that every section lies inside the file): it costs the
/// same for a kilobyte as for a gigabyte. The copying getters check every chunk of their
/// section and throw on damage. `column` gives a section in place, as a `Column` that checks
/// each 64 KiB chunk the first time it is read and reads a damaged chunk as zeros; the
/// damage is then reported by `checkIntegrity()`, which must be called before anything
/// computed from a column is used or shown. Each chunk is hashed at most once.
///
/// Every problem with the file is a `GeoError.document` naming it, except that it cannot be
/// read at all (`GeoError.io`). The file must not be changed in place while it is open (it is
/// mapped); `StagedOutputDirectory` and `cirkel index` replace files by renaming, which is safe.
public final class BinaryArchiveReader: Sendable {
    /// One entry of the section table, checked against the file at open.
    struct Section: Sendable {
        let name: String
        let type: BinaryArchiveElementType
        let count: Int
        /// Where the payload is in the file.
        let offset: Int
        let length: Int
        /// One per `BinaryArchiveFormat.chunkLength` bytes of payload.
        let checksums: [UInt64]
    }

    /// The content version the archive was made with (one of `supportedVersions`).
    public let version: UInt32
    /// The sections in table order (the order they were added).
    let sections: [Section]
    private let sectionIndex: [String: Int]
    /// One per section, in table order.
    private let verifiers: [ChunkVerifier]
    private let memory: ReadOnlyMemory
    private let source: String

    /// Opens and validates the header and section table (not the payload checksums).
    /// `kind` is what the archive must hold, `supportedVersions` the content versions this
    /// code reads, and `remedy` tells the user how to get a readable archive (e.g. "make it
    /// again with `cirkel index`"); it ends the message for an unsupported version.
    public convenience init(path: String, kind: String, supportedVersions: ClosedRange<UInt32>, remedy: String) throws {
        try self.init(memory: try ReadOnlyMemory(mapping: path), source: path, kind: kind, supportedVersions: supportedVersions, remedy: remedy)
    }

    /// Opens an archive held in memory (copied); `source` names it in errors.
    public convenience init(bytes: [UInt8], source: String, kind: String, supportedVersions: ClosedRange<UInt32>, remedy: String) throws {
        try self.init(memory: ReadOnlyMemory(copying: bytes), source: source, kind: kind, supportedVersions: supportedVersions, remedy: remedy)
    }

    private init(memory: ReadOnlyMemory, source: String, kind: String, supportedVersions: ClosedRange<UInt32>, remedy: String) throws {
        var reader = HeaderReader(bytes: memory.bytes, source: source)
        let header = try reader.read(kind: kind, supportedVersions: supportedVersions, remedy: remedy)
        self.memory = memory
        self.source = source
        version = header.version
        sections = header.sections
        sectionIndex = Dictionary(uniqueKeysWithValues: header.sections.enumerated().map { ($1.name, $0) })
        verifiers = header.sections.map { section in
            ChunkVerifier(sectionName: section.name,
                          payload: UnsafeRawBufferPointer(rebasing: memory.bytes[section.offset ..< section.offset + section.length]),
                          checksums: section.checksums)
        }
    }

    /// The names of the sections, in the order they were added.
    public var sectionNames: [String] { sections.map(\.name) }

    /// Where the payload of section `name` lies in the archive (byte offsets), or nil.
    public func payloadRange(of name: String) -> Range<Int>? {
        sectionIndex[name].map { sections[$0].offset ..< sections[$0].offset + sections[$0].length }
    }

    public func doubles(_ name: String) throws -> [Double] { try numbers(name, .double, as: Double.self) }
    public func int32s(_ name: String) throws -> [Int32] { try numbers(name, .int32, as: Int32.self) }
    public func int64s(_ name: String) throws -> [Int64] { try numbers(name, .int64, as: Int64.self) }
    public func bytes(_ name: String) throws -> [UInt8] { try numbers(name, .byte, as: UInt8.self) }

    public func strings(_ name: String) throws -> [String] {
        let (section, _) = try verifiedSection(name, .string)
        let payload = payload(of: section)
        // The open checked that the payload holds count + 1 offsets.
        let blob = UnsafeRawBufferPointer(rebasing: payload[((section.count + 1) * 8)...]).bindMemory(to: UInt8.self)
        func offset(_ i: Int) -> Int64 {
            Int64(littleEndian: payload.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))
        }
        guard offset(0) == 0, offset(section.count) == Int64(blob.count) else {
            throw damaged(section, "its string offsets do not span its text")
        }
        var strings: [String] = []
        strings.reserveCapacity(section.count)
        var start = 0
        for i in 0 ..< section.count {
            let end = offset(i + 1)
            guard end >= Int64(start), end <= Int64(blob.count) else {
                throw damaged(section, "the offsets of string \(i) are out of order")
            }
            // Each string is checked on its own: valid text can still be cut inside a character.
            guard let string = String(validating: UnsafeBufferPointer(rebasing: blob[start ..< Int(end)]), as: UTF8.self) else {
                throw damaged(section, "string \(i) is not valid UTF-8")
            }
            strings.append(string)
            start = Int(end)
        }
        return strings
    }

    /// A numeric section in place (no copy), checked chunk by chunk as it is read; see the
    /// type's documentation for `checkIntegrity()`. Copies on a big-endian host, where the
    /// stored order is not the host's.
    public func column<T: ColumnElement>(_ name: String, as _: T.Type = T.self) throws -> Column<T> {
        let type = Self.elementType(of: T.self)
        let section = try typedSection(name, type)
        #if _endian(big)
        return Column(try numbers(name, type, as: T.self))
        #else
        let start = payload(of: section).baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: T.self) }
        return Column(base: start, count: section.count, owner: memory, verifier: verifiers[sectionIndex[name]!])
        #endif
    }

    /// Throws the first damage found so far by the chunk checks of `column`s (a
    /// `GeoError.document` naming the section); returns when every chunk read was intact.
    public func checkIntegrity() throws {
        for (section, verifier) in zip(sections, verifiers) where verifier.firstDamage != nil {
            throw corrupt(section)
        }
    }

    private static func elementType<T>(of _: T.Type) -> BinaryArchiveElementType {
        switch T.self {
        case is Double.Type: return .double
        case is Int32.Type: return .int32
        case is Int64.Type: return .int64
        case is UInt8.Type: return .byte
        default: preconditionFailure("no archive element type for \(T.self)")
        }
    }

    private func payload(of section: Section) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: memory.bytes[section.offset ..< section.offset + section.length])
    }

    /// Copies a numeric section out in one block (`T` is the Swift type of `type`; being
    /// `BitwiseCopyable`, its values can be copied in as raw bytes).
    private func numbers<T: BitwiseCopyable>(_ name: String, _ type: BinaryArchiveElementType, as _: T.Type) throws -> [T] {
        precondition(MemoryLayout<T>.size == type.width!)
        let (section, _) = try verifiedSection(name, type)
        let source = payload(of: section)
        return [T](unsafeUninitializedCapacity: section.count) { buffer, initialized in
            if section.count > 0 {
                let target = UnsafeMutableRawBufferPointer(buffer)
                target.copyMemory(from: source)
                #if _endian(big)
                reverseByteOrder(target, width: MemoryLayout<T>.size)
                #endif
            }
            initialized = section.count
        }
    }

    /// The section called `name` after checking its type.
    private func typedSection(_ name: String, _ type: BinaryArchiveElementType) throws -> Section {
        guard let index = sectionIndex[name] else {
            throw GeoError.document(file: source, reason: "the archive has no section \"\(name)\"")
        }
        let section = sections[index]
        guard section.type == type else {
            throw GeoError.document(file: source, reason: "section \"\(name)\" holds \(section.type.name), not \(type.name)")
        }
        return section
    }

    /// The section called `name`, after checking its type and every chunk of its payload.
    private func verifiedSection(_ name: String, _ type: BinaryArchiveElementType) throws -> (Section, ChunkVerifier) {
        let section = try typedSection(name, type)
        let verifier = verifiers[sectionIndex[name]!]
        guard verifier.verifyAll() else { throw corrupt(section) }
        return (section, verifier)
    }

    private func corrupt(_ section: Section) -> GeoError {
        .document(file: source, reason: "section \"\(section.name)\" is corrupt (checksum mismatch)")
    }

    /// A section whose checksum matched but whose content is inconsistent (a writer bug or a
    /// forged file).
    private func damaged(_ section: Section, _ problem: String) -> GeoError {
        .document(file: source, reason: "section \"\(section.name)\" is corrupt: \(problem)")
    }
}

/// Reads and checks the header and section table of an archive, in an order that gives the
/// most telling message first: not an archive, truncated, another layout, damaged header,
/// another kind, another content version, then the table.
private struct HeaderReader {
    let bytes: UnsafeRawBufferPointer
    let source: String
    /// Where the next field starts.
    private var offset = 0
    /// Where the header ends (its length); fields past it are damage.
    private var limit = 0

    init(bytes: UnsafeRawBufferPointer, source: String) {
        self.bytes = bytes
        self.source = source
        limit = bytes.count
    }

    mutating func read(kind expectedKind: String, supportedVersions: ClosedRange<UInt32>, remedy: String) throws
        -> (version: UInt32, sections: [BinaryArchiveReader.Section])
    {
        let magic = BinaryArchiveFormat.magic
        guard !bytes.isEmpty else { throw error("the file is empty, not a cirkel archive") }
        guard zip(bytes, magic).allSatisfy({ $0 == $1 }) else { throw error("not a cirkel archive") }
        // Only a cut-off archive starts like one and ends before its first 12 bytes.
        guard bytes.count >= magic.count + 4 else { throw truncated(header: nil) }
        offset = magic.count
        let layout = try uint32()
        guard layout == BinaryArchiveFormat.layoutVersion else {
            throw error("the archive was made with archive layout \(layout); this cirkel reads layout \(BinaryArchiveFormat.layoutVersion): \(remedy)")
        }
        guard bytes.count >= BinaryArchiveFormat.fixedHeaderLength else { throw truncated(header: nil) }
        let headerLength = Int(try uint32())
        let fileLength = try uint64()
        guard UInt64(bytes.count) >= fileLength else { throw truncated(header: fileLength) }
        guard UInt64(bytes.count) == fileLength else {
            throw error("the archive is damaged: it has \(bytes.count) bytes, its header says \(fileLength)")
        }
        guard headerLength >= BinaryArchiveFormat.fixedHeaderLength + 12, headerLength <= bytes.count - 8 else {
            throw error("the archive is damaged: its header length \(headerLength) does not fit the file")
        }
        let storedChecksum = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: headerLength, as: UInt64.self))
        guard BinaryArchiveFormat.checksum(UnsafeRawBufferPointer(rebasing: bytes[0 ..< headerLength])) == storedChecksum else {
            throw error("the archive is damaged: its header is corrupt (checksum mismatch)")
        }

        limit = headerLength
        let kind = try string()
        guard kind == expectedKind else { throw error("the archive holds \"\(kind)\", expected \"\(expectedKind)\"") }
        let version = try uint32()
        guard supportedVersions.contains(version) else {
            let supported = supportedVersions.count == 1
                ? "version \(supportedVersions.lowerBound)"
                : "versions \(supportedVersions.lowerBound) to \(supportedVersions.upperBound)"
            throw error("the archive was made with format version \(version); this cirkel reads \(supported): \(remedy)")
        }
        let sectionCount = try uint32()
        var sections: [BinaryArchiveReader.Section] = []
        var names: Set<String> = []
        // The reader accepts exactly the layout the writer makes: payloads in table order,
        // each at the next multiple of 8, zero bytes between them, the file ending with the
        // last. So every byte of the file is checked by some checksum or by this open.
        var end = headerLength + 8
        for _ in 0 ..< sectionCount {
            let name = try string()
            guard names.insert(name).inserted else { throw error("the archive is damaged: section \"\(name)\" appears twice") }
            let tag = try uint32()
            guard let type = BinaryArchiveElementType(rawValue: tag) else {
                throw error("the archive is damaged: section \"\(name)\" has an unknown element type (\(tag))")
            }
            let count = try uint64(), start = try uint64(), length = try uint64()
            let expectedStart = BinaryArchiveFormat.aligned(end)
            guard start == UInt64(expectedStart) else {
                throw error("the archive is damaged: section \"\(name)\" starts at byte \(start), expected \(expectedStart)")
            }
            guard start <= fileLength, length <= fileLength - start else {
                throw error("the archive is damaged: section \"\(name)\" (\(length) bytes from byte \(start)) lies outside the file of \(fileLength) bytes")
            }
            guard Self.fits(count: count, type: type, length: length) else {
                throw error("the archive is damaged: section \"\(name)\" has \(length) bytes, which cannot hold \(count) \(type.name)")
            }
            guard UnsafeRawBufferPointer(rebasing: bytes[end ..< expectedStart]).allSatisfy({ $0 == 0 }) else {
                throw error("the archive is damaged: the padding before section \"\(name)\" is not zero")
            }
            // All three fit in Int: they are at most the file length (count ≤ length).
            var checksums: [UInt64] = []
            for _ in 0 ..< BinaryArchiveFormat.chunkCount(payloadLength: Int(length)) { checksums.append(try uint64()) }
            sections.append(.init(name: name, type: type, count: Int(count), offset: expectedStart, length: Int(length), checksums: checksums))
            end = expectedStart + Int(length)
        }
        guard offset == headerLength else {
            throw error("the archive is damaged: its section table ends at byte \(offset), its header says \(headerLength)")
        }
        guard end == bytes.count else {
            throw error("the archive is damaged: its sections end at byte \(end), the file at \(bytes.count)")
        }
        return (version, sections)
    }

    /// Whether `length` bytes are exactly `count` numbers of `type`, or for strings
    /// `count + 1` offsets and a blob.
    private static func fits(count: UInt64, type: BinaryArchiveElementType, length: UInt64) -> Bool {
        if let width = type.width {
            let (bytes, overflow) = count.multipliedReportingOverflow(by: UInt64(width))
            return !overflow && bytes == length
        }
        return count < length / 8 // that is, (count + 1) * 8 ≤ length, without overflow
    }

    private mutating func uint32() throws -> UInt32 {
        guard limit - offset >= 4 else { throw tableEnds() }
        defer { offset += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    private mutating func uint64() throws -> UInt64 {
        guard limit - offset >= 8 else { throw tableEnds() }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// A length-prefixed UTF-8 string.
    private mutating func string() throws -> String {
        let length = Int(try uint32())
        guard limit - offset >= length else { throw tableEnds() }
        defer { offset += length }
        let utf8 = UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + length]).bindMemory(to: UInt8.self)
        guard let string = String(validating: utf8, as: UTF8.self) else {
            throw error("the archive is damaged: a name in its header is not valid UTF-8")
        }
        return string
    }

    private func tableEnds() -> GeoError {
        error("the archive is damaged: its section table ends inside a field")
    }

    private func truncated(header fileLength: UInt64?) -> GeoError {
        guard let fileLength else { return error("the archive is truncated: it has only \(bytes.count) bytes") }
        return error("the archive is truncated: it has \(bytes.count) bytes, its header says \(fileLength)")
    }

    private func error(_ reason: String) -> GeoError {
        .document(file: source, reason: reason)
    }
}
