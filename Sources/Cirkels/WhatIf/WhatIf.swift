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
    /// The prepared analysis of the planned state (buildings of the plan appended).
    public let planned: PreparedAnalysis
    /// Existing buildings evaluated again (within the largest radius of a new voorziening).
    public let reevaluated: [Int]

    public init(base: PreparedAnalysis, plan: Plan) {
        self.base = base
        self.plan = plan
        let profile = base.profile
        let data = base.data.applying(plan)
        let n = base.data.buildings.count, total = data.buildings.count
        let indexes = profile.criteria.map { CriterionIndex(criterion: $0, voorzieningen: data.voorzieningen) }
        func evaluate(_ b: Int) -> (complete: Bool, qualifying: Bool) {
            let x = data.buildings.xs[b], y = data.buildings.ys[b]
            let complete = Signature(indexes.map { $0.criterion.level(at: $0.nearest(to: x, y).distance) }).isComplete(in: profile)
            return (complete, data.buildings.qualifies(b, complete: complete))
        }
        var complete = base.complete + [Bool](repeating: false, count: total - n)
        var qualifying = base.qualifying + [Bool](repeating: false, count: total - n)
        // Existing buildings near a new voorziening: one pass over the buildings against a
        // tree of the (few) planned voorzieningen; building a grid over millions of
        // buildings would cost more than the pass.
        var reevaluated: [Int] = []
        if plan.voorzieningen.count > 0 {
            let planned = KDTree(xs: plan.voorzieningen.xs, ys: plan.voorzieningen.ys)
            let b = base.data.buildings
            for i in 0..<n where planned.nearest(to: b.xs[i], b.ys[i])!.distance <= profile.largestRadius { reevaluated.append(i) }
        }
        for b in reevaluated + Array(n..<total) { (complete[b], qualifying[b]) = evaluate(b) }
        // Components: the old ones stay whole; newly qualifying buildings link them.
        let old = base.clusters
        let newlyQualifying = (0..<total).filter { qualifying[$0] && !(($0 < n) && base.qualifying[$0]) }
        var sets = DisjointSets(count: old.componentUnits.count + newlyQualifying.count)
        func node(_ b: Int) -> Int {
            if b < n, base.qualifying[b] { return Int(old.componentOfBuilding[b]) }
            return old.componentUnits.count + newlyQualifying.firstIndexSorted(of: b)!
        }
        let link = profile.cluster.link
        let newGrid = GridIndex(xs: newlyQualifying.map { data.buildings.xs[$0] }, ys: newlyQualifying.map { data.buildings.ys[$0] }, cellSize: link)
        for (k, b) in newlyQualifying.enumerated() {
            let x = data.buildings.xs[b], y = data.buildings.ys[b]
            base.forEachQualifying(within: link, of: x, y) { q in
                sets.union(old.componentUnits.count + k, Int(old.componentOfBuilding[q]))
            }
            newGrid.forEach(within: link, of: x, y) { j, _ in sets.union(old.componentUnits.count + k, old.componentUnits.count + j) }
        }
        var componentOf = [Int32](repeating: -1, count: total)
        for b in 0..<total where qualifying[b] { componentOf[b] = Int32(sets.root(of: node(b))) }
        let clusters = Clusters(buildings: data.buildings, componentOf: componentOf, settings: profile.cluster)
        self.planned = PreparedAnalysis(updating: base, data: data, complete: complete, qualifying: qualifying, clusters: clusters)
        self.reevaluated = reevaluated
    }
}

extension Array where Element == Int {
    /// The position of `value` in this ascending array (binary search).
    func firstIndexSorted(of value: Int) -> Int? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && self[lo] == value ? lo : nil
    }
}
