/// The rules for a building's properties (SPEC §1), shared by data sets and plans.
enum BuildingProperties {
    /// `nultreden`: optional boolean; only an explicit false keeps the building from
    /// qualifying. Anything else than a boolean, null or absence is an error.
    static func nultredenAllowed(_ value: PropertyValue, fail: (String) -> CirkelError) throws -> Bool {
        switch value {
        case .absent, .null: return true
        case let .bool(b): return b
        default: throw fail("\"nultreden\" must be true or false, found \(value.description)")
        }
    }
}

extension Buildings {
    /// SPEC §3: a building qualifies when it has at least one unit, nultreden is not false,
    /// and its location is complete. The one place this rule is written.
    @inline(__always)
    public static func qualifies(complete: Bool, units: Int, nultredenAllowed: Bool) -> Bool {
        complete && units >= 1 && nultredenAllowed
    }

    /// Whether building b qualifies, given whether its location is complete.
    @inline(__always)
    public func qualifies(_ b: Int, complete: Bool) -> Bool {
        Buildings.qualifies(complete: complete, units: Int(units[b]), nultredenAllowed: nultredenAllowed[b])
    }
}
