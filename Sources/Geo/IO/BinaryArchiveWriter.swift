/// Builds a binary archive of named, typed arrays (layout: `BinaryArchiveFormat`), to be read
/// back with `BinaryArchiveReader`.
///
///     var writer = BinaryArchiveWriter(kind: "cirkel-index", version: 3)
///     writer.add("buildings.x", doubles: xs)
///     writer.add("buildings.ids", strings: ids)
///     try staged.write("index.cirkel", writer.encoded())
///
/// `add` only keeps the array (copy-on-write: no bytes are copied); `encoded()` lays every
/// section out into one buffer of exactly the archive's size. Sections keep the order they
/// were added in, and the same sections give the same bytes on every machine.
public struct BinaryArchiveWriter: Sendable {
    /// The arrays as given, encoded only by `encoded()`.
    private enum Payload: Sendable {
        case doubles([Double])
        case int32s([Int32])
        case int64s([Int64])
        case bytes([UInt8])
        case strings([String])

        var type: BinaryArchiveElementType {
            switch self {
            case .doubles: return .double
            case .int32s: return .int32
            case .int64s: return .int64
            case .bytes: return .byte
            case .strings: return .string
            }
        }

        var count: Int {
            switch self {
            case let .doubles(values): return values.count
            case let .int32s(values): return values.count
            case let .int64s(values): return values.count
            case let .bytes(values): return values.count
            case let .strings(values): return values.count
            }
        }

        /// The payload's size in the archive.
        var byteLength: Int {
            guard case let .strings(values) = self else { return count * type.width! }
            // count + 1 offsets, then the UTF-8 blob (`utf8.count` is O(1) for native strings).
            return (values.count + 1) * 8 + values.reduce(0) { $0 + $1.utf8.count }
        }
    }

    private let kind: String
    private let version: UInt32
    private var sections: [(name: String, payload: Payload)] = []
    private var names: Set<String> = []

    /// `kind` names what the archive holds (e.g. "cirkel-index"); `version` is the content version.
    public init(kind: String, version: UInt32) {
        self.kind = kind
        self.version = version
    }

    public mutating func add(_ name: String, doubles: [Double]) { add(name, .doubles(doubles)) }
    public mutating func add(_ name: String, int32s: [Int32]) { add(name, .int32s(int32s)) }
    public mutating func add(_ name: String, int64s: [Int64]) { add(name, .int64s(int64s)) }
    public mutating func add(_ name: String, bytes: [UInt8]) { add(name, .bytes(bytes)) }
    public mutating func add(_ name: String, strings: [String]) { add(name, .strings(strings)) }

    private mutating func add(_ name: String, _ payload: Payload) {
        precondition(names.insert(name).inserted, "the archive already has a section \"\(name)\"")
        sections.append((name, payload))
    }

