/// The GeoJSON geometry types cirkel reads (GeometryCollection is not among them).
public enum GeometryKind: UInt8, Sendable, CaseIterable {
    case point, multiPoint, lineString, multiLineString, polygon, multiPolygon

    public init?(geoJSONName: String) {
        switch geoJSONName {
        case "Point": self = .point
        case "MultiPoint": self = .multiPoint
        case "LineString": self = .lineString
        case "MultiLineString": self = .multiLineString
        case "Polygon": self = .polygon
        case "MultiPolygon": self = .multiPolygon
        default: return nil
        }
    }

    public var geoJSONName: String {
        switch self {
        case .point: return "Point"
        case .multiPoint: return "MultiPoint"
        case .lineString: return "LineString"
        case .multiLineString: return "MultiLineString"
        case .polygon: return "Polygon"
        case .multiPolygon: return "MultiPolygon"
        }
    }

    /// How deeply GeoJSON nests positions for this type: 0 for a Point (one position),
    /// 1 for a list of positions, 2 for a list of rings or lines, 3 for a list of polygons.
    var coordinateNesting: Int {
        switch self {
        case .point: return 0
        case .multiPoint, .lineString: return 1
        case .multiLineString, .polygon: return 2
        case .multiPolygon: return 3
        }
    }

    public var isPolygonal: Bool { self == .polygon || self == .multiPolygon }
}
