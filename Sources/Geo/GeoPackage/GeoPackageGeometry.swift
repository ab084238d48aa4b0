/// The GeoPackage binary geometry header (OGC 12-128r18, §2.1.3): "GP", a version, flags, the
/// SRS id and an optional envelope, before standard WKB.
struct GeoPackageGeometryHeader {
    /// Where the WKB starts in the blob.
    let wkbOffset: Int
    let srsID: Int32
    /// The empty flag: the geometry has no coordinates.
    let isEmpty: Bool

    /// Doubles in the envelope, by the flags' envelope contents indicator (0 … 4).
    static let envelopeDoubles = [0, 4, 6, 6, 8]

    /// Reads the header; the reason of a failure is for the user.
    init(_ blob: UnsafeRawBufferPointer) throws(GeoPackageGeometryProblem) {
        guard blob.count >= 8, blob[0] == UInt8(ascii: "G"), blob[1] == UInt8(ascii: "P") else {
            throw GeoPackageGeometryProblem(reason: "the geometry is not a GeoPackage geometry blob (no \"GP\" header)")
        }
        guard blob[2] == 0 else { throw GeoPackageGeometryProblem(reason: "GeoPackage geometry version \(Int(blob[2]) + 1) is not supported (only 1)") }
        let flags = blob[3]
        guard flags & 0x20 == 0 else {
            throw GeoPackageGeometryProblem(reason: "an extended GeoPackage geometry (flag X) is not supported")
        }
        let indicator = Int((flags >> 1) & 0x07)
        guard indicator < Self.envelopeDoubles.count else {
            throw GeoPackageGeometryProblem(reason: "invalid envelope contents indicator \(indicator) in the geometry header")
        }
        let littleEndian = flags & 0x01 == 1
        let raw = blob.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
        srsID = Int32(bitPattern: littleEndian ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw))
        isEmpty = flags & 0x10 != 0
        wkbOffset = 8 + 8 * Self.envelopeDoubles[indicator]
        guard blob.count >= wkbOffset else {
            throw GeoPackageGeometryProblem(reason: "the geometry blob ends inside its envelope")
        }
    }
}

struct GeoPackageGeometryProblem: Error {
    let reason: String
}