    /// The whole archive.
    public func encoded() -> [UInt8] {
        // Lay everything out first, so one buffer of the exact size is allocated and filled once.
        let kindBytes = Array(kind.utf8)
        let nameBytes = sections.map { Array($0.name.utf8) }
        var headerLength = BinaryArchiveFormat.fixedHeaderLength + 4 + kindBytes.count + 4 + 4
        let lengths = sections.map(\.payload.byteLength)
        for (name, length) in zip(nameBytes, lengths) {
            headerLength += name.count + BinaryArchiveFormat.tableEntryFixedLength + 8 * BinaryArchiveFormat.chunkCount(payloadLength: length)
        }
        precondition(headerLength <= Int(UInt32.max), "the section table is too large")
        var offsets: [Int] = []
        var end = headerLength + 8
        for length in lengths {
            let start = BinaryArchiveFormat.aligned(end)
            offsets.append(start)
            end = start + length
        }
        let fileLength = end

        return [UInt8](unsafeUninitializedCapacity: fileLength) { buffer, initialized in
            var out = RawWriter(bytes: UnsafeMutableRawBufferPointer(buffer))
            out.put(BinaryArchiveFormat.magic)
            out.put(BinaryArchiveFormat.layoutVersion)
            out.put(UInt32(headerLength))
            out.put(UInt64(fileLength))
            out.put(UInt32(kindBytes.count))
            out.put(kindBytes)
            out.put(version)
            out.put(UInt32(sections.count))
            var checksumFields: [Int] = []
            for (k, section) in sections.enumerated() {
                out.put(UInt32(nameBytes[k].count))
                out.put(nameBytes[k])
                out.put(section.payload.type.rawValue)
                out.put(UInt64(section.payload.count))
                out.put(UInt64(offsets[k]))
                out.put(UInt64(lengths[k]))
                checksumFields.append(out.offset)
                for _ in 0 ..< BinaryArchiveFormat.chunkCount(payloadLength: lengths[k]) {
                    out.put(0 as UInt64) // filled in once the payload is written
                }
            }
            precondition(out.offset == headerLength)
            out.put(0 as UInt64) // the header checksum, filled in last

            for (k, section) in sections.enumerated() {
                out.zeroPad(to: offsets[k])
                write(section.payload, to: &out)
                let payload = UnsafeRawBufferPointer(rebasing: out.bytes[offsets[k] ..< out.offset])
                for (c, checksum) in BinaryArchiveFormat.chunkChecksums(payload).enumerated() {
                    out.bytes.storeBytes(of: checksum.littleEndian, toByteOffset: checksumFields[k] + 8 * c, as: UInt64.self)
                }
            }
            precondition(out.offset == fileLength)
            let header = UnsafeRawBufferPointer(rebasing: out.bytes[0 ..< headerLength])
            out.bytes.storeBytes(of: BinaryArchiveFormat.checksum(header).littleEndian, toByteOffset: headerLength, as: UInt64.self)
            initialized = fileLength
        }
    }

    private func write(_ payload: Payload, to out: inout RawWriter) {
        switch payload {
        case let .doubles(values): values.withUnsafeBytes { out.putNumbers($0, width: 8) }
        case let .int32s(values): values.withUnsafeBytes { out.putNumbers($0, width: 4) }
        case let .int64s(values): values.withUnsafeBytes { out.putNumbers($0, width: 8) }
        case let .bytes(values): values.withUnsafeBytes { out.putNumbers($0, width: 1) }
        case let .strings(values):
            var offset: Int64 = 0
            out.put(UInt64(bitPattern: offset))
            for value in values {
                offset += Int64(value.utf8.count)
                out.put(UInt64(bitPattern: offset))
            }
            for value in values {
                var value = value // withUTF8 is mutating (it may make the string contiguous)
                value.withUTF8 { out.put(UnsafeRawBufferPointer($0)) }
            }
        }
    }
}

/// Writes little-endian numbers and raw bytes at a moving offset into memory that has room
/// for them (the writer sized it exactly; overruns trap).
private struct RawWriter {
    let bytes: UnsafeMutableRawBufferPointer
    private(set) var offset = 0

    init(bytes: UnsafeMutableRawBufferPointer) { self.bytes = bytes }

    mutating func put(_ value: UInt32) {
        precondition(offset + 4 <= bytes.count)
        bytes.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
        offset += 4
    }

    mutating func put(_ value: UInt64) {
        precondition(offset + 8 <= bytes.count)
        bytes.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt64.self)
        offset += 8
    }

    mutating func put(_ raw: UnsafeRawBufferPointer) {
        guard raw.count > 0 else { return }
        precondition(offset + raw.count <= bytes.count)
        UnsafeMutableRawBufferPointer(rebasing: bytes[offset ..< offset + raw.count]).copyMemory(from: raw)
        offset += raw.count
    }

    mutating func put(_ array: [UInt8]) {
        array.withUnsafeBytes { put($0) }
    }

    /// Copies numbers of `width` bytes in one block, in the host's byte order, then makes
    /// them little-endian where the host is not.
    mutating func putNumbers(_ raw: UnsafeRawBufferPointer, width: Int) {
        #if _endian(big)
        let start = offset
        put(raw)
        reverseByteOrder(UnsafeMutableRawBufferPointer(rebasing: bytes[start ..< offset]), width: width)
        #else
        put(raw) // the host's order is the archive's
        #endif
    }

    /// Writes zeros up to `target` (the alignment gap before a payload).
    mutating func zeroPad(to target: Int) {
        precondition(target >= offset && target <= bytes.count)
        UnsafeMutableRawBufferPointer(rebasing: bytes[offset ..< target]).initializeMemory(as: UInt8.self, repeating: 0)
        offset = target
    }
}
