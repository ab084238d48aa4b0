/// Encodes features of a `GeometryColumn` as GeoPackage geometry blobs (OGC 12-128 §2.1.3),
/// straight from its flat arrays: "GP", version 0, the flags, the SRS id and the envelope
/// (min x, max x, min y, max y), then little-endian ISO WKB.
///
/// A single Point has no envelope (it would only repeat the point; GDAL writes none either).
/// A feature without coordinates gets the empty flag and no envelope, with the WKB the
/// standard asks for (a Point of NaN, NaN; a LineString or Polygon of nothing).
///
/// One encoder reuses one buffer for every feature of a layer.
struct GeoPackageBlobEncoder {
    let srsID: Int32
    /// Whether Point, LineString and Polygon features become MultiPoint, MultiLineString and
    /// MultiPolygon of one part (see `GeoPackageGeometryType`).
    let promotesToMulti: Bool
    private var buffer: [UInt8] = []

    init(srsID: Int32, promotesToMulti: Bool) {
        self.srsID = srsID
        self.promotesToMulti = promotesToMulti
    }

    /// Hands `body` the blob of `feature`; the bytes are valid only during the call.
    mutating func encode<R>(_ feature: Int, of geometries: GeometryColumn, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let shape = WKBShape(geometries.kinds[feature], promotesToMulti: promotesToMulti)
        let coordinates = geometries.coordinateRange(of: feature)
        let isEmpty = coordinates.isEmpty
        let envelope = isEmpty || (shape.element == .point && !shape.isMulti) ? nil : GeoPackageEnvelope(coordinates, of: geometries)
        let hasEnvelope = envelope != nil
        let size = 8 + (hasEnvelope ? 32 : 0) + shape.wkbSize(of: feature, in: geometries)
        if buffer.count < size { buffer = [UInt8](repeating: 0, count: max(size, 2 * buffer.count)) }
        return try buffer.withUnsafeMutableBytes { raw in
            var out = LittleEndianWriter(raw.baseAddress!)
            // Flags: bit 0 little-endian, bits 1–3 the envelope indicator (1: x and y), bit 4
            // empty; bit 5 (extended) and the version byte stay 0.
            out.put(UInt8(ascii: "G"))
            out.put(UInt8(ascii: "P"))
            out.put(UInt8(0))
            out.put(UInt8(1) | (hasEnvelope ? 1 << 1 : 0) | (isEmpty ? 1 << 4 : 0))
            out.put(UInt32(bitPattern: srsID))
            if let envelope {
                out.put(envelope.minX)
                out.put(envelope.maxX)
                out.put(envelope.minY)
                out.put(envelope.maxY)
            }
            shape.writeWKB(of: feature, in: geometries, to: &out)
            precondition(out.offset == size, "GeoPackage blob size \(out.offset) differs from the \(size) computed")
            return try body(UnsafeRawBufferPointer(rebasing: raw[0..<size]))
        }
    }
}

/// The bounding box of some coordinates of a geometry column (NaN coordinates left out), as
/// GeoPackage stores it in geometry headers, the spatial index and `gpkg_contents`.
struct GeoPackageEnvelope: Equatable {
    var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity

    /// Nil when there is no coordinate (other than NaN).
    init?(_ coordinates: Range<Int>, of geometries: GeometryColumn) {
        for c in coordinates {
            let x = geometries.xs[c], y = geometries.ys[c]
            if x < minX { minX = x }
            if x > maxX { maxX = x }
            if y < minY { minY = y }
            if y > maxY { maxY = y }
        }
        guard minX <= maxX, minY <= maxY else { return nil }
    }
}

/// How a feature of one `GeometryKind` is written as WKB: elements (points, lines or
/// polygons), one on its own or several in a multi geometry. Each part of the feature is
/// one element.
private struct WKBShape {
    enum Element { case point, line, polygon }
    let element: Element
    let isMulti: Bool

    init(_ kind: GeometryKind, promotesToMulti: Bool) {
        switch kind {
        case .point: (element, isMulti) = (.point, promotesToMulti)
        case .lineString: (element, isMulti) = (.line, promotesToMulti)
        case .polygon: (element, isMulti) = (.polygon, promotesToMulti)
        case .multiPoint: (element, isMulti) = (.point, true)
        case .multiLineString: (element, isMulti) = (.line, true)
        case .multiPolygon: (element, isMulti) = (.polygon, true)
        }
    }

