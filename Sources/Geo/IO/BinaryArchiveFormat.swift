/// The layout of a cirkel binary archive: a versioned container of named, typed arrays
/// (`BinaryArchiveWriter` makes one, `BinaryArchiveReader` opens one).
///
/// Every number is little-endian, whatever the machine, so an archive is the same bytes
/// everywhere. Offsets count bytes from the start of the file.
///
///     offset   size  field
///     0        8     magic: 0x89 "CIRKEL" 0x1A (as in PNG: 0x89 is neither ASCII nor a
///                    valid first byte of UTF-8, so no text file starts this way)
///     8        4     layout version (UInt32), `BinaryArchiveFormat.layoutVersion`: how the
///                    container itself is laid out; the first 12 bytes never change
///     12       4     header length H (UInt32): bytes 0 ..< H are the header and section table
///     16       8     file length (UInt64): the whole archive, so truncation is seen at open
///     24       4     kind length K (UInt32), then K bytes of UTF-8: what the archive holds,
///                    such as "cirkel-index"
///              4     content version (UInt32): the version of what the archive holds
///              4     section count N (UInt32)
///                    N section table entries, in the order the sections were added:
///                      4   name length L (UInt32), then L bytes of UTF-8
///                      4   element type tag (UInt32, `BinaryArchiveElementType`)
///                      8   element count (UInt64)
///                      8   payload offset (UInt64), a multiple of 8
///                      8   payload length in bytes (UInt64)
///                      8×C payload checksums (UInt64 each), one per chunk: the payload
///                          cut into chunks of `chunkLength` (64 KiB) bytes, the last
///                          one shorter; C = ⌈length / 64 KiB⌉ (none for an empty payload)
///     H        8     header checksum (UInt64) of bytes 0 ..< H
///     H + 8          the payloads in table order; each starts at the next multiple of 8,
///                    the bytes skipped to get there are zero; the file ends where the
///                    last payload ends
///
/// A payload of numbers is the numbers back to back (8 bytes per Double and Int64, 4 per
/// Int32, 1 per byte). A payload of n strings is n + 1 Int64 offsets into a UTF-8 blob, which
/// follows them: string i is blob bytes offsets[i] ..< offsets[i + 1], offsets[0] is 0 and
/// offsets[n] is the blob's length.
///
/// Every byte is checked: the header checksum and the zero padding at open, a payload chunk's
/// checksum when that chunk is first read. Chunks let a reader answer a query from a few
/// pages of a mapped, multi-gigabyte archive while still checking every byte it uses.
enum BinaryArchiveFormat {
    /// The first 8 bytes of every archive.
    static let magic: [UInt8] = [0x89, 0x43, 0x49, 0x52, 0x4B, 0x45, 0x4C, 0x1A]
    /// The container layout this code writes and reads.
    /// (1: one checksum per payload; 2: one per 64 KiB chunk.)
    static let layoutVersion: UInt32 = 2
    /// Magic, layout version, header length and file length: the part of the header read
    /// before anything else.
    static let fixedHeaderLength = 24
    /// Payloads start at multiples of this, so a mapped file could be read in place.
    static let payloadAlignment = 8
    /// Bytes of one table entry besides its name and chunk checksums.
    static let tableEntryFixedLength = 4 + 4 + 8 + 8 + 8
    /// Payloads are checksummed in chunks of 2^chunkShift bytes (a multiple of every element
    /// width, so no number straddles two chunks).
    static let chunkShift = 16
    static let chunkLength = 1 << chunkShift

    /// The number of chunk checksums of a payload of `payloadLength` bytes.
    static func chunkCount(payloadLength: Int) -> Int {
        (payloadLength + chunkLength - 1) >> chunkShift
    }

    /// The checksum of every chunk of `payload`.
    static func chunkChecksums(_ payload: UnsafeRawBufferPointer) -> [UInt64] {
        (0 ..< chunkCount(payloadLength: payload.count)).map { k in
            let start = k << chunkShift
            return checksum(UnsafeRawBufferPointer(rebasing: payload[start ..< min(payload.count, start + chunkLength)]))
        }
    }

