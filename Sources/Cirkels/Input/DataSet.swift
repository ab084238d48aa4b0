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
    /// The BAG pand each building (verblijfsobject) lies in, so the flats of one pand can be
    /// recognised; empty when the source has no such ids.
    public internal(set) var pandIDs: [String] = []

    public init() {}

    public var count: Int { xs.count }

    public mutating func append(id: String, x: Double, y: Double, units: Int, nultredenAllowed: Bool) {
        // Without ids (see `ids`), none are kept for added buildings either.
        if ids.count == xs.count { ids.append(id) }
        // A building added to a data set with pand ids (a planned home) lies in no known pand.
        if !pandIDs.isEmpty { pandIDs.append("") }
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
    /// CBS's `wijkcode`, `gemeentecode` and `gemeentenaam` per buurt ("" where the source
    /// has none); empty arrays when the source had none of these columns.
    public internal(set) var wijkCodes: [String] = []
    public internal(set) var gemeenteCodes: [String] = []
    public internal(set) var gemeenteNames: [String] = []
    /// CBS's `water` = JA: a buurt of water only, kept out of area shares; empty when unknown.
    public internal(set) var isWater: [Bool] = []
    /// CBS's nabijheid figures found in the source: per voorziening type, the column and the
    /// average distance by road in km per buurt (nil where CBS gives none).
    public internal(set) var nabijheid: [Nabijheid] = []

    public struct Nabijheid: Sendable {
        public let type: String
        public let column: String
        public let kilometres: [Double?]
    }

    public init() {}

    public var count: Int { codes.count }

    /// Whether buurt k is water only.
    public func water(_ k: Int) -> Bool { k < isWater.count && isWater[k] }

    /// The wijk of buurt k: CBS's `wijkcode`, or derived from a CBS buurtcode
    /// (BU + gemeente 4 + wijk 2 + buurt 2 digits gives WK + the first 6 digits).
    public func wijkCode(_ k: Int) -> String? {
        if k < wijkCodes.count, !wijkCodes[k].isEmpty { return wijkCodes[k] }
        return Self.cbsDigits(codes[k]).map { "WK" + $0.prefix(6) }
    }

    /// The gemeente of buurt k: CBS's `gemeentecode`, or derived from a CBS buurtcode.
    public func gemeenteCode(_ k: Int) -> String? {
        if k < gemeenteCodes.count, !gemeenteCodes[k].isEmpty { return gemeenteCodes[k] }
        return Self.cbsDigits(codes[k]).map { "GM" + $0.prefix(4) }
    }

    public func gemeenteName(_ k: Int) -> String {
        k < gemeenteNames.count ? gemeenteNames[k] : ""
    }

    /// The 8 digits of a code of CBS's form BU12345678, else nil.
    private static func cbsDigits(_ code: String) -> Substring? {
        let digits = code.dropFirst(2)
        guard code.hasPrefix("BU"), digits.count == 8, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return digits
    }
}

/// A complete input: SPEC §1's folder, read, validated and projected.
public struct DataSet: Sendable {
    public var buildings: Buildings
    public var voorzieningen: Voorzieningen
    public var buurten: Buurten
    /// Where it was read from (for reports).
    public var source: String
    /// What reading left out or merged, one line per source, for the run's report
    /// ("bag-light.gpkg: 8,012,345 of 8,301,210 verblijfsobjecten are existing homes").
    public var notes: [String]

    public init(buildings: Buildings, voorzieningen: Voorzieningen, buurten: Buurten, source: String, notes: [String] = []) {
        self.buildings = buildings
        self.voorzieningen = voorzieningen
        self.buurten = buurten
        self.source = source
        self.notes = notes
    }
}
