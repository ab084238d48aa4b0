/// The outline of every cluster (SPEC §4): the union of discs of radius link/2 around its
/// members, one MultiPolygon feature per cluster in cluster order, in RD New.
public enum ClusterOutlines {
    public static func outlines(of clusters: Clusters, buildings: Buildings, settings: ClusterSettings,
                                shape: DiscShape, parallelism: Parallelism) throws -> GeometryColumn {
        let list = clusters.clusters
        let pieces = ResultSlots<GeometryColumn>(count: list.count)
        try parallelism.forEachRange(count: list.count) { range, _ in
            let context = GEOSContext()
            for k in range {
                let discs = try list[k].members.map {
                    try context.disc(x: buildings.xs[$0], y: buildings.ys[$0], radius: settings.link / 2, shape: shape)
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
