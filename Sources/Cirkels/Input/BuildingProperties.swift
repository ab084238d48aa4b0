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
