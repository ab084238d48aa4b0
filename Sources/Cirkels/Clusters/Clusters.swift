/// One cluster (SPEC §4): a connected group of qualifying buildings with enough units.
public struct Cluster: Sendable {
    /// 1 … n, by units descending, ties by the smallest member location (x, then y).
    public let id: Int
    /// Member building indices, ascending.
    public let members: [Int]
    public let units: Int
    /// The unit-weighted centroid of the members' locations (RD New).
    public let centroidX: Double
    public let centroidY: Double
    /// The largest distance of a member from the centroid.
    public let extent: Double
}

/// The clusters of a data set: qualifying buildings linked within `link` metres, grouped
/// into connected components, kept when their units reach `minUnits`.
public struct Clusters: Sendable {
    public let clusters: [Cluster]
    /// Per building: its cluster id, 0 for none.
    public let clusterOfBuilding: [Int]

    public init(buildings: Buildings, qualifying: [Bool], settings: ClusterSettings) {
        let candidates = qualifying.indices.filter { qualifying[$0] }
        let grid = GridIndex(xs: candidates.map { buildings.xs[$0] }, ys: candidates.map { buildings.ys[$0] }, cellSize: settings.link)
        var sets = DisjointSets(count: candidates.count)
        grid.forEachPair(within: settings.link) { i, j, _ in sets.union(i, j) }

        struct Draft {
            let members: [Int]
            let units: Int
            let smallestX: Double
            let smallestY: Double
        }
        var drafts: [Draft] = []
        for component in sets.components() {
            let members = component.map { candidates[$0] }
            let units = members.reduce(0) { $0 + Int(buildings.units[$1]) }
            guard units >= settings.minUnits else { continue }
            var sx = Double.infinity, sy = Double.infinity
            for m in members where buildings.xs[m] < sx || (buildings.xs[m] == sx && buildings.ys[m] < sy) {
                sx = buildings.xs[m]
                sy = buildings.ys[m]
            }
            drafts.append(Draft(members: members.sorted(), units: units, smallestX: sx, smallestY: sy))
        }
        drafts.sort { a, b in
            if a.units != b.units { return a.units > b.units }
            if a.smallestX != b.smallestX { return a.smallestX < b.smallestX }
            return a.smallestY < b.smallestY
        }
        var clusterOfBuilding = [Int](repeating: 0, count: buildings.count)
        var clusters: [Cluster] = []
        for (k, draft) in drafts.enumerated() {
            var wx = 0.0, wy = 0.0
            for m in draft.members {
                wx += Double(buildings.units[m]) * buildings.xs[m]
                wy += Double(buildings.units[m]) * buildings.ys[m]
            }
            let cx = wx / Double(draft.units), cy = wy / Double(draft.units)
            let extent = draft.members.map { euclideanDistance(cx, cy, buildings.xs[$0], buildings.ys[$0]) }.max() ?? 0
            for m in draft.members { clusterOfBuilding[m] = k + 1 }
            clusters.append(Cluster(id: k + 1, members: draft.members, units: draft.units, centroidX: cx, centroidY: cy, extent: extent))
        }
        self.clusters = clusters
        self.clusterOfBuilding = clusterOfBuilding
    }
}
