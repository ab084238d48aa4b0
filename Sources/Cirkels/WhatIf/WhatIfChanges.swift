/// What a plan changes, in the terms a planner reports: units that become complete or
/// qualify, clusters that appear, grow or merge, per buurt.
public struct WhatIfChanges: Sendable {
    public enum ClusterChangeKind: String, Sendable {
        case new, grown, merged
    }

    public struct ClusterChange: Sendable {
        public let kind: ClusterChangeKind
        /// The cluster's id after the plan.
        public let id: Int
        public let units: Int
        /// The clusters before the plan it contains (ids before the plan) and their units.
        public let before: [(id: Int, units: Int)]
    }

    public struct BuurtChange: Sendable {
        /// Index into the data's buurten, nil for buildings outside every buurt.
        public let buurt: Int?
        public let unitsComplete: Int
        public let unitsQualifying: Int
        public let unitsInClusters: Int
    }

    public let plannedVoorzieningen: Int
    public let plannedBuildings: Int
    public let plannedUnits: Int
    /// Units of existing buildings that become complete / qualifying.
    public let existingUnitsBecomingComplete: Int
    public let existingUnitsBecomingQualifying: Int
    /// Units of planned buildings that are complete / qualify.
    public let plannedUnitsComplete: Int
    public let plannedUnitsQualifying: Int
    /// Change in the units in clusters, over all buildings.
    public let unitsInClustersChange: Int
    public let clusters: [ClusterChange]
    /// Buurten with any change, in file order (buildings outside every buurt last).
    public let buurten: [BuurtChange]

    public init(_ w: WhatIf) throws {
        let base = w.baseState, planned = w.plannedState
        let n = base.data.buildings.count, total = planned.data.buildings.count
        let units = planned.data.buildings.units
        var becomingComplete = 0, becomingQualifying = 0
        for b in w.reevaluated {
            if planned.complete[b] && !base.complete[b] { becomingComplete += Int(units[b]) }
            if planned.qualifying[b] && !base.qualifying[b] { becomingQualifying += Int(units[b]) }
        }
        var plannedComplete = 0, plannedQualifying = 0
        for b in n..<total {
            if planned.complete[b] { plannedComplete += Int(units[b]) }
            if planned.qualifying[b] { plannedQualifying += Int(units[b]) }
        }
        // Clusters after the plan that differ from every cluster before it: only those
        // holding a newly qualifying building can.
        var changes: [ClusterChange] = []
        for c in w.changedClusters.map({ planned.clusters.clusters[$0 - 1] }) {
            let before = Set(c.members.filter { $0 < n }.map { base.clusters.clusterOfBuilding[$0] }.filter { $0 > 0 }).sorted()
            let beforeUnits = before.map { (id: $0, units: base.clusters.clusters[$0 - 1].units) }
            switch before.count {
            case 0: changes.append(ClusterChange(kind: .new, id: c.id, units: c.units, before: []))
            case 1 where c.units != beforeUnits[0].units || c.members.count != base.clusters.clusters[before[0] - 1].members.count:
                changes.append(ClusterChange(kind: .grown, id: c.id, units: c.units, before: beforeUnits))
            case 1: break
            default: changes.append(ClusterChange(kind: .merged, id: c.id, units: c.units, before: beforeUnits))
            }
        }
        // Per buurt: every building whose state changed, and every planned building. Only
        // buildings evaluated again, planned ones and members of changed clusters can change.
        var candidates = Set(w.reevaluated)
        candidates.formUnion(n ..< total)
        for id in w.changedClusters { candidates.formUnion(planned.clusters.clusters[id - 1].members) }
        var changed: [Int] = []
        var inClustersChange = 0
        for b in candidates.sorted() {
            let wasInCluster = b < n && base.clusters.clusterOfBuilding[b] > 0
            let isInCluster = planned.clusters.clusterOfBuilding[b] > 0
            if wasInCluster != isInCluster { inClustersChange += (isInCluster ? 1 : -1) * Int(units[b]) }
            let wasComplete = b < n && base.complete[b], wasQualifying = b < n && base.qualifying[b]
            if b >= n || wasInCluster != isInCluster || wasComplete != planned.complete[b] || wasQualifying != planned.qualifying[b] {
                changed.append(b)
            }
        }
        let context = GEOSContext(), cache = PreparedBuurtCache()
        var rows: [Int: (complete: Int, qualifying: Int, clusters: Int)] = [:]
        for b in changed {
            let buurt = try w.planned.buurtLookup.buurt(at: planned.data.buildings.xs[b], planned.data.buildings.ys[b], context: context, cache: cache) ?? -1
            let u = Int(units[b])
            func delta(_ before: Bool, _ after: Bool) -> Int { (after ? u : 0) - (before ? u : 0) }
            var row = rows[buurt, default: (0, 0, 0)]
            row.complete += delta(b < n && base.complete[b], planned.complete[b])
            row.qualifying += delta(b < n && base.qualifying[b], planned.qualifying[b])
            row.clusters += delta(b < n && base.clusters.clusterOfBuilding[b] > 0, planned.clusters.clusterOfBuilding[b] > 0)
            rows[buurt] = row
        }
        buurten = rows.keys.sorted { ($0 < 0 ? Int.max : $0) < ($1 < 0 ? Int.max : $1) }.compactMap { k in
            let r = rows[k]!
            guard r.complete != 0 || r.qualifying != 0 || r.clusters != 0 else { return nil }
            return BuurtChange(buurt: k < 0 ? nil : k, unitsComplete: r.complete, unitsQualifying: r.qualifying, unitsInClusters: r.clusters)
        }
        plannedVoorzieningen = w.plan.voorzieningen.count
        plannedBuildings = w.plan.buildings.count
        plannedUnits = w.plan.buildings.units.reduce(0) { $0 + Int($1) }
        existingUnitsBecomingComplete = becomingComplete
        existingUnitsBecomingQualifying = becomingQualifying
        plannedUnitsComplete = plannedComplete
        plannedUnitsQualifying = plannedQualifying
        unitsInClustersChange = inClustersChange
        clusters = changes
    }
}
