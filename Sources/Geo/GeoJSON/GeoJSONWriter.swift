/// Writes a GeoJSON FeatureCollection, one feature per line, properties in the order given.
///
/// A layer is written in three kinds of piece: `head(members:)`, then every feature (each
/// formatted on its own, so features can be formatted in parallel into separate buffers and
/// written in order), then `tail(featureCount:)`.
///
/// Coordinates come from a `GeometryColumn` that is already in the output CRS (project it
/// first). WGS84 output is RFC 7946 with 7 decimals; RD New output carries the legacy `crs`
/// member and 2 decimals (centimetres). Ring orientation is the column's: `appendPolygons`
/// produces RFC 7946 orientation.
public struct GeoJSONWriter: Sendable {
    public let crs: CoordinateReferenceSystem
    private let decimals: Int

    public init(crs: CoordinateReferenceSystem) {
        self.crs = crs
        self.decimals = crs == .wgs84 ? 7 : 2
    }

    /// Everything before the first feature. `members` are extra top-level members (written
    /// before "features"), e.g. the profile.
    public func head(members: [(String, JSONDocument)] = []) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.append("{\"type\":\"FeatureCollection\"" as StaticString)
        if crs == .rdNew {
            buffer.append(",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}}" as StaticString)
        }
        for (key, value) in members {
            buffer.append(UInt8(ascii: ","))
            buffer.appendJSONString(key)
            buffer.append(UInt8(ascii: ":"))
            value.writeCompact(to: &buffer)
        }
        buffer.append(",\"features\":[" as StaticString)
        return buffer.bytes
    }

    /// Everything after the last of `featureCount` features.
    public func tail(featureCount: Int) -> [UInt8] {
        Array((featureCount == 0 ? "]}\n" : "\n]}\n").utf8)
    }

    /// Appends to `buffer` the feature that is number `number` (0-based) in the layer, with the
    /// geometry of feature `feature` of `column` and `properties`.
    public func appendFeature(number: Int, geometry feature: Int, of column: GeometryColumn,
                              properties: [(String, OutputValue)], to buffer: inout ByteBuffer) {
        buffer.append(number == 0 ? "\n" as StaticString : ",\n" as StaticString)
        buffer.append("{\"type\":\"Feature\",\"properties\":{" as StaticString)
        buffer.appendJSONMembers(properties)
        buffer.append("},\"geometry\":" as StaticString)
        appendGeometry(feature, of: column, to: &buffer)
        buffer.append(UInt8(ascii: "}"))
    }

    /// A whole layer in memory (for small layers and tests): one feature per feature of `column`.
    public func document(_ column: GeometryColumn, members: [(String, JSONDocument)] = [],
                         properties: (Int) -> [(String, OutputValue)]) -> [UInt8] {
        var buffer = ByteBuffer()
        for f in 0..<column.count { appendFeature(number: f, geometry: f, of: column, properties: properties(f), to: &buffer) }
        return head(members: members) + buffer.bytes + tail(featureCount: column.count)
    }

    private func appendGeometry(_ feature: Int, of column: GeometryColumn, to buffer: inout ByteBuffer) {
        let kind = column.kinds[feature]
        buffer.append("{\"type\":\"" as StaticString)
        buffer.append(kind.geoJSONName)
        buffer.append("\",\"coordinates\":" as StaticString)
        let parts = column.parts(of: feature)
        switch kind {
        case .point:
            appendPosition(column.coordinateRange(of: feature).lowerBound, column, &buffer)
        case .lineString:
            appendRing(column.rings(of: parts.lowerBound).lowerBound, column, &buffer)
        case .polygon:
            appendRings(column.rings(of: parts.lowerBound), column, &buffer)
        case .multiPoint, .multiLineString, .multiPolygon:
            buffer.append(UInt8(ascii: "["))
            for (k, part) in parts.enumerated() {
                if k > 0 { buffer.append(UInt8(ascii: ",")) }
                switch kind {
                case .multiPoint: appendPosition(column.coordinates(of: column.rings(of: part).lowerBound).lowerBound, column, &buffer)
                case .multiLineString: appendRing(column.rings(of: part).lowerBound, column, &buffer)
                default: appendRings(column.rings(of: part), column, &buffer)
                }
            }
            buffer.append(UInt8(ascii: "]"))
        }
        buffer.append(UInt8(ascii: "}"))
    }

    private func appendRings(_ rings: Range<Int>, _ column: GeometryColumn, _ buffer: inout ByteBuffer) {
        buffer.append(UInt8(ascii: "["))
        for ring in rings {
            if ring > rings.lowerBound { buffer.append(UInt8(ascii: ",")) }
            appendRing(ring, column, &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    private func appendRing(_ ring: Int, _ column: GeometryColumn, _ buffer: inout ByteBuffer) {
        buffer.append(UInt8(ascii: "["))
        let coordinates = column.coordinates(of: ring)
        for c in coordinates {
            if c > coordinates.lowerBound { buffer.append(UInt8(ascii: ",")) }
            appendPosition(c, column, &buffer)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    private func appendPosition(_ c: Int, _ column: GeometryColumn, _ buffer: inout ByteBuffer) {
        buffer.append(UInt8(ascii: "["))
        buffer.appendDecimal(column.xs[c], decimals: decimals, trim: true)
        buffer.append(UInt8(ascii: ","))
        buffer.appendDecimal(column.ys[c], decimals: decimals, trim: true)
        buffer.append(UInt8(ascii: "]"))
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
