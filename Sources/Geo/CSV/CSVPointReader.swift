/// Reads a CSV file with a point per row into a `FeatureTable`: the coordinates from two
/// named columns, either WGS84 longitude/latitude or RD New x/y, and the columns asked for
/// as text properties (`.null` where a field is empty).
///
/// Errors name the file, the row (0-based, as the feature index) with its line, and the
/// reason: a missing column, an empty or non-numeric coordinate.
public struct CSVPointReader {
    /// Which columns hold the coordinates, and in which reference system.
    public struct Coordinates: Sendable, Equatable {
        public let x: String
        public let y: String
        public let crs: CoordinateReferenceSystem

        /// WGS84 longitude and latitude columns.
        public static func lonLat(lon: String, lat: String) -> Coordinates { Coordinates(x: lon, y: lat, crs: .wgs84) }
        /// RD New x and y columns (metres).
        public static func rd(x: String, y: String) -> Coordinates { Coordinates(x: x, y: y, crs: .rdNew) }
    }

    public var coordinates: Coordinates
    /// Columns kept as properties; each must exist.
    public var properties: [String]
    /// Columns kept when the file has them (absent in every feature otherwise).
    public var optionalProperties: [String]

    public init(coordinates: Coordinates, properties: [String] = [], optionalProperties: [String] = []) {
        self.coordinates = coordinates
        self.properties = properties
        self.optionalProperties = optionalProperties
    }

    public func read(path: String) throws -> FeatureTable {
        let csv = try CSVReader(path: path)
        let crsWord = coordinates.crs == .wgs84 ? "WGS84" : "RD New"
        let xColumn = try csv.requiredIndex(of: coordinates.x, purpose: "the \(crsWord) \(coordinates.crs == .wgs84 ? "longitude" : "x")")
        let yColumn = try csv.requiredIndex(of: coordinates.y, purpose: "the \(crsWord) \(coordinates.crs == .wgs84 ? "latitude" : "y")")
        var kept: [(name: String, column: Int)] = []
        for name in properties { kept.append((name, try csv.requiredIndex(of: name, purpose: "named in the manifest"))) }
        for name in optionalProperties where !properties.contains(name) {
            if let k = csv.index(of: name) { kept.append((name, k)) }
        }
        var geometries = GeometryColumn()
        var values = [[PropertyValue]](repeating: [], count: kept.count)
        var row = 0
        try csv.forEachRow { fields in
            func number(_ column: Int, _ name: String) throws -> Double {
                guard let value = fields.double(column), value.isFinite else {
                    let text = fields.string(column)
                    throw GeoError.feature(file: path, index: row, reason: "line \(fields.line): \"\(name)\" must be a number, found \(text.isEmpty ? "nothing" : "\"\(text)\"")")
                }
                return value
            }
            let x = try number(xColumn, coordinates.x), y = try number(yColumn, coordinates.y)
            geometries.appendPoint(x, y)
            for (k, property) in kept.enumerated() {
                values[k].append(fields.isEmpty(property.column) ? .null : .string(fields.string(property.column)))
            }
            row += 1
        }
        var table: [String: [PropertyValue]] = [:]
        for (k, property) in kept.enumerated() { table[property.name] = values[k] }
        return FeatureTable(source: path, geometries: geometries, properties: table, crs: coordinates.crs)
    }
}
