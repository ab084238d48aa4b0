/// What `cirkel check` finds for one criterion at a location.
public struct CriterionFinding: Sendable {
    public let criterion: Criterion
    /// d_c: the distance to the nearest matching voorziening (infinite when there is none).
    public let distance: Double
    public let level: Level
    /// The nearest matching voorziening (index into the data's Voorzieningen), if any.
    public let nearest: Int?
    public var points: Double { criterion.points(for: level) }
}

/// What homes at a location would mean for the clusters (SPEC §4).
public struct ClusterFinding: Sendable {
    /// The nearest cluster: its id, units and the distance to its nearest member home.
    public let nearest: (id: Int, units: Int, distance: Double)?
    /// The homes assumed at the location.
    public let plannedUnits: Int
    /// Whether such homes would qualify (complete location; nultreden assumed).
    public let homesQualify: Bool
    /// Clusters within link distance that the homes would join (several: they would merge).
    public let joins: [Int]
    /// The units of the group the homes would form or grow: the planned units plus every
    /// qualifying component they link to.
    public let resultingUnits: Int
    /// Whether the group would be a cluster (resultingUnits ≥ min_units).
    public var formsCluster: Bool { homesQualify && resultingUnits >= minUnits }
    public let minUnits: Int
    public let link: Double
}

/// The answer to a planner's question about one location.
public struct LocationReport: Sendable {
    public let location: Location
    public let findings: [CriterionFinding]
    public let score: Double
    public let maximumScore: Double
    public let complete: Bool
    /// The signature at the spot: the vlek it lies in (away from vlek edges).
    public var signature: Signature { Signature(findings.map(\.level)) }
    /// The buurt covering the location (index into the data's Buurten), if any.
    public let buurt: Int?
    public let cluster: ClusterFinding

    /// Required criteria not reached: what is missing.
    public var missing: [CriterionFinding] { findings.filter { $0.criterion.required && $0.level == .none } }
    /// Optional criteria not reached.
    public var absentOptional: [CriterionFinding] { findings.filter { !$0.criterion.required && $0.level == .none } }
}
