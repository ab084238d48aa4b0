import Foundation
import Testing
@testable import Geo

private let source = "test.cirkel"
private let remedy = "make it again with `cirkel index`"

private func open(_ bytes: [UInt8], kind: String = "cirkel-test", versions: ClosedRange<UInt32> = 3...3) throws -> BinaryArchiveReader {
    try BinaryArchiveReader(bytes: bytes, source: source, kind: kind, supportedVersions: versions, remedy: remedy)
}

/// The `GeoError.document` reason for `test.cirkel`, as the reader should phrase it.
private func problem(_ reason: String) -> GeoError {
    .document(file: source, reason: reason)
}

/// A section's values in a form that compares exactly (doubles by bit pattern).
private enum Values: Equatable {
    case doubles([UInt64])
    case int32s([Int32])
    case int64s([Int64])
    case bytes([UInt8])
    case strings([String])

    static func of(_ doubles: [Double]) -> Values { .doubles(doubles.map(\.bitPattern)) }

    func add(to writer: inout BinaryArchiveWriter, as name: String) {
        switch self {
        case let .doubles(bits): writer.add(name, doubles: bits.map(Double.init(bitPattern:)))
        case let .int32s(values): writer.add(name, int32s: values)
        case let .int64s(values): writer.add(name, int64s: values)
        case let .bytes(values): writer.add(name, bytes: values)
        case let .strings(values): writer.add(name, strings: values)
        }
    }

    /// Reads `name` back with the getter of this case's type.
    func read(_ name: String, from reader: BinaryArchiveReader) throws -> Values {
        switch self {
        case .doubles: return .of(try reader.doubles(name))
        case .int32s: return .int32s(try reader.int32s(name))
        case .int64s: return .int64s(try reader.int64s(name))
        case .bytes: return .bytes(try reader.bytes(name))
        case .strings: return .strings(try reader.strings(name))
        }
    }
}

/// Every element type, with the awkward values and the empty cases.
private let sample: [(name: String, values: Values)] = [
    ("buildings.x", .of([0, -0.0, 1.5, -2.25, .pi, .infinity, -.infinity, .nan, -.nan,
                         Double(nan: 0x1234, signaling: false), .signalingNaN,
                         .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 155_000.123_456_789])),
    ("empty.doubles", .of([])),
    ("voorzieningen.type", .int32s([0, 1, -1, .min, .max, 42])),
    ("empty.int32s", .int32s([])),
    ("buildings.sequence", .int64s([0, -1, .min, .max, 1 << 40])),
    ("empty.int64s", .int64s([])),
    ("flags", .bytes([0, 1, 0x7F, 0x80, 0xFF])),
    ("empty.bytes", .bytes([])),
    ("buildings.ids", .strings(["0363100012345678", "", "Café ’t Hoekje", "🏠", "", "a\u{0}b", "\n"])),
    ("only.empty.strings", .strings(["", ""])),
    ("empty.strings", .strings([])),
]

private func archive(_ sections: [(name: String, values: Values)] = sample, kind: String = "cirkel-test", version: UInt32 = 3) -> [UInt8] {
    var writer = BinaryArchiveWriter(kind: kind, version: version)
    for section in sections { section.values.add(to: &writer, as: section.name) }
    return writer.encoded()
}

/// Where each section table entry's fields are, found by walking the table as
/// `BinaryArchiveFormat` describes it (independently of the reader).
private struct TableEntry {
    let name: String
    let entryStart: Int
    var tagField: Int { entryStart + 4 + name.utf8.count }
    var countField: Int { tagField + 4 }
    var offsetField: Int { tagField + 12 }
    var lengthField: Int { tagField + 20 }
    /// The first chunk checksum (layout 2: one per 64 KiB of payload, none when empty).
    var checksumField: Int { tagField + 28 }
    let chunkCount: Int
    var end: Int { checksumField + 8 * chunkCount }
}

