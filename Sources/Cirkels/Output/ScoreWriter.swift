import Foundation

/// Writes the outputs of `cirkel score` into a folder, all files or none.
public struct ScoreWriter {
    public var parallelism: Parallelism
    /// Whether to write buildings.csv too (a national run's is about a gigabyte).
    public var buildingsTable: Bool
    /// Whether to write the buurten and clusters layers as a GeoPackage (`cirkel.gpkg`);
    /// the score must then have been run with cluster outlines.
    public var geoPackage: Bool
    /// Whether to write into a folder that holds files of other origin (`--force`).
    public var force = true

    public init(parallelism: Parallelism = .machine, buildingsTable: Bool = false, geoPackage: Bool = false) {
        self.parallelism = parallelism
        self.buildingsTable = buildingsTable
        self.geoPackage = geoPackage
    }

    public static let wijken = "coverage-wijken.csv"
    public static let gemeenten = "coverage-gemeenten.csv"
    public static let nabijheid = "nabijheid.csv"

    /// Every file `cirkel score` may write.
    public static let names: Set<String> = [OutputFiles.buildings, OutputFiles.coverage, wijken, gemeenten, OutputFiles.coverageJSON,
                                            OutputFiles.sensitivity, OutputFiles.clustersTable, OutputFiles.profile, nabijheid,
                                            OutputFiles.geoPackage]

    /// Writes into `folder` (created if needed); returns the names written.
    @discardableResult
    public func write(_ score: ScoreResult, to folder: String) throws -> [String] {
        let result = score.analysis
        let staged = try wrappingGeoErrors { try StagedOutputDirectory(target: URL(fileURLWithPath: folder), ownNames: ScoreWriter.names, force: force) }
        var makers: [(String, () throws -> ChunkedText)] = [
            (OutputFiles.coverage, { ChunkedText(bytes: CoverageTable.make(result).bytes) }),
            (Self.wijken, { ChunkedText(bytes: GroupTable.make(score.wijken, result: result).bytes) }),
            (Self.gemeenten, { ChunkedText(bytes: GroupTable.make(score.gemeenten, result: result).bytes) }),
            (OutputFiles.coverageJSON, { CoverageTable.text(result) }),
            (OutputFiles.sensitivity, { ChunkedText(bytes: SensitivityTable.make(result).bytes) }),
            (OutputFiles.clustersTable, { ChunkedText(bytes: MapLayers(result: result, crs: .rdNew).clustersTable().bytes) }),
            (OutputFiles.profile, { ChunkedText(bytes: ProfileLoader.document(for: result.profile).serialized()) }),
        ]
        if let nabijheid = score.nabijheid { makers.append((Self.nabijheid, { ChunkedText(bytes: NabijheidTable.make(nabijheid, result: result).bytes) })) }
        if buildingsTable { makers.insert((OutputFiles.buildings, { BuildingsTable.text(result) }), at: 0) }
        try wrappingGeoErrors {
            for (name, make) in makers { try staged.write(name, try make(), parallelism: parallelism) }
        }
        if geoPackage {
            precondition(result.clusterOutlines.count == result.clusters.clusters.count, "a GeoPackage needs the clusters' outlines")
            try GeoPackageLayers.write(result, to: staged)
        }
        try wrappingGeoErrors { try staged.commit() }
        return makers.map(\.0) + (geoPackage ? [GeoPackageLayers.fileName] : [])
    }
}
