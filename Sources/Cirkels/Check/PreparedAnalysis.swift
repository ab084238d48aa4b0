/// Everything a location check needs, ready for instant queries: the profile, the
/// voorzieningen and buurten, the per-building answers a check looks up (component and
/// cluster of a building, units of components and clusters) and the indexes over
/// voorzieningen, qualifying homes, clustered homes and buurten.
///
/// Made from an analysis (`init(state:profile:)`) or loaded from a prepared index file, where
/// the per-building numbers and the indexes stay in the mapped file (`Column`s) and only what
/// a check touches is read: so one check costs the same against a town as against the
/// country. The whole state (every building's data and results) is needed only by what-if
/// plans and is loaded on demand (`state()`).
public struct PreparedAnalysis: Sendable {
    public let profile: Profile
    public let voorzieningen: Voorzieningen
    public let buurten: Buurten
    public let buildingCount: Int
    /// The WGS84 → RD New operation stored in an index (nil: PROJ chooses it at start-up).
    public let projection: ProjectionDefinition?
    /// Per building: its component of qualifying buildings (-1: does not qualify) and its
    /// cluster id (0: none).
    public let componentOfBuilding: Column<Int32>
    public let clusterOfBuilding: Column<Int32>
    /// Units per component, and per cluster (cluster id k at k - 1).
    public let componentUnits: Column<Int64>
    public let clusterUnits: Column<Int64>
    /// One index per criterion (profile order).
    public let criterionIndexes: [CriterionIndex]
    /// Qualifying buildings (`qualifyingMembers[k]` is the building of grid point k), for the
    /// link-distance query of "would homes here join a cluster".
    public let qualifyingMembers: Column<Int32>
    public let qualifyingGrid: GridIndex
    /// Buildings in a cluster (tree point k is building `clusteredMembers[k]`), for "the
    /// nearest cluster".
    public let clusteredMembers: Column<Int32>
    public let clusteredTree: KDTree
    public let buurtLookup: BuurtLookup
    /// Qualifying and clustered buildings added by a what-if plan after the grid and tree
    /// were built (few), with their locations: searched one by one beside them.
    public let extraQualifying: [PlacedBuilding]
    public let extraClustered: [PlacedBuilding]
    /// Where the whole state comes from.
    private let source: StateSource
    /// Checks the parts of an index file read so far (nothing for an analysis in memory);
    /// a planned state shares its base's columns, so it keeps the base's check.
    private let integrityCheck: @Sendable () throws -> Void

    /// A building index with its location (RD New).
    public struct PlacedBuilding: Sendable {
        public let building: Int
        public let x: Double
        public let y: Double
    }

    enum StateSource: Sendable {
        case ready(AnalysisState)
        /// Loads the state from an index file.
        case stored(load: @Sendable () throws -> AnalysisState)
    }

    /// From the state of an analysis: builds every index. `projection`: the stored
    /// WGS84 → RD New operation, when the data came from an index.
    public init(state: AnalysisState, profile: Profile, projection: ProjectionDefinition? = nil) {
        let b = state.data.buildings, clusters = state.clusters
        let qualifyingMembers = state.qualifying.indices.filter { state.qualifying[$0] }
        let clusteredMembers = clusters.clusterOfBuilding.indices.filter { clusters.clusterOfBuilding[$0] > 0 }
        self.init(profile: profile, voorzieningen: state.data.voorzieningen, buurten: state.data.buurten, buildingCount: b.count,
                  projection: projection, componentOfBuilding: Column(clusters.componentOfBuilding),
                  clusterOfBuilding: Column(clusters.clusterOfBuilding.map { Int32($0) }),
                  componentUnits: Column(clusters.componentUnits.map { Int64($0) }),
                  clusterUnits: Column(clusters.clusters.map { Int64($0.units) }),
                  qualifyingMembers: Column(qualifyingMembers.map { Int32($0) }),
                  qualifyingGrid: GridIndex(xs: qualifyingMembers.map { b.xs[$0] }, ys: qualifyingMembers.map { b.ys[$0] }, cellSize: profile.cluster.link),
                  clusteredMembers: Column(clusteredMembers.map { Int32($0) }),
                  clusteredTree: KDTree(xs: clusteredMembers.map { b.xs[$0] }, ys: clusteredMembers.map { b.ys[$0] }),
                  criterionIndexes: nil, buurtLookup: nil, extraQualifying: [], extraClustered: [], source: .ready(state), integrityCheck: {})
    }

    /// From a finished analysis.
    public init(result: AnalysisResult, projection: ProjectionDefinition? = nil) {
        self.init(state: AnalysisState(result: result), profile: result.profile, projection: projection)
    }

