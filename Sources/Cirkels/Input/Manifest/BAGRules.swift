import Foundation

/// Which BAG verblijfsobjecten are homes (SPEC §1's buildings with units 1 each).
public struct BAGRules: Sendable, Equatable {
    /// The `status` values of objects that exist: the dwelling is there, in use or not.
    /// Left out: gevormd (not yet built), ingetrokken, niet gerealiseerd, ten onrechte opgevoerd.
    public var existingStatuses: [String]
    /// The `gebruiksdoel` that makes an object a home; an object may list several, comma-separated.
    public var residentialUse: String

    public static let standard = BAGRules(
        existingStatuses: ["Verblijfsobject in gebruik", "Verblijfsobject in gebruik (niet ingemeten)",
                           "Verblijfsobject buiten gebruik", "Verbouwing verblijfsobject"],
        residentialUse: "woonfunctie")

    /// PDOK's BAG GeoPackage names its layer so.
    public static let defaultLayer = "verblijfsobject"

    /// The columns read: the id, the use, the status and the pand the object lies in.
    static let identifier = "identificatie", use = "gebruiksdoel", status = "status", pand = "pand_identificatie"

    /// The rules as an SQL condition on the BAG table, so that SQLite selects the homes and
    /// nothing else is ever read: the status one of the existing ones, and the residential
    /// use one of the comma-separated gebruiksdoelen.
    var sqlCondition: String {
        func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        let status = "\"\(Self.status)\" IN (\(existingStatuses.map(literal).joined(separator: ", ")))"
        let use = "instr(',' || replace(\"\(Self.use)\", ' ', '') || ',', \(literal("," + residentialUse.replacingOccurrences(of: " ", with: "") + ","))) > 0"
        return "\(status) AND \(use)"
    }
}

/// How the stops of a GTFS feed become OV-haltes.
public struct GTFSRules: Sendable, Equatable {
    /// Stops with the same name within this many metres are one halte (a platform pair on
    /// either side of the road, a station and its platforms).
    public var mergeWithin: Double

    public static let standard = GTFSRules(mergeWithin: 30)
}
