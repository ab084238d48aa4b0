import Foundation

/// Reads SPEC §1's folder of GeoJSON files into a `DataSet`: parses, validates every
/// property the analysis uses, projects to RD New and locates every feature.
public struct DataSetReader {
    public static let buildingsFile = "buildings.geojson"
    public static let voorzieningenFile = "voorzieningen.geojson"
    public static let haltesFile = "ov_haltes.geojson"
    public static let buurtenFile = "buurten.geojson"

    public let parallelism: Parallelism
    /// Seconds spent per stage ("parse", "project", "locate"), for the run's report.
    public private(set) var timings = StageTimings()

    public init(parallelism: Parallelism = .machine) {
        self.parallelism = parallelism
    }

    /// Reads a data folder: through its manifest when it has one (`manifest.toml` or
    /// `manifest.json`), else as SPEC §1's GeoJSON files.
    public mutating func read(folder: String) throws -> DataSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CirkelError.missingFile(path: folder, reason: "no such data folder (it should hold \(Self.buildingsFile), \(Self.voorzieningenFile) and \(Self.haltesFile), or a manifest)")
        }
        for name in Manifest.fileNames {
            let path = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) { return try read(manifest: try Manifest.load(path: path)) }
        }
        for name in [Self.buildingsFile, Self.voorzieningenFile, Self.haltesFile] {
            let p = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: p) else {
                throw CirkelError.missingFile(path: p, reason: "missing: a data set needs \(Self.buildingsFile), \(Self.voorzieningenFile) and \(Self.haltesFile) (\(Self.buurtenFile) is optional), or a manifest (\(Manifest.fileNames.joined(separator: " or ")))")
            }
        }
        return try read(manifest: Manifest.folder(folder))
    }

    /// Reads a data set given as a manifest file or a data folder.
    public mutating func read(manifestOrFolder path: String) throws -> DataSet {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return try read(manifest: try Manifest.load(path: path))
        }
        return try read(folder: path)
    }

    /// Reads every layer a manifest names: parses, projects to RD New, and interprets.
    public mutating func read(manifest: Manifest) throws -> DataSet {
        var timings = StageTimings(progress: parallelism.progress)
        defer { self.timings = timings }
        let parallelism = self.parallelism
        var layers = try timings.measure("parse") {
            try wrappingGeoErrors { try SourceLayer.parse(manifest, parallelism: parallelism) }
        }
        let locator = FeatureLocator(parallelism: parallelism)
        try timings.measure("project") {
            for k in layers.indices {
                try wrappingGeoErrors { try locator.projectToRD(&layers[k].table) }
                try locator.checkRDInput(layers[k].table)
            }
        }
        let reader = self
        return try timings.measure("locate") {
            var notes: [String] = []
            var buildings = Buildings(), voorzieningen = Voorzieningen(), buurten = Buurten()
            for layer in layers {
                switch layer.role {
                case .buildings: buildings = try reader.readBuildings(layer.table, locator: locator)
                case let .bag(rules, objects): buildings = try reader.readBAG(layer.table, rules: rules, objects: objects, locator: locator, notes: &notes)
                case let .voorzieningen(typeColumn, nameColumn, mapping):
                    try reader.readVoorzieningen(layer.table, typeColumn: typeColumn, nameColumn: nameColumn, mapping: mapping,
                                                 into: &voorzieningen, locator: locator, notes: &notes)
                case .haltes: try reader.readHaltes(layer.table, into: &voorzieningen, locator: locator)
                case let .gtfs(rules): try reader.readGTFSHaltes(layer.table, rules: rules, into: &voorzieningen, locator: locator, notes: &notes)
                case let .buurten(nabijheid, required):
                    buurten = try reader.readBuurten(layer.table, nabijheid: nabijheid, nabijheidRequired: required)
                }
            }
            return DataSet(buildings: buildings, voorzieningen: voorzieningen, buurten: buurten, source: manifest.source, notes: notes)
        }
    }

    private static let locatable: Set<GeometryKind> = [.point, .polygon, .multiPolygon]

    func readBuildings(_ table: FeatureTable, locator: FeatureLocator) throws -> Buildings {
        let (xs, ys) = try locator.locations(of: table, allowed: Self.locatable)
        let ids = table.column("id"), units = table.column("units"), nultreden = table.column("nultreden")
        var buildings = Buildings()
        for f in 0..<table.count {
            func fail(_ reason: String) -> CirkelError { .invalidFeature(file: table.source, index: f, reason: reason) }
            let unitCount: Int
            switch units[f] {
            case .absent, .null:
                unitCount = 1
            case let .number(n):
                guard n.isFinite, n >= 0, n.rounded() == n, n <= Double(Int32.max) else {
                    throw fail("\"units\" must be a whole number ≥ 0, found \(units[f].description)")
                }
                unitCount = Int(n)
            default:
                throw fail("\"units\" must be a whole number ≥ 0, found \(units[f].description)")
            }
            let allowed = try BuildingProperties.nultredenAllowed(nultreden[f], fail: fail)
            let id = ids[f].text ?? table.featureIDs[f].text ?? String(f)
            buildings.append(id: id, x: xs[f], y: ys[f], units: unitCount, nultredenAllowed: allowed)
        }
        return buildings
    }

    /// Voorzieningen with a `type` (SPEC §1), or the type from another column and/or a
    /// mapping (CSV sources); rows a mapping gives no type are left out and counted.
    func readVoorzieningen(_ table: FeatureTable, typeColumn: String?, nameColumn: String?, mapping: VoorzieningMapping?,
                           into result: inout Voorzieningen, locator: FeatureLocator, notes: inout [String]) throws {
        let (xs, ys) = try locator.locations(of: table, allowed: Self.locatable)
        let types = table.column(typeColumn ?? "type"), names = table.column(nameColumn ?? "name")
        let mapped = mapping.map { m in m.columns.map { ($0, table.column($0)) } } ?? []
        var unmapped = 0
        for f in 0..<table.count {
            if let mapping {
                let found = mapping.types { column in
                    guard let column else { return typeColumn != nil ? types[f].text : nil }
                    return mapped.first { $0.0 == column }?.1[f].text
                }
                if found.isEmpty { unmapped += 1 }
                for type in found { result.append(type: type, name: names[f].text ?? "", x: xs[f], y: ys[f]) }
                continue
            }
            guard case let .string(raw) = types[f] else {
                let found = types[f] == .absent ? "it has none" : "found \(types[f].description)"
                throw CirkelError.invalidFeature(file: table.source, index: f, reason: "every voorziening needs a \"\(typeColumn ?? "type")\" (a string such as \"huisarts\"); \(found)")
            }
            let type = Criterion.normalisedType(raw)
            guard !type.isEmpty else {
                throw CirkelError.invalidFeature(file: table.source, index: f, reason: "\"\(typeColumn ?? "type")\" is empty")
            }
            result.append(type: type, name: names[f].text ?? "", x: xs[f], y: ys[f])
        }
        if let mapping {
            notes.append("\(table.source): \((table.count - unmapped).groupedDigits) of \(table.count.groupedDigits) rows are voorzieningen by mapping \(mapping.name); \(unmapped.groupedDigits) match no rule")
        }
    }

    func readHaltes(_ table: FeatureTable, into result: inout Voorzieningen, locator: FeatureLocator) throws {
        let (xs, ys) = try locator.locations(of: table, allowed: [.point, .polygon])
        let names = table.column("name")
        for f in 0..<table.count {
            result.append(type: Voorzieningen.ovHalteType, name: names[f].text ?? "", x: xs[f], y: ys[f])
        }
    }
}