private func le32(_ bytes: [UInt8], _ at: Int) -> Int {
    (0 ..< 4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
}

private func le64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
    (0 ..< 8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
}

private func store64(_ value: UInt64, in bytes: inout [UInt8], at: Int) {
    for k in 0 ..< 8 { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
}

private func headerLength(_ bytes: [UInt8]) -> Int { le32(bytes, 12) }

private func tableEntries(_ bytes: [UInt8]) -> [TableEntry] {
    var at = 24
    at += 4 + le32(bytes, at) + 4 // kind, content version
    let count = le32(bytes, at)
    at += 4
    var entries: [TableEntry] = []
    for _ in 0 ..< count {
        let length = le32(bytes, at)
        let name = String(decoding: bytes[(at + 4) ..< (at + 4 + length)], as: UTF8.self)
        let payloadLength = Int(le64(bytes, at + 4 + length + 4 + 16))
        let entry = TableEntry(name: name, entryStart: at, chunkCount: (payloadLength + 65535) / 65536)
        entries.append(entry)
        at = entry.end
    }
    return entries
}

/// Recomputes every checksum after a deliberate edit, so the edit reaches the checks behind
/// the checksums (as a forged or miswritten archive would).
/// `entries` is the table as it was before the edit (an edited length would mislead the walk).
private func reseal(_ bytes: inout [UInt8], entries: [TableEntry]? = nil) {
    for entry in entries ?? tableEntries(bytes) {
        let start = le64(bytes, entry.offsetField), count = le64(bytes, entry.lengthField)
        guard start <= UInt64(bytes.count), count <= UInt64(bytes.count) - start else { continue }
        let offset = Int(start), length = Int(count)
        for chunk in 0 ..< entry.chunkCount {
            let from = offset + chunk * 65536, to = min(offset + length, from + 65536)
            let checksum = bytes[from ..< to].withUnsafeBytes { BinaryArchiveFormat.checksum($0) }
            store64(checksum, in: &bytes, at: entry.checksumField + 8 * chunk)
        }
    }
    let header = headerLength(bytes)
    store64(bytes[0 ..< header].withUnsafeBytes { BinaryArchiveFormat.checksum($0) }, in: &bytes, at: header)
}

@Suite struct BinaryArchiveTests {
    // MARK: Round trips

    @Test func everyTypeRoundTripsExactly() throws {
        let reader = try open(archive())
        #expect(reader.version == 3)
        #expect(reader.sectionNames == sample.map(\.name))
        for section in sample {
            #expect(try section.values.read(section.name, from: reader) == section.values, "\(section.name)")
        }
    }

    @Test func anArchiveWithoutSectionsRoundTrips() throws {
        let bytes = archive([], kind: "", version: 0)
        let reader = try open(bytes, kind: "", versions: 0...0)
        #expect(reader.version == 0)
        #expect(reader.sectionNames == [])
    }

    @Test func aFileRoundTripsThroughStagedOutput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let staged = try StagedOutputDirectory(target: folder.appendingPathComponent("index"))
        try staged.write("snapshot.cirkel", archive())
        try staged.commit()
        let path = folder.appendingPathComponent("index/snapshot.cirkel").path
        let reader = try BinaryArchiveReader(path: path, kind: "cirkel-test", supportedVersions: 1...5, remedy: remedy)
        #expect(reader.version == 3)
        for section in sample.reversed() {
            #expect(try section.values.read(section.name, from: reader) == section.values, "\(section.name)")
        }
    }

    @Test func largeSeededSectionsRoundTrip() throws {
        var rng = SplitMix64(seed: 0xA4C4_1BE5)
        let doubles = (0 ..< 20_011).map { _ in Double(bitPattern: rng.next()) }
        let int64s = (0 ..< 5_003).map { _ in Int64(bitPattern: rng.next()) }
        let alphabet: [Character] = ["a", "Z", "0", "é", "’", "ß", "🏠", "中", " "]
        let strings = (0 ..< 3_001).map { _ in
            String((0 ..< Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        }
        let sections: [(name: String, values: Values)] = [
            ("x", .of(doubles)), ("sequence", .int64s(int64s)), ("ids", .strings(strings)),
            ("low", .bytes(doubles.map { UInt8(truncatingIfNeeded: $0.bitPattern) })),
        ]
        let reader = try open(archive(sections))
        for section in sections {
            #expect(try section.values.read(section.name, from: reader) == section.values, "\(section.name)")
        }
    }

    @Test func sectionOrderDoesNotMatter() throws {
        let reversed = Array(sample.reversed())
        let forward = try open(archive())
        let backward = try open(archive(reversed))
        #expect(backward.sectionNames == reversed.map(\.name))
        // Read in a third order from both.
        for section in sample.sorted(by: { $0.name < $1.name }) {
            #expect(try section.values.read(section.name, from: backward) == section.values, "\(section.name)")
            #expect(try section.values.read(section.name, from: forward) == section.values, "\(section.name)")
        }
    }

    @Test func identicalInputGivesIdenticalBytes() {
        var writer = BinaryArchiveWriter(kind: "cirkel-test", version: 3)
        for section in sample { section.values.add(to: &writer, as: section.name) }
        let first = writer.encoded()
        #expect(writer.encoded() == first)
        #expect(archive() == first)
    }

    @Test func theLayoutIsExactlyAsDocumented() {
        // Built independently from BinaryArchiveFormat's description (checksums from the
        // reference xxHash library, libxxhash 0.8.1).
        let fields: [[UInt8]] = [
            [0x89, 0x43, 0x49, 0x52, 0x4B, 0x45, 0x4C, 0x1A], // magic
            [0x02, 0, 0, 0], // layout version 2
            [0xA0, 0, 0, 0], // header length 160
            [0xD8, 0, 0, 0, 0, 0, 0, 0], // file length 216
            [0x01, 0, 0, 0, 0x6B], // kind "k"
            [0x07, 0, 0, 0], // content version 7
            [0x03, 0, 0, 0], // 3 sections
            [0x01, 0, 0, 0, 0x61], // "a"
            [0x02, 0, 0, 0], // Int32
            [0x02, 0, 0, 0, 0, 0, 0, 0], // 2 elements
            [0xA8, 0, 0, 0, 0, 0, 0, 0], // at byte 168
            [0x08, 0, 0, 0, 0, 0, 0, 0], // 8 bytes
            [0x69, 0x43, 0x29, 0x96, 0x99, 0x43, 0x1D, 0xAB], // checksum of its one chunk
            [0x01, 0, 0, 0, 0x73], // "s"
            [0x05, 0, 0, 0], // String
            [0x02, 0, 0, 0, 0, 0, 0, 0], // 2 elements
            [0xB0, 0, 0, 0, 0, 0, 0, 0], // at byte 176
            [0x1A, 0, 0, 0, 0, 0, 0, 0], // 26 bytes
            [0xCE, 0xC3, 0x5A, 0xF2, 0x26, 0x5B, 0x59, 0x98], // checksum of its one chunk
            [0x01, 0, 0, 0, 0x64], // "d"
            [0x01, 0, 0, 0], // Double
            [0x01, 0, 0, 0, 0, 0, 0, 0], // 1 element
            [0xD0, 0, 0, 0, 0, 0, 0, 0], // at byte 208
            [0x08, 0, 0, 0, 0, 0, 0, 0], // 8 bytes
            [0xE0, 0x44, 0x15, 0xF0, 0xAC, 0x5E, 0x42, 0x3F], // checksum of its one chunk
            [0xF3, 0xB3, 0x86, 0x40, 0xE2, 0x09, 0x77, 0x64], // header checksum (bytes 0..<160)
            [0x01, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF], // a: 1, -2
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0], // s: offsets 0, 0, 2
            [0xC3, 0xA9], // s: "" and "é"
            [0, 0, 0, 0, 0, 0], // padding to byte 208
            [0, 0, 0, 0, 0, 0, 0, 0x80], // d: -0.0
        ]
        var writer = BinaryArchiveWriter(kind: "k", version: 7)
        writer.add("a", int32s: [1, -2])
        writer.add("s", strings: ["", "é"])
        writer.add("d", doubles: [-0.0])
        #expect(writer.encoded() == fields.flatMap { $0 })
    }

    @Test func aLongPayloadHasOneChecksumPer64KiB() throws {
        // 65,636 bytes: a full chunk and one of 100 bytes, checksums from the reference
        // library (libxxhash 0.8.1).
        let payload = (0 ..< 65536 + 100).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) }
        let bytes = archive([("long", .bytes(payload))])
        let entry = try #require(tableEntries(bytes).first)
        #expect(entry.chunkCount == 2)
        #expect(le64(bytes, entry.checksumField) == 0xCE06_6073_92C5_113F)
        #expect(le64(bytes, entry.checksumField + 8) == 0xEFA0_AD2D_3E70_C151)
        #expect(try open(bytes).bytes("long") == payload)
    }

    @Test func aColumnChecksOnlyTheChunksItReads() throws {
        // Two chunks of doubles; damage the second. Reading the first chunk is fine and leaves
        // the archive intact as far as read; reading into the second gives zero and
        // checkIntegrity then names the section; the copying getter refuses it outright.
        let values = (0 ..< 10_000).map { Double($0) + 0.5 } // 80,000 bytes: chunks 0 ..< 8192, 8192 ..< 10000
        var bytes = archive([("xs", .of(values)), ("other", .int32s([7]))])
        let reader = try open(bytes)
        let payload = try #require(reader.payloadRange(of: "xs"))
        bytes[payload.lowerBound + 65536 + 17] ^= 0x01
        let damaged = try open(bytes)
        let xs: Column<Double> = try damaged.column("xs")
        #expect(xs.count == 10_000 && xs[0] == 0.5 && xs[8191] == 8191.5)
        try damaged.checkIntegrity()
        #expect(xs[8192] == 0 && xs[9999] == 0)
        #expect(geoError { try damaged.checkIntegrity() } == problem("section \"xs\" is corrupt (checksum mismatch)"))
        #expect(geoError { _ = try damaged.doubles("xs") } == problem("section \"xs\" is corrupt (checksum mismatch)"))
        #expect(try damaged.column("other", as: Int32.self).array == [7] as [Int32])
        // Undamaged, the column is the array, and the wrong element type is refused.
        #expect(try reader.column("xs", as: Double.self).array == values)
        #expect(geoError { _ = try reader.column("xs", as: Int32.self) } == problem("section \"xs\" holds doubles, not int32s"))
    }

    @Test func theChecksumIsXXH64() {
        // XXH64 with seed 0 of bytes (31·i + 7) mod 256, from the reference library
        // (libxxhash 0.8.1): every path through the lanes and the tail.
        let reference: [(Int, UInt64)] = [
            (0, 0xEF46_DB37_51D8_E999), (1, 0xA96C_7F0C_E858_BBB7), (3, 0x56E6_9576_32A4_87F9),
            (4, 0xC60D_15B1_E3FF_8F04), (7, 0xAFBE_FC3D_6C6F_9A8E), (8, 0x3DA5_C7AA_2696_83E0),
            (9, 0x4B17_A9BA_9E21_5C09), (12, 0x8FE8_AB1C_1FD0_666E), (15, 0xAE2A_37EB_9357_CAA7),
            (31, 0x4A74_F3A1_A39A_D4A1), (32, 0x8D57_D6A4_671C_C43D), (33, 0x62C9_FD21_ED85_7664),
            (63, 0x5C32_0A0D_2707_057F), (64, 0x7BBA_BBC4_5729_D17E), (65, 0xF398_0C34_BAE6_5DC1),
            (100, 0xEFA0_AD2D_3E70_C151), (1000, 0x9959_4F48_2804_3D35),
        ]
        for (count, expected) in reference {
            let bytes = (0 ..< count).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) }
            #expect(bytes.withUnsafeBytes { BinaryArchiveFormat.checksum($0) } == expected, "\(count) bytes")
        }
        #expect(Array("abc".utf8).withUnsafeBytes { BinaryArchiveFormat.checksum($0) } == 0x44BC_2CF5_AD77_0999)
    }

    @Test func byteOrderReversalForBigEndianHosts() {
        var bytes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        bytes.withUnsafeMutableBytes { reverseByteOrder($0, width: 4) }
        #expect(bytes == [4, 3, 2, 1, 8, 7, 6, 5])
        bytes.withUnsafeMutableBytes { reverseByteOrder($0, width: 8) }
        #expect(bytes == [5, 6, 7, 8, 1, 2, 3, 4])
        bytes.withUnsafeMutableBytes { reverseByteOrder($0, width: 1) }
        #expect(bytes == [5, 6, 7, 8, 1, 2, 3, 4])
    }

    // MARK: Opening the wrong file

    @Test func aGeoJSONFileIsNotAnArchive() throws {
        let geojson = Array(#"{"type":"FeatureCollection","features":[]}"#.utf8)
        #expect(geoError { _ = try open(geojson) } == problem("not a cirkel archive"))
        #expect(geoError { _ = try open([0x89, 0x50, 0x4E, 0x47]) } == problem("not a cirkel archive")) // PNG
        #expect(geoError { _ = try open([]) } == problem("the file is empty, not a cirkel archive"))

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("buildings.geojson")
        try Data(geojson).write(to: file)
        let error = geoError { _ = try BinaryArchiveReader(path: file.path, kind: "cirkel-test", supportedVersions: 3...3, remedy: remedy) }
        #expect(error == .document(file: file.path, reason: "not a cirkel archive"))
    }

    @Test func anEmptyOrMissingFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.cirkel")
        try Data().write(to: empty)
        let emptyError = geoError { _ = try BinaryArchiveReader(path: empty.path, kind: "cirkel-test", supportedVersions: 3...3, remedy: remedy) }
        #expect(emptyError == .document(file: empty.path, reason: "the file is empty, not a cirkel archive"))
        let missing = folder.appendingPathComponent("missing.cirkel").path
        let missingError = geoError { _ = try BinaryArchiveReader(path: missing, kind: "cirkel-test", supportedVersions: 3...3, remedy: remedy) }
        #expect(missingError == .io(path: missing, reason: "no such file"))
    }

    @Test func anArchiveOfAnotherKind() {
        let bytes = archive(kind: "cirkel-cache")
        #expect(geoError { _ = try open(bytes, kind: "cirkel-index") } == problem("the archive holds \"cirkel-cache\", expected \"cirkel-index\""))
    }

    @Test func aContentVersionOutsideTheSupportedRange() throws {
        let version1 = archive(version: 1)
        #expect(geoError { _ = try open(version1, versions: 2...2) }
            == problem("the archive was made with format version 1; this cirkel reads version 2: make it again with `cirkel index`"))
        #expect(geoError { _ = try open(archive(version: 5), versions: 2...4) }
            == problem("the archive was made with format version 5; this cirkel reads versions 2 to 4: make it again with `cirkel index`"))
        #expect(try open(version1, versions: 0...1).version == 1)
    }

    @Test func anotherContainerLayout() {
        var bytes = archive()
        bytes[8] = 1
        #expect(geoError { _ = try open(bytes) }
            == problem("the archive was made with archive layout 1; this cirkel reads layout 2: make it again with `cirkel index`"))
    }

    // MARK: Damage

    @Test func everyTruncationIsReportedAtOpen() {
        let bytes = archive()
        let length = bytes.count
        for cut in 0 ..< length {
            let expected: String
            switch cut {
            case 0: expected = "the file is empty, not a cirkel archive"
            case ..<24: expected = "the archive is truncated: it has only \(cut) bytes"
            default: expected = "the archive is truncated: it has \(cut) bytes, its header says \(length)"
            }
            #expect(geoError { _ = try open(Array(bytes[0 ..< cut])) } == problem(expected), "cut at \(cut)")
        }
        #expect(geoError { _ = try open(bytes + [0]) } == problem("the archive is damaged: it has \(length + 1) bytes, its header says \(length)"))
    }

    @Test func aFlippedByteInTheHeaderOrTableFailsTheOpen() {
        let bytes = archive()
        let header = headerLength(bytes)
        for index in 0 ..< header + 8 {
            for mask: UInt8 in [0x01, 0x80] {
                var damaged = bytes
                damaged[index] ^= mask
                #expect(geoError { _ = try open(damaged) } != nil, "byte \(index) ^ \(mask)")
            }
        }
        var damaged = bytes
        damaged[header + 3] ^= 0x10 // in the header checksum itself
        #expect(geoError { _ = try open(damaged) } == problem("the archive is damaged: its header is corrupt (checksum mismatch)"))
        damaged = bytes
        damaged[30] ^= 0x10 // in the kind
        #expect(geoError { _ = try open(damaged) } == problem("the archive is damaged: its header is corrupt (checksum mismatch)"))
    }

    @Test func aFlippedPayloadByteFailsOnlyThatSection() throws {
        let bytes = archive()
        let layout = try open(bytes).sections
        var payloadBytes = 0
        for section in layout {
            for index in section.offset ..< section.offset + section.length {
                payloadBytes += 1
                var damaged = bytes
                damaged[index] ^= 0x01
                let reader = try open(damaged) // the open does not read payloads
                for other in sample {
                    if other.name == section.name {
                        #expect(geoError { _ = try other.values.read(other.name, from: reader) }
                            == problem("section \"\(other.name)\" is corrupt (checksum mismatch)"), "byte \(index)")
                    } else {
                        #expect(try other.values.read(other.name, from: reader) == other.values, "byte \(index), \(other.name)")
                    }
                }
            }
        }
        #expect(payloadBytes > 200)
    }

    @Test func everyByteOfTheFileIsChecked() throws {
        // Each byte is in the header (checked at open), in a payload (checked by its getter),
        // or padding (checked at open).
        let bytes = archive()
        for index in bytes.indices {
            var damaged = bytes
            damaged[index] ^= 0x40
            guard let reader = try? open(damaged) else { continue }
            var failures = 0
            for section in sample where (try? section.values.read(section.name, from: reader)) != section.values {
                failures += 1
            }
            #expect(failures == 1, "byte \(index)")
        }
    }

    @Test func nonZeroPaddingFailsTheOpen() throws {
        var bytes = archive([("a", .bytes([1])), ("b", .bytes([2]))])
        let second = try open(bytes).sections[1]
        bytes[second.offset - 1] = 0x20
        #expect(geoError { _ = try open(bytes) } == problem("the archive is damaged: the padding before section \"b\" is not zero"))
    }

    // MARK: Asking for the wrong thing

    @Test func aMissingSection() throws {
        let reader = try open(archive())
        #expect(geoError { _ = try reader.doubles("buildings.y") } == problem("the archive has no section \"buildings.y\""))
        #expect(geoError { _ = try reader.strings("") } == problem("the archive has no section \"\""))
    }

    @Test func aSectionOfAnotherType() throws {
        let reader = try open(archive())
        #expect(geoError { _ = try reader.doubles("voorzieningen.type") } == problem("section \"voorzieningen.type\" holds int32s, not doubles"))
        #expect(geoError { _ = try reader.int64s("buildings.x") } == problem("section \"buildings.x\" holds doubles, not int64s"))
        #expect(geoError { _ = try reader.int32s("buildings.ids") } == problem("section \"buildings.ids\" holds strings, not int32s"))
        #expect(geoError { _ = try reader.strings("flags") } == problem("section \"flags\" holds bytes, not strings"))
        #expect(geoError { _ = try reader.bytes("buildings.sequence") } == problem("section \"buildings.sequence\" holds int64s, not bytes"))
    }

    // MARK: Damage behind valid checksums (a writer bug or a forged file)

    @Test func stringOffsetsAreValidated() throws {
        // Payload of ["ab", "cd", "ef"]: offsets 0, 2, 4, 6 at bytes +0, +8, +16, +24, then "abcdef".
        let bytes = archive([("ids", .strings(["ab", "cd", "ef"]))])
        let start = try open(bytes).sections[0].offset
        func damaged(offset k: Int, to value: UInt64) throws -> BinaryArchiveReader {
            var copy = bytes
            store64(value, in: &copy, at: start + 8 * k)
            reseal(&copy)
            return try open(copy)
        }
        let notSpanning = problem("section \"ids\" is corrupt: its string offsets do not span its text")
        #expect(geoError { _ = try damaged(offset: 0, to: 1).strings("ids") } == notSpanning)
        #expect(geoError { _ = try damaged(offset: 3, to: 5).strings("ids") } == notSpanning)
        #expect(geoError { _ = try damaged(offset: 3, to: 7).strings("ids") } == notSpanning)
        #expect(geoError { _ = try damaged(offset: 2, to: 1).strings("ids") }
            == problem("section \"ids\" is corrupt: the offsets of string 1 are out of order"))
        #expect(geoError { _ = try damaged(offset: 1, to: 7).strings("ids") }
            == problem("section \"ids\" is corrupt: the offsets of string 0 are out of order"))
        #expect(geoError { _ = try damaged(offset: 2, to: UInt64(bitPattern: -1)).strings("ids") }
            == problem("section \"ids\" is corrupt: the offsets of string 1 are out of order"))
        #expect(try damaged(offset: 1, to: 3).strings("ids") == ["abc", "d", "ef"])
    }

    @Test func stringsMustBeValidUTF8() throws {
        // Payload of ["é", "x"]: offsets 0, 2, 3, then C3 A9 78.
        let bytes = archive([("names", .strings(["é", "x"]))])
        let start = try open(bytes).sections[0].offset
        var split = bytes
        store64(1, in: &split, at: start + 8) // "é" cut between its two bytes
        reseal(&split)
        #expect(geoError { _ = try open(split).strings("names") } == problem("section \"names\" is corrupt: string 0 is not valid UTF-8"))
        var invalid = bytes
        invalid[start + 24 + 2] = 0xFF // "x" → an invalid byte
        reseal(&invalid)
        #expect(geoError { _ = try open(invalid).strings("names") } == problem("section \"names\" is corrupt: string 1 is not valid UTF-8"))
    }

    @Test func theSectionTableIsValidated() throws {
        let bytes = archive([("a", .int32s([1, 2])), ("b", .int32s([3]))])
        let entries = tableEntries(bytes)
        #expect(entries.map(\.name) == ["a", "b"])
        func damaged(_ edit: (inout [UInt8]) -> Void) -> GeoError? {
            var copy = bytes
            edit(&copy)
            reseal(&copy, entries: entries)
            return geoError { _ = try open(copy) }
        }
        #expect(damaged { $0[entries[1].entryStart + 4] = UInt8(ascii: "a") } == problem("the archive is damaged: section \"a\" appears twice"))
        #expect(damaged { $0[entries[0].tagField] = 9 } == problem("the archive is damaged: section \"a\" has an unknown element type (9)"))
        #expect(damaged { $0[entries[0].countField] = 3 } == problem("the archive is damaged: section \"a\" has 8 bytes, which cannot hold 3 int32s"))
        let bStart = try open(bytes).sections[1].offset
        #expect(bStart == bytes.count - 4)
        #expect(damaged { store64(1 << 40, in: &$0, at: entries[1].offsetField) }
            == problem("the archive is damaged: section \"b\" starts at byte \(1 << 40), expected \(bStart)"))
        #expect(damaged { store64(UInt64(bStart - 8), in: &$0, at: entries[1].offsetField) }
            == problem("the archive is damaged: section \"b\" starts at byte \(bStart - 8), expected \(bStart)"))
        #expect(damaged { store64(1 << 40, in: &$0, at: entries[1].lengthField) }
            == problem("the archive is damaged: section \"b\" (\(1 << 40) bytes from byte \(bytes.count - 4)) lies outside the file of \(bytes.count) bytes"))
        #expect(damaged { store64(.max, in: &$0, at: entries[1].lengthField) }
            == problem("the archive is damaged: section \"b\" (\(UInt64.max) bytes from byte \(bytes.count - 4)) lies outside the file of \(bytes.count) bytes"))
        #expect(damaged { $0[20] = 1 } == problem("the archive is truncated: it has \(bytes.count) bytes, its header says \(bytes.count + (1 << 32))"))
    }

    @Test func aDuplicateSectionNameIsAProgrammingError() async {
        await #expect(processExitsWith: .failure) {
            var writer = BinaryArchiveWriter(kind: "k", version: 1)
            writer.add("a", bytes: [])
            writer.add("a", doubles: [])
        }
    }
}
