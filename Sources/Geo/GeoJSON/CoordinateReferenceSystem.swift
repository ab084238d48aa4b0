/// The two coordinate reference systems cirkel reads and writes.
public enum CoordinateReferenceSystem: String, Sendable, CaseIterable {
    /// WGS84 longitude, latitude in degrees (RFC 7946; EPSG:4326 in lon/lat order).
    case wgs84
    /// Rijksdriehoekstelsel, RD New (EPSG:28992), metres.
    case rdNew

    /// The PROJ/EPSG identifier.
    public var epsg: String {
        switch self {
        case .wgs84: return "EPSG:4326"
        case .rdNew: return "EPSG:28992"
        }
    }

    /// Recognises the names the legacy GeoJSON `crs` member uses ("EPSG:28992",
    /// "urn:ogc:def:crs:EPSG::28992", "urn:ogc:def:crs:OGC:1.3:CRS84", …); nil when unknown.
    public init?(crsName name: String) {
        let normalised = name.trimmingCharacters(in: .whitespaces).uppercased()
        switch normalised {
        case "EPSG:28992", "URN:OGC:DEF:CRS:EPSG::28992", "URN:OGC:DEF:CRS:EPSG:28992",
             "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/28992":
            self = .rdNew
        case "EPSG:4326", "URN:OGC:DEF:CRS:EPSG::4326", "URN:OGC:DEF:CRS:OGC:1.3:CRS84",
             "URN:OGC:DEF:CRS:OGC::CRS84", "CRS84", "OGC:CRS84", "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84":
            self = .wgs84
        default:
            return nil
        }
    }
}

import Foundation
