import Foundation

/// Writes every output of an analysis into a folder, all files or none (SPEC §7).
public struct AnalysisWriter {
    public var crs: CoordinateReferenceSystem
    public var parallelism: Parallelism

    public init(crs: CoordinateReferenceSystem = .wgs84, parallelism: Parallelism = .machine) {
        self.crs = crs
        self.parallelism = parallelism
    }

    /// Writes into `folder` (created if needed); returns the names written. `extra` files
    /// (name, bytes) are written with the others, all or none.
    @discardableResult
    public func write(_ result: AnalysisResult, to folder: String, extra: [(String, [UInt8])] = []) throws -> [String] {
        let staged = try wrappingGeoErrors { try StagedOutputDirectory(target: URL(fileURLWithPath: folder)) }
        let layers = MapLayers(result: result, crs: crs, parallelism: parallelism)
        // The files are independent, so they are made in parallel; the two largest first, so
        // that they go to different workers (worker w takes files w, w + workers, …).
        var makers: [(String, () throws -> [UInt8])] = [
            (OutputFiles.buildings, { BuildingsTable.make(result).bytes }),
            (OutputFiles.clusters, { try layers.clusters() }),
            (OutputFiles.coverage, { CoverageTable.make(result).bytes }),
            (OutputFiles.coverageJSON, { CoverageTable.document(result).serialized() }),
            (OutputFiles.sensitivity, { SensitivityTable.make(result).bytes }),
            (OutputFiles.clustersTable, { layers.clustersTable().bytes }),
            (OutputFiles.profile, { ProfileLoader.document(for: result.profile).serialized() }),
        ]
        if let map = result.vlekkenkaart { makers.insert((OutputFiles.vlekkenkaart, { try layers.vlekkenkaart(map) }), at: 2) }
        if result.data.buurten.count > 0 { makers.append((OutputFiles.buurten, { try layers.buurten() })) }
        makers += extra.map { file in (file.0, { file.1 }) }
        let contents = ResultSlots<[UInt8]>(count: makers.count)
        try parallelism.run(chunks: makers.count) { k in contents.set(k, try makers[k].1()) }
        let listed = makers.indices.sorted { (OutputFiles.order.firstIndex(of: makers[$0].0) ?? Int.max) < (OutputFiles.order.firstIndex(of: makers[$1].0) ?? Int.max) }
        try wrappingGeoErrors {
            for k in listed { try staged.write(makers[k].0, contents.value(k)!) }
            try staged.commit()
        }
        return listed.map { makers[$0].0 }
    }
}
