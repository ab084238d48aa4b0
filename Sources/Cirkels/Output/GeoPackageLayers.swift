/// `cirkel.gpkg`: the map layers of a run in one GeoPackage for QGIS, in RD New (the
/// analysis's own coordinates, declared as EPSG:28992): `buurten` with every coverage
/// statistic as a column (ready for a choropleth), `clusters` with their outlines, and the
/// `vlekkenkaart` when it was computed.
enum GeoPackageLayers {
    static let fileName = OutputFiles.geoPackage

    /// Writes the layers into the staged output folder.
    static func write(_ result: AnalysisResult, groups: [AreaGroups] = [], to staged: StagedOutputDirectory) throws {
        try wrappingGeoErrors {
            try staged.write(fileName) { path, reportedPath in
                let writer = try GeoPackageWriter(path: path, reportedPath: reportedPath)
                if result.data.buurten.count > 0 { try buurten(result, into: writer) }
                try clusters(result, into: writer)
                if let map = result.vlekkenkaart { try vlekkenkaart(map, result: result, into: writer) }
                try writer.close()
            }
        }
    }

    /// A column's kind from the values it holds (text when it holds none).
    static func kind(of values: [OutputValue]) -> GeoPackageColumn.Kind {
        for value in values {
            switch value {
            case .string: return .text
            case .integer: return .integer
            case .fixed, .trimmed: return .real
            case .bool: return .boolean
            case .missing: continue
            }
        }
        return .text
    }

    static func buurten(_ result: AnalysisResult, into writer: GeoPackageWriter) throws {
        let b = result.data.buurten, coverage = result.coverage
        let columns = CoverageTable.columns(result.profile)
        let kept = columns.indices.filter { columns[$0] != "buildings_outside_buurten" }
        let rows = (0..<b.count).map { k in CoverageTable.row(coverage.areas[k], isTotal: false, coverage: coverage, profile: result.profile) }
        let extra: [(String, (Int) -> OutputValue)] = [
            ("wijk", { b.wijkCode($0).map(OutputValue.string) ?? .missing }),
            ("gemeente", { b.gemeenteCode($0).map(OutputValue.string) ?? .missing }),
            ("water", { .bool(b.water($0)) }),
        ]
        var definitions = kept.map { c in GeoPackageColumn(name: columns[c], kind: kind(of: rows.map { $0[c] })) }
        definitions += extra.map { GeoPackageColumn(name: $0.0, kind: $0.0 == "water" ? .boolean : .text) }
        try writer.addLayer(name: "buurten", description: "coverage per buurt (cirkel, profile \(result.profile.name))",
                            geometries: b.geometries, crs: .rdNew, columns: definitions) { k in
            kept.map { rows[k][$0] } + extra.map { $0.1(k) }
        }
    }

    static func clusters(_ result: AnalysisResult, into writer: GeoPackageWriter) throws {
        let clusters = result.clusters.clusters
        let columns: [GeoPackageColumn] = [
            .init(name: "id", kind: .integer), .init(name: "units", kind: .integer), .init(name: "buildings", kind: .integer),
            .init(name: "extent_m", kind: .real), .init(name: "centroid_x", kind: .real), .init(name: "centroid_y", kind: .real),
        ]
        try writer.addLayer(name: "clusters", description: "clusters of qualifying homes (cirkel, profile \(result.profile.name))",
                            geometries: result.clusterOutlines, crs: .rdNew, columns: columns) { k in
            let c = clusters[k]
            return [.integer(c.id), .integer(c.units), .integer(c.members.count), .fixed(c.extent, decimals: 2),
                    .fixed(c.centroidX, decimals: 2), .fixed(c.centroidY, decimals: 2)]
        }
    }

    static func vlekkenkaart(_ map: Vlekkenkaart, result: AnalysisResult, into writer: GeoPackageWriter) throws {
        let criteria = result.profile.criteria
        var columns: [GeoPackageColumn] = [
            .init(name: "score", kind: .real), .init(name: "complete", kind: .boolean), .init(name: "area_m2", kind: .real),
            .init(name: "buildings", kind: .integer), .init(name: "units", kind: .integer),
        ]
        columns += criteria.map { GeoPackageColumn(name: $0.name, kind: .text) }
        try writer.addLayer(name: "vlekkenkaart", description: "vlekkenkaart (cirkel, profile \(result.profile.name))",
                            geometries: map.geometries, crs: .rdNew, columns: columns) { k in
            let v = map.vlekken[k]
            return [.trimmed(v.score, decimals: 6), .bool(v.complete), .fixed(v.area, decimals: 2), .integer(v.buildings), .integer(v.units)]
                + criteria.indices.map { .string(v.signature.levels[$0].name) }
        }
    }
}
