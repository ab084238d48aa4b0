/// The one WKB shape read without GEOS: a two-dimensional Point, 21 bytes (byte order,
/// type 1, x, y), as ISO and OGC WKB both write it. Anything else (other types, Z or M
/// variants, EWKB flags) is left to GEOS's reader.
enum WKBPoint {
    static func coordinates(_ wkb: UnsafeRawBufferPointer) -> (Double, Double)? {
        guard wkb.count == 21 else { return nil }
        let littleEndian: Bool
        switch wkb[0] {
        case 1: littleEndian = true
        case 0: littleEndian = false
        default: return nil
        }
        func word<T: FixedWidthInteger>(_ offset: Int, as: T.Type) -> T {
            let raw = wkb.loadUnaligned(fromByteOffset: offset, as: T.self)
            return littleEndian ? T(littleEndian: raw) : T(bigEndian: raw)
        }
        guard word(1, as: UInt32.self) == 1 else { return nil }
        return (Double(bitPattern: word(5, as: UInt64.self)), Double(bitPattern: word(13, as: UInt64.self)))
    }
}