    /// Every part given (an index file's columns, or a planned state reusing a base's
    /// indexes); the criterion indexes and the buurt lookup are built here when nil.
    init(profile: Profile, voorzieningen: Voorzieningen, buurten: Buurten, buildingCount: Int, projection: ProjectionDefinition? = nil,
         componentOfBuilding: Column<Int32>, clusterOfBuilding: Column<Int32>, componentUnits: Column<Int64>, clusterUnits: Column<Int64>,
         qualifyingMembers: Column<Int32>, qualifyingGrid: GridIndex, clusteredMembers: Column<Int32>, clusteredTree: KDTree,
         criterionIndexes: [CriterionIndex]?, buurtLookup: BuurtLookup?, extraQualifying: [PlacedBuilding], extraClustered: [PlacedBuilding], source: StateSource,
         integrityCheck: @escaping @Sendable () throws -> Void) {
        self.profile = profile
        self.voorzieningen = voorzieningen
        self.buurten = buurten
        self.buildingCount = buildingCount
        self.projection = projection
        self.componentOfBuilding = componentOfBuilding
        self.clusterOfBuilding = clusterOfBuilding
        self.componentUnits = componentUnits
        self.clusterUnits = clusterUnits
        self.criterionIndexes = criterionIndexes ?? CriterionIndex.all(for: profile, voorzieningen: voorzieningen)
        self.qualifyingMembers = qualifyingMembers
        self.qualifyingGrid = qualifyingGrid
        self.clusteredMembers = clusteredMembers
        self.clusteredTree = clusteredTree
        self.buurtLookup = buurtLookup ?? BuurtLookup(buurten: buurten)
        self.extraQualifying = extraQualifying
        self.extraClustered = extraClustered
        self.source = source
        self.integrityCheck = integrityCheck
    }

    /// The state after a plan, reusing `base`'s grid, tree and buurt lookup. A plan only
    /// adds: every building that qualified still does and every clustered building stays
    /// clustered (its component can only grow), so the new state's qualifying and clustered
    /// buildings are the base's plus a few (`newlyQualifying`, `newlyClustered`, from the
    /// what-if), searched one by one beside the base's structures.
    init(updating base: PreparedAnalysis, planned state: AnalysisState, newlyQualifying: [Int], newlyClustered: [Int]) {
        let b = state.data.buildings, clusters = state.clusters
        assert(newlyQualifying.allSatisfy { state.qualifying[$0] } && newlyClustered.allSatisfy { clusters.clusterOfBuilding[$0] > 0 })
        self.init(profile: base.profile, voorzieningen: state.data.voorzieningen, buurten: state.data.buurten, buildingCount: b.count,
                  projection: base.projection, componentOfBuilding: Column(clusters.componentOfBuilding),
                  clusterOfBuilding: Column(clusters.clusterOfBuilding.map { Int32($0) }),
                  componentUnits: Column(clusters.componentUnits.map { Int64($0) }),
                  clusterUnits: Column(clusters.clusters.map { Int64($0.units) }),
                  qualifyingMembers: base.qualifyingMembers, qualifyingGrid: base.qualifyingGrid,
                  clusteredMembers: base.clusteredMembers, clusteredTree: base.clusteredTree, criterionIndexes: nil, buurtLookup: base.buurtLookup,
                  extraQualifying: newlyQualifying.map { PlacedBuilding(building: $0, x: b.xs[$0], y: b.ys[$0]) },
                  extraClustered: newlyClustered.map { PlacedBuilding(building: $0, x: b.xs[$0], y: b.ys[$0]) },
                  source: .ready(state), integrityCheck: base.integrityCheck)
    }

    /// The data and every per-building result (loaded from the index file when it came from
    /// one: call once and keep it).
    public func state() throws -> AnalysisState {
        switch source {
        case let .ready(state): return state
        case let .stored(load): return try load()
        }
    }

    /// Throws when any part of an index file read so far (lazily, by the columns) was
    /// damaged. Call before showing an answer computed from a loaded index.
    public func checkIntegrity() throws {
        try integrityCheck()
    }

    /// Calls `body(building)` for every qualifying building within `radius` of (x, y).
    public func forEachQualifying(within radius: Double, of x: Double, _ y: Double, _ body: (Int) -> Void) {
        qualifyingGrid.forEach(within: radius, of: x, y) { k, _ in body(Int(qualifyingMembers[k])) }
        for e in extraQualifying where euclideanDistance(x, y, e.x, e.y) <= radius { body(e.building) }
    }

    /// The clustered building nearest to (x, y) and its distance (ties: lowest building).
    public func nearestClustered(to x: Double, _ y: Double) -> (building: Int, distance: Double)? {
        var best = clusteredTree.nearest(to: x, y).map { (building: Int(clusteredMembers[$0.index]), distance: $0.distance) }
        for e in extraClustered {
            let d = euclideanDistance(x, y, e.x, e.y)
            if best == nil || d < best!.distance || (d == best!.distance && e.building < best!.building) { best = (e.building, d) }
        }
        return best
    }
}
