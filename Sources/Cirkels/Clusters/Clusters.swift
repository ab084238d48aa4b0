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
    /// Per building: its connected component of qualifying buildings (whatever its units),
    /// -1 for a building that does not qualify. Homes added next to a component below
    /// min_units can make it a cluster: `cirkel check` and what-if plans need these.
    public let componentOfBuilding: [Int32]
    /// Units per component.
    public let componentUnits: [Int]

    /// Clusters computed earlier (a `cirkel index` file), taken as they are.
    init(clusters: [Cluster], clusterOfBuilding: [Int], componentOfBuilding: [Int32], componentUnits: [Int]) {
        self.clusters = clusters
        self.clusterOfBuilding = clusterOfBuilding
        self.componentOfBuilding = componentOfBuilding
        self.componentUnits = componentUnits
    }

    /// Links the qualifying buildings within `settings.link` and keeps the components with
    /// enough units.
    public init(buildings: Buildings, qualifying: [Bool], settings: ClusterSettings) {
        let candidates = qualifying.indices.filter { qualifying[$0] }
        let grid = GridIndex(xs: candidates.map { buildings.xs[$0] }, ys: candidates.map { buildings.ys[$0] }, cellSize: settings.link)
        var sets = DisjointSets(count: candidates.count)
        grid.forEachPair(within: settings.link) { i, j, _ in sets.union(i, j) }
        var componentOf = [Int32](repeating: -1, count: buildings.count)
        for (k, component) in sets.components().enumerated() {
            for i in component { componentOf[candidates[i]] = Int32(k) }
        }
        self.init(buildings: buildings, componentOf: componentOf, settings: settings)
    }

    /// Numbers the clusters of a given assignment of qualifying buildings to components
    /// (-1: not qualifying). Components are numbered by their smallest member, so the same
    /// partition gives the same result however it was computed (from scratch or by a
    /// what-if plan's incremental update).
    public init(buildings: Buildings, componentOf raw: [Int32], settings: ClusterSettings) {
        // Renumber components by first appearance in building order and add up their units.
        // Component ids are below the number of buildings (any id scheme used here is), so a
        // table does the renumbering. Member lists are gathered only for the components that
        // are clusters: the others need just their units.
        var renumber = [Int32](repeating: -1, count: raw.count)
        var componentOf = [Int32](repeating: -1, count: raw.count)
        var componentUnits: [Int] = []
        for b in raw.indices where raw[b] >= 0 {
            precondition(Int(raw[b]) < raw.count, "component ids must be below the number of buildings")
            var k = renumber[Int(raw[b])]
            if k < 0 {
                k = Int32(componentUnits.count)
                renumber[Int(raw[b])] = k
                componentUnits.append(0)
            }
            componentOf[b] = k
            componentUnits[Int(k)] += Int(buildings.units[b])
        }
        var slotOfComponent = [Int32](repeating: -1, count: componentUnits.count)
        var members: [[Int]] = []
        for (k, units) in componentUnits.enumerated() where units >= settings.minUnits {
            slotOfComponent[k] = Int32(members.count)
            members.append([])
        }
        for b in componentOf.indices where componentOf[b] >= 0 && slotOfComponent[Int(componentOf[b])] >= 0 {
            members[Int(slotOfComponent[Int(componentOf[b])])].append(b)
        }
        struct Draft {
            let members: [Int]
            let units: Int
            let smallestX: Double
            let smallestY: Double
        }
        var drafts: [Draft] = []
        for component in members {
            let units = component.reduce(0) { $0 + Int(buildings.units[$1]) }
            var sx = Double.infinity, sy = Double.infinity
            for m in component where buildings.xs[m] < sx || (buildings.xs[m] == sx && buildings.ys[m] < sy) {
                sx = buildings.xs[m]
                sy = buildings.ys[m]
            }
            drafts.append(Draft(members: component, units: units, smallestX: sx, smallestY: sy))
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
        self.componentOfBuilding = componentOf
        self.componentUnits = componentUnits
    }
}
