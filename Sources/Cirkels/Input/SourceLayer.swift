import Foundation

/// One layer of a data set as read from its file, before projection: the features and what
/// they are to become.
struct SourceLayer {
    enum Role {
        /// SPEC §1's buildings.
        case buildings
        /// The existing homes among BAG verblijfsobjecten (selected by SQLite), of `objects`.
        case bag(BAGRules, objects: Int)
        case voorzieningen(typeColumn: String?, nameColumn: String?, mapping: VoorzieningMapping?)
        /// SPEC §1's ov_haltes.
        case haltes
        /// GTFS stops, merged into haltes after projection.
        case gtfs(GTFSRules)
        /// Buurten, with the CBS nabijheid columns to read (type → column); `required` when
        /// the manifest named them (a missing one is then an error).
        case buurten(nabijheid: [String: String], required: Bool)
    }

    var table: FeatureTable
    let role: Role

    /// The properties SPEC §1 reads from each GeoJSON file.
    static let buildingProperties: Set<String> = ["id", "units", "nultreden"]
    static let buurtProperties: Set<String> = ["code", "name", "buurtcode", "buurtnaam", "wijkcode", "gemeentecode", "gemeentenaam", "water"]

    /// Every layer of `manifest`: buildings, voorzieningen in manifest order, haltes, buurten.
    static func parse(_ manifest: Manifest, parallelism: Parallelism) throws -> [SourceLayer] {
        func geoJSON(_ path: String, _ properties: Set<String>) throws -> FeatureTable {
            try GeoJSONReader(properties: properties, parallelism: parallelism).read(path: path)
        }
        var layers: [SourceLayer] = []
        switch manifest.buildings {
        case let .geoJSON(path):
            layers.append(SourceLayer(table: try geoJSON(path, buildingProperties), role: .buildings))
        case let .bag(path, layer, rules):
            var reader = GeoPackageReader(layer: layer, properties: [BAGRules.identifier, BAGRules.pand], parallelism: parallelism)
            reader.filter = rules.sqlCondition
            let table = try reader.read(path: path)
            layers.append(SourceLayer(table: table, role: .bag(rules, objects: try reader.count(path: path))))
        }
        for source in manifest.voorzieningen {
            switch source {
            case let .geoJSON(path):
                layers.append(SourceLayer(table: try geoJSON(path, ["type", "name"]), role: .voorzieningen(typeColumn: nil, nameColumn: nil, mapping: nil)))
            case let .csv(path, coordinates, typeColumn, nameColumn, mapping):
                let reader = CSVPointReader(coordinates: coordinates, properties: [typeColumn, nameColumn].compactMap { $0 },
                                            optionalProperties: mapping?.columns ?? [])
                layers.append(SourceLayer(table: try reader.read(path: path),
                                          role: .voorzieningen(typeColumn: typeColumn, nameColumn: nameColumn, mapping: mapping)))
            }
        }
        switch manifest.haltes {
        case let .geoJSON(path):
            layers.append(SourceLayer(table: try geoJSON(path, ["name", "mode"]), role: .haltes))
        case let .gtfs(folder, rules):
            layers.append(SourceLayer(table: GTFSHaltes.table(try GTFSStops.read(folder: folder), folder: folder), role: .gtfs(rules)))
        }
        switch manifest.buurten {
        case nil:
            break
        case let .geoJSON(path):
            layers.append(SourceLayer(table: try geoJSON(path, buurtProperties), role: .buurten(nabijheid: [:], required: false)))
        case let .cbs(path, layer, nabijheid):
            let columns = nabijheid ?? CBSNabijheid.standardColumns
            // CBS's files write the column names in either case, some with a cbs_ prefix.
            let variants = Set(columns.values.flatMap { CBSNabijheid.variants(of: $0) })
            let properties = buurtProperties.union(variants)
            let table: FeatureTable
            if path.lowercased().hasSuffix(".gpkg") {
                let chosen = try layer ?? (GeoPackageReader.layers(path: path).contains { $0.table == CBSNabijheid.buurtenLayer } ? CBSNabijheid.buurtenLayer : nil)
                table = try GeoPackageReader(layer: chosen, properties: properties, parallelism: parallelism).read(path: path)
            } else {
                guard layer == nil else {
                    throw CirkelError.invalidManifest(source: manifest.source, reason: "[buurten]: \"layer\" applies to a GeoPackage (.gpkg), not to \(path)")
                }
                table = try geoJSON(path, properties)
            }
            guard table.properties["buurtcode"] != nil || table.count == 0 else {
                throw CirkelError.missingFile(path: table.source, reason: "format \"cbs\" needs CBS's column \"buurtcode\", which this layer does not have (use format \"geojson\" for a layer with \"code\")")
            }
            layers.append(SourceLayer(table: table, role: .buurten(nabijheid: columns, required: nabijheid != nil)))
        }
        return layers
    }
}
