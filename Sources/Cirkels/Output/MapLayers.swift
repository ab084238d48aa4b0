/// The GeoJSON layers: clusters, vlekkenkaart, and buurten with their coverage figures.
///
/// Each layer is a `ChunkedText`: its features are projected to the output CRS and formatted
/// a chunk at a time, in parallel, so a national clusters layer never exists twice in memory.
struct MapLayers {
    let result: AnalysisResult
    let crs: CoordinateReferenceSystem
    let writer: GeoJSONWriter
    /// One RD New → output transformation per worker that needs one.
    let projections: ResourcePool<Projection>

    init(result: AnalysisResult, crs: CoordinateReferenceSystem) {
        self.result = result
        self.crs = crs
        writer = GeoJSONWriter(crs: crs)
        projections = ResourcePool { try wrappingGeoErrors { try Projection(from: .rdNew, to: crs) } }
    }

    /// The top-level member recording how the file was made.
    var provenance: [(String, JSONDocument)] {
        [("cirkel", .object([("profile", ProfileLoader.document(for: result.profile))]))]
    }

    /// Features `features` of an RD New column, as a column of their own in the output CRS.
    func projected(_ features: Range<Int>, of column: GeometryColumn) throws -> GeometryColumn {
        var part = GeometryColumn(features: features, of: column)
        guard crs != .rdNew, part.xs.count > 0 else { return part }
        try part.withMutableCoordinates { xs, ys in
            try projections.use { projection in try wrappingGeoErrors { try projection.transform(xs: &xs, ys: &ys) } }
        }
        return part
    }

    /// A layer of `count` features, `perChunk` to a chunk: feature f has the geometry of
    /// feature f of `geometries` (RD New) and `properties(f)`.
    func layer(_ geometries: GeometryColumn, perChunk: Int, properties: @escaping (Int) -> [(String, OutputValue)]) -> ChunkedText {
        let count = geometries.count
        return ChunkedText(head: writer.head(members: provenance), chunkCount: ChunkedText.chunks(items: count, perChunk: perChunk),
                           tail: writer.tail(featureCount: count)) { [self] k in
            let features = ChunkedText.items(ofChunk: k, items: count, perChunk: perChunk)
            let part = try projected(features, of: geometries)
            var buffer = ByteBuffer()
            for (g, f) in features.enumerated() {
                writer.appendFeature(number: f, geometry: g, of: part, properties: properties(f), to: &buffer)
            }
            return buffer
        }
    }

    func clusters(perChunk: Int = 256) -> ChunkedText {
        let clusters = result.clusters.clusters
        return layer(result.clusterOutlines, perChunk: perChunk) { k in
            let c = clusters[k]
            return [
                ("id", .integer(c.id)), ("units", .integer(c.units)), ("buildings", .integer(c.members.count)),
                ("extent_m", .fixed(c.extent, decimals: 2)),
                ("centroid_x", .fixed(c.centroidX, decimals: 2)), ("centroid_y", .fixed(c.centroidY, decimals: 2)),
            ]
        }
    }

    func clustersTable() -> CSVTable {
        var table = CSVTable(columns: ["id", "units", "buildings", "centroid_x", "centroid_y", "extent_m", "profile"])
        for c in result.clusters.clusters {
            table.appendRow([.integer(c.id), .integer(c.units), .integer(c.members.count), .fixed(c.centroidX, decimals: 2),
                             .fixed(c.centroidY, decimals: 2), .fixed(c.extent, decimals: 2), .string(result.profile.name)])
        }
        return table
    }

    func vlekkenkaart(_ map: Vlekkenkaart) -> ChunkedText {
        let criteria = result.profile.criteria
        // A vlek can hold a large part of the country: one to a chunk.
        return layer(map.geometries, perChunk: 1) { k in
            let v = map.vlekken[k]
            var properties: [(String, OutputValue)] = [
                ("score", .trimmed(v.score, decimals: 6)), ("complete", .bool(v.complete)), ("area_m2", .fixed(v.area, decimals: 2)),
                ("buildings", .integer(v.buildings)), ("units", .integer(v.units)),
            ]
            for (c, criterion) in criteria.enumerated() { properties.append((criterion.name, .string(v.signature.levels[c].name))) }
            return properties
        }
    }

    /// Buurten with every coverage column, ready for a choropleth.
    func buurten() throws -> ChunkedText {
        // Input rings may turn either way; passing each buurt through GEOS writes them in
        // RFC 7946 orientation.
        let context = GEOSContext()
        var oriented = GeometryColumn()
        for k in 0..<result.data.buurten.count {
            _ = try wrappingGeoErrors { try context.geometry(feature: k, of: result.data.buurten.geometries).appendPolygons(to: &oriented) }
        }
        // The profile is recorded once, in the top-level `cirkel` member.
        let columns = CoverageTable.columns(result.profile)
        let kept = columns.indices.filter { columns[$0] != "buildings_outside_buurten" && columns[$0] != "profile" }
        let analysis = result
        return layer(oriented, perChunk: 64) { k in
            let row = CoverageTable.row(analysis.coverage.areas[k], isTotal: false, coverage: analysis.coverage, profile: analysis.profile)
            return kept.map { (columns[$0], row[$0]) }
        }
    }
}
