/// What an analysis run is asked to do.
public struct AnalysisOptions: Sendable {
    public var profile: Profile
    public var parallelism: Parallelism
    /// Polygon approximation of every disc (SPEC §5: at least 64 segments).
    public var discSegments: Int
    /// Whether to compute the vlekkenkaart polygons (the costliest stage).
    public var vlekkenkaart: Bool
    /// Whether to compute the clusters' outlines (for clusters.geojson; `check` needs none).
    public var clusterOutlines: Bool

    public init(profile: Profile = BuiltInProfiles.woonzorgcirkel, parallelism: Parallelism = .machine,
                discSegments: Int = 64, vlekkenkaart: Bool = true, clusterOutlines: Bool = true) {
        self.profile = profile
        self.parallelism = parallelism
        self.discSegments = discSegments
        self.vlekkenkaart = vlekkenkaart
        self.clusterOutlines = clusterOutlines
    }
}

/// Everything SPEC §3–§6 computes for one data set and profile.
public struct AnalysisResult: Sendable {
    public let data: DataSet
    public let profile: Profile
    public let reach: Reach
    public let clusters: Clusters
    /// RD New outlines, one feature per cluster, in cluster order (empty when not asked for).
    public let clusterOutlines: GeometryColumn
    public let vlekkenkaart: Vlekkenkaart?
    public let coverage: Coverage
    public let timings: StageTimings
}

/// Runs the analysis stages in order and times each.
public enum Analysis {
    /// Reads a data folder or manifest and analyses it.
    public static func run(folder: String, options: AnalysisOptions) throws -> AnalysisResult {
        var reader = DataSetReader(parallelism: options.parallelism)
        let data = try reader.read(manifestOrFolder: folder)
        return try run(data: data, options: options, timings: reader.timings)
    }

    /// Analyses a data set already read.
    public static func run(data: DataSet, options: AnalysisOptions, timings initial: StageTimings = StageTimings()) throws -> AnalysisResult {
        var timings = initial
        timings.progress = options.parallelism.progress
        let profile = options.profile
        let shape = DiscShape(segments: options.discSegments)
        let reach = try timings.measure("reach") {
            try Reach(profile: profile, buildings: data.buildings, voorzieningen: data.voorzieningen, parallelism: options.parallelism)
        }
        let (clusters, outlines) = try timings.measure("clusters") {
            let clusters = Clusters(buildings: data.buildings, qualifying: reach.qualifying, settings: profile.cluster)
            if options.clusterOutlines { options.parallelism.progress.step("outlines") }
            let outlines = try options.clusterOutlines ? wrappingGeoErrors {
                try ClusterOutlines.outlines(of: clusters, buildings: data.buildings, settings: profile.cluster,
                                             shape: shape, parallelism: options.parallelism)
            } : GeometryColumn()
            return (clusters, outlines)
        }
        let vlekkenkaart: Vlekkenkaart? = try options.vlekkenkaart ? timings.measure("vlekkenkaart") {
            try wrappingGeoErrors {
                try VlekkenkaartBuilder(profile: profile, shape: shape, parallelism: options.parallelism)
                    .build(voorzieningen: data.voorzieningen, buildings: data.buildings, reach: reach)
            }
        } : nil
        let coverage = try timings.measure("coverage") {
            try CoverageBuilder(profile: profile, parallelism: options.parallelism)
                .build(data: data, reach: reach, clusters: clusters, vlekkenkaart: vlekkenkaart)
        }
        return AnalysisResult(data: data, profile: profile, reach: reach, clusters: clusters, clusterOutlines: outlines,
                              vlekkenkaart: vlekkenkaart, coverage: coverage, timings: timings)
    }
}
