import Foundation

/// Writes every output of an analysis into a folder, all files or none (SPEC §7).
public struct AnalysisWriter {
    public var crs: CoordinateReferenceSystem
    public var parallelism: Parallelism
    /// Whether to write the map layers as one GeoPackage too (`cirkel.gpkg`, RD New).
    public var geoPackage: Bool
    /// Whether to write into a folder that holds files of other origin (`--force`).
    public var force = true

    public init(crs: CoordinateReferenceSystem = .wgs84, parallelism: Parallelism = .machine, geoPackage: Bool = false) {
        self.crs = crs
        self.parallelism = parallelism
        self.geoPackage = geoPackage
    }

    /// Writes into `folder` (created if needed); returns the names written. `extra` files
    /// (name, bytes) are written with the others, all or none.
    @discardableResult
    public func write(_ result: AnalysisResult, to folder: String, extra: [(String, [UInt8])] = []) throws -> [String] {
        let staged = try wrappingGeoErrors { try StagedOutputDirectory(target: URL(fileURLWithPath: folder), ownNames: OutputFiles.analyse, force: force) }
        let layers = MapLayers(result: result, crs: crs)
        // Files one after another, each formatted in parallel chunks (the small ones are one
        // chunk); a file is made only when it is written, so at most one is in memory.
        var makers: [(String, () throws -> ChunkedText)] = [
            (OutputFiles.buildings, { BuildingsTable.text(result) }),
            (OutputFiles.clusters, { layers.clusters() }),
            (OutputFiles.coverage, { ChunkedText(bytes: CoverageTable.make(result).bytes) }),
            (OutputFiles.coverageJSON, { CoverageTable.text(result) }),
            (OutputFiles.sensitivity, { ChunkedText(bytes: SensitivityTable.make(result).bytes) }),
            (OutputFiles.clustersTable, { ChunkedText(bytes: layers.clustersTable().bytes) }),
            (OutputFiles.profile, { ChunkedText(bytes: ProfileLoader.document(for: result.profile).serialized()) }),
        ]
        if let map = result.vlekkenkaart { makers.append((OutputFiles.vlekkenkaart, { layers.vlekkenkaart(map) })) }
        if result.data.buurten.count > 0 { makers.append((OutputFiles.buurten, { try layers.buurten() })) }
        makers += extra.map { file in (file.0, { ChunkedText(bytes: file.1) }) }
        let listed = makers.indices.sorted { (OutputFiles.order.firstIndex(of: makers[$0].0) ?? Int.max) < (OutputFiles.order.firstIndex(of: makers[$1].0) ?? Int.max) }
        try wrappingGeoErrors {
            for k in listed { try staged.write(makers[k].0, try makers[k].1(), parallelism: parallelism) }
        }
        if geoPackage { try GeoPackageLayers.write(result, to: staged) }
        try wrappingGeoErrors { try staged.commit() }
        return listed.map { makers[$0].0 } + (geoPackage ? [GeoPackageLayers.fileName] : [])
    }
}
