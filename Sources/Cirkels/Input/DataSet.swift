/// The buildings of a data set (SPEC §1), as parallel arrays, located in RD New metres.
public struct Buildings: Sendable {
    /// Identifiers; empty when a prepared index was loaded without them (`cirkel check`
    /// shows none, and decoding millions of strings would dominate its start-up).
    public internal(set) var ids: [String] = []
    /// The location: the point, or a polygon's point on surface (SPEC §2).
    public internal(set) var xs: [Double] = []
    public internal(set) var ys: [Double] = []
    /// Wooneenheden (0 = not residential).
    public internal(set) var units: [Int32] = []
    /// False only where the input says `nultreden: false` (it then cannot qualify).
    public internal(set) var nultredenAllowed: [Bool] = []

    public init() {}

    public var count: Int { xs.count }

    public mutating func append(id: String, x: Double, y: Double, units: Int, nultredenAllowed: Bool) {
        // Without ids (see `ids`), none are kept for added buildings either.
        if ids.count == xs.count { ids.append(id) }
        xs.append(x)
        ys.append(y)
        self.units.append(Int32(units))
        self.nultredenAllowed.append(nultredenAllowed)
    }
}

/// Voorzieningen and OV-haltes together: every place a criterion can be satisfied by.
public struct Voorzieningen: Sendable {
    /// The type, trimmed and lower-cased; `ov_halte` for every halte.
    public internal(set) var types: [String] = []
    public internal(set) var names: [String] = []
    public internal(set) var xs: [Double] = []
    public internal(set) var ys: [Double] = []

    public init() {}

    public var count: Int { types.count }

    public mutating func append(type: String, name: String, x: Double, y: Double) {
        types.append(type)
        names.append(name)
        xs.append(x)
        ys.append(y)
    }

    /// The type every OV-halte gets.
    public static let ovHalteType = "ov_halte"
}

/// Buurten (neighbourhoods) with their polygons in RD New.
public struct Buurten: Sendable {
    public internal(set) var codes: [String] = []
    public internal(set) var names: [String] = []
    /// One Polygon or MultiPolygon feature per buurt, in RD New.
    public internal(set) var geometries = GeometryColumn()

    public init() {}

    public var count: Int { codes.count }
}

/// A complete input: SPEC §1's folder, read, validated and projected.
public struct DataSet: Sendable {
    public var buildings: Buildings
    public var voorzieningen: Voorzieningen
    public var buurten: Buurten
    /// Where it was read from (for reports).
    public var source: String

    public init(buildings: Buildings, voorzieningen: Voorzieningen, buurten: Buurten, source: String) {
        self.buildings = buildings
        self.voorzieningen = voorzieningen
        self.buurten = buurten
        self.source = source
    }
}
