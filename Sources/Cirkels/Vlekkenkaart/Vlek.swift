/// One vlek (patch) of the vlekkenkaart: all places with the same signature.
public struct Vlek: Sendable {
    public let signature: Signature
    public let score: Double
    public let complete: Bool
    /// Area in m² (RD New).
    public let area: Double
    /// Buildings and units located in it.
    public let buildings: Int
    public let units: Int
}

/// The vlekkenkaart: the union of all reach areas, partitioned by signature (SPEC §5).
public struct Vlekkenkaart: Sendable {
    /// Ordered by score (descending), then signature (best levels first).
    public let vlekken: [Vlek]
    /// One MultiPolygon feature per vlek, same order, RD New.
    public let geometries: GeometryColumn
    /// Per building: its vlek's index, or -1 when it lies outside every reach area (or in a
    /// sliver the polygon approximation of the discs does not hold).
    public let vlekOfBuilding: [Int]
}
