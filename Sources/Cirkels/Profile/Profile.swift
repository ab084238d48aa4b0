/// How buildings are linked into clusters (SPEC §4).
public struct ClusterSettings: Sendable, Equatable {
    /// Two qualifying buildings within this distance (metres, inclusive) are linked.
    public let link: Double
    /// A component is a cluster when its units add up to at least this.
    public let minUnits: Int

    public init(link: Double, minUnits: Int) {
        self.link = link
        self.minUnits = minUnits
    }
}

/// A list of criteria plus cluster settings (SPEC §3): what "close to care" means for one
/// analysis. Built-in profiles are in `BuiltInProfiles`; users load their own with
/// `ProfileLoader`.
public struct Profile: Sendable, Equatable {
    public let name: String
    public let description: String
    public let criteria: [Criterion]
    public let cluster: ClusterSettings

    /// Validates and creates a profile; `source` names it in errors.
    public init(name: String, description: String = "", criteria: [Criterion], cluster: ClusterSettings, source: String? = nil) throws {
        let source = source ?? name
        func fail(_ reason: String) -> CirkelError { .invalidProfile(source: source, reason: reason) }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("the profile has no name") }
        guard !criteria.isEmpty else { throw fail("the profile has no criteria") }
        guard criteria.count <= Self.maximumCriteria else { throw fail("at most \(Self.maximumCriteria) criteria are supported") }
        var seen = Set<String>()
        for c in criteria {
            guard Self.isValidCriterionName(c.name) else {
                throw fail("criterion name \"\(c.name)\" must start with a lower-case letter and contain only a-z, 0-9 and _ (it becomes a column name)")
            }
            guard seen.insert(c.name).inserted else { throw fail("criterion \"\(c.name)\" appears twice") }
            guard !c.types.isEmpty, !c.types.contains("") else { throw fail("criterion \"\(c.name)\" needs at least one voorziening type") }
            guard c.radius.isFinite, c.radius > 0 else { throw fail("criterion \"\(c.name)\": radius must be a positive number of metres") }
            if let ideal = c.ideal {
                guard ideal.isFinite, ideal > 0, ideal <= c.radius else {
                    throw fail("criterion \"\(c.name)\": ideal (\(ideal)) must be positive and at most the radius (\(c.radius))")
                }
            }
            guard c.weight.isFinite, c.weight >= 0 else { throw fail("criterion \"\(c.name)\": weight must be a number ≥ 0") }
        }
        guard cluster.link.isFinite, cluster.link > 0 else { throw fail("cluster link must be a positive number of metres") }
        guard cluster.minUnits >= 1 else { throw fail("cluster min_units must be at least 1") }
        self.name = name
        self.description = description
        self.criteria = criteria
        self.cluster = cluster
    }

    /// Signatures are encoded in base 3, one digit per criterion, in a UInt64.
    public static let maximumCriteria = 32

    static func isValidCriterionName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The highest score possible: the sum of the weights.
    public var maximumScore: Double { criteria.reduce(0) { $0 + $1.weight } }

    /// The largest radius of any criterion.
    public var largestRadius: Double { criteria.map(\.radius).max() ?? 0 }
}
