/// How well a location meets one criterion (SPEC §3).
public enum Level: UInt8, Sendable, Comparable, CaseIterable {
    /// Beyond the radius, or no matching voorziening at all.
    case none = 0
    /// Within the radius but beyond the ideal radius.
    case reached = 1
    /// Within the ideal radius (or within the radius when the criterion has no ideal).
    case ideal = 2

    public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

    /// The name written in outputs.
    public var name: String {
        switch self {
        case .none: return "none"
        case .reached: return "reached"
        case .ideal: return "ideal"
        }
    }
}
