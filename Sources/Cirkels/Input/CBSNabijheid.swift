import Foundation

/// CBS's nabijheid figures in the wijk- en buurtkaart: per buurt, the average distance by
/// road from the inhabitants' addresses to the nearest voorziening of a kind, in km.
enum CBSNabijheid {
    /// The kerncijfer columns for the voorziening types cirkel's profiles use:
    /// AF_ARTSPR huisartsenpraktijk, AF_APOTH apotheek, AF_SUPERM grote supermarkt.
    static let standardColumns = ["huisarts": "AF_ARTSPR", "apotheek": "AF_APOTH", "supermarkt": "AF_SUPERM"]

    /// PDOK's GeoPackage of the wijk- en buurtkaart names its buurten layer so.
    static let buurtenLayer = "buurten"

    /// The spellings a column has in CBS's files: as written, upper and lower case, and with
    /// the `cbs_` prefix of some redistributions.
    static func variants(of column: String) -> [String] {
        let bare = [column, column.uppercased(), column.lowercased()]
        return Array(Set(bare + bare.map { "cbs_" + $0 })).sorted()
    }

    /// A distance in km as CBS writes it, or nil: CBS writes negative sentinels
    /// (-99999997 and the like) for figures it keeps secret or does not have.
    static func kilometres(_ value: PropertyValue) -> Double? {
        switch value {
        case let .number(n) where n.isFinite && n >= 0: return n
        case let .string(s):
            // CBS's CSV exports write a decimal comma.
            guard let n = Double(s.replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces)), n.isFinite, n >= 0 else { return nil }
            return n
        default: return nil
        }
    }
}
