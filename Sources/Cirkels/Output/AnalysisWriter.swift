import Foundation

/// Writes every output of an analysis into a folder, all files or none (SPEC §7).
public struct AnalysisWriter {
    public var crs: CoordinateReferenceSystem
    public var parallelism: Parallelism

    public init(crs: CoordinateReferenceSystem = .wgs84, parallelism: Parallelism = .machine) {
        self.crs = crs
        self.parallelism = parallelism
    }

    /// Writes into `folder` (created if needed); returns the names written.
    @discardableResult
    /// `extra` files (name, bytes) are written with the others, all or none.
    public func write(_ result: AnalysisResult, to folder: String, extra: [(String, [UInt8])] = []) throws -> [String] {
        let staged = try wrappingGeoErrors { try StagedOutputDirectory(target: URL(fileURLWithPath: folder)) }
        let layers = MapLayers(result: result, crs: crs, parallelism: parallelism)
        var files: [(String, [UInt8])] = [
            (OutputFiles.buildings, BuildingsTable.make(result).bytes),
            (OutputFiles.coverage, CoverageTable.make(result).bytes),
            (OutputFiles.coverageJSON, CoverageTable.document(result).serialized()),
            (OutputFiles.sensitivity, SensitivityTable.make(result).bytes),
            (OutputFiles.clusters, try layers.clusters()),
            (OutputFiles.clustersTable, layers.clustersTable().bytes),
            (OutputFiles.profile, ProfileLoader.document(for: result.profile).serialized()),
        ]
        if let map = result.vlekkenkaart { files.append((OutputFiles.vlekkenkaart, try layers.vlekkenkaart(map))) }
        if result.data.buurten.count > 0 { files.append((OutputFiles.buurten, try layers.buurten())) }
        files += extra
        try wrappingGeoErrors {
            for (name, bytes) in files { try staged.write(name, bytes) }
            try staged.commit()
        }
        return files.map(\.0)
    }
}
