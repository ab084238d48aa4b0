/// Finds the buurt of a single location: the first buurt in file order that covers it
/// (SPEC §6), testing only buurten whose bounding box holds the point.
public struct BuurtLookup: Sendable {
    let buurten: Buurten
    let boxes: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]

    public init(buurten: Buurten) {
        self.buurten = buurten
        let g = buurten.geometries
        boxes = (0..<buurten.count).map { k in
            let range = g.coordinateRange(of: k)
            var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
            for c in range {
                box.minX = min(box.minX, g.xs[c]); box.maxX = max(box.maxX, g.xs[c])
                box.minY = min(box.minY, g.ys[c]); box.maxY = max(box.maxY, g.ys[c])
            }
            return box
        }
    }

    /// The buurt index covering (x, y), or nil. `cache` keeps the prepared buurt polygons
    /// between calls (one cache per thread, with its context).
    public func buurt(at x: Double, _ y: Double, context: GEOSContext, cache: PreparedBuurtCache? = nil) throws -> Int? {
        for (k, box) in boxes.enumerated() where x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY {
            let covered = try wrappingGeoErrors { () throws -> Bool in
                if let prepared = cache?.polygons[k] { return try prepared.covers(x: x, y: y) }
                let prepared = try PreparedGeometry(context.geometry(feature: k, of: buurten.geometries))
                cache?.polygons[k] = prepared
                return try prepared.covers(x: x, y: y)
            }
            if covered { return k }
        }
        return nil
    }
}

/// Prepared buurt polygons kept across many lookups on one thread (a batch of checks).
public final class PreparedBuurtCache {
    var polygons: [Int: PreparedGeometry] = [:]
    public init() {}
}
