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