    /// The smallest multiple of `payloadAlignment` at or above `offset`.
    static func aligned(_ offset: Int) -> Int {
        (offset + payloadAlignment - 1) / payloadAlignment * payloadAlignment
    }

    /// The checksum of `bytes`: XXH64 with seed 0 (Yann Collet's xxHash, 64-bit variant), so
    /// any other xxHash implementation can check an archive.
    ///
    /// Not a cryptographic hash: the checksum guards against damage (a truncated copy, a flipped
    /// bit, a half-written file), not against someone forging an archive, and a cryptographic
    /// hash would cost several times the time of reading the data. XXH64 runs four independent
    /// multiply-rotate lanes over 8-byte words, so it keeps up with memory bandwidth, and every
    /// input bit affects every output bit.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87
        let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        let p3: UInt64 = 0x1656_67B1_9E37_79F9
        let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
        let p5: UInt64 = 0x27D4_EB2F_1656_67C5

        @inline(__always) func rotated(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
        @inline(__always) func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
            rotated(accumulator &+ input &* p2, 31) &* p1
        }
        @inline(__always) func merge(_ hash: UInt64, _ lane: UInt64) -> UInt64 {
            (hash ^ round(0, lane)) &* p1 &+ p4
        }
        @inline(__always) func word(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }

        let count = bytes.count
        var offset = 0
        var hash: UInt64
        if count >= 32 {
            var lane1 = p1 &+ p2, lane2 = p2, lane3: UInt64 = 0, lane4 = 0 &- p1
            while offset + 32 <= count {
                lane1 = round(lane1, word(offset))
                lane2 = round(lane2, word(offset + 8))
                lane3 = round(lane3, word(offset + 16))
                lane4 = round(lane4, word(offset + 24))
                offset += 32
            }
            hash = rotated(lane1, 1) &+ rotated(lane2, 7) &+ rotated(lane3, 12) &+ rotated(lane4, 18)
            hash = merge(hash, lane1)
            hash = merge(hash, lane2)
            hash = merge(hash, lane3)
            hash = merge(hash, lane4)
        } else {
            hash = p5
        }
        hash &+= UInt64(count)
        while offset + 8 <= count {
            hash = rotated(hash ^ round(0, word(offset)), 27) &* p1 &+ p4
            offset += 8
        }
        if offset + 4 <= count {
            let half = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            hash = rotated(hash ^ (half &* p1), 23) &* p2 &+ p3
            offset += 4
        }
        while offset < count {
            hash = rotated(hash ^ (UInt64(bytes[offset]) &* p5), 11) &* p1
            offset += 1
        }
        hash ^= hash >> 33
        hash &*= p2
        hash ^= hash >> 29
        hash &*= p3
        hash ^= hash >> 32
        return hash
    }
}

/// The element type of a section, as stored in its table entry.
enum BinaryArchiveElementType: UInt32, Sendable {
    case double = 1
    case int32 = 2
    case int64 = 3
    case byte = 4
    case string = 5

    /// Bytes per element of a numeric type (nil for strings, whose size varies).
    var width: Int? {
        switch self {
        case .double, .int64: return 8
        case .int32: return 4
        case .byte: return 1
        case .string: return nil
        }
    }

    /// The type's name in error messages, as the reader's getters call it.
    var name: String {
        switch self {
        case .double: return "doubles"
        case .int32: return "int32s"
        case .int64: return "int64s"
        case .byte: return "bytes"
        case .string: return "strings"
        }
    }
}

/// Reverses the byte order of each `width`-byte element of `bytes` in place: converts
/// numbers between little-endian (the archive) and big-endian (the host). Only called on
/// big-endian hosts (`#if _endian(big)`); x86_64 and arm64 Linux are little-endian.
func reverseByteOrder(_ bytes: UnsafeMutableRawBufferPointer, width: Int) {
    precondition(width > 0 && bytes.count % width == 0, "whole elements only")
    guard width > 1 else { return }
    var start = 0
    while start < bytes.count {
        var low = start, high = start + width - 1
        while low < high {
            bytes.swapAt(low, high)
            low += 1
            high -= 1
        }
        start += width
    }
}