    /// The ISO WKB geometry type codes.
    private var elementCode: UInt32 {
        switch element {
        case .point: return 1
        case .line: return 2
        case .polygon: return 3
        }
    }

    /// Byte order (1), type (4), and a count (4) where the type has one.
    private static let pointSize = 1 + 4 + 16, headerAndCount = 1 + 4 + 4

    func wkbSize(of feature: Int, in geometries: GeometryColumn) -> Int {
        let parts = geometries.parts(of: feature)
        guard isMulti else { return parts.isEmpty ? emptyElementSize : elementSize(of: parts.lowerBound, in: geometries) }
        return parts.reduce(Self.headerAndCount) { $0 + elementSize(of: $1, in: geometries) }
    }

    private var emptyElementSize: Int { element == .point ? Self.pointSize : Self.headerAndCount }

    private func elementSize(of part: Int, in geometries: GeometryColumn) -> Int {
        switch element {
        case .point:
            return Self.pointSize
        case .line:
            return Self.headerAndCount + 16 * coordinates(of: part, in: geometries).count
        case .polygon:
            return geometries.rings(of: part).reduce(Self.headerAndCount) { $0 + 4 + 16 * geometries.coordinates(of: $1).count }
        }
    }

    /// All coordinates of a part (a line's are those of its one ring).
    private func coordinates(of part: Int, in geometries: GeometryColumn) -> Range<Int> {
        let rings = geometries.rings(of: part)
        guard !rings.isEmpty else { return 0..<0 }
        return geometries.coordinates(of: rings.lowerBound).lowerBound..<geometries.coordinates(of: rings.upperBound - 1).upperBound
    }

    func writeWKB(of feature: Int, in geometries: GeometryColumn, to out: inout LittleEndianWriter) {
        let parts = geometries.parts(of: feature)
        if isMulti {
            out.put(UInt8(1))
            out.put(elementCode + 3)
            out.put(UInt32(parts.count))
            for part in parts { writeElement(part, in: geometries, to: &out) }
        } else if let part = parts.first {
            writeElement(part, in: geometries, to: &out)
        } else {
            writeEmptyElement(to: &out)
        }
    }

    private func writeEmptyElement(to out: inout LittleEndianWriter) {
        out.put(UInt8(1))
        out.put(elementCode)
        if element == .point {
            out.put(Double.nan)
            out.put(Double.nan)
        } else {
            out.put(UInt32(0))
        }
    }

    private func writeElement(_ part: Int, in geometries: GeometryColumn, to out: inout LittleEndianWriter) {
        switch element {
        case .point:
            guard let c = coordinates(of: part, in: geometries).first else { return writeEmptyElement(to: &out) }
            out.put(UInt8(1))
            out.put(elementCode)
            out.put(geometries.xs[c])
            out.put(geometries.ys[c])
        case .line:
            out.put(UInt8(1))
            out.put(elementCode)
            writeCoordinates(coordinates(of: part, in: geometries), of: geometries, to: &out)
        case .polygon:
            out.put(UInt8(1))
            out.put(elementCode)
            let rings = geometries.rings(of: part)
            out.put(UInt32(rings.count))
            for ring in rings { writeCoordinates(geometries.coordinates(of: ring), of: geometries, to: &out) }
        }
    }

    /// A count, then the coordinates.
    private func writeCoordinates(_ range: Range<Int>, of geometries: GeometryColumn, to out: inout LittleEndianWriter) {
        out.put(UInt32(range.count))
        for c in range {
            out.put(geometries.xs[c])
            out.put(geometries.ys[c])
        }
    }
}

/// Stores numbers little-endian at consecutive, possibly unaligned, offsets of memory the
/// caller has sized.
struct LittleEndianWriter {
    private let base: UnsafeMutableRawPointer
    private(set) var offset = 0

    init(_ base: UnsafeMutableRawPointer) { self.base = base }

    @inline(__always) mutating func put(_ value: UInt8) {
        base.storeBytes(of: value, toByteOffset: offset, as: UInt8.self)
        offset += 1
    }

    @inline(__always) mutating func put(_ value: UInt32) {
        base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
        offset += 4
    }

    @inline(__always) mutating func put(_ value: Double) {
        base.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: offset, as: UInt64.self)
        offset += 8
    }
}
