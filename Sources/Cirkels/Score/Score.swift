/// The analyst's run (`cirkel score`): coverage and sensitivity per buurt, wijk and gemeente
/// and in total (SPEC §6) without the vlekkenkaart polygons, and CBS's nabijheid beside
/// cirkel's distances when the buurten carry it.
public struct ScoreResult: Sendable {
    public let analysis: AnalysisResult
    public let wijken: AreaGroups
    public let gemeenten: AreaGroups
    public let nabijheid: NabijheidComparison?
    public let timings: StageTimings
}

public enum Score {
    /// Reads a manifest or data folder and scores it. `clusterOutlines` only when a map
    /// layer of the clusters is to be written.
    /// With `gemeenten`, only their buurten and buildings are scored (see `GemeenteSelection`).
    public static func run(source: String, profile: Profile, parallelism: Parallelism, clusterOutlines: Bool = false,
                           gemeenten: GemeenteSelection? = nil) throws -> ScoreResult {
        var reader = DataSetReader(parallelism: parallelism)
        var data = try reader.read(manifestOrFolder: source)
        var timings = reader.timings
        if let gemeenten {
            data = try timings.measure("select") { try gemeenten.apply(to: data, parallelism: parallelism) }
        }
        return try run(data: data, profile: profile, parallelism: parallelism, clusterOutlines: clusterOutlines, timings: timings)
    }

    public static func run(data: DataSet, profile: Profile, parallelism: Parallelism, clusterOutlines: Bool = false,
                           timings initial: StageTimings = StageTimings()) throws -> ScoreResult {
        let options = AnalysisOptions(profile: profile, parallelism: parallelism, vlekkenkaart: false, clusterOutlines: clusterOutlines)
        let analysis = try Analysis.run(data: data, options: options, timings: initial)
        var timings = analysis.timings
        let (wijken, gemeenten) = try timings.measure("groups") {
            parallelism.progress.step("wijken")
            let wijken = try AreaGroups.wijken(analysis, parallelism: parallelism)
            parallelism.progress.step("gemeenten")
            return (wijken, try AreaGroups.gemeenten(analysis, parallelism: parallelism))
        }
        let nabijheid = try timings.measure("nabijheid") { try NabijheidComparison.compare(analysis, parallelism: parallelism) }
        return ScoreResult(analysis: analysis, wijken: wijken, gemeenten: gemeenten, nabijheid: nabijheid, timings: timings)
    }
}
