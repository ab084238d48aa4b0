/// The outline of every cluster (SPEC §4): the union of discs of radius link/2 around its
/// members, one MultiPolygon feature per cluster in cluster order, in RD New.
public enum ClusterOutlines {
    public static func outlines(of clusters: Clusters, buildings: Buildings, settings: ClusterSettings,
                                shape: DiscShape, parallelism: Parallelism) throws -> GeometryColumn {
        let list = clusters.clusters
        let pieces = ResultSlots<GeometryColumn>(count: list.count)
        // Clusters come largest first; dealing them out in turn keeps the workers evenly
        // loaded (contiguous ranges would give one worker all the big ones).
        let workers = min(parallelism.workers, max(1, list.count))
        try parallelism.run(chunks: workers) { worker in
            let context = GEOSContext()
            for k in stride(from: worker, to: list.count, by: workers) {
                // Members at the same spot (the flats of one building, as BAG's addresses
                // are) give the same disc: one is enough.
                var seen = Set<SIMD2<Double>>()
                let spots = list[k].members.map { SIMD2(buildings.xs[$0], buildings.ys[$0]) }.filter { seen.insert($0).inserted }
                let discs = try spots.map {
                    try context.disc(x: $0.x, y: $0.y, radius: settings.link / 2, shape: shape)
                }
                var column = GeometryColumn()
                try context.union(of: discs).appendPolygons(to: &column)
                pieces.set(k, column)
            }
        }
        var outlines = GeometryColumn()
        for k in 0..<list.count {
            let piece = pieces.value(k)!
            outlines.appendParts(of: 0, from: piece)
            outlines.endFeature(kind: .multiPolygon)
        }
        return outlines
    }
}
