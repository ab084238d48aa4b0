/// The effect of a plan, computed incrementally (what a plan can touch, nothing more):
///
/// - a new voorziening can change the levels only of buildings within the largest radius of
///   the profile around it (beyond that, its distance exceeds every radius); only those are
///   evaluated again;
/// - planned buildings are evaluated on their own;
/// - adding voorzieningen only shortens distances, so every building that qualified still
///   does: the old components stay whole, and only the newly qualifying buildings are linked
///   (to old components and to each other) to find what merges or grows.
///
/// `WhatIfTests` proves the result equal to a full recomputation of the planned data set.
public struct WhatIf: Sendable {
    public let base: PreparedAnalysis
    public let plan: Plan
    /// The whole state before and after the plan (buildings of the plan appended).
    public let baseState: AnalysisState
    public let plannedState: AnalysisState
    /// The prepared analysis of the planned state, for checks against it.
    public let planned: PreparedAnalysis
    /// Existing buildings evaluated again (within the largest radius of a new voorziening).
    public let reevaluated: [Int]
    /// Buildings (existing or planned) that qualify after the plan and did not before,
    /// ascending: the only ones that can link components.
    public let newlyQualifying: [Int]
    /// Clusters after the plan (ids) that hold a newly qualifying building: the new, grown
    /// and merged ones. Every other cluster is an old one, unchanged but for its id.
    public let changedClusters: [Int]

    public init(base: PreparedAnalysis, plan: Plan) throws {
        let baseState = try base.state()
        self.base = base
        self.plan = plan
        self.baseState = baseState
        let profile = base.profile
        let data = baseState.data.applying(plan)
        let n = baseState.data.buildings.count, total = data.buildings.count
        let indexes = CriterionIndex.all(for: profile, voorzieningen: data.voorzieningen)
        func evaluate(_ b: Int) -> (complete: Bool, qualifying: Bool) {
            let x = data.buildings.xs[b], y = data.buildings.ys[b]
            let complete = Signature(indexes.map { $0.criterion.level(at: $0.nearest(to: x, y).distance) }).isComplete(in: profile)
            return (complete, data.buildings.qualifies(b, complete: complete))
        }
        var complete = baseState.complete + [Bool](repeating: false, count: total - n)
        var qualifying = baseState.qualifying + [Bool](repeating: false, count: total - n)
        let reevaluated = Self.buildings(of: baseState.data.buildings, within: profile.largestRadius, of: plan.voorzieningen)
        for b in reevaluated + Array(n..<total) { (complete[b], qualifying[b]) = evaluate(b) }
        // Components: the old ones stay whole; newly qualifying buildings link them.
        let old = baseState.clusters
        let newlyQualifying = (reevaluated + Array(n..<total)).filter { qualifying[$0] && !($0 < n && baseState.qualifying[$0]) }
        var sets = DisjointSets(count: old.componentUnits.count + newlyQualifying.count)
        let link = profile.cluster.link
        let newGrid = GridIndex(xs: newlyQualifying.map { data.buildings.xs[$0] }, ys: newlyQualifying.map { data.buildings.ys[$0] }, cellSize: link)
        for (k, b) in newlyQualifying.enumerated() {
            let x = data.buildings.xs[b], y = data.buildings.ys[b]
            base.forEachQualifying(within: link, of: x, y) { q in
                sets.union(old.componentUnits.count + k, Int(old.componentOfBuilding[q]))
            }
            newGrid.forEach(within: link, of: x, y) { j, _ in sets.union(old.componentUnits.count + k, old.componentUnits.count + j) }
        }
        // Every old component's root (most are their own), then the new buildings'.
        var componentOf = old.componentOfBuilding + [Int32](repeating: -1, count: total - n)
        let roots = (0 ..< old.componentUnits.count).map { Int32(sets.root(of: $0)) }
        for b in 0 ..< n where componentOf[b] >= 0 { componentOf[b] = roots[Int(componentOf[b])] }
        for (k, b) in newlyQualifying.enumerated() { componentOf[b] = Int32(sets.root(of: old.componentUnits.count + k)) }
        let clusters = Clusters(buildings: data.buildings, componentOf: componentOf, settings: profile.cluster)
        let plannedState = AnalysisState(data: data, complete: complete, qualifying: qualifying, clusters: clusters)
        let changedClusters = Set(newlyQualifying.map { clusters.clusterOfBuilding[$0] }.filter { $0 > 0 }).sorted()
        // Newly clustered: members of the changed clusters that were in none before (a plan
        // only adds, so no building leaves a cluster).
        let newlyClustered = changedClusters.flatMap { clusters.clusters[$0 - 1].members }
            .filter { $0 >= n || baseState.clusters.clusterOfBuilding[$0] == 0 }.sorted()
        self.plannedState = plannedState
        self.planned = PreparedAnalysis(updating: base, planned: plannedState, newlyQualifying: newlyQualifying, newlyClustered: newlyClustered)
        self.reevaluated = reevaluated
        self.newlyQualifying = newlyQualifying
        self.changedClusters = changedClusters
    }

    /// The buildings within `radius` of any of `voorzieningen`, ascending: one pass over the
    /// buildings, testing each against the bounding box of the voorzieningen grown by the
    /// radius first, and only the few inside against a tree of them (building a grid over
    /// millions of buildings would cost more than the pass).
    static func buildings(of buildings: Buildings, within radius: Double, of voorzieningen: Voorzieningen) -> [Int] {
        guard voorzieningen.count > 0 else { return [] }
        let tree = KDTree(xs: voorzieningen.xs, ys: voorzieningen.ys)
        let minX = voorzieningen.xs.min()! - radius, maxX = voorzieningen.xs.max()! + radius
        let minY = voorzieningen.ys.min()! - radius, maxY = voorzieningen.ys.max()! + radius
        var found: [Int] = []
        for i in 0 ..< buildings.count {
            let x = buildings.xs[i], y = buildings.ys[i]
            if x >= minX, x <= maxX, y >= minY, y <= maxY, tree.nearest(to: x, y)!.distance <= radius { found.append(i) }
        }
        return found
    }
}
