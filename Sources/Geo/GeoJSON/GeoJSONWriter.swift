/// Writes a GeoJSON FeatureCollection, one feature per line, properties in the order given.
///
/// Coordinates come from a `GeometryColumn` that is already in the output CRS (project it
/// first). WGS84 output is RFC 7946 with 7 decimals; RD New output carries the legacy `crs`
/// member and 2 decimals (centimetres). Ring orientation is the column's: `appendPolygons`
/// produces RFC 7946 orientation.
public struct GeoJSONWriter {
    public let crs: CoordinateReferenceSystem
    private var buffer = ByteBuffer()
    private var featureCount = 0
    private let decimals: Int

    /// `members` are extra top-level members (written before "features"), e.g. the profile.
    public init(crs: CoordinateReferenceSystem, members: [(String, JSONDocument)] = []) {
        self.crs = crs
        self.decimals = crs == .wgs84 ? 7 : 2
        buffer.append("{\"type\":\"FeatureCollection\"" as StaticString)
        if crs == .rdNew {
            buffer.append(",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}}" as StaticString)
        }
        for (key, value) in members {
            buffer.append(UInt8(ascii: ","))
            buffer.appendJSONString(key)
            buffer.append(UInt8(ascii: ":"))
            var nested = ByteBuffer()
            value.writeCompact(to: &nested)
            buffer.append(contentsOf: nested)
        }
        buffer.append(",\"features\":[" as StaticString)
    }

    /// Appends feature `feature` of `column` with `properties`.
    public mutating func appendFeature(_ feature: Int, of column: GeometryColumn, properties: [(String, OutputValue)]) {
        buffer.append(featureCount == 0 ? "\n" as StaticString : ",\n" as StaticString)
        featureCount += 1
        buffer.append("{\"type\":\"Feature\",\"properties\":{" as StaticString)
        for (k, (key, value)) in properties.enumerated() {
            if k > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.appendJSONString(key)
            buffer.append(UInt8(ascii: ":"))
            buffer.appendJSON(value)
        }
        buffer.append("},\"geometry\":" as StaticString)
        appendGeometry(feature, of: column)
        buffer.append(UInt8(ascii: "}"))
    }

    private mutating func appendGeometry(_ feature: Int, of column: GeometryColumn) {
        let kind = column.kinds[feature]
        buffer.append("{\"type\":\"" as StaticString)
        buffer.append(kind.geoJSONName)
        buffer.append("\",\"coordinates\":" as StaticString)
        let parts = column.parts(of: feature)
        switch kind {
        case .point:
            appendPosition(column.coordinateRange(of: feature).lowerBound, column)
        case .lineString:
            appendRing(column.rings(of: parts.lowerBound).lowerBound, column)
        case .polygon:
            appendRings(column.rings(of: parts.lowerBound), column)
        case .multiPoint, .multiLineString, .multiPolygon:
            buffer.append(UInt8(ascii: "["))
            for (k, part) in parts.enumerated() {
                if k > 0 { buffer.append(UInt8(ascii: ",")) }
                switch kind {
                case .multiPoint: appendPosition(column.coordinates(of: column.rings(of: part).lowerBound).lowerBound, column)
                case .multiLineString: appendRing(column.rings(of: part).lowerBound, column)
                default: appendRings(column.rings(of: part), column)
                }
            }
            buffer.append(UInt8(ascii: "]"))
        }
        buffer.append(UInt8(ascii: "}"))
    }

    private mutating func appendRings(_ rings: Range<Int>, _ column: GeometryColumn) {
        buffer.append(UInt8(ascii: "["))
        for ring in rings {
            if ring > rings.lowerBound { buffer.append(UInt8(ascii: ",")) }
            appendRing(ring, column)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    private mutating func appendRing(_ ring: Int, _ column: GeometryColumn) {
        buffer.append(UInt8(ascii: "["))
        for c in column.coordinates(of: ring) {
            if c > column.coordinates(of: ring).lowerBound { buffer.append(UInt8(ascii: ",")) }
            appendPosition(c, column)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    private mutating func appendPosition(_ c: Int, _ column: GeometryColumn) {
        buffer.append(UInt8(ascii: "["))
        buffer.appendDecimal(column.xs[c], decimals: decimals, trim: true)
        buffer.append(UInt8(ascii: ","))
        buffer.appendDecimal(column.ys[c], decimals: decimals, trim: true)
        buffer.append(UInt8(ascii: "]"))
    }

    /// The finished document.
    public mutating func finish() -> [UInt8] {
        buffer.append(featureCount == 0 ? "]}\n" as StaticString : "\n]}\n" as StaticString)
        return buffer.bytes
    }
}

extension JSONDocument {
    /// Writes without whitespace (for members embedded in a one-feature-per-line file).
    public func writeCompact(to buffer: inout ByteBuffer) {
        switch self {
        case let .value(v): buffer.appendJSON(v)
        case let .array(items):
            buffer.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { buffer.append(UInt8(ascii: ",")) }
                item.writeCompact(to: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case let .object(members):
            buffer.append(UInt8(ascii: "{"))
            for (k, (key, item)) in members.enumerated() {
                if k > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.appendJSONString(key)
                buffer.append(UInt8(ascii: ":"))
                item.writeCompact(to: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }
}
