/// Which buurt each building lies in (SPEC §6): the first buurt in file order that covers
/// its location. Buurten are tested in parallel, each worker keeping, per building, the
/// smallest buurt index that covers it; the minimum over workers is the first in file order.
public enum BuurtAssignment {
    /// Per building: the buurt index, or -1 for none.
    public static func assign(buildings: Buildings, buurten: Buurten, parallelism: Parallelism) throws -> [Int] {
        let n = buildings.count
        guard buurten.count > 0, n > 0 else { return [Int](repeating: -1, count: n) }
        let grid = GridIndex(xs: buildings.xs, ys: buildings.ys, cellSize: 100)
        let ranges = Parallelism.ranges(count: buurten.count, pieces: parallelism.workers)
        let partial = ResultSlots<[Int32]>(count: ranges.count)
        try parallelism.run(chunks: ranges.count) { chunk in
            let context = GEOSContext()
            var found = [Int32](repeating: -1, count: n)
            for buurt in ranges[chunk] {
                let polygon = try wrappingGeoErrors { try context.geometry(feature: buurt, of: buurten.geometries) }
                let prepared = try wrappingGeoErrors { try PreparedGeometry(polygon) }
                let box = try wrappingGeoErrors { try polygon.envelope() }
                var failure: Error?
                grid.forEach(inRectangle: box.minX, box.minY, box.maxX, box.maxY) { b in
                    guard failure == nil, found[b] < 0 else { return }
                    do {
                        if try prepared.covers(x: buildings.xs[b], y: buildings.ys[b]) { found[b] = Int32(buurt) }
                    } catch {
                        failure = error
                    }
                }
                if let failure { throw failure }
            }
            partial.set(chunk, found)
        }
        var result = [Int](repeating: -1, count: n)
        // Chunks hold increasing buurt ranges, so the first chunk with a hit has the
        // smallest index.
        for chunk in 0..<ranges.count {
            let found = partial.value(chunk)!
            for b in 0..<n where result[b] < 0 && found[b] >= 0 { result[b] = Int(found[b]) }
        }
        return result
    }
}
