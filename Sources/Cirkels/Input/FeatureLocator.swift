import Foundation

/// Projects a feature table into RD New, checks every coordinate against the RD domain,
/// and finds each feature's location (its point, or a polygon's point on surface).
struct FeatureLocator {
    let parallelism: Parallelism

    /// Projects `table`'s geometries to RD New in place (no-op for RD input), on all workers.
    func projectToRD(_ table: inout FeatureTable) throws {
        guard table.crs != .rdNew, table.geometries.xs.count > 0 else { return }
        let original = table.geometries
        let source = table.crs
        var projected = table.geometries
        try projected.withMutableCoordinates { xs, ys in
            try Projection.transform(xs: &xs, ys: &ys, from: source, to: .rdNew, parallelism: parallelism)
        }
        try checkDomain(projected, original: original, declared: source, file: table.source)
        table.geometries = projected
    }

    /// Every coordinate must lie in the RD New domain (SPEC §1).
    func checkDomain(_ projected: GeometryColumn, original: GeometryColumn, declared: CoordinateReferenceSystem, file: String) throws {
        for feature in 0..<projected.count {
            for c in projected.coordinateRange(of: feature) where !RDNewDomain.contains(x: projected.xs[c], y: projected.ys[c]) {
                let x = original.xs[c], y = original.ys[c]
                let hint = RDNewDomain.hint(originalX: x, originalY: y, declared: declared)
                throw CirkelError.invalidFeature(file: file, index: feature,
                    reason: "coordinate (\(x), \(y)) lies outside the RD New domain after projection: \(hint)")
            }
        }
    }

    /// Checks an RD input's domain (no projection needed).
    func checkRDInput(_ table: FeatureTable) throws {
        guard table.crs == .rdNew else { return }
        try checkDomain(table.geometries, original: table.geometries, declared: .rdNew, file: table.source)
    }

    /// The location of every feature (SPEC §2): a Point's coordinate, a polygon's point on
    /// surface from GEOS. Other geometry types are an error naming the feature.
    func locations(of table: FeatureTable, allowed: Set<GeometryKind>) throws -> (xs: [Double], ys: [Double]) {
        let g = table.geometries
        var xs = [Double](repeating: 0, count: g.count), ys = [Double](repeating: 0, count: g.count)
        var polygonal: [Int] = []
        for feature in 0..<g.count {
            let kind = g.kinds[feature]
            guard allowed.contains(kind) else {
                let names = allowed.map(\.geoJSONName).sorted().joined(separator: ", ")
                throw CirkelError.invalidFeature(file: table.source, index: feature, reason: "geometry type \(kind.geoJSONName) is not allowed here (expected \(names))")
            }
            if kind == .point {
                let c = g.coordinateRange(of: feature).lowerBound
                xs[feature] = g.xs[c]
                ys[feature] = g.ys[c]
            } else {
                polygonal.append(feature)
            }
        }
        guard !polygonal.isEmpty else { return (xs, ys) }
        let found = ResultSlots<(Double, Double)>(count: polygonal.count)
        try parallelism.forEachRange(count: polygonal.count) { range, _ in
            let context = GEOSContext()
            for k in range {
                let feature = polygonal[k]
                do {
                    let geometry = try context.geometry(feature: feature, of: g)
                    found.set(k, try geometry.pointOnSurface())
                } catch let error as GeoError {
                    throw CirkelError.invalidFeature(file: table.source, index: feature, reason: "cannot find a point on the polygon's surface (\(error))")
                }
            }
        }
        for (k, feature) in polygonal.enumerated() {
            let (x, y) = found.value(k)!
            xs[feature] = x
            ys[feature] = y
        }
        return (xs, ys)
    }
}
