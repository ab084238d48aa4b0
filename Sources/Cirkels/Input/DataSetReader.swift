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

    public mutating func read(folder: String) throws -> DataSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CirkelError.missingFile(path: folder, reason: "no such data folder (it should hold \(Self.buildingsFile), \(Self.voorzieningenFile) and \(Self.haltesFile))")
        }
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        func required(_ name: String) throws -> String {
            let p = path(name)
            guard FileManager.default.fileExists(atPath: p) else {
                throw CirkelError.missingFile(path: p, reason: "missing: a data set needs \(Self.buildingsFile), \(Self.voorzieningenFile) and \(Self.haltesFile) (\(Self.buurtenFile) is optional)")
            }
            return p
        }
        var timings = StageTimings()
        defer { self.timings = timings }
        let buildingsPath = try required(Self.buildingsFile)
        let voorzieningenPath = try required(Self.voorzieningenFile)
        let haltesPath = try required(Self.haltesFile)
        let buurtenPath: String? = FileManager.default.fileExists(atPath: path(Self.buurtenFile)) ? path(Self.buurtenFile) : nil

        var tables = try timings.measure("parse") {
            try wrappingGeoErrors {
                [
                    try GeoJSONReader(properties: ["id", "units", "nultreden"], parallelism: parallelism).read(path: buildingsPath),
                    try GeoJSONReader(properties: ["type", "name"], parallelism: parallelism).read(path: voorzieningenPath),
                    try GeoJSONReader(properties: ["name", "mode"], parallelism: parallelism).read(path: haltesPath),
                ] + (try buurtenPath.map { [try GeoJSONReader(properties: ["code", "name", "buurtcode", "buurtnaam"], parallelism: parallelism).read(path: $0)] } ?? [])
            }
        }
        let locator = FeatureLocator(parallelism: parallelism)
        try timings.measure("project") {
            for k in tables.indices {
                try wrappingGeoErrors { try locator.projectToRD(&tables[k]) }
                try locator.checkRDInput(tables[k])
            }
        }
        let reader = self
        return try timings.measure("locate") {
            let buildings = try reader.readBuildings(tables[0], locator: locator)
            var voorzieningen = try reader.readVoorzieningen(tables[1], locator: locator)
            try reader.readHaltes(tables[2], into: &voorzieningen, locator: locator)
            let buurten = try tables.count > 3 ? reader.readBuurten(tables[3]) : Buurten()
            return DataSet(buildings: buildings, voorzieningen: voorzieningen, buurten: buurten, source: folder)
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

    func readVoorzieningen(_ table: FeatureTable, locator: FeatureLocator) throws -> Voorzieningen {
        let (xs, ys) = try locator.locations(of: table, allowed: Self.locatable)
        let types = table.column("type"), names = table.column("name")
        var result = Voorzieningen()
        for f in 0..<table.count {
            guard case let .string(raw) = types[f] else {
                let found = types[f] == .absent ? "it has none" : "found \(types[f].description)"
                throw CirkelError.invalidFeature(file: table.source, index: f, reason: "every voorziening needs a \"type\" (a string such as \"huisarts\"); \(found)")
            }
            let type = Criterion.normalisedType(raw)
            guard !type.isEmpty else {
                throw CirkelError.invalidFeature(file: table.source, index: f, reason: "\"type\" is empty")
            }
            result.append(type: type, name: names[f].text ?? "", x: xs[f], y: ys[f])
        }
        return result
    }

    func readHaltes(_ table: FeatureTable, into result: inout Voorzieningen, locator: FeatureLocator) throws {
        let (xs, ys) = try locator.locations(of: table, allowed: [.point, .polygon])
        let names = table.column("name")
        for f in 0..<table.count {
            result.append(type: Voorzieningen.ovHalteType, name: names[f].text ?? "", x: xs[f], y: ys[f])
        }
    }

    func readBuurten(_ table: FeatureTable) throws -> Buurten {
        var buurten = Buurten()
        let codes = table.column("code"), cbsCodes = table.column("buurtcode")
        let names = table.column("name"), cbsNames = table.column("buurtnaam")
        for f in 0..<table.count {
            guard table.geometries.kinds[f].isPolygonal else {
                throw CirkelError.invalidFeature(file: table.source, index: f, reason: "a buurt must be a Polygon or MultiPolygon, found \(table.geometries.kinds[f].geoJSONName)")
            }
            guard let code = codes[f].text ?? cbsCodes[f].text, !code.isEmpty else {
                throw CirkelError.invalidFeature(file: table.source, index: f, reason: "a buurt needs a \"code\" (or CBS's \"buurtcode\")")
            }
            buurten.codes.append(code)
            buurten.names.append(names[f].text ?? cbsNames[f].text ?? "")
        }
        buurten.geometries = table.geometries
        return buurten
    }
}
