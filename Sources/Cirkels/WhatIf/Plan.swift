import Foundation

/// A what-if plan: voorzieningen and buildings that do not exist yet.
///
/// A plan file is one GeoJSON FeatureCollection (WGS84, or RD New with the `crs` member).
/// A feature with a `type` is a planned voorziening (`ov_halte` for a halte); a feature with
/// `units` is a planned building (`nultreden` as in buildings.geojson, default allowed).
public struct Plan: Sendable {
    public var voorzieningen = Voorzieningen()
    public var buildings = Buildings()

    public init() {}

    public var isEmpty: Bool { voorzieningen.count == 0 && buildings.count == 0 }

    public static func read(path: String, parallelism: Parallelism = Parallelism(workers: 1)) throws -> Plan {
        var table = try wrappingGeoErrors { try GeoJSONReader(properties: ["type", "name", "units", "nultreden", "id"]).read(path: path) }
        let locator = FeatureLocator(parallelism: parallelism)
        try wrappingGeoErrors { try locator.projectToRD(&table) }
        try locator.checkRDInput(table)
        let (xs, ys) = try locator.locations(of: table, allowed: [.point, .polygon, .multiPolygon])
        let types = table.column("type"), names = table.column("name"), units = table.column("units")
        let nultreden = table.column("nultreden"), ids = table.column("id")
        var plan = Plan()
        for f in 0..<table.count {
            func fail(_ reason: String) -> CirkelError { .invalidFeature(file: path, index: f, reason: reason) }
            switch (types[f], units[f]) {
            case let (.string(type), .absent):
                let normalised = Criterion.normalisedType(type)
                guard !normalised.isEmpty else { throw fail("\"type\" is empty") }
                plan.voorzieningen.append(type: normalised, name: names[f].text ?? "", x: xs[f], y: ys[f])
            case let (.absent, .number(n)):
                guard n.isFinite, n >= 1, n.rounded() == n, n <= Double(Int32.max) else {
                    throw fail("\"units\" of a planned building must be a whole number ≥ 1, found \(units[f].description)")
                }
                let allowed = try BuildingProperties.nultredenAllowed(nultreden[f], fail: fail)
                let id = ids[f].text ?? table.featureIDs[f].text ?? "plan-\(f)"
                plan.buildings.append(id: id, x: xs[f], y: ys[f], units: Int(n), nultredenAllowed: allowed)
            case (.absent, .absent):
                throw fail("a planned feature needs a \"type\" (a voorziening) or \"units\" (homes)")
            case (.string, _):
                throw fail("a planned feature has either a \"type\" (a voorziening) or \"units\" (homes), not both")
            default:
                throw fail("\"type\" must be a string and \"units\" a whole number; found type \(types[f].description), units \(units[f].description)")
            }
        }
        return plan
    }
}

extension DataSet {
    /// The data set with a plan's voorzieningen and buildings added (buildings after the
    /// existing ones, so existing indices keep their meaning).
    public func applying(_ plan: Plan) -> DataSet {
        var result = self
        for k in 0..<plan.voorzieningen.count {
            result.voorzieningen.append(type: plan.voorzieningen.types[k], name: plan.voorzieningen.names[k],
                                        x: plan.voorzieningen.xs[k], y: plan.voorzieningen.ys[k])
        }
        for k in 0..<plan.buildings.count {
            result.buildings.append(id: plan.buildings.ids[k], x: plan.buildings.xs[k], y: plan.buildings.ys[k],
                                    units: Int(plan.buildings.units[k]), nultredenAllowed: plan.buildings.nultredenAllowed[k])
        }
        return result
    }
}
