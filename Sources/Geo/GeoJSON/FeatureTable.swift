/// The features of one GeoJSON file: their geometries as flat arrays, the properties the
/// caller asked for as columns, and the file's declared coordinate reference system.
public struct FeatureTable: Sendable {
    /// Where the features came from, for error messages.
    public let source: String
    public var geometries = GeometryColumn()
    /// One column per requested property name, each with one value per feature.
    public internal(set) var properties: [String: [PropertyValue]] = [:]
    /// The feature-level `id` member (not the property), per feature; `.absent` when missing.
    public internal(set) var featureIDs: [PropertyValue] = []
    /// The CRS named by the legacy `crs` member, or WGS84 when there is none.
    public internal(set) var crs: CoordinateReferenceSystem = .wgs84

    public init(source: String) {
        self.source = source
    }

    /// A table made by a reader of another format (CSV, GTFS): `properties` must hold one
    /// value per feature in every column.
    public init(source: String, geometries: GeometryColumn, properties: [String: [PropertyValue]],
                crs: CoordinateReferenceSystem) {
        precondition(properties.values.allSatisfy { $0.count == geometries.count }, "one value per feature")
        self.source = source
        self.geometries = geometries
        self.properties = properties
        self.featureIDs = Array(repeating: .absent, count: geometries.count)
        self.crs = crs
    }

    public var count: Int { geometries.count }

    /// The column of a requested property (all `.absent` if the file never had it).
    public func column(_ name: String) -> [PropertyValue] {
        properties[name] ?? Array(repeating: .absent, count: count)
    }
}
