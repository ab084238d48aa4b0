/// Everything a location check needs, ready for instant queries: the data, the profile, the
/// per-building results (which buildings qualify, their clusters and components) and the
/// indexes over voorzieningen, qualifying homes, clustered homes and buurten.
///
/// Made from an analysis (`init(result:)`) or loaded from a prepared index file.
public struct PreparedAnalysis: Sendable {
    public let data: DataSet
    public let profile: Profile
    /// Per building (data order).
    public let complete: [Bool]
    public let qualifying: [Bool]
    public let clusters: Clusters
    /// One index per criterion (profile order).
    public let criterionIndexes: [CriterionIndex]
    /// Qualifying buildings (`qualifyingMembers[k]` is the building of point k), for the
    /// link-distance query of "would homes here join a cluster".
    public let qualifyingMembers: [Int]
    public let qualifyingGrid: GridIndex
    /// Buildings in a cluster, for "the nearest cluster".
    public let clusteredMembers: [Int]
    public let clusteredTree: KDTree
    public let buurtLookup: BuurtLookup
    /// Qualifying and clustered buildings added by a what-if plan after the grid and tree
    /// were built (few): searched one by one beside them. See `init(updating:…)`.
    public let extraQualifying: [Int]
    public let extraClustered: [Int]

    /// Builds the indexes; `qualifyingGrid` and `clusteredTree` may be given ready-made (from
    /// an index file, where building them would dominate the start-up of `check`). A given
    /// structure must have been built over the same members (`qualifyingMembers`,
    /// `clusteredMembers`, derived here).
    public init(data: DataSet, profile: Profile, complete: [Bool], qualifying: [Bool], clusters: Clusters,
                qualifyingGrid: GridIndex? = nil, clusteredTree: KDTree? = nil) {
        self.data = data
        self.profile = profile
        self.complete = complete
        self.qualifying = qualifying
        self.clusters = clusters
        criterionIndexes = profile.criteria.map { CriterionIndex(criterion: $0, voorzieningen: data.voorzieningen) }
        let b = data.buildings
        qualifyingMembers = qualifying.indices.filter { qualifying[$0] }
        self.qualifyingGrid = qualifyingGrid
            ?? GridIndex(xs: qualifyingMembers.map { b.xs[$0] }, ys: qualifyingMembers.map { b.ys[$0] }, cellSize: profile.cluster.link)
        clusteredMembers = clusters.clusterOfBuilding.indices.filter { clusters.clusterOfBuilding[$0] > 0 }
        self.clusteredTree = clusteredTree ?? KDTree(xs: clusteredMembers.map { b.xs[$0] }, ys: clusteredMembers.map { b.ys[$0] })
        buurtLookup = BuurtLookup(buurten: data.buurten)
        extraQualifying = []
        extraClustered = []
    }

    /// The state after a plan, reusing `base`'s grid and tree. A plan only adds: every
    /// building that qualified still does and every clustered building stays clustered (its
    /// component can only grow), so the new state's qualifying and clustered buildings are
    /// the base's plus a few, kept in `extraQualifying` and `extraClustered`.
    init(updating base: PreparedAnalysis, data: DataSet, complete: [Bool], qualifying: [Bool], clusters: Clusters) {
        self.data = data
        self.profile = base.profile
        self.complete = complete
        self.qualifying = qualifying
        self.clusters = clusters
        criterionIndexes = base.profile.criteria.map { CriterionIndex(criterion: $0, voorzieningen: data.voorzieningen) }
        qualifyingMembers = base.qualifyingMembers
        qualifyingGrid = base.qualifyingGrid
        clusteredMembers = base.clusteredMembers
        clusteredTree = base.clusteredTree
        buurtLookup = base.buurtLookup
        let n = base.data.buildings.count
        precondition(base.qualifyingMembers.allSatisfy { qualifying[$0] } && base.clusteredMembers.allSatisfy { clusters.clusterOfBuilding[$0] > 0 },
                     "a plan only adds: what qualified or was clustered stays so")
        extraQualifying = (0..<data.buildings.count).filter { qualifying[$0] && !($0 < n && base.qualifying[$0]) }
        extraClustered = (0..<data.buildings.count).filter { clusters.clusterOfBuilding[$0] > 0 && !($0 < n && base.clusters.clusterOfBuilding[$0] > 0) }
    }

    /// Calls `body(building)` for every qualifying building within `radius` of (x, y).
    public func forEachQualifying(within radius: Double, of x: Double, _ y: Double, _ body: (Int) -> Void) {
        qualifyingGrid.forEach(within: radius, of: x, y) { k, _ in body(qualifyingMembers[k]) }
        let b = data.buildings
        for i in extraQualifying where euclideanDistance(x, y, b.xs[i], b.ys[i]) <= radius { body(i) }
    }

    /// The clustered building nearest to (x, y) and its distance (ties: lowest building).
    public func nearestClustered(to x: Double, _ y: Double) -> (building: Int, distance: Double)? {
        var best = clusteredTree.nearest(to: x, y).map { (building: clusteredMembers[$0.index], distance: $0.distance) }
        let b = data.buildings
        for i in extraClustered {
            let d = euclideanDistance(x, y, b.xs[i], b.ys[i])
            if best == nil || d < best!.distance || (d == best!.distance && i < best!.building) { best = (i, d) }
        }
        return best
    }

    /// From a finished analysis.
    public init(result: AnalysisResult) {
        self.init(data: result.data, profile: result.profile, complete: result.reach.complete,
                  qualifying: result.reach.qualifying, clusters: result.clusters)
    }
}

/// Finds the buurt of a single location: the first buurt in file order that covers it
/// (SPEC §6), testing only buurten whose bounding box holds the point.
public struct BuurtLookup: Sendable {
    let buurten: Buurten
    let boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]

    public init(buurten: Buurten) {
        self.buurten = buurten
        let g = buurten.geometries
        boxes = (0..<buurten.count).map { k in
            let range = g.coordinateRange(of: k)
            var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
            for c in range {
                box.minX = min(box.minX, g.xs[c]); box.maxX = max(box.maxX, g.xs[c])
                box.minY = min(box.minY, g.ys[c]); box.maxY = max(box.maxY, g.ys[c])
            }
            return box
        }
    }

    /// The buurt index covering (x, y), or nil. `cache` keeps the prepared buurt polygons
    /// between calls (one cache per thread, with its context).
    public func buurt(at x: Double, _ y: Double, context: GEOSContext, cache: PreparedBuurtCache? = nil) throws -> Int? {
        for (k, box) in boxes.enumerated() where x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY {
            let covered = try wrappingGeoErrors { () throws -> Bool in
                if let prepared = cache?.polygons[k] { return try prepared.covers(x: x, y: y) }
                let prepared = try PreparedGeometry(context.geometry(feature: k, of: buurten.geometries))
                cache?.polygons[k] = prepared
                return try prepared.covers(x: x, y: y)
            }
            if covered { return k }
        }
        return nil
    }
}

/// Prepared buurt polygons kept across many lookups on one thread (a batch of checks).
public final class PreparedBuurtCache {
    var polygons: [Int: PreparedGeometry] = [:]
    public init() {}
}
