/// Answers `cirkel check` for locations against a prepared analysis.
public struct LocationChecker {
    public let prepared: PreparedAnalysis
    private let context = GEOSContext()
    private let buurtCache = PreparedBuurtCache()

    public init(prepared: PreparedAnalysis) {
        self.prepared = prepared
    }

    /// The report for homes with `units` wooneenheden at `location` (nultreden assumed).
    public func check(_ location: Location, units: Int = 1) throws -> LocationReport {
        let profile = prepared.profile
        let (x, y) = (location.x, location.y)
        var findings: [CriterionFinding] = []
        for index in prepared.criterionIndexes {
            let (d, nearest) = index.nearest(to: x, y)
            findings.append(CriterionFinding(criterion: index.criterion, distance: d, level: index.criterion.level(at: d), nearest: nearest))
        }
        let score = findings.reduce(0) { $0 + $1.points }
        let complete = Signature(findings.map(\.level)).isComplete(in: profile)
        let buurt = try prepared.buurtLookup.buurt(at: x, y, context: context, cache: buurtCache)
        return LocationReport(location: location, findings: findings, score: score, maximumScore: profile.maximumScore,
                              complete: complete, buurt: buurt,
                              cluster: clusterFinding(x: x, y: y, units: units,
                                                       // the planner's homes are assumed nultreden
                                                       qualifies: Buildings.qualifies(complete: complete, units: units, nultredenAllowed: true)))
    }

    func clusterFinding(x: Double, y: Double, units: Int, qualifies: Bool) -> ClusterFinding {
        let settings = prepared.profile.cluster
        var nearest: (id: Int, units: Int, distance: Double)?
        if let (building, d) = prepared.nearestClustered(to: x, y) {
            let id = Int(prepared.clusterOfBuilding[building])
            // A damaged index reads as zeros (checkIntegrity reports it); never index with 0.
            if id > 0 { nearest = (id, Int(prepared.clusterUnits[id - 1]), d) }
        }
        var joins = Set<Int>()
        var components = Set<Int32>()
        if qualifies {
            prepared.forEachQualifying(within: settings.link, of: x, y) { b in
                components.insert(prepared.componentOfBuilding[b])
                let cluster = Int(prepared.clusterOfBuilding[b])
                if cluster > 0 { joins.insert(cluster) }
            }
        }
        let resulting = units + components.reduce(0) { $1 >= 0 ? $0 + Int(prepared.componentUnits[Int($1)]) : $0 }
        return ClusterFinding(nearest: nearest, plannedUnits: units, homesQualify: qualifies, joins: joins.sorted(),
                              resultingUnits: qualifies ? resulting : units, minUnits: settings.minUnits, link: settings.link)
    }
}
