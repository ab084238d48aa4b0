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

    /// Whether an object with this use and status is an existing home.
    func isExistingHome(use: String, status: String) -> Bool {
        existingStatuses.contains(status) && use.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == residentialUse }
    }
}

/// How the stops of a GTFS feed become OV-haltes.
public struct GTFSRules: Sendable, Equatable {
    /// Stops with the same name within this many metres are one halte (a platform pair on
    /// either side of the road, a station and its platforms).
    public var mergeWithin: Double

    public static let standard = GTFSRules(mergeWithin: 30)
}
