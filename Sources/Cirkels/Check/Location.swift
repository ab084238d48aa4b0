import Foundation

/// A place a planner asks about, in RD New metres, with the words it was given in.
public struct Location: Sendable, Equatable {
    public let x: Double
    public let y: Double
    /// A label for reports: the input text, or a name from a locations file.
    public let label: String

    public init(x: Double, y: Double, label: String) {
        self.x = x
        self.y = y
        self.label = label
    }

    /// Parses "lon,lat" (WGS84 degrees) or, with `rd`, "x,y" (RD New metres) and checks the
    /// RD domain, so swapped or mistyped coordinates get a clear error.
    public static func parse(_ text: String, rd: Bool, projection: ProjectionDefinition? = nil) throws -> Location {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), a.isFinite, b.isFinite else {
            throw CirkelError.invalidRequest("location \"\(text)\": expected two numbers separated by a comma, "
                + (rd ? "x,y in RD New metres (e.g. 155000,463000)" : "lon,lat in degrees (e.g. 5.3872,52.1552)"))
        }
        return try make(a, b, crs: rd ? .rdNew : .wgs84, label: text, projection: projection)
    }

    /// A location from coordinates in either CRS, projected to RD New and checked.
    public static func make(_ a: Double, _ b: Double, crs: CoordinateReferenceSystem, label: String,
                            projection: ProjectionDefinition? = nil) throws -> Location {
        try makeAll([(a, b, label)], crs: crs, projection: projection) { _, error in error }[0]
    }

    /// Many locations, projected in one PROJ call (creating a transformation costs about
    /// 20 ms: once per batch, not once per location; well under 1 ms from a stored
    /// `projection` definition). `describe(k, error)` lets the caller say which row an error
    /// is about.
    public static func makeAll(_ points: [(Double, Double, String)], crs: CoordinateReferenceSystem, projection: ProjectionDefinition? = nil,
                               describe: (Int, CirkelError) -> CirkelError) throws -> [Location] {
        var xs = points.map(\.0), ys = points.map(\.1)
        if crs == .wgs84, !points.isEmpty {
            try wrappingGeoErrors {
                let transformation = try projection.map { try Projection(definition: $0.wgs84ToRD, from: .wgs84, to: .rdNew) }
                    ?? Projection(from: .wgs84, to: .rdNew)
                try transformation.transform(xs: &xs, ys: &ys)
            }
        }
        return try points.indices.map { k in
            let (a, b, label) = points[k]
            guard RDNewDomain.contains(x: xs[k], y: ys[k]) else {
                throw describe(k, .invalidRequest("location \"\(label)\" lies outside the RD New domain: \(RDNewDomain.hint(originalX: a, originalY: b, declared: crs))"))
            }
            return Location(x: xs[k], y: ys[k], label: label)
        }
    }
}

/// The WGS84 → RD New operation PROJ uses in the Netherlands, as a PROJ pipeline: stored in
/// an index when it is made, so that `check` projects its locations exactly as the analysis
/// did, without PROJ's 20 ms search of its database.
public struct ProjectionDefinition: Sendable, Equatable {
    public let wgs84ToRD: String

    public init(wgs84ToRD: String) { self.wgs84ToRD = wgs84ToRD }

    /// The operation PROJ chooses at the RD origin (one operation covers the whole country).
    public static func current() throws -> ProjectionDefinition {
        try wrappingGeoErrors {
            ProjectionDefinition(wgs84ToRD: try Projection(from: .wgs84, to: .rdNew).definition(at: RDNewDomain.originLongitude, RDNewDomain.originLatitude))
        }
    }
}
